"""The guard's vocabulary: a scanner looks at one text and returns a typed ``ScanResult``.

Outcomes:
- ``pass``: nothing found (risk 0.0);
- ``sanitized``: something was found and removed from ``text`` (secrets redacted, invisible characters
  stripped); the conversation may continue with the sanitized text;
- ``blocked``: the text must not reach a model or a user.

``valid`` follows LLM Guard's meaning (the scanner did not trigger), so a sanitizing scanner that redacted a
secret is ``valid=False`` but not blocking.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol, runtime_checkable

Stage = Literal["input", "output"]
Outcome = Literal["pass", "sanitized", "blocked"]


@dataclass(frozen=True, slots=True)
class Detection:
    """One thing a scanner found: its kind (``aws-access-key``, ``email``...) and where, in the input text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ScanResult:
    scanner: str
    text: str
    outcome: Outcome
    risk: float
    reason: str = ""
    detections: tuple[Detection, ...] = ()
    elapsed_ms: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.risk <= 1.0:
            raise ValueError(f"risk must be within [0, 1], got {self.risk}")

    @property
    def valid(self) -> bool:
        return self.outcome == "pass"

    @property
    def blocked(self) -> bool:
        return self.outcome == "blocked"


@runtime_checkable
class Scanner(Protocol):
    """A scanner; ``name`` is LLM Guard's scanner type name (``Secrets``, ``PromptInjection``...)."""

    name: ClassVar[str]
    stage: ClassVar[Stage]

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult: ...


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the whole pipeline decided about one text."""

    stage: Stage
    sanitized: str
    results: tuple[ScanResult, ...] = field(default_factory=tuple)

    @property
    def blocked(self) -> bool:
        return any(r.blocked for r in self.results)

    @property
    def valid(self) -> bool:
        """LLM Guard's ``is_valid``: no scanner triggered."""
        return all(r.valid for r in self.results)

    @property
    def sanitized_changed(self) -> bool:
        return any(r.outcome == "sanitized" for r in self.results)

    @property
    def scores(self) -> dict[str, float]:
        return {r.scanner: round(r.risk, 4) for r in self.results}

    def summary(self) -> list[str]:
        """Human-readable lines saying what was blocked or removed — never the removed content itself."""
        lines: list[str] = []
        for r in self.results:
            if r.outcome == "pass":
                continue
            kinds = sorted({d.kind for d in r.detections})
            what = f" ({', '.join(kinds)})" if kinds else ""
            verb = "blocked" if r.blocked else "sanitized"
            lines.append(f"{r.scanner} {verb}{what}: {r.reason}".rstrip(": "))
        return lines

    def to_dict(self) -> dict[str, object]:
        return {"valid": self.valid, "scanners": self.scores, "sanitized": self.sanitized}


class GuardLike(Protocol):
    """What the engine needs from a guard: the local ``Guard`` pipeline or the remote LLM Guard API client
    (``guard.remote.RemoteGuard``) — both decide about one text and return a ``Verdict``."""

    @property
    def stage(self) -> Stage: ...

    def scan(
        self, text: str, *, prompt: str | None = None, suppress: Collection[str] = ()
    ) -> Verdict: ...


def sanitized_result(
    scanner: str,
    text: str,
    detections: Sequence[Detection],
    replacement: Callable[[Detection], str],
    *,
    reason: str,
    started: float,
) -> ScanResult:
    """The result of a sanitizing scanner: ``pass`` when nothing was detected, otherwise every detected
    span (sorted, non-overlapping) replaced by ``replacement(detection)``."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    if not detections:
        return ScanResult(scanner, text, "pass", 0.0, elapsed_ms=elapsed_ms)
    pieces: list[str] = []
    last = 0
    for d in detections:
        pieces.append(text[last : d.start])
        pieces.append(replacement(d))
        last = d.end
    pieces.append(text[last:])
    return ScanResult(
        scanner,
        "".join(pieces),
        "sanitized",
        1.0,
        reason=reason,
        detections=tuple(detections),
        elapsed_ms=elapsed_ms,
    )
