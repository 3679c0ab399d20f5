"""Mid-message corrections: "in Paris... actually Stockholm", "ssh from X, sorry, I meant Y", "not Z".

People fix themselves while typing. A rule that reads "the first region" or "every CIDR" then keeps the value
the user took back. ``apply_corrections`` rewrites the message once, before values are scanned, so every
extractor sees only the values that stand:

* after a correction marker ("actually", "sorry", "I meant", "make that", "scratch that", "no wait", "or
  rather"), the first value that follows replaces the last earlier value of the same kind, which is removed;
* after a rejection marker ("instead of", "rather than", "not", "no longer"), the value right after it is
  removed when the message states another value of that kind.

Kinds are coarse on purpose (a region, an address, a duration, an e-mail, a named port, a number, a name
given after "named"/"called"), so a correction never reaches across to an unrelated value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from palisade.providers import _lexicon as lex

_AFTER: Final = re.compile(
    r"\b(?:actually|sorry|i\s+mean|i\s+meant|make\s+(?:that|it)|scratch\s+that|no\s+wait|wait|"
    r"or\s+rather|correction|change\s+(?:that|it)\s+to|on\s+second\s+thought|oops|err)\b"
    r"|\bno\s*[,;!?\-\u2013\u2014]+\s*(?=\S)",
    re.I,
)
_ADDITIVE = re.compile(
    r"^\W*(?:\w+\s+)?(?:also|too|as\s+well|additionally|plus|and\s+also)\b", re.I
)
_BEFORE: Final = re.compile(
    r"\b(?:instead\s+of|rather\s+than|not|no\s+longer)\s+(?:(?:in|from|to|on|for|the)\s+){0,2}",
    re.I,
)
# A clause that describes what exists already ("bucket old-logs lives in us-east-1 already") rather
# than what to build; its values give way to the same kinds stated elsewhere.
_ALREADY: Final = re.compile(r"\balready\b", re.I)

_UNITS = "|".join(sorted(lex.UNIT_DAYS, key=len, reverse=True))
_PLACES = "|".join(sorted((re.escape(p) for p in lex.PLACE_REGIONS), key=len, reverse=True))
_AWS = "|".join(re.escape(r) for r in lex.AWS_REGIONS)
_KINDS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("cidr", re.compile(r"(?<![\w.:])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w.])")),
    (
        "region",
        re.compile(
            rf"(?<![\w-])(?:{_AWS}|(?:us|europe|asia|australia|northamerica|southamerica|me|africa)"
            rf"-[a-z]+\d{{1,2}}|{'|'.join(lex.AZURE_LOCATIONS)}|{_PLACES})(?![\w-])",
            re.I,
        ),
    ),
    ("duration", re.compile(rf"(?<![\w.-])\d+\s*-?\s*(?:{_UNITS})(?![\w-])", re.I)),
    (
        "port",
        re.compile(
            rf"(?<![\w-])(?:{'|'.join(re.escape(p) for p in lex.NAMED_PORTS)})(?![\w-])", re.I
        ),
    ),
    (
        "name",
        re.compile(
            r"(?:(?<=\bnamed\s)|(?<=\bcalled\s)|(?<=\bname\s)|(?<=\balias\s))[`'\"]?[\w./-]*\w[`'\"]?"
            r"|(?<=\bit\s)[\w-]*[-\d][\w-]*",
            re.I,
        ),
    ),
    ("vpc", re.compile(r"\bvpc-[0-9a-f]{8,17}\b")),
    ("subnet", re.compile(r"\bsubnet-[0-9a-f]{8,17}\b")),
    ("sg", re.compile(r"\bsg-[0-9a-f]{8,17}\b")),
    ("arn", re.compile(r"arn:aws[a-z-]*:[^\s,;'\"`()<>]+")),
    (
        "ident",
        re.compile(
            r"(?<![\w./:@-])[`'\"]?[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+[`'\"]?(?![\w/:@-])"
        ),
    ),
    ("number", re.compile(r"(?<![\w.:/-])\d+(?![\w.:/-]|\.\d)")),
)


@dataclass(frozen=True, slots=True)
class _Value:
    start: int
    end: int
    kind: str


def _values(text: str) -> list[_Value]:
    found: list[_Value] = []
    for kind, pattern in _KINDS:
        for m in pattern.finditer(text):
            if any(v.start < m.end() and m.start() < v.end for v in found):
                continue
            found.append(_Value(m.start(), m.end(), kind))
    return sorted(found, key=lambda v: v.start)


def _cut(text: str, spans: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def apply_corrections(text: str) -> str:
    """``text`` without the values the user corrected or rejected (see the module docstring)."""
    if not (_AFTER.search(text) or _BEFORE.search(text) or _ALREADY.search(text)):
        return text
    values = [
        v
        for v in _values(text)
        if not (v.kind in _NAMES and re.fullmatch(lex.SETTING_WORD, text[v.start : v.end].lower()))
    ]
    spans: list[tuple[int, int, str]] = []
    for marker in _AFTER.finditer(text):
        if _ADDITIVE.match(text[marker.end() :]):
            continue
        later = next((v for v in values if marker.end() <= v.start <= marker.end() + 60), None)
        if later is None:
            continue
        earlier = [
            v
            for v in values
            if v.end <= marker.start() and marker.start() - v.end <= 150 and _same(v, later)
        ]
        if not earlier:
            continue
        old = earlier[-1]
        if old.kind == "duration" and later.kind == "number":
            number = re.match(r"\d+", text[old.start : old.end])
            assert number is not None
            spans.append((old.start, old.start + number.end(), text[later.start : later.end]))
            spans.append((later.start, later.end, ""))
        else:
            spans.append((old.start, old.end, ""))
    for marker in _BEFORE.finditer(text):
        first = next((v for v in values if v.start == marker.end()), None)
        if first is None or first.kind in ("number", "name", "ident"):
            continue
        if any(v is not first and v.kind == first.kind for v in values):
            spans.append((first.start, first.end, ""))
    spans += _already(text, values)
    return _cut(text, _disjoint(spans))


def _already(text: str, values: list[_Value]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for marker in _ALREADY.finditer(text):
        start = max((m.end() for m in re.finditer(r"[;.!?\n]", text[: marker.start()])), default=0)
        stop = re.compile(r"[;.!?\n]").search(text, marker.end())
        end = stop.start() if stop else len(text)
        inside = [
            v for v in values if start <= v.start and v.end <= end and v.kind not in ("number",)
        ]
        for v in inside:
            if any(o.kind == v.kind and not (start <= o.start < end) for o in values):
                spans.append((v.start, v.end, ""))
    return spans


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for span in sorted(set(spans)):
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


_NAMES = frozenset({"name", "ident"})


def _same(earlier: _Value, later: _Value) -> bool:
    if earlier.kind == later.kind or {earlier.kind, later.kind} <= _NAMES:
        return True
    return earlier.kind == "duration" and later.kind == "number"
