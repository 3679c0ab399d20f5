"""Find credentials in text and redact every occurrence of each, before any model or log sees them.

Two kinds of rules:

- *shaped* rules: the value alone is recognisable (``ghp_…``, ``AKIA…``, ``xoxb-…``, private-key blocks, JWTs,
  URLs with a password);
- *keyword* rules: a name that says "secret" (``password``, ``api_key``, ``fooToken``…) assigned a value that
  looks random rather than like a placeholder, a reference (``${{ secrets.X }}``, ``var.x``) or a word.

Every regex is compiled once and uses bounded quantifiers only, so a pathological input costs linear time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from palisade.guard.base import Detection, ScanResult, Stage, sanitized_result
from palisade.guard.scanners._secret_vendors import TOKEN_GROUPS

__all__ = ["RedactMode", "SecretsScanner", "find_secrets"]

RedactMode = Literal["all", "partial", "hash"]
_REDACT_MODES: tuple[RedactMode, ...] = ("all", "partial", "hash")


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


_PLACEHOLDER_WORDS = re.compile(
    r"example|placeholder|changeme|change_me|your[_-]?|dummy|sample|redacted|fake|xxxx|\*\*\*|"
    r"<[^>]{0,40}>|#{4,}|\.\.\.|todo|replace|insert|notreal|not_real|foobar|lorem|secret_here|here$|"
    # masked by a CI system or a tool, or a "my…" stand-in from the docs
    r"masked|filtered|sensitive|censored|^my_?(?:pass(?:word)?|pwd|secret|token|key|api_?key)\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"^(?:\$\{?[\w.:\-]{1,80}\}?|\$\(.{0,200}\)|\{\{.{0,200}\}\}|%\(?\w{1,60}\)?s?%?|"
    r"(?:var|local|data|module|env|secrets|vars|process\.env|os\.environ|settings)[.\[]\S{0,200}|"
    r"(?:vault|ssm|secretsmanager|arn|azurekeyvault|keyvault|gcpsm|op|sm):/{0,2}\S{0,300}|ref\+\w{2,20}://\S{0,300}|"
    r"arn:aws\S{0,300}|@Microsoft\.KeyVault\(.{0,300}\)|env\(.{0,100}\)|getenv\(.{0,100}\)|"
    # shell expansions with modifiers, function calls, Terraform attribute paths, encrypted (SOPS, jasypt)
    r"\$\{[^}\s]{1,120}\}|\w{1,60}\(.{0,300}\)|[a-z]{1,30}(?:_[a-z]{1,30}){0,6}(?:\.[a-z]{1,30}(?:_[a-z]{1,30}){0,6}\d{0,3}){2,6}|"
    r"ENC[\[(].{0,2000}|"
    r"!(?:Ref|Sub|GetAtt|ImportValue)\b.{0,300}|"
    r"true|false|null|none|nil|undefined)$",
    re.IGNORECASE,
)


def _low_diversity(value: str) -> bool:
    core = re.sub(r"[^A-Za-z0-9]", "", value)
    if not core:
        return True
    most = Counter(core.lower()).most_common(1)[0][1]
    return most / len(core) > 0.5 or len(set(core.lower())) < 5


def _is_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER_WORDS.search(value)) or _low_diversity(value)


_PLACEHOLDER_PASSWORDS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "changeme", "admin", "token", "apikey", "api_key", "key",
     "pat", "user", "username", "pw", "passw0rd", "p@ssw0rd", "hunter2", "test", "root", "toor"}
)  # fmt: skip


def _cli_credentials_ok(value: str) -> bool:
    """``user:password`` given to curl/git/mysql: the password must not be a placeholder; a lone
    ``key:`` (an API key passed as the user name) must look random."""
    if re.search(r"[<>\[\]{}]", value):
        return False
    user, _, password = value.partition(":")
    password = password.strip("'\"")
    if not password:
        return len(user) >= 8 and _random_enough(user) and bool(re.search(r"\d", user))
    if len(password) < 4 or password.lower() in _PLACEHOLDER_PASSWORDS:
        return False
    if re.fullmatch(r"[\[<{(].*[\]>})]|\$\w+|%\w+%?", password):
        return False
    return not _is_placeholder(password)


# --------------------------------------------------------------------------------------------------
# Shaped rules: (kind, pattern, group holding the secret, extra check on the secret).

Check = Callable[[str], bool]


def _random_enough(value: str) -> bool:
    return not _is_placeholder(value) and shannon_entropy(value) >= 2.8


_STRUCTURAL_PLACEHOLDER = re.compile(
    r"x{5,}|X{5,}|\*{3,}|#{3,}|\.{3,}|<[^>]{0,40}>|\[[A-Z_ ]{3,40}\]|your[_-]|placeholder|redacted|changeme|"
    r"insert[_-]|replace[_-]?me|0{12,}|(?:1234567890){2,}|(?:token|key|secret|password)here\b|goes[_-]?here",
    re.IGNORECASE,
)


def _token_ok(value: str) -> bool:
    """For tokens recognisable by their shape (a vendor prefix): only structural placeholders are refused,
    since a real key may contain any letters (gitleaks' own test keys contain words like "fake")."""
    core = re.sub(r"[^A-Za-z0-9]", "", value)
    return (
        not _STRUCTURAL_PLACEHOLDER.search(value)
        and len(set(core)) >= 6
        and shannon_entropy(value) >= 2.5
    )


def _any(_: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    group: int = 0
    check: Check = _token_ok
    boundary: bool = False  # the match must not be glued to a preceding token character
    needles: tuple[
        str, ...
    ] = ()  # lower-case substrings one of which must occur for the rule to run
    gate: str = ""  # a character that must occur before the needles are looked for (a memchr)
    in_words: bool = False  # runs only on texts with long words; its needles are looked for there


_B = r"(?<![A-Za-z0-9_.\-])"  # start boundary that also treats '_' as a word char
_E = r"(?![A-Za-z0-9_])"
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")


def _rule(
    kind: str,
    pattern: str,
    group: int = 0,
    check: Check = _token_ok,
    needles: tuple[str, ...] = (),
    gate: str = "",
    in_words: bool = False,
) -> _Rule:
    # A leading look-behind stops the regex engine from jumping to a literal prefix ("ghp_", "AIza"), so
    # the start boundary is checked after the match instead: tens of times faster on long texts.
    boundary = pattern.startswith(_B)
    compiled = re.compile(pattern[len(_B) :] if boundary else pattern)
    return _Rule(kind, compiled, group, check, boundary, needles, gate, in_words)


def _discord_id_ok(value: str) -> bool:
    """A Discord token starts with the base64 of the account's numeric id (17 to 20 digits). The classic
    shape (24-26 + 6 + 27 characters) is accepted as is; the longer one of newer ids and tokens must decode."""
    head, _, rest = value.partition(".")
    if len(head) <= 26 and len(rest) == 34:
        return True
    try:
        decoded = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return decoded.isdigit() and 17 <= len(decoded) <= 20


def _not_aws_example(value: str) -> bool:
    """AWS's documented example keys end in EXAMPLE; any other key-shaped value is redacted, even one
    that says FAKE (it may be real, and redacting a fake one costs nothing)."""
    return not value.endswith("EXAMPLE") and _token_ok(value)


_SHAPED: tuple[_Rule, ...] = (
    _rule(
        "private-key",
        r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
        r"(?:[\s\S]{1,12000}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
        r"|(?:[ \t]*\\?n?\r?\n?[A-Za-z0-9+/=:\- ]{8,200}){1,200})",
        check=lambda v: len(re.sub(r"-----[A-Z0-9 ]+-----|\s", "", v)) >= 16,
    ),
    _rule(
        "aws-access-key",
        _B + r"((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})" + _E,
        1,
        _not_aws_example,
    ),
    _rule(
        "aws-bedrock-key",
        _B + r"(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{108,110}={0,2}(?![A-Za-z0-9+/=])|"
        r"bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=&%]{0,2000})",
    ),
    _rule("gcp-api-key", _B + r"(AIza[0-9A-Za-z_\-]{35})" + _E, 1),
    _rule(
        "azure-storage-key",
        r"(?i:AccountKey|SharedAccessKey)\s*=\s*([A-Za-z0-9+/]{40,100}={0,2})",
        1,
    ),
    _rule("azure-client-secret", _B + r"([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})" + _E, 1),
    _rule("azure-sas-token", r"[?&]sig=([A-Za-z0-9%+/]{30,120}={0,2})", 1),
    _rule(
        "github-token",
        _B + r"((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})",
    ),
    _rule(
        "gitlab-token",
        _B
        + r"(?:(glpat-[\w\-]{20}|glpat-[0-9a-zA-Z_\-]{27,300}\.[0-9a-z]{9}|glptt-[0-9a-zA-Z_\-]{40}|"
        r"gldt-[0-9a-zA-Z_\-]{20}|glft-[0-9a-zA-Z_\-]{20}|glimt-[0-9a-zA-Z_\-]{25}|glagent-[0-9a-zA-Z_\-]{50}|"
        r"gloas-[0-9a-zA-Z_\-]{64}|glsoat-[0-9a-zA-Z_\-]{20}|glcbt-(?:[0-9a-zA-Z]{1,5}_)?[0-9a-zA-Z_\-]{20}|"
        r"glrt-(?:t\d_)?[0-9a-zA-Z_\-]{20,300}|glffct-[0-9a-zA-Z_\-]{20}|_gitlab_session=[0-9a-z]{32})"
        r"(?![0-9A-Za-z_\-])|(GR1348941[\w\-]{20,300}))",
        needles=(
            *"glpat- glptt- gldt- glft- glimt- glagent- gloas- glsoat- glcbt- glrt- glffct-".split(),
            "_gitlab_session=",
            "gr1348941",
        ),
    ),
    _rule(
        "slack-token",
        _B + r"(xox[abposre](?:\.xox[a-z])?-[A-Za-z0-9\-]{20,255}|xapp-\d-[A-Za-z0-9\-]{20,255}|"
        r"xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})",
    ),
    _rule(
        "slack-webhook",
        r"(hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\-]{20,200})",
        check=lambda v: not re.search(r"/x{6,}", v, re.IGNORECASE) or True,
    ),
    _rule(
        "discord-webhook",
        r"(https?://(?:\w+\.)?discord(?:app)?\.com/api/webhooks/\d{10,30}/[\w\-]{40,100})",
    ),
    _rule(
        "discord-token",
        _B
        + r"([MNO][A-Za-z\d_\-]{23,27}\.[A-Za-z\d_\-]{6}\.[A-Za-z\d_\-]{27,38})(?![A-Za-z\d_\-])",
        check=lambda v: _discord_id_ok(v) and _token_ok(v),
    ),
    _rule("telegram-bot-token", _B + r"(\d{8,10}:AA[A-Za-z0-9_\-]{32,33})" + _E),
    _rule("stripe-key", _B + r"((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,255})"),
    _rule(
        "openai-key",
        _B + r"(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,200}T3BlbkFJ[A-Za-z0-9_\-]{20,200}|"
        r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,300})" + _E,
    ),
    _rule("anthropic-key", _B + r"(sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{93}AA)" + _E),
    _rule(
        "jwt",
        _B + r"(eyJ[A-Za-z0-9_\-]{8,2000}\.eyJ[A-Za-z0-9_\-]{4,4000}(?:\.[A-Za-z0-9_\-]{0,1000})?)",
    ),
    _rule("sendgrid-key", _B + r"(SG\.[A-Za-z0-9_\-]{20,24}\.[A-Za-z0-9_\-]{39,50})"),
    _rule("mailchimp-key", _B + r"([0-9a-f]{32}-us\d{1,2})" + _E, 1),
    _rule("mailgun-key", _B + r"(key-[0-9a-f]{32})" + _E),
    _rule("twilio-key", _B + r"((?:SK|AC)[0-9a-f]{32})" + _E),
    _rule("square-token", _B + r"(sq0(?:csp|atp|idp)-[A-Za-z0-9_\\\-]{22,60})"),
    _rule("npm-token", _B + r"(npm_[A-Za-z0-9]{36})" + _E),
    _rule("pypi-token", _B + r"(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,300})"),
    _rule("huggingface-token", _B + r"((?:hf_|api_org_)[A-Za-z]{34})" + _E),
    _rule(
        "vendor-token",
        _B
        + r"((?:shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|glc_[A-Za-z0-9+/=_]{32,400}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"
        r"|do[opr]_v1_[a-f0-9]{64}|dp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_\-]{2,35}\.)?[A-Za-z0-9]{40,44}"
        r"|sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9_=+/]{40,400}|xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}"
        r"|pul-[a-f0-9]{40}|rubygems_[a-f0-9]{48}|CLOJARS_[a-z0-9]{60}|dapi[a-f0-9]{32}(?:-\d)?"
        r"|dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}|hv[bs]\.[A-Za-z0-9_\-]{24,300}|tfp_[A-Za-z0-9_\-.=]{59}"
        r"|fm[12][ar]?_[A-Za-z0-9+/=]{20,600}|fo1_[A-Za-z0-9_\-]{43}|ntn_\d{11}[A-Za-z0-9]{35}"
        r"|ops_eyJ[A-Za-z0-9+/=]{100,2000}|duffel_(?:test|live)_[A-Za-z0-9_\-=]{43}"
        r"|FLW(?:SECK|PUBK)_TEST-[a-hA-H0-9]{32}-X|pscale_(?:pw|oauth|tkn)_[A-Za-z0-9=\-_.]{32,64}"
        r"|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
        r"|AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}|LTAI[A-Za-z0-9]{20}|ico-[A-Za-z0-9]{32}"
        r"|sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}|dnkey-[a-z0-9=_\-]{26}-[a-z0-9=_\-]{52}"
        r"|API-[A-Z0-9]{26}|tk-us-[A-Za-z0-9_\-]{48}|HRKU-AA[A-Za-z0-9_\-]{58}"
        r"|v1\.0-[a-f0-9]{24}-[a-f0-9]{146}|(?:pat|sat)\.[A-Za-z0-9]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}"
        r"|t1\.[A-Z0-9a-z_\-]+[=]{0,2}\.[A-Z0-9a-z_\-]{86}[=]{0,2}"
        r"|EAA[MC][A-Za-z0-9]{100,300}|AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,200}"
        r"|access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        r"|s-s4t2(?:ud|af)-[a-f0-9]{64}|sk_[a-f0-9]{48}|xai-[A-Za-z0-9]{80}|pplx-[A-Za-z0-9]{48}"
        r"|sk-[A-Za-z0-9]{48}|key_[A-Za-z0-9]{30,64}))" + _E,
        # one per branch: a long alternation is tried at every position, a substring test is not
        needles=tuple(
            "shp glc_ glsa_ _v1_ dp. sntry xkeysib- pmak- pul- rubygems_ clojars_ dapi dt0c01. hvb. hvs. "
            "tfp_ fm1 fm2 fo1_ ntn_ ops_eyj duffel_ _test- pscale_ a3- akcp cmvmd ltai ico- sm_ dnkey- api- "
            "tk-us- hrku-aa v1.0- pat. sat. t1. eaam eaac aaaaaaaaaaaaaaaaaaaaa access- s-s4t2 sk_ xai- "
            "pplx- sk- key_".split()
        ),
    ),
    _rule(
        "vendor-token",
        r"(?i:(?:softlayer|\bsl)[_-]?(?:api)?[_-]?key(?:\s|=|:|\"|')+)([a-z0-9]{64})\b|"
        r"api\.softlayer\.com/(?:soap|rest)/v3(?:\.1)?/([a-z0-9]{64})\b",
        0,
        lambda v: len(set(v)) >= 6,
        needles=("softlayer", "sl_", "sl-", "slapi", "slkey"),
    ),
    _rule(
        "sumologic-id",
        r"(?i:sumo(?:logic)?(?![a-z])[\w .\-]{0,20}[\s'\"]{0,3}(?:=|:|=>)[\s'\"`]{0,5})(su[A-Za-z0-9]{12})\b",
        1,
    ),
    _rule(
        "sidekiq-secret",
        r"(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM[ \t\w.\-]{0,20}[\s'\"]{0,3}(?:=|:|=>)[\s'\"`]{0,5})"
        r"([a-f0-9]{8}:[a-f0-9]{8})\b",
        1,
        lambda v: True,
    ),
    _rule(
        "url-credentials",
        # a password equal to the user name (guest:guest, app:app) is a documented default, not a secret
        r"\b[A-Za-z][A-Za-z0-9+.\-]{1,30}://([^\s:/@'\"<>]{0,128}):(?!\1@)([^\s@/'\"<>]{1,256})@[A-Za-z0-9\[]",
        2,
        lambda v: not _REFERENCE.match(v)
        and not re.fullmatch(r"\d{1,5}", v)
        and "***" not in v
        and bool(v.strip("*"))
        and v.lower() not in _PLACEHOLDER_PASSWORDS,
    ),
    _rule(
        "connection-string-password",
        r"(?i)(?:^|[;\s\"'])(?:password|pwd)\s*=\s*([^;\s\"']{4,256})",
        1,
        lambda v: not _REFERENCE.match(v) and not _is_placeholder(v),
    ),
    _rule(
        "cli-credentials",
        r"(?:(?<=\s)-u|--user|--password|(?<=\s)-p)[ =]?['\"]?([^\s'\":$]{1,128}:(?:'[^'\s]{1,256}'|\"[^\"\s]{1,256}\""
        r"|[^\s'\"$]{1,256})?)",
        1,
        _cli_credentials_ok,
    ),
    _rule(
        "auth-header",
        r"(?i)(?:authorization|x-api-key|api-key|x-auth-token|x-auth-key|x-functions-key|dd-application-key|token|"
        r"private-token)[\"']?\s*:\s*[\"']?(?:(?:bearer|basic|token|ssws|apikey|splunk|sso-key)\s+)?"
        r"([A-Za-z0-9._~+/=\-]{8,1000})",
        1,
    ),
    _rule(
        "payment-token",
        _B + r"((?:live|test|sandbox)_[a-z0-9=_\-]{26,80})" + _E,
        1,
        lambda v: bool(re.search(r"\d", v)) and _random_enough(v),
    ),
    _rule(
        "facebook-token",
        r"(?i)facebook\W{0,20}(\d{15,16}\|[A-Za-z0-9_\-]{27})",
        1,
    ),
)

