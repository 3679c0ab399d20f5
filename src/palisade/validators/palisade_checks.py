"""Palisade's own checks for what Checkov does not see (measured gaps, see docs on IaC validation).

Terraform is parsed with ``hcl2`` (the parser Checkov ships); policies are read from ``jsonencode(...)``,
JSON heredocs and ``aws_iam_policy_document`` data sources. Every applicable check reports a finding, passed or
failed, so ``passed_count`` is meaningful.
"""

from __future__ import annotations

import ast
import ipaddress
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import yaml

from palisade.errors import UnparseableFileError
from palisade.files import RenderedFiles
from palisade.validators.base import CheckResult, Finding, Severity, ValidationReport

__all__ = ["CHECKS", "PalisadeCheck", "PalisadeChecksValidator"]


@dataclass(frozen=True, slots=True)
class PalisadeCheck:
    id: str
    severity: Severity
    message: str
    fix: str


CHECKS: Mapping[str, PalisadeCheck] = {
    c.id: c
    for c in (
        PalisadeCheck(
            "PAL_S3_TLS_ONLY",
            "high",
            "S3 bucket has no bucket policy denying requests without TLS (aws:SecureTransport = false)",
            'Add an aws_s3_bucket_policy with a Deny statement for Principal "*", Action "s3:*" on the bucket '
            'and its objects, with Condition Bool aws:SecureTransport = "false".',
        ),
        PalisadeCheck(
            "PAL_WORLD_INGRESS",
            "high",
            "Security group ingress is open to the whole internet (0.0.0.0/0 or ::/0)",
            "Allow only the source networks that need access (office/VPN or VPC CIDRs); put public web services "
            "behind an HTTPS load balancer (aws-alb-https) and use SSM Session Manager instead of open SSH/RDP.",
        ),
        PalisadeCheck(
            "PAL_WORLD_EGRESS_ALL",
            "medium",
            "Security group egress allows all protocols and ports to the whole internet",
            "Allow only the protocols, ports and destinations the workload needs, e.g. tcp/443 to the VPC CIDR "
            "or to VPC endpoints.",
        ),
        PalisadeCheck(
            "PAL_IAM_WILDCARD_ACTION",
            "high",
            'IAM policy allows every action ("*" or "service:*") or uses NotAction in an Allow statement',
            "List only the actions the workload calls, e.g. s3:GetObject instead of s3:*.",
        ),
        PalisadeCheck(
            "PAL_IAM_WILDCARD_PRINCIPAL",
            "critical",
            'Trust policy lets any AWS principal ("*") assume the role, whatever its conditions',
            'Trust a named service (Principal Service = "lambda.amazonaws.com") or specific account/role ARNs.',
        ),
        PalisadeCheck(
            "PAL_KMS_ROTATION",
            "medium",
            "KMS key does not have automatic key rotation enabled",
            "Set enable_key_rotation = true on the aws_kms_key.",
        ),
        PalisadeCheck(
            "PAL_K8S_DEFAULT_DENY",
            "high",
            "NetworkPolicy selecting every pod no longer denies by default (it allows ingress or egress "
            "beyond DNS, or does not cover both directions)",
            "Keep a policy with podSelector: {}, policyTypes [Ingress, Egress] and no ingress rules; allow "
            "egress only to kube-dns on port 53; add narrow allow policies separately.",
        ),
        PalisadeCheck(
            "PAL_K8S_PSA_RESTRICTED",
            "high",
            'Namespace does not enforce the Pod Security Admission level "restricted"',
            "Label the namespace pod-security.kubernetes.io/enforce: restricted.",
        ),
    )
}

_ASSUME_ACTIONS = re.compile(r"^sts:(AssumeRole[A-Za-z]*|\*)$|^\*$", re.IGNORECASE)
_POLICY_ATTRIBUTES = ("policy", "assume_role_policy")
_BUCKET_REF = re.compile(r"^\$\{aws_s3_bucket\.([A-Za-z0-9_-]+)\.(id|bucket|arn)\}$")
_DOC_REF = re.compile(r"^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$")


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # "resource" or "data"
    type: str
    name: str
    body: Mapping[str, Any]
    file: str

    @property
    def address(self) -> str:
        prefix = "data." if self.kind == "data" else ""
        return f"{prefix}{self.type}.{self.name}"

    @property
    def line(self) -> int | None:
        line = self.body.get("__start_line__")
        return int(line) if isinstance(line, int) else None

    @property
    def end_line(self) -> int | None:
        line = self.body.get("__end_line__")
        return int(line) if isinstance(line, int) else None


