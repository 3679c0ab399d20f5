"""Checkov, in-process: Terraform (``.tf``) and Kubernetes manifests (``.yaml``/``.yml``).

Checkov is imported lazily, once per process (``warm_up()`` lets a server pay the ~2 s at startup). Each scan
uses fresh runners on a private temporary folder, clears Checkov's class-level IAM policy cache first (it would
otherwise reuse the verdict of an earlier file with the same resource names) and holds a lock, because Checkov's
registries are process-global. A file that does not parse raises ``UnparseableFileError``: it never passes.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

import yaml

from palisade.errors import UnparseableFileError, ValidatorError
from palisade.files import RenderedFiles, check_relative_path
from palisade.validators.base import CheckResult, Finding, Severity, ValidationReport
from palisade.validators.fixes import attach_fix_snippets

__all__ = ["CheckovValidator"]

_ENV_DEFAULTS = {
    "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",  # no version check against the package index
    "BC_SKIP_MAPPING": "TRUE",  # no download of the Prisma Cloud check mapping
    "CHECKOV_PARALLELIZATION_TYPE": "none",  # parse in this process, not in worker processes
}

_TERRAFORM_SUFFIXES = (".tf",)
_KUBERNETES_SUFFIXES = (".yaml", ".yml")
_SEVERITIES: Mapping[str, Severity] = {
    "LOW": "low",
    "MEDIUM": "medium",
    "HIGH": "high",
    "CRITICAL": "critical",
}

_import_lock = threading.Lock()
_checkov: dict[str, Any] = {}


def _load_checkov() -> dict[str, Any]:
    """Import Checkov once per process (environment set first: it is read at import time)."""
    with _import_lock:
        if not _checkov:
            for name, value in _ENV_DEFAULTS.items():
                os.environ.setdefault(name, value)
            from checkov.kubernetes.runner import Runner as KubernetesRunner
            from checkov.runner_filter import RunnerFilter
            from checkov.terraform.checks.utils.base_cloudsplaining_iam_scanner import (
                BaseTerraformCloudsplainingIAMScanner,
            )
            from checkov.terraform.runner import Runner as TerraformRunner

            _checkov.update(
                terraform_runner=TerraformRunner,
                kubernetes_runner=KubernetesRunner,
                runner_filter=RunnerFilter,
                iam_scanner=BaseTerraformCloudsplainingIAMScanner,
            )
    return _checkov


class CheckovValidator:
    """Runs Checkov's Terraform and Kubernetes frameworks in-process; thread-safe and reusable."""

    name: ClassVar[str] = "checkov"

    def warm_up(self) -> None:
        """Import Checkov now (about 2 s) so the first request does not pay for it."""
        _load_checkov()

    def validate(self, files: RenderedFiles) -> ValidationReport:
        terraform = {p: t for p, t in files.items() if p.endswith(_TERRAFORM_SUFFIXES)}
        kubernetes = {p: t for p, t in files.items() if p.endswith(_KUBERNETES_SUFFIXES)}
        for path in (*terraform, *kubernetes):
            check_relative_path(path)
        _precheck_terraform(terraform)
        _precheck_kubernetes(kubernetes)
        if not terraform and not kubernetes:
            return ValidationReport(validator=self.name)
        ckv = _load_checkov()
        findings: list[Finding] = []
        with _scan_lock, _materialise({**terraform, **kubernetes}) as root:
            ckv["iam_scanner"].policy_document_cache.clear()
            if terraform:
                findings.extend(self._run(ckv, "terraform", root, terraform))
            if kubernetes:
                findings.extend(self._run(ckv, "kubernetes", root, kubernetes))
        return ValidationReport(validator=self.name, findings=attach_fix_snippets(findings, files))

    def _run(
        self, ckv: Mapping[str, Any], framework: str, root: Path, files: Mapping[str, str]
    ) -> list[Finding]:
        runner = ckv[f"{framework}_runner"]()  # a reused runner returns the previous scan's results
        runner_filter = ckv["runner_filter"](framework=[framework], show_progress_bar=False)
        try:
            if framework == "terraform":
                result = runner.run(root_folder=str(root), runner_filter=runner_filter)
            else:
                result = runner.run(
                    root_folder=None,
                    files=[str(root / p) for p in files],
                    runner_filter=runner_filter,
                )
        except Exception as exc:  # Checkov crashed: "could not run", not "passed"
            raise ValidatorError(f"checkov {framework} scan failed: {exc!r}") from exc
        reports = result if isinstance(result, list) else [result]
        findings: list[Finding] = []
        for report in reports:
            errors = list(getattr(report, "parsing_errors", []) or [])
            if errors:
                raise UnparseableFileError(
                    _relative(root, str(errors[0])), "Checkov could not parse it"
                )
            outcomes: tuple[tuple[list[Any], CheckResult], ...] = (
                (report.passed_checks, "passed"),
                (report.failed_checks, "failed"),
                (report.skipped_checks, "skipped"),
            )
            for records, outcome in outcomes:
                findings.extend(_finding(root, record, outcome) for record in records)
        # Checkov's order varies between runs; a stable order keeps reports and their cache keys comparable
        findings.sort(key=lambda f: (f.file, f.line or 0, f.check_id, f.resource, f.result))
        return findings


_scan_lock = threading.Lock()  # Checkov's registries are global: one scan at a time per process


def _finding(root: Path, record: Any, outcome: CheckResult) -> Finding:
    check_result = record.check_result or {}
    line_range = record.file_line_range or []
    severity = _SEVERITIES.get(str(getattr(record.severity, "name", "") or "").upper(), "medium")
    guideline = getattr(record, "guideline", None) or ""
    return Finding(
        check_id=record.check_id,
        result=outcome,
        resource=record.resource,
        file=_relative(root, record.file_abs_path or record.file_path),
        message=record.check_name or "",
        severity=severity,
        line=int(line_range[0]) if line_range else None,
        reason=str(check_result.get("suppress_comment", "")) if outcome == "skipped" else "",
        fix=f"See {guideline}" if outcome == "failed" and guideline else "",
        validator=CheckovValidator.name,
    )


def _relative(root: Path, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.lstrip("/")


@contextmanager
def _materialise(files: Mapping[str, str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="palisade-checkov-") as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            target = root / PurePosixPath(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        yield root


def _precheck_terraform(files: Mapping[str, str]) -> None:
    """Parse every ``.tf`` with hcl2 first: Checkov reports a parse failure as zero checks."""
    if not files:
        return
    from hcl2.api import loads

    for path, text in files.items():
        try:
            loads(text)
        except Exception as exc:  # lark raises several unrelated exception types
            raise UnparseableFileError(path, _first_line(exc)) from exc


def _precheck_kubernetes(files: Mapping[str, str]) -> None:
    for path, text in files.items():
        try:
            documents = [d for d in yaml.safe_load_all(text) if d is not None]
        except yaml.YAMLError as exc:
            raise UnparseableFileError(path, _first_line(exc)) from exc
        for document in documents:
            if (
                not isinstance(document, dict)
                or "kind" not in document
                or "apiVersion" not in document
            ):
                raise UnparseableFileError(
                    path, "not a Kubernetes manifest (needs apiVersion and kind)"
                )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
