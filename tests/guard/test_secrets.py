"""The secrets scanner: every credential family is redacted, look-alikes are left alone, and no secret
survives in the sanitized text however often, wherever and however glued together it appears.

Values are assembled from pieces so the repository itself never holds a complete token-shaped string."""

from __future__ import annotations

import base64
import re
import time

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.secrets import SecretsScanner, find_secrets

SCANNER = SecretsScanner()

GH = "ghp_" + "wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"
AWS = "AKIA" + "Q3EGRZ7KX2VBN4MW"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzR8nQk2Lm4Xv"
STRIPE = "sk_live_" + "ReTllpYQYfIZu2Jnf2lAPFjD"
JWT = (
    "eyJhbGciOiJIUzI1NiJ9."
    + "eyJzdWIiOiIxMjM0NTY3ODkwIn0."
    + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
    "-----END RSA PRIVATE KEY-----"
)
OPENSSH = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "-----END OPENSSH PRIVATE KEY-----"
)
GCP = "AIza" + "SyC9xQm2Lk4Rt7Vw1Bn8Pz3Dq6Fh0Jy5Ua2"
GITLAB = "glpat-" + "x7Rk2mQ9vL4tWb8NcZ1p"
NPM = "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
SLACK_BOT = "xoxb-" + "2345678901-1234567890123-Ab3dEf6hIj9kLmN0pQrStUvW"
SLACK_HOOK = "https://hooks.slack.com/services/" + "T0A1B2C3D/B4E5F6G7H/q8R9s0T1u2V3w4X5y6Z7a8B9"
DISCORD_HOOK = "https://discord.com/api/webhooks/" + "123456789012345678/" + "Ab" * 34
TELEGRAM = "123456789:AA" + "Fx1yZ2wV3uT4sR5qP6oN7mL8kJ9iH0gF1"
OPENAI_PROJECT = "sk-proj-" + "Yj60qcEOgUWPaCS5TUORpWo_-V9iLSrWvqW01RFMw5HEi2ob"
AWS_FAKE_WORD = "AKIA" + "FAKEDOCS0000ZZ11"  # says FAKE, but is shaped like a key: redacted anyway
ENCODED = base64.b64encode(f"{AWS}:{AWS_SECRET}".encode()).decode()
AZURE_KEY = (
    "Xk9mQ2vL7pR4tW8nB3cZ6fH1jD5sG0aY"
    + "2eU7iO4rT9wE3qA6zX1cV8bN5mK0lP3jH7gF2dS9aQ4wE6rT8yU1iO5pL=="
)


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        # cloud keys
        (f'access_key = "{AWS}"', AWS, "aws-access-key"),
        (f"aws_secret_access_key = {AWS_SECRET}", AWS_SECRET, "generic-secret"),
        (f"gcp key {GCP} for maps", GCP, "gcp-api-key"),
        (
            f"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net",
            AZURE_KEY,
            "azure-storage-key",
        ),
        # VCS and CI tokens
        (f"token {GH} please", GH, "github-token"),
        (f"GITLAB_TOKEN={GITLAB}", GITLAB, "gitlab-token"),
        (f"//registry.npmjs.org/:_authToken={NPM}", NPM, "npm-token"),
        # chat and webhook tokens
        (f"SLACK_BOT_TOKEN: {SLACK_BOT}", SLACK_BOT, "slack-token"),
        (f"webhook_url: {SLACK_HOOK}", SLACK_HOOK[len("https://") :], "slack-webhook"),
        (f"notify {DISCORD_HOOK}", DISCORD_HOOK, "discord-webhook"),
        (f"bot = Bot('{TELEGRAM}')", TELEGRAM, "telegram-bot-token"),
        # payment
        (f"STRIPE={STRIPE}", STRIPE, "stripe-key"),
        # private keys and JWTs
        (f"key:\n{PEM}\n", PEM, "private-key"),
        (f"id_ed25519:\n{OPENSSH}", OPENSSH, "private-key"),
        (f"Authorization: Bearer {JWT}", JWT, "jwt"),
        # connection strings, URLs with passwords, CLI credentials, generic assignments
        (
            "Server=db.internal;Database=app;User Id=app;Password=Zx9vQ2mLp7Rt;",
            "Zx9vQ2mLp7Rt",
            "connection-string-password",
        ),
        (
            "DATABASE_URL=postgres://app:Zx9vQ2mLp7Rt@db.internal:5432/app",
            "Zx9vQ2mLp7Rt",
            "url-credentials",
        ),
        (
            "curl -u deploy:'pRf7vG2h1L8nQkW9' https://ci.example.com",
            "pRf7vG2h1L8nQkW9",
            "cli-credentials",
        ),
        ('db_password = "Tr0ub4dor-3xQv9Lm"', "Tr0ub4dor-3xQv9Lm", "generic-secret"),
        ("password: hunter2-Prod!", "hunter2-Prod!", "generic-secret"),
        (
            'if (apiKey === "q8Z2mR7vL4pK9xW3nB6t") { return }',
            "q8Z2mR7vL4pK9xW3nB6t",
            "generic-secret",
        ),
        ("mysql --password=Hq7#vN2pLk9z db", "Hq7#vN2pLk9z", "generic-secret"),
        # newer vendor formats and disguises
        (f"OPENAI_API_KEY={OPENAI_PROJECT}", OPENAI_PROJECT, "openai-key"),
        (f'access_key = "{AWS_FAKE_WORD}"', AWS_FAKE_WORD, "aws-access-key"),
        (f"legacy creds (base64): {ENCODED}", ENCODED, "encoded-secret"),
    ],
)
def test_secret_is_redacted(text: str, secret: str, kind: str) -> None:
    result = SCANNER.scan(text)
    assert result.outcome == "sanitized" and result.risk == 1.0 and not result.blocked
    assert secret not in result.text, result.text
    assert f"[REDACTED_{kind.upper().replace('-', '_')}]" in result.text, result.text
    assert kind in {d.kind for d in result.detections}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("git revert 4ef808de68d5590dbfffe905513d2c554df64d7b", id="git-sha"),
        pytest.param('commit = "4ef808de68d5590dbfffe905513d2c554df64d7b"', id="quoted-git-sha"),
        pytest.param(
            "image: nginx@sha256:a7fe2a46046675cdf4ea2e38963a8e50276ee3d984f9364f0a909af70bc8a2a8",
            id="digest",
        ),
        pytest.param("Request ID d3c4de52-10c3-d47a-d6db-f846a1455398 failed", id="uuid"),
        pytest.param('role_arn = "arn:aws:iam::123456789012:role/deploy"', id="arn"),
        pytest.param(
            'kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
            id="kms-arn",
        ),
        pytest.param("password: ${{ secrets.DB_PASSWORD }}", id="gha-secret-ref"),
        pytest.param("aws_secret_access_key = var.aws_secret_key", id="terraform-var"),
        pytest.param('password = "{{ vault_db_password }}"', id="template-ref"),
        pytest.param("token: $GITHUB_TOKEN", id="env-ref"),
        pytest.param('api_key = "<your-key>"', id="placeholder-angle"),
        pytest.param("password = changeme", id="placeholder-changeme"),
        pytest.param("token = xxxxxxxxxxxxxxxxxxxx", id="placeholder-x"),
        pytest.param("SUMO_ACCESS_KEY={SumoAccessKey}", id="template-slot"),
        pytest.param("curl -u username:password https://example.com", id="curl-placeholder"),
        pytest.param("The AWS docs use AKIAIOSFODNN7EXAMPLE in examples", id="aws-doc-example"),
        pytest.param(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb9pLfXWq alice@laptop", id="ssh-public-key"
        ),
        pytest.param(
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
            "-----END PUBLIC KEY-----",
            id="pem-public-key",
        ),
        pytest.param("echo 'eyJyZXBsaWNhcyI6IDl9' | base64 -d", id="benign-base64"),
        pytest.param(
            'user_data = "'
            + base64.b64encode(
                b"#!/bin/bash\nyum install -y nginx\nsystemctl enable nginx\n"
            ).decode()
            + '"',
            id="benign-user-data",
        ),
        pytest.param('"bucket_key": "SalesResults-1.2"', id="identifier-value"),
        pytest.param("token_url = https://login.example.com/oauth2/token", id="token-url"),
        pytest.param('password_min_length = "14"', id="password-policy"),
        pytest.param("Create an S3 bucket with versioning enabled.", id="plain-request"),
    ],
)
def test_no_false_positive(text: str) -> None:
    result = SCANNER.scan(text)
    assert result == ScanResult(
        scanner="Secrets", text=text, outcome="pass", risk=0.0, elapsed_ms=result.elapsed_ms
    ), result.text


