"""Value extraction for the offline engine: from one message to catalog-shaped parameter values.

``extract_param`` finds one catalog parameter's value inside a ``Scope`` (the part of the message about one
blueprint): first from a ``key: value`` pair naming the parameter, then keyed by the parameter's catalog
name, then by its type. Durations, regions, ports, CIDRs, ARNs, booleans, enums and counts are read here;
names live in ``_names`` and the message primitives in ``_text`` (re-exported for callers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from palisade.providers import _keyvalue as kv
from palisade.providers import _lexicon as lex
from palisade.providers._names import (
    access_log_bucket,
    branch,
    destination_bucket,
    name_param,
    namespace_list,
    network,
    project,
    repositories,
    resource_group,
)
from palisade.providers._text import (
    _TOKEN,
    NON_NAMES,
    Analysis,
    Found,
    Scope,
    bounded,
    clause_at,
    fix_typos,
    is_identifier,
    is_plain_name,
    mask,
    negated_before,
    parse_number,
    scan_values,
    token_at,
)

__all__ = [
    "CATALOG_PARAMS",
    "NON_NAMES",
    "Analysis",
    "Found",
    "Scope",
    "access_log_bucket",
    "blocked_countries",
    "boolean",
    "bounded",
    "branch",
    "cidrs",
    "clause_at",
    "destination_bucket",
    "durations",
    "enum_values",
    "extract_param",
    "fix_typos",
    "integer",
    "is_identifier",
    "is_name_like",
    "is_plain_name",
    "mask",
    "name_param",
    "namespace_list",
    "negated_before",
    "network",
    "parse_number",
    "ports",
    "project",
    "region_list",
    "regions",
    "repositories",
    "resource_group",
    "scan_values",
    "token_at",
]

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
    adverb: bool = (
        False  # "weekly", "quarterly": says how often, so only counts next to its parameter
    )


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
            out.append(
                Duration(m.start(), m.end(), lex.ADVERB_DAYS[m.group(4).lower()], adverb=True)
            )
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

    A duration in a clause that names no parameter ("bucket x, 30 days") is only a fallback, used when no
    clause in the scope names the parameter; a bare "quarterly" there says how often, not how long.
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
            if not d.adverb:
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
    if scope.cloud == "aws":
        # "eu central 1", "US East 1": a region code typed with spaces
        for m in re.finditer(
            r"\b(us|eu|ap|sa|ca|me|af|il|mx)[\s-]+(east|west|north|south|central|northeast|southeast)"
            r"[\s-]+(\d)\b",
            low,
        ):
            code = "-".join(m.groups())
            if code in lex.AWS_REGIONS:
                out.append((m.start(), code))
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
    for m in re.finditer(r"\b(?:tcp|udp)\s*/\s*(\d{1,5})\b", masked, re.I):  # "tcp/8080"
        if 0 < int(m.group(1)) <= 65535 and int(m.group(1)) not in out:
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

_PRINCIPAL = re.compile(
    r"^arn:aws[a-z-]*:(?:iam|sts)::(?:\d*|\[REDACTED_[A-Z0-9_]+\]):(?:role|user|root|assumed-role)"
)


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


# ------------------------------------------------------------------------------------------ booleans

_BOOL_PATTERNS: dict[str, tuple[str, str | None]] = {
    # name: (pattern meaning "on", pattern meaning "off")
    "versioning": (r"versioning|versioned", r"unversioned"),
    "object_lock": (r"object[\s-]*lock|worm", None),
    "multi_region": (r"multi[\s-]*region", r"single[\s-]*region"),
    "multi_az": (
        r"multi[\s_-]*az|high(?:ly)?[\s-]+availab\w*|(?:2|two|multiple)\s+(?:azs|availability\s+zones)"
        r"|standby|fail[\s-]*over|another\s+(?:az|availability\s+zone)",
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
    "require_code_owner_reviews": (
        r"code[\s-]*owners?|\bowners?\s+(?:must|should|have\s+to|need\s+to|to)\s+(?:review|approve)",
        None,
    ),
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
        r"(?:min(?:imum)?(?:\s+(?:password\s+)?length)?|at\s+least|length(?:\s+of)?)\s*"
        r"(?:of|=|:|is|>=|\u2265|>|of\s+at\s+least)?\s*(\d+)",
        r"(\d+)\s*[-+]?\s*(?:chars?|characters)\s*(?:min(?:imum)?|long|or\s+more)",
        r"(\d+)\s*[-+]?\s*(?:chars?|characters)",
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
