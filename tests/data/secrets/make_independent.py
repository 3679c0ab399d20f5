"""Write ``independent.jsonl``: an evaluation set for the Secrets scanner built from other sources than
``../shared/data/secrets/dev.jsonl`` (see README.md in this folder).

The dev file is made of gitleaks/detect-secrets test values in a few templates. Real users paste whole
files: service-account JSON, kubeconfigs, ``.env`` files, docker and npm/PyPI/netrc credentials, tfvars,
Helm values, CI logs, HTTP headers, connection strings, signed URLs and cookies. This script writes such
carriers around vendor token formats taken from the vendors' public documentation (values are random, of
the documented shape), and hard negatives of the kinds a scanner confuses with secrets (placeholders,
references, hashes, ids, public keys and certificates, commit SHAs, benign base64, masked logs, docs).

Deterministic: the same ``SEED`` gives the same bytes. Run from anywhere:
``python tests/data/secrets/make_independent.py``. Each row: ``text``, ``label`` (1 = holds a credential),
``kind``, ``family``, ``note``, and ``values`` (for positives, the secret substrings that must not survive
redaction).
"""

from __future__ import annotations

import base64
import json
import random
import string
import urllib.parse
import uuid
from collections import Counter
from pathlib import Path

SEED = 20250214
HERE = Path(__file__).resolve().parent
OUT = HERE / "independent.jsonl"

R = random.Random(SEED)

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DIG = string.digits
ALNUM = UP + LO + DIG
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
B32 = "abcdefghijklmnopqrstuvwxyz234567"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

Row = dict[str, object]
ROWS: list[Row] = []


# --------------------------------------------------------------------------------------------------
# primitives


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def num(n: int) -> str:
    return str(R.randint(1, 9)) + rs(n - 1, DIG)


def pick(*options: str) -> str:
    return R.choice(options)


def uid() -> str:
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def rbytes(n: int) -> bytes:
    return bytes(R.getrandbits(8) for _ in range(n))


WORDS = ("harbor", "copper", "violet", "falcon", "maple", "quartz", "tundra", "ember", "lagoon", "cobalt",
         "saffron", "granite", "orchid", "walnut", "glacier", "pepper", "meadow", "cinder", "juniper", "otter")  # fmt: skip
USERS = (
    "deploy",
    "svc_app",
    "ci-bot",
    "admin",
    "appuser",
    "etl",
    "grafana",
    "jenkins",
    "billing",
    "report_ro",
)
HOSTS = ("db.internal", "10.20.3.14", "pg-prod.cluster-c9x2k.eu-west-1.rds.amazonaws.com", "mysql-01.corp.lan",
         "orders-db.postgres.database.azure.com", "redis-master.cache.svc.cluster.local", "172.31.8.201")  # fmt: skip


def password(url_safe: bool = False) -> str:
    """Passwords as people and generators make them: random alphanumerics, with symbols, two words with
    digits, or ``openssl rand -base64``."""
    style = R.randrange(4)
    if style == 0:
        return rs(R.randint(14, 24))
    if style == 1:
        symbols = "-_.~!*" if url_safe else "!#%^&*_-+=.~"
        core = rs(R.randint(12, 20), ALNUM + symbols)
        return core[:3] + R.choice(symbols) + core[3:]
    if style == 2:
        w1, w2 = R.choice(WORDS).capitalize(), R.choice(WORDS).capitalize()
        return f"{w1}{R.randint(10, 99)}{R.choice('!*-_' if url_safe else '!#%&*')}{w2}{R.randint(100, 999)}"
    value = b64(rbytes(R.choice((18, 24, 27))))
    return value.replace("+", "-").replace("/", "_").rstrip("=") if url_safe else value


def pem(label: str, body_bytes: int, header: bytes = b"\x30\x82") -> str:
    body = b64(header + rbytes(body_bytes))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


def rsa_key(bits: int = 2048, label: str = "RSA PRIVATE KEY") -> str:
    return pem(label, {1024: 600, 2048: 1190, 4096: 2350}[bits])


def ec_key() -> str:
    return pem("EC PRIVATE KEY", 119, b"\x30\x77\x02\x01\x01\x04\x20")


def jwt_of(header: dict[str, object], payload: dict[str, object], sig_len: int = 342) -> str:
    enc = lambda d: b64u(json.dumps(d, separators=(",", ":")).encode())  # noqa: E731
    return f"{enc(header)}.{enc(payload)}.{rs(sig_len, B64URL)}"


INTROS = ("", "", "Can you help me debug this?", "Our deploy fails with a 403, config below.",
          "Please turn this into a Terraform module.", "Is anything wrong with this?", "Here is what I have:",
          "Reviewing a teammate's change and found this:", "Why is the pipeline failing?",
          "We are migrating this to Azure, any advice?", "Quick question about this file:",
          "This used to work until yesterday:", "Can you convert this to a Kubernetes manifest?")  # fmt: skip
OUTROS = ("", "", "", "Thanks!", "What am I missing?", "Can you make it a Helm chart?",
          "Please keep the same structure.", "How do I make this production-ready?")  # fmt: skip


def frame(body: str, fence: str | None = None) -> str:
    """A pasted snippet inside a short chat message, sometimes fenced."""
    intro, outro = R.choice(INTROS), R.choice(OUTROS)
    if fence is not None and R.random() < 0.6:
        body = f"```{fence}\n{body}\n```"
    parts = [p for p in (intro, body, outro) if p]
    return "\n\n".join(parts) if intro and "\n" in body else "\n".join(parts)


def pos(kind: str, family: str, text: str, values: list[str], note: str = "") -> None:
    missing = [v for v in values if v not in text]
    assert not missing, (kind, missing)
    ROWS.append(
        {"text": text, "label": 1, "kind": kind, "family": family, "note": note, "values": values}
    )


def neg(kind: str, family: str, text: str, note: str = "") -> None:
    ROWS.append(
        {"text": text, "label": 0, "kind": kind, "family": family, "note": note, "values": []}
    )


# --------------------------------------------------------------------------------------------------
# vendor token shapes (public format descriptions; random values)