# Rules whose pattern cannot start with a literal run only when one of these occurs (lower-cased text): a
# substring test is far cheaper than a regex tried at every position.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "private-key": ("private key",),
    "azure-storage-key": ("accountkey", "sharedaccesskey"),
    "azure-client-secret": ("q~",),
    "azure-sas-token": ("sig=",),
    "slack-webhook": ("hooks.slack.com",),
    "discord-webhook": ("discord",),
    "telegram-bot-token": (":aa",),
    "mailchimp-key": ("-us",),
    "url-credentials": ("://",),
    "connection-string-password": ("password", "pwd"),
    "cli-credentials": (" -u", "--user", "--password", " -p"),
    "auth-header": ("authorization", "token", "-key"),
    "payment-token": ("live_", "test_", "sandbox_"),
    "facebook-token": ("facebook",),
    "sumologic-id": ("sumo",),
    "sidekiq-secret": ("contribsys",),
}
_SHAPED = tuple(
    replace(rule, needles=_NEEDLES[rule.kind]) if rule.kind in _NEEDLES else rule
    for rule in _SHAPED
)


# --------------------------------------------------------------------------------------------------
# Carriers: where people paste credentials (CLI lines, config files, headers, cookies, webhooks), and the
# prefix-shaped vendor tokens of ``_secret_vendors``.


