"""Notice when a model refused to answer — LLM Guard's ``NoRefusal`` / ``NoRefusalLight``, by phrasing.

A refusal is a first-person statement of not doing the task ("I can't help with that", "I'm sorry, but I
cannot", "As an AI language model, I don't", "I must decline", "that goes against my guidelines"). Strong
phrasings weigh 1.0 near the start of the answer and 0.8 later; hedges ("I'm sorry", "Unfortunately") weigh
0.4 and only count together with something else. Code blocks and quoted lines (``>``) are ignored, so an answer
quoting a refusal is not one.

Not refusals, on purpose: "As an example…", "I can't stress enough…", "I can't wait", "I can't help but
notice…", "I cannot recommend it highly enough", "you can't…" (second person), "this cannot be undone".
Palisade's own engine declines insecure requests with an alternative ("I can't open port 22 to the world;
here is a bastion instead") — a genuine refusal this scanner flags, which is why it is not in the default
policy.
"""

from __future__ import annotations

import re
import time
from typing import ClassVar, Literal

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params

__all__ = ["NoRefusalLightScanner", "NoRefusalScanner", "refusal_risk"]

_NEG = (
    r"(?:can(?:'t|not| not)|won't(?: be able to)?|will not(?: be able to)?|am unable to|'m unable to|am not able to|'m not able to|"
    r"am not allowed to|'m not allowed to|am not permitted to|'m not permitted to|must decline to|refuse to|"
    r"shouldn't|should not|don't feel comfortable|do not feel comfortable)"
)
_ACTS = (
    r"(?:help(?! but\b)(?!\s+\w+ing\b)|assist|provide|comply|fulfil+|support (?:that|this|your)|generate|"
    r"create|write|produce|share|answer|do (?:that|this|it)|continue|engage|participate|give|offer|"
    r"complete (?:that|this|your)|process (?:that|this|your)|carry (?:that|this|it) out|perform|"
    r"discuss|talk about|tell you|disclose|reveal|be of (?:help|assistance)|go along|proceed)"
)
_STRONG = re.compile(
    r"(?i)\bI ?" + _NEG + r" " + _ACTS + r"\b"
    r"|\bI(?:'m| am) (?:sorry|afraid),? (?:but )?I ?" + _NEG + r"\b"
    r"|\bI (?:apologi[sz]e|regret),? but I\b"
    r"|\bI must (?:respectfully |politely )?decline\b"
    r"|\bI(?:'m| am) not (?:able|allowed|permitted|going) to (?:help|assist|provide|do|comply|share|answer)\b"
    r"|\bAs an AI(?: language model| assistant| model| developed by \w+)?,? I (?:can(?:'t|not| not)|don't|"
    r"do not|am not|'m not|won't|will not|am unable|'m unable|have no|lack)\b"
    r"|\b(?:this|that|your) request (?:is|goes|falls) (?:against|outside|beyond)\b"
    r"|\b(?:it(?:'s| is)|that(?:'s| is)|this is) not (?:appropriate|something I can|possible for me|"
    r"within my)\b"
    r"|\b(?:against|violates?) (?:my|our|the|openai's) (?:guidelines|polic(?:y|ies)|programming|principles|"
    r"usage polic\w+|content polic\w+|terms)\b"
    r"|\bI(?:'m| am) (?:programmed|designed) (?:not to|to avoid)\b"
)
_WEAK = re.compile(
    r"(?i)\bI(?:'m| am) (?:sorry|afraid)\b|\bI apologi[sz]e\b|\bunfortunately\b|\bI(?:'m| am) unable\b"
)
_EXCLUDED = re.compile(
    r"(?i)can(?:'t|not) (?:stress|emphasi[sz]e|overstate|recommend \w+(?: \w+){0,3} enough|wait|believe|"
    r"thank you enough)|cannot be (?:overstated|stressed)"
)
_IGNORED = re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|^[ \t]*>[^\n]*", re.DOTALL | re.MULTILINE)


def refusal_risk(text: str) -> tuple[float, list[tuple[int, int]]]:
    """(risk in [0, 1], spans of the refusal phrases found)."""
    prose = _IGNORED.sub(lambda m: " " * len(m.group()), text.replace("’", "'"))
    early = max(300, len(prose) // 4)
    miss = 1.0
    spans: list[tuple[int, int]] = []
    for m in _STRONG.finditer(prose):
        if _EXCLUDED.search(prose[m.start() : m.end() + 40]):
            continue
        miss *= 1.0 - (1.0 if m.start() < early else 0.8)
        spans.append((m.start(), m.end()))
    for m in _WEAK.finditer(prose):
        if any(a <= m.start() < b for a, b in spans):
            continue
        miss *= 0.6
        spans.append((m.start(), m.end()))
    return round(1.0 - miss, 4), sorted(spans)


class NoRefusalScanner:
    """``blocked`` when the answer reads as a refusal with risk ``>= threshold``."""

    name: ClassVar[str] = "NoRefusal"
    stage: ClassVar[Stage] = "output"

    def __init__(
        self, *, threshold: float = 0.75, match_type: Literal["full", "sentence"] = "full"
    ) -> None:
        self.threshold = params.number("threshold", threshold, low=0.0, high=1.0, low_open=True)
        # Accepted for LLM Guard compatibility: phrases are found wherever they are, so both behave alike.
        self.match_type = params.choice("match_type", match_type, ("full", "sentence"))

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        risk, spans = refusal_risk(text)
        if risk < self.threshold:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        return ScanResult(
            self.name,
            text,
            "blocked",
            risk,
            reason="the answer is a refusal",
            detections=tuple(Detection("refusal", a, b) for a, b in spans),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )


class NoRefusalLightScanner(NoRefusalScanner):
    """LLM Guard's ``NoRefusalLight``: the same detector, no parameters."""

    name: ClassVar[str] = "NoRefusalLight"

    def __init__(self) -> None:
        super().__init__()