def vendor_tokens() -> dict[str, tuple[str, str, str]]:
    """kind -> (vendor family, conventional env var name, value)."""
    discord_id = str(R.randint(10**18, 2 * 10**18))
    sentry_claims = {"iat": R.randint(1_700_000_000, 1_750_000_000), "url": "https://sentry.io",
                     "region_url": "https://de.sentry.io", "org": pick("acme", "orbit-labs", "northwind")}  # fmt: skip
    grafana_claims = {"o": num(6), "n": f"stack-{num(6)}-hm-write-{pick('ci', 'agent', 'deploy')}",
                      "k": rs(24), "m": {"r": pick("prod-eu-west-2", "prod-us-central-0")}}  # fmt: skip
    mapbox_claims = {"u": pick("mapteam", "geo-ops"), "a": rs(25, LO + DIG)}
    return {
        "vault-service-token": (
            "hashicorp-vault",
            "VAULT_TOKEN",
            "hvs.CAESI" + rs(R.randint(86, 92), B64URL),
        ),
        "vault-batch-token": (
            "hashicorp-vault",
            "VAULT_TOKEN",
            "hvb.AAAAAQ" + rs(R.randint(120, 140), B64URL),
        ),
        "doppler-service-token": (
            "doppler",
            "DOPPLER_TOKEN",
            f"dp.st.{pick('prd', 'dev', 'stg_api')}.{rs(40)}",
        ),
        "doppler-personal-token": ("doppler", "DOPPLER_TOKEN", "dp.pt." + rs(43)),
        "shopify-admin-token": ("shopify", "SHOPIFY_ACCESS_TOKEN", "shpat_" + rs(32, HEX)),
        "shopify-shared-secret": ("shopify", "SHOPIFY_API_SECRET", "shpss_" + rs(32, HEX)),
        "atlassian-api-token": (
            "atlassian",
            "JIRA_API_TOKEN",
            "ATATT3xFfGF0" + rs(170, B64URL) + "=" + rs(8, HEXU),
        ),  # fmt: skip
        "bitbucket-app-password": (
            "atlassian",
            "BITBUCKET_APP_PASSWORD",
            "ATBB" + rs(28) + rs(8, HEXU),
        ),
        "databricks-token": (
            "databricks",
            "DATABRICKS_TOKEN",
            "dapi" + rs(32, HEX) + pick("", "-2", "-3"),
        ),
        "linear-api-key": ("linear", "LINEAR_API_KEY", "lin_api_" + rs(40)),
        "postman-api-key": ("postman", "POSTMAN_API_KEY", f"PMAK-{rs(24, HEX)}-{rs(34, HEX)}"),
        "pulumi-token": ("pulumi", "PULUMI_ACCESS_TOKEN", "pul-" + rs(40, HEX)),
        "grafana-cloud-token": (
            "grafana",
            "GRAFANA_CLOUD_TOKEN",
            "glc_" + b64(json.dumps(grafana_claims).encode()).rstrip("="),
        ),  # fmt: skip
        "grafana-sa-token": (
            "grafana",
            "GRAFANA_SERVICE_ACCOUNT_TOKEN",
            f"glsa_{rs(32)}_{rs(8, HEX)}",
        ),
        "newrelic-user-key": ("newrelic", "NEW_RELIC_API_KEY", "NRAK-" + rs(27, UP + DIG)),
        "newrelic-license-key": ("newrelic", "NEW_RELIC_LICENSE_KEY", rs(36, HEX) + "NRAL"),
        "sentry-org-token": (
            "sentry",
            "SENTRY_AUTH_TOKEN",
            f"sntrys_{b64(json.dumps(sentry_claims).encode()).rstrip('=')}_{rs(43, B64URL)}",
        ),  # fmt: skip
        "sentry-user-token": ("sentry", "SENTRY_AUTH_TOKEN", "sntryu_" + rs(64, HEX)),
        "mailgun-key": ("mailgun", "MAILGUN_API_KEY", "key-" + rs(32, HEX)),
        "mailgun-private-key": (
            "mailgun",
            "MAILGUN_API_KEY",
            f"{rs(32, HEX)}-{rs(8, HEX)}-{rs(8, HEX)}",
        ),
        "mailchimp-key": ("mailchimp", "MAILCHIMP_API_KEY", f"{rs(32, HEX)}-us{R.randint(2, 21)}"),
        "okta-api-token": ("okta", "OKTA_API_TOKEN", "00" + rs(40, B64URL)),
        "heroku-api-key": ("heroku", "HEROKU_API_KEY", "HRKU-AA" + rs(58, B64URL)),
        "digitalocean-pat": ("digitalocean", "DIGITALOCEAN_TOKEN", "dop_v1_" + rs(64, HEX)),
        "digitalocean-oauth": ("digitalocean", "DO_OAUTH_TOKEN", "doo_v1_" + rs(64, HEX)),
        "flyio-token": ("flyio", "FLY_API_TOKEN", "fo1_" + rs(43, B64URL)),
        "flyio-macaroon": ("flyio", "FLY_API_TOKEN", "FlyV1 fm2_" + rs(R.randint(280, 400), B64)),
        "vercel-token": ("vercel", "VERCEL_TOKEN", rs(24)),
        "supabase-pat": ("supabase", "SUPABASE_ACCESS_TOKEN", "sbp_" + rs(40, HEX)),
        "supabase-secret-key": ("supabase", "SUPABASE_SECRET_KEY", "sb_secret_" + rs(31, B64URL)),
        "planetscale-password": ("planetscale", "DATABASE_PASSWORD", "pscale_pw_" + rs(43, B64URL)),
        "planetscale-token": (
            "planetscale",
            "PLANETSCALE_SERVICE_TOKEN",
            "pscale_tkn_" + rs(43, B64URL),
        ),
        "age-secret-key": ("age", "SOPS_AGE_KEY", "AGE-SECRET-KEY-1" + rs(58, BECH32.upper())),
        "tailscale-auth-key": ("tailscale", "TS_AUTHKEY", f"tskey-auth-k{rs(10)}CNTRL-{rs(33)}"),
        "tailscale-api-key": (
            "tailscale",
            "TAILSCALE_API_KEY",
            f"tskey-api-k{rs(10)}CNTRL-{rs(33)}",
        ),
        "twitch-oauth": ("twitch", "TWITCH_OAUTH", "oauth:" + rs(30, LO + DIG)),
        "square-access-token": ("square", "SQUARE_ACCESS_TOKEN", "EAAA" + rs(60, B64URL)),
        "square-oauth-secret": ("square", "SQUARE_APPLICATION_SECRET", "sq0csp-" + rs(43, B64URL)),
        "cloudflare-api-token": ("cloudflare", "CLOUDFLARE_API_TOKEN", rs(40, B64URL)),
        "cloudflare-global-key": ("cloudflare", "CLOUDFLARE_API_KEY", rs(37, HEX)),
        "azure-devops-pat": ("azure-devops", "AZURE_DEVOPS_EXT_PAT", rs(52, B32)),
        "azure-devops-pat-v2": (
            "azure-devops",
            "AZURE_DEVOPS_EXT_PAT",
            rs(52) + "JQQJ99" + rs(3) + "A" + rs(14) + "AZDO" + rs(4),
        ),  # fmt: skip
        "github-fine-grained-pat": ("github", "GH_TOKEN", f"github_pat_{rs(22)}_{rs(59)}"),
        "github-app-installation": ("github", "GITHUB_TOKEN", "ghs_" + rs(36)),
        "github-oauth": ("github", "GITHUB_OAUTH_TOKEN", "gho_" + rs(36)),
        "gitlab-pat": ("gitlab", "GITLAB_TOKEN", "glpat-" + rs(20, B64URL)),
        "gitlab-deploy-token": ("gitlab", "CI_DEPLOY_PASSWORD", "gldt-" + rs(20, B64URL)),
        "gitlab-runner-token": ("gitlab", "RUNNER_TOKEN", "glrt-" + rs(20, B64URL)),
        "terraform-cloud-token": ("terraform-cloud", "TFE_TOKEN", f"{rs(14)}.atlasv1.{rs(67)}"),
        "confluent-api-secret": ("confluent", "CONFLUENT_CLOUD_API_SECRET", rs(64, B64)),
        "alibaba-access-key": ("alibaba", "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5t" + rs(18)),
        "tencent-secret-id": ("tencent", "TENCENTCLOUD_SECRET_ID", "AKID" + rs(32)),
        "ibm-cloud-api-key": ("ibm", "IBMCLOUD_API_KEY", rs(44, B64URL)),
        "yandex-api-key": ("yandex", "YC_API_KEY", "AQVN" + rs(36, B64URL)),
        "yandex-iam-token": (
            "yandex",
            "YC_TOKEN",
            "t1.9euelZq" + rs(R.randint(90, 110), B64URL) + "." + rs(86, B64URL),
        ),
        "discord-bot-token": (
            "discord",
            "DISCORD_TOKEN",
            f"{b64u(discord_id.encode())}.G{rs(5, B64URL)}.{rs(38, B64URL)}",
        ),  # fmt: skip
        "telegram-bot-token": ("telegram", "TELEGRAM_BOT_TOKEN", f"{num(10)}:AA{rs(33, B64URL)}"),
        "slack-bot-token": ("slack", "SLACK_BOT_TOKEN", f"xoxb-{num(12)}-{num(13)}-{rs(24)}"),
        "slack-user-token": (
            "slack",
            "SLACK_USER_TOKEN",
            f"xoxp-{num(12)}-{num(12)}-{num(13)}-{rs(32, HEX)}",
        ),
        "slack-app-token": (
            "slack",
            "SLACK_APP_TOKEN",
            f"xapp-1-A{rs(10, UP + DIG)}-{num(13)}-{rs(64, HEX)}",
        ),
        "stripe-secret-key": ("stripe", "STRIPE_SECRET_KEY", "sk_live_51" + rs(97)),
        "stripe-restricted-key": ("stripe", "STRIPE_RESTRICTED_KEY", "rk_live_51" + rs(97)),
        "stripe-webhook-secret": ("stripe", "STRIPE_WEBHOOK_SECRET", "whsec_" + rs(32)),
        "openai-project-key": (
            "openai",
            "OPENAI_API_KEY",
            "sk-proj-" + rs(74, B64URL) + "T3BlbkFJ" + rs(74, B64URL),
        ),
        "anthropic-key": (
            "anthropic",
            "ANTHROPIC_API_KEY",
            "sk-ant-api03-" + rs(93, B64URL) + "AA",
        ),
        "huggingface-token": ("huggingface", "HF_TOKEN", "hf_" + rs(34, UP + LO)),
        "npm-token": ("npm", "NPM_TOKEN", "npm_" + rs(36)),
        "pypi-token": (
            "pypi",
            "TWINE_PASSWORD",
            "pypi-AgEIcHlwaS5vcmc" + rs(R.randint(140, 170), B64URL),
        ),
        "nuget-key": ("nuget", "NUGET_API_KEY", "oy2" + rs(43, LO + DIG)),
        "dockerhub-pat": ("docker", "DOCKERHUB_TOKEN", "dckr_pat_" + rs(27, B64URL)),
        "sendgrid-key": ("sendgrid", "SENDGRID_API_KEY", f"SG.{rs(22, B64URL)}.{rs(43, B64URL)}"),
        "twilio-api-key": ("twilio", "TWILIO_API_KEY", "SK" + rs(32, HEX)),
        "twilio-auth-token": ("twilio", "TWILIO_AUTH_TOKEN", rs(32, HEX)),
        "datadog-api-key": ("datadog", "DD_API_KEY", rs(32, HEX)),
        "datadog-app-key": ("datadog", "DD_APP_KEY", rs(40, HEX)),
        "airtable-pat": ("airtable", "AIRTABLE_API_KEY", f"pat{rs(14)}.{rs(64, HEX)}"),
        "notion-token": ("notion", "NOTION_TOKEN", f"ntn_{num(11)}{rs(35)}"),
        "figma-token": ("figma", "FIGMA_TOKEN", "figd_" + rs(40, B64URL)),
        "dropbox-token": (
            "dropbox",
            "DROPBOX_ACCESS_TOKEN",
            "sl.B" + rs(R.randint(128, 136), B64URL),
        ),
        "buildkite-token": ("buildkite", "BUILDKITE_API_TOKEN", "bkua_" + rs(40, HEX)),
        "circleci-token": ("circleci", "CIRCLECI_TOKEN", f"CCIPAT_{rs(22)}_{rs(40, HEX)}"),
        "netlify-token": ("netlify", "NETLIFY_AUTH_TOKEN", "nfp_" + rs(36)),
        "render-key": ("render", "RENDER_API_KEY", "rnd_" + rs(32)),
        "neon-key": ("neon", "NEON_API_KEY", "napi_" + rs(64, LO + DIG)),
        "sonar-token": ("sonar", "SONAR_TOKEN", "squ_" + rs(40, HEX)),
        "contentful-token": (
            "contentful",
            "CONTENTFUL_MANAGEMENT_TOKEN",
            "CFPAT-" + rs(43, B64URL),
        ),
        "launchdarkly-key": ("launchdarkly", "LD_API_KEY", "api-" + uid()),
        "replicate-token": ("replicate", "REPLICATE_API_TOKEN", "r8_" + rs(37)),
        "groq-key": ("groq", "GROQ_API_KEY", "gsk_" + rs(52)),
        "openrouter-key": ("openrouter", "OPENROUTER_API_KEY", "sk-or-v1-" + rs(64, HEX)),
        "langsmith-key": ("langchain", "LANGSMITH_API_KEY", f"lsv2_pt_{rs(32, HEX)}_{rs(10, HEX)}"),
        "mapbox-secret-token": (
            "mapbox",
            "MAPBOX_SECRET_TOKEN",
            f"sk.{b64u(json.dumps(mapbox_claims).encode())}.{rs(22, B64URL)}",
        ),  # fmt: skip
        "google-oauth-secret": ("google", "GOOGLE_CLIENT_SECRET", "GOCSPX-" + rs(28, B64URL)),
        "google-refresh-token": (
            "google",
            "GOOGLE_REFRESH_TOKEN",
            "1//0" + rs(R.randint(95, 103), B64URL),
        ),
        "google-access-token": (
            "google",
            "GOOGLE_ACCESS_TOKEN",
            "ya29." + rs(R.randint(150, 190), B64URL),
        ),
        "firebase-fcm-key": (
            "google",
            "FCM_SERVER_KEY",
            f"AAAA{rs(7, B64URL)}:APA91b{rs(134, B64URL)}",
        ),
        "gcp-api-key": ("google", "GOOGLE_API_KEY", "AIza" + rs(35, B64URL)),
        "azure-client-secret": (
            "azure",
            "AZURE_CLIENT_SECRET",
            f"{rs(3)}{R.randint(0, 9)}Q~{rs(34, ALNUM + '_~.-')}",
        ),
        "azure-openai-key": ("azure", "AZURE_OPENAI_API_KEY", rs(32, HEX)),
        "aws-access-key": ("aws", "AWS_ACCESS_KEY_ID", "AKIA" + rs(16, UP + "234567")),
        "aws-secret-key": ("aws", "AWS_SECRET_ACCESS_KEY", rs(40, B64)),
        "jenkins-api-token": ("jenkins", "JENKINS_API_TOKEN", "11" + rs(32, HEX)),
        "wandb-key": ("wandb", "WANDB_API_KEY", rs(40, HEX)),
        "snyk-token": ("snyk", "SNYK_TOKEN", uid()),
        "pagerduty-key": ("pagerduty", "PAGERDUTY_TOKEN", "u+" + rs(18, ALNUM + "_-")),
    }


VENDORS = vendor_tokens()
# formats with no prefix or fixed marker: only a name nearby says what they are
UNSHAPED = frozenset({"vercel-token", "cloudflare-api-token", "cloudflare-global-key", "azure-devops-pat",
                      "confluent-api-secret", "ibm-cloud-api-key", "twilio-auth-token", "datadog-api-key",
                      "datadog-app-key", "azure-openai-key", "aws-secret-key", "wandb-key", "snyk-token",
                      "pagerduty-key", "okta-api-token", "jenkins-api-token"})  # fmt: skip


def v(kind: str) -> str:
    return VENDORS[kind][2]


# --------------------------------------------------------------------------------------------------
# positives: vendor formats, each in two or three everyday places