def _plain_secret_ok(value: str) -> bool:
    """A password on a command line or in a config file: not a placeholder, a reference or a prompt."""
    value = value.strip("'\"")
    return (
        len(value) >= 4
        and value.lower() not in _PLACEHOLDER_PASSWORDS
        and not value.startswith(("$", "%", "<", "{", "*", "["))
        and not _REFERENCE.match(value)
        and not _is_placeholder(value)
    )


def _basic_credentials_ok(blob: str) -> bool:
    """base64 of ``user:password`` (docker ``auth``, npm ``_auth``) with a real password after the colon."""
    try:
        decoded = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    user, colon, password = decoded.partition(":")
    return bool(user) and bool(colon) and _plain_secret_ok(password)


def _random_with_digit(value: str) -> bool:
    return _random_enough(value) and bool(re.search(r"\d", value))


_CARRIERS: tuple[_Rule, ...] = (
    *(
        _rule(
            group.kind,
            _B + group.pattern + _E,
            1,
            needles=group.needles,
            gate=group.gate,
            in_words=True,
        )
        for group in TOKEN_GROUPS
    ),
    _rule(  # the bot API URL glues the token to "bot"
        "telegram-bot-token",
        r"/bot(\d{8,10}:[A-Za-z0-9_\-]{35})(?![A-Za-z0-9_\-])",
        1,
        needles=("/bot",),
        gate="/",
    ),
    _rule(  # PuTTY .ppk files: the private half is the Private-Lines block
        "private-key",
        r"Private-Lines:[ \t]*\d{1,3}\r?\n((?:[A-Za-z0-9+/=]{4,128}\r?\n?){1,200})",
        1,
        lambda v: len(v) >= 16,
        needles=("private-lines",),
        gate=":",
    ),
    _rule(  # WireGuard: the interface key and a peer's pre-shared key (the peer PublicKey is public)
        "private-key",
        r"(?i)\b(?:PrivateKey|PresharedKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{42,43}=)",
        1,
        needles=("privatekey", "presharedkey"),
        gate="=",
    ),
    _rule(  # docker config.json `"auth"`: base64 of user:password
        "basic-auth",
        r"\"auth\"[ \t]*:[ \t]*\"([A-Za-z0-9+/]{8,4000}={0,2})\"",
        1,
        _basic_credentials_ok,
        needles=('"auth"',),
        gate='"',
    ),
    _rule(  # .npmrc `_auth`: the same
        "basic-auth",
        r"\b_auth[ \t]*=[ \t]*([A-Za-z0-9+/]{8,4000}={0,2})(?![A-Za-z0-9+/=])",
        1,
        _basic_credentials_ok,
        needles=("_auth",),
        gate="_",
    ),
    _rule(  # passwords given to CLIs: `mysql -pS3cret` (with a blank, -p prompts and the next word is the
        # database), `docker login -p …`, `sshpass -p …`, PowerShell's ConvertTo-SecureString
        "cli-credentials",
        r"(?:\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlsh|mariadb)\b[^\n|;&]{0,200}?[ \t]-p"
        r"|\b(?:docker|podman|buildah|nerdctl|skopeo|oras|crane|helm[ \t]+registry)[ \t]+login\b[^\n|;&]{0,300}?"
        r"[ \t](?:-p|--password)(?:[ \t]+|=)|\bsshpass[ \t]+-p[ \t]*"
        r"|(?i:ConvertTo-SecureString)[ \t]+(?:-String[ \t]+)?)"
        r"(?:'([^'\n]{3,256})'|\"([^\"\n]{3,256})\"|([^\s'\"]{3,256}))",
        0,
        _plain_secret_ok,
        needles=("mysql", "mariadb", " login", "sshpass", "convertto-securestring"),
        gate="-",
    ),
    _rule(
        "cli-credentials",
        r"(?i)\bnet[ \t]+use\b[^\n]{0,200}?/user:\S{1,100}[ \t]+([^\s/*][^\s]{3,127})",
        1,
        _plain_secret_ok,
        needles=("net use",),
        gate="/",
    ),
    _rule(  # Oracle `user/password@db` in JDBC thin URLs and sqlplus
        "url-credentials",
        r"(?i)(?:jdbc:oracle:[a-z]+:@?|\bsqlplus[ \t]+(?:-\w[ \t]+){0,3})[^/\s@:'\"]{1,64}/([^@\s'\"/]{1,128})@",
        1,
        _plain_secret_ok,
        needles=("oracle", "sqlplus"),
        gate="@",
    ),
    _rule(  # a token as the whole user part of a URL: `https://<PAT>@dev.azure.com/…`
        "url-credentials",
        r"\b[A-Za-z][A-Za-z0-9+.\-]{1,30}://([A-Za-z0-9_\-]{30,200})@[A-Za-z0-9\[]",
        1,
        _random_with_digit,
        needles=("://",),
        gate="@",
    ),
    _rule(  # kubeadm bootstrap tokens: `abcdef.0123456789abcdef`
        "kube-bootstrap-token",
        r"(?:--(?:discovery-)?token[ \t=]+|token:[ \t]*[\"']?)([a-z0-9]{6}\.[a-z0-9]{16})(?![\w.\-])",
        1,
        lambda v: bool(re.search(r"\d", v)),
        needles=(".",),
        in_words=True,  # the token itself is 23 characters
    ),
    _rule(
        "webhook-url",
        r"(https://[\w\-]{1,63}\.webhook\.office\.com/webhookb2/[\w\-@/]{60,500}"
        r"|https://outlook\.office(?:365)?\.com/webhook/[\w\-@/]{60,500})",
        1,
        _any,
        needles=("webhook.office", "office.com/webhook", "office365.com/webhook"),
        in_words=True,
    ),
    _rule(  # Azure Functions keys travel as ?code=
        "azure-function-key",
        r"\.azurewebsites\.net/api/[^\s?\"'#]{1,200}\?(?:[^\s\"'#]{0,500}&)?code=([A-Za-z0-9_\-]{30,120}={0,2})",
        1,
        needles=("azurewebsites",),
        in_words=True,
    ),
    _rule(  # .NET XML settings: <add key="ClearTextPassword" value="…" />
        "generic-secret",
        r"(?i)<add[ \t]+key[ \t]*=[ \t]*\"[\w.:\-]{0,60}(?:password|secret|token|apikey|api_key|accesskey)"
        r"[\w.:\-]{0,60}\"[ \t]+value[ \t]*=[ \t]*\"([^\"\n]{4,2000})\"",
        1,
        _plain_secret_ok,
        needles=("<add",),
        gate="<",
    ),
)
_SHAPED = _SHAPED + tuple(rule for rule in _CARRIERS if not rule.in_words)
_WORD_RULES = tuple(rule for rule in _CARRIERS if rule.in_words)

