"""Prefix-shaped vendor tokens and carrier rules kept out of ``secrets.py`` to keep that module readable.

Formats are the vendors' published token shapes (a fixed prefix, then a body of known alphabet and length).
Every token here is at least 20 characters long and holds no blank, so ``secrets.py`` looks for a group's
needles (lower-case substrings every token of the group contains) only in the text's long words: ordinary
prose has none, and skips all of these groups for the price of one ``str.split``. ``gate`` is a character
every token of the group contains (a ``memchr``, cheaper still).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TokenGroup:
    """Alternatives of one regex; ``gate`` (a character) and one of ``needles`` (lower-case) must occur in a
    long word of the text for the regex to run."""

    kind: str
    alternatives: tuple[str, ...]
    gate: str = ""
    needles: tuple[str, ...] = ()

    @property
    def pattern(self) -> str:
        return "(" + "|".join(self.alternatives) + ")"


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

TOKEN_GROUPS: tuple[TokenGroup, ...] = (
    # every token here has an underscore in its prefix
    TokenGroup(
        "vendor-token",
        (
            r"lin_api_[A-Za-z0-9]{40}",  # Linear
            r"lin_oauth_[a-f0-9]{64}",
            r"sbp_(?:oauth_)?[a-f0-9]{40}",  # Supabase personal / OAuth tokens
            r"sb_secret_[A-Za-z0-9_\-]{28,64}",  # Supabase secret API keys
            r"whsec_[A-Za-z0-9+/=]{32,88}",  # Stripe webhook signing secret (also Svix)
            r"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,64}",  # Docker Hub
            r"bkua_[a-f0-9]{40}",  # Buildkite
            r"nfp_[A-Za-z0-9]{36,40}",  # Netlify
            r"rnd_[A-Za-z0-9]{32,40}",  # Render
            r"napi_[a-z0-9]{64}",  # Neon
            r"sq[upa]_[a-f0-9]{40}",  # SonarQube/SonarCloud
            r"r8_[A-Za-z0-9]{37}",  # Replicate
            r"gsk_[A-Za-z0-9]{52}",  # Groq
            r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}",  # LangSmith
            r"fig[dpu]_[A-Za-z0-9_\-]{40,64}",  # Figma
            r"CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}",  # CircleCI
        ),
        gate="_",
        needles=(
            *"lin_api_ lin_oauth_ sbp_ sb_secret_ whsec_ dckr_ bkua_ nfp_ rnd_ napi_ squ_ sqp_ sqa_ r8_ gsk_".split(),
            *"lsv2_ figd_ figp_ figu_ ccipat_".split(),
        ),
    ),
    # every token here has a hyphen in its prefix
    TokenGroup(
        "vendor-token",
        (
            r"NRAK-[A-Z0-9]{27}",  # New Relic user key
            r"NRII-[A-Za-z0-9_\-]{32}",  # New Relic insert key
            r"CFPAT-[A-Za-z0-9_\-]{43}",  # Contentful
            r"GOCSPX-[A-Za-z0-9_\-]{28}",  # Google OAuth client secret
            r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",  # age identity
            r"tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,30}-[A-Za-z0-9]{20,64}",  # Tailscale
            r"sk-or-v1-[a-f0-9]{64}",  # OpenRouter
            r"(?:api|sdk|mob)-" + _UUID,  # LaunchDarkly
        ),
        gate="-",
        needles=(
            "nrak-",
            "nrii-",
            "cfpat-",
            "gocspx-",
            "age-secret-key-1",
            "tskey-",
            "sk-or-v1-",
            "api-",
            "sdk-",
            "mob-",
        ),  # fmt: skip
    ),
    # upper-case literal prefixes
    TokenGroup(
        "vendor-token",
        (
            r"AT[AC]TT3[A-Za-z0-9_\-=]{150,250}",  # Atlassian API / Confluence tokens
            r"ATBB[A-Za-z0-9_\-=]{28,40}",  # Bitbucket app password
            r"AKID[A-Za-z0-9]{32}",  # Tencent Cloud SecretId
            r"AQVN[A-Za-z0-9_\-]{35,38}",  # Yandex Cloud API key
            r"EAAA[A-Za-z0-9_\-]{60}",  # Square access token
        ),
        needles=("atatt3", "atctt3", "atbb", "akid", "aqvn", "eaaa"),
    ),
    # lower-case or mid-token markers: needles first
    TokenGroup(
        "vendor-token",
        (
            r"ya29\.[A-Za-z0-9_\-]{50,400}",  # Google OAuth access token
            r"1//0[A-Za-z0-9_\-]{40,200}",  # Google OAuth refresh token
            r"sk\.eyJ[A-Za-z0-9_\-]{20,300}\.[A-Za-z0-9_\-]{20,100}",  # Mapbox secret token
            r"oy2[a-z0-9]{43}",  # NuGet
            r"sl\.(?:u\.)?[A-Za-z0-9_\-]{120,1000}",  # Dropbox short-lived
            r"AAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{120,200}",  # Firebase Cloud Messaging server key
        ),
        needles=("ya29.", "1//0", "sk.eyj", "oy2", "sl.", ":apa91b"),
    ),
    TokenGroup(
        "vendor-token", (r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}",), needles=("pat",)
    ),  # Airtable PAT
    # the marker sits inside or at the end: these regexes start with a character class, so they run only
    # when their marker is present
    TokenGroup(
        "vendor-token",
        (r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70}",),
        needles=(".atlasv1.",),
    ),
    TokenGroup("vendor-token", (r"[a-f0-9]{36}NRAL",), needles=("nral",)),  # New Relic license key
    TokenGroup(  # Azure DevOps PAT, 84-character format
        "vendor-token",
        (r"[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{18}AZDO[A-Za-z0-9]{4}",),
        needles=("jqqj99",),
    ),
)
