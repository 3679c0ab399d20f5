"""The chat-completions wire protocol, spoken through the official ``openai`` SDK.

OpenAI, Azure OpenAI and every OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp, LiteLLM) accept
the same request; they differ in how the client is built (URL shape, auth header, API version). So one class
owns the conversion and the error mapping, and each provider module only builds its client.

Two rules hold for every subclass:

* No ``openai.*`` or ``httpx.*`` exception leaves this module: each is mapped to a ``ProviderError`` that says
  what to check (``_map_error``).
* The SDK does not retry (``max_retries=0``): ``providers/resilience.py`` does, explicitly.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import suppress
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx
import openai

from palisade.config import ProviderSettings
from palisade.errors import (
    ConfigError,
    ProviderConnectionError,
    ProviderError,
    ProviderHTTPError,
    ProviderTimeoutError,
)
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolSpec,
    Usage,
)
from palisade.providers.resilience import retry_after_seconds

__all__ = ["ChatCompletionsProvider", "check_key_transport", "to_wire_messages", "to_wire_tools"]

log = logging.getLogger(__name__)


def to_wire_messages(messages: Sequence[Message]) -> list[dict[str, Any]]:
    """Our messages as chat-completions messages (``tool_calls`` and ``tool_call_id`` included)."""
    wire: list[dict[str, Any]] = []
    for m in messages:
        if m.role == "tool":
            wire.append(
                {"role": "tool", "tool_call_id": m.tool_call_id or "", "content": m.content}
            )
        elif m.role == "assistant" and m.tool_calls:
            wire.append(
                {
                    "role": "assistant",
                    "content": m.content or None,
                    "tool_calls": [
                        {
                            "id": c.id,
                            "type": "function",
                            "function": {"name": c.name, "arguments": c.arguments or "{}"},
                        }
                        for c in m.tool_calls
                    ],
                }
            )
        else:
            wire.append({"role": m.role, "content": m.content})
    return wire


def to_wire_tools(tools: Sequence[ToolSpec]) -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {
                "name": t.name,
                "description": t.description,
                "parameters": dict(t.parameters),
            },
        }
        for t in tools
    ]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_key_transport(url: str, *, has_key: bool, setting: str) -> None:
    """Refuse to send an API key in clear text: a key goes over https, or to this machine only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{setting}={url!r} is not an http(s) URL, e.g. https://api.example.com/v1."
        )
    if has_key and parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigError(
            f"{setting}={url!r} would send the API key unencrypted to {parts.hostname}. Use an https URL, "
            "or drop the key for a server that needs none."
        )


class _ToolCallParts:
    """One tool call assembled from stream fragments (id and name arrive first, arguments in pieces)."""

    def __init__(self) -> None:
        self.id = ""
        self.name = ""
        self.arguments: list[str] = []


