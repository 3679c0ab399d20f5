"""Prompt-injection and jailbreak detection, offline, in two tiers over several readings of the text.

1. **Rules** (``_pi._heuristic``): one weighted pattern per attack *move* — drop your instructions, claim a new
   authority (forged role markers, fake policy updates, "admin mode"), ask for what the model must keep
   (system prompt, its own tokens), address the model from inside pasted content, frame an unsafe ask as
   fiction or pressure, hide any of it (base64, hex, rot13, reversed, leetspeak, split letters, look-alike
   letters, zero-width and tag characters, string literals to concatenate), say it in another language,
   or append optimised token soup. Matched on the normalized text and on every decoded view of it.
2. **Model** (``_pi._model``): a linear model over hashed word and character n-grams plus the rule signals,
   scored on windows of 48 words; a text scores as its worst window, so length neither hides nor causes a
   block. Weights ship in ``palisade/guard/models/pi_linear.npz`` (trained by
   ``python -m palisade.guard.training.pi train``).

The risk is ``1 - (1 - rules)(1 - model)``; the text is blocked at ``threshold`` (0.5). Texts that are
*about* attacks (questions, quoted examples) damp the weak signals. What the guard misses must still be
unable to act: the pull-request tool enforces its own allow-list and confirmation.
"""

from __future__ import annotations

import time
from typing import ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners._pi import (
    LinearModel,
    load_default_model,
    normalize,
    score_rules,
    signal_names,
)

__all__ = ["PromptInjectionScanner", "normalize", "score_prompt_injection"]

# The model reads at most this many characters (half from the start, half from the end of a longer
# input); the rule tier reads everything.
_MODEL_MAX_CHARS = 200_000


def score_prompt_injection(
    text: str, *, model: LinearModel | None = None
) -> tuple[float, list[str]]:
    """Risk in [0, 1] and the reasons behind it (``signal(view)`` names, ``model`` when the model fired)."""
    rule_risk, hits = score_rules(text)
    reasons = [h.signal if h.view == "normalized" else f"{h.signal}({h.view})" for h in hits]
    if model is None:
        return rule_risk, reasons
    if len(text) > _MODEL_MAX_CHARS:
        half = _MODEL_MAX_CHARS // 2
        parts = [text[:half], text[-half:]]
    else:
        parts = [text]
    names = signal_names(hits)
    model_risk = max(model.risk(model.logit(normalize(part), names)) for part in parts)
    if model_risk >= 0.5:
        reasons.append("model")
    risk = 1.0 - (1.0 - rule_risk) * (1.0 - model_risk)
    return round(min(1.0, max(0.0, risk)), 4), reasons


class PromptInjectionScanner:
    """LLM Guard's ``PromptInjection``, offline: blocked when ``risk >= threshold``.

    ``use_model=False`` keeps only the rule tier (no NumPy work at all).
    """

    name: ClassVar[str] = "PromptInjection"
    stage: ClassVar[Stage] = "input"
    sanitizes: ClassVar[bool] = False

    def __init__(self, *, threshold: float = 0.5, use_model: bool = True) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be within (0, 1], got {threshold}")
        self.threshold = threshold
        self.model: LinearModel | None = load_default_model() if use_model else None

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        risk, reasons = score_prompt_injection(text, model=self.model)
        blocked = risk >= self.threshold
        return ScanResult(
            scanner=self.name,
            text=text,
            outcome="blocked" if blocked else "pass",
            risk=risk,
            reason=", ".join(reasons) if blocked else "",
            detections=tuple(Detection(f"prompt-injection:{r}", 0, 0) for r in reasons)
            if blocked
            else (),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
