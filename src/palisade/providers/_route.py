"""Which blueprints a message asks for, where each one is talked about, and whether it is in scope.

Cues for the catalog's known ids are written here; a blueprint the tables do not know is found through the
``keywords`` and ``title`` of its catalog summary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from palisade.providers._extract import Analysis, bounded, clause_at, negated_before

# Strong cues per blueprint id, matched on the masked, lower-cased message.
CUES: dict[str, tuple[str, ...]] = {
    "aws-s3-private-bucket": (r"s3\s+buckets?", r"buckets?"),
    "aws-kms-key": (
        r"kms\s+keys?",
        r"cmks?",
        r"customer[\s-]*managed\s+(?:kms\s+)?keys?",
        r"alias",
    ),
    "aws-security-group": (r"security\s+groups?", r"sgs?"),
    "aws-iam-role": (r"(?:iam\s+)?roles?", r"instance\s+profiles?"),
    "aws-cloudtrail": (r"cloud\s*trails?", r"trails?"),
    "aws-guardduty": (r"guard\s*duty",),
    "aws-securityhub": (r"security\s*hub", r"sec\s*hub"),
    "aws-config-recorder": (r"aws\s+config", r"config(?:uration)?\s+recorder", r"recorder"),
    "aws-wafv2-alb": (r"wafv?2?", r"web\s+acls?"),
    "aws-vpc-flow-logs": (
        r"flow\s*-?\s*logs?",
        r"(?:capture|record|log)\w*\s+(?:the\s+|all\s+)?(?:\w+\s+)?traffic",
    ),
    "aws-secretsmanager-secret": (r"secrets?\s*manager", r"secret"),
    "aws-rds-instance": (
        r"rds",
        r"(?:postgres(?:ql)?|mysql|mariadb|pg)\s+(?:database|db|instance)s?",
        r"databases?",
    ),
    "aws-alb-https": (
        r"albs?",
        r"(?:application\s+|https\s+)?load\s*-?\s*balancers?",
    ),
    "aws-ebs-default-encryption": (r"ebs", r"volumes?(?=[^.]{0,60}encrypt)"),
    "aws-iam-password-policy": (r"(?:password|pwd|passwd)\s+policy",),
    "aws-s3-account-public-access-block": (r"bpa", r"public\s+access\s+block"),
    "azure-storage-account": (r"storage\s+(?:account|acct|acount)s?", r"blob\s+storage"),
    "azure-key-vault": (r"key\s*vaults?", r"vault"),
    "azure-nsg": (r"nsgs?", r"network\s+security\s+groups?"),
    "gcp-gcs-bucket": (r"gcs", r"google\s+cloud\s+storage", r"cloud\s+storage\s+buckets?"),
    "gcp-firewall-rule": (r"(?:vpc\s+)?firewall(?:\s+rules?)?", r"fw\s+rules?"),
    "gcp-kms-key": (r"cloud\s+kms", r"key\s*rings?", r"crypto\s*keys?"),
    "k8s-default-deny-network-policy": (
        r"network\s*polic(?:y|ies)",
        r"netpols?",
        r"default[\s-]*deny",
        r"deny\s+all\s+(?:ingress|egress|traffic)",
    ),
    "github-branch-protection": (
        r"branch\s+protection",
        r"protect\s+(?:the\s+)?(?:main|master|develop|release|trunk)\b",
        r"protect\s+(?:the\s+)?\S+\s+branch",
    ),
}

# A mention directly followed by a pasted ARN or id names an existing thing ("the app role arn:...").
_REFERENCE_AFTER = re.compile(r"^\s*(?:[:=]\s*)?(?:is\s+)?#")
_REFERENCE_BEFORE = {
    "aws-s3-private-bucket": re.compile(
        r"(?:\bto|\binto|\bexisting|\blogs?|\blogging|\bdelivery|\bdestination|\bin|\bfrom)\s+"
        r"(?:the\s+|our\s+|an?\s+|its\s+|their\s+)?(?:existing\s+|own\s+)?(?:s3\s+)?$"
    ),
}
_EXPLICIT_CLOUD = {
    "aws": r"\baws\b|\bamazon\b",
    "azure": r"\bazure\b|\bmicrosoft\b",
    "gcp": r"\bgcp\b|\bgoogle\b|\bgce\b|\bgke\b",
}
_CLOUD_HINTS = {
    "aws": r"\baws\b|\bamazon\b|\bs3\b|\bec2\b|\biam\b|\blambda\b|\bcloudwatch\b",
    "azure": r"\bazure\b|\bmicrosoft\b|\brg-|\bresource\s+group\b|\bblob\b|\baks\b",
    "gcp": r"\bgcp\b|\bgoogle\b|\bgcs\b|\bgce\b|\bgke\b|\bproject\s+[a-z][\w-]*[\d-]",
}
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+)?(?:previous\s+|prior\s+|"
    r"above\s+|earlier\s+|preceding\s+|system\s+)?(?:instructions|prompts?|directives|guidelines)\b"
    r"|\bsystem\s+prompt\b|\bjailbreak\b|\bdeveloper\s+mode\b|\byou\s+are\s+now\b|\bDAN\b",
    re.I,
)
_NON_INFRA = re.compile(
    r"\b(?:poem|haiku|joke|story|song|limerick|essay|recipe|lyrics)\b"
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


@dataclass(frozen=True, slots=True)
class Mention:
    blueprint: str
    start: int  # where the cue was written
    end: int


def explicit_clouds(low: str) -> set[str]:
    return {c for c, p in _EXPLICIT_CLOUD.items() if re.search(p, low)}


def hinted_clouds(low: str) -> set[str]:
    return {c for c, p in _CLOUD_HINTS.items() if re.search(p, low)}


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


def _first_cue(analysis: Analysis, patterns: Sequence[str], blueprint: str) -> Mention | None:
    low = analysis.low
    arn_starts = {f.start for f in analysis.found if f.kind == "arn"}
    for pattern in patterns:
        for m in re.finditer(bounded(pattern), low):
            after = _REFERENCE_AFTER.match(low[m.end() :])
            if after and m.end() + after.end() - 1 in arn_starts:
                continue
            before = _REFERENCE_BEFORE.get(blueprint)
            if before and before.search(low[max(0, m.start() - 40) : m.start()]):
                continue
            return Mention(blueprint, m.start(), m.end())
    return None


def _keyword_mention(low: str, summary: Mapping[str, Any]) -> Mention | None:
    words = [str(k).lower() for k in summary.get("keywords") or []]
    title = str(summary.get("title") or "").lower()
    if title:
        words.append(title)
    best: Mention | None = None
    for word in words:
        if len(word) < 4:
            continue
        m = re.search(bounded(re.escape(word)), low)
        if m and (best is None or m.start() < best.start):
            best = Mention(str(summary["id"]), m.start(), m.end())
    return best


def detect(analysis: Analysis, catalog: Mapping[str, Mapping[str, Any]]) -> list[Mention]:
    """Blueprints the message asks for, ordered by where they are mentioned."""
    low = analysis.low
    found: dict[str, Mention] = {}
    for bid, summary in catalog.items():
        patterns = CUES.get(bid)
        mention = (
            _first_cue(analysis, patterns, bid) if patterns else _keyword_mention(low, summary)
        )
        if mention:
            found[bid] = mention
    _special_cases(analysis, found, catalog)
    _resolve(analysis, found)
    return sorted(found.values(), key=lambda m: m.start)


def _special_cases(
    analysis: Analysis, found: dict[str, Mention], catalog: Mapping[str, Mapping[str, Any]]
) -> None:
    low = analysis.low
    # account-wide S3 public access block: "block/disable public access ... account"
    bpa = "aws-s3-account-public-access-block"
    if bpa in catalog and bpa not in found:
        m = re.search(r"\bpublic\b", low)
        if (
            m
            and re.search(r"\baccount\b|\baccount[\s-]*(?:wide|level)", low)
            and re.search(r"\b(?:block|disable|prevent|nobody|no\s+one|never|deny|restrict)", low)
        ):
            found[bpa] = Mention(bpa, m.start(), m.end())
    # a restricted namespace: a namespace plus pod security words, or a new namespace on its own
    ns = "k8s-namespace-restricted"
    if ns in catalog:
        m = re.search(r"\bnamespace\b|\bns\b", low)
        psa = re.search(
            r"\brestricted\b|pod\s+security|\bpsa\b|\bpss\b|\bprivileged\b|\bbaseline\b", low
        )
        new_ns = re.search(
            r"\b(?:new|create|add)\s+(?:a\s+)?(?:k8s\s+|kubernetes\s+)?(?:namespace|ns)\b", low
        )
        netpol = "k8s-default-deny-network-policy" in found
        if m and (psa or (new_ns and not netpol)):
            found[ns] = Mention(ns, m.start(), m.end())
    # branch protection from review words plus a repository-ish context
    gh = "github-branch-protection"
    if gh in catalog and gh not in found:
        m = re.search(
            r"\bapprovals?\b|\bcode\s*owners?\b|\bsigned\s+commits?\b|\bforce[\s-]*push", low
        )
        if m and re.search(r"\brepo|\bbranch|\bmain\b|\bmaster\b|\bgithub\b|\bmerge", low):
            found[gh] = Mention(gh, m.start(), m.end())
    # GCP KMS from "kms" with a GCP context
    gk = "gcp-kms-key"
    if gk in catalog and gk not in found and "gcp" in hinted_clouds(low):
        m = re.search(r"\bkms\b|\bcmek\b", low)
        if m and not re.search(r"\bbucket\b", low):
            found[gk] = Mention(gk, m.start(), m.end())


def _resolve(analysis: Analysis, found: dict[str, Mention]) -> None:
    low = analysis.low
    explicit = explicit_clouds(low)
    hinted = hinted_clouds(low)
    cloud_of = {bid: bid.split("-", 1)[0] for bid in found}

    def drop(bid: str) -> None:
        found.pop(bid, None)

    # a bucket in a GCP context is a GCS bucket
    if "aws-s3-private-bucket" in found and "gcp" in hinted and not re.search(r"\bs3\b", low):
        m = found.pop("aws-s3-private-bucket")
        found.setdefault("gcp-gcs-bucket", Mention("gcp-gcs-bucket", m.start, m.end))
    if "gcp-gcs-bucket" in found and not re.search(r"\bs3\b", low):
        drop("aws-s3-private-bucket")
    if "gcp-kms-key" in found and "aws" not in explicit:
        drop("aws-kms-key")
    if "azure-nsg" in found:
        drop("aws-security-group")
    if "azure-key-vault" in found and not re.search(r"\bkms\b|\bcmk\b", low):
        drop("aws-kms-key")
    if "aws-s3-account-public-access-block" in found and not re.search(
        r"\b(?:new|create)\b[^.]{0,30}\bbucket\b", low
    ):
        drop("aws-s3-private-bucket")
    if "k8s-namespace-restricted" in found and "k8s-default-deny-network-policy" in found:
        ns, dd = found["k8s-namespace-restricted"], found["k8s-default-deny-network-policy"]
        if ns.start > dd.start and not re.search(
            r"\bnew\s+namespace|\bcreate\s+(?:a\s+)?namespace", low
        ):
            drop("k8s-namespace-restricted")
    # weak cues need the right cloud around them
    weak_needs = {
        "azure-key-vault": ("azure", r"key\s*vault"),
        "aws-rds-instance": ("aws", r"\brds\b|postgres|mysql|mariadb|\bpg\b"),
        "gcp-firewall-rule": ("gcp", r"firewall\s+rule|fw\s+rule|\bgcp\b|\bgce\b"),
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
        if re.match(r"^\s*(?:arn|#)", low[m.end :]) or re.search(
            r"\b(?:admin|admins|key)\s*$", low[max(0, m.start - 12) : m.start]
        ):
            drop("aws-iam-role")
    # flow logs inferred from "capture traffic" need a VPC
    if "aws-vpc-flow-logs" in found and not re.search(r"flow\s*-?\s*logs?", low):
        if not re.search(r"\bvpc\b", low) and not any(f.kind == "vpc_id" for f in analysis.found):
            drop("aws-vpc-flow-logs")
    # a volume without EBS context is only EBS encryption with "encrypt" nearby
    if "aws-kms-key" in found and found["aws-kms-key"].end - found["aws-kms-key"].start <= 5:
        # the bare word "alias" only counts when an AWS key is otherwise in sight
        if low[found["aws-kms-key"].start : found["aws-kms-key"].end] == "alias" and not re.search(
            r"\bkms\b|\bcmk\b|\bkey\b", low
        ):
            drop("aws-kms-key")


def network_fallback(analysis: Analysis, catalog: Mapping[str, Any]) -> Mention | None:
    """ "allow 443 from 10.0.0.0/8 in vpc-..." names no blueprint: the cloud's network rule it is."""
    low = analysis.low
    has_cidr = any(f.kind in ("ipv4", "ipv6") for f in analysis.found)
    m = re.search(r"\b(?:allow|open|ingress|inbound)\w*\b", low)
    if not m or not (has_cidr or re.search(r"\bport\b|\b\d{2,5}\b", low)):
        return None
    clouds = hinted_clouds(low) | explicit_clouds(low)
    if any(f.kind == "vpc_id" for f in analysis.found):
        clouds.add("aws")
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


