"""The provider interface: one conversation in, one completion (text and/or tool calls) out.

A provider owns its authentication, base URL and client. The offline engine is a provider too: it answers
with the same tool calls a language model would make, so the engine runs one loop for all of them.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Role = Literal["system", "user", "assistant", "tool"]


@dataclass(frozen=True, slots=True)
class ToolCall:
    id: str
    name: str
    arguments: str  # raw JSON text, as models send it; parse with ``parsed_arguments``

    def parsed_arguments(self) -> dict[str, Any]:
        value = json.loads(self.arguments or "{}")
        if not isinstance(value, dict):
            raise ValueError("tool arguments must be a JSON object")
        return value


@dataclass(frozen=True, slots=True)
class Message:
    role: Role
    content: str
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool the model may call, described by a JSON schema for its arguments."""

    name: str
    description: str
    parameters: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage = field(default_factory=Usage)
    model: str = ""
    finish_reason: str = "stop"


@dataclass(frozen=True, slots=True)
class TextDelta:
    text: str


StreamEvent = TextDelta | Completion  # a stream yields deltas and ends with the whole Completion


@dataclass(frozen=True, slots=True)
class GenerationOptions:
    tools: Sequence[ToolSpec] = ()
    temperature: float = 0.0
    max_tokens: int | None = None


@runtime_checkable
class Provider(Protocol):
    name: str

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion: ...

    def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]: ...

    async def aclose(self) -> None: ...
