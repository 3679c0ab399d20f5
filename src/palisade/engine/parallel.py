"""Parallel detection (``PALISADE_GUARD__PARALLEL_DETECTION``): the model call starts while the slow
detection-only scanners still run, and nothing it returns is used until they passed.

The input policy is split in two. Everything that rewrites text (``InvisibleText``, ``Secrets``,
``Anonymize``, a truncating ``TokenLimit``, a redacting ``Regex``…) and every cheap check runs first, to the
end, before anything leaves the process: the model only ever gets sanitized text. The detection-only
scanners (``DETECTION_ONLY``) then run concurrently with the model call, each on exactly the text it would
have seen in the sequential pipeline (``PromptInjection`` before ``Anonymize`` still judges the words as
written). Their results are merged back in policy order, so the verdict is the one the sequential pipeline
gives.

The price, and why it is off by default: with it on, a prompt the guard then blocks has already been sent
to the model provider (sanitized, but sent). The red-team rule "block before any LLM sees it" forbids
that; turn it on only where the provider is trusted with rejected prompts and the latency matters.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from palisade.guard.base import Scanner, ScanResult, Verdict
from palisade.guard.pipeline import Guard, is_sanitizing
from palisade.guard.vault import Vault
from palisade.providers.base import Message, StreamEvent
from palisade.providers.resilience import close_stream

__all__ = [
    "DETECTION_ONLY",
    "DetectionSplit",
    "PrefetchedStream",
    "is_detection_only",
]

# Scanners that only decide (never rewrite) and cost enough to be worth overlapping with the model call.
# Anything else runs before the model is called. A scanner class may say so itself with
# ``detection_only = True`` (or opt out with ``False``).
DETECTION_ONLY: frozenset[str] = frozenset({"PromptInjection", "BanTopics", "Language"})


def is_detection_only(scanner: Scanner) -> bool:
    """Whether ``scanner`` may run while the model is already working (never a sanitizing one)."""
    declared = getattr(scanner, "detection_only", scanner.name in DETECTION_ONLY)
    return bool(declared) and not is_sanitizing(scanner)


@dataclass(frozen=True, slots=True)
class DetectionSplit:
    """One input guard's policy, split into what must finish before sending and what may run alongside."""

    guard: Guard
    deferred: frozenset[str]  # scanner names that run alongside the model call

    @classmethod
    def of(cls, guard: Guard) -> DetectionSplit:
        """The split for ``guard``; a name used twice in the policy stays in the first part (names are
        how the pipeline skips scanners, so a repeated one cannot be split)."""
        counts = Counter(s.name for s in guard.scanners)
        deferred = frozenset(
            s.name for s in guard.scanners if counts[s.name] == 1 and is_detection_only(s)
        )
        return cls(guard, deferred)

    def __bool__(self) -> bool:
        return bool(self.deferred)

    def before_sending(self, text: str, vault: Vault | None) -> Verdict:
        """Every scanner except the deferred ones, with the conversation's vault."""
        return self.guard.scan(text, suppress=self.deferred, vault=vault)

    def detect(self, text: str, first: Verdict) -> Verdict:
        """The deferred scanners, merged with ``first`` (the unblocked ``before_sending`` verdict of
        ``text``) into the verdict the whole pipeline gives."""
        if first.blocked:
            raise ValueError("detect() continues an unblocked verdict only")
        inputs = self._inputs(text, first.results)
        names = {s.name for s in self.guard.scanners}
        found: dict[str, ScanResult] = {}
        for seen in dict.fromkeys(inputs.values()):  # one pipeline run per distinct text, in order
            group = {name for name, value in inputs.items() if value == seen}
            verdict = self.guard.scan(seen, suppress=names - group)
            found.update((r.scanner, r) for r in verdict.results)
        before = iter(first.results)
        merged: list[ScanResult] = []
        for scanner in self.guard.scanners:
            if scanner.name in self.deferred:
                if scanner.name in found:  # absent only when fail_fast skipped it
                    merged.append(found[scanner.name])
            else:
                merged.append(next(before))
        return Verdict(first.stage, first.sanitized, tuple(merged))

    def _inputs(self, text: str, results: Sequence[ScanResult]) -> dict[str, str]:
        """The text each deferred scanner sees in the sequential pipeline: what the scanner before it left."""
        before = iter(results)
        current = text
        inputs: dict[str, str] = {}
        for scanner in self.guard.scanners:
            if scanner.name in self.deferred:
                inputs[scanner.name] = current
            else:
                current = next(before).text
        return inputs


class _Ended:
    """The stream ended before its first event."""


async def _first(events: AsyncIterator[StreamEvent]) -> StreamEvent | _Ended:
    try:
        return await anext(events)
    except StopAsyncIteration:
        return _Ended()


class PrefetchedStream:
    """A provider stream whose request goes out now and is read later; closing it cancels the call.

    Only the first event is awaited ahead (that sends the request and waits for the model's first
    token, the part worth overlapping); the reader then takes the same stream over, so streaming
    costs nothing extra and an unread answer stays in the connection, not in memory.
    ``history`` is what was sent, so the turn continues from the same messages.
    """

    def __init__(self, events: AsyncIterator[StreamEvent], history: list[Message]) -> None:
        self.history = history
        self._events = events
        self._started: asyncio.Task[StreamEvent | _Ended] | None = (
            asyncio.get_running_loop().create_task(_first(events))
        )

    def __aiter__(self) -> PrefetchedStream:
        return self

    async def __anext__(self) -> StreamEvent:
        if self._started is None:
            return await anext(self._events)
        started, self._started = self._started, None
        first = await started
        if isinstance(first, _Ended):
            raise StopAsyncIteration
        return first

    async def aclose(self) -> None:
        """Cancel the model call (if it is still running) and close its HTTP response."""
        started, self._started = self._started, None
        if started is not None:
            started.cancel()
            await asyncio.wait({started})
            if not started.cancelled():
                started.exception()  # its outcome no longer matters: nobody will read it
        await close_stream(self._events)