# --------------------------------------------------------------------------------------- insecurity

_PUBLIC = re.compile(
    r"\b(?:make|set|turn|open|be|is|allow|give|expose)\b[^.;]{0,40}?\bpublic(?:ly)?\b(?![\s-]*(?:facing|access\s+block))"
    r"|\bpublic(?:ly)?[\s-]*(?:read(?:able)?|accessible|access|acl|url|ip)\b"
    r"|\ballusers\b|\ballauthenticatedusers\b|\banonymous\s+(?:read|access)\b"
    r"|\b(?:anyone|everyone)\s+(?:on\s+the\s+internet\s+)?(?:can|to)\s+(?:read|download|access)",
    re.I,
)
_WEAKEN = re.compile(
    r"\b(?:disable|turn\s+off|remove|skip|without|no)\s+(?:the\s+)?(?:encryption|kms|tls|ssl|https|logging|"
    r"audit(?:ing)?|mfa|deletion\s+protection|purge\s+protection|versioning|branch\s+protection|"
    r"log\s+file\s+validation|rotation|reviews?)\b"
    r"|\bunencrypted\b|\bplain\s*text\b|\bhttp\s+only\b|\btls\s*1\.[01]\b|\bssl\s*v?[23]\b"
    r"|\bforce[\s-]*push(?:es|ing)?\b|\bprivileged\b|\bhostpath\b|\bhost\s+network\b"
    r"|\badministratoraccess\b|\bfull\s+admin\b|\b(?:admin|root)\s+access\s+to\s+everything\b",
    re.I,
)