def _fragments(secret: str, size: int = 8) -> list[str]:
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def test_repeated_overlapping_and_glued_secrets_leave_no_secret_characters() -> None:
    text = (
        f"first {GH} then again {GH}; aws {AWS} and token={GH}\n"
        f"url https://ci:{GH}@git.example.com/x and {STRIPE}{STRIPE}\n"
        f"glued {AWS}{GH} and in a sentence: my key is {AWS}, remember {AWS}."
    )
    result = SCANNER.scan(text)
    for secret in (GH, AWS, STRIPE):
        assert secret not in result.text
        assert not any(f in result.text for f in _fragments(secret)), secret
    assert result.text.count("[REDACTED_") >= 8
    spans = [(d.start, d.end) for d in result.detections]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_a_value_found_once_is_redacted_everywhere() -> None:
    # the second occurrence has no keyword and no shape a rule would see on its own
    text = 'db_password = "Tr0ub4dor-3xQv9Lm"\nlater the logs printed Tr0ub4dor-3xQv9Lm again'
    result = SCANNER.scan(text)
    assert "Tr0ub4dor-3xQv9Lm" not in result.text
    assert result.text.count("[REDACTED_GENERIC_SECRET]") == 2


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
    assert GH not in text and re.fullmatch(r"x \[REDACTED_GITHUB_TOKEN:[0-9a-f]{12}\]", text)


def test_bad_redact_mode() -> None:
    with pytest.raises(ValueError, match="redact_mode"):
        SecretsScanner(redact_mode="shout")  # type: ignore[arg-type]


def test_pathological_input_stays_bounded() -> None:
    """Bounded quantifiers only: adversarial input must not trigger catastrophic backtracking (a generous
    bound, far above normal cost; the speed budget itself is measured by `palisade guard bench`)."""
    evil = (
        "password="
        + "a" * 50_000
        + " "
        + "-----BEGIN PRIVATE KEY-----"
        + "A" * 20_000
        + " "
        + "token" * 5_000
        + " "
        + "=" * 10_000
        + " xoxb-"
        + "1" * 30_000
    )
    started = time.process_time()
    SCANNER.scan(evil)
    assert time.process_time() - started < 3.0


def test_find_secrets_reports_kinds_and_spans() -> None:
    text = f"a {AWS} b"
    (found,) = find_secrets(text)
    assert (found.kind, text[found.start : found.end]) == ("aws-access-key", AWS)