def vendor_rows() -> None:
    for kind, (family, env, value) in VENDORS.items():
        fam = f"vendor:{family}"
        # 1. an .env / shell export line
        style = R.randrange(3)
        if style == 0:
            body = f"{env}={value}"
        elif style == 1:
            body = f'export {env}="{value}"'
        else:
            body = f"{env}: {value}"
        pos(kind, fam, frame(body, "bash"), [value], "env assignment")
        # 2. the value in prose or a log: shaped tokens bare, unshaped ones with the vendor's name next to them
        if kind in UNSHAPED:
            name = family.replace("-", " ").title()
            text = pick(f"our {name} key is {value} and it returns 403 since this morning",
                        f"{name} token {value} - can you check which scopes it needs?",
                        f"I pasted the {name} secret ({value}) into the pipeline settings, correct?")  # fmt: skip
            pos(kind, fam, text, [value], "unshaped value named in prose")
            continue
        where = R.randrange(4)
        if where == 0:
            text = (
                f"I generated a new token {value} for the staging pipeline, is it scoped correctly?"
            )
        elif where == 1:
            text = f"2025-03-04T10:12:44Z INFO client initialised with credential {value} (region eu-west-1)"
        elif where == 2:
            text = f"Set the secret in the workflow to {value} and rerun the job please"
        else:
            text = f'client = Client("{value}")\nclient.sync()'
        pos(kind, fam, text, [value], "bare value in prose/log/code")


def ssh_like_rows() -> None:
    for label, bits in (
        ("RSA PRIVATE KEY", 2048),
        ("PRIVATE KEY", 2048),
        ("RSA PRIVATE KEY", 4096),
    ):
        key = rsa_key(bits, label)
        pos(
            "private-key-pem",
            "carrier:private-key",
            frame(f"key file:\n{key}"),
            [key.split("\n")[1]],
        )
    key = ec_key()
    pos("ec-private-key", "carrier:private-key", frame(key), [key.split("\n")[1]])
    enc = pem("ENCRYPTED PRIVATE KEY", 1250)
    pos("encrypted-private-key", "carrier:private-key", f"the passphrase is in 1password, here is the key\n{enc}",
        [enc.split("\n")[1]], "encrypted, still a private key")  # fmt: skip
    pgp = ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(rs(64, B64) for _ in range(12)) + "\n="
           + rs(4, B64) + "\n-----END PGP PRIVATE KEY BLOCK-----")  # fmt: skip
    pos("pgp-private-key", "carrier:private-key", frame(pgp), [pgp.split("\n")[3]])
    priv_lines = [rs(64, B64) for _ in range(14)]
    putty = (
        "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: rsa-key-20250110\nPublic-Lines: 6\n"
        + "\n".join(rs(64, B64) for _ in range(6))
        + "\nPrivate-Lines: 14\n"
        + "\n".join(priv_lines)
        + f"\nPrivate-MAC: {rs(64, HEX)}"
    )
    pos("putty-private-key", "carrier:private-key", frame(putty), priv_lines[:2])
    oss = pem("OPENSSH PRIVATE KEY", 380, b"openssh-key-v1\x00")
    escaped = oss.replace("\n", "\\n")
    pos("openssh-key-escaped", "carrier:private-key", f'{{"deploy_key": "{escaped}"}}', [oss.split("\n")[1]],
        "JSON-escaped newlines")  # fmt: skip
    for _ in range(2):
        priv = b64(rbytes(32))
        pub = b64(rbytes(32))
        wg = (f"[Interface]\nAddress = 10.8.0.{R.randint(2, 250)}/24\nPrivateKey = {priv}\nListenPort = 51820\n\n"
              f"[Peer]\nPublicKey = {pub}\nAllowedIPs = 0.0.0.0/0\nEndpoint = vpn.example.net:51820")  # fmt: skip
        pos("wireguard-private-key", "carrier:wireguard", frame(wg, "ini"), [priv])
    age = v("age-secret-key")
    keys_txt = f"# created: 2025-01-03T09:14:22Z\n# public key: age1{rs(58, BECH32)}\n{age}"
    pos("age-identity-file", "carrier:age", frame(keys_txt), [age])


def service_account_rows() -> None:
    for project in ("billing-prod-4412", "data-lake-dev", "ml-platform-373015", "ops-tools"):
        key = rsa_key(2048, "PRIVATE KEY")
        key_id = rs(40, HEX)
        sa = {
            "type": "service_account",
            "project_id": project,
            "private_key_id": key_id,
            "private_key": key + "\n",
            "client_email": f"terraform@{project}.iam.gserviceaccount.com",
            "client_id": num(21),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": "https://oauth2.googleapis.com/token",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": f"https://www.googleapis.com/robot/v1/metadata/x509/terraform%40{project}.iam.gserviceaccount.com",
            "universe_domain": "googleapis.com",
        }
        text = json.dumps(sa, indent=2)
        body_line = key.split("\n")[3]
        # private_key_id only names the key (it is listed with the public certificates): not a value to hide
        pos("gcp-service-account", "carrier:service-account-json",
            frame(text, "json"), [body_line], "private key with escaped newlines")  # fmt: skip
    for _ in range(2):
        secret, refresh = v("google-oauth-secret")[:7] + rs(28, B64URL), "1//0" + rs(99, B64URL)
        adc = {"client_id": f"{num(12)}-{rs(32, LO + DIG)}.apps.googleusercontent.com", "client_secret": secret,
               "refresh_token": refresh, "type": "authorized_user"}  # fmt: skip
        pos("gcp-authorized-user", "carrier:service-account-json",
            "application_default_credentials.json:\n" + json.dumps(adc, indent=2), [secret, refresh])  # fmt: skip
    tenant, app = uid(), uid()
    secret = f"{rs(3)}8Q~{rs(34, ALNUM + '_~.-')}"
    sp = {"appId": app, "displayName": "sp-terraform", "password": secret, "tenant": tenant}
    pos("azure-sp-json", "carrier:service-account-json", "az ad sp create-for-rbac printed:\n" + json.dumps(sp, indent=2),
        [secret])  # fmt: skip
    ibm_key = rs(44, B64URL)
    creds = {"apikey": ibm_key, "iam_apikey_description": "Auto-generated for key crn:v1:bluemix:public:cloud-object-storage",
             "iam_apikey_name": "cos-writer", "iam_role_crn": "crn:v1:bluemix:public:iam::::serviceRole:Writer",
             "iam_serviceid_crn": f"crn:v1:bluemix:public:iam-identity::a/{rs(32, HEX)}::serviceid:ServiceId-{uid()}",
             "cos_hmac_keys": {"access_key_id": rs(32, HEX), "secret_access_key": rs(48, HEX)}}  # fmt: skip
    hmac = creds["cos_hmac_keys"]
    assert isinstance(hmac, dict)
    pos("ibm-service-credentials", "carrier:service-account-json", json.dumps(creds, indent=2),
        [ibm_key, hmac["secret_access_key"]])  # fmt: skip
    oci_key = rsa_key(2048, "PRIVATE KEY")
    oci = (f"[DEFAULT]\nuser=ocid1.user.oc1..aaaaaaaa{rs(52, LO + DIG)}\nfingerprint="
           + ":".join(rs(2, HEX) for _ in range(16))
           + f"\ntenancy=ocid1.tenancy.oc1..aaaaaaaa{rs(52, LO + DIG)}\nregion=eu-frankfurt-1\n"
           f"key_file=~/.oci/oci_api_key.pem\n\n~/.oci/oci_api_key.pem:\n{oci_key}")  # fmt: skip
    pos("oci-config-and-key", "carrier:service-account-json", oci, [oci_key.split("\n")[2]])


def kube_rows() -> None:
    server = f"https://{rs(32, HEXU)}.gr7.eu-west-1.eks.amazonaws.com"
    for i in range(4):
        key = rsa_key(2048) if i % 2 == 0 else ec_key()
        key_data = b64((key + "\n").encode())
        cert_data = b64((pem("CERTIFICATE", 700) + "\n").encode())
        ca_data = b64((pem("CERTIFICATE", 760) + "\n").encode())
        cfg = (f"apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: {ca_data}\n"
               f"    server: {server}\n  name: prod\ncontexts:\n- context:\n    cluster: prod\n    user: admin\n"
               f"  name: prod\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n"
               f"    client-certificate-data: {cert_data}\n    client-key-data: {key_data}")  # fmt: skip
        pos("kubeconfig-client-key", "carrier:kubeconfig", frame(cfg, "yaml"), [key_data],
            "client-key-data is a base64 PEM private key; the CA and client cert are public")  # fmt: skip
    for legacy in (False, True, False):
        ns, sa = (
            pick("ci", "kube-system", "argo"),
            pick("deployer", "gitlab-runner", "argocd-manager"),
        )
        if legacy:
            payload: dict[str, object] = {
                "iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": ns,
                "kubernetes.io/serviceaccount/secret.name": f"{sa}-token-{rs(5, LO + DIG)}",
                "kubernetes.io/serviceaccount/service-account.name": sa,
                "kubernetes.io/serviceaccount/service-account.uid": uid(), "sub": f"system:serviceaccount:{ns}:{sa}"}  # fmt: skip
        else:
            now = R.randint(1_730_000_000, 1_740_000_000)
            payload = {"aud": ["https://kubernetes.default.svc.cluster.local"], "exp": now + 3600, "iat": now,
                       "iss": "https://kubernetes.default.svc.cluster.local",
                       "kubernetes.io": {"namespace": ns, "serviceaccount": {"name": sa, "uid": uid()}},
                       "nbf": now, "sub": f"system:serviceaccount:{ns}:{sa}"}  # fmt: skip
        token = jwt_of({"alg": "RS256", "kid": rs(43, B64URL)}, payload)
        cfg = (f"users:\n- name: {sa}\n  user:\n    token: {token}\ncontexts:\n- context:\n    cluster: prod\n"
               f"    namespace: {ns}\n    user: {sa}\n  name: {sa}@prod")  # fmt: skip
        pos("kubeconfig-sa-token", "carrier:kubeconfig", frame(cfg, "yaml"), [token])
    boot = f"{rs(6, LO + DIG)}.{rs(16, LO + DIG)}"
    pos("kube-bootstrap-token", "carrier:kubeconfig",
        f"kubeadm join 10.0.0.10:6443 --token {boot} \\\n    --discovery-token-ca-cert-hash sha256:{rs(64, HEX)}",
        [boot], "the ca-cert hash is public; the bootstrap token is not")  # fmt: skip
    for _ in range(3):
        pw, user = password(), R.choice(USERS)
        secret_yaml = (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\ndata:\n"
                       f"  username: {b64(user.encode())}\n  password: {b64(pw.encode())}")  # fmt: skip
        pos("k8s-secret-data", "carrier:kubernetes-secret", frame(secret_yaml, "yaml"), [b64(pw.encode())],
            "base64 is an encoding, not protection")  # fmt: skip
    pw = password()
    pos("k8s-secret-stringdata", "carrier:kubernetes-secret",
        f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  SMTP_PASSWORD: {pw}\n  SMTP_USER: mailer",
        [pw])  # fmt: skip
    pw = password()
    pos("kubectl-from-literal", "carrier:ci-log",
        f"kubectl -n payments create secret generic api --from-literal=api-password='{pw}' --dry-run=client -o yaml",
        [pw])  # fmt: skip