class PalisadeChecksValidator:
    """Checks that Checkov misses: TLS-only S3, world-open security groups, IAM wildcards, KMS rotation."""

    name: ClassVar[str] = "palisade"

    def validate(self, files: RenderedFiles) -> ValidationReport:
        blocks: list[_Block] = []
        manifests: list[tuple[str, dict[str, Any]]] = []
        for path, text in files.items():
            if path.endswith(".tf"):
                blocks.extend(_parse_terraform(path, text))
            elif path.endswith((".yaml", ".yml")):
                manifests.extend((path, doc) for doc in _parse_yaml(path, text))
        findings: list[Finding] = []
        findings.extend(_check_s3_tls(blocks))
        findings.extend(_check_security_groups(blocks))
        findings.extend(_check_iam(blocks))
        findings.extend(_check_kms(blocks))
        findings.extend(_check_namespaces(manifests))
        findings.extend(_check_network_policies(manifests))
        skips = _skip_annotations(files, blocks)
        return ValidationReport(
            validator=self.name, findings=tuple(_apply_skips(f, skips) for f in findings)
        )


# --- explicit exceptions -----------------------------------------------------------------------------
# ``# palisade:skip=PAL_ID:<reason>`` inside a resource block turns that check's result for the block into
# "skipped" with the reason, like Checkov's in-file skips. Reasons are required, and skips are reported
# (and shown in pull requests), never silent. Blueprints emit them only where the user explicitly asked for
# the exception (e.g. an internet-facing load balancer).
_SKIP = re.compile(r"#\s*palisade:skip=(PAL_[A-Z0-9_]+):(.{10,})$")


def _skip_annotations(
    files: RenderedFiles, blocks: list[_Block]
) -> dict[tuple[str, str, str], str]:
    skips: dict[tuple[str, str, str], str] = {}
    for block in blocks:
        start, end = block.line, block.end_line
        if start is None or end is None:
            continue
        for line in files[block.file].splitlines()[start - 1 : end]:
            match = _SKIP.search(line.strip())
            if match:
                skips[(block.file, block.address, match.group(1))] = match.group(2).strip()
    return skips


def _apply_skips(finding: Finding, skips: dict[tuple[str, str, str], str]) -> Finding:
    reason = skips.get((finding.file, finding.resource, finding.check_id))
    if reason is None:
        return finding
    return replace(
        finding, result="skipped", reason=reason, fix="", message=CHECKS[finding.check_id].message
    )


# --- parsing -----------------------------------------------------------------------------------------


def _parse_terraform(path: str, text: str) -> list[_Block]:
    from hcl2.api import loads

    try:
        parsed = loads(text)
    except Exception as exc:  # lark raises several unrelated exception types
        raise UnparseableFileError(
            path, str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        ) from exc
    blocks: list[_Block] = []
    for kind in ("resource", "data"):
        for group in parsed.get(kind, []) or []:
            for rtype, named in group.items():
                for rname, body in named.items():
                    if isinstance(body, dict):
                        blocks.append(_Block(kind, rtype, rname, body, path))
    return blocks


def _parse_yaml(path: str, text: str) -> list[dict[str, Any]]:
    try:
        docs = list(yaml.safe_load_all(text))
    except yaml.YAMLError as exc:
        raise UnparseableFileError(path, str(exc).splitlines()[0]) from exc
    return [d for d in docs if isinstance(d, dict)]


def _attr(body: Mapping[str, Any], key: str) -> Any:
    """An attribute value (hcl2 wraps each in a one-element list)."""
    value = body.get(key)
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def _blocks(body: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = body.get(key) or []
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        flat: list[Any] = []
        for item in value:
            flat.extend(item if isinstance(item, list) else [item])
        return flat
    return [value]


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


@dataclass(frozen=True, slots=True)
class _Statement:
    effect: str
    actions: tuple[str, ...]
    not_actions: bool
    principals: tuple[tuple[str, str], ...]  # (type, identifier); type "*" for Principal "*"
    conditions: tuple[tuple[str, str, tuple[str, ...]], ...]  # (test, variable, values)


def _json_statements(document: Mapping[str, Any]) -> list[_Statement]:
    raw = document.get("Statement", [])
    statements = raw if isinstance(raw, list) else [raw]
    out: list[_Statement] = []
    for st in statements:
        if not isinstance(st, dict):
            continue
        principals: list[tuple[str, str]] = []
        principal = st.get("Principal")
        if principal == "*":
            principals.append(("*", "*"))
        elif isinstance(principal, dict):
            for ptype, ids in principal.items():
                principals.extend((str(ptype), str(i)) for i in _as_list(ids))
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
                                tuple(str(v).lower() for v in _as_list(values)),
                            )
                        )
        out.append(
            _Statement(
                effect=str(st.get("Effect", "Allow")),
                actions=tuple(str(a) for a in _as_list(st.get("Action", st.get("NotAction")))),
                not_actions="NotAction" in st,
                principals=tuple(principals),
                conditions=tuple(conditions),
            )
        )
    return out


