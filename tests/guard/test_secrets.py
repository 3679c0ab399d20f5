from __future__ import annotations

import time

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.secrets import SecretsScanner

GH = "ghp_" + "wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"
AWS = "AKIA" + "Q3EGRZ7KX2VBN4MW"
STRIPE = "sk_live_" + "ReTllpYQYfIZu2Jnf2lAPFjD"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
    "-----END RSA PRIVATE KEY-----"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"token {GH} please", "token [REDACTED_GITHUB_TOKEN] please", id="github-pat"),
        pytest.param(
            f'access_key = "{AWS}"', 'access_key = "[REDACTED_AWS_ACCESS_KEY]"', id="aws-key"
        ),
        pytest.param(f"STRIPE={STRIPE}", "STRIPE=[REDACTED_STRIPE_KEY]", id="stripe"),
        pytest.param(
            f"Authorization: Bearer {JWT}", "Authorization: Bearer [REDACTED_JWT]", id="jwt"
        ),
        pytest.param(f"key:\n{PEM}\n", "key:\n[REDACTED_PRIVATE_KEY]\n", id="private-key-block"),
        pytest.param(
            "DATABASE_URL=postgres://app:Zx9vQ2mLp7Rt@db.internal:5432/app",
            "DATABASE_URL=postgres://app:[REDACTED_URL_CREDENTIALS]@db.internal:5432/app",
            id="url-password",
        ),
        pytest.param(
            'db_password = "Tr0ub4dor-3xQv9Lm"',
            'db_password = "[REDACTED_GENERIC_SECRET]"',
            id="generic",
        ),
    ],
)
def test_secret_is_redacted(text: str, expected: str) -> None:
    result = SecretsScanner().scan(text)
    assert result.outcome == "sanitized"
    assert result.text == expected
    assert result.risk == 1.0
    assert not result.blocked


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("git revert 4ef808de68d5590dbfffe905513d2c554df64d7b", id="git-sha"),
        pytest.param(
            "image: nginx@sha256:a7fe2a46046675cdf4ea2e38963a8e50276ee3d984f9364f0a909af70bc8a2a8",
            id="digest",
        ),
        pytest.param("Request ID d3c4de52-10c3-d47a-d6db-f846a1455398 failed", id="uuid"),
        pytest.param('role_arn = "arn:aws:iam::123456789012:role/deploy"', id="arn"),
        pytest.param("password: ${{ secrets.DB_PASSWORD }}", id="gha-secret-ref"),
        pytest.param("aws_secret_access_key = var.aws_secret_key", id="terraform-var"),
        pytest.param('api_key = "<your-key>"', id="placeholder-angle"),
        pytest.param("password = changeme", id="placeholder-changeme"),
        pytest.param("token = xxxxxxxxxxxxxxxxxxxx", id="placeholder-x"),
        pytest.param("The AWS docs use AKIAIOSFODNN7EXAMPLE in examples", id="aws-doc-example"),
        pytest.param(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb9pLfXWq alice@laptop", id="public-key"
        ),
        pytest.param("echo 'eyJyZXBsaWNhcyI6IDl9' | base64 -d", id="benign-base64"),
        pytest.param("Create an S3 bucket with versioning enabled.", id="plain-request"),
    ],
)
def test_no_false_positive(text: str) -> None:
    result = SecretsScanner().scan(text)
    assert result == ScanResult(
        scanner="Secrets", text=text, outcome="pass", risk=0.0, elapsed_ms=result.elapsed_ms
    )


def test_repeated_and_overlapping_secrets_leave_no_secret_characters() -> None:
    text = (
        f"first {GH} then again {GH}; aws {AWS} and token={GH}\n"
        f"url https://ci:{GH}@git.example.com/x and {STRIPE}{STRIPE}"
    )
    result = SecretsScanner().scan(text)
    for secret in (GH, AWS, STRIPE):
        assert secret not in result.text
        # no 8-character fragment of a secret survives either
        assert not any(secret[i : i + 8] in result.text for i in range(len(secret) - 7))
    assert result.text.count("[REDACTED_") >= 5
    spans = [(d.start, d.end) for d in result.detections]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        pytest.param("all", "x [REDACTED_GITHUB_TOKEN]", id="all"),
        pytest.param("partial", "x gh[REDACTED_GITHUB_TOKEN]Ux", id="partial"),
    ],
)
def test_redact_modes(mode: str, expected: str) -> None:
    assert SecretsScanner(redact_mode=mode).scan(f"x {GH}").text == expected  # type: ignore[arg-type]


def test_hash_mode_hides_value() -> None:
    text = SecretsScanner(redact_mode="hash").scan(f"x {GH}").text
    assert GH not in text and text.startswith("x [REDACTED_GITHUB_TOKEN:")


def test_fast_on_short_prompt() -> None:
    scanner = SecretsScanner()
    prompt = (
        "Please create a private S3 bucket named audit-logs in eu-west-1 with versioning, KMS encryption, "
        "access logging to the central bucket, lifecycle rules after ninety days and tags owner=platform "
        f"team=security; my key is {AWS} if needed"
    )
    scanner.scan(prompt)
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        scanner.scan(prompt)
    per_call_ms = (time.perf_counter() - started) * 1000 / runs
    assert per_call_ms < 2.0  # typically ~0.1 ms; generous for slow CI machines


def test_pathological_input_is_linear() -> None:
    scanner = SecretsScanner()
    evil = "password=" + "a" * 50_000 + " " + "-----BEGIN PRIVATE KEY-----" + "A" * 20_000
    started = time.perf_counter()
    scanner.scan(evil)
    assert time.perf_counter() - started < 1.0
