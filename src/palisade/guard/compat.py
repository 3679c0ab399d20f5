"""Translate between our guard results and LLM Guard API's wire conventions.

Our ``ScanResult.risk`` lies in [0, 1] with 0 meaning "nothing found". LLM Guard API reports a score per
scanner in [-1, 1] where -1 means "nothing found" and anything above 0 means the scanner triggered (its
official client tests ``score > 0``). Both directions live here so the server (``guard.server``) and the
client (``guard.remote``) cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from palisade.guard.base import Outcome, ScanResult

__all__ = [
    "NOTHING_FOUND",
    "SANITIZING_SCANNERS",
    "TRIGGERED_FLOOR",
    "outcome_from_llm_guard",
    "risk_from_llm_guard",
    "to_llm_guard_score",
    "to_llm_guard_scores",
]

NOTHING_FOUND = -1.0
# A scanner that triggered with a risk of (almost) 0 must still read as triggered (> 0) on the wire.
TRIGGERED_FLOOR = 0.01

# Scanner types that rewrite the text on /analyze/* rather than reject it. A remote verdict names only
# scores, so the client needs this to tell "redacted, may continue" from "blocked"; any other triggered
# scanner is treated as a block (fail closed).
SANITIZING_SCANNERS = frozenset({"Anonymize", "InvisibleText", "Secrets"})


def to_llm_guard_score(result: ScanResult) -> float:
    """-1.0 when the scanner found nothing; otherwise our risk, kept strictly above 0."""
    if result.valid:
        return NOTHING_FOUND
    return max(round(result.risk, 4), TRIGGERED_FLOOR)


def to_llm_guard_scores(results: Iterable[ScanResult]) -> dict[str, float]:
    """``{scanner name: score}``; when one type runs twice (two ``Regex`` entries), the higher score wins
    so a trigger is never hidden by a later pass."""
    scores: dict[str, float] = {}
    for result in results:
        score = to_llm_guard_score(result)
        scores[result.scanner] = max(score, scores.get(result.scanner, NOTHING_FOUND))
    return scores


def risk_from_llm_guard(score: float) -> float:
    """Our [0, 1] risk for an LLM Guard score: anything at or below 0 is "nothing found"."""
    if score != score:  # NaN: unknown, so the worst (outcome_from_llm_guard blocks it too)
        return 1.0
    if score <= 0:
        return 0.0
    return min(float(score), 1.0)


def outcome_from_llm_guard(scanner: str, score: float) -> Outcome:
    """What a remote scanner's score means for us: ``pass``, ``sanitized`` (a sanitizing scanner fired on
    /analyze, so the returned text is already cleaned) or ``blocked``. A score that is not a number is a
    block: we cannot tell it is safe."""
    if score != score:
        return "blocked"
    if score <= 0:
        return "pass"
    return "sanitized" if scanner in SANITIZING_SCANNERS else "blocked"
