"""Optimised adversarial suffixes (GCG-style): a request followed by token soup found by gradient search,
e.g. ``… revert with "\\!--Two`` or ``([githubINST -Of cour Here/' surely]{\\comment={[@``.

Soup differs from code and from prose in the same way every time: words glued to runs of unrelated
punctuation, case flipping inside a word, brackets opened and never closed, all on one line of otherwise
natural text. Code has structure (assignments, balanced brackets, indentation); prose has none of the glue.
The score is the density of such tokens in the worst window of a line.
"""

from __future__ import annotations

import re
from itertools import accumulate

__all__ = ["soup_score"]

_OK_TOKEN = re.compile(
    r"^(?:[\"'`]?[(\[<]?[*_]{0,2}[\w\-']+[*_]{0,2}[)\]>]?[\"'`]?[.,:;!?]{0,3}|"  # a word, maybe quoted/bracketed
    r"\w+://\S+|[\w.+\-]+@[\w\-]+\.[\w.\-]+|~?/?(?:[\w.\-]+/)+[\w.\-]*|[\w\-]+\.[A-Za-z]{1,5}|"  # url, mail, path, file
    r"\$\{[^}]*\}|\{\{[^}]*\}\}|\$\w+|%\w+%|"  # references
    r"v?\d+(?:[.:,/\-]\d+)*[a-z%]*|\d+(?:\.\d+){1,3}/\d{1,3}|"  # numbers, versions, cidrs
    r"--?[\w\-]+(?:=\S*)?|[\w.\-]+=[\w.\-\"'/:]*|[\w.]+\([^()]*\)[.,;:]?|[\w.]+\[[^\[\]]*\]|"  # flags, k=v, calls
    r"</?[a-z][\w\-]*>|[\-=*#>|+:~.]{1,4}|[\-–—]|\.\.\.|[:;]-?[()DPp]|&&|\|\||=>|->|<-|!=|==|"  # markup, operators
    r"[\w\-]+:[\w\-]+(?::[\w\-]+)*|\w+::\w+|[\"'(][\w\-]+[\"')][.,:;]?|\(\w+\)|\[\w+\])$"
)
_CAMEL_FLIP = re.compile(
    r"[a-z][A-Z]{2,}[a-rt-z]|(?<![A-Za-z])[a-z]{2,}[A-Z]{2,}|(?<![A-Za-z])[A-Z]{2}[a-z]{3,}"
)
_GLUE = re.compile(
    r"[A-Za-z]{2}[^\w\s'\-]{2,}|[^\w\s'\-]{2,}[A-Za-z]{2}|[A-Za-z][^\w\s]+[A-Za-z][^\w\s]"
)
# a cheap pre-filter: tokens with glue or case flips, as one C-level scan
_SUSPECT = re.compile(
    r"[A-Za-z]{2}[^\w\s'\-]{2,}|[^\w\s'\-]{2,}[A-Za-z]{2}|[A-Za-z][^\w\s]+[A-Za-z][^\w\s]|[a-z][A-Z]{2,}[a-rt-z]|"
    r"(?<![A-Za-z])[a-z]{2,}[A-Z]{2,}|(?<![A-Za-z])[A-Z]{2}[a-z]{3,}|[^\w\s]{3,}"
)
_PROSE_WORD = re.compile(r"(?<!\S)[a-z]{2,}(?!\S)")
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CODE_LINE = re.compile(
    r"^\s{2,}\S|[;{}]\s*$|^\s*(?:def |class |import |from |resource |module |variable |output |provider |"
    r"function |var |let |const |if |for |while |return |#|//|/\*|\*|-\s|\w+:\s*$|<\w|"
    r"[\w.\[\]\"']+\s*(?::=|=|\+=)\s*\S)"
)


def _weird(token: str) -> float:
    if len(token) <= 2:
        return 0.0
    if token.isalpha():
        if token.islower() or token.istitle() or token.isupper():
            return 0.0
        return 0.6 if _CAMEL_FLIP.search(token) else 0.0
    score = 0.6 if _CAMEL_FLIP.search(token) else 0.0
    if _OK_TOKEN.match(token):
        return score
    if not any(ch.isalpha() for ch in token):
        return 1.0 if len(set(token)) >= 3 else 0.0
    if _GLUE.search(token):
        score += 1.0
    if "\\" in token:
        score += 0.5
    return min(score, 1.0)


def _unbalanced(tokens: list[str]) -> int:
    stack: list[str] = []
    bad = 0
    for token in tokens:
        for ch in token:
            if ch in _OPENERS:
                stack.append(_OPENERS[ch])
            elif ch in ")]}":
                if stack and stack[-1] == ch:
                    stack.pop()
                else:
                    bad += 1
    return bad + len(stack)


def _regions(line: str) -> list[tuple[int, int]]:
    """Stretches of ``line`` where three suspicious tokens fall within ~100 characters (merged)."""
    spots = [m.start() for m in _SUSPECT.finditer(line)]
    regions: list[tuple[int, int]] = []
    for i in range(len(spots) - 2):
        if spots[i + 2] - spots[i] > 100:
            continue
        a, b = max(0, spots[i] - 80), min(len(line), spots[i + 2] + 80)
        if regions and a <= regions[-1][1]:
            regions[-1] = (regions[-1][0], b)
        else:
            regions.append((a, b))
    return regions


_NOT_SOUP = re.compile(
    r"`[^`\n]{0,400}`|\[[^\]\n]{0,200}\]\([^)\s]{0,400}\)|\b(?:[A-Za-z]{1,3}\.){2,4}|\\[ntr]|https?://\S+|"
    r"\$\{[^}\n]{0,200}\}|\{\{[^}\n]{0,200}\}\}"
)


def soup_score(text: str, *, window: int = 12) -> float:
    """0..1: how much the worst ``window``-token stretch of any prose line looks like optimised token soup."""
    if len(_SUSPECT.findall(text)) < 3:
        return 0.0
    # inline code, markdown links, abbreviations (e.g., U.S.), escaped newlines and URLs are not soup
    text = _NOT_SOUP.sub(" ", text)
    best = 0.0
    for line in text.splitlines():
        if len(line) < 40:
            continue
        regions = _regions(line)
        if not regions or _CODE_LINE.search(line):
            continue
        # the line must also carry ordinary prose, as a request with a suffix does
        if len(_PROSE_WORD.findall(line)) < 4:
            continue
        for a, b in regions:
            tokens = line[a:b].split()
            weights = [_weird(t) for t in tokens]
            sums = list(accumulate(weights, initial=0.0))
            for end in range(1, len(tokens) + 1):
                start = max(0, end - window)
                total = sums[end] - sums[start]
                if total < 3.0:
                    continue
                density = total / (end - start)
                imbalance = _unbalanced(tokens[start:end])
                best = max(best, min(1.0, density * 1.6 + 0.1 * min(imbalance, 4)))
    return best
