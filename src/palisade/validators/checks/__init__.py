"""Palisade's own checks, for what Checkov does not see (measured gaps; see docs/validation.md).

``run_checks`` parses the files once and runs every check; each applicable check reports a finding, passed or
failed, so ``passed_count`` is meaningful. An in-resource ``# palisade:skip=PAL_ID:<reason>`` comment turns that
check's result for that resource into a reported skip.
"""

from __future__ import annotations

import re
from dataclasses import replace

from palisade.files import RenderedFiles
from palisade.validators.base import Finding
from palisade.validators.checks.account import (
    check_s3_account_public_access_block,
    check_securityhub,
)
from palisade.validators.checks.encryption import (
    check_azure_keys,
    check_gcp_kms,
    check_gcs_cmek,
    check_kms,
    check_s3_tls,
)
from palisade.validators.checks.iam import check_iam
from palisade.validators.checks.kubernetes import check_namespaces, check_network_policies
from palisade.validators.checks.network import (
    check_aws_security_groups,
    check_azure_nsgs,
    check_gcp_firewalls,
)
from palisade.validators.checks.registry import CHECKS, PalisadeCheck
from palisade.validators.checks.terraform import Block, Manifest, parse_terraform, parse_yaml

__all__ = ["CHECKS", "SKIP_COMMENT", "PalisadeCheck", "run_checks"]

_TERRAFORM_CHECKS = (
    check_s3_tls,
    check_aws_security_groups,
    check_azure_nsgs,
    check_gcp_firewalls,
    check_iam,
    check_kms,
    check_gcp_kms,
    check_azure_keys,
    check_gcs_cmek,
    check_s3_account_public_access_block,
    check_securityhub,
)
_MANIFEST_CHECKS = (check_namespaces, check_network_policies)

# ``# palisade:skip=PAL_ID:<reason>`` inside a resource block turns that check's result for the block into
# "skipped" with the reason, like Checkov's in-file skips. Reasons are required (10+ characters), and skips are
# reported (and shown in pull requests), never silent. Blueprints emit them only where the user explicitly
# asked for the exception (e.g. an internet-facing load balancer).
SKIP_COMMENT = re.compile(r"#\s*palisade:skip=(PAL_[A-Z0-9_]+):(.{10,})$")


def run_checks(files: RenderedFiles) -> list[Finding]:
    """Every Palisade check over ``files``; raises ``UnparseableFileError`` for a file that does not parse."""
    blocks: list[Block] = []
    manifests: list[Manifest] = []
    for path, text in files.items():
        if path.endswith(".tf"):
            blocks.extend(parse_terraform(path, text))
        elif path.endswith((".yaml", ".yml")):
            manifests.extend(parse_yaml(path, text))
    findings: list[Finding] = []
    for terraform_check in _TERRAFORM_CHECKS:
        findings.extend(terraform_check(blocks))
    for manifest_check in _MANIFEST_CHECKS:
        findings.extend(manifest_check(manifests))
    skips = _skip_annotations(files, blocks)
    return [_apply_skips(f, skips) for f in findings]


def _skip_annotations(files: RenderedFiles, blocks: list[Block]) -> dict[tuple[str, str, str], str]:
    skips: dict[tuple[str, str, str], str] = {}
    for block in blocks:
        start, end = block.line, block.end_line
        if start is None or end is None:
            continue
        for line in files[block.file].splitlines()[start - 1 : end]:
            match = SKIP_COMMENT.search(line.strip())
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
