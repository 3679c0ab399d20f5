"""Names in a message: the new resource's own name, and names of the things it lives in.

A new resource's name is found by an explicit marker ("named", "called", "alias"), then the word after the
blueprint's cue ("SG bastion-sg"), then a quoted token, then any identifier-looking token. Names of
containers (GCP project and network, Azure resource group, GitHub repository and branch, a destination
bucket) each have their own phrasing, in either word order ("project foo-1" or "the foo-1 project").
"""

from __future__ import annotations

import re

from palisade.providers._text import (
    _QUOTE,
    _TOKEN,
    NON_NAMES,
    Scope,
    bounded,
    is_identifier,
    is_plain_name,
    token_at,
)

# ------------------------------------------------------------------------------------------ names

_GENERIC_MARKERS = (
    r"\bnamed\b",
    r"\bcalled\b",
    r"\bname\s+it\b",
    r"\bcall\s+it\b",
    r"\bname\s*(?:is|should\s+be|will\s+be|[:=])",
    r"\bname\b",
    # "rule allow-hc-80", "group web-sg": a typed name (hyphen or digit) right after the resource noun
    r"\b(?:rule|group|sg|nsg|acl)\s+(?=[A-Za-z][\w.]*[-_\d])",
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
            rf"\b(?:the|our|a|an|in|to|for|into|on|of|per)\s+(?:new\s+|existing\s+|dedicated\s+)?"
            rf"[{_QUOTE}]?([a-z0-9][a-z0-9-]*)[{_QUOTE}]?"
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
            usual = token.lower() in (
                "default",
                "prod",
                "production",
                "dev",
                "staging",
                "shared",
                "main",
            )
            if usual or is_identifier(token) or is_plain_name(token):
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
