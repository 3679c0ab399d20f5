"""Hold infrastructure code in a model's answer to the same policy checks as a proposal (``IaCPolicy``).

A model answering in free text can paste Terraform or Kubernetes YAML that never went through a blueprint. This
scanner finds it — fenced blocks labelled ``hcl``, ``terraform``, ``tf``, ``yaml`` or ``yml``, and unlabelled
blocks that start like Terraform (``resource "…" "…" {``, ``module``, ``provider``…) or like a Kubernetes
manifest (``apiVersion:`` + ``kind:``) — and runs Palisade's validation on them.

The guard package must not import the validators (the engine composes the stages), so the check comes in as a
callable: ``validate(files: Mapping[str, str]) -> report`` where the report has ``failed`` findings with
``check_id``, ``severity`` and ``message`` — ``palisade.validators.validate_files`` as is. The registry injects
it (``build_guard(..., iac_validate=...)``); a policy cannot set it.

- Any failed check at or above ``min_severity`` (default ``low``: every failed check) → ``blocked``; risk by the
  worst severity (low 0.25, medium 0.5, high 0.75, critical 1.0).
- ``block=False`` → ``sanitized`` instead: the answer is kept and a warning naming the failed checks is
  appended, so a reader does not copy the code blindly.
- A block that does not parse is left out of the check (it cannot be applied as it is); if none parse, the
  answer passes. A validator that cannot run at all raises, and the guard blocks the answer (fail closed).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, Protocol

from palisade.errors import UnparseableFileError
from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params
from palisade.guard.scanners.codeblocks import CodeBlock, code_blocks

__all__ = ["IaCPolicyScanner", "IaCValidate", "PolicyFinding", "PolicyReport", "iac_files"]

SEVERITY_RISK: Mapping[str, float] = {"low": 0.25, "medium": 0.5, "high": 0.75, "critical": 1.0}
_TERRAFORM_LANGUAGES = frozenset({"hcl", "terraform", "tf"})
_YAML_LANGUAGES = frozenset({"yaml", "yml"})
_LOOKS_TERRAFORM = re.compile(
    r'^[ \t]*(?:resource|data|module|provider|variable|output|locals|terraform)\b[ \t]*(?:"[^"\n]{0,200}"[ \t]*){0,2}\{',
    re.MULTILINE,
)
_LOOKS_K8S = re.compile(r"^apiVersion:[ \t]*\S", re.MULTILINE)
_K8S_KIND = re.compile(r"^kind:[ \t]*\S", re.MULTILINE)


class PolicyFinding(Protocol):
    @property
    def check_id(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...


class PolicyReport(Protocol):
    @property
    def failed(self) -> Sequence[PolicyFinding]: ...


IaCValidate = Callable[[Mapping[str, str]], PolicyReport]


def iac_files(text: str) -> dict[str, CodeBlock]:
    """File name → code block, for every block of the answer that is Terraform or YAML."""
    files: dict[str, CodeBlock] = {}
    for k, block in enumerate(code_blocks(text), start=1):
        language = block.language
        if language in _TERRAFORM_LANGUAGES or (
            not language and _LOOKS_TERRAFORM.search(block.content)
        ):
            files[f"answer_block_{k}.tf"] = block
        elif language in _YAML_LANGUAGES or (
            not language and _LOOKS_K8S.search(block.content) and _K8S_KIND.search(block.content)
        ):
            files[f"answer_block_{k}.yaml"] = block
    return files


class IaCPolicyScanner:
    name: ClassVar[str] = "IaCPolicy"
    stage: ClassVar[Stage] = "output"
    injected: ClassVar[frozenset[str]] = frozenset({"validate"})

    def __init__(
        self, *, validate: IaCValidate, block: bool = True, min_severity: str = "low"
    ) -> None:
        if not callable(validate):
            raise ValueError("validate must be a callable taking {file name: content}")
        self._validate = validate
        self.block = params.flag("block", block)
        self.min_severity = params.choice("min_severity", min_severity, tuple(SEVERITY_RISK))
        self.sanitizes = False

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        blocks = iac_files(text)
        failed = self._failed_checks({name: b.content for name, b in blocks.items()})
        floor = SEVERITY_RISK[self.min_severity]
        failed = [f for f in failed if SEVERITY_RISK.get(str(f.severity).lower(), 0.5) >= floor]
        if not failed:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        risk = max(SEVERITY_RISK.get(str(f.severity).lower(), 0.5) for f in failed)
        checks = sorted({f"{f.check_id} ({str(f.severity).lower()})" for f in failed})
        detections = tuple(Detection("iac-policy", b.start, b.end) for b in blocks.values())
        reason = f"code in the answer fails {len(checks)} policy check(s): {', '.join(checks)}"
        if self.block:
            return ScanResult(
                self.name,
                text,
                "blocked",
                risk,
                reason=reason,
                detections=detections,
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )
        warning = (
            "\n\n> **Warning:** the code above fails Palisade's policy checks "
            f"({', '.join(checks)}); do not apply it as it is."
        )
        return ScanResult(
            self.name,
            text + warning,
            "sanitized",
            risk,
            reason=reason,
            detections=detections,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def _failed_checks(self, files: dict[str, str]) -> list[PolicyFinding]:
        """Validate ``files``, leaving out (one at a time) any file the validators cannot parse."""
        remaining = dict(files)
        while remaining:
            try:
                report = self._validate(remaining)
            except UnparseableFileError as exc:
                if exc.path not in remaining:
                    raise
                del remaining[exc.path]
                continue
            return list(report.failed)
        return []
