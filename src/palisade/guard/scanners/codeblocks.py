"""Fenced code blocks in markdown answers (``` or ~~~), found line by line in linear time.

Used by the output scanners that look at code (``JSON``, ``IaCPolicy``). A fence left open at the end of the
answer (a truncated model output) yields a block running to the end of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CodeBlock", "code_blocks"]

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[ \t]*([^`\n]*?)[ \t]*$")


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """``language`` is the info string's first word, lower case ('' when unlabelled); ``start``/``end`` delimit
    ``content`` in the answer (fences excluded)."""

    language: str
    content: str
    start: int
    end: int


def code_blocks(text: str) -> list[CodeBlock]:
    blocks: list[CodeBlock] = []
    if "```" not in text and "~~~" not in text:
        return blocks
    pos = 0
    fence = ""
    language = ""
    content_start = 0
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        m = _FENCE.match(bare)
        if not fence:
            if m:
                fence = m.group(1)
                info = m.group(2).strip()
                language = info.split()[0].lower().strip("{}.") if info else ""
                content_start = pos + len(line)
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2):
            blocks.append(CodeBlock(language, text[content_start:pos], content_start, pos))
            fence = ""
        pos += len(line)
    if fence:
        blocks.append(CodeBlock(language, text[content_start:], content_start, len(text)))
    return blocks