def _document_statements(body: Mapping[str, Any]) -> list[_Statement]:
    """Statements of a ``data "aws_iam_policy_document"`` block."""
    out: list[_Statement] = []
    for st in _blocks(body, "statement"):
        principals = [
            (str(_attr(p, "type")), str(i))
            for p in _blocks(st, "principals")
            for i in _as_list(_attr(p, "identifiers"))
        ]
        conditions = [
            (
                str(_attr(c, "test")),
                str(_attr(c, "variable")),
                tuple(str(v).lower() for v in _as_list(_attr(c, "values"))),
            )
            for c in _blocks(st, "condition")
        ]
        not_actions = _as_list(_attr(st, "not_actions"))
        out.append(
            _Statement(
                effect=str(_attr(st, "effect") or "Allow"),
                actions=tuple(str(a) for a in (_as_list(_attr(st, "actions")) or not_actions)),
                not_actions=bool(not_actions),
                principals=tuple(principals),
                conditions=tuple(conditions),
            )
        )
    return out


def _documents(blocks: list[_Block]) -> dict[str, list[_Statement]]:
    return {
        b.name: _document_statements(b.body) for b in blocks if b.type == "aws_iam_policy_document"
    }


def _policy_statements(
    value: Any, documents: Mapping[str, list[_Statement]]
) -> list[_Statement] | None:
    """Statements of a policy attribute: inline JSON/jsonencode or a policy-document reference."""
    if isinstance(value, str):
        ref = _DOC_REF.match(value.strip())
        if ref:
            return documents.get(ref.group(1))
    document = _policy_document(value)
    return _json_statements(document) if document is not None else None


def _finding(check_id: str, result: CheckResult, block: _Block, detail: str = "") -> Finding:
    check = CHECKS[check_id]
    return Finding(
        check_id=check_id,
        result=result,
        resource=block.address,
        file=block.file,
        message=f"{check.message}: {detail}" if detail and result == "failed" else check.message,
        severity=check.severity,
        line=block.line,
        fix=check.fix if result == "failed" else "",
        validator=PalisadeChecksValidator.name,
    )


# --- checks ------------------------------------------------------------------------------------------


def _denies_plain_http(statement: _Statement) -> bool:
    return (
        statement.effect.lower() == "deny"
        and any(a in ("*", "s3:*") for a in statement.actions)
        and any(ident == "*" for _, ident in statement.principals)
        and any(
            test.lower() == "bool" and var.lower() == "aws:securetransport" and "false" in values
            for test, var, values in statement.conditions
        )
    )


def _check_s3_tls(blocks: list[_Block]) -> Iterator[Finding]:
    documents = _documents(blocks)
    buckets = [b for b in blocks if b.kind == "resource" and b.type == "aws_s3_bucket"]
    tls_only: set[str] = set()  # bucket resource names and literal bucket names
    for block in blocks:
        if block.kind != "resource":
            continue
        if block.type == "aws_s3_bucket_policy":
            target = _attr(block.body, "bucket")
        elif block.type == "aws_s3_bucket":
            target = f"${{aws_s3_bucket.{block.name}.id}}"
        else:
            continue
        statements = _policy_statements(_attr(block.body, "policy"), documents) or []
        if any(_denies_plain_http(s) for s in statements) and isinstance(target, str):
            ref = _BUCKET_REF.match(target)
            tls_only.add(ref.group(1) if ref else f"literal:{target}")
    for bucket in buckets:
        literal = _attr(bucket.body, "bucket")
        ok = bucket.name in tls_only or (
            isinstance(literal, str) and f"literal:{literal}" in tls_only
        )
        yield _finding("PAL_S3_TLS_ONLY", "passed" if ok else "failed", bucket)


