"""Personal data in a model's answer (LLM Guard's ``Sensitive``), with the same detectors as ``Anonymize``.

``redact=False`` (LLM Guard's default): an answer holding personal data is ``blocked``. ``redact=True``: each value
is replaced by ``[REDACTED_<TYPE>]`` and the answer continues (``sanitized``). Run it before ``Deanonymize`` if
the values a user gave should come back to that user, after it if they should never appear in an answer.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners.pii import PiiDetector, parse_regex_patterns

__all__ = ["SensitiveScanner"]


class SensitiveScanner:
    name: ClassVar[str] = "Sensitive"
    stage: ClassVar[Stage] = "output"

    def __init__(
        self,
        *,
        entity_types: Sequence[str] | None = None,
        regex_patterns: Sequence[Mapping[str, Any]] | None = None,
        redact: bool = False,
        threshold: float = 0.5,
    ) -> None:
        if not isinstance(redact, bool):
            raise ValueError("redact must be true or false")
        self.redact = redact
        self.sanitizes = redact  # a redacting Sensitive must run even after another scanner blocked
        self.detector = PiiDetector(
            entity_types, threshold=threshold, regex_patterns=parse_regex_patterns(regex_patterns)
        )

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        entities = self.detector.find(text)
        if not entities:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        kinds = sorted({e.type for e in entities})
        detections = tuple(Detection(e.type, e.start, e.end) for e in entities)
        risk = max(e.score for e in entities)
        if not self.redact:
            return ScanResult(
                self.name,
                text,
                "blocked",
                risk,
                reason=f"personal data in the answer: {', '.join(kinds)}",
                detections=detections,
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )
        pieces: list[str] = []
        last = 0
        for e in entities:
            pieces.extend((text[last : e.start], f"[REDACTED_{e.type}]"))
            last = e.end
        pieces.append(text[last:])
        return ScanResult(
            self.name,
            "".join(pieces),
            "sanitized",
            risk,
            reason=f"redacted {len(entities)} value(s): {', '.join(kinds)}",
            detections=detections,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