# --------------------------------------------------------------------------------------------------
# Keyword rule: <name that says secret> <assignment> <value>.

# Keyword rule, in two steps for speed: find identifiers that contain a secret-ish root with str.find, then
# match the assignment and value right after the identifier (never a regex scan from every position).
_ROOTS = ("token", "secret", "passw", "pass", "pwd", "key", "auth", "client", "credential", "login", "bearer",
          "session", "_pat")  # fmt: skip
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_ASSIGNED = re.compile(
    r"[\"'`]?\]?(?:\s{1,4}(?:string|str|String|char\*?))?"  # `]` for `config['SECRET_KEY'] = …`
    # blanks before the operator: `terraform fmt` aligns `=` across a block
    r"(?:(?:\s{0,4}|[ \t]{5,40})(?:[:?.!]{0,3}=|:|=>|->|<-|,)\s{0,4}(?:\n\s{0,8})?|>\s{0,4}\n?\s{0,16})"
    r"(?:[A-Za-z]{1,10}\s{1,4})?"  # a type or scheme (`string`, `Bearer`)
    r"(?:(?P<q>[\"'`])(?P<qv>[^\"'`\n]{6,2000})(?P=q)|(?P<uv>[^\s\"'`,;<>]{6,2000}))",  # STS tokens: ~1000
)
# a name and its value separated only by blanks or a linking word, as in .netrc files, CLI help and prose:
# `password s3cr3t!x`, `my root password is …`, `Okta token (00a…)`; the value must then mix letters and digits
_SPACED = re.compile(
    r"[\"'`]?[ \t]{1,3}(?:(?:is|was|=)[ \t]{1,3})?[(\"'`]?"
    r"(?P<sv>[^\s\"'`,;<>()\[\]{}\u200b-\u200f\u2060\ufeff]{8,400})"  # invisible characters: InvisibleText's
)
# a secret compared with a literal: `if (password == "hunter2x")`, `"s3cr3t" !== apiKey`
_COMPARED_AFTER = re.compile(
    r"\s{0,3}(?:===?|!==?)\s{0,3}(?P<q>[\"'`])(?P<qv>[^\"'`\n]{6,400})(?P=q)"
)
_COMPARED_BEFORE = re.compile(
    r"(?P<q>[\"'`])(?P<qv>[^\"'`\n]{6,400})(?P=q)\s{0,3}(?:===?|!==?)\s{0,3}$"
)


