"""Replace personal data in a prompt with placeholders before any model sees it; keep the originals in a vault.

LLM Guard's ``Anonymize`` with the same parameter names, offline: the detectors are ``pii``'s (checksums, strict
shapes, context words, best-effort names) instead of spaCy/Presidio models. Each value becomes
``[REDACTED_<TYPE>_<n>]``; the same value gets the same placeholder for the whole conversation, and
``Deanonymize`` (output stage) puts the exact original back.

The vault comes with each call (``Guard.scan(text, vault=...)``), one per conversation. Without one, a
throw-away vault is used: the text is still anonymised, but nothing can be restored later.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners.pii import PiiDetector, parse_regex_patterns
from palisade.guard.vault import Vault

__all__ = ["AnonymizeScanner"]


class AnonymizeScanner:
    """Outcome ``sanitized`` (risk = the highest confidence found) when it replaced anything, else ``pass``."""

    name: ClassVar[str] = "Anonymize"
    stage: ClassVar[Stage] = "input"
    sanitizes: ClassVar[bool] = True
    uses_vault: ClassVar[bool] = True

    def __init__(
        self,
        *,
        entity_types: Sequence[str] | None = None,
        hidden_names: Sequence[str] | None = None,
        allowed_names: Sequence[str] | None = None,
        regex_patterns: Sequence[Mapping[str, Any]] | None = None,
        preamble: str = "",
        use_faker: bool = False,
        threshold: float = 0.5,
    ) -> None:
        if use_faker:
            raise ValueError(
                "use_faker=true is not supported: Palisade replaces values with [REDACTED_<TYPE>_<n>] "
                "placeholders only; set use_faker to false"
            )
        if not isinstance(preamble, str):
            raise ValueError("preamble must be a string")
        self.preamble = preamble
        self.detector = PiiDetector(
            entity_types,
            threshold=threshold,
            hidden_names=hidden_names or (),
            allowed_names=allowed_names or (),
            regex_patterns=parse_regex_patterns(regex_patterns),
        )

    @property
    def threshold(self) -> float:
        return self.detector.threshold

    def scan(
        self, text: str, *, prompt: str | None = None, vault: Vault | None = None
    ) -> ScanResult:
        started = time.perf_counter()
        entities = self.detector.find(text)
        if not entities:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        target = vault if vault is not None else Vault()
        pieces: list[str] = []
        last = 0
        for e in entities:
            pieces.append(text[last : e.start])
            pieces.append(target.placeholder(e.type, text[e.start : e.end], avoid=text))
            last = e.end
        pieces.append(text[last:])
        kinds = sorted({e.type for e in entities})
        return ScanResult(
            self.name,
            self.preamble + "".join(pieces),
            "sanitized",
            max(e.score for e in entities),
            reason=f"replaced {len(entities)} value(s) with placeholders: {', '.join(kinds)}",
            detections=tuple(Detection(e.type, e.start, e.end) for e in entities),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