def env_file_rows() -> None:
    for _ in range(6):
        pw, django = (
            password(url_safe=True),
            "django-insecure-" + rs(50, LO + DIG + "!@#$%^&*(-_=+)"),
        )
        stripe, sendgrid = (
            v("stripe-secret-key")[:10] + rs(97),
            f"SG.{rs(22, B64URL)}.{rs(43, B64URL)}",
        )
        jwt_secret, aws_key, aws_secret = rs(48, B64), "AKIA" + rs(16, UP + "234567"), rs(40, B64)
        lines = [
            ("DEBUG=false", None),
            ("ALLOWED_HOSTS=app.example.com", None),
            (f"DATABASE_URL=postgres://{R.choice(USERS)}:{pw}@{R.choice(HOSTS)}:5432/app", pw),
            (f"SECRET_KEY={django}", django),
            (f"STRIPE_SECRET_KEY={stripe}", stripe),
            (f"SENDGRID_API_KEY={sendgrid}", sendgrid),
            (f"JWT_SECRET={jwt_secret}", jwt_secret),
            (f"AWS_ACCESS_KEY_ID={aws_key}", aws_key),
            (f"AWS_SECRET_ACCESS_KEY={aws_secret}", aws_secret),
            ("LOG_LEVEL=info", None),
            ("REDIS_URL=redis://redis:6379/0", None),
        ]
        chosen = [lines[0], *R.sample(lines[2:9], R.randint(2, 4)), lines[9], lines[10]]
        body = "\n".join(line for line, _ in chosen)
        pos(
            "dotenv",
            "carrier:dotenv",
            frame(body, "dotenv"),
            [val for _, val in chosen if val],
            "several secrets",
        )
    rails = rs(128, HEX)
    pos(
        "rails-secret-key-base",
        "carrier:dotenv",
        f"SECRET_KEY_BASE={rails}\nRAILS_ENV=production",
        [rails],
    )
    flask = rs(32, HEX)
    pos("flask-secret-key", "carrier:dotenv", f"app.config['SECRET_KEY'] = '{flask}'", [flask])
    nextauth = b64(rbytes(32))
    pos("nextauth-secret", "carrier:dotenv", f"NEXTAUTH_URL=https://app.example.com\nNEXTAUTH_SECRET={nextauth}",
        [nextauth])  # fmt: skip


def docker_npm_netrc_rows() -> None:
    for registry, user, secret in (
        ("https://index.docker.io/v1/", "acmebuild", v("dockerhub-pat")),
        ("ghcr.io", "octo-ci", "ghp_" + rs(36)),
        (f"{num(12)}.dkr.ecr.eu-west-1.amazonaws.com", "AWS", b64(rbytes(R.randint(900, 1100)))),
        ("registry.gitlab.com", "gitlab+deploy-token-81", "gldt-" + rs(20, B64URL)),
        ("myregistry.azurecr.io", "myregistry", password()),
    ):
        auth = b64(f"{user}:{secret}".encode())
        cfg = json.dumps({"auths": {registry: {"auth": auth}}, "HttpHeaders": {"User-Agent": "Docker-Client/24.0.7 (linux)"}}, indent=2)  # fmt: skip
        pos("docker-config-auth", "carrier:docker-config", frame("~/.docker/config.json:\n" + cfg, None), [auth],
            "auth is base64(user:password)")  # fmt: skip
    tok = v("npm-token")
    pos(
        "npmrc-authtoken",
        "carrier:npmrc",
        f"//registry.npmjs.org/:_authToken={tok}\nalways-auth=true",
        [tok],
    )
    gh = "ghp_" + rs(36)
    pos("npmrc-github-packages", "carrier:npmrc",
        f"@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken={gh}", [gh])  # fmt: skip
    auth = b64(f"ci-publisher:{password()}".encode())
    pos("npmrc-legacy-auth", "carrier:npmrc",
        f"registry=https://nexus.corp.example/repository/npm-group/\n_auth={auth}\nemail=ci@corp.example", [auth])  # fmt: skip
    pw = b64(password().encode())
    pos("npmrc-password", "carrier:npmrc",
        f"//artifactory.corp.example/api/npm/npm/:username=builder\n//artifactory.corp.example/api/npm/npm/:_password={pw}",
        [pw])  # fmt: skip
    pypi = v("pypi-token")
    pos("pypirc-token", "carrier:pypirc",
        f"[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = {pypi}", [pypi])  # fmt: skip
    pw = password()
    pos("pypirc-password", "carrier:pypirc",
        f"[internal]\nrepository = https://pypi.corp.example/simple\nusername = uploader\npassword = {pw}", [pw])  # fmt: skip
    pw = password()
    pos("pip-conf-url", "carrier:pypirc",
        f"[global]\nindex-url = https://builder:{urllib.parse.quote(pw, safe='')}@pypi.corp.example/simple/",
        [urllib.parse.quote(pw, safe="")])  # fmt: skip
    for machine, login, secret in (
        ("api.github.com", "octocat", "ghp_" + rs(36)),
        ("api.heroku.com", "me@corp.example", uid()),
        ("ftp.backup.corp.example", "backup", password()),
        ("gitlab.corp.example", "oauth2", "glpat-" + rs(20, B64URL)),
    ):
        body = (f"machine {machine}\n  login {login}\n  password {secret}" if R.random() < 0.5
                else f"machine {machine} login {login} password {secret}")  # fmt: skip
        pos("netrc", "carrier:netrc", frame("~/.netrc:\n" + body), [secret])
    pw = password()
    pos(
        "git-credentials",
        "carrier:netrc",
        f"~/.git-credentials:\nhttps://jdoe:{pw}@bitbucket.org",
        [pw],
    )


def iac_rows() -> None:
    for _ in range(3):
        pw, dd, cf = password(), rs(32, HEX), rs(40, B64URL)
        items = [(f'db_password         = "{pw}"', pw), (f'datadog_api_key     = "{dd}"', dd),
                 (f'cloudflare_api_token = "{cf}"', cf)]  # fmt: skip
        chosen = R.sample(items, 2)
        body = 'region = "eu-west-1"\nenvironment = "prod"\n' + "\n".join(x for x, _ in chosen)
        pos(
            "terraform-tfvars",
            "carrier:tfvars",
            frame("terraform.tfvars:\n" + body, "hcl"),
            [y for _, y in chosen],
        )
    tfc = v("terraform-cloud-token")
    pos("terraform-credentials-tfrc", "carrier:tfvars",
        json.dumps({"credentials": {"app.terraform.io": {"token": tfc}}}, indent=2), [tfc])  # fmt: skip
    pw = password()
    pos("terraform-provider-inline", "carrier:tfvars",
        f'provider "postgresql" {{\n  host     = "{R.choice(HOSTS)}"\n  username = "admin"\n  password = "{pw}"\n}}',
        [pw])  # fmt: skip
    helm = [
        (
            "postgresql:\n  auth:\n    username: app\n    password: {pw}\n    postgresPassword: {pw2}\n    database: app",
            2,
        ),
        ("redis:\n  auth:\n    enabled: true\n    password: {pw}", 1),
        (
            "grafana:\n  adminUser: admin\n  adminPassword: {pw}\n  persistence:\n    enabled: true",
            1,
        ),
        ("minio:\n  rootUser: minioadmin\n  rootPassword: {pw}\n  mode: standalone", 1),
        ('keycloak:\n  auth:\n    adminUser: admin\n    adminPassword: "{pw}"', 1),
        ("harborAdminPassword: {pw}\nexpose:\n  type: ingress", 1),
        ("smtp:\n  host: smtp.sendgrid.net\n  user: apikey\n  password: {pw}", 1),
        ("mongodb:\n  auth:\n    rootPassword: {pw}\n    replicaSetKey: {pw2}", 2),
    ]
    for template, count in helm:
        pw, pw2 = password(), password()
        pos("helm-values", "carrier:helm-values", frame(template.format(pw=pw, pw2=pw2), "yaml"),
            [pw, pw2][:count])  # fmt: skip
    pw = password()
    pos("ansible-vars", "carrier:helm-values",
        f"---\nmysql_root_password: {pw}\nmysql_databases:\n  - name: wordpress", [pw])  # fmt: skip
    pw = password()
    pos("docker-compose-env", "carrier:helm-values",
        f"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: {pw}",
        [pw])  # fmt: skip
    pw = password()
    pos("cloudformation-param", "carrier:tfvars",
        f'  MasterUserPassword: "{pw}"\n  MasterUsername: dbadmin\n  Engine: aurora-postgresql', [pw])  # fmt: skip


def ci_log_rows() -> None:
    def ts() -> str:
        date = f"2025-0{R.randint(1, 9)}-1{R.randint(0, 9)}T0{R.randint(0, 9)}"
        return f"{date}:{R.randint(10, 59)}:{R.randint(10, 59)}.{rs(7, DIG)}Z"

    gh = "ghp_" + rs(36)
    pos("ci-log-curl", "carrier:ci-log",
        f"{ts()} + curl -sSf -H 'Authorization: token {gh}' https://api.github.com/repos/acme/app/releases\n"
        f"{ts()} curl: (22) The requested URL returned error: 404", [gh])  # fmt: skip
    cbt = "glcbt-" + rs(2, HEX) + "_" + rs(20, B64URL)
    pos("ci-log-docker-login", "carrier:ci-log",
        f"$ docker login -u gitlab-ci-token -p {cbt} registry.gitlab.com\nWARNING! Using --password via the CLI is insecure.",
        [cbt])  # fmt: skip
    aws_s = rs(40, B64)
    pos("ci-log-set-x", "carrier:ci-log",
        f"+ export AWS_DEFAULT_REGION=eu-central-1\n+ export AWS_SECRET_ACCESS_KEY={aws_s}\n+ terraform init -input=false",
        [aws_s])  # fmt: skip
    pw = password()
    pos("ci-log-helm-set", "carrier:ci-log",
        f"[deploy] helm upgrade --install api ./chart --set image.tag=1.4.2 --set db.password={pw} --wait", [pw])  # fmt: skip
    hv = v("vault-service-token")
    pos("ci-log-vault", "carrier:ci-log",
        f"Run vault login -method=oidc\nSuccess! You are now authenticated.\nKey                  Value\n---                  -----\ntoken                {hv}\ntoken_accessor       {rs(24)}\ntoken_duration       768h",
        [hv])  # fmt: skip
    pw = password()
    pos("ci-log-mysql", "carrier:ci-log", f"+ mysql -h {R.choice(HOSTS)} -u root -p{pw} -e 'SHOW DATABASES'", [pw],
        "mysql -pPASSWORD (no space)")  # fmt: skip
    pw = password()
    pos(
        "ci-log-sshpass",
        "carrier:ci-log",
        f"sshpass -p '{pw}' ssh -o StrictHostKeyChecking=no deploy@10.1.4.7",
        [pw],
    )
    sp = f"{rs(3)}7Q~{rs(34, ALNUM + '_~.-')}"
    pos("ci-log-az-login", "carrier:ci-log",
        f"az login --service-principal -u {uid()} -p {sp} --tenant {uid()}", [sp])  # fmt: skip
    key = rs(44, B64URL)
    pos(
        "ci-log-ibmcloud",
        "carrier:ci-log",
        f"ibmcloud login --apikey {key} -r eu-de -g default",
        [key],
    )
    tok = rs(24)
    pos("ci-log-vercel", "carrier:ci-log", f"npx vercel deploy --prod --token {tok} --yes", [tok])
    oci = rs(20, ALNUM + ";:)(<>{}#.+_-")
    pos("ci-log-oci-docker", "carrier:ci-log",
        f"docker login fra.ocir.io -u 'frxyz/oracleidentitycloudservice/ops@corp.example' -p '{oci}'", [oci],
        "OCI auth token")  # fmt: skip
    pw = password()
    pos("ci-log-powershell", "carrier:ci-log",
        f'$secure = ConvertTo-SecureString "{pw}" -AsPlainText -Force\n$cred = New-Object PSCredential("corp\\svc_deploy", $secure)',
        [pw])  # fmt: skip
    pw = password()
    pos(
        "ci-log-net-use",
        "carrier:ci-log",
        f"net use Z: \\\\fileserver01\\share /user:CORP\\backup {pw}",
        [pw],
    )
    sf = password()
    pos("ci-log-snowsql", "carrier:ci-log",
        f"SNOWSQL_PWD='{sf}' snowsql -a xy12345.eu-central-1 -u LOADER -d RAW -q 'select 1'", [sf])  # fmt: skip


