"""Refuse, redact or require patterns — LLM Guard's ``Regex`` with the same parameters.

Patterns run on the normalised view of the text (invisible characters dropped, full-width forms folded; no
homoglyph folding, so a pattern means what it says) and redaction removes the original characters. Patterns
are yours: one with catastrophic backtracking will overrun the guard's per-scanner time budget, which blocks
the text (fail closed) — keep quantifiers bounded.

- ``is_blocked=True`` (default): a match is bad — ``blocked``, or ``sanitized`` with ``redact=True`` (each match
  replaced by ``[REDACTED]``);
- ``is_blocked=False``: a match is required — no match is ``blocked``.
``match_type``: ``search`` (anywhere) or ``fullmatch`` (the whole text).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import ClassVar, Literal

from palisade.guard.base import Detection, Outcome, ScanResult, Stage
from palisade.guard.scanners import params
from palisade.guard.scanners.textview import view

__all__ = ["RegexMatch", "RegexScanner"]

RegexMatch = Literal["search", "fullmatch"]
REDACTED = "[REDACTED]"


class RegexScanner:
    name: ClassVar[str] = "Regex"
    stage: ClassVar[Stage] = "input"

    def __init__(
        self,
        *,
        patterns: Sequence[str],
        is_blocked: bool = True,
        match_type: RegexMatch = "search",
        redact: bool = False,
    ) -> None:
        raw = params.string_list("patterns", patterns)
        self.is_blocked = params.flag("is_blocked", is_blocked)
        self.match_type: RegexMatch = params.choice(
            "match_type", match_type, ("search", "fullmatch")
        )
        self.redact = params.flag("redact", redact)
        self.sanitizes = self.redact and self.is_blocked
        compiled: list[re.Pattern[str]] = []
        for pattern in raw:
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                raise ValueError(
                    f"patterns: invalid regular expression {pattern!r}: {exc}"
                ) from exc
        self.patterns = tuple(compiled)

    def _matches(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for pattern in self.patterns:
            if self.match_type == "fullmatch":
                m = pattern.fullmatch(text)
                if m:
                    spans.append((0, len(text)))
            else:
                spans.extend(
                    (m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()
                )
        return spans

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        v = view(text)
        found = sorted(v.span(a, b) for a, b in self._matches(v.text))

        def result(outcome: Outcome, out: str, reason: str) -> ScanResult:
            return ScanResult(
                self.name,
                out,
                outcome,
                0.0 if outcome == "pass" else 1.0,
                reason=reason,
                detections=tuple(Detection("regex", a, b) for a, b in found),
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )

        if not self.is_blocked:
            if found:
                return result("pass", text, "")
            return result("blocked", text, "no required pattern matched")
        if not found:
            return result("pass", text, "")
        if not self.redact:
            return result("blocked", text, f"{len(found)} match(es) of a banned pattern")
        merged: list[tuple[int, int]] = []
        for a, b in found:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        pieces: list[str] = []
        last = 0
        for a, b in merged:
            pieces.extend((text[last:a], REDACTED))
            last = b
        pieces.append(text[last:])
        return result("sanitized", "".join(pieces), f"redacted {len(merged)} match(es)")
