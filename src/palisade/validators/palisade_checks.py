"""Palisade's own checks as a validator: what Checkov does not see (see ``validators.checks``).

The checks themselves live in ``palisade.validators.checks`` (one module per area); this validator runs them,
applies in-file exceptions and attaches verified fixed snippets to the failures it knows how to fix.
"""

from __future__ import annotations

from typing import ClassVar

from palisade.files import RenderedFiles
from palisade.validators.base import ValidationReport
from palisade.validators.checks import CHECKS, PalisadeCheck, run_checks
from palisade.validators.checks.registry import VALIDATOR_NAME
from palisade.validators.fixes import attach_fix_snippets

__all__ = ["CHECKS", "PalisadeCheck", "PalisadeChecksValidator"]


class PalisadeChecksValidator:
    """TLS-only S3, world-open ingress (AWS, Azure, GCP), IAM wildcards, key rotation, CMEK, account
    guardrails and Kubernetes isolation; raises ``UnparseableFileError`` for a file that does not parse."""

    name: ClassVar[str] = VALIDATOR_NAME

    def validate(self, files: RenderedFiles) -> ValidationReport:
        findings = attach_fix_snippets(run_checks(files), files)
        return ValidationReport(validator=self.name, findings=findings)