def header_rows() -> None:
    rows = [
        ("Authorization: Bearer {t}", rs(R.randint(32, 64), B64URL + "."), "opaque bearer"),
        ("Authorization: Basic {t}", b64(f"{R.choice(USERS)}:{password()}".encode()), "basic"),
        ("Authorization: Token {t}", rs(40, HEX), "token scheme"),
        ("Authorization: SSWS {t}", v("okta-api-token")[:2] + rs(40, B64URL), "okta"),
        ("X-API-Key: {t}", rs(32), "api key header"),
        ("DD-API-KEY: {t}", rs(32, HEX), "datadog header"),
        ("X-Vault-Token: {t}", "hvs." + rs(24), "vault header"),
        ("api-key: {t}", rs(32, HEX), "azure openai header"),
        ("X-Auth-Key: {t}", rs(37, HEX), "cloudflare global key header"),
        (
            "Authorization: ApiKey {t}",
            b64(f"{rs(20)}:{rs(22, B64URL)}".encode()),
            "elastic api key",
        ),
        ("Authorization: Splunk {t}", uid(), "splunk HEC"),
        ("PRIVATE-TOKEN: {t}", "glpat-" + rs(20, B64URL), "gitlab"),
    ]
    for template, token, note in rows:
        line = template.format(t=token)
        style = R.randrange(3)
        if style == 0:
            text = f"curl -X POST https://api.example.net/v2/items -H '{line}' -H 'Content-Type: application/json'"
        elif style == 1:
            text = f"GET /v1/status HTTP/1.1\nHost: api.example.net\n{line}\nAccept: */*"
        else:
            name, _, val = line.partition(": ")
            text = f"requests.get(url, headers={{'{name}': '{val}'}})"
        pos("http-header", "carrier:auth-header", frame(text), [token], note)
    tok = rs(40, HEX)
    pos(
        "query-token",
        "carrier:auth-header",
        f"https://api.example.net/export?format=csv&access_token={tok}",
        [tok],
    )
    key = rs(32, HEX)
    pos(
        "query-apikey",
        "carrier:auth-header",
        f"GET https://maps.example.com/geocode?q=berlin&apikey={key}",
        [key],
    )


def connection_rows() -> None:
    def url_pw() -> str:
        return password(url_safe=True)

    host = R.choice
    rows: list[tuple[str, str, str]] = []
    for scheme, port in (("postgresql", 5432), ("postgres", 5432), ("mysql", 3306), ("mysql+pymysql", 3306),
                         ("mongodb", 27017), ("amqp", 5672), ("amqps", 5671), ("clickhouse", 9440)):  # fmt: skip
        pw = url_pw()
        rows.append((f"{scheme}://{R.choice(USERS)}:{pw}@{host(HOSTS)}:{port}/app", pw, scheme))
    pw = url_pw()
    rows.append((f"mongodb+srv://{R.choice(USERS)}:{pw}@cluster0.{rs(5, LO + DIG)}.mongodb.net/?retryWrites=true&w=majority", pw, "mongodb+srv"))  # fmt: skip
    pw = url_pw()
    rows.append((f"redis://:{pw}@{host(HOSTS)}:6379/0", pw, "redis empty user"))
    pw = url_pw()
    rows.append((f"rediss://default:{pw}@{rs(8, LO)}-12345.upstash.io:6379", pw, "rediss"))
    pw = password()
    rows.append((f"Server=tcp:{rs(8, LO)}.database.windows.net,1433;Initial Catalog=orders;Persist Security Info=False;User ID=sqladmin;Password={pw};MultipleActiveResultSets=False;Encrypt=True;", pw, "mssql ado.net"))  # fmt: skip
    pw = password().replace("=", "_")
    rows.append((f'"ConnectionStrings": {{ "Default": "Host={host(HOSTS)};Port=5432;Database=app;Username=app;Password={pw}" }}', pw, "npgsql appsettings"))  # fmt: skip
    pw = url_pw()
    rows.append(
        (f"jdbc:oracle:thin:scott/{pw}@//{host(HOSTS)}:1521/ORCLPDB1", pw, "oracle jdbc user/pass")
    )
    pw = url_pw()
    rows.append(
        (
            f"jdbc:mysql://{host(HOSTS)}:3306/shop?user=shop&password={pw}&useSSL=true",
            pw,
            "jdbc query params",
        )
    )
    pw = url_pw()
    rows.append((f"jdbc:postgresql://{host(HOSTS)}:5432/app?user=app&password={pw}&sslmode=require", pw, "jdbc query params"))  # fmt: skip
    pw = url_pw()
    rows.append((f"jdbc:sqlserver://{host(HOSTS)}:1433;databaseName=erp;user=sa;password={pw};encrypt=true", pw, "jdbc sqlserver"))  # fmt: skip
    pw = url_pw()
    rows.append((f"snowflake://LOADER:{pw}@xy12345.eu-central-1/RAW/PUBLIC?warehouse=LOAD_WH&role=LOADER", pw, "snowflake"))  # fmt: skip
    pw = url_pw()
    rows.append((f"psql \"host={host(HOSTS)} port=5432 dbname=app user=app password={pw} sslmode=require\"", pw, "libpq key/value"))  # fmt: skip
    pw = url_pw()
    rows.append((f"spring.datasource.url=jdbc:postgresql://{host(HOSTS)}:5432/app\nspring.datasource.username=app\nspring.datasource.password={pw}", pw, "spring properties"))  # fmt: skip
    pw = url_pw()
    rows.append((f"spring:\n  datasource:\n    url: jdbc:mysql://{host(HOSTS)}/app\n    username: app\n    password: {pw}", pw, "spring yaml"))  # fmt: skip
    pw = url_pw()
    rows.append(
        (f"define( 'DB_PASSWORD', '{pw}' );\ndefine( 'DB_HOST', 'localhost' );", pw, "wp-config")
    )
    pw = url_pw()
    rows.append((f"<connectionStrings>\n  <add name=\"Main\" connectionString=\"Data Source=sql01;Initial Catalog=Main;User Id=web;Password={pw};\" />\n</connectionStrings>", pw, "web.config"))  # fmt: skip
    cloud_key, cloud_secret = num(15), rs(27, B64URL)
    rows.append((f"CLOUDINARY_URL=cloudinary://{cloud_key}:{cloud_secret}@acme-media", cloud_secret, "cloudinary url"))  # fmt: skip
    pw = url_pw()
    rows.append((f"ftp://backup:{pw}@ftp.corp.example/nightly/", pw, "ftp url"))
    pw = url_pw()
    rows.append((f"sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"{rs(16, UP + DIG)}\" password=\"{pw}\";", pw, "kafka jaas"))  # fmt: skip
    conf = rs(64, B64)
    rows.append((f"bootstrap.servers=pkc-{rs(5, LO + DIG)}.eu-west-1.aws.confluent.cloud:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.username={rs(16, UP + DIG)}\nsasl.password={conf}", conf, "confluent client properties"))  # fmt: skip
    for text, secret, note in rows:
        pos("connection-string", "carrier:connection-string", frame(text), [secret], note)
    for _ in range(2):
        settings = (f"<settings>\n  <servers>\n    <server>\n      <id>nexus-releases</id>\n      <username>deployer</username>\n"
                    f"      <password>{(pw := password())}</password>\n    </server>\n  </servers>\n</settings>")  # fmt: skip
        pos("maven-settings", "carrier:connection-string", frame(settings, "xml"), [pw])
    pw = password(url_safe=True)
    pos("nuget-config", "carrier:connection-string",
        f'<packageSourceCredentials>\n  <corp>\n    <add key="Username" value="builder" />\n    <add key="ClearTextPassword" value="{pw}" />\n  </corp>\n</packageSourceCredentials>',
        [pw])  # fmt: skip


def signed_url_rows() -> None:
    for _ in range(3):
        sig = urllib.parse.quote(b64(rbytes(32)), safe="")
        url = (f"https://{rs(10, LO + DIG)}.blob.core.windows.net/{pick('backups', 'exports', 'tfstate')}/"
               f"{pick('db.bak', 'report.csv', 'state.json')}?sv=2022-11-02&ss=b&srt=sco&sp=rwdlacupiytfx&se=2025-12-31T23:59:59Z"
               f"&st=2025-01-01T00:00:00Z&spr=https&sig={sig}")  # fmt: skip
        pos("azure-sas-url", "carrier:signed-url", frame(f"upload with this SAS: {url}"), [sig])
    sig = urllib.parse.quote(b64(rbytes(32)), safe="")
    sb = (f"SharedAccessSignature sr=https%3A%2F%2Facme-bus.servicebus.windows.net%2Forders&sig={sig}"
          f"&se={R.randint(1_750_000_000, 1_760_000_000)}&skn=send-only")  # fmt: skip
    pos("servicebus-sas", "carrier:signed-url", f"Authorization: {sb}", [sig])
    key = rs(43, B64) + "="
    pos("servicebus-connection", "carrier:signed-url",
        f"Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}",
        [key])  # fmt: skip
    key = rs(86, B64) + "=="
    pos("cosmos-connection", "carrier:signed-url",
        f"AccountEndpoint=https://acme-db.documents.azure.com:443/;AccountKey={key};", [key])  # fmt: skip
    akid, token = "ASIA" + rs(16, UP + "234567"), "IQoJb3JpZ2luX2Vj" + rs(R.randint(330, 400), B64)
    tok_q = urllib.parse.quote(token, safe="")
    url = (f"https://acme-exports.s3.eu-west-1.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256"
           f"&X-Amz-Credential={akid}%2F20250301%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20250301T101500Z"
           f"&X-Amz-Expires=3600&X-Amz-Security-Token={tok_q}&X-Amz-Signature={rs(64, HEX)}&X-Amz-SignedHeaders=host")  # fmt: skip
    pos("s3-presigned-url", "carrier:signed-url", f"here is the link, valid for an hour: {url}", [akid, tok_q],
        "temporary key + session token")  # fmt: skip
    code = rs(54, B64URL) + "=="
    pos("azure-function-key", "carrier:signed-url",
        f"POST https://acme-fn.azurewebsites.net/api/ingest?code={code}", [code])  # fmt: skip
    aws_id, aws_secret, session = (
        "ASIA" + rs(16, UP + "234567"),
        rs(40, B64),
        "IQoJb3JpZ2luX2Vj" + rs(360, B64),
    )
    pos("aws-credentials-file", "carrier:dotenv",
        f"[default]\naws_access_key_id = {aws_id}\naws_secret_access_key = {aws_secret}\naws_session_token = {session}",
        [aws_id, aws_secret, session])  # fmt: skip
    creds = json.dumps({"Credentials": {"AccessKeyId": aws_id[:4] + rs(16, UP + "234567"), "SecretAccessKey": (s2 := rs(40, B64)),
                        "SessionToken": (t2 := "IQoJb3JpZ2luX2Vj" + rs(360, B64)), "Expiration": "2025-03-01T12:00:00Z"}}, indent=2)  # fmt: skip
    pos("aws-sts-output", "carrier:dotenv", "aws sts assume-role output:\n" + creds, [s2, t2])