def _identifiers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of identifiers containing a secret-ish root (``db_password``, ``slackToken``, ``api-key``)."""
    lower = text.lower()
    n = len(text)
    seen: set[int] = set()
    for root in _ROOTS:
        pos = lower.find(root)
        while pos != -1:
            start = pos
            while start > 0 and pos - start < 60 and lower[start - 1] in _ID_CHARS:
                start -= 1
            end = pos + len(root)
            while end < n and end - pos < 40 and lower[end] in _ID_CHARS and lower[end] != ".":
                end += 1
            if end not in seen:
                seen.add(end)
                yield start, end
            pos = lower.find(root, end)


# a command-line flag naming a secret: `--softlayer-api-key abc…`, `--password=…`
# (starts with a literal "-" so the regex engine can jump between dashes; the character before is checked after)
_FLAG = re.compile(
    r"--?(?P<name>(?:[A-Za-z][\w-]{0,40})?(?:key|token|secret|password|passwd|pwd))[ =]"
    r"(?P<q>[\"']?)(?P<uv>[^\s\"']{8,400})(?P=q)"
)
# the last part of a name that says "this is not the secret itself"
_NAME_EXCLUDE = re.compile(
    r"(?i)(?:public|pub_?key|keypair|key_?pair|keyring|author|monkey|donkey|hotkey|keyboard|kms|primary_?key|"
    r"foreign_?key|sort_?key|partition_?key|hash_?key|range_?key|keyvault|key_?vault|fingerprint|passthrough|"
    r"bypass|compass|passenger|password_?policy|tokenizer|csrf|authoriz|authentic|secretsmanager|ssm|arn|"
    r"oauth_?url|publishable|hash|sha\d{0,3}|digest|checksum|certificate(?![\w\-]{0,12}key))|"
    r"(?:id|ids|name|names|file|files|filename|path|paths|dir|url|uri|urls|endpoint|type|types|size|email|source|"
    r"[_-]at|date|time|timestamp|used|created|updated|cert|certs|crt|"
    r"length|len|count|prefix|suffix|format|header|headers|field|label|hint|placeholder|regex|pattern|template|"
    r"kind|mode|version|policy|policies|store|host|port|timeout|ttl|expiry|expires|expiration|expired|method|"
    r"methods|ref|arn|alias|location|provider|algorithm|algo|rotation|enabled|required|min_?length|max_?length|"
    r"description|desc|prompt|message|error|label|title|text|usage|limit|scope|scopes)[\"'`]?$",
)
_VALUE_EXCLUDE = re.compile(
    r"^(?:[0-9a-f]{7,40}|sha\d{1,3}[:\-].*|[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|https?://\S*|/[\w.\-/~]*|\w+\(\S*|[\w.]+\.\w+\(.*|\d+(?:\.\d+)*|[a-z]+(?:[_\-][a-z]+)*|[A-Z][a-z]+(?:[A-Z][a-z]+)*"
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]+|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+"
    # publishable keys, age recipients (public), timestamps, a YAML key on the next line, sealed-secrets ciphertext
    r"|pk_(?:live|test)_\S*|pk\.eyJ\S*|age1[a-z0-9]{50,70}|\d{4}-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+\-]\d\d:?\d\d)?)?"
    r"|\S*:|\?\S*|Ag[A-Za-z0-9+/]{298,}={0,2})$",
)
_PASSWORD_NAME = re.compile(r"(?i)passw|passwd|pwd|pass$|passphrase|secret")
_STRONG_NAME = re.compile(
    r"(?i)token|secret|passw|pwd|pass$|api_?key|apikey|access_?key|private|(?:softlayer|signing|license|auth|"
    r"client|app|master|encryption|service)[_-]?key|(?:^|_)pat$"
)
_SENTENCE_WORDS = re.compile(
    r"(?i)\b(?:password|passphrase|secret|enter|your|please|must|should|invalid|required|characters|incorrect|"
    r"wrong|missing|field|here|goes|the|is|are|not)\b"
)


_SEQUENCE = re.compile(r"(?i)abcdefghijkl|qwertyuiop")  # an alphabet, not a secret


_WORDY = re.compile(r"[A-Za-z][a-z]+(?:[A-Z][a-z]+)*\d{0,6}|[a-z]{2,}")


def _identifier_like(value: str) -> bool:
    """``id-Gost28147-89-None-KeyMeshing``, ``SalesResults-1.2``: words joined by separators, not randomness."""
    parts = [p for p in re.split(r"[-_.:/]", value) if p]
    if len(parts) < 2:
        return False
    words = [p for p in parts if not re.fullmatch(r"\d{1,6}", p)]
    return bool(words) and all(_WORDY.fullmatch(p) for p in words)


def _glued_digit_words(value: str) -> int:
    """Parts that glue digits to a word (``Ember61_Granite433``): how people build passwords, not names."""
    return sum(1 for p in re.split(r"[-_.:/]", value) if re.fullmatch(r"[A-Za-z]{2,}\d{1,6}", p))


def _keyword_value_ok(name: str, value: str, *, quoted: bool = False, prose: bool = False) -> bool:
    if _NAME_EXCLUDE.search(name):
        return False
    if re.fullmatch(r"\{[\w.\-]{1,80}\}", value) or _REFERENCE.match(value):  # {Slot}, {{ ref }}
        return False
    value = value.rstrip(")]}.,;")
    if value.startswith("$") or _REFERENCE.match(value):
        return False
    password_name = bool(_PASSWORD_NAME.search(name))
    if " " in value:
        # a quoted passphrase of plain words, for a name that says password/secret
        return (
            quoted
            and password_name
            and len(value) >= 8
            and bool(re.fullmatch(r"[A-Za-z0-9' -]+", value))
            and not _SENTENCE_WORDS.search(value)
            and not _is_placeholder(value)
        )
    if _is_placeholder(value) or _SEQUENCE.search(value):
        return False
    if _identifier_like(value) and not (password_name and _glued_digit_words(value) >= 2):
        return False
    strong = bool(_STRONG_NAME.search(name))
    if _VALUE_EXCLUDE.match(value):
        # a bare hex string or uuid is a secret when the name says "token"/"secret"/"key" explicitly, or
        # when prose says "<vendor> key is <32+ hex digits>"
        hexish = re.fullmatch(r"[0-9a-fA-F\-]{16,128}", value)
        if not (hexish and (strong or (prose and len(value) >= 32))):
            return False
    if password_name:
        return len(value) >= 6 and shannon_entropy(value) >= 2.3
    if len(value) < (12 if strong else 16):
        return False
    return shannon_entropy(value) >= (2.8 if strong else 3.2)


# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    start: int
    end: int


_PLACEHOLDER_TAIL = re.compile(r"#|\*\*|[xX]{3}|\.\.\.|<")


def _iter_findings(text: str) -> Iterator[_Found]:
    yield from _shaped_findings(text)
    yield from _keyword_findings(text)
    yield from _cookie_findings(text)
    yield from _encoded_findings(text)


# a session-like cookie: `sessionid=…`, `JSESSIONID=…`, `connect.sid=…`, `.AspNetCore.Cookies=…` (not CSRF tokens)
_COOKIE_PAIR = re.compile(
    r"(?i)(?<![\w.\-])(?![\w.\-]{0,40}?(?:csrf|xsrf))[\w.\-]{0,40}?(?:sess|sid|auth|token|jwt|remember|cookies)"
    r"[\w.\-]{0,40}=([^;\s'\"]{16,4096})"
)


def _cookie_findings(text: str) -> Iterator[_Found]:
    """Session cookies on the lines that say cookie (`Cookie:`, `Set-Cookie:`, `document.cookie = …`)."""
    if "ookie" not in text and "OOKIE" not in text:
        return
    lower = text.lower()
    pos = lower.find("cookie")
    while pos != -1:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        for m in _COOKIE_PAIR.finditer(text, line_start, line_end):
            if _random_with_digit(m.group(1)):
                yield _Found("session-cookie", m.start(1), m.end(1))
        pos = lower.find("cookie", line_end)


_B64_BLOB = re.compile(r"(?<![A-Za-z0-9+/=_\-])[A-Za-z0-9+/]{24,4000}={0,2}(?![A-Za-z0-9+/=])")


def _encoded_findings(text: str) -> Iterator[_Found]:
    """A base64 blob that decodes to text holding a credential (``QUtJQ…`` = ``AKIA…:secret``) is redacted
    whole: encoding a key does not make it any less of a key."""
    for m in _B64_BLOB.finditer(text):
        blob = m.group()
        if not (re.search(r"[a-z]", blob) and re.search(r"[A-Z]", blob)):
            continue
        try:
            decoded = base64.b64decode(blob + "=" * (-len(blob) % 4)).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            continue
        if decoded.isprintable() or all(ch.isprintable() or ch in "\n\r\t" for ch in decoded):
            if any(True for _ in _shaped_findings(decoded)) or any(
                True for _ in _keyword_findings(decoded)
            ):
                yield _Found("encoded-secret", m.start(), m.end())


# every token of an `in_words` rule is at least this long, and tokens hold no blanks
_LONG_WORD = 20


def _long_words(lower: str) -> str:
    """The text's blank-separated words of 20 characters or more: usually nothing in prose, so the needles of
    token rules are looked for in a few characters instead of the whole text."""
    words = lower.split()
    if max(map(len, words), default=0) < _LONG_WORD:
        return ""
    return " ".join(w for w in words if len(w) >= _LONG_WORD)


def _shaped_findings(text: str) -> Iterator[_Found]:
    lower = text.lower()
    yield from _rule_findings(_SHAPED, text, lower)
    words = _long_words(lower)
    if words:
        yield from _rule_findings(_WORD_RULES, text, words)


def _rule_findings(rules: tuple[_Rule, ...], text: str, haystack: str) -> Iterator[_Found]:
    """Matches of ``rules`` whose gate character occurs in ``text`` and one of whose needles occurs in
    ``haystack`` (the lower-cased text, or its long words)."""
    for rule in rules:
        if rule.gate and rule.gate not in text:
            continue
        if rule.needles and not any(n in haystack for n in rule.needles):
            continue
        for m in rule.pattern.finditer(text):
            group = rule.group
            if group == 0 and m.lastindex:
                group = next(g for g in range(1, m.lastindex + 1) if m.group(g) is not None)
            value = m.group(group)
            if rule.boundary and m.start() > 0 and text[m.start() - 1] in _TOKEN_CHARS:
                continue
            if not value or _PLACEHOLDER_TAIL.match(text, m.end(group)) or not rule.check(value):
                continue
            yield _Found(rule.kind, m.start(group), m.end(group))


_XML_CLOSE = re.compile(r"\s{0,40}</")
# the word before the name says it is not a credential: `public key …`, `object key …`, `gpg: key …`
_PRECEDING_WORDS = frozenset({"public", "object", "primary", "foreign", "sort", "partition", "cache", "idempotency",
                              "gpg", "gpg:", "pgp", "host"})  # fmt: skip
_PATH_LIKE = re.compile(r"^[a-z]{3}[\w.\-]*/|\.[A-Za-z]{2,5}$")


def _not_a_credential_name(text: str, start: int) -> bool:
    """A path segment of a URL (`…/oauth2/token`), or a word before the name that says what kind of key it is."""
    if text[start - 1] == "/":
        return True
    window = text[max(0, start - 14) : start]
    words = window.split()
    return bool(words) and window[-1] in " \t" and words[-1].lower() in _PRECEDING_WORDS


def _spaced_value_ok(name: str, value: str) -> bool:
    return (
        bool(re.search(r"\d", value))
        and bool(re.search(r"[A-Za-z]", value))
        and not re.fullmatch(r"[0-9A-Fa-f]{1,31}", value)  # a short id or key fingerprint
        and not _PATH_LIKE.search(value)
        and _keyword_value_ok(name, value, prose=True)
    )


def _keyword_findings(text: str) -> Iterator[_Found]:
    for start, end in _identifiers(text):
        if start > 0 and text[start - 1] in "/ \t" and _not_a_credential_name(text, start):
            continue
        name = text[start:end]
        assigned = _ASSIGNED.match(text, end)
        if assigned is not None:
            key = "qv" if assigned.group("qv") is not None else "uv"
            value = assigned.group(key)
            if key == "uv" and start > 0 and text[start - 1] in "?&":
                value = value.split("&", 1)[0]  # a URL query parameter
            # `<password>value</password>`: the value must be the element's whole text
            xml = text[end : assigned.start(key)].strip() == ">"
            closed = not xml or _XML_CLOSE.match(text, assigned.end(key)) is not None
            if closed and _keyword_value_ok(name, value, quoted=key == "qv"):
                stop = assigned.start(key) + len(value.rstrip(")]}.,;"))
                yield _Found("generic-secret", assigned.start(key), stop)
        else:
            spaced = _SPACED.match(text, end)
            value = spaced.group("sv").rstrip(")]}.,;:!?") if spaced is not None else ""
            if spaced is not None and _spaced_value_ok(name, value):
                yield _Found("generic-secret", spaced.start("sv"), spaced.start("sv") + len(value))
        compared = _COMPARED_AFTER.match(text, end)
        if compared is not None and _keyword_value_ok(name, compared.group("qv"), quoted=True):
            yield _Found("generic-secret", compared.start("qv"), compared.end("qv"))
        if "=" in text[max(0, start - 6) : start]:
            before = _COMPARED_BEFORE.search(text, max(0, start - 420), start)
            if before is not None and _keyword_value_ok(name, before.group("qv"), quoted=True):
                yield _Found("generic-secret", before.start("qv"), before.end("qv"))
    for m in _FLAG.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
            continue
        if _keyword_value_ok(m.group("name"), m.group("uv")):
            yield _Found("generic-secret", m.start("uv"), m.end("uv"))


_RUN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/")
_MAX_RUN = 512


def _run_start(text: str, start: int) -> int:
    limit = max(0, start - _MAX_RUN)
    while (
        start > limit
        and text[start - 1] in _RUN_CHARS
        and start < len(text)
        and text[start] in _RUN_CHARS
    ):
        start -= 1
    return start


def _run_end(text: str, end: int) -> int:
    limit = min(len(text), end + _MAX_RUN)
    while end < limit and text[end] in _RUN_CHARS and end > 0 and text[end - 1] in _RUN_CHARS:
        end += 1
    return end


def find_secrets(text: str) -> list[Detection]:
    """Every secret span in ``text``, overlapping spans merged, every repeat of a found value included."""
    found = list(_iter_findings(text))
    if not found:
        return []
    # Repeats: a value found once is redacted wherever it appears, even where no rule would see it.
    values = {(text[f.start : f.end], f.kind) for f in found}
    for value, kind in values:
        if len(value) < 6:
            continue
        pos = text.find(value)
        while pos != -1:
            found.append(_Found(kind, pos, pos + len(value)))
            pos = text.find(value, pos + 1)
    # A secret glued to more token characters (two keys pasted back to back) takes the whole run with it.
    found = [_Found(f.kind, _run_start(text, f.start), _run_end(text, f.end)) for f in found]
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    merged: list[_Found] = []
    for f in found:
        if merged and f.start <= merged[-1].end:
            last = merged[-1]
            if f.end > last.end:
                merged[-1] = _Found(last.kind, last.start, f.end)
            continue
        merged.append(f)
    return [Detection(f.kind, f.start, f.end) for f in merged]


def _marker(kind: str, value: str, mode: RedactMode) -> str:
    label = re.sub(r"[^A-Z0-9]+", "_", kind.upper()).strip("_")
    if mode == "hash":
        return f"[REDACTED_{label}:{hashlib.sha256(value.encode()).hexdigest()[:12]}]"
    if mode == "partial" and len(value) >= 12:
        return f"{value[:2]}[REDACTED_{label}]{value[-2:]}"
    return f"[REDACTED_{label}]"


class SecretsScanner:
    """LLM Guard's ``Secrets``: redacts credentials (outcome ``sanitized``), never blocks."""

    name: ClassVar[str] = "Secrets"
    stage: ClassVar[Stage] = "input"
    sanitizes: ClassVar[bool] = True

    def __init__(self, *, redact_mode: RedactMode = "all") -> None:
        if redact_mode not in _REDACT_MODES:
            raise ValueError(
                f"redact_mode must be one of {', '.join(_REDACT_MODES)}, got {redact_mode!r}"
            )
        self.redact_mode: RedactMode = redact_mode

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        detections = find_secrets(text)
        kinds = sorted({d.kind for d in detections})
        return sanitized_result(
            self.name,
            text,
            detections,
            lambda d: _marker(d.kind, text[d.start : d.end], self.redact_mode),
            reason=f"redacted {len(detections)} secret(s): {', '.join(kinds)}",
            started=started,
        )
