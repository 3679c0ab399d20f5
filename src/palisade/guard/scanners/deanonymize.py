"""Put back the values ``Anonymize`` replaced, from the same conversation's vault (LLM Guard's ``Deanonymize``).

Restoring is not a finding: the outcome is ``pass`` (risk 0) with the restored text, as in LLM Guard where this
scanner is always valid. Only placeholders present in *this* conversation's vault are restored; anything else
that looks like a placeholder stays as it is. One pass over the text, so a restored value that itself looks
like a placeholder is never expanded again.

``matching_strategy``: ``exact`` (default) — ``[REDACTED_EMAIL_ADDRESS_1]`` as written; ``case_insensitive``;
``fuzzy`` / ``combined_exact_fuzzy`` — also what a model makes of a placeholder when it rewrites it: missing
brackets, spaces for underscores, any case (``redacted email address 1``).
"""

from __future__ import annotations

import re
import time
from typing import ClassVar, Literal

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.vault import PLACEHOLDER, Vault

__all__ = ["DeanonymizeScanner", "MatchingStrategy"]

MatchingStrategy = Literal["exact", "case_insensitive", "fuzzy", "combined_exact_fuzzy"]
_STRATEGIES: tuple[MatchingStrategy, ...] = (
    "exact",
    "case_insensitive",
    "fuzzy",
    "combined_exact_fuzzy",
)
_FUZZY = re.compile(
    r"(?:\[[ \t]{0,2})?REDACTED[_ ]([A-Z][A-Z0-9_ ]{0,40}?)[_ ](\d{1,6})(?:[ \t]{0,2}\])?",
    re.IGNORECASE,
)


class DeanonymizeScanner:
    name: ClassVar[str] = "Deanonymize"
    stage: ClassVar[Stage] = "output"
    uses_vault: ClassVar[bool] = True

    def __init__(self, *, matching_strategy: MatchingStrategy = "exact") -> None:
        if matching_strategy not in _STRATEGIES:
            raise ValueError(
                f"matching_strategy must be one of {', '.join(_STRATEGIES)}, got {matching_strategy!r}"
            )
        self.matching_strategy: MatchingStrategy = matching_strategy
        if matching_strategy == "exact":
            self._pattern = PLACEHOLDER
        elif matching_strategy == "case_insensitive":
            self._pattern = re.compile(PLACEHOLDER.pattern, re.IGNORECASE)
        else:
            self._pattern = _FUZZY

    def scan(
        self, text: str, *, prompt: str | None = None, vault: Vault | None = None
    ) -> ScanResult:
        started = time.perf_counter()
        restored: list[Detection] = []
        result = text
        if vault is not None and len(vault) and "redacted" in text.lower():
            lookup = vault

            def put_back(m: re.Match[str]) -> str:
                kind = re.sub(r"[ _]+", "_", m.group(1).strip()).upper()
                value = lookup.get(f"[REDACTED_{kind}_{int(m.group(2))}]")
                if value is None:
                    return m.group()
                restored.append(Detection(kind, m.start(), m.end()))
                return value

            result = self._pattern.sub(put_back, text)
        return ScanResult(
            self.name,
            result,
            "pass",
            0.0,
            reason=f"restored {len(restored)} value(s)" if restored else "",
            detections=tuple(restored),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