def cookie_rows() -> None:
    rows = [
        (f"Cookie: sessionid={(a := rs(32, LO + DIG))}; csrftoken={rs(32)}", a, "django session"),
        (f"Set-Cookie: JSESSIONID={(a := rs(32, HEXU))}; Path=/; Secure; HttpOnly", a, "java session"),
        (f"Cookie: PHPSESSID={(a := rs(26, LO + DIG))}", a, "php session"),
        (f"Cookie: connect.sid=s%3A{(a := rs(32, B64URL))}.{rs(43, B64URL)}", a, "express session"),
        (f"Cookie: __Secure-next-auth.session-token={(a := 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..' + rs(22, B64URL) + '.' + rs(200, B64URL))}.{rs(22, B64URL)}", a, "next-auth JWE"),
        (f"Cookie: _gitlab_session={(a := rs(32, HEX))}; event_filter=all", a, "gitlab session"),
        (f"Cookie: laravel_session={(a := b64(json.dumps({'iv': b64(rbytes(16)), 'value': b64(rbytes(64)), 'mac': rs(64, HEX)}).encode()))}", a, "laravel"),
        (f"Cookie: ASP.NET_SessionId={(a := rs(24, LO + DIG))}; .AspNetCore.Cookies={(b := rs(180, B64URL))}", b, "asp.net"),
        (f"document.cookie = 'auth_token={(a := rs(40, B64URL))}; path=/'", a, "js auth cookie"),
    ]  # fmt: skip
    for text, secret, note in rows:
        pos(
            "session-cookie",
            "carrier:cookie",
            frame(f"the request from the browser devtools:\n{text}"),
            [secret],
            note,
        )


def misc_positive_rows() -> None:
    gh = "github_pat_" + rs(22) + "_" + rs(59)
    pos("git-remote-token", "carrier:url", f"git remote set-url origin https://x-access-token:{gh}@github.com/acme/infra.git",
        [gh])  # fmt: skip
    pat = rs(52, B32)
    pos("azdo-git-url", "carrier:url", f"git clone https://{pat}@dev.azure.com/acme/Platform/_git/infra", [pat],
        "PAT as the URL user")  # fmt: skip
    basic = b64(f":{rs(52, B32)}".encode())
    pos("azdo-basic", "carrier:auth-header", f"git -c http.extraHeader=\"Authorization: Basic {basic}\" clone https://dev.azure.com/acme/_git/app",
        [basic])  # fmt: skip
    pw = password()
    pos(
        "xml-password",
        "carrier:config",
        f"<datasource>\n  <user>report</user>\n  <password>{pw}</password>\n</datasource>",
        [pw],
    )
    pw = password()
    pos(
        "ini-password",
        "carrier:config",
        f'[client]\nuser = backup\npassword = "{pw}"\nhost = 127.0.0.1',
        [pw],
        "my.cnf",
    )
    pw = password()
    pos("rclone-conf", "carrier:config", f"[s3remote]\ntype = s3\nprovider = Ceph\naccess_key_id = {rs(20, UP + DIG)}\nsecret_access_key = {pw}",
        [pw])  # fmt: skip
    pw = password()
    pos(
        "toml-secret",
        "carrier:config",
        f'[database]\nhost = "db"\nuser = "svc"\npass = "{pw}"',
        [pw],
    )
    hook = f"https://hooks.slack.com/services/T{rs(8, UP + DIG)}/B{rs(10, UP + DIG)}/{rs(24)}"
    pos(
        "slack-webhook",
        "carrier:url",
        f"alertmanager receiver:\n  slack_configs:\n  - api_url: {hook}",
        [hook.rsplit("/", 1)[1]],
    )
    teams = f"https://acme.webhook.office.com/webhookb2/{uid()}@{uid()}/IncomingWebhook/{rs(32, HEX)}/{uid()}/V2{rs(40, B64URL)}"
    pos("teams-webhook", "carrier:url", f"post alerts to {teams}", [teams.rsplit("/", 1)[1]])
    tg = v("telegram-bot-token")
    pos(
        "telegram-url",
        "carrier:url",
        f"curl https://api.telegram.org/bot{tg}/sendMessage -d chat_id=-100123",
        [tg],
    )
    pw = password()
    pos("password-in-prose", "carrier:prose",
        f"the admin login for the staging Jenkins is admin / {pw} if you need to check the job", [pw],
        "prose, no assignment")  # fmt: skip
    pw = password()
    pos(
        "password-is-prose",
        "carrier:prose",
        f"my root password is {pw}, can you write the ansible task to rotate it?",
        [pw],
    )


# --------------------------------------------------------------------------------------------------
# negatives


def placeholder_rows() -> None:
    items = [
        "password=<your password>", "DB_PASSWORD=<db-password>", "API_KEY=your-api-key-here",
        'token: "REPLACE_ME"', "OPENAI_API_KEY=sk-...", "export GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX", "VAULT_TOKEN=hvs.<token>", "SLACK_BOT_TOKEN=xoxb-your-bot-token",
        "STRIPE_SECRET_KEY=sk_live_...", "password: ********", "client_secret: <CLIENT_SECRET>",
        "DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME", "mongodb+srv://<username>:<password>@cluster0.mongodb.net/",
        "Authorization: Bearer <token>", "Authorization: Bearer YOUR_ACCESS_TOKEN", "-H 'X-API-Key: {{api_key}}'",
        "api_key = \"INSERT_KEY_HERE\"", "secret_key = 'changeme'", "jwt_secret: \"please-change-this\"",
        "token = \"TODO\"", "DOPPLER_TOKEN=dp.st.xxxx", "NEW_RELIC_LICENSE_KEY=<license key>", "DD_API_KEY=<DATADOG_API_KEY>",
        "password = [REDACTED]", "auth: { user: 'apikey', pass: '<SENDGRID_KEY>' }", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
        "aws_secret_access_key = <paste from the console>", "SNOWFLAKE_PASSWORD=", "REDIS_PASSWORD=\"\"",
        "glpat-xxxxxxxxxxxxxxxxxxxx", "mysql -u root -p", "docker login -u USERNAME -p PASSWORD",
    ]  # fmt: skip
    for item in items:
        neg("placeholder", "neg:placeholder", frame(item), "placeholder, empty or elided value")


def reference_rows() -> None:
    items = [
        "password: ${{ secrets.DB_PASSWORD }}", "token: ${{ secrets.GITHUB_TOKEN }}",
        "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  TF_API_TOKEN: ${{ secrets.TF_API_TOKEN }}",
        "password: vault:secret/data/prod/db#password", "DB_PASS=vault:kv/app/db:password",
        "secretRef: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf",
        "MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
        "password: '{{resolve:ssm-secure:/prod/db/password:3}}'",
        "DB_PASSWORD=@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)",
        "api_key: op://Engineering/Datadog/credential", "password: ref+vault://secret/data/db#/password",
        "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db-credentials\n      key: password",
        'password = var.db_password', 'password = random_password.db.result',
        'master_password = data.aws_secretsmanager_secret_version.db.secret_string',
        "password: {{ .Values.postgresql.auth.password | quote }}", 'token: "{{ vault_github_token }}"',
        "export VAULT_TOKEN=$(vault print token)", "export AWS_SECRET_ACCESS_KEY=$(aws configure get aws_secret_access_key)",
        "password=${DB_PASSWORD:?missing}", "SET PGPASSWORD=%PG_PASSWORD%", 'api_key = os.environ["STRIPE_API_KEY"]',
        "const token = process.env.SLACK_BOT_TOKEN;", "password: !Ref DbPassword", "Password: !Sub '{{resolve:secretsmanager:${DbSecret}}}'",
        "auth:\n  existingSecret: postgres-auth\n  secretKeys:\n    adminPasswordKey: postgres-password",
        "kubectl create secret generic db --from-file=password=./db-password.txt",
        "docker login -u ci --password-stdin < ~/.docker/token", 'client_secret = azurerm_key_vault_secret.sp.value',
        'password = sensitive(var.admin_password)', "sops:\n  age:\n  - recipient: age1" + rs(58, BECH32),
        "gcloud secrets versions access latest --secret=db-password", "DB_PASSWORD_FILE=/run/secrets/db_password",
    ]  # fmt: skip
    for item in items:
        neg("reference", "neg:reference", frame(item), "a reference to a secret, not the secret")


def hash_rows() -> None:
    for _ in range(3):
        neg(
            "sha256",
            "neg:hash",
            f"sha256sum terraform_1.9.8_linux_amd64.zip\n{rs(64, HEX)}  terraform_1.9.8_linux_amd64.zip",
        )
    neg("sha1", "neg:hash", f"SHA1 fingerprint of the artifact: {rs(40, HEX)}")
    neg("md5", "neg:hash", f'ETag: "{rs(32, HEX)}"')
    neg(
        "bcrypt",
        "neg:hash",
        f"password_hash: $2b$12${rs(53, ALNUM + './')}",
        "a hash, not the password",
    )
    neg("htpasswd", "neg:hash", f"admin:$apr1${rs(8, ALNUM)}${rs(22, ALNUM + './')}")
    neg(
        "argon2",
        "neg:hash",
        f'hashed_password = "$argon2id$v=19$m=65536,t=3,p=4${rs(22, B64[:-2])}${rs(43, B64[:-2])}"',
    )
    neg(
        "sri",
        "neg:hash",
        f'<script src="https://cdn.example.com/lib.min.js" integrity="sha384-{rs(64, B64)}" crossorigin="anonymous"></script>',
    )
    neg("npm-integrity", "neg:hash", f'"integrity": "sha512-{rs(86, B64)}=="')
    neg("go-sum", "neg:hash", f"github.com/aws/aws-sdk-go-v2 v1.30.3 h1:{rs(43, B64)}=")
    neg("pip-hash", "neg:hash", f"requests==2.32.3 \\\n    --hash=sha256:{rs(64, HEX)}")
    neg("docker-digest", "neg:hash", f"image: ghcr.io/acme/api@sha256:{rs(64, HEX)}")
    neg("terraform-lock", "neg:hash", f'provider "registry.terraform.io/hashicorp/aws" {{\n  version = "5.62.0"\n  hashes = [\n    "h1:{rs(43, B64)}=",\n    "zh:{rs(64, HEX)}",\n  ]\n}}')  # fmt: skip
    neg(
        "shadow-hash",
        "neg:hash",
        f"deploy:$6${rs(16, ALNUM)}${rs(86, ALNUM + './')}:19700:0:99999:7:::",
    )
    neg(
        "helm-digest",
        "neg:hash",
        f'digest: sha256:{rs(64, HEX)}\ngenerated: "2025-02-01T10:00:00Z"',
    )
    neg("cargo-checksum", "neg:hash", f'checksum = "{rs(64, HEX)}"')
    neg(
        "content-hash-filename",
        "neg:hash",
        f"static/js/main.{rs(8, HEX)}.js  142.3 kB\nstatic/css/main.{rs(8, HEX)}.css  12.1 kB",
    )
    neg("token-hash", "neg:hash", f"token_sha256: {rs(64, HEX)}", "stored hash of a token")
    neg(
        "key-fingerprint",
        "neg:hash",
        f"fingerprint = \"{':'.join(rs(2, HEX) for _ in range(16))}\"",
    )
    neg("ssh-fingerprint", "neg:hash", f"ED25519 key fingerprint is SHA256:{rs(43, B64)}.")
    neg("gpg-fingerprint", "neg:hash", f"gpg: key {rs(16, HEXU)}: public key \"Release Signing <release@example.org>\" imported\nPrimary key fingerprint: {' '.join(rs(4, HEXU) for _ in range(10))}")  # fmt: skip
    neg("checksum-file", "neg:hash", f"kubectl.sha512: {rs(128, HEX)}")


