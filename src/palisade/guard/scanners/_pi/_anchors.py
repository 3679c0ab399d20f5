"""The words a regex match can start with, read from the pattern source, so a signal is tried only where
one of those words occurs (``pattern.match(text, pos)``) instead of scanning every position.

Handles the shape the signal patterns are written in: a top-level alternation of branches, each starting
with an optional ``\\b`` or ``(?<![a-z])`` and then a literal word or a group of alternatives that start with
literal words. Anything else returns None and the caller gives explicit anchors (a test checks that anchored
matching finds what a full search finds).
"""

from __future__ import annotations

import re
from itertools import accumulate

__all__ = ["Anchored", "WordIndex", "first_words"]

_PREFIXES = (r"\b", "(?<![a-z])", r"(?<!\w)", "(?<![a-z0-9])", "(?<![a-z] )", "(?<!^)", r"(?<!\n)")
# a branch may start with one of these literal characters instead of a word: it is anchored on the character
_PUNCT_ANCHORS: dict[str, str] = {
    "\\[": "[",
    "<": "<",
    "\\{": "{",
    "#": "#",
    "\\n": "\n",
    "-": "-",
    "=": "=",
    "\\*": "*",
}

_PUNCT_SOURCE = {anchor: src for src, anchor in _PUNCT_ANCHORS.items()}


def _continues_word(rest: str) -> bool:
    """Whether what follows a first word may add letters to it (``jailbreak(?:s|ing)?``, ``push\\w*``)."""
    if not rest:
        return False
    if rest.startswith("("):
        rest = rest[3:] if rest.startswith("(?:") else rest[1:]
    if rest[:1].isalpha() or rest.startswith(("\\w", "\\S", "\\D", "\\W")):
        return True
    if rest.startswith("["):
        end = rest.find("]", 1)
        cls = rest[1:end] if end > 0 else rest[1:]
        return (
            cls.startswith("^")
            or "\\w" in cls
            or any(ch.isalpha() for ch in cls.replace("\\s", ""))
        )
    return False


