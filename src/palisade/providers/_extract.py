"""Value extraction for the offline engine: from one message to catalog-shaped parameter values.

``Analysis`` scans a message once for unambiguous values (ARNs, ids, CIDRs, e-mails, region codes, IAM
actions) and masks them, so later word rules never read inside an ARN or an address. ``extract_param``
then finds one catalog parameter's value inside a ``Scope`` (the part of the message about one blueprint),
keyed first by the parameter's catalog name and then by its type.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from palisade.providers import _keyvalue as kv
from palisade.providers import _lexicon as lex
from palisade.providers._correct import apply_corrections
from palisade.providers._numbers import words_to_digits

_B = r"(?<![\w-])"  # a word start that is not inside a hyphenated token
_E = r"(?![\w-])"


def bounded(pattern: str) -> str:
    """``pattern`` as a whole word that is not part of a hyphenated name such as ``bastion-sg``."""
    return f"{_B}(?:{pattern}){_E}"


# --------------------------------------------------------------------------------------------- typos


def _osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (edits plus adjacent swaps), stopping early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _inflection(word: str, known: str) -> bool:
    """True when ``word`` differs from ``known`` only in its last letter ("resources", "recorded"): an
    inflected English word, not a typo of ``known``."""
    return word[-1] in "sdr" and (word[:-1] == known[:-1] or word[:-1] == known)


def fix_typos(text: str) -> str:
    """Correct plain alphabetic words one edit away from the domain vocabulary (``cloudtrial``)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if len(low) < 5 or low in lex.VOCABULARY or low in lex.STOPWORDS:
            return word
        best = [
            v for v in lex.VOCABULARY if _osa_distance(low, v, 1) <= 1 and not _inflection(low, v)
        ]
        return best[0] if len(best) == 1 else word

    return re.sub(r"(?<![\w/.:@-])[A-Za-z]+(?![\w/.:@-])", fix, text)


# ---------------------------------------------------------------------------------------- value scan


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    kind: str
    value: str