def insecure_reasons(
    analysis: Analysis, params: Sequence[tuple[str, Mapping[str, Any]]]
) -> list[str]:
    """What in the request would weaken a control, in words for the notice."""
    low = analysis.low
    reasons: list[str] = []
    for bid, values in params:
        world = [c for c in values.get("cidrs") or [] if c in ("0.0.0.0/0", "::/0")]
        if world and bid != "aws-alb-https":
            reasons.append("world-open")
        if any("*" in a for a in values.get("actions") or []) or "*" in (
            values.get("resource_arns") or []
        ):
            reasons.append("wildcard")
        if values.get("required_approvals") == 0:
            reasons.append("no-reviews")
        min_length = values.get("min_length")
        if isinstance(min_length, int) and min_length < 14:
            reasons.append("weak-password")
    m = _PUBLIC.search(low)
    if (
        m
        and not negated_before(low, m.start(), window=40)
        and not re.search(
            r"\b(?:block|prevent|nobody|no\s+one|never)\b",
            low[clause_at(low, m.start())[0] : m.end()],
        )
    ):
        reasons.append("public")
    m = _WEAKEN.search(low)
    if m:
        reasons.append("weakened")
    m = re.search(r"\brun\s+as\s+root\b", low)
    if m and not negated_before(low, m.start(), window=25) and "weakened" not in reasons:
        reasons.append("weakened")
    return list(dict.fromkeys(reasons))
