"""Numbers written in words, rewritten as digits before any value rule reads the message.

Developers write "eighteen months", "twenty-four previous passwords", "two approvals", "a dozen" or "2k
requests". Rewriting those to digits once ("18 months", "24 previous passwords", "2000 requests") lets every
extractor (durations, counts, rate limits, ports) handle one spelling instead of each keeping its own word
list; the words themselves are ``_lexicon``'s UNITS, TENS and SCALES. Words inside hyphenated names
(``team-one``) are left alone, and a lone "one" is only rewritten where it clearly counts something ("one
approval", "one year"), not in "this one" or "one of".
"""

from __future__ import annotations

import re

from palisade.providers._lexicon import SCALES, TENS, UNITS

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
_PHRASE = re.compile(
    rf"(?<![\w-])(?:(?:an?|a\s+couple\s+of)\s+(?=(?:hundred|thousand|dozen)\b))?"
    rf"(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*(?![\w-])",
    re.I,
)
# What a lone "one" must be followed by to count something.
_ONE_COUNTS = re.compile(
    r"^\s*(?:more\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|mins?|quarters?|fortnights?|"
    r"approvals?|approving|reviews?|reviewers?|approvers?|required|characters?|chars?|previous|"
    r"old|last|passwords?|request|az\b|availability)",
    re.I,
)
_KILO = re.compile(r"(?<![\w.-])(\d+(?:\.\d+)?)\s?[kK](?![\w-])")


def parse_words(phrase: str) -> int | None:
    """The value of a number phrase ("one hundred and eighty" -> 180), or ``None`` if it is not one number."""
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    if words[:1] in (["a"], ["an"]):
        words = ["one", *words[1:]]
    if words[:3] == ["a", "couple", "of"]:
        words = ["two", *words[3:]]
    total = current = 0
    last = ""  # the kind of the previous word, to refuse "two three" or "twenty thirty"
    for word in words:
        if word in UNITS:
            if last in ("unit", "teen") or (last == "tens" and UNITS[word] >= 10):
                return None
            current += UNITS[word]
            last = "teen" if UNITS[word] >= 10 else "unit"
        elif word in TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TENS[word]
            last = "tens"
        elif word == "hundred":
            if last == "hundred" or current >= 100:
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
            last = "thousand"
        elif word == "dozen":
            current = (current or 1) * 12
            last = "dozen"
        else:
            return None
    return total + current


def number_value(text: str) -> int | None:
    """The value of ``text`` when all of it is one number in words ("forty-five", "a dozen"), else None."""
    text = text.strip()
    return parse_words(text) if _PHRASE.fullmatch(text) else None


def words_to_digits(text: str) -> str:
    """``text`` with number words and ``2k``-style amounts written as digits."""

    def number(match: re.Match[str]) -> str:
        phrase = match.group(0)
        if phrase.lower() == "one" and not _ONE_COUNTS.match(text[match.end() :]):
            return phrase
        value = parse_words(phrase)
        return phrase if value is None else str(value)

    text = _PHRASE.sub(number, text)
    return _KILO.sub(lambda m: str(round(float(m.group(1)) * 1000)), text)
