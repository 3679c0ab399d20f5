"""Refuse (or cut) prompts longer than a token budget — LLM Guard's ``TokenLimit``, without tiktoken.

tiktoken downloads its BPE files on first use, so offline it usually cannot load an encoding; Palisade never
triggers that download. The count here is an *estimate* built to over-count for the BPE encodings of OpenAI
models (cl100k_base, o200k_base...), piece by piece as their pre-tokeniser splits text:

- a run of ASCII letters: ⌈n/3⌉ tokens (English words average ~4 letters per token in cl100k, so ordinary
  prose is over-counted by roughly 1.5×; random mixed-case strings, closer to 2–3 letters per token, are still
  over-counted or counted about right);
- a run of digits: ⌈n/3⌉ tokens (exact: cl100k splits digits into groups of at most three);
- each other ASCII character (punctuation, symbols): one token; a single space before a word: free (BPE merges
  it into the word); other whitespace runs: ⌈n/4⌉;
- a non-ASCII letter: one token below U+0800 (accented Latin, Greek, Cyrillic), two from U+0800 (CJK, Indic...);
  any other non-ASCII character (emoji, symbols): its UTF-8 byte count, which is an upper bound.

It is not a proven upper bound for every text (no count is, without the vocabulary), but it exceeds tiktoken's
count on prose, code and identifiers by a margin; a budget set with it errs on the side of refusing.
"""

from __future__ import annotations

import re
import time
from typing import ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params

__all__ = ["TokenLimitScanner", "estimate_tokens"]

ENCODINGS = ("cl100k_base", "o200k_base", "p50k_base", "p50k_edit", "r50k_base", "gpt2")
_PIECE = re.compile(r"[A-Za-z]{1,64}|[0-9]{1,64}| (?=[A-Za-z])|\s{1,64}|[\x21-\x7e]|[^\x00-\x7f]")


def _piece_tokens(piece: str) -> int:
    first = piece[0]
    if first.isascii():
        if first.isalpha() or first.isdigit():
            return -(-len(piece) // 3)
        if piece == " ":
            return 0
        if first.isspace():
            return -(-len(piece) // 4)
        return 1
    if first.isalpha():
        return 1 if ord(first) < 0x800 else 2
    return len(first.encode("utf-8", "surrogatepass"))


def _cut(text: str, limit: int) -> tuple[int, int]:
    """(estimated tokens, index where the budget ``limit`` runs out — len(text) when it does not)."""
    total = 0
    cut = len(text)
    for m in _PIECE.finditer(text):
        total += _piece_tokens(m.group())
        if total > limit and cut == len(text):
            cut = m.start()
    return total, cut


def estimate_tokens(text: str) -> int:
    """The estimated token count of ``text`` (see the module docstring for how it over-counts)."""
    return _cut(text, len(text) * 4 + 1)[0]


class TokenLimitScanner:
    """``blocked`` over ``limit`` estimated tokens; with ``truncate=True`` the text is cut to the budget instead
    (``sanitized``), as LLM Guard does."""

    name: ClassVar[str] = "TokenLimit"
    stage: ClassVar[Stage] = "input"

    def __init__(
        self,
        *,
        limit: int = 4096,
        encoding_name: str = "cl100k_base",
        model_name: str | None = None,
        truncate: bool = False,
    ) -> None:
        self.limit = params.integer("limit", limit, low=1)
        self.encoding_name = params.choice("encoding_name", encoding_name, ENCODINGS)
        if model_name is not None and not isinstance(model_name, str):
            raise ValueError("model_name must be a string")
        self.model_name = (
            model_name  # accepted for LLM Guard compatibility; the estimate ignores it
        )
        self.truncate = params.flag("truncate", truncate)
        self.sanitizes = self.truncate

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        total, cut = _cut(text, self.limit)
        if total <= self.limit:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        reason = f"about {total} tokens (estimated), over the limit of {self.limit}"
        return ScanResult(
            self.name,
            text[:cut] if self.truncate else text,
            "sanitized" if self.truncate else "blocked",
            1.0,
            reason=reason + ("; truncated" if self.truncate else ""),
            detections=(Detection("token-limit", cut, len(text)),),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