def _split_top(src: str) -> list[str] | None:
    parts: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            parts.append(src[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    parts.append(src[start:])
    return parts


def _group_end(src: str, start: int) -> int | None:
    """Index just past the ``)`` closing the group opened at ``src[start]``."""
    depth = 0
    in_class = False
    i = start
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


_META_CHARS = frozenset("()[]{}|?*+^$.\\")


def _leading_literal(branch: str) -> set[str] | None:
    """A branch starting with digits or punctuation (``0\\.0\\.0\\.0/0``): that literal, found by substring."""
    out = ""
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\" and i + 1 < len(branch) and not branch[i + 1].isalnum():
            out += branch[i + 1]
            i += 2
            continue
        if ch in _META_CHARS or ch.isalpha():
            break
        out += ch
        i += 1
    if i < len(branch) and branch[i] in "?*{":
        out = out[:-1]
    return {out} if out and not out.isalpha() else None


def _leading_word(branch: str) -> set[str] | None:
    if branch[:1] and not branch[0].isalpha() and branch[0] not in "(\\":
        return _leading_literal(branch)
    if branch.startswith("\\") and len(branch) > 1 and not branch[1].isalnum():
        return _leading_literal(branch)
    run = ""
    for ch in branch:
        if ch.isalpha() and ch.isascii() or (ch.isalpha() and not ch.isascii()):
            run += ch.lower()
        else:
            break
    if not run:
        return None
    rest = branch[len(run) :]
    if rest.startswith("?"):  # "instructions?" → instruction / instructions
        return None if _continues_word(rest[1:]) or len(run) < 2 else {run, run[:-1]}
    if rest[:1] in ("{", "*", "+") or _continues_word(rest):
        return None  # a quantifier or more letters on the word itself
    return {run}


def first_words(src: str) -> frozenset[str] | None:
    """Every word a match of ``src`` can start with, or None when that cannot be read off the source."""
    branches = _split_top(src)
    if branches is None:
        return None
    words: set[str] = set()
    for branch in branches:
        stripped = True
        while stripped:
            stripped = False
            for prefix in _PREFIXES:
                if branch.startswith(prefix):
                    branch = branch[len(prefix) :]
                    stripped = True
        while branch.startswith(("(?<=", "(?<!")):  # any other look-behind: skip it
            end = _group_end(branch, 0)
            if end is None:
                return None
            branch = branch[end:]
        punct = next((a for src, a in _PUNCT_ANCHORS.items() if branch.startswith(src)), None)
        if punct is not None:
            repeat = re.match(r"\{(\d+),", branch[len(_PUNCT_SOURCE[punct]) :])
            got: set[str] | frozenset[str] | None = {
                punct * int(repeat.group(1)) if repeat else punct
            }
        elif branch.startswith("(?:") or (branch.startswith("(") and not branch.startswith("(?")):
            end = _group_end(branch, 0)
            if (
                end is None
                or branch[end : end + 1] in ("?", "*", "{")
                or _continues_word(branch[end:])
            ):
                return None
            inner = branch[3 : end - 1] if branch.startswith("(?:") else branch[1 : end - 1]
            got = first_words(inner)
        else:
            got = _leading_word(branch)
        if not got:
            return None
        words |= got
    return frozenset(words)


_WORDS_KEPT = re.compile(
    r"([^\W\d_]+)"
)  # split on words, keeping them: [gap, word, gap, word, ...]
_MAX_SPOTS = 20_000
# Every word some Anchored pattern starts with; only these get their positions recorded.
_WORD_ANCHORS: set[str] = set()


class WordIndex:
    """The words (lower case) of one text, and where each anchor word occurs.

    One C-level split gives the words and, through running lengths, their offsets; positions are kept only
    for words some pattern can start with. Punctuation anchors are found with ``str.find`` on demand.
    """

    __slots__ = ("_punct", "positions", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        if len(lower) != len(
            text
        ):  # a rare character whose lower case is longer: keep offsets aligned
            lower = text
        parts = _WORDS_KEPT.split(lower)
        words = parts[1::2]
        starts = list(accumulate(map(len, parts), initial=0))[1::2]
        self.words = frozenset(words)
        positions: dict[str, list[int]] = {}
        anchors = _WORD_ANCHORS
        for word, start in zip(words, starts, strict=False):  # starts has one extra trailing entry
            if word in anchors:
                spots = positions.get(word)
                if spots is None:
                    positions[word] = [start]
                else:
                    spots.append(start)
        self.positions = positions
        self._punct: dict[str, list[int]] = {}

    def _find_all(self, needle: str) -> list[int]:
        got = self._punct.get(needle)
        if got is None:
            got = []
            pos = self.text.find(needle)
            while pos != -1 and len(got) < _MAX_SPOTS:
                got.append(pos)
                pos = self.text.find(needle, pos + 1)
            self._punct[needle] = got
        return got

    def spots(self, words: frozenset[str], punct: tuple[str, ...] = ()) -> list[int]:
        """Sorted offsets where one of ``words`` or one of the ``punct`` strings occurs."""
        found: list[int] = []
        positions = self.positions
        for a in words & self.words:
            found.extend(positions[a])
        for a in punct:
            found.extend(self._find_all(a))
        found.sort()
        return found


class Anchored:
    """A compiled pattern tried only at the positions where a match can start."""

    __slots__ = ("anchors", "pattern", "punct", "words")

    def __init__(self, pattern: re.Pattern[str], anchors: frozenset[str] | None = None) -> None:
        found = anchors if anchors is not None else first_words(pattern.pattern)
        if not found:
            raise ValueError(f"cannot tell where a match of {pattern.pattern[:80]!r} starts")
        self.pattern = pattern
        self.anchors = found
        self.words = frozenset(a for a in found if a.isalpha())
        self.punct = tuple(a for a in found if not a.isalpha())
        _WORD_ANCHORS.update(self.words)

    def search(self, index: WordIndex) -> re.Match[str] | None:
        if not self.punct and self.words.isdisjoint(index.words):
            return None  # the common case: none of the words a match starts with occurs
        match = self.pattern.match
        text = index.text
        last = -1
        for pos in index.spots(self.words, self.punct):
            if pos == last:
                continue
            last = pos
            m = match(text, pos)
            if m is not None:
                return m
        return None

    def matches(self, index: WordIndex) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        if not self.punct and self.words.isdisjoint(index.words):
            return out
        match = self.pattern.match
        end = -1
        for pos in index.spots(self.words, self.punct):
            if pos < end:
                continue
            m = match(index.text, pos)
            if m is not None:
                out.append(m)
                end = m.end()
        return out
