"""palisade.validators: check rendered infrastructure-as-code before it becomes a pull request."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from palisade.validators.base import Finding, ValidationReport, Validator, merge_reports
from palisade.validators.checkov import CheckovValidator
from palisade.validators.palisade_checks import PalisadeChecksValidator

__all__ = [
    "CheckovValidator",
    "Finding",
    "PalisadeChecksValidator",
    "ValidationReport",
    "Validator",
    "default_validators",
    "merge_reports",
    "validate_files",
]

_shared_lock = threading.Lock()
_shared: tuple[Validator, ...] = ()


def default_validators() -> tuple[Validator, ...]:
    """The process-wide validators (Checkov, then Palisade's checks); Checkov stays warm between calls."""
    global _shared
    with _shared_lock:
        if not _shared:
            _shared = (CheckovValidator(), PalisadeChecksValidator())
        return _shared


def validate_files(
    files: Mapping[str, str], validators: Sequence[Validator] | None = None
) -> ValidationReport:
    """Run ``validators`` (default: Checkov and Palisade's checks) and merge their reports.

    Raises ``UnparseableFileError`` when a file does not parse and ``ValidatorError`` when a validator cannot run.
    """
    chosen = default_validators() if validators is None else tuple(validators)
    return merge_reports((v.validate(files) for v in chosen), validator="all")