def id_rows() -> None:
    items = [
        f"AZURE_CLIENT_ID={uid()}\nAZURE_TENANT_ID={uid()}\nAZURE_SUBSCRIPTION_ID={uid()}",
        f'client_id = "{uid()}"\ntenant_id = "{uid()}"',
        f"x-amz-request-id: {rs(16, HEXU)}\nx-amz-id-2: {rs(76, B64)}=",
        f"traceparent: 00-{rs(32, HEX)}-{rs(16, HEX)}-01",
        f"X-Request-Id: {uid()}",
        f"cf-ray: {rs(16, HEX)}-FRA",
        f"x-ms-request-id: {uid()}\nx-ms-correlation-request-id: {uid()}",
        f"Operation ID: operation-{R.randint(1_700_000_000_000, 1_750_000_000_000)}-{rs(13, LO + DIG)}-{rs(8, HEX)}-{rs(8, HEX)}",
        f"instance i-0{rs(16, HEX)} in subnet-0{rs(16, HEX)} (vpc-0{rs(16, HEX)}) with sg-0{rs(16, HEX)}",
        f'ami = "ami-0{rs(16, HEX)}"',
        f"ocid1.instance.oc1.eu-frankfurt-1.an{rs(58, LO + DIG)}",
        f"/subscriptions/{uid()}/resourceGroups/rg-prod/providers/Microsoft.KeyVault/vaults/acme-kv",
        f"pod web-{rs(10, LO + DIG)}-{rs(5, LO + DIG)} is CrashLoopBackOff",
        f"event id 01J{rs(23, '0123456789ABCDEFGHJKMNPQRSTVWXYZ')}",
        f"x-amz-version-id: {rs(32, B64URL + '.')}",
        f"Job {uid()} failed at step 3",
        f"GitHub run https://github.com/acme/app/actions/runs/{num(11)}/job/{num(11)}",
        f"Stripe customer cus_{rs(14)} charge ch_3{rs(23)} payment_intent pi_3{rs(23)}",
        f"Slack channel C0{rs(8, UP + DIG)} message ts 17{num(8)}.{rs(6, DIG)}",
        f"Datadog monitor {num(8)} in org {rs(12, LO)}",
        f"session id in the logs: sess-{num(10)} (not an auth cookie, just our log correlation)",
        f'kms_key_id = "arn:aws:kms:eu-west-1:{num(12)}:key/{uid()}"',
        f"projects/{num(12)}/secrets/db-password/versions/latest",
        f"Google client id {num(12)}-{rs(32, LO + DIG)}.apps.googleusercontent.com",
        f"Heroku app id {uid()}, dyno web.1",
        f"nonce-{b64(rbytes(16))} used in Content-Security-Policy: script-src 'nonce-{b64(rbytes(16))}'",
        f"oauth callback https://app.example.com/callback?state={rs(32, B64URL)}&code_challenge={rs(43, B64URL)}&code_challenge_method=S256",
        f"youtube link https://www.youtube.com/watch?v={rs(11, B64URL)}",
        f"docker image id sha256:{rs(12, HEX)} created 3 days ago",
        f"Build #{R.randint(1000, 9999)} commit-id {rs(40, HEX)} artifact {uid()}.tar.gz",
        f"CloudTrail eventID: {uid()}, requestID: {uid()}",
        f"sentry event {rs(32, HEX)} in project api",
        f"correlation_id={rs(26, LO + DIG)} user_id={num(9)} took 213ms",
        f"access_key_id_last_used: {datetime_str()}",
        "TOKEN_TTL=3600\nSESSION_TIMEOUT=30m\nMAX_TOKENS=4096",
    ]
    for item in items:
        neg("id", "neg:id", frame(item), "identifier or correlation id, grants nothing")


def datetime_str() -> str:
    return f"2025-0{R.randint(1, 9)}-1{R.randint(0, 9)}T0{R.randint(0, 9)}:{R.randint(10, 59)}:00Z"


def ed25519_blob() -> str:
    return b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rbytes(32))


def public_key_rows() -> None:
    ed = ed25519_blob()
    rsa = b64(
        b"\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00" + rbytes(256)
    )
    ecd = b64(
        b"\x00\x00\x00\x13ecdsa-sha2-nistp256\x00\x00\x00\x08nistp256\x00\x00\x00\x41\x04"
        + rbytes(64)
    )
    items = [
        f"ssh-ed25519 {ed} jane@laptop",
        f"resource \"aws_key_pair\" \"deployer\" {{\n  key_name   = \"deployer\"\n  public_key = \"ssh-rsa {rsa} deployer@ci\"\n}}",
        f"github.com ecdsa-sha2-nistp256 {ecd}",
        "ssh_authorized_keys:\n  - ssh-ed25519 " + ed25519_blob() + " ops",
        pem("PUBLIC KEY", 290),
        pem("CERTIFICATE", 900),
        "ca.crt:\n" + pem("CERTIFICATE", 780) + "\n" + pem("CERTIFICATE", 820),
        pem("CERTIFICATE REQUEST", 640),
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + "\n".join(rs(64, B64) for _ in range(10)) + "\n=" + rs(4, B64) + "\n-----END PGP PUBLIC KEY BLOCK-----",
        f"recipient: age1{rs(58, BECH32)}",
        f"[Peer]\nPublicKey = {b64(rbytes(32))}\nPresharedKey = (not set)\nAllowedIPs = 10.8.0.0/24",
        json.dumps({"keys": [{"kty": "RSA", "use": "sig", "kid": rs(43, B64URL), "alg": "RS256", "n": rs(342, B64URL), "e": "AQAB"}]}, indent=2),
        f"clusters:\n- cluster:\n    certificate-authority-data: {b64((pem('CERTIFICATE', 760) + chr(10)).encode())}\n    server: https://10.0.0.1:6443\n  name: kind-kind",
        f"    client-certificate-data: {b64((pem('CERTIFICATE', 700) + chr(10)).encode())}",
        "users:\n- name: eks\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod]",
        f"tls.crt: {b64((pem('CERTIFICATE', 800) + chr(10)).encode())}",
        f"STRIPE_PUBLISHABLE_KEY=pk_live_51{rs(97)}",
        f"const stripe = Stripe('pk_test_51{rs(97)}');",
        f"mapboxgl.accessToken = 'pk.{b64u(json.dumps({'u': 'mapteam', 'a': rs(25, LO + DIG)}).encode())}.{rs(22, B64URL)}';",
        f"known_hosts: gitlab.com ssh-ed25519 {ed25519_blob()}",
        f"DKIM record: v=DKIM1; k=rsa; p={b64(rbytes(270))}",
        f"sigstore public key: {pem('PUBLIC KEY', 88)}",
    ]  # fmt: skip
    for item in items:
        neg(
            "public-key-or-cert",
            "neg:public",
            frame(item),
            "public key, certificate or publishable key",
        )


def sha_rows() -> None:
    for _ in range(4):
        sha = rs(40, HEX)
        neg("commit-sha", "neg:commit-sha", frame(pick(
            f"git revert {sha}", f"commit {sha}\nAuthor: Jane <jane@example.org>\nDate:   Mon Mar 3 10:00:00 2025 +0100\n\n    fix: bump provider",
            f"- uses: actions/checkout@{sha} # v4.2.2", f"ref: {sha}", f'"sha": "{sha}"', f"cherry-pick {sha[:12]} onto release/2.3",
            f"module \"vpc\" {{\n  source = \"git::https://github.com/acme/tf-vpc.git?ref={sha}\"\n}}",
        )))  # fmt: skip
    for _ in range(8):
        sha = rs(40, HEX)
        neg("commit-sha", "neg:commit-sha", pick(
            f"The regression came in with {sha}, can you look at the diff?",
            f"rev = \"{sha}\"", f"pinned to {sha} in requirements: git+https://github.com/acme/lib.git@{sha}#egg=lib",
            f"Merge pull request #412 from acme/feature\n{sha}", f"revision: {sha}\nchart: ingress-nginx",
            f"{sha[:7]} (HEAD -> main, origin/main) chore: update lockfile",
            f"image tag {sha[:8]} built from {sha}", f"GIT_COMMIT={sha}",
        ))  # fmt: skip


def base64_rows() -> None:
    bash = b"#!/bin/bash\napt-get update && apt-get install -y docker.io\nusermod -aG docker azureuser\n"
    event = json.dumps({"event": "push", "ref": "refs/heads/main"}).encode()
    cloud_init = "#cloud-config\npackages:\n  - nginx\nruncmd:\n  - systemctl enable --now nginx\n"
    items = [
        f'user_data = "{b64(cloud_init.encode())}"',
        f"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA{rs(120, B64)}=",
        f"binaryData:\n  logo.png: iVBORw0KGgo{rs(200, B64)}",
        f"echo '{b64(json.dumps({'replicas': 3, 'image': 'nginx:1.27', 'port': 8080}).encode())}' | base64 -d",
        f"config.json (base64): {b64(json.dumps({'log_level': 'info', 'features': ['a', 'b'], 'region': 'eu-west-1'}).encode())}",
        f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\nbinaryData:\n  truststore.jks: /u3+7QAAAAIAAAAB{rs(150, B64)}",
        f"custom_data = \"{b64(bash)}\"",
        f"The payload is {b64(event)} (base64 JSON from the webhook)",
        f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: {b64(b'debug')}\n  REGION: {b64(b'eu-west-1')}\n  FEATURE_FLAGS: {b64(b'search,export')}",
        f"tf state output: {b64(json.dumps({'version': 4, 'terraform_version': '1.9.8', 'serial': 12}).encode())}",
        f"font: url(data:font/woff2;base64,d09GMgABAAAAA{rs(160, B64)}) format('woff2')",
        f"ansible: $ANSIBLE_VAULT;1.1;AES256\n{chr(10).join(rs(80, HEX) for _ in range(5))}",
        f"password: ENC[AES256_GCM,data:{rs(24, B64)},iv:{rs(43, B64)}=,tag:{rs(22, B64)}==,type:str]",
        f"spec:\n  encryptedData:\n    password: AgB{rs(600, B64)}==",
        f"CiphertextBlob: AQICAHh{rs(200, B64)}==",
        f"db_password = ENC({rs(44, B64)})",
        f"gzip+base64 of the manifest: H4sIAAAAAAAA/{rs(180, B64)}",
        f"pkcs7 signature block: MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwGggCSA{rs(100, B64)}",
        f"wasm module: AGFzbQEAAAAB{rs(120, B64)}",
        f"kubectl get secret app-tls -o jsonpath='{{.data.tls\\.crt}}' returned {b64((pem('CERTIFICATE', 400) + chr(10)).encode())[:200]}...",
    ]  # fmt: skip
    for item in items:
        neg(
            "benign-base64-or-ciphertext",
            "neg:base64",
            frame(item),
            "benign encoded data or ciphertext",
        )


