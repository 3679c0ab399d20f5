"""Optimised adversarial suffixes (GCG-style): a request followed by token soup found by gradient search,
e.g. ``… revert with "\\!--Two`` or ``([githubINST -Of cour Here/' surely]{\\comment={[@``.

Soup differs from code and from prose in the same way every time: words glued to runs of unrelated
punctuation, case flipping inside a word, brackets opened and never closed, all on one line of otherwise
natural text. Code has structure (assignments, balanced brackets, indentation); prose has none of the glue.
The score is the density of such tokens in the worst window of a line.
"""

from __future__ import annotations

import re

__all__ = ["soup_score"]

_OK_TOKEN = re.compile(
    r"^(?:[\"'`(\[<*_]*[\w\-']+[\"'`)\]>*_]*[.,:;!?]{0,3}|"  # a word, possibly quoted/bracketed/emphasised
    r"\w+://\S+|[\w.+\-]+@[\w\-]+\.[\w.\-]+|~?/?(?:[\w.\-]+/)+[\w.\-]*|[\w\-]+\.[A-Za-z]{1,5}|"  # url, mail, path, file
    r"\$\{[^}]*\}|\{\{[^}]*\}\}|\$\w+|%\w+%|"  # references
    r"v?\d+(?:[.:,/\-]\d+)*[a-z%]*|\d+(?:\.\d+){1,3}/\d{1,3}|"  # numbers, versions, cidrs
    r"--?[\w\-]+(?:=\S*)?|[\w.\-]+=[\w.\-\"'/:]*|[\w.]+\([^()]*\)[.,;:]?|[\w.]+\[[^\[\]]*\]|"  # flags, k=v, calls
    r"</?[a-z][\w\-]*>|[\-=*#>|+:~.]{1,4}|[\-–—]|\.\.\.|[:;]-?[()DPp]|&&|\|\||=>|->|<-|!=|==|"  # markup, operators
    r"[\w\-]+:[\w\-]+(?::[\w\-]+)*|\w+::\w+|[\"'(][\w\-]+[\"')][.,:;]?|\(\w+\)|\[\w+\])$"
)
_CAMEL_FLIP = re.compile(r"[a-z]{2}[A-Z]{2,}|[A-Z]{2}[a-z]{3,}|[a-z][A-Z][a-z]+[A-Z]")
_GLUE = re.compile(r"[A-Za-z]{2}[^\w\s'\-]{2,}|[^\w\s'\-]{2,}[A-Za-z]{2}|[A-Za-z][^\w\s]+[A-Za-z][^\w\s]")
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CODE_LINE = re.compile(
    r"^\s{2,}\S|[;{}]\s*$|^\s*(?:def |class |import |from |resource |module |variable |output |provider |"
    r"function |var |let |const |if |for |while |return |#|//|/\*|\*|-\s|\w+:\s*$|<\w)|\w\s*(?::=|=|==|=>)\s*\S"
)


def _weird(token: str) -> float:
    if len(token) <= 2 or _OK_TOKEN.match(token):
        return 0.0
    letters = sum(ch.isalpha() for ch in token)
    if letters == 0:
        return 1.0 if len(set(token)) >= 3 else 0.0
    score = 0.0
    if _GLUE.search(token):
        score += 1.0
    if _CAMEL_FLIP.search(token):
        score += 0.6
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


def soup_score(text: str, *, window: int = 12) -> float:
    """0..1: how much the worst ``window``-token stretch of any prose line looks like optimised token soup."""
    best = 0.0
    for line in text.splitlines():
        if len(line) < 40 or _CODE_LINE.search(line):
            continue
        tokens = line.split()
        if len(tokens) < 8:
            continue
        # the line must also carry ordinary prose, as a request with a suffix does
        plain = sum(1 for t in tokens if t.isalpha() and t.islower())
        if plain < 4:
            continue
        weights = [_weird(t) for t in tokens]
        for start in range(0, max(1, len(tokens) - window + 1)):
            chunk = weights[start : start + window]
            total = sum(chunk)
            if total < 3.0:
                continue
            density = total / len(chunk)
            imbalance = _unbalanced(tokens[start : start + window])
            score = min(1.0, density * 1.6 + 0.1 * min(imbalance, 4))
            best = max(best, score)
    return best
