"""Validation vocabulary. "Found problems" is a report (``passed=False``); "could not run" is an exception."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

from palisade.files import RenderedFiles

CheckResult = Literal["passed", "failed", "skipped"]
Severity = Literal["low", "medium", "high", "critical"]


@dataclass(frozen=True, slots=True)
class Finding:
    check_id: str
    result: CheckResult
    resource: str
    file: str
    message: str = ""
    severity: Severity = "medium"
    line: int | None = None
    reason: str = ""  # why a check was skipped
    fix: str = ""  # how to fix a failed check
    validator: str = ""
    # corrected Terraform for the failing resource, when Palisade knows one (verified to parse and to pass
    # the check it fixes); None otherwise
    fix_snippet: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    validator: str
    findings: tuple[Finding, ...] = ()

    @property
    def failed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.result == "failed")

    @property
    def skipped(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.result == "skipped")

    @property
    def passed_count(self) -> int:
        return sum(1 for f in self.findings if f.result == "passed")

    @property
    def passed(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        """The ``validation`` object of the ``--json`` contract."""
        return {
            "passed": self.passed,
            "failed": [
                {
                    "check_id": f.check_id,
                    "resource": f.resource,
                    "file": f.file,
                    "line": f.line,
                    "message": f.message,
                    "severity": f.severity,
                    "fix": f.fix,
                    "fix_snippet": f.fix_snippet,
                }
                for f in self.failed
            ],
            "passed_count": self.passed_count,
            "skipped": [
                {
                    "check_id": f.check_id,
                    "reason": f.reason,
                    "resource": f.resource,
                    "file": f.file,
                    "line": f.line,
                }
                for f in self.skipped
            ],
        }


def merge_reports(reports: Iterable[ValidationReport], validator: str = "all") -> ValidationReport:
    findings: list[Finding] = []
    for report in reports:
        findings.extend(report.findings)
    return ValidationReport(validator=validator, findings=tuple(findings))


@runtime_checkable
class Validator(Protocol):
    name: ClassVar[str]

    def validate(self, files: RenderedFiles) -> ValidationReport:
        """Check ``files``; raise ``UnparseableFileError`` for a file that does not parse."""
        ...