def docs_rows() -> None:
    items = [
        "To connect, run `psql -h localhost -U postgres` and enter password=<your password> when prompted.",
        "Set `API_KEY` in your environment before starting the server; never commit it.",
        "GitHub classic tokens start with ghp_ and fine-grained tokens with github_pat_.",
        "AWS access key IDs begin with AKIA for long-term keys and ASIA for temporary ones.",
        "The connection string format is `Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;`.",
        "Use `curl -u $USER:$TOKEN https://api.example.com` so the token stays out of your history.",
        "Rotate the Vault token (it starts with hvs.) every 24 hours; batch tokens start with hvb.",
        "password must be at least 14 characters and contain one symbol",
        "The Authorization header takes the form `Authorization: Bearer <access_token>`.",
        "In the .npmrc, write `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` and export NPM_TOKEN in CI.",
        "Stripe secret keys look like sk_live_... and publishable keys like pk_live_...",
        "the secret_key_base is generated by `bin/rails secret`",
        "Service account JSON has fields type, project_id, private_key_id, private_key and client_email.",
        "For the kubeconfig, use the `exec` credential plugin instead of a static `token:`.",
        "OKTA: send `Authorization: SSWS ${OKTA_API_TOKEN}` with every request.",
        "The .netrc file has lines like `machine host login USER password PASS`.",
        "MongoDB Atlas shows a string like mongodb+srv://<db_username>:<db_password>@cluster0.abcde.mongodb.net/",
        "If the password contains @ you must percent-encode it as %40 in the URL.",
        "Please reset my password, I forgot it after the holidays.",
        "Our password policy: minimum length 12, rotation every 90 days, no reuse of the last 5.",
        "Where should I store the DB password for the Lambda, SSM Parameter Store or Secrets Manager?",
        "Is it OK to put the Datadog API key in a Kubernetes Secret, or should we use External Secrets?",
        "The token expired at 10:42, so the job failed with 401 Unauthorized.",
        "Generate a random password with `openssl rand -base64 32` and store it in Key Vault.",
        "age keys: the public key starts with age1 and the secret key with AGE-SECRET-KEY-1.",
        "Create a Terraform variable `db_password` with `sensitive = true` and no default.",
        "How do I make `docker login` read the token from stdin in GitHub Actions?",
        "Tailscale auth keys (tskey-auth-...) should be ephemeral and pre-approved for CI nodes.",
        "token: the Bearer token used to authenticate to the API server (see kubectl docs)",
        "apiKey (string, required): your API key, found under Settings → API.",
    ]
    for item in items:
        neg("docs-or-question", "neg:docs", item, "prose about secrets, no secret")


def masked_rows() -> None:
    items = [
        "2025-03-04T10:12:44Z + docker login -u ci -p *** ghcr.io",
        'Run curl -H "Authorization: token ***" https://api.github.com/user',
        "DB_PASSWORD=[MASKED]",
        "export AWS_SECRET_ACCESS_KEY=****************************************",
        "password = (sensitive value)",
        "  + master_password = (sensitive value)",
        "Outputs:\n\ndb_password = <sensitive>",
        "token: [REDACTED]",
        "Authorization: Bearer [FILTERED]",
        "api_key=********",
        "SLACK_WEBHOOK=https://hooks.slack.com/services/***",
        "Using token glpat-**************** for the job",
        "vault: token=hvs.*****",
        "secret_access_key: REDACTED",
        "password ••••••••",
    ]
    for item in items:
        neg("masked", "neg:masked", frame(item), "value already masked")


def benign_config_rows() -> None:
    items = [
        "max_tokens: 4096\ntemperature: 0.2",
        "key_size: 4096\nkey_algorithm: RSA",
        'token_ttl = "1h"',
        "auth:\n  existingSecret: grafana-admin\n  userKey: admin-user\n  passwordKey: admin-password",
        "secretName: tls-wildcard",
        "auth_method: oidc",
        "session_timeout: 30m",
        "tokenizer: cl100k_base",
        'key_name = "prod-bastion"',
        'ssh_key_name = "ops-2024"',
        "password_length = 24",
        "secret_version: 3",
        "token_endpoint: https://login.microsoftonline.com/common/oauth2/v2.0/token",
        "enable_password_auth: false",
        "primary_key: id\nsort_key: created_at",
        'partition_key = "/tenantId"',
        "keyboard_layout: de",
        "passwordless: true",
        "secret_rotation_days = 30",
        'credential_source = "Ec2InstanceMetadata"',
        "client_auth_type: private_key_jwt",
        "apiKeyHeader: X-API-Key",
        "token_type: Bearer",
        "tokens_per_minute: 90000",
        'authorization_mode = "Node,RBAC"',
        'password_reset_url = "https://id.example.com/reset"',
        "secret_store: aws-secrets-manager",
        "login_shell: /bin/bash",
        "session_affinity: ClientIP",
        "keyring_backend: file",
        "ssm_parameter_name: /prod/app/db_password",
        'key_vault_name = "kv-prod-weu"',
        "auth_provider: github\nallowed_org: acme",
        "private_endpoint_enabled = true",
        'secret_name = "prod/api/stripe"',
        "keyId: 1\nalgorithm: ES256",
    ]
    for item in items:
        neg(
            "benign-config",
            "neg:config",
            frame(item, "yaml"),
            "names that say secret, values that are not",
        )


def ops_text_rows() -> None:
    items = [
        f"Can you add a lifecycle rule to bucket acme-logs-{rs(6, LO + DIG)} that expires objects after 30 days?",
        "Create an Azure Key Vault with soft delete and purge protection, and grant the AKS identity get/list on secrets.",
        "Write a Terraform module that creates an RDS instance whose master password comes from Secrets Manager.",
        "Our GitHub Actions workflow needs OIDC to AWS instead of long-lived keys; show the trust policy.",
        "Set up External Secrets Operator to sync /prod/db/password from SSM into a Kubernetes Secret.",
        f"The S3 object key is uploads/2025/03/{uid()}.jpg and the CloudFront distribution is E{rs(13, UP + DIG)}.",
        "Please rotate the IAM access keys for the ci-deployer user and disable the old ones.",
        f"Deploy revision {rs(7, HEX)} of the api to staging and run the smoke tests.",
        "Add a Vault policy that allows read on secret/data/app/* and nothing else.",
        "Why does `terraform plan` show the password as (sensitive value) but the output is empty?",
        "Configure Dependabot to use the NPM_TOKEN secret for the private registry.",
        "Make the Lambda read SLACK_WEBHOOK_URL from Parameter Store instead of an env var.",
        f"Bucket policy Sid: AllowCloudFront{rs(8, UP + DIG)}, condition aws:SourceArn arn:aws:cloudfront::{num(12)}:distribution/E{rs(13, UP + DIG)}",
        "The GKE workload identity annotation is iam.gke.io/gcp-service-account: app@proj.iam.gserviceaccount.com.",
        f"ECR image {num(12)}.dkr.ecr.eu-west-1.amazonaws.com/api:{rs(7, HEX)} fails to pull with no basic auth credentials.",
    ]
    for item in items:
        neg("ops-request", "neg:ops", item, "ordinary infrastructure request")


def document_rows() -> None:
    """Whole files of the carriers above with nothing secret in them."""
    items = [
        "# .env.example\nDATABASE_URL=postgres://app:app@localhost:5432/app_dev\nSECRET_KEY=\nSTRIPE_SECRET_KEY=sk_test_replace_me\nSENTRY_DSN=",
        json.dumps({"auths": {"https://index.docker.io/v1/": {}, "ghcr.io": {}}, "credsStore": "desktop",
                    "currentContext": "desktop-linux"}, indent=2),
        json.dumps({"credHelpers": {f"{num(12)}.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login",
                                    "europe-docker.pkg.dev": "gcloud"}}, indent=2),
        "@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\nengine-strict=true",
        "[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\n# password comes from TWINE_PASSWORD",
        f"apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://{rs(32, HEXU)}.gr7.eu-west-1.eks.amazonaws.com\n"
        "  name: prod\nusers:\n- name: prod\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
        "      command: aws\n      args: [--region, eu-west-1, eks, get-token, --cluster-name, prod]",
        "postgresql:\n  auth:\n    existingSecret: pg-credentials\n    secretKeys:\n      adminPasswordKey: postgres-password\n"
        "      userPasswordKey: password\n  primary:\n    persistence:\n      size: 20Gi",
        "jobs:\n  deploy:\n    permissions:\n      id-token: write\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n"
        f"        with:\n          role-to-assume: arn:aws:iam::{num(12)}:role/gha-deploy\n          aws-region: eu-west-1",
        json.dumps({"UserId": "AIDA" + rs(17, UP + "234567"), "Account": num(12),
                    "Arn": f"arn:aws:iam::{num(12)}:user/ci-deployer"}, indent=2),
        f"  # aws_db_instance.main will be updated in-place\n  ~ resource \"aws_db_instance\" \"main\" {{\n"
        f"        id       = \"db-{rs(26, UP + DIG)}\"\n      ~ password = (sensitive value)\n        username = \"dbadmin\"\n    }}",
        f'<meta name="csrf-token" content="{rs(40, B64URL)}">\n<meta name="viewport" content="width=device-width">',
        json.dumps({"id": f"evt_{rs(24)}", "object": "event", "created": R.randint(1_700_000_000, 1_750_000_000),
                    "data": {"object": {"id": f"cs_live_{rs(58)}", "customer": f"cus_{rs(14)}"}}}, indent=2),
        "[default]\nregion = eu-west-1\noutput = json\n\n[profile prod]\nrole_arn = arn:aws:iam::" + num(12)
        + ":role/admin\nsource_profile = default\nmfa_serial = arn:aws:iam::" + num(12) + ":mfa/jane",
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
        "    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt",
        'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "main" {\n'
        "  password = var.db_password\n}",
        f"machine api.github.com\n  login octocat\n  password {'${GITHUB_TOKEN}'}",
        "[Interface]\nAddress = 10.8.0.2/24\nPostConfig = wg set %i private-key /etc/wireguard/private.key\nListenPort = 51820",
        "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  secretStoreRef:\n    name: aws-sm\n"
        "  data:\n  - secretKey: password\n    remoteRef:\n      key: prod/db\n      property: password",
        f"2025-03-01 10:00:01 INFO  [main] HikariPool-1 - Starting...\n2025-03-01 10:00:02 INFO  [main] HikariPool-1 - Added "
        f"connection org.postgresql.jdbc.PgConnection@{rs(8, HEX)}\njdbc url: jdbc:postgresql://{R.choice(HOSTS)}:5432/app?sslmode=require",
        f"$ vault token lookup\nKey                 Value\n---                 -----\naccessor            {rs(24)}\n"
        "display_name        oidc-jane\nexpire_time         2025-03-02T10:00:00Z\npolicies            [default dev]",
    ]  # fmt: skip
    for item in items:
        neg("clean-document", "neg:document", frame(item), "a carrier file with no secret in it")


# --------------------------------------------------------------------------------------------------


def main() -> None:
    for make in (vendor_rows, ssh_like_rows, service_account_rows, kube_rows, env_file_rows, docker_npm_netrc_rows,
                 iac_rows, ci_log_rows, header_rows, connection_rows, signed_url_rows, cookie_rows,
                 misc_positive_rows, placeholder_rows, reference_rows, hash_rows, id_rows, public_key_rows,
                 sha_rows, base64_rows, docs_rows, masked_rows, benign_config_rows, ops_text_rows, document_rows):  # fmt: skip
        make()
    texts = [str(r["text"]) for r in ROWS]
    assert len(set(texts)) == len(texts), "duplicate rows"
    labels = Counter(int(str(r["label"])) for r in ROWS)
    assert labels[1] >= 250 and labels[0] >= 250, labels
    with OUT.open("w", encoding="utf-8") as fh:
        for row in ROWS:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    families = Counter(str(r["family"]).split(":")[0] + ":" + str(r["label"]) for r in ROWS)
    print(
        f"wrote {len(ROWS)} rows to {OUT}: {labels[1]} positives, {labels[0]} negatives; {dict(families)}"
    )


if __name__ == "__main__":
    main()
