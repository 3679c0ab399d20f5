"""Strip characters a human cannot see but a model reads: zero-width, Unicode tags, bidi controls."""

from __future__ import annotations

import re
import time
import unicodedata
from typing import ClassVar

from palisade.guard.base import Detection, ScanResult, Stage, sanitized_result
from palisade.guard.scanners.textview import may_hide

__all__ = ["InvisibleTextScanner", "strip_invisible"]

_KEEP = frozenset("\n\t\r")
# Explicit ranges first (fast path); other format/control/private-use characters are caught by category.
_INVISIBLE_RANGES = (
    "\u200b-\u200f"  # zero-width space/joiners, LRM/RLM
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # BOM / zero-width no-break space
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\U000e0000-\U000e007f"  # Unicode tag characters (ASCII smuggling)
    "\ufe00-\ufe0f"  # variation selectors
    "\U000e0100-\U000e01ef"  # variation selectors supplement
)
# One character class (the ranges lie outside ASCII anyway), so ``re`` skips plain ASCII at C speed.
_CANDIDATE = re.compile(f"[{_INVISIBLE_RANGES}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\U0010ffff]")
_STRIP_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cn", "Cs"})


def _is_invisible(ch: str) -> bool:
    if ch in _KEEP:
        return False
    o = ord(ch)
    if 0xE0000 <= o <= 0xE007F or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF:
        return True
    return unicodedata.category(ch) in _STRIP_CATEGORIES


def _invisible_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _CANDIDATE.finditer(text):
        if not _is_invisible(m.group()):
            continue
        start = m.start()
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], start + 1)
        else:
            spans.append((start, start + 1))
    return spans


def strip_invisible(text: str) -> str:
    """``text`` without invisible characters (kept: newline, tab, carriage return)."""
    if not may_hide(text):
        return text
    return "".join(ch for ch in text if not _is_invisible(ch))


class InvisibleTextScanner:
    """LLM Guard's ``InvisibleText``: removes invisible characters; ``sanitized`` when it removed any."""

    name: ClassVar[str] = "InvisibleText"
    stage: ClassVar[Stage] = "input"
    sanitizes: ClassVar[bool] = True

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        spans = _invisible_spans(text) if may_hide(text) else []
        removed = sum(end - start for start, end in spans)
        return sanitized_result(
            self.name,
            text,
            [Detection("invisible-text", start, end) for start, end in spans],
            lambda _: "",
            reason=f"removed {removed} invisible character(s)",
            started=started,
        )
