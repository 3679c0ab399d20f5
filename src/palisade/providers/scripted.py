"""``ScriptedProvider``: a queue-driven provider for tests that fails loudly when called past its script."""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Sequence

from palisade.errors import ProviderError
from palisade.providers.base import Completion, GenerationOptions, Message, StreamEvent, TextDelta
from palisade.providers.offline import split_deltas

__all__ = ["ScriptedProvider"]


class ScriptedProvider:
    """Answers each call with the next enqueued ``Completion`` and records the messages it was sent."""

    name = "scripted"

    def __init__(self, *completions: Completion) -> None:
        self._queue: deque[Completion] = deque(completions)
        self.calls: list[list[Message]] = []

    def enqueue(self, *completions: Completion) -> None:
        self._queue.extend(completions)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    def _next(self, messages: Sequence[Message]) -> Completion:
        self.calls.append(list(messages))
        if not self._queue:
            raise ProviderError("ScriptedProvider called more times than scripted")
        return self._queue.popleft()

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        return self._next(messages)

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        completion = self._next(messages)
        for chunk in split_deltas(completion.text):
            yield TextDelta(chunk)
        yield completion

    async def aclose(self) -> None:
        return None
