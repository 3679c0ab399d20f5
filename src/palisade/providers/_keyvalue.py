"""``key: value`` and ``key=value`` pairs, as in tickets, forms and chat shorthand.

"bucket: acme-ci-cache / versioning: off / retention: 2 weeks" or "role_name=etl service=ec2 access=read"
state each value right after the parameter it belongs to. ``pairs`` finds them once per message (on the
masked text, so the colons inside ARNs are never keys) and ``param_for_key`` maps a key to the catalog
parameter it names: the parameter's own name, its name without a generic suffix (``retention`` for
``retention_days``), or a common alias (``class``, ``dest``, ``rg``). The value span is then read by the
parameter's ordinary extractor, so "retention: 2 weeks" still becomes 14.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Aliases people write as keys, to the parameters they may mean, in order of preference.
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "name": (
        "name",
        "bucket_name",
        "alias",
        "role_name",
        "trail_name",
        "acl_name",
        "secret_name",
        "identifier",
        "key_name",
        "namespace",
    ),
    "bucket": ("bucket_name",),
    "role": ("role_name",),
    "trail": ("trail_name",),
    "acl": ("acl_name",),
    "waf": ("acl_name", "waf_acl_arn"),
    "secret": ("secret_name",),
    "id": ("identifier",),
    "db": ("identifier",),
    "ring": ("key_ring",),
    "keyring": ("key_ring",),
    "key": ("key_name", "kms_key_arn"),
    "kms": ("kms_key_arn", "kms_key_name"),
    "cmek": ("kms_key_name",),
    "ns": ("namespace",),
    "sg": ("name",),
    "nsg": ("name",),
    "vault": ("name",),
    "kv": ("name",),
    "account": ("name",),
    "storage_account": ("name",),
    "class": ("instance_class",),
    "size": ("instance_class",),
    "backups": ("backup_retention_days",),
    "backup": ("backup_retention_days",),
    "retention": ("retention_days", "backup_retention_days", "soft_delete_retention_days"),
    "keep": ("retention_days",),
    "rotation": ("rotation_days",),
    "rotate": ("rotation_days",),
    "dest": ("destination",),
    "traffic": ("traffic_type",),
    "access": ("access_level",),
    "resources": ("resource_arns",),
    "resource": ("resource_arns",),
    "alb": ("alb_arn",),
    "lb": ("alb_arn",),
    "cert": ("certificate_arn",),
    "certificate": ("certificate_arn",),
    "acm": ("certificate_arn",),
    "vpc": ("vpc_id", "network"),
    "subnets": ("subnet_ids",),
    "subnet": ("subnet_ids", "private_endpoint_subnet_id"),
    "rg": ("resource_group",),
    "location": ("location", "region"),
    "region": ("region", "location"),
    "port": ("ports",),
    "sources": ("cidrs",),
    "source": ("cidrs",),
    "cidr": ("cidrs",),
    "from": ("cidrs",),
    "allow": ("cidrs",),
    "approvals": ("required_approvals",),
    "reviews": ("required_approvals",),
    "reviewers": ("required_approvals",),
    "repo": ("repository",),
    "countries": ("blocked_countries",),
    "geo_block": ("blocked_countries",),
    "rate": ("rate_limit",),
    "min": ("min_length",),
    "max_age": ("max_age_days",),
    "reuse": ("reuse_prevention",),
    "ha": ("multi_az",),
    "multiaz": ("multi_az",),
    "project_id": ("project",),
    "email": ("alert_email",),
    "alerts": ("alert_email",),
    "frequency": ("finding_frequency",),
    "tags": ("target_tags",),
    "replication": ("replication",),
    "sku": ("replication",),
    "desc": ("description",),
    "code_owners": ("require_code_owner_reviews",),
    "codeowners": ("require_code_owner_reviews",),
    "signed": ("require_signed_commits",),
}
_GENERIC_SUFFIXES = ("_days", "_name", "_arn", "_arns", "_id", "_ids", "_level", "_type")

_KEY = r"[A-Za-z][A-Za-z0-9_-]*(?:[ \t][A-Za-z][A-Za-z0-9_-]*){0,2}"
_PAIR = re.compile(rf"(?:^|(?<=[\s,;|(\[{{]))({_KEY})[ \t]*(?:=|:(?!:))[ \t]*(?=\S)", re.M)


@dataclass(frozen=True, slots=True)
class Pair:
    key: str  # normalised: lower case, words joined by "_"
    start: int  # where the value starts
    end: int  # where the value ends (before the next key, a newline, "|" or ";")


def _normalise(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def pairs(masked: str) -> list[Pair]:
    """Every ``key: value`` / ``key=value`` pair in ``masked`` (a message with its ids masked)."""
    found = list(_PAIR.finditer(masked))
    out: list[Pair] = []
    for i, m in enumerate(found):
        limit = found[i + 1].start() if i + 1 < len(found) else len(masked)
        stop = re.compile(r"[\n|;]").search(masked, m.end(), limit)
        end = stop.start() if stop else limit
        value = masked[m.end() : end].rstrip(" \t,.")
        # a key is words, not values: in "bucket analytics-landing-zone: ..." or "WAFv2 acl_name=x" only
        # the words after the last value-like one can be the key
        words = m.group(1).split()
        while words and any(re.search(r"\d|-.*-", word) for word in words):
            words = words[1:]
        if value and words:
            out.append(Pair(_normalise(" ".join(words)), m.end(), m.end() + len(value)))
    return out


def param_for_key(key: str, params: list[str]) -> str | None:
    """The parameter of ``params`` that ``key`` names, or ``None``."""
    words = key.split("_")
    # the whole key, then shorter tails of it ("days multi_az" -> "multi_az", "az")
    for tail in ("_".join(words[i:]) for i in range(len(words))):
        candidates = [tail, *(tail[: -len(s)] for s in _GENERIC_SUFFIXES if tail.endswith(s))]
        for candidate in candidates:
            if candidate in params:
                return candidate
            for param in params:
                if any(param == candidate + s for s in _GENERIC_SUFFIXES):
                    return param
                if "_" in candidate and param.endswith("_" + candidate):  # "signed_commits"
                    return param
        for param in ALIASES.get(tail, ()):
            if param in params:
                return param
    for param in ALIASES.get(words[0], ()):
        if param in params:
            return param
    return None


ON: Final = re.compile(
    r"^\s*(?:on|yes|y|true|enabled?|required|requires?|please|needed|wanted|1)\b", re.I
)
OFF: Final = re.compile(
    r"^\s*(?:off|no|n|false|disabled?|none|not\s+(?:needed|required)|skip|0)\b", re.I
)