def _is_world(cidr: Any) -> bool:
    try:
        return ipaddress.ip_network(str(cidr).strip(), strict=False).prefixlen == 0
    except ValueError:
        return False


def _all_protocols(protocol: Any) -> bool:
    return str(protocol).strip().lower() in ("-1", "all")


def _world_cidrs(body: Mapping[str, Any]) -> list[str]:
    cidrs = _as_list(_attr(body, "cidr_blocks")) + _as_list(_attr(body, "ipv6_cidr_blocks"))
    cidrs += [c for c in (_attr(body, "cidr_ipv4"), _attr(body, "cidr_ipv6")) if c is not None]
    return [str(c) for c in cidrs if _is_world(c)]


def _check_security_groups(blocks: list[_Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource":
            continue
        ingress: list[Mapping[str, Any]] = []
        egress: list[Mapping[str, Any]] = []
        if block.type == "aws_security_group":
            ingress, egress = _blocks(block.body, "ingress"), _blocks(block.body, "egress")
        elif block.type == "aws_vpc_security_group_ingress_rule":
            ingress = [block.body]
        elif block.type == "aws_vpc_security_group_egress_rule":
            egress = [block.body]
        elif block.type == "aws_security_group_rule":
            kind = str(_attr(block.body, "type")).lower()
            ingress, egress = ([block.body], []) if kind == "ingress" else ([], [block.body])
        else:
            continue
        if ingress:
            open_in = sorted({c for rule in ingress for c in _world_cidrs(rule)})
            detail = f"from {', '.join(open_in)}" if open_in else ""
            yield _finding("PAL_WORLD_INGRESS", "failed" if open_in else "passed", block, detail)
        if egress:
            open_out = sorted(
                {
                    c
                    for rule in egress
                    if _all_protocols(_attr(rule, "ip_protocol") or _attr(rule, "protocol"))
                    for c in _world_cidrs(rule)
                }
            )
            detail = f"to {', '.join(open_out)}" if open_out else ""
            yield _finding(
                "PAL_WORLD_EGRESS_ALL", "failed" if open_out else "passed", block, detail
            )


def _wildcard_actions(statements: list[_Statement]) -> list[str]:
    bad: list[str] = []
    for st in statements:
        if st.effect.lower() != "allow":
            continue
        if st.not_actions:
            bad.append("NotAction")
        bad.extend(a for a in st.actions if a.strip() == "*" or a.strip().endswith(":*"))
    return bad


def _check_iam(blocks: list[_Block]) -> Iterator[Finding]:
    documents = _documents(blocks)
    trust_documents: set[str] = set()
    for block in blocks:
        if block.kind == "resource" and block.type == "aws_iam_role":
            trust = _attr(block.body, "assume_role_policy")
            ref = _DOC_REF.match(trust.strip()) if isinstance(trust, str) else None
            if ref:
                trust_documents.add(ref.group(1))
    for block in blocks:
        if block.kind == "data" and block.type == "aws_iam_policy_document":
            statements = documents.get(block.name, [])
            is_trust = block.name in trust_documents or any(
                st.effect.lower() == "allow" and any(_ASSUME_ACTIONS.match(a) for a in st.actions)
                for st in statements
            )
            yield from _iam_findings(block, statements, trust=is_trust)
            continue
        if block.kind != "resource":
            continue
        for attribute in _POLICY_ATTRIBUTES:
            value = _attr(block.body, attribute)
            if value is None or (isinstance(value, str) and _DOC_REF.match(value.strip())):
                continue  # the referenced document is checked as a data source
            found = _policy_statements(value, documents)
            if found is not None:
                yield from _iam_findings(block, found, trust=attribute == "assume_role_policy")
        for inline in _blocks(block.body, "inline_policy"):
            found = _policy_statements(_attr(inline, "policy"), documents)
            if found is not None:
                yield from _iam_findings(block, found, trust=False)


def _iam_findings(block: _Block, statements: list[_Statement], *, trust: bool) -> Iterator[Finding]:
    if trust:
        anyone = [
            st
            for st in statements
            if st.effect.lower() == "allow" and any(ident == "*" for _, ident in st.principals)
        ]
        yield _finding(
            "PAL_IAM_WILDCARD_PRINCIPAL",
            "failed" if anyone else "passed",
            block,
            'Principal "*" may assume the role' if anyone else "",
        )
    else:
        bad = _wildcard_actions(statements)
        yield _finding(
            "PAL_IAM_WILDCARD_ACTION",
            "failed" if bad else "passed",
            block,
            f"allows {', '.join(sorted(set(bad)))}" if bad else "",
        )


def _check_kms(blocks: list[_Block]) -> Iterator[Finding]:
    for block in blocks:
        if block.kind != "resource" or block.type != "aws_kms_key":
            continue
        spec = str(_attr(block.body, "customer_master_key_spec") or "SYMMETRIC_DEFAULT")
        if spec != "SYMMETRIC_DEFAULT":
            yield Finding(
                check_id="PAL_KMS_ROTATION",
                result="skipped",
                resource=block.address,
                file=block.file,
                message=CHECKS["PAL_KMS_ROTATION"].message,
                severity=CHECKS["PAL_KMS_ROTATION"].severity,
                line=block.line,
                reason=f"automatic rotation is not supported for {spec} keys",
                validator=PalisadeChecksValidator.name,
            )
            continue
        rotation = _attr(block.body, "enable_key_rotation")
        ok = rotation is True or str(rotation).lower() == "true"
        yield _finding("PAL_KMS_ROTATION", "passed" if ok else "failed", block)


def _check_namespaces(manifests: list[tuple[str, dict[str, Any]]]) -> Iterator[Finding]:
    for path, doc in manifests:
        if doc.get("kind") != "Namespace":
            continue
        metadata = doc.get("metadata") or {}
        labels = metadata.get("labels") or {} if isinstance(metadata, dict) else {}
        name = metadata.get("name", "") if isinstance(metadata, dict) else ""
        ok = (
            isinstance(labels, dict)
            and labels.get("pod-security.kubernetes.io/enforce") == "restricted"
        )
        check = CHECKS["PAL_K8S_PSA_RESTRICTED"]
        yield Finding(
            check_id=check.id,
            result="passed" if ok else "failed",
            resource=f"Namespace.{name}",
            file=path,
            message=check.message,
            severity=check.severity,
            fix=check.fix if not ok else "",
            validator=PalisadeChecksValidator.name,
        )


def _is_dns_only(rule: Any) -> bool:
    """An egress rule that only opens port 53 (to anything: the DNS exception)."""
    if not isinstance(rule, dict):
        return False
    ports = rule.get("ports") or []
    return bool(ports) and all(isinstance(p, dict) and str(p.get("port")) == "53" for p in ports)


def _check_network_policies(manifests: list[tuple[str, dict[str, Any]]]) -> Iterator[Finding]:
    """Policies add up, so judge per namespace the union of the policies that select every pod: both
    directions must be covered, no ingress allowed, egress only to DNS."""
    check = CHECKS["PAL_K8S_DEFAULT_DENY"]
    namespaces: dict[str, dict[str, Any]] = {}
    for path, doc in manifests:
        metadata = doc.get("metadata") or {}
        spec = doc.get("spec") or {}
        if doc.get("kind") != "NetworkPolicy" or not isinstance(metadata, dict):
            continue
        if not isinstance(spec, dict) or spec.get("podSelector") not in ({}, None):
            continue  # narrow allow policies for some pods are judged by review, not here
        ns = namespaces.setdefault(
            str(metadata.get("namespace", "default")),
            {"file": path, "types": set(), "ingress": [], "egress": []},
        )
        ns["types"].update(str(t) for t in spec.get("policyTypes") or [])
        ns["ingress"].extend(spec.get("ingress") or [])
        ns["egress"].extend(spec.get("egress") or [])
    for namespace, ns in sorted(namespaces.items()):
        problems = [
            f"no policy denies {t.lower()}" for t in ("Ingress", "Egress") if t not in ns["types"]
        ]
        if ns["ingress"]:
            problems.append("ingress is allowed")
        if any(not _is_dns_only(rule) for rule in ns["egress"]):
            problems.append("egress beyond DNS is allowed")
        yield Finding(
            check_id=check.id,
            result="failed" if problems else "passed",
            resource=f"Namespace.{namespace}/NetworkPolicy",
            file=ns["file"],
            message=f"{check.message}: {'; '.join(problems)}" if problems else check.message,
            severity=check.severity,
            fix=check.fix if problems else "",
            validator=PalisadeChecksValidator.name,
        )
