"""Check the JSON in a model's answer — LLM Guard's ``JSON`` scanner, minus its habit of mangling other code.

What counts as JSON here, and nothing else:

- the content of fenced blocks labelled ``json`` (also ``jsonc``, ``json5``, ``geojson``);
- the whole answer, when it has no fenced blocks and (trimmed) starts with ``{`` or ``[``.

Terraform, HCL, YAML or any other code (labelled or not) is never parsed as JSON and never rewritten; prose
with braces in it is left alone. (LLM Guard finds "JSON" with a brace regex anywhere, and its repair turned
Terraform blocks into broken JSON while reporting the answer valid.)

``repair=True`` fixes what models commonly get wrong — trailing commas, comments, single-quoted strings,
unquoted keys, Python literals (``True``/``False``/``None``), typographic quotes, brackets left open by a
truncated answer — in those JSON elements only, and only when the result then parses; the answer is
``sanitized`` with the repaired element in place. Anything still invalid is ``blocked``, as is an answer with
fewer valid elements than ``required_elements``.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params
from palisade.guard.scanners.codeblocks import code_blocks

__all__ = ["JSONScanner", "repair_json"]

_JSON_LANGUAGES = frozenset({"json", "jsonc", "json5", "geojson"})
_LITERALS = {"True": "true", "False": "false", "None": "null", "undefined": "null"}
_MAX_ELEMENT = 1_000_000  # characters; bigger elements are refused rather than parsed


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def repair_json(text: str) -> str | None:
    """A conservative fix of ``text`` that parses as JSON, or ``None`` when these fixes are not enough."""
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    expect_key = False
    while i < n:
        ch = text[i]
        if ch in "\"'“”‘’":
            closing = {"“": "”", "‘": "’"}.get(ch, ch)
            j = i + 1
            buf: list[str] = []
            while j < n and text[j] != closing and not (ch in "“”" and text[j] in "“”"):
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j : j + 2])
                    j += 2
                    continue
                buf.append('\\"' if text[j] == '"' and ch != '"' else text[j])
                j += 1
            body = "".join(buf)
            if ch != '"':
                body = body.replace("\\'", "'")
            out.append('"' + body + '"')
            i = j + 1  # an unterminated string is closed at the end
            expect_key = False
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
            continue
        if ch in "{[":
            stack.append("}" if ch == "{" else "]")
            expect_key = ch == "{"
        elif ch in "}]":
            _drop_trailing_comma(out)
            if stack and stack[-1] == ch:
                stack.pop()
            else:
                return None  # mismatched brackets are not a typo this repair can guess
        elif ch == ",":
            expect_key = bool(stack) and stack[-1] == "}"
        elif ch.isalpha() or ch in "_$":
            m = re.match(r"[A-Za-z_$][\w$]*", text[i:])
            word = m.group() if m else ch
            rest = text[i + len(word) :].lstrip()
            if expect_key and rest.startswith(":"):
                out.append(f'"{word}"')
            else:
                out.append(_LITERALS.get(word, word))
            i += len(word)
            expect_key = False
            continue
        elif not ch.isspace():
            expect_key = False
        out.append(ch)
        i += 1
    _drop_trailing_comma(out)
    out.extend(reversed(stack))
    repaired = "".join(out)
    return repaired if _parses(repaired) else None


def _drop_trailing_comma(out: list[str]) -> None:
    k = len(out) - 1
    while k >= 0 and out[k].isspace():
        k -= 1
    if k >= 0 and out[k] == ",":
        del out[k]


@dataclass(frozen=True, slots=True)
class _Element:
    start: int
    end: int
    content: str


def _elements(text: str) -> list[_Element]:
    blocks = code_blocks(text)
    if blocks:
        return [
            _Element(b.start, b.end, b.content) for b in blocks if b.language in _JSON_LANGUAGES
        ]
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        start = text.index(stripped[0])
        return [_Element(start, start + len(stripped), stripped)]
    return []


class JSONScanner:
    name: ClassVar[str] = "JSON"
    stage: ClassVar[Stage] = "output"

    def __init__(self, *, required_elements: int = 0, repair: bool = False) -> None:
        self.required_elements = params.integer("required_elements", required_elements, low=0)
        self.repair = params.flag("repair", repair)
        self.sanitizes = self.repair

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        valid = 0
        broken: list[_Element] = []
        fixes: list[tuple[_Element, str]] = []
        for element in _elements(text):
            if len(element.content) <= _MAX_ELEMENT and _parses(element.content):
                valid += 1
                continue
            fixed = (
                repair_json(element.content)
                if self.repair and len(element.content) <= _MAX_ELEMENT
                else None
            )
            if fixed is None:
                broken.append(element)
            else:
                fixes.append((element, fixed))
                valid += 1

        def done(outcome: str, out: str, reason: str, spans: list[_Element]) -> ScanResult:
            return ScanResult(
                self.name,
                out,
                "blocked" if outcome == "blocked" else "sanitized",
                1.0,
                reason=reason,
                detections=tuple(Detection("json", e.start, e.end) for e in spans),
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )

        if broken:
            return done("blocked", text, f"{len(broken)} invalid JSON element(s)", broken)
        if valid < self.required_elements:
            reason = f"expected at least {self.required_elements} JSON element(s), found {valid}"
            return done("blocked", text, reason, [])
        if fixes:
            pieces: list[str] = []
            last = 0
            for element, fixed in fixes:
                pieces.extend((text[last : element.start], fixed))
                last = element.end
            pieces.append(text[last:])
            reason = f"repaired {len(fixes)} JSON element(s)"
            return done("sanitized", "".join(pieces), reason, [e for e, _ in fixes])
        elapsed = (time.perf_counter() - started) * 1000
        return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
