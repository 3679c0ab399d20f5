"""What in a request would weaken a control: the reasons behind an ``insecure_request`` notice.

Two sources: the values the user stated (a world-open CIDR, a wildcard action, zero approvals, a short
minimum password length, a long key-rotation period) and the words of the request ("make it public",
"disable encryption", "allow force pushes"). Words only count when they are not negated ("pods must not
be privileged") and not the secure wish itself ("block public access").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from palisade.providers._text import Analysis, clause_at, negated_before

_PUBLIC = re.compile(
    r"\b(?:make|set|turn|open|be|is|allow|give|expose)\b[^.;]{0,40}?\bpublic(?:ly)?\b"
    r"(?![\s-]*(?:facing|access\s+block|subnets?))"
    r"|\bpublic(?:ly)?[\s-]*(?:read(?:able)?|accessible|access|acl|url|ip)\b(?!\s+block)"
    r"|\ballusers\b|\ballauthenticatedusers\b|\banonymous\s+(?:read|access)\b"
    r"|\b(?:anyone|everyone|everybody|the\s+world)\s+(?:on\s+the\s+internet\s+)?(?:(?:can|could|to|should|must)"
    r"\s+)?(?:be\s+able\s+to\s+)?(?:read|download|access|list|see|get)"
    r"|\b(?:reachable|accessible|open|exposed)\s+(?:from|to|on)\s+(?:the\s+)?(?:public\s+)?internet\b"
    r"|\b(?:readable|accessible|downloadable|visible|listable|open)\s+(?:by|to|for)\s+(?:anyone|everyone"
    r"|everybody|all|the\s+(?:whole\s+)?(?:world|internet|public))\b",
    re.I,
)
_WEAKEN = re.compile(
    r"\b(?:disable|turn\s+off|remove|skip|without|no|drop)\s+(?:the\s+)?(?:encryption|kms|tls|ssl|https|logging|"
    r"audit(?:ing)?|mfa|deletion\s+protection|purge\s+protection|branch\s+protection|"
    r"log\s+file\s+validation|(?:key\s+)?rotation|reviews?|approvals?|soft[\s-]*delete)\b"
    r"|\bunencrypted\b|\bplain\s*text\b|\bhttp\s+only\b|\btls\s*1\.[01]\b|\bssl\s*v?[23]\b"
    r"|\b(?:allow|permit|enable)\w*\s+(?:\w+\s+){0,2}?force[\s-]*push(?:es|ing)?\b"
    r"|\bprivileged\b|\bhostpath\b|\bhost\s+network\b"
    r"|\badministratoraccess\b|\bfull\s+admin\b|\b(?:admin|root)\s+access\s+to\s+everything\b"
    r"|\b(?:never|don'?t|no)\s+expir\w*\b.{0,20}\bpasswords?\b",
    re.I,
)
_SECURE_WISH = re.compile(
    r"\b(?:block|prevent|nobody|no\s+one|never|deny|stop|disallow|forbid|not?|must\s*n'?t|cannot|can'?t|"
    r"without)\b",
    re.I,
)


def _stated(
    params: Sequence[tuple[str, Mapping[str, Any]]],
) -> list[str]:
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
        reuse = values.get("reuse_prevention")
        max_age = values.get("max_age_days")
        if (isinstance(reuse, int) and reuse < 5) or (isinstance(max_age, int) and max_age > 365):
            reasons.append("weakened")
        rotation = values.get("rotation_days")
        if bid == "gcp-kms-key" and isinstance(rotation, int) and rotation > 90:
            reasons.append("weakened")
    return reasons


def insecure_reasons(
    analysis: Analysis, params: Sequence[tuple[str, Mapping[str, Any]]]
) -> list[str]:
    """What in the request would weaken a control, in words for the notice."""
    low = analysis.low
    reasons = _stated(params)
    for m in _PUBLIC.finditer(low):
        clause = low[clause_at(low, m.start())[0] : m.end()]
        if negated_before(low, m.start(), window=40) or _SECURE_WISH.search(clause):
            continue
        reasons.append("public")
        break
    for m in _WEAKEN.finditer(low):
        if negated_before(low, m.start(), window=40):
            continue
        reasons.append("weakened")
        break
    root = re.search(r"\brun\s+as\s+root\b", low)
    if root and not negated_before(low, root.start(), window=25) and "weakened" not in reasons:
        reasons.append("weakened")
    return list(dict.fromkeys(reasons))
