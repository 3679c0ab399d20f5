"""Kubernetes manifests: Pod Security Admission level of namespaces, default-deny NetworkPolicies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from palisade.validators.base import Finding
from palisade.validators.checks.registry import CHECKS, VALIDATOR_NAME
from palisade.validators.checks.terraform import Manifest

__all__ = ["check_namespaces", "check_network_policies"]


def check_namespaces(manifests: list[Manifest]) -> Iterator[Finding]:
    check = CHECKS["PAL_K8S_PSA_RESTRICTED"]
    for manifest in manifests:
        doc = manifest.document
        if doc.get("kind") != "Namespace":
            continue
        metadata = doc.get("metadata") or {}
        labels = metadata.get("labels") or {} if isinstance(metadata, dict) else {}
        name = metadata.get("name", "") if isinstance(metadata, dict) else ""
        ok = (
            isinstance(labels, dict)
            and labels.get("pod-security.kubernetes.io/enforce") == "restricted"
        )
        yield Finding(
            check_id=check.id,
            result="passed" if ok else "failed",
            resource=f"Namespace.{name}",
            file=manifest.file,
            message=check.message,
            severity=check.severity,
            line=manifest.line,
            fix=check.fix if not ok else "",
            validator=VALIDATOR_NAME,
        )


def _is_dns_only(rule: Any) -> bool:
    """An egress rule that only opens port 53 (to anything: the DNS exception)."""
    if not isinstance(rule, dict):
        return False
    ports = rule.get("ports") or []
    return bool(ports) and all(isinstance(p, dict) and str(p.get("port")) == "53" for p in ports)


def check_network_policies(manifests: list[Manifest]) -> Iterator[Finding]:
    """Policies add up, so judge per namespace the union of the policies that select every pod: both
    directions must be covered, no ingress allowed, egress only to DNS."""
    check = CHECKS["PAL_K8S_DEFAULT_DENY"]
    namespaces: dict[str, dict[str, Any]] = {}
    for manifest in manifests:
        doc = manifest.document
        metadata = doc.get("metadata") or {}
        spec = doc.get("spec") or {}
        if doc.get("kind") != "NetworkPolicy" or not isinstance(metadata, dict):
            continue
        if not isinstance(spec, dict) or spec.get("podSelector") not in ({}, None):
            continue  # narrow allow policies for some pods are judged by review, not here
        ns = namespaces.setdefault(
            str(metadata.get("namespace", "default")),
            {
                "file": manifest.file,
                "line": manifest.line,
                "types": set(),
                "ingress": [],
                "egress": [],
            },
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
            line=ns["line"],
            fix=check.fix if problems else "",
            validator=VALIDATOR_NAME,
        )