_SCANNERS: tuple[tuple[str, str], ...] = (
    ("arn", r"arn:aws[a-z-]*:[^\s,;'\"`()<>\]\[]+"),
    ("azure_id", r"/subscriptions/[^\s,;'\"`()<>]+"),
    ("gcp_key", r"projects/[\w.-]+/locations/[\w.-]+/keyRings/[\w.-]+/cryptoKeys/[\w.-]+"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("vpc_id", r"\bvpc-[0-9a-f]{8,17}\b"),
    ("subnet_id", r"\bsubnet-[0-9a-f]{8,17}\b"),
    ("sg_id", r"\bsg-[0-9a-f]{8,17}\b"),
    ("instance_class", r"\bdb\.[a-z0-9]+\.[a-z0-9]+\b"),
    ("action", r"(?<![\w:/.-])(?:[a-z][a-z0-9-]*:(?:\*|[A-Z][A-Za-z0-9]*\*?)|\*:\*)(?![\w:])"),
    ("ipv4", r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?!\.?\d)"),
    ("ipv6", r"(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?:/\d{1,3})?(?![\w:])"),
    ("aws_region", "(?i)" + bounded("|".join(re.escape(r) for r in lex.AWS_REGIONS))),
    (
        "gcp_region",
        bounded(r"(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-[a-z]+\d{1,2}"),
    ),
    ("azure_location", "(?i)" + bounded("|".join(lex.AZURE_LOCATIONS))),
)


def _normalise_cidr(raw: str) -> str | None:
    try:
        if "/" in raw:
            return str(ipaddress.ip_network(raw, strict=False))
        address = ipaddress.ip_address(raw)
    except ValueError:
        return None
    return f"{address}/{address.max_prefixlen}"


def scan_values(text: str) -> list[Found]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _SCANNERS:
        for match in re.finditer(pattern, text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value = match.group(0)
            if kind in ("aws_region", "azure_location"):
                value = value.lower()
            if kind in ("arn", "azure_id", "gcp_key"):
                while value and value[-1] in ".:":
                    value, end = value[:-1], end - 1
            if kind in ("ipv4", "ipv6"):
                cidr = _normalise_cidr(value)
                if cidr is None or (kind == "ipv6" and "::" not in value and value.count(":") < 7):
                    continue
                value = cidr
            found.append(Found(start, end, kind, value))
            taken.append((start, end))
    found.sort(key=lambda f: f.start)
    return found


def mask(text: str, found: list[Found]) -> str:
    chars = list(text)
    for f in found:
        chars[f.start : f.end] = "#" * (f.end - f.start)
    return "".join(chars)


# ----------------------------------------------------------------------------------------- analysis


@dataclass(slots=True)
class Analysis:
    """One user message, typo-fixed, with its unambiguous values found and masked."""

    raw: str
    text: str = ""
    found: list[Found] = field(default_factory=list)
    masked: str = ""
    low: str = ""  # masked, lower case: what word rules read
    pairs: list[kv.Pair] = field(default_factory=list)  # "key: value" pairs, on the masked text

    def __post_init__(self) -> None:
        self.text = apply_corrections(words_to_digits(fix_typos(self.raw)))
        self.found = scan_values(self.text)
        self.masked = mask(self.text, self.found)
        self.low = self.masked.lower()
        self.pairs = kv.pairs(self.masked)


@dataclass(slots=True)
class Scope:
    """The part of a message about one blueprint (``start``..``end``), with the whole message as fallback."""

    analysis: Analysis
    cloud: str
    start: int = 0
    end: int = -1
    cue_end: int | None = None
    single: bool = True
    consumed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = len(self.analysis.text)

    @property
    def text(self) -> str:
        return self.analysis.text[self.start : self.end]

    @property
    def low(self) -> str:
        return self.analysis.low[self.start : self.end]

    @property
    def masked(self) -> str:
        return self.analysis.masked[self.start : self.end]

    def values(self, *kinds: str, whole: bool = False) -> list[Found]:
        lo, hi = (0, len(self.analysis.text)) if whole else (self.start, self.end)
        return [f for f in self.analysis.found if f.kind in kinds and lo <= f.start < hi]

    def whole(self) -> Scope:
        return Scope(self.analysis, self.cloud, single=self.single, consumed=self.consumed)


# ---------------------------------------------------------------------------------- small helpers

_QUOTE = "'\"`‘’“”"
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9._/*-]*"
_CLAUSE_SPLIT = re.compile(r"[,;.()!?\n]|\bbut\b|\bexcept\b|\bwhile\b", re.I)
_NEGATION = re.compile(
    r"\b(?:no|not|don'?t|do\s+not|doesn'?t|never|without|disable[sd]?|turn\s+off|skip|exclude|"
    r"nor|isn'?t|aren'?t|can'?t|cannot|off)\b|n't\b",
    re.I,
)
NON_NAMES: frozenset[str] = frozenset(
    set(lex.STOPWORDS)
    | set(lex.VOCABULARY)
    | set(lex.NAMED_PORTS)
    | set(lex.PLACE_REGIONS)
    | {
        "aws",
        "azure",
        "gcp",
        "google",
        "s3",
        "gcs",
        "kms",
        "cmk",
        "iam",
        "rds",
        "alb",
        "sg",
        "nsg",
        "waf",
        "acl",
        "vpc",
        "ec2",
        "ecs",
        "lambda",
        "fargate",
        "pg",
        "db",
        "key",
        "keys",
        "ring",
        "rule",
        "role",
        "trail",
        "instance",
        "acct",
        "group",
        "tier",
        "main",
        "cluster",
        "project",
        "location",
        "region",
        "org",
        "pls",
        "ok",
        "it",
        "one",
        "everything",
        "something",
        "ns",
        "tag",
        "tags",
        "target",
        "targets",
        "subnets",
        "cert",
        "arn",
        "k8s",
        "kubernetes",
        "kube",
        "netpol",
        "netpols",
        "networkpolicy",
        "networkpolicies",
        "psa",
        "pss",
        "profile",
        "standard",
        "level",
        "label",
        "labels",
        "pods",
        "pod",
        "dns",
        "egress",
        "ingress",
        "traffic",
        "deny",
        "denyall",
        "acls",
        "wafv2",
        "vault",
        "kv",
        "akv",
        "nsgs",
        "sgs",
        "repo",
        "repos",
        "branch",
        "branches",
        "github",
        "hub",
        "trails",
        "logs",
        "log",
        "bucket",
        "buckets",
        "table",
        "queue",
        "stream",
        "function",
        "hardened",
        "locked",
        "isolated",
        "dedicated",
        "separate",
        "shared",
        "secured",
        "brand",
    }
)


def clause_at(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the clause of ``text`` containing ``pos`` (split on punctuation and ``but``)."""
    start, end = 0, len(text)
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def negated_before(text: str, pos: int, window: int = 40) -> bool:
    start, _ = clause_at(text, pos)
    return bool(_NEGATION.search(text[max(start, pos - window) : pos]))


def parse_number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return lex.NUMBER_WORDS.get(word)


def is_identifier(token: str) -> bool:
    """A name someone typed: has a separator or a digit, and is not a known word or setting."""
    return (
        bool(re.fullmatch(_TOKEN, token))
        and bool(re.search(r"[a-zA-Z]", token))
        and bool(re.search(r"[-_/\d.]", token))
        and token.lower() not in NON_NAMES
        and not re.fullmatch(r"\d+[a-z]{1,2}", token.lower())
        and not _SETTING_WORD.fullmatch(token.lower())
    )


# Hyphenated words that state a setting, never a name: "geo-redundant", "read-only", "multi-az".
_SETTING_WORD = re.compile(lex.SETTING_WORD)


def is_plain_name(token: str) -> bool:
    return (
        bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{1,62}", token)) and token.lower() not in NON_NAMES
    )


def token_at(masked: str, pos: int, *, plain: bool, quoted_plain: bool = True) -> str | None:
    """The name written at ``pos`` (after spaces, ``:``/``=`` and an optional quote), or ``None``."""
    m = re.compile(rf"[\s:=]*(?:(?:named|called|is)\s+)?([{_QUOTE}]?)({_TOKEN})([{_QUOTE}]?)").match(masked, pos)
    if not m:
        return None
    token = m.group(2).rstrip(".-/")
    quoted = bool(m.group(1)) and bool(m.group(3))
    if is_identifier(token) or (quoted and quoted_plain and re.fullmatch(_TOKEN, token)):
        return token
    if plain and is_plain_name(token):
        return token
    return None


# ------------------------------------------------------------------------------------------ durations

_NUM_WORDS = "|".join(sorted((re.escape(w) for w in lex.NUMBER_WORDS if w != "no"), key=len))
_UNITS = "|".join(sorted(lex.UNIT_DAYS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![\w.-])(\d+|{_NUM_WORDS})\s*-?\s*({_UNITS})(?![\w-])"
    rf"|\bevery\s+(?:other\s+)?(day|week|fortnight|month|quarter|year)\b"
    rf"|\b({'|'.join(lex.ADVERB_DAYS)})\b"
    rf"|\bhalf\s+(?:an?\s+)?(year|month)\b|\bhalf[\s-](year)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Duration:
    start: int
    end: int
    days: int


def durations(text: str) -> list[Duration]:
    out: list[Duration] = []
    for m in _DURATION.finditer(text):
        if m.group(1):
            n = parse_number(m.group(1))
            unit = m.group(2).lower()
            if n is None or (unit in ("d", "w", "y") and not m.group(1).isdigit()):
                continue
            out.append(Duration(m.start(), m.end(), n * lex.UNIT_DAYS[unit]))
        elif m.group(3):
            days = lex.UNIT_DAYS[m.group(3).lower()]
            if re.search(r"\bother\b", m.group(0), re.I):
                days *= 2
            out.append(Duration(m.start(), m.end(), days))
        elif m.group(4):
            out.append(Duration(m.start(), m.end(), lex.ADVERB_DAYS[m.group(4).lower()]))
        else:
            unit = (m.group(5) or m.group(6)).lower()
            half = {"year": 180, "month": 15}[unit]  # six 30-day months, as the conventions count
            out.append(Duration(m.start(), m.end(), half))
    return out


_DURATION_CONTEXT: dict[str, str] = {
    "rotation_days": r"rotat|rotation|rekey|re-key",
    "deletion_window_days": r"deletion|delete\s+window|pending|window",
    "backup_retention_days": r"backup|snapshot",
    "max_age_days": r"expir|max(?:imum)?\s*age|\bage\b|change|reset",
    "soft_delete_retention_days": r"soft[\s-]*delet|purge|recover",
    "log_retention_days": r"access[\s-]+logs?|server[\s-]+logs?|log[\s-]+bucket",
    "retention_days": r"keep|kept|retain|retention|live|delet|expir|store|hold|lifecycle|logs?\b|data"
    r"|purge|remov|clean|around|archiv|objects?|files?",
}


def _duration_param(scope: Scope, name: str, params: list[str]) -> int | None:
    """The duration whose clause talks about ``name`` ("keep logs a year", "rotate monthly").

    A duration in a clause that names no parameter ("the quarterly exports") is only a fallback, used
    when no clause in the scope names the parameter.
    """
    text = scope.text
    mine = [p for p in params if p.endswith("_days")]
    fallback: int | None = None
    for d in durations(text):
        start, end = clause_at(text, d.start)
        clause = text[start:end].lower()
        owners = [p for p in mine if re.search(_DURATION_CONTEXT.get(p, p.split("_")[0]), clause)]
        named = bool(owners)
        if not owners:
            owners = [p for p in mine if p in ("retention_days",)] or mine[:1]
        specific = [o for o in owners if o != "retention_days"]
        owner = specific[0] if specific else owners[0] if owners else None
        if owner == name:
            if named:
                return d.days
            fallback = d.days if fallback is None else fallback
    return fallback


# ------------------------------------------------------------------------------------ regions


def _azure_display(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    words = list(re.finditer(r"[A-Za-z]+|\d", text))
    for i in range(len(words)):
        for n in (4, 3, 2):
            chunk = words[i : i + n]
            if len(chunk) < n:
                continue
            joined = "".join(w.group(0).lower() for w in chunk)
            gap_ok = all(
                re.fullmatch(r"\s+", text[a.end() : b.start()])
                for a, b in zip(chunk, chunk[1:], strict=False)
            )
            if gap_ok and joined in lex.AZURE_LOCATIONS:
                out.append((chunk[0].start(), joined))
                break
    return out


def regions(scope: Scope, *, whole: bool = False) -> list[tuple[int, str]]:
    """Region mentions for the scope's cloud, as (position, value), in text order."""
    base = 0 if whole else scope.start
    text = scope.analysis.text if whole else scope.text
    low = text.lower()
    kind = {"aws": "aws_region", "azure": "azure_location", "gcp": "gcp_region"}.get(scope.cloud)
    out: list[tuple[int, str]] = []
    if kind:
        out += [(f.start - base, f.value.lower()) for f in scope.values(kind, whole=whole)]
    if scope.cloud == "azure":
        out += _azure_display(text)
    if scope.cloud == "gcp":
        for m in re.finditer(r"\b(eu|us|asia)\b[\s-]*multi[\s-]*regions?", low):
            out.append((m.start(), lex.GCP_MULTI_REGIONS[m.group(1)]))
    for place, table in lex.PLACE_REGIONS.items():
        if scope.cloud in table:
            for m in re.finditer(bounded(re.escape(place)), low):
                out.append((m.start(), table[scope.cloud]))
    seen: dict[int, str] = {}
    for pos, value in sorted(out):
        if not any(abs(pos - p) < 3 for p in seen):
            seen[pos] = value
    return sorted(seen.items())


def region_list(scope: Scope) -> list[str]:
    """Regions joined by ``and``/commas (``in both eu-west-1 and eu-central-1``), else the first one."""
    for whole in (False, True):
        found = regions(scope, whole=whole)
        if not found:
            continue
        text = scope.analysis.text if whole else scope.text
        group = [found[0]]
        for prev, cur in zip(found, found[1:], strict=False):
            tail = re.sub(r"^[\w-]+", "", text[prev[0] : cur[0]])
            joined = re.fullmatch(r"\s*(?:,|and|&|\+|/|or|,\s*and)?\s*", tail)
            if joined and cur[1] not in [g[1] for g in group]:
                group.append(cur)
            else:
                break
        return [g[1] for g in group]
    return []


# ------------------------------------------------------------------------------------------- ports

_PORT_BEFORE = re.compile(
    r"(?:\bports?|\ballow(?:ing|s|ed)?|\bopen(?:ing|s)?|\btcp|\budp|\bingress|\bfor|\bexpose|\bon)"
    r"\s*[:=]?\s*$",
    re.I,
)
_PORT_AFTER = re.compile(
    r"^\s*,?\s*(?:/\s*(?:tcp|udp)\b|(?:tcp|udp)\b|from\b|to\s+(?:#|the\s+world|anywhere|everyone)|inbound\b)",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w.#/:-])(\d{1,5})(?![\w.#:-]|/\d)")


def ports(scope: Scope) -> list[int]:
    """Ports by number ("allow 443", "9100,9090 tcp", "22 and 3389 to ...") and by name ("ssh", "redis").

    A number is a port when port words surround it, or when it is listed ("and", ",") next to one that is.
    A named service followed by its number ("SMTP submission 587") counts once, as the number given.
    """
    masked = scope.masked
    numbers = [
        m
        for m in _NUMBER.finditer(masked)
        if 0 < int(m.group(1)) <= 65535 and not _NOT_PORT.match(masked[m.end() :])
    ]
    is_port = [
        bool(
            _PORT_BEFORE.search(masked[max(0, m.start() - 30) : m.start()])
            or _PORT_AFTER.match(masked[m.end() : m.end() + 12])
        )
        for m in numbers
    ]
    for _ in range(2):  # spread along lists, forwards then backwards
        for i in range(1, len(numbers)):
            joined = _LIST_JOIN.fullmatch(masked[numbers[i - 1].end() : numbers[i].start()])
            if joined and (is_port[i - 1] or is_port[i]):
                is_port[i - 1] = is_port[i] = True
    out: list[int] = []
    for m, port in zip(numbers, is_port, strict=True):
        if port and int(m.group(1)) not in out:
            out.append(int(m.group(1)))
    numbered = [m for m, port in zip(numbers, is_port, strict=True) if port]
    for name, number in lex.NAMED_PORTS.items():
        for nm in re.finditer(bounded(re.escape(name)), scope.low):
            near = [
                m
                for m in numbered
                if 0 <= m.start() - nm.end() <= 20 or 0 <= nm.start() - m.end() <= 3
            ]
            if not near and number not in out:
                out.append(number)
    return out


_LIST_JOIN = re.compile(r"\s*(?:,|and|&|\+|/|,\s*and)\s*")
_NOT_PORT = re.compile(
    r"^\s*(?:days?|weeks?|months?|years?|approvals?|chars?|characters?|req|requests?|hours?|minutes?|mins?"
    r"|previous|passwords?|reviews?|reviewers?|approvers?|%|gb|tb|mb|nodes?)\b",
    re.I,
)


# ------------------------------------------------------------------------------------------ CIDRs

_WORLD = re.compile(
    r"\b(?:from|to)\s+(?:the\s+)?(?:whole\s+|entire\s+|public\s+)?"
    r"(?:world|internet|anywhere|everywhere|everyone|all\s+ips?|any\s+ips?|any\s+source)\b"
    r"|\bworld[\s-]*open\b|\bopen\s+to\s+(?:the\s+)?(?:world|internet|public)\b",
    re.I,
)


def cidrs(scope: Scope, *, egress: bool, split_egress: bool) -> list[str]:
    out: list[str] = []
    text = scope.analysis.text
    for f in scope.values("ipv4", "ipv6"):
        c0, _ = clause_at(text, f.start)
        is_egress = bool(re.search(r"egress|outbound", text[max(c0, f.start - 40) : f.start], re.I))
        if (is_egress if split_egress else False) == egress and f.value not in out:
            out.append(f.value)
    if not egress and _WORLD.search(scope.text) and "0.0.0.0/0" not in out:
        out.append("0.0.0.0/0")
    return out


# ------------------------------------------------------------------------------------------- ARNs

_PRINCIPAL = re.compile(r"^arn:aws[a-z-]*:(?:iam|sts)::\d*:(?:role|user|root|assumed-role)")


def arns(scope: Scope, pattern: str, *, whole: bool = False) -> list[str]:
    return [f.value for f in scope.values("arn", whole=whole) if re.search(pattern, f.value)]


def derived_roots(text: str) -> list[tuple[int, str]]:
    pats = (
        r"\broot\s+(?:user\s+)?of\s+(?:the\s+)?(?:aws\s+)?account\s+(\d{12})\b",
        r"\baccount\s+(\d{12})(?:'s)?\s+root\b",
    )
    out = []
    for p in pats:
        for m in re.finditer(p, text, re.I):
            out.append((m.start(), f"arn:aws:iam::{m.group(1)}:root"))
    return out


def principals(scope: Scope) -> list[tuple[int, str]]:
    found = [
        (f.start - scope.start, f.value) for f in scope.values("arn") if _PRINCIPAL.search(f.value)
    ]
    return sorted(found + derived_roots(scope.text))


def _kms_principals(scope: Scope, role: str) -> list[str]:
    out: list[str] = []
    text = scope.text
    for pos, arn in principals(scope):
        c0, c1 = clause_at(text, pos)
        before = text[max(c0, pos - 50) : pos].lower()
        clause = text[c0:c1].lower()
        if re.search(r"admin", before):
            kind = "admin"
        elif re.search(r"\buse|\busers?\b|encrypt|decrypt|consumer", clause):
            kind = "user"
        elif re.search(r"admin", clause):
            kind = "admin"
        else:
            kind = "user"
        if kind == role and arn not in out:
            out.append(arn)
    return out


# ------------------------------------------------------------------------------------------ names

_GENERIC_MARKERS = (
    r"\bnamed\b",
    r"\bcalled\b",
    r"\bname\s+it\b",
    r"\bcall\s+it\b",
    r"\bname\s*(?:is|should\s+be|will\s+be|[:=])",
    r"\bname\b",
)
_PARAM_MARKERS: dict[str, tuple[str, ...]] = {
    "alias": (
        r"\balias\s*(?:name\s*)?(?:is|should\s+be|will\s+be|[:=])?",
        r"\bcalled\b",
        r"\bnamed\b",
    ),
    "identifier": (r"\bidentifier\s*(?:is|[:=])?", *_GENERIC_MARKERS),
    "secret_name": (*_GENERIC_MARKERS, r"\bas\b", r"\bsecret\b", r"\bsecretsmanager\b"),
    "key_ring": (r"\b(?:key\s*ring|keyring|ring)\s*(?:name\b)?\s*(?:is|[:=])?",),
    "key_name": (r"\b(?:crypto\s*key|key)\s*(?:name\b)?\s*(?:is|[:=])?",),
    "namespace": (
        r"\bnamespaces?\s*(?:is|[:=])?",
        r"\bns\b\s*(?:is|[:=])?",
        r"\bname\b\s*(?:is|[:=])?",
        r"\bnamed\b",
        r"\bcalled\b",
    ),
    "acl_name": (r"\bacl\s+name\b", *_GENERIC_MARKERS),
    "trail_name": (*_GENERIC_MARKERS,),
}
_PLAIN_OK = {"namespace", "name", "key_ring", "key_name", "alias", "identifier", "role_name"}
_CUE_FILLERS = re.compile(
    r"(?:\s*(?:new|a|an|the|my|our|named|called|instance|trail|acl|rule|account|acct|bucket|role|"
    r"policy|alias|postgres|postgresql|mysql|mariadb|pg|rds|db|https|http|alb|sg|group|vault|"
    r"storage|gcs|s3|cmk|kms|key|cloudtrail|waf|nsg|firewall|secret|internal|private)\b)*",
    re.I,
)


def name_param(scope: Scope, param: str) -> str | None:
    """A name for the new resource: explicit marker, then the word after the cue, then a quoted token."""
    masked = scope.masked
    plain = param in _PLAIN_OK
    if param == "namespace":
        for marker in (r"\bnamed\b", r"\bcalled\b", r"\bname\s*(?:is|[:=])"):
            for m in re.finditer(marker, masked, re.I):
                token = token_at(masked, m.end(), plain=True)
                if token and token not in scope.consumed:
                    return token
        # "the orders namespace", "in the `payments` ns"
        for nm in re.finditer(
            rf"\b(?:the|our|a|an|in|to|for|into|on|of|per)\s+[{_QUOTE}]?([a-z0-9][a-z0-9-]*)[{_QUOTE}]?"
            r"\s+(?:k8s\s+|kubernetes\s+)?(?:namespace|ns)\b",
            masked,
            re.I,
        ):
            if nm.group(1).lower() not in NON_NAMES and nm.group(1) not in scope.consumed:
                return nm.group(1)
    for marker in _PARAM_MARKERS.get(param, _GENERIC_MARKERS):
        for m in re.finditer(marker, masked, re.I):
            token = token_at(masked, m.end(), plain=plain or marker != r"\bas\b")
            if token and token not in scope.consumed:
                return token
    if param == "alias":
        am = re.search(
            rf"({_TOKEN})\s*\(\s*(?:that'?s|this\s+is|it'?s)\s+the\s+alias", masked, re.I
        )
        if am and is_identifier(am.group(1)):
            return am.group(1)
    if param == "namespace":
        quoted = re.search(rf"[{_QUOTE}]({_TOKEN})[{_QUOTE}]\s+(?:namespace|ns)\b", masked, re.I)
        if quoted:
            return quoted.group(1)
    if scope.cue_end is not None and param not in ("key_ring", "key_name"):
        rel = scope.cue_end - scope.start
        # "blob storage for invoices: stinvoicesweu": a name right after a colon that ends the cue's phrase
        colon = re.compile(r"(?:[ \t]+[A-Za-z]+){0,5}[ \t]*:[ \t]*").match(masked, max(rel, 0))
        if colon and 0 <= rel:
            token = token_at(masked, colon.end(), plain=True)
            if token and token not in scope.consumed:
                return token
        if 0 <= rel <= len(masked):
            skip = _CUE_FILLERS.match(masked, rel)
            pos = skip.end() if skip else rel
            token = token_at(masked, pos, plain=plain)
            if token and token not in scope.consumed:
                return token
    for m in re.finditer(rf"[{_QUOTE}]({_TOKEN})[{_QUOTE}]", masked):
        if m.group(1) not in scope.consumed and m.group(1).lower() not in NON_NAMES:
            return m.group(1)
    if param in ("namespace", "key_ring", "key_name"):
        return None
    for m in re.finditer(_TOKEN, masked):
        token = m.group(0).rstrip(".-/")
        if is_identifier(token) and token not in scope.consumed and "/" not in token.strip("/"):
            if re.match(r"\s*[:=]", masked[m.end() :]) and param != "secret_name":
                continue
            return token
    return None


def namespace_list(scope: Scope) -> list[str]:
    m = re.search(
        r"\b(?:namespaces|(?:in|for|on)(?:\s+(?:the\s+)?namespaces)?)\s+"
        r"((?:[a-z0-9][a-z0-9-]*)(?:\s*(?:,|and|&)\s*(?:[a-z0-9][a-z0-9-]*))+)",
        scope.masked,
        re.I,
    )
    if not m:
        return []
    items = [t for t in re.split(r"\s*(?:,|\band\b|&)\s*", m.group(1)) if t]
    return [t for t in items if t.lower() not in NON_NAMES]


_BRANCHES = ("main", "master", "develop", "development", "trunk", "release", "production")


def branch(scope: Scope) -> str | None:
    masked = scope.masked
    allowed = NON_NAMES - set(_BRANCHES)
    pats = (
        rf"\bbranch(?!\s+protect)(?:\s+(?:name|is))?\s*[:=]?\s*[{_QUOTE}]?({_TOKEN})",
        rf"[{_QUOTE}]?({_TOKEN})[{_QUOTE}]?\s+branch\b",
    )
    for p in pats:
        for m in re.finditer(p, masked, re.I):
            token = m.group(1)
            if token.lower() not in allowed and token.lower() not in ("of", "default", "each"):
                return token
    for b in _BRANCHES:
        if re.search(bounded(b), masked, re.I):
            return b
    return None


def repositories(scope: Scope) -> list[str]:
    masked = re.sub(
        r"(?:https?://)?(?:www\.)?github(?:\.[\w-]+)*\.com/",
        lambda m: " " * len(m.group(0)),
        scope.masked,
        flags=re.I,
    )
    out = [
        m.group(0)
        for m in re.finditer(
            r"(?<![\w/.#:-])[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*(?![\w/])", masked
        )
        if not m.group(0).lower().startswith(("ingress/", "egress/", "tcp/", "udp/"))
    ]
    if out:
        return list(dict.fromkeys(o.rstrip(".") for o in out))
    pats = (
        rf"\brepo(?:sitory)?\s*(?:is|[:=])?\s*[{_QUOTE}]?({_TOKEN})",
        rf"\bbranch\s+(?:of|in|on)\s+(?:the\s+)?(?:repo\s+)?[{_QUOTE}]?({_TOKEN})",
        rf"\b(?:on|for|in)\s+(?:the\s+)?[{_QUOTE}]?({_TOKEN})[{_QUOTE}]?\s+(?:repo\s+)?(?:{'|'.join(_BRANCHES)})\b",
        rf"\b(?:on|for|in)\s+[{_QUOTE}]?({_TOKEN})[{_QUOTE}]?\s+repo",
    )
    for p in pats:
        m = re.search(p, masked, re.I)
        if m and m.group(1).lower() not in NON_NAMES:
            return [m.group(1)]
    return []


# ------------------------------------------------------------------------------------------ booleans

_BOOL_PATTERNS: dict[str, tuple[str, str | None]] = {
    # name: (pattern meaning "on", pattern meaning "off")
    "versioning": (r"versioning|versioned", r"unversioned"),
    "object_lock": (r"object[\s-]*lock|worm", None),
    "multi_region": (r"multi[\s-]*region", r"single[\s-]*region"),
    "multi_az": (
        r"multi[\s_-]*az|high(?:ly)?[\s-]+availab\w*|(?:2|two|multiple)\s+(?:azs|availability\s+zones)",
        r"(?:single|one|1)[\s-]*(?:az|availability\s+zone)\b|no\s+multi[\s-]*az",
    ),
    "internal": (
        r"\binternal\b|private\s+(?:alb|load)",
        r"public[\s-]*facing|internet[\s-]*facing",
    ),
    "organization_trail": (
        r"\borg(?:ani[sz]ation)?(?:al)?[\s-]*(?:wide\s+)?trail|\borg[\s-]*wide|whole\s+org"
        r"|organi[sz]ation[\s-]*wide|all\s+accounts|make\s+it\s+an?\s+org",
        None,
    ),
    "include_global_resources": (r"\bglobal\b", None),
    "allow_dns_egress": (r"\bdns\b", None),
    "require_code_owner_reviews": (r"code[\s-]*owners?", None),
    "require_signed_commits": (
        r"signed\s+commits?|commit\s+signing|sign(?:ed)?\s+commits|gpg",
        None,
    ),
    "s3_protection": (r"\bs3\b(?=[^.,;]{0,30}protect)|protection\s+for\s+s3", None),
    "eks_protection": (r"\beks\b(?=[^.,;]{0,30}protect)|protection\s+for\s+eks", None),
    "malware_protection": (r"\bmalware\b", None),
}


def boolean(scope: Scope, name: str) -> bool | None:
    on, off = _BOOL_PATTERNS.get(name, (r"\b" + r"[\s_-]*".join(name.split("_")) + r"\b", None))
    low = scope.low
    if off and re.search(off, low):
        return False
    m = re.search(on, low)
    if not m:
        return None
    if negated_before(low, m.start(), window=30):
        return False
    c0, c1 = clause_at(low, m.end())
    after = low[m.end() : min(c1, m.end() + 40)]
    if _BOOL_OFF_AFTER.match(after):
        return False
    return True


# What may follow a feature to switch it off: "versioning: off", "EKS protection off", "signed commits not
# needed", "code owner reviews aren't required".
_BOOL_OFF_AFTER = re.compile(
    r"^[\s:=]*(?:\w+\s+){0,2}?(?:(?:is|are|can\s+be|should\s+be|stays?)\s+)?"
    r"(?:off|disabled?|false|no\b|none\b|not\s+(?:needed|required|necessary|wanted|enabled|on)\b"
    r"|(?:is|are)n'?t\s+(?:needed|required|necessary|wanted)|unnecessary|optional\b)",
    re.I,
)


# ------------------------------------------------------------------------------------------- enums


def enum_values(scope: Scope, name: str, choices: list[str]) -> list[str]:
    low = scope.low
    hits: list[tuple[int, str]] = []
    for pattern, value in lex.ENUM_SYNONYMS.get(name, ()):
        if choices and value not in choices:
            continue
        for m in re.finditer(pattern, low):
            hits.append((m.start(), value))
            if name != "standards":
                break
        if hits and name not in ("standards",):
            break
    if not hits:
        for choice in choices:
            pat = r"[\s_-]*".join(re.escape(part) for part in re.split(r"[\s_-]+", choice.lower()))
            cm = re.search(bounded(pat), low)
            if cm:
                hits.append((cm.start(), choice))
    ordered = [v for _, v in sorted(hits)]
    return list(dict.fromkeys(ordered))


# ------------------------------------------------------------------------------------------ numbers

_INT_PATTERNS: dict[str, tuple[str, ...]] = {
    "rate_limit": (
        r"rate[\s-]*limit(?:ing)?\s*(?:of|to|at|=|:|is)?\s*(\d[\d,]*)",
        r"(\d[\d,]*)\s*(?:requests?|reqs?)\b",
    ),
    "required_approvals": (
        rf"(\d+|{_NUM_WORDS}|no|zero)\s+(?:required\s+)?(?:approvals?|approving\s+reviews?|reviews?|reviewers?"
        r"|approvers?|code\s+reviews?|sign[\s-]*offs?)\b",
        r"(?:approvals?|reviews?|reviewers?|approvers?)\s*(?:required\s*)?[:=]?\s*(\d+)\b",
    ),
    "min_length": (
        r"(?:min(?:imum)?(?:\s+(?:password\s+)?length)?|at\s+least|length(?:\s+of)?)\s*(?:of|=|:|is)?\s*(\d+)",
        r"(\d+)\s*\+?\s*(?:chars?|characters)\s*(?:min(?:imum)?|long|or\s+more)",
        r"(\d+)\s*\+?\s*(?:chars?|characters)",
        r"(?:shorter|fewer|less)\s+than\s+(\d+)",
    ),
    "reuse_prevention": (
        r"(?:reuse|re-use|remember|history|previous|last)\D{0,30}?(\d+)",
        r"(\d+)\s+(?:previous|last|old)\s+passwords",
    ),
}


def integer(scope: Scope, name: str) -> int | None:
    low = scope.low
    pats = _INT_PATTERNS.get(name)
    if pats is None:
        words = r"[\s_-]*".join(name.split("_"))
        pats = (rf"{words}\s*(?:of|to|=|:|is)?\s*(\d+)",)
    for p in pats:
        m = re.search(p, low)
        if m:
            return parse_number(m.group(1))
    return None


# ------------------------------------------------------------------------------------ misc lists

_COUNTRY_NAMES = re.compile(
    bounded("|".join(re.escape(c) for c in sorted(lex.COUNTRIES, key=len, reverse=True))), re.I
)


def blocked_countries(scope: Scope) -> list[str]:
    text = _COUNTRY_NAMES.sub(lambda m: lex.COUNTRIES[m.group(0).lower()], scope.masked)
    m = re.search(
        r"(?:block(?:s|ed|ing)?|deny|geo[\s-]*block(?:s|ed|ing)?)\s+(?:all\s+)?(?:traffic\s+|requests\s+)?"
        r"(?:from\s+)?(?:countries\s*:?\s*)?((?:[A-Z]{2})(?:\s*(?:,|and|&|\+|or)\s*[A-Z]{2})*)\b",
        text,
    ) or re.search(r"countries\s*[:=]?\s*((?:[A-Z]{2})(?:\s*(?:,|and|&|\+)\s*[A-Z]{2})*)\b", text)
    if not m:
        return []
    return [c for c in re.findall(r"\b[A-Z]{2}\b", m.group(1)) if c not in ("IP", "OK", "AZ")]


def target_tags(scope: Scope) -> list[str]:
    m = re.search(
        rf"\btargets?(?:\s+tags?)?\s*[:=]?\s*({_TOKEN}(?:\s*(?:,|and)\s*{_TOKEN})*)",
        scope.masked,
        re.I,
    )
    if not m:
        return []
    return [
        t
        for t in re.split(r"\s*(?:,|\band\b)\s*", m.group(1))
        if t and t.lower() not in lex.STOPWORDS
    ]


def description(scope: Scope) -> str | None:
    m = re.search(r"\bdesc(?:ription)?\s*[:=]?\s*[\"“']([^\"”']+)[\"”']", scope.text, re.I)
    return m.group(1) if m else None


_PROJECT_ID = r"([a-z][a-z0-9-]{4,28}[a-z0-9])"


def project(scope: Scope) -> str | None:
    """A GCP project id: "project foo-prod-1", "project id: foo", "the foo-prod-1 project"."""
    pats = (
        rf"\b(?:project|proj)\s*(?:id\s*)?(?:is\s*|[:=]\s*|called\s+|named\s+)?[{_QUOTE}]?{_PROJECT_ID}",
        rf"(?<![\w-]){_PROJECT_ID}[{_QUOTE}]?\s+(?:gcp\s+|google\s+cloud\s+)?project\b",
    )
    for p in pats:
        for m in re.finditer(p, scope.masked):
            if re.search(r"[-\d]", m.group(1)) and m.group(1).lower() not in NON_NAMES:
                return m.group(1)
    return None


def resource_group(scope: Scope) -> str | None:
    m = re.search(r"(?<![\w-])rg-[\w.-]*[\w]", scope.masked)
    if m:
        return m.group(0)
    m = re.search(
        rf"\b(?:resource\s+group|rg)\s*(?:is\s*|[:=]\s*)?[{_QUOTE}]?({_TOKEN})", scope.masked, re.I
    )
    return m.group(1) if m and m.group(1).lower() not in NON_NAMES else None


def network(scope: Scope) -> str | None:
    """A GCP VPC network name: "network prod-vpc", "vpc: shared", "on the host-vpc network"."""
    pats = (
        rf"\b(?:network|vpc)\s*(?:is\s*|[:=]\s*|called\s+|named\s+)?[{_QUOTE}]?([a-z][a-z0-9-]*)",
        rf"(?<![\w-])([a-z][a-z0-9-]*)[{_QUOTE}]?\s+(?:vpc\s+)?network\b",
    )
    for p in pats:
        for m in re.finditer(p, scope.masked, re.I):
            token = m.group(1)
            if token.lower() == "default" or (is_identifier(token) or is_plain_name(token)):
                if token.lower() not in (
                    "policy",
                    "policies",
                    "security",
                    "tags",
                    "firewall",
                    "flow",
                ):
                    return token
    return None


def destination_bucket(scope: Scope) -> str | None:
    for m in re.finditer(
        r"(?:\bbucket|deliver(?:ed|s|ing|y)?\s+(?:\w+\s+){0,2}?(?:to|into)|go(?:es)?\s+to|writ(?:e|es|ing)\s+to"
        r"|send(?:s|ing)?\s+(?:\w+\s+){0,2}?to"
        r"|ship(?:ped|s)?\s+to|stor(?:e|ed)\s+in|land(?:s)?\s+in)\s+(?:the\s+|our\s+|an?\s+)?"
        r"(?:existing\s+)?(?:s3\s+)?(?:bucket\s+)?(?:named\s+|called\s+)?",
        scope.masked,
        re.I,
    ):
        token = token_at(scope.masked, m.end(), plain=False)
        if token:
            return token
    return None


def access_log_bucket(scope: Scope) -> str | None:
    m = re.search(
        r"(?:access\s+)?log(?:s|ging)?\s+(?:should\s+)?(?:go(?:es)?\s+|are\s+sent\s+|is\s+sent\s+|sent\s+)?"
        r"(?:to|into|in)\s+(?:our\s+|the\s+)?(?:existing\s+)?(?:s3\s+)?(?:bucket\s+)?"
        r"|access[\s-]+log(?:ging|s)?\s+bucket\s*(?:is\s*|[:=]\s*)?|\blog(?:ging)?\s+bucket\s+",
        scope.masked,
        re.I,
    )
    return token_at(scope.masked, m.end(), plain=False) if m else None


def resource_arns(scope: Scope) -> list[str]:
    out = [
        f.value
        for f in scope.values("arn")
        if not _PRINCIPAL.search(f.value) and ":policy/" not in f.value
    ]
    if re.search(
        r"\bon\s+\*|\bresources?\s*[:=]?\s*\*|\*\s+resources?|\ball\s+resources\b", scope.masked
    ):
        out.append("*")
    return out


# ------------------------------------------------------------------------------------ dispatcher

Extractor = Callable[[Scope, Mapping[str, Any], list[str]], Any]


def _by_name() -> dict[str, Extractor]:
    def arn_of(pattern: str) -> Extractor:
        return lambda s, p, ps: next(iter(arns(s, pattern)), None)

    table: dict[str, Extractor] = {
        "ports": lambda s, p, ps: ports(s) or None,
        "cidrs": lambda s, p, ps: cidrs(s, egress=False, split_egress="egress_cidrs" in ps) or None,
        "egress_cidrs": lambda s, p, ps: cidrs(s, egress=True, split_egress=True) or None,
        "vpc_id": lambda s, p, ps: next(
            (f.value for f in (s.values("vpc_id") or s.values("vpc_id", whole=True))), None
        ),
        "subnet_ids": lambda s, p, ps: [f.value for f in s.values("subnet_id")] or None,
        "allowed_security_group_ids": lambda s, p, ps: [f.value for f in s.values("sg_id")] or None,
        "private_endpoint_subnet_id": lambda s, p, ps: next(
            (f.value for f in s.values("azure_id") if "/subnets/" in f.value), None
        ),
        "kms_key_arn": arn_of(r":kms:"),
        "certificate_arn": arn_of(r":acm:"),
        "alb_arn": arn_of(r":elasticloadbalancing:.*loadbalancer/"),
        "waf_acl_arn": arn_of(r":wafv2:"),
        "rotation_lambda_arn": arn_of(r":lambda:"),
        "permissions_boundary_arn": arn_of(r":iam::\d*:policy/"),
        "kms_key_name": lambda s, p, ps: next((f.value for f in s.values("gcp_key")), None),
        "resource_arns": lambda s, p, ps: resource_arns(s) or None,
        "actions": lambda s, p, ps: [f.value for f in s.values("action")] or None,
        "read_principals": lambda s, p, ps: [a for _, a in principals(s)] or None,
        "admin_principals": lambda s, p, ps: _kms_principals(s, "admin") or None,
        "user_principals": lambda s, p, ps: _kms_principals(s, "user") or None,
        "alert_email": lambda s, p, ps: next((f.value for f in s.values("email")), None),
        "instance_class": lambda s, p, ps: next(
            (f.value for f in s.values("instance_class")), None
        ),
        "managed_rule_groups": lambda s, p, ps: list(
            dict.fromkeys(re.findall(r"\bAWSManagedRules\w+", s.text))
        )
        or None,
        "blocked_countries": lambda s, p, ps: blocked_countries(s) or None,
        "target_tags": lambda s, p, ps: target_tags(s) or None,
        "description": lambda s, p, ps: description(s),
        "project": lambda s, p, ps: project(s) or project(s.whole()),
        "resource_group": lambda s, p, ps: resource_group(s) or resource_group(s.whole()),
        "network": lambda s, p, ps: network(s) or network(s.whole()),
        "access_log_bucket": lambda s, p, ps: access_log_bucket(s),
        "branch": lambda s, p, ps: branch(s) or branch(s.whole()),
        "repository": lambda s, p, ps: next(iter(repositories(s) or repositories(s.whole())), None),
    }

    def int_of(name: str) -> Extractor:
        return lambda s, p, ps: integer(s, name)

    for name in ("rate_limit", "required_approvals", "min_length", "reuse_prevention"):
        table[name] = int_of(name)
    return table


_BY_NAME = _by_name()
_NAME_PARAMS = {
    "bucket_name",
    "alias",
    "name",
    "role_name",
    "trail_name",
    "acl_name",
    "secret_name",
    "identifier",
    "key_ring",
    "key_name",
    "namespace",
}


# Parameter names fixed by the catalog (``catalog.md``). Blueprints may take more; those extras are
# filled only when the message names them (see ``_mentions``), so a generic extractor never assigns
# e.g. an ingress port to ``egress_ports`` or the word "compliance" to ``object_lock_mode``.
CATALOG_PARAMS = frozenset(
    """bucket_name region retention_days kms_key_arn versioning object_lock access_log_bucket
    read_principals alias description admin_principals user_principals deletion_window_days
    multi_region name vpc_id ports cidrs protocol egress_cidrs role_name service resource_arns
    access_level actions permissions_boundary_arn trail_name organization_trail finding_frequency
    alert_email s3_protection eks_protection malware_protection standards include_global_resources
    acl_name alb_arn rate_limit managed_rule_groups blocked_countries destination traffic_type
    secret_name rotation_days rotation_lambda_arn identifier engine instance_class subnet_ids
    allowed_security_group_ids backup_retention_days multi_az certificate_arn internal waf_acl_arn
    min_length max_age_days reuse_prevention resource_group location replication
    private_endpoint_subnet_id soft_delete_retention_days project kms_key_name network target_tags
    key_ring key_name namespace allow_dns_egress repository branch required_approvals
    require_code_owner_reviews require_signed_commits""".split()
)
_GENERIC_WORDS = frozenset({"days", "id", "ids", "arn", "arns", "name", "names", "list"})


def _mentions(scope: Scope, name: str) -> bool:
    """True when every distinctive word of a parameter's name appears in the message."""
    words = [w for w in name.split("_") if w not in _GENERIC_WORDS]
    return all(re.search(rf"\b{re.escape(w[:5])}", scope.low) for w in words)


def extract_param(
    scope: Scope,
    spec: Mapping[str, Any],
    params: list[str],
    name_of: str | None,
    known: frozenset[str] = CATALOG_PARAMS,
) -> Any:
    """The value the user stated for ``spec`` inside ``scope``, normalised, or ``None``.

    ``known`` are the parameters users talk about for this blueprint (its ``catalog.md`` row); any other
    parameter is only read when the message names it.
    """
    name = str(spec.get("name", ""))
    if name not in known and name != name_of and not _mentions(scope, name):
        return None
    for pair in scope.analysis.pairs:
        if scope.start <= pair.start < scope.end and kv.param_for_key(pair.key, params) == name:
            value = _from_pair(scope, pair, spec, params, name_of)
            if value is not None:
                return value
    return _extract_in(scope, spec, params, name_of)


def _from_pair(
    scope: Scope, pair: kv.Pair, spec: Mapping[str, Any], params: list[str], name_of: str | None
) -> Any:
    """The value of ``spec`` read from the value side of a ``key: value`` pair."""
    name, ptype = str(spec.get("name", "")), str(spec.get("type", ""))
    value_text = scope.analysis.masked[pair.start : pair.end]
    if ptype == "bool" or name in _BOOL_PATTERNS:
        return True if kv.ON.match(value_text) else False if kv.OFF.match(value_text) else None
    if name in _NAME_PARAMS or name == name_of:
        return token_at(scope.analysis.masked, pair.start, plain=True)
    sub = Scope(
        scope.analysis,
        scope.cloud,
        start=pair.start,
        end=pair.end,
        cue_end=pair.start,
        single=scope.single,
        consumed=scope.consumed,
    )
    return _extract_in(sub, spec, params, name_of)


def _extract_in(
    scope: Scope, spec: Mapping[str, Any], params: list[str], name_of: str | None
) -> Any:
    name = str(spec.get("name", ""))
    ptype = str(spec.get("type", ""))
    choices = [str(c) for c in spec.get("choices") or []]
    if name in _BY_NAME:
        return _BY_NAME[name](scope, spec, params)
    if name in ("region", "location") or ptype in ("aws_region", "azure_location", "gcp_location"):
        found = region_list(scope)
        return found[0] if found else None
    if name.endswith("_days"):
        return _duration_param(scope, name, params)
    if name == "bucket_name" and name_of != "bucket_name":
        return destination_bucket(scope)
    if name == "namespace" and name_of != "namespace":
        return name_param(scope, "namespace") or name_param(scope.whole(), "namespace")
    if name in _NAME_PARAMS or name == name_of:
        return name_param(scope, name)
    if choices or ptype == "enum":
        found = enum_values(scope, name, choices)
        if ptype.endswith("_list") or name in ("standards",):
            return found or None
        return found[0] if found else None
    if name in lex.ENUM_SYNONYMS:
        found = enum_values(scope, name, [])
        return found[0] if found else None
    if ptype == "bool" or name in _BOOL_PATTERNS:
        return boolean(scope, name)
    if ptype == "int":
        return integer(scope, name)
    return _by_type(scope, ptype)


def _by_type(scope: Scope, ptype: str) -> Any:
    if ptype == "cidr_list":
        return cidrs(scope, egress=False, split_egress=False) or None
    if ptype == "port_list":
        return ports(scope) or None
    if ptype == "vpc_id":
        return next((f.value for f in scope.values("vpc_id")), None)
    if ptype in ("arn", "aws_kms_key_arn"):
        return next((f.value for f in scope.values("arn")), None)
    if ptype == "arn_list":
        return [f.value for f in scope.values("arn")] or None
    if ptype == "email":
        return next((f.value for f in scope.values("email")), None)
    return None


def is_name_like(param: str) -> bool:
    return param in _NAME_PARAMS
