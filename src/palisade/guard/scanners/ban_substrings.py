"""Refuse (or redact) texts containing listed substrings — LLM Guard's ``BanSubstrings``, harder to dodge.

Matching happens on the normalised view of the text (``textview`` with look-alike folding): zero-width and tag
characters are ignored, full-width forms and Cyrillic/Greek homoglyphs count as the Latin letters they imitate,
so ``pa\u200bss`` and ``pаss`` (Cyrillic а) both match ``pass``. Redaction removes the original characters.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import ClassVar, Literal

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params
from palisade.guard.scanners.textview import view

__all__ = ["BanSubstringsScanner", "SubstringMatch"]

SubstringMatch = Literal["str", "word"]
REDACTED = "[REDACTED]"


class BanSubstringsScanner:
    """``blocked`` when a substring is found (all of them with ``contains_all``); ``sanitized`` instead when
    ``redact`` is on, every occurrence replaced by ``[REDACTED]``."""

    name: ClassVar[str] = "BanSubstrings"
    stage: ClassVar[Stage] = "input"

    def __init__(
        self,
        *,
        substrings: Sequence[str],
        match_type: SubstringMatch = "str",
        case_sensitive: bool = False,
        redact: bool = False,
        contains_all: bool = False,
    ) -> None:
        raw = params.string_list("substrings", substrings)
        self.match_type: SubstringMatch = params.choice("match_type", match_type, ("str", "word"))
        self.case_sensitive = params.flag("case_sensitive", case_sensitive)
        self.redact = params.flag("redact", redact)
        self.contains_all = params.flag("contains_all", contains_all)
        self.sanitizes = self.redact
        self.substrings = tuple(dict.fromkeys(view(s, fold=True).text for s in raw))
        if not all(self.substrings):
            raise ValueError("substrings must hold visible characters")
        flags = 0 if self.case_sensitive else re.IGNORECASE
        ordered = sorted(self.substrings, key=len, reverse=True)
        body = "|".join(f"({re.escape(s)})" for s in ordered)
        if self.match_type == "word":
            body = rf"(?<!\w)(?:{body})(?!\w)"
        self._pattern = re.compile(body, flags)
        self._index = {i + 1: self.substrings.index(s) for i, s in enumerate(ordered)}

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        v = view(text, fold=True)
        spans: list[tuple[int, int]] = []
        seen: set[int] = set()
        for m in self._pattern.finditer(v.text):
            if m.lastindex is not None:
                seen.add(self._index[m.lastindex])
            spans.append(v.span(m.start(), m.end()))
        triggered = len(seen) == len(self.substrings) if self.contains_all else bool(seen)
        if not triggered:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        detections = tuple(Detection("banned-substring", a, b) for a, b in spans)
        reason = f"{len(seen)} banned substring(s) found"
        if not self.redact:
            return ScanResult(
                self.name,
                text,
                "blocked",
                1.0,
                reason=reason,
                detections=detections,
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )
        pieces: list[str] = []
        last = 0
        for a, b in spans:
            pieces.extend((text[last:a], REDACTED))
            last = b
        pieces.append(text[last:])
        return ScanResult(
            self.name,
            "".join(pieces),
            "sanitized",
            1.0,
            reason=reason + "; redacted",
            detections=detections,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
