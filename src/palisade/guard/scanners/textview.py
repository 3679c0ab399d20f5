"""A normalised view of a text that remembers where each of its characters came from.

Detectors match on the view and report spans of the *original* text. The view:

- drops invisible characters (zero-width spaces and joiners, Unicode tag characters, bidi controls, soft
  hyphens, variation selectors, other format/control characters) — so ``jo\u200bhn@example.com`` is one
  e-mail address, and redacting it removes the zero-width space with it;
- folds compatibility forms with NFKC (full-width ``４１１１`` → ``4111``, ``＠`` → ``@``, ligatures);
- maps every Unicode decimal digit to its ASCII digit (Arabic-Indic, Devanagari... digits);
- optionally folds look-alike Cyrillic and Greek letters to the Latin letter they imitate (``fold=True``),
  for comparisons where a homoglyph must not slip past (banned words, brand domains).

Plain printable ASCII is copied in runs, so the common case costs one regex scan and no per-character work.
A text with other characters that none of the above changes (most prose in any script) is recognised by a few
whole-text checks in C and is its own view, without the per-character work.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CONFUSABLES", "TextView", "is_invisible", "may_hide", "view"]

_KEEP = frozenset("\n\t\r")
_SPECIAL = re.compile(r"[^\t\n\r\x20-\x7e]")
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cn", "Cs", "Co"})

# Letters that render like a Latin letter in common fonts (a subset of Unicode's confusables list, written for
# the scripts attackers actually use in domains and keywords: Cyrillic, Greek, a few Latin extensions).
CONFUSABLES: dict[str, str] = {
    # Cyrillic lower case
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
    "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u0501": "d", "\u04bb": "h",
    "\u04cf": "l", "\u051b": "q", "\u051d": "w", "\u0432": "b", "\u043a": "k", "\u043c": "m",
    "\u043d": "h", "\u0442": "t", "\u044c": "b", "\u0491": "r", "\u0457": "i", "\u0475": "v",
    # Cyrillic upper case
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H",
    "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0423": "Y", "\u0425": "X",
    "\u0406": "I", "\u0408": "J", "\u0405": "S", "\u04c0": "I", "\u0417": "3",
    # Greek
    "\u03b1": "a", "\u03bf": "o", "\u03c1": "p", "\u03bd": "v", "\u03b9": "i", "\u03ba": "k",
    "\u03c4": "t", "\u03c5": "u", "\u03c7": "x", "\u03b5": "e", "\u0391": "A", "\u0392": "B",
    "\u0395": "E", "\u0396": "Z", "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M",
    "\u039d": "N", "\u039f": "O", "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X",
    # Latin extensions and symbols
    "\u0131": "i", "\u0261": "g", "\u01c0": "l", "\u0251": "a", "\u1d00": "A", "\u0269": "i",
}  # fmt: skip


_CONFUSABLE = re.compile("[" + "".join(CONFUSABLES) + "]")
# Invisible characters that str.isprintable() accepts: variation selectors, fillers (every other one is in a
# category isprintable() rejects).
_PRINTABLE_HIDDEN = re.compile("[\u00ad\u115f\u180e\u3164\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_DIGITS = re.compile(r"\d+")


def may_hide(text: str) -> bool:
    """Whether ``text`` may hold an invisible character; False is certain. Whole-text checks only."""
    core = text
    for kept in _KEEP:
        if kept in core:
            core = core.replace(kept, "")
    return not core.isprintable() or _PRINTABLE_HIDDEN.search(text) is not None


def _unchanged(text: str, fold: bool) -> bool:
    """Whether the view of ``text`` is the text itself: nothing invisible, no digit outside ASCII, nothing
    NFKC changes (a normalised text is stable character by character too), no look-alike to fold."""
    return (
        not may_hide(text)
        and "".join(_DIGITS.findall(text)).isascii()
        and not (fold and _CONFUSABLE.search(text))
        and unicodedata.is_normalized("NFKC", text)
    )


def is_invisible(ch: str) -> bool:
    """Whether ``ch`` renders as nothing (newline, tab and carriage return are kept)."""
    if ch in _KEEP:
        return False
    o = ord(ch)
    if 0xE0000 <= o <= 0xE007F or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF:
        return True
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ch in "\u00ad\u180e\u3164\u115f"


@functools.lru_cache(maxsize=8192)
def _replacement(ch: str, fold: bool) -> str:
    if is_invisible(ch):
        return ""
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    if fold and ch in CONFUSABLES:
        return CONFUSABLES[ch]
    out = unicodedata.normalize("NFKC", ch)
    if fold:
        out = "".join(CONFUSABLES.get(c, c) for c in out)
    return out


@dataclass(frozen=True, slots=True)
class TextView:
    """``text`` is the normalised text; ``origin[i]`` is the index in the original of ``text[i]``."""

    text: str
    original: str
    origin: tuple[int, ...] | None = None  # None: identical to the original

    @property
    def identical(self) -> bool:
        return self.origin is None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span holding the view's ``text[start:end]`` (invisible characters inside included)."""
        if self.origin is None:
            return start, end
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def view(text: str, *, fold: bool = False) -> TextView:
    """The normalised view of ``text``; see the module docstring for what is folded."""
    if not _SPECIAL.search(text) or _unchanged(text, fold):
        return TextView(text, text)
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _SPECIAL.finditer(text):
        ch = m.group()
        out = _replacement(ch, fold)
        if out == ch:
            continue  # kept as it is: part of the current run
        i = m.start()
        if i > last:
            pieces.append(text[last:i])
            origin.extend(range(last, i))
        if out:
            pieces.append(out)
            origin.extend([i] * len(out))
        last = i + 1
    if last < len(text):
        pieces.append(text[last:])
        origin.extend(range(last, len(text)))
    return TextView("".join(pieces), text, tuple(origin))
