"""Remember validation reports by the exact files validated.

Validation is a pure function of the files (paths and contents): Checkov and Palisade's checks read nothing
else. The same request asked again — by the same or another user, or a follow-up that changes nothing in the
files — renders byte-identical files, and re-running Checkov on them costs 150–200 ms of CPU per proposal.
A bounded LRU keyed by a SHA-256 of the sorted (path, content) pairs answers those repeats at once. Reports are
immutable (frozen dataclasses), so sharing one is safe.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping

from palisade.validators.base import ValidationReport

Validate = Callable[[Mapping[str, str]], ValidationReport]


def files_key(files: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        for part in (path, files[path]):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))  # length-prefixed: no ambiguous joins
            digest.update(data)
    return digest.hexdigest()


class CachedValidator:
    """``validate`` with an LRU of its reports; thread-safe (validation runs in worker threads)."""

    def __init__(self, validate: Validate, *, max_entries: int = 256) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._validate = validate
        self._max = max_entries
        self._reports: OrderedDict[str, ValidationReport] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __call__(self, files: Mapping[str, str]) -> ValidationReport:
        key = files_key(files)
        with self._lock:
            report = self._reports.get(key)
            if report is not None:
                self._reports.move_to_end(key)
                self.hits += 1
                return report
            self.misses += 1
        report = self._validate(
            files
        )  # outside the lock: never serialise distinct validations here
        with self._lock:
            self._reports[key] = report
            self._reports.move_to_end(key)
            while len(self._reports) > self._max:
                self._reports.popitem(last=False)
        return report