class ChatCompletionsProvider:
    """Base class: subclasses set ``name`` and implement ``_make_client`` (and ``describe``)."""

    name: str = "chat-completions"
    max_tokens_field: ClassVar[str] = "max_completion_tokens"
    key_hint: ClassVar[str] = "OPENAI_API_KEY"
    model_hint: ClassVar[str] = "PALISADE_MODEL"

    def __init__(
        self, settings: ProviderSettings, *, http_client: httpx.AsyncClient | None = None
    ) -> None:
        self.settings = settings
        self._http_client = http_client
        self._client: openai.AsyncOpenAI | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None

    # ----------------------------------------------------------------------------- subclass hooks
    @property
    def model(self) -> str:
        if not self.settings.model:
            raise ConfigError(f"No model set for the {self.name} provider. Set {self.model_hint}.")
        return self.settings.model

    def describe(self) -> str:
        """Where requests go, for logs and ``palisade doctor`` (never the key)."""
        return f"{self.name} model {self.settings.model!r}"

    def _client_kwargs(self) -> dict[str, Any]:  # pragma: no cover - every subclass overrides
        """The client's auth and address, after checking the settings (``ConfigError`` says what to set)."""
        raise NotImplementedError

    def _make_client(self) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            **self._client_kwargs(),
            timeout=self._timeout(),
            max_retries=0,  # providers/resilience.py retries, explicitly
            http_client=self._http_client,
        )

    def check_settings(self) -> None:
        """Raise ``ConfigError`` now (at startup) for settings the first call would trip over."""
        self._client_kwargs()

    def _timeout(self) -> httpx.Timeout:
        total = self.settings.timeout_seconds
        return httpx.Timeout(total, connect=min(10.0, total))

    # ------------------------------------------------------------------------------- the client
    def _get_client(self) -> openai.AsyncOpenAI:
        """One client per event loop: an async HTTP pool cannot outlive the loop it was made in, and the
        command line may run several loops in one process. An injected ``http_client`` is used as given."""
        loop = asyncio.get_running_loop()
        if self._client is None or (self._http_client is None and self._client_loop is not loop):
            self._client = self._make_client()
            self._client_loop = loop
        return self._client

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None and self._http_client is None:
            with suppress(RuntimeError):  # its loop may be gone already
                await client.close()

    # ------------------------------------------------------------------------------ the request
    def _request(self, messages: Sequence[Message], options: GenerationOptions) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.model,
            "messages": to_wire_messages(messages),
            "temperature": options.temperature,
        }
        if options.tools:
            request["tools"] = to_wire_tools(options.tools)
        if options.max_tokens is not None:
            request[self.max_tokens_field] = options.max_tokens
        return request

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        request = self._request(messages, options)
        try:
            create: Any = self._get_client().chat.completions.create
            response = await create(**request)
            return self._completion(response)
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise self._map_error(exc) from exc

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        request = self._request(messages, options) | {"stream": True}
        if self.settings.stream_usage:
            request["stream_options"] = {"include_usage": True}
        text: list[str] = []
        calls: dict[int, _ToolCallParts] = {}
        usage = Usage()
        model = ""
        finish = "stop"
        try:
            create: Any = self._get_client().chat.completions.create
            chunks = await create(**request)
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise self._map_error(exc) from exc
        try:
            async for chunk in chunks:
                model = chunk.model or model
                if chunk.usage is not None:
                    usage = Usage(
                        chunk.usage.prompt_tokens or 0, chunk.usage.completion_tokens or 0
                    )
                for choice in chunk.choices:  # Azure sends chunks without choices (filter results)
                    delta = choice.delta
                    if delta is not None and delta.content:
                        text.append(delta.content)
                        yield TextDelta(delta.content)
                    for part in (delta.tool_calls if delta is not None else None) or ():
                        call = calls.setdefault(part.index, _ToolCallParts())
                        call.id = part.id or call.id
                        if part.function is not None:
                            call.name = part.function.name or call.name
                            call.arguments.append(part.function.arguments or "")
                    if choice.finish_reason:
                        finish = choice.finish_reason
        except (openai.OpenAIError, httpx.HTTPError) as exc:
            raise self._map_error(exc) from exc
        finally:
            # Closing early (the user pressed Stop) lands here too: drop the HTTP response now.
            with suppress(Exception):
                await chunks.close()
        tool_calls = tuple(
            ToolCall(id=c.id or f"call_{i}", name=c.name, arguments="".join(c.arguments))
            for i, c in sorted(calls.items())
        )
        yield Completion(
            text="".join(text),
            tool_calls=tool_calls,
            usage=usage,
            model=model or self.model,
            finish_reason=finish,
        )

    def _completion(self, response: Any) -> Completion:
        if not response.choices:
            raise ProviderError(f"The {self.name} provider answered without a choice. Try again.")
        choice = response.choices[0]
        message = choice.message
        tool_calls = tuple(
            ToolCall(id=c.id, name=c.function.name, arguments=c.function.arguments or "")
            for c in (message.tool_calls or ())
            if getattr(c, "function", None) is not None
        )
        usage = response.usage
        return Completion(
            text=message.content or "",
            tool_calls=tool_calls,
            usage=Usage(usage.prompt_tokens or 0, usage.completion_tokens or 0)
            if usage
            else Usage(),
            model=response.model or self.model,
            finish_reason=choice.finish_reason or "stop",
        )

    # ------------------------------------------------------------------------------ the errors
    def _map_error(self, exc: Exception) -> ProviderError:
        """The most specific ``ProviderError`` for an SDK or HTTP failure, saying what to check."""
        where = self.describe()
        if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
            return ProviderTimeoutError(
                f"{where} did not answer within {self.settings.timeout_seconds:g}s. Try again, or raise "
                "PALISADE_PROVIDER__TIMEOUT_SECONDS."
            )
        if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
            return ProviderConnectionError(
                f"Cannot reach {where}: {str(exc).rstrip('.')}. Check the URL and that the server "
                "is running (`palisade doctor` checks it)."
            )
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            body = str(exc.body)[:500] if exc.body is not None else ""
            hint = {
                400: "The request was refused; the message above says why.",
                401: f"The API key was refused: check {self.key_hint}.",
                403: f"The key may not use this model: check {self.key_hint} and its permissions.",
                404: f"Not found: check the model or deployment name ({self.model_hint}) and the URL.",
                429: "Rate limited or out of quota: wait, or check the account's limits.",
            }.get(status, "The server failed; try again later.")
            return ProviderHTTPError(
                f"{where} answered HTTP {status}: {exc.message} {hint}",
                status_code=status,
                body=body,
                retry_after=retry_after_seconds(dict(exc.response.headers)),
            )
        if isinstance(exc, openai.OpenAIError):
            return ProviderError(f"{where} failed: {exc}")
        return ProviderError(f"{where} failed: {type(exc).__name__}: {exc}")
