"""Which blueprints a message asks for, where each one is talked about, and whether it is in scope.

Cues for the catalog's known ids live in ``_cues``; a blueprint the tables do not know is found through the
``keywords`` and ``title`` of its catalog summary. Detection is in three steps: every blueprint's earliest
cue that is not a reference to an existing resource ("encrypted with KMS key arn:...", "logs go to our
bucket x"), then outcome rules that need several words together (a password plus a length is a password
policy), then conflict rules between clouds and neighbouring blueprints.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from palisade.providers import _lexicon as lex
from palisade.providers._cues import CUES, NEAR_MISSES
from palisade.providers._text import Analysis, bounded

# A mention directly followed by a pasted ARN or id names an existing thing ("the app role arn:...").
_REFERENCE_AFTER = re.compile(
    r"^\s*(?:[:=(]\s*)?(?:(?:key|keys|cmk|acl|role|bucket|alb|lb|secret|certificate|cert|id|arn)\s*[:=]?\s*){0,2}"
    r"(?:is\s+)?#"
)
_TO_EXISTING = (
    r"(?:\bto|\binto|\bexisting|\blogs?|\blogging|\bdelivery|\bdestination|\bin|->|=>|\u2192)\s*"
    r"(?:the\s+|our\s+|an?\s+|its\s+|their\s+|my\s+)?(?:existing\s+|own\s+|current\s+|central\s+)?"
)
_REFERENCE_BEFORE = {
    "aws-s3-private-bucket": re.compile(_TO_EXISTING + r"(?:s3\s+)?$"),
    "aws-kms-key": re.compile(
        r"(?:\bwith|\busing|\bby|\bvia|\bexisting|\bcurrent)\s+(?:the\s+|our\s+|an?\s+|my\s+)?"
        r"(?:existing\s+|current\s+|own\s+)?(?:aws\s+)?$"
    ),
    "aws-wafv2-alb": re.compile(r"\b(?:existing|current|our)\s+$"),
    "aws-alb-https": re.compile(r"\b(?:existing|current)\s+$"),
    # "so we have an audit trail of who touched it" wants a record, not necessarily a new trail
    "aws-cloudtrail": re.compile(r"\b(?:have|keep|get|leave|provide)\s+an?\s+(?:audit|paper)\s+$"),
}
_AFTER_NOT = {
    # the cue is part of a longer phrase about something else ("s3 protection", "s3 public access")
    "aws-s3-private-bucket": re.compile(
        r"^\s*(?:(?:and|,|&|\+|/)\s*(?:\w+\s+){0,2})?(?:protection|public\s+access|block\s+public|bpa)"
        r"|^\s*(?:access\s+logs?|server\s+access)"
    ),
    "aws-kms-key": re.compile(r"^\s*(?:encrypted|encryption\s+(?:with|by))"),
    # "the database password", "db credentials": a secret about a database, not a database
    "aws-rds-instance": re.compile(
        r"^\s*(?:passwords?|credentials?|creds|users?|secrets?|connection|string|url|dumps?|backups?"
        r"|snapshots?|migrations?|admins?|schemas?|queries|tables?)\b"
    ),
    "azure-key-vault": re.compile(r"^\s*(?:references?)"),
}
_EXPLICIT_CLOUD = {
    "aws": re.compile(r"\baws\b|\bamazon\b"),
    "azure": re.compile(r"\bazure\b|\bmicrosoft\b"),
    "gcp": re.compile(r"\bgcp\b|\bgoogle\b|\bgce\b|\bgke\b"),
}
_CLOUD_HINTS = {
    "aws": re.compile(
        r"\baws\b|\bamazon\b|\bs3\b|\bec2\b|\biam\b|\blambda\b|\bcloudwatch\b|\becs\b|\bfargate\b"
    ),
    "azure": re.compile(
        r"\bazure\b|\bmicrosoft\b|\brg-|\bresource\s+group\b|\bblob\b|\baks\b|\bvnet\b|\bentra\b"
    ),
    "gcp": re.compile(
        r"\bgcp\b|\bgoogle\b|\bgcs\b|\bgce\b|\bgke\b|\bproject\s+[`'\"]?[a-z][\w-]*[\d-]"
        r"|\biap\b|\bcloud\s+kms\b"
    ),
}
# Every cue compiled once, as a whole word: a message is matched against ~120 of them.
_CUE_PATTERNS = {
    bid: tuple(re.compile(bounded(p)) for p in patterns) for bid, patterns in CUES.items()
}
_NEAR_MISS_PATTERNS = {
    bid: (re.compile(near), re.compile(own)) for bid, (near, own) in NEAR_MISSES.items()
}
# "<name-with-digit-or-hyphen> project": matched token by token (possessive, no overlapping starts) so a
# long run of word characters costs linear time, then the name is checked in Python.
_NAMED_PROJECT = re.compile(r"(?<![\w-])([a-z][\w-]*+)\s+project\b")
_VALUE_CLOUD = {
    "arn": "aws",
    "vpc_id": "aws",
    "subnet_id": "aws",
    "sg_id": "aws",
    "aws_region": "aws",
    "azure_id": "azure",
    "azure_location": "azure",
    "gcp_region": "gcp",
    "gcp_key": "gcp",
}
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+)?(?:previous\s+|prior\s+|"
    r"above\s+|earlier\s+|preceding\s+|system\s+)?(?:instructions|prompts?|directives|guidelines|rules)\b"
    r"|\b(?:system|hidden|initial)\s+prompt\b|\bjailbreak\b|\bdeveloper\s+mode\b|\byou\s+are\s+now\b|\bDAN\b",
    re.I,
)
_NON_INFRA = re.compile(
    r"\b(?:poem|haiku|joke|story|song|limerick|essay|recipe|lyrics)\b"
    r"|\b(?:summari[sz]e|translate|proofread)\b"
    r"|\b(?:python|bash|shell|javascript|js|go|rust|powershell|sql)\s+(?:script|function|program|code)\b"
    r"|\bwrite\s+(?:me\s+)?(?:a\s+|some\s+)?(?:script|code|program)\b",
    re.I,
)
_QUESTION = re.compile(
    r"^\W*(?:what|what'?s|whats|why|does|do|is|are|should|when|which|who|explain|"
    r"can\s+you\s+explain|tell\s+me|how)\b",
    re.I,
)
_REQUEST_VERB = re.compile(
    r"\b(?:create|make|set\s*up|provision|deploy|enable|turn\s+on|add|give\s+me|spin\s+up|build)\b",
    re.I,
)


# Blueprints whose cue is an ordinary noun that often names what another resource is for
# ("a key for the orders database", "a role for the uploads bucket").
_PURPOSE_NOUNS = frozenset(
    {
        "aws-rds-instance",
        "aws-s3-private-bucket",
        "gcp-gcs-bucket",
        "aws-secretsmanager-secret",
        "aws-alb-https",
        "azure-storage-account",
        "azure-key-vault",
    }
)


@dataclass(frozen=True, slots=True)
class Mention:
    blueprint: str
    start: int  # where the cue was written
    end: int


def explicit_clouds(low: str) -> set[str]:
    return {c for c, p in _EXPLICIT_CLOUD.items() if p.search(low)}


def hinted_clouds(low: str, analysis: Analysis | None = None) -> set[str]:
    """Clouds the words (and, given ``analysis``, the pasted ids and region codes) point at."""
    clouds = {c for c, p in _CLOUD_HINTS.items() if p.search(low)}
    if any(re.search(r"[\d-]", m.group(1)[1:]) for m in _NAMED_PROJECT.finditer(low)):
        clouds.add("gcp")
    if analysis is not None:
        clouds |= {_VALUE_CLOUD[f.kind] for f in analysis.found if f.kind in _VALUE_CLOUD}
    return clouds


def out_of_scope_reason(analysis: Analysis) -> str | None:
    """Why the message is not a request for infrastructure, or ``None`` when it may be one."""
    low = analysis.low
    if _INJECTION.search(analysis.text):
        return "prompt-injection"
    if _NON_INFRA.search(low):
        return "non-infra"
    first = re.split(r"(?<=[?.!])\s", analysis.text.strip(), maxsplit=1)[0]
    if _QUESTION.match(first) and ("?" in analysis.text or not _REQUEST_VERB.search(first)):
        if re.match(
            r"^\W*how\s+(?:do|can|should)\s+(?:i|we)\b", first, re.I
        ) and _REQUEST_VERB.search(first):
            return None
        return "question"
    return None


def is_reference(analysis: Analysis, blueprint: str, start: int, end: int) -> bool:
    """True when the cue at ``start..end`` names an existing resource rather than asking for one."""
    low = analysis.low
    after = _REFERENCE_AFTER.match(low[end:])
    arn_starts = {f.start for f in analysis.found if f.kind == "arn"}
    if after and end + after.end() - 1 in arn_starts:
        return True
    before = _REFERENCE_BEFORE.get(blueprint)
    if before and before.search(low[max(0, start - 40) : start]):
        return True
    after_not = _AFTER_NOT.get(blueprint)
    return bool(after_not and after_not.match(low[end:]))


def _first_cue(
    analysis: Analysis, patterns: Sequence[re.Pattern[str]], blueprint: str
) -> Mention | None:
    """The earliest cue for ``blueprint`` that is not a reference to something that already exists."""
    best: Mention | None = None
    for pattern in patterns:
        for m in pattern.finditer(analysis.low):
            if best is not None and m.start() >= best.start:
                break
            if is_reference(analysis, blueprint, m.start(), m.end()):
                continue
            best = Mention(blueprint, m.start(), m.end())
            break
    return best


@functools.lru_cache(maxsize=1024)
def _keyword_pattern(word: str) -> re.Pattern[str]:
    """A catalog keyword as a whole word, compiled once per keyword (bounded: catalogs change)."""
    return re.compile(bounded(re.escape(word)))


def _keyword_mention(low: str, summary: Mapping[str, Any]) -> Mention | None:
    words = [str(k).lower() for k in summary.get("keywords") or []]
    title = str(summary.get("title") or "").lower()
    if title:
        words.append(title)
    best: Mention | None = None
    for word in words:
        if len(word) < 4:
            continue
        m = _keyword_pattern(word).search(low)
        if m and (best is None or m.start() < best.start):
            best = Mention(str(summary["id"]), m.start(), m.end())
    return best


def detect(analysis: Analysis, catalog: Mapping[str, Mapping[str, Any]]) -> list[Mention]:
    """Blueprints the message asks for, ordered by where they are mentioned."""
    low = analysis.low
    found: dict[str, Mention] = {}
    for bid, summary in catalog.items():
        patterns = _CUE_PATTERNS.get(bid)
        mention = (
            _first_cue(analysis, patterns, bid) if patterns else _keyword_mention(low, summary)
        )
        if mention:
            found[bid] = mention
    _outcomes(analysis, found, catalog)
    _resolve(analysis, found)
    return sorted(found.values(), key=lambda m: m.start)


# ------------------------------------------------------------------------------------ outcome rules


def _add(found: dict[str, Mention], catalog: Mapping[str, Any], bid: str, m: re.Match[str]) -> None:
    if bid in catalog and bid not in found:
        found[bid] = Mention(bid, m.start(), m.end())


def _outcomes(
    analysis: Analysis, found: dict[str, Mention], catalog: Mapping[str, Mapping[str, Any]]
) -> None:
    """Blueprints implied by several words together rather than by one cue."""
    low = analysis.low
    # account-wide S3 public access block: "no bucket in this account can ever be public"
    m = re.search(r"\bpublic(?:ly)?\b", low)
    if (
        m
        and re.search(
            r"\b(?:account|acct)s?\b|\baccount[\s-]*(?:wide|level)|\bacross\b|\bany\s+bucket", low
        )
        and re.search(
            r"\b(?:block|disable|prevent|nobody|no\s+one|never|deny|restrict|no\s+(?:s3\s+)?buckets?|"
            r"(?:can|could)\s*(?:n'?t|not)|stop|disallow|forbid)",
            low,
        )
        and not re.search(
            r"\b(?:make|set)\s+(?:my|the|our|this)\s+(?:s3\s+)?bucket\b[^.]{0,30}\bpublic", low
        )
    ):
        _add(found, catalog, "aws-s3-account-public-access-block", m)
    # a restricted namespace: a namespace plus pod security words, or a new namespace on its own
    m = re.search(r"\bnamespaces?\b|\bns\b", low)
    if m:
        psa = re.search(
            r"\brestricted\b|pod\s+security|\bpsa\b|\bpss\b|\bprivileged\b|\bbaseline\b"
            r"|\brun\s+as\s+root\b|\bnon[\s-]*root\b",
            low,
        )
        new_ns = re.search(
            r"\b(?:new|create|add|provision|need)\s+(?:an?\s+)?(?:new\s+)?(?:k8s\s+|kubernetes\s+)?"
            r"(?:namespaces?|ns)\b",
            low,
        )
        netpol = "k8s-default-deny-network-policy" in found
        if psa or (new_ns and not netpol):
            _add(
                found,
                catalog,
                "k8s-namespace-restricted",
                psa if psa and psa.start() < m.start() else m,
            )
    # branch protection from review words plus a repository-ish context
    m = re.search(
        r"\bapprovals?\b|\bapprovers?\b|\breviewers?\b|\breviews?\b|\bcode\s*owners?\b|\bsigned\s+commits?\b"
        r"|\bforce[\s-]*push",
        low,
    )
    if m and re.search(
        r"\brepo|\bbranch|\bmain\b|\bmaster\b|\bgithub\b|\bmerg|\bpull\s+requests?\b|\bprs?\b", low
    ):
        _add(found, catalog, "github-branch-protection", m)
    # GCP KMS from "kms" / "encryption key" with a GCP context
    if "gcp" in hinted_clouds(low, analysis):
        m = re.search(r"\bkms\b|\bcmek\b|\bencryption\s+keys?\b", low)
        pasted = any(f.kind == "gcp_key" for f in analysis.found)
        if m and not pasted and not re.search(r"\bbucket\b", low):
            _add(found, catalog, "gcp-kms-key", m)
    # a password policy: passwords with a length, reuse, expiry or MFA requirement
    m = re.search(r"\bpasswords?\b", low)
    if (
        m
        and re.search(
            r"\b(?:characters?|chars?|length|reuse|re-use|expire\w*|expiry|complexity|symbols?|"
            r"uppercase|lowercase|history|previous|last\s+\d+|strong\w*|policy|max(?:imum)?\s+age)\b",
            low,
        )
        and "aws-secretsmanager-secret" not in found
        and not re.search(r"\b(?:secrets?\s*manager|store|vault|rotation\s+lambda)\b", low)
    ):
        _add(found, catalog, "aws-iam-password-policy", m)
    m = re.search(r"\b(?:enforce|require|mandate|mandatory)\w*\s+(?:\w+\s+){0,3}?mfa\b", low)
    if m and not found:
        _add(found, catalog, "aws-iam-password-policy", m)
    # an IAM role from a service that needs access to pasted resources
    if "aws-iam-role" in catalog and "aws-iam-role" not in found:
        m = re.search(
            r"\b(?:lambda|ec2|ecs|fargate)\b[^.]{0,40}\b(?:read|write|access|permissions?|assume)",
            low,
        )
        has_resource = any(f.kind == "arn" and ":iam::" not in f.value for f in analysis.found)
        if m and has_resource:
            _add(found, catalog, "aws-iam-role", m)
    # Security Hub from a standard alone ("check the account against CIS")
    if not found:
        m = re.search(
            r"\bcis\b(?:\s+(?:aws\s+)?(?:foundations?\s+)?benchmark)?|\bfsbp\b|\bpci[\s-]*dss\b|\bnist\b",
            low,
        )
        if m and re.search(
            r"\b(?:enable|turn\s+on|check|against|benchmark|standards?|compliance)\b", low
        ):
            _add(found, catalog, "aws-securityhub", m)


# ------------------------------------------------------------------------------------ conflicts


def _resolve(analysis: Analysis, found: dict[str, Mention]) -> None:
    low = analysis.low
    explicit = explicit_clouds(low)
    hinted = hinted_clouds(low, analysis)
    cloud_of = {bid: bid.split("-", 1)[0] for bid in found}

    def drop(bid: str) -> None:
        found.pop(bid, None)

    def move(old: str, new: str) -> None:
        m = found.pop(old, None)
        if m is not None and new not in found:
            found[new] = Mention(new, m.start, m.end)

    # products of other vendors named next to a generic cue ("Cloud SQL postgres instance")
    for bid, (near, own) in _NEAR_MISS_PATTERNS.items():
        if bid in found and near.search(low) and not own.search(low):
            drop(bid)
    # a bucket in a GCP context is a GCS bucket
    if "aws-s3-private-bucket" in found and "gcp" in hinted and not re.search(r"\bs3\b", low):
        move("aws-s3-private-bucket", "gcp-gcs-bucket")
    if "gcp-gcs-bucket" in found and not re.search(r"\bs3\b", low):
        drop("aws-s3-private-bucket")
    if "gcp-kms-key" in found and "aws" not in explicit:
        drop("aws-kms-key")
    # a firewall rule is the network rule of the cloud in sight
    has_network_rules = {"azure-storage-account", "azure-key-vault", "aws-alb-https"} & set(found)
    if "gcp-firewall-rule" in found and "gcp" not in hinted and has_network_rules:
        drop("gcp-firewall-rule")
    if "gcp-firewall-rule" in found and "gcp" not in hinted:
        if "azure" in hinted:
            move("gcp-firewall-rule", "azure-nsg")
        elif "aws" in hinted:
            move("gcp-firewall-rule", "aws-security-group")
    if "azure-nsg" in found:
        drop("aws-security-group")
    if "azure-key-vault" in found:
        if not re.search(r"\bkms\b|\bcmk\b", low):
            drop("aws-kms-key")
        if not re.search(r"secrets?\s*manager|secretsmanager", low):
            drop("aws-secretsmanager-secret")
    if "aws-s3-account-public-access-block" in found and not re.search(
        r"\b(?:new|create)\b[^.]{0,30}\bbucket\b", low
    ):
        drop("aws-s3-private-bucket")
    if "k8s-namespace-restricted" in found and "k8s-default-deny-network-policy" in found:
        ns, dd = found["k8s-namespace-restricted"], found["k8s-default-deny-network-policy"]
        pod_words = re.search(
            r"\brestricted\b|pod\s+security|\bpsa\b|\bpss\b|\bprivileged\b|\brun\s+as\s+root\b", low
        )
        new_ns = re.search(
            r"\bnew\s+(?:k8s\s+|kubernetes\s+)?namespace|\bcreate\s+(?:a\s+)?namespace", low
        )
        if not pod_words and not new_ns:
            drop("k8s-namespace-restricted")
        elif ns.start > dd.start and not pod_words and not new_ns:
            drop("k8s-namespace-restricted")
    # weak cues need the right cloud around them
    weak_needs = {
        "azure-key-vault": ("azure", r"key\s*vault|keyvault|\bakv\b"),
        "aws-rds-instance": ("aws", r"\brds\b|postgres|mysql|mariadb|\bpg\b|relational"),
        "gcp-firewall-rule": ("gcp", r"firewall\s+rule|fw\s+rule|\bgcp\b|\bgce\b"),
        "azure-storage-account": (
            "azure",
            r"storage\s+(?:account|acct|acount|accnt)|\badls\b|\bblob\b",
        ),
    }
    for bid, (cloud, strong) in weak_needs.items():
        if bid in found and not re.search(strong, low) and cloud not in hinted:
            drop(bid)
    # a product of another cloud (Azure SQL, GCP Secret Manager) is not ours
    for bid in list(found):
        cloud = cloud_of.get(bid, bid.split("-", 1)[0])
        if cloud in ("aws", "azure", "gcp") and explicit and cloud not in explicit:
            drop(bid)
    # a WAF on an existing ALB does not create one
    if "aws-wafv2-alb" in found and "aws-alb-https" in found:
        has_alb_values = any(
            f.kind in ("subnet_id",) or ":acm:" in f.value for f in analysis.found
        ) or re.search(r"\bhttps\b|\bcert", low)
        if not has_alb_values:
            drop("aws-alb-https")
    # "role" inside a KMS/S3 sentence with pasted principals is a reference
    if "aws-iam-role" in found and len(found) > 1:
        m = found["aws-iam-role"]
        if (
            re.match(r"^\s*(?:arn|#)", low[m.end :])
            or re.search(
                r"\b(?:admin|admins|key|etl|app|the|our)\s*$", low[max(0, m.start - 12) : m.start]
            )
            and any(f.kind == "arn" and ":iam::" in f.value for f in analysis.found)
        ):
            drop("aws-iam-role")
    # flow logs inferred from "capture traffic" need a VPC
    if "aws-vpc-flow-logs" in found and not re.search(r"flow\s*-?\s*log", low):
        if not re.search(r"\bvpc\b", low) and not any(f.kind == "vpc_id" for f in analysis.found):
            drop("aws-vpc-flow-logs")
    # the bare word "alias" only counts when an AWS key is otherwise in sight
    if "aws-kms-key" in found:
        m = found["aws-kms-key"]
        if low[m.start : m.end] == "alias" and not re.search(r"\bkms\b|\bcmk\b|\bkey\b", low):
            drop("aws-kms-key")
    # "secret" inside another blueprint's sentence ("the secret created above") is a wired reference
    if "aws-secretsmanager-secret" in found and "aws-iam-role" in found:
        secret, role = found["aws-secretsmanager-secret"], found["aws-iam-role"]
        if secret.start > role.start and re.search(r"\b(?:the|that|this)\s+secret\b", low):
            drop("aws-secretsmanager-secret")
    # "a key for the orders database": a cue inside a purpose phrase, after another mention, is what the
    # first resource is for, not a second request
    for bid, m in sorted(found.items(), key=lambda item: item[1].start)[1:]:
        if bid not in _PURPOSE_NOUNS:
            continue
        before = low[max(0, m.start - 40) : m.start]
        purpose = re.search(
            r"\bfor\s+(?:the\s+|our\s+|my\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,2}$", before
        ) and not re.search(r"\b(?:use|used|using)\s+(?:it|this|that|them)\s+for\b", before)
        named_after = re.match(r"^\s*(?:called|named|[`'\"]|[a-z0-9]+[-_][\w-]*)", low[m.end :])
        if (
            purpose
            and not named_after
            and any(o.start < m.start for o in found.values() if o is not m)
        ):
            drop(bid)
    # two cues over the same words: the longer one wins ("web application firewall" is a WAF)
    for bid, m in list(found.items()):
        for other, o in list(found.items()):
            overlap = other != bid and o.start < m.end and m.start < o.end
            if overlap and (o.end - o.start, -o.start) > (m.end - m.start, -m.start):
                drop(bid)
                break


def network_fallback(analysis: Analysis, catalog: Mapping[str, Any]) -> Mention | None:
    """ "allow 443 from 10.0.0.0/8 in vpc-..." names no blueprint: the cloud's network rule it is."""
    low = analysis.low
    has_cidr = any(f.kind in ("ipv4", "ipv6") for f in analysis.found)
    m = re.search(r"\b(?:allow|open|ingress|inbound|permit)\w*\b", low)
    if m is None and has_cidr:
        named = "|".join(re.escape(p) for p in lex.NAMED_PORTS)
        m = re.search(rf"\b(?:{named}|ports?\s+\d+)\b(?=[^.;]{{0,30}}\bfrom\b)", low)
    if not m or not (has_cidr or re.search(r"\bport\b|\b\d{2,5}\b", low)):
        return None
    clouds = hinted_clouds(low, analysis) | explicit_clouds(low)
    order = [("gcp", "gcp-firewall-rule"), ("azure", "azure-nsg"), ("aws", "aws-security-group")]
    for cloud, bid in order:
        if cloud in clouds and bid in catalog:
            return Mention(bid, m.start(), m.end())
    return None


def segments(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Split ``text`` so each mention owns the clause where it starts up to the next mention's clause."""
    starts: list[int] = []
    for i, mention in enumerate(mentions):
        if i == 0:
            starts.append(0)
            continue
        prev_cue = mentions[i - 1].end
        start = mention.start
        window = text[prev_cue : mention.start]
        delims = list(
            re.finditer(r"[,;:.()]|\band\b|\bplus\b|\bwith\b|\balso\b|\bthen\b", window, re.I)
        )
        if delims:
            start = prev_cue + delims[-1].end()
        starts.append(start)
    bounds = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        bounds.append((start, end))
    return bounds
