"""Cheap gates in front of the detectors' expensive patterns, so a prompt without a cue word costs microseconds.

Python's ``re`` tries every branch of a long cue alternation (``passport|tax id|…``) at every position of the
text: about 1 ms per pattern on a 600-word prompt, most of the PII scanner's time. A substring test costs
about a microsecond. So each cue pattern gets a ``Gate``: lower-case strings of which at least one occurs in
every text the pattern can match. The pattern runs only when the gate is open, so results are unchanged and
the common case, no cue at all, is cheap.

Long needle lists cost a substring search each (about 1.3 µs per needle on a 600-word prompt). Needles that
the pattern only matches at the start of a word (``starts``) are looked up in the set of the text's word
prefixes instead, built once per text and shared by every gate; whole words of letters and digits
(``words``) in its set of words. Both are exact: a ``starts`` needle still has to occur in the text.

A gate must never be closed where its pattern could match. It is tested against the folded haystack, which
over-approximates what the patterns see: the text lower-cased as ``(?i)`` folds letters (``İ``, ``ı`` and
``ſ`` fold to ``i``, ``i`` and ``s``), with whitespace turned into plain spaces, so a needle written with a
space also stands for ``\\s``. ``tests/guard/scanners/test_cues.py`` checks each gate against
its pattern on the shared data and on adversarial spellings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Gate", "folded", "lexicon"]

_ASCII_SPACES = str.maketrans("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " " * 9)
_SPECIAL_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


@functools.lru_cache(maxsize=4)
def folded(text: str) -> str:
    """The gate haystack for ``text`` (cached: every detector of one scan asks for the same text)."""
    if text.isascii():
        return text.lower().translate(_ASCII_SPACES)
    for special, plain in _SPECIAL_FOLDS:
        if special in text:
            text = text.replace(special, plain)
    # str.split() splits on exactly the characters ``\s`` matches; runs of them become one space
    return " " + " ".join(text.lower().split()) + " "


# Words for the lexicon split at underscores too ("user_dob" holds the words "user" and "dob"), so a needle at
# the start of a part of an identifier is at the start of a word. That only ever opens a gate more often.
_WORD_RUN = re.compile(r"[^\W_]+")
PREFIX = 4


@functools.lru_cache(maxsize=4)
def lexicon(haystack: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words (runs of letters and digits) of a folded haystack, and their first ``PREFIX`` characters."""
    words = frozenset(_WORD_RUN.findall(haystack))
    return words, frozenset(w[:PREFIX] for w in words)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _bounded(haystack: str, word: str) -> bool:
    """Whether ``word`` occurs in ``haystack`` not preceded by a word character and, when it ends with one,
    not followed by one either (``\\bword\\b``)."""
    size = len(word)
    check_end = _is_word(word[-1])
    i = haystack.find(word)
    while i >= 0:
        before = haystack[i - 1] if i else " "
        after = haystack[i + size] if i + size < len(haystack) else " "
        if not _is_word(before) and not (check_end and _is_word(after)):
            return True
        i = haystack.find(word, i + 1)
    return False


@dataclass(frozen=True, slots=True)
class Gate:
    """Open when any ``needles`` substring, any ``starts`` needle at the start of a word, any whole word of
    ``words``, or any ``patterns`` match occurs in the folded text. Patterns are for cues a substring cannot
    express; start each with a literal, so ``re`` can skip to it."""

    needles: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    starts: tuple[tuple[str, str], ...] = ()  # (the needle's first word, cut to PREFIX; the needle)
    start_keys: frozenset[str] = frozenset()
    plain_words: frozenset[str] = frozenset()  # words made of word characters only: a set lookup

    @classmethod
    def of(
        cls,
        needles: Iterable[str] = (),
        *,
        words: Iterable[str] = (),
        patterns: Iterable[str] = (),
        starts: Iterable[str] = (),
    ) -> Gate:
        keyed: list[tuple[str, str]] = []
        for needle in starts:
            head = _WORD_RUN.match(needle)
            if head is None or (len(head.group()) < PREFIX and head.group() == needle):
                # a short word alone is a prefix of longer words too: give it as a whole word instead
                raise ValueError(
                    f"a starts needle begins with a word of {PREFIX}+ word characters or one followed by "
                    f"a separator ({needle!r}); give a shorter word alone in words="
                )
            keyed.append((head.group()[:PREFIX], needle))
        all_words = tuple(words)
        plain = frozenset(w for w in all_words if _WORD_RUN.fullmatch(w))
        return cls(
            tuple(needles),
            tuple(w for w in all_words if w not in plain),
            tuple(re.compile(p) for p in patterns),
            tuple(keyed),
            frozenset(key for key, _ in keyed),
            plain,
        )

    def open(self, text: str) -> bool:
        haystack = folded(text)
        if any(n in haystack for n in self.needles):
            return True
        if self.starts or self.plain_words:
            words, prefixes = lexicon(haystack)
            if not self.plain_words.isdisjoint(words):
                return True
            hit = self.start_keys & prefixes  # a set intersection in C, not a loop over the needles
            if hit and any(key in hit and n in haystack for key, n in self.starts):
                return True
        return any(_bounded(haystack, w) for w in self.words) or any(
            p.search(haystack) for p in self.patterns
        )
