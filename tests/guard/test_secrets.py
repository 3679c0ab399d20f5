"""The secrets scanner: every credential family is redacted, look-alikes are left alone, and no secret
survives in the sanitized text however often, wherever and however glued together it appears.

Values are assembled from pieces so the repository itself never holds a complete token-shaped string."""

from __future__ import annotations

import base64
import json
import random
import re
import time
from pathlib import Path

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.secrets import SecretsScanner, find_secrets

SCANNER = SecretsScanner()
_INDEPENDENT = Path(__file__).resolve().parents[1] / "data" / "secrets" / "independent.jsonl"

# Bodies of the newer formats come from a seeded generator, so no complete token sits in the repository.
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_HEX = "0123456789abcdef"
_B64URL = _ALNUM + "-_"


def _body(n: int, alphabet: str = _ALNUM, seed: int = 0) -> str:
    rng = random.Random(f"{seed}:{n}:{alphabet}")
    return "".join(rng.choice(alphabet) for _ in range(n))


def _token(prefix: str, n: int, alphabet: str = _ALNUM, suffix: str = "") -> str:
    return prefix + _body(n, alphabet, seed=len(prefix)) + suffix


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
        # references, hashes, public material, masks and prose around the carriers of CARRIERS below
        pytest.param("password: vault:secret/data/prod/db#password", id="vault-path"),
        pytest.param("password: ref+vault://secret/data/db#/password", id="vals-ref"),
        pytest.param("password = random_password.db.result", id="terraform-attribute"),
        pytest.param("password=${DB_PASSWORD:?missing}", id="shell-expansion-modifier"),
        pytest.param("password = sensitive(var.admin_password)", id="function-call"),
        pytest.param("token_sha256: " + _body(64, _HEX), id="hash-of-token"),
        pytest.param("access_key_id_last_used: 2025-05-11T07:36:00Z", id="timestamp"),
        pytest.param(
            "client-certificate-data: "
            + base64.b64encode(b"-----BEGIN CERTIFICATE-----\n" + b"MIIC" * 40).decode(),
            id="kubeconfig-client-cert",
        ),
        pytest.param("STRIPE_PUBLISHABLE_KEY=pk_" + "live_51" + _body(90), id="publishable-key"),
        pytest.param(
            "mapboxgl.accessToken = 'pk." + "eyJ" + _body(60, _B64URL) + "';", id="mapbox-public"
        ),
        pytest.param(
            "password: ENC[AES256_GCM,data:" + _body(24) + ",iv:" + _body(43) + ",type:str]",
            id="sops",
        ),
        pytest.param(
            "encryptedData:\n  password: AgB" + _body(600, _ALNUM + "+/") + "==", id="sealed-secret"
        ),
        pytest.param(
            "Server=myServer;Database=myDb;User Id=myUser;Password=myPassword;",
            id="docs-my-password",
        ),
        pytest.param("DB_PASSWORD=[MASKED]", id="ci-masked"),
        pytest.param("  + master_password = (sensitive value)", id="terraform-sensitive"),
        pytest.param('credential_source = "Ec2InstanceMetadata"', id="credential-source"),
        pytest.param(
            "DATABASE_URL=postgres://app:app@localhost:5432/app_dev", id="user-equals-password"
        ),
        pytest.param(
            "auth:\n  secretKeys:\n    adminPasswordKey: postgres-password",
            id="yaml-key-on-next-line",
        ),
        pytest.param(
            "# public key: age1" + _body(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l"), id="age-recipient"
        ),
        pytest.param("gpg: key 171325972B704B66: public key imported", id="gpg-key-id"),
        pytest.param(
            "The S3 object key is uploads/2025/03/" + _body(12, _HEX) + ".jpg", id="object-key-path"
        ),
        pytest.param(
            "mongodb+srv://<username>:<password>@cluster0.abcde.mongodb.net/",
            id="xml-like-placeholder",
        ),
        pytest.param(
            '"token_uri": "https://oauth2.googleapis.com/token",\n"auth_provider_x509_cert_url": "x"',
            id="token-url-path",
        ),
        pytest.param(
            "echo $TOKEN | docker login -u ci --password-stdin ghcr.io", id="password-stdin"
        ),
        pytest.param("mysql -u root -p appdb", id="mysql-prompt"),
        pytest.param("Cookie: csrftoken=" + _body(32) + "; theme=dark", id="csrf-cookie"),
        pytest.param("The token expired at 10:42, so the job failed with 401.", id="token-prose"),
        pytest.param("key size 4096-bit, key pair deployer-2024", id="key-words"),
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


# --------------------------------------------------------------------------------------------------
# Vendor formats and carriers beyond the development set (see tests/data/secrets/README.md).

_DISCORD_ID = base64.urlsafe_b64encode(b"1254432440393611734").decode().rstrip("=")
_PEM_BODY = "\n".join(_body(64, _ALNUM + "+/", seed=i) for i in range(4))
_K8S_SECRET_PW = "Harbor" + "82!Quartz417"
_SPRING_PW = "Ember" + "61_Granite433"

VENDOR_TOKENS = [
    pytest.param(_token("lin_" + "api_", 40), id="linear"),
    pytest.param(_token("sbp_", 40, _HEX), id="supabase-pat"),
    pytest.param(_token("whsec_", 32), id="stripe-webhook-secret"),
    pytest.param(_token("dckr_" + "pat_", 27, _B64URL), id="docker-hub"),
    pytest.param(_token("NRAK-", 27, _ALNUM[:26] + _ALNUM[52:]), id="new-relic-user-key"),
    pytest.param(_token("GOCSPX-", 28, _B64URL), id="google-oauth-secret"),
    pytest.param(_token("AGE-SECRET-" + "KEY-1", 58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"), id="age"),
    pytest.param("tskey-auth-k" + _body(10) + "CNTRL-" + _body(33, seed=1), id="tailscale"),
    pytest.param(
        _token("ATATT3" + "xFfGF0", 170, _B64URL, "=" + _body(8, "0123456789ABCDEF")),
        id="atlassian",
    ),
    pytest.param(_token("AKID", 32), id="tencent"),
    pytest.param(_token("EAAA", 60, _B64URL), id="square-access-token"),
    pytest.param(_body(14) + ".atlas" + "v1." + _body(67, seed=2), id="terraform-cloud"),
    pytest.param(_token("ya29.", 160, _B64URL), id="google-access-token"),
    pytest.param(_token("sk.eyJ", 60, _B64URL, "." + _body(22, _B64URL)), id="mapbox-secret"),
    pytest.param(
        _body(52) + "JQQJ" + "99" + _body(18, seed=3) + "AZDO" + _body(4, seed=4),
        id="azure-devops-pat",
    ),
    pytest.param("dp.st.prd." + _body(40), id="doppler-with-config"),
    pytest.param(
        f"{_DISCORD_ID}.G{_body(5, _B64URL)}.{_body(38, _B64URL)}", id="discord-19-digit-id"
    ),
    pytest.param(_token("sk-or-" + "v1-", 64, _HEX), id="openrouter"),
    pytest.param(_token("oy2", 43, _ALNUM[26:]), id="nuget"),
]


@pytest.mark.parametrize("token", VENDOR_TOKENS)
@pytest.mark.parametrize(
    "template",
    [
        pytest.param("I created {t} for the staging pipeline", id="prose"),
        pytest.param('client = Client("{t}")', id="code"),
    ],
)
def test_vendor_token_is_redacted_bare(token: str, template: str) -> None:
    result = SCANNER.scan(template.format(t=token))
    assert result.outcome == "sanitized" and token not in result.text, result.text
    assert not any(f in result.text for f in _fragments(token, 12)), result.text


CARRIERS = [
    # files people paste
    pytest.param(
        "machine ftp.corp.example\n  login backup\n  password {s}", "qX7!vR2mLp9zK", id="netrc"
    ),
    pytest.param(
        'auth:\n  "auth": "{s}"',
        base64.b64encode(b"ci:" + b"Zk8qLm2Vx9Rt").decode(),
        id="docker-auth",
    ),
    pytest.param(
        "[Interface]\nPrivateKey = {s}\nListenPort = 51820",
        "/" + _body(42, _ALNUM + "+/") + "=",
        id="wireguard",
    ),
    pytest.param(
        "PuTTY-User-Key-File-3: ssh-rsa\nPrivate-Lines: 4\n{s}\nPrivate-MAC: 00",
        _PEM_BODY,
        id="putty",
    ),
    pytest.param(
        '<add key="ClearText' + 'Password" value="{s}" />', "Granite80_Ember516", id="nuget-config"
    ),
    pytest.param(
        "kind: Secret\ndata:\n  password: {s}",
        base64.b64encode(_K8S_SECRET_PW.encode()).decode(),
        id="k8s-secret",
    ),
    pytest.param("spring.datasource.password={s}", _SPRING_PW, id="glued-word-password"),
    pytest.param(
        'db_password         = "{s}"\nregion              = "eu-west-1"',
        "Rx9QikuW00KqMQe",
        id="tfvars-aligned",
    ),
    pytest.param("app.config['SECRET_KEY'] = '{s}'", _body(32, _HEX), id="dict-subscript"),
    # command lines and logs
    pytest.param(
        "+ mysql -h db -u root -p{s} -e 'SHOW DATABASES'", "Cinder33%Cobalt625", id="mysql-p"
    ),
    pytest.param(
        "docker login -u ci -p '{s}' registry.example.com", ";dx71S_QDe3nNp", id="docker-login"
    ),
    pytest.param("sshpass -p '{s}' ssh deploy@10.1.4.7", "yxtJxoSZHYg6gbj", id="sshpass"),
    pytest.param(
        'ConvertTo-SecureString "{s}" -AsPlainText -Force', "8WJws7/ZDNNebMte8", id="powershell"
    ),
    pytest.param(
        "net use Z: \\\\fs01\\share /user:CORP\\backup {s}", "Meadow59!Orchid672", id="net-use"
    ),
    pytest.param("npx vercel deploy --prod --token {s} --yes", _body(24), id="cli-token-flag"),
    pytest.param(
        "kubeadm join 10.0.0.10:6443 --token {s}",
        "mkubnx." + "rljm94oo9o8cc3qh",
        id="kube-bootstrap",
    ),
    # URLs, headers, cookies
    pytest.param("jdbc:oracle:thin:scott/{s}@//db:1521/ORCL", "VZCdrh03pYbFt3G", id="oracle-jdbc"),
    pytest.param(
        "git clone https://{s}@dev.azure.com/acme/_git/infra",
        _body(52, "abcdefghijklmnopqrstuvwxyz234567"),
        id="pat-as-url-user",
    ),
    pytest.param(
        "postgresql://ci:{s}@10.0.0.4:5432/app", "us**bOyOhYlmMqB", id="url-password-with-stars"
    ),
    pytest.param(
        "curl https://api.telegram.org/bot{s}/sendMessage",
        "3449422917:AA" + _body(33, _B64URL),
        id="telegram-url",
    ),
    pytest.param(
        "POST https://acme.azurewebsites.net/api/ingest?code={s}",
        _body(54, _B64URL) + "==",
        id="function-key",
    ),
    pytest.param(
        "post to https://acme.webhook.office.com/webhookb2/{s}",
        _body(120, _ALNUM + "-@/"),
        id="teams-webhook",
    ),
    pytest.param(
        "requests.get(u, headers={{'Authorization': 'Basic {s}'}})",
        base64.b64encode(b"bill:" + b"1dEVncKsJh").decode(),
        id="header-in-dict",
    ),
    pytest.param("Authorization: SSWS {s}", "00" + _body(40, _B64URL), id="okta-ssws"),
    pytest.param("Cookie: PHPSESSID={s}; theme=dark", _body(26, _ALNUM[26:]), id="php-session"),
    pytest.param(
        "Set-Cookie: JSESSIONID={s}; Path=/; HttpOnly",
        _body(32, "0123456789ABCDEF"),
        id="java-session",
    ),
    pytest.param(
        "https://b.s3.amazonaws.com/r.csv?X-Amz-Date=20250301T101500Z&X-Amz-Security-Token={s}&X-Amz-Expires=3600",
        "IQoJb3JpZ2luX2Vj" + _body(600, _ALNUM + "%"),
        id="long-session-token",
    ),
    # prose
    pytest.param(
        "my root password is {s}, can you rotate it?", "0csg6qbxndjIEwcuynfU0A83", id="password-is"
    ),
    pytest.param(
        "Okta token ({s}) - which scopes does it need?",
        "00-9XZ5ZHysOcyUP7P8DELLA-rwHv3",
        id="token-in-parens",
    ),
    pytest.param(
        "our Datadog key is {s} and it returns 403", _body(40, _HEX), id="vendor-key-is-hex"
    ),
]


@pytest.mark.parametrize(("template", "secret"), CARRIERS)
def test_carrier_secret_is_redacted(template: str, secret: str) -> None:
    result = SCANNER.scan(template.format(s=secret))
    assert result.outcome == "sanitized", result.text
    assert not any(f in result.text for f in _fragments(secret, 10)), result.text


def test_independent_set_regression() -> None:
    """tests/data/secrets/independent.jsonl was used to improve the rules after its baseline was taken, so it
    guards against regressions rather than estimating quality on unseen text."""
    rows = [json.loads(line) for line in _INDEPENDENT.open(encoding="utf-8")]
    tp = fp = fn = 0
    for row in rows:
        result = SCANNER.scan(row["text"])
        found = bool(result.detections)
        tp += found and row["label"] == 1
        fp += found and row["label"] == 0
        fn += not found and row["label"] == 1
        if row["label"] == 1 and found:
            assert not any(f in result.text for v in row["values"] for f in _fragments(v, 16)), row[
                "kind"
            ]
    assert tp / (tp + fp) >= 0.98 and tp / (tp + fn) >= 0.98, (tp, fp, fn)
