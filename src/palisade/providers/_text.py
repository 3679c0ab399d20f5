"""Text primitives for the offline engine: one message, typo-fixed, with its unambiguous values masked.

``Analysis`` scans a message once for unambiguous values (ARNs, ids, CIDRs, e-mails, region codes, IAM
actions) and masks them, so later word rules never read inside an ARN or an address. Before that it
rewrites numbers in words as digits (``_numbers``) and drops values the user corrected (``_correct``).
``Scope`` is the part of a message about one blueprint. The helpers here (clauses, negation, what counts as
a name) are shared by every extractor and by routing.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from palisade.providers import _keyvalue as kv
from palisade.providers import _lexicon as lex
from palisade.providers._correct import apply_corrections
from palisade.providers._numbers import number_value, words_to_digits
from palisade.spelling import osa_distance

_B = r"(?<![\w-])"  # a word start that is not inside a hyphenated token
_E = r"(?![\w-])"


def bounded(pattern: str) -> str:
    """``pattern`` as a whole word that is not part of a hyphenated name such as ``bastion-sg``."""
    return f"{_B}(?:{pattern}){_E}"


# --------------------------------------------------------------------------------------------- typos


def _inflection(word: str, known: str) -> bool:
    """True when ``word`` differs from ``known`` only in its last letter ("resources", "recorded"): an
    inflected English word, not a typo of ``known``."""
    return word[-1] in "sdr" and (word[:-1] == known[:-1] or word[:-1] == known)


def fix_typos(text: str) -> str:
    """Correct plain alphabetic words one edit away from the domain vocabulary (``cloudtrial``)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if len(low) < 4 or low in lex.VOCABULARY or low in lex.STOPWORDS or low in NON_NAMES:
            return word
        # a four-letter word is only a typo of a longer one that lost an inner letter ("limt" -> "limit"),
        # so short English words ("lock", "rule") are never bent into others ("block", "rules")
        best = [
            v
            for v in lex.VOCABULARY
            if (len(low) > 4 or (len(v) == 5 and v[0] == low[0] and v[-1] == low[-1]))
            and osa_distance(low, v, 1) <= 1
            and not _inflection(low, v)
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
    # a guard placeholder ("[REDACTED_PHONE_NUMBER_1]" for an account id) stays part of the ARN: the output
    # guard puts the value back when the proposal leaves the engine
    ("arn", r"arn:aws[a-z-]*:(?:[^\s,;'\"`()<>\]\[]|\[REDACTED_[A-Z0-9_]+\])+"),
    ("azure_id", r"/subscriptions/[^\s,;'\"`()<>]+"),
    ("gcp_key", r"projects/[\w.-]+/locations/[\w.-]+/keyRings/[\w.-]+/cryptoKeys/[\w.-]+"),
    # starts only where a token starts, and possessive: linear on long runs of word characters
    ("email", r"(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"),
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
    """``word`` as a whole number: digits, a count word ("a", "no", "couple") or a number in words."""
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in lex.COUNT_WORDS:
        return lex.COUNT_WORDS[word]
    return number_value(word)


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
    m = re.compile(
        rf"[\s:=]*(?:(?:named|called|is)\s+)?([{_QUOTE}]?)({_TOKEN})([{_QUOTE}]?)"
    ).match(masked, pos)
    if not m:
        return None
    token = m.group(2).rstrip(".-/")
    quoted = bool(m.group(1)) and bool(m.group(3))
    if is_identifier(token) or (quoted and quoted_plain and re.fullmatch(_TOKEN, token)):
        return token
    if plain and is_plain_name(token):
        return token
    return None
