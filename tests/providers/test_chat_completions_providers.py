"""OpenAI, Azure OpenAI and OpenAI-compatible providers: the real SDK against a loopback fake server."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import time
from collections.abc import Sequence
from typing import Any

import pytest
from pydantic import SecretStr

from palisade.config import ProviderSettings
from palisade.errors import (
    ConfigError,
    ProviderConnectionError,
    ProviderHTTPError,
    ProviderTimeoutError,
)
from palisade.providers import (
    AzureOpenAIProvider,
    OpenAICompatibleProvider,
    OpenAIProvider,
)
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolSpec,
)
from palisade.providers.chat_completions import ChatCompletionsProvider
from tests.fakes.fake_openai import FakeOpenAI, Reply, answer, calls, error
from tests.helpers import free_port

KEY = "sk-test-0123456789"
TOOL = ToolSpec(
    name="search_catalog",
    description="Search the catalog.",
    parameters={"type": "object", "properties": {"query": {"type": "string"}}},
)
MESSAGES = (
    Message(role="system", content="You are Palisade."),
    Message(role="user", content="a private bucket"),
)
OPTIONS = GenerationOptions(tools=(TOOL,))


def openai_provider(base_url: str, **overrides: Any) -> OpenAIProvider:
    values: dict[str, Any] = {
        "base_url": f"{base_url}/v1",
        "api_key": SecretStr(KEY),
        "model": "gpt-4o-mini",
        "timeout_seconds": 5,
    }
    return OpenAIProvider(ProviderSettings(**(values | overrides)))


def azure_provider(base_url: str, **overrides: Any) -> AzureOpenAIProvider:
    values: dict[str, Any] = {
        "azure_endpoint": base_url,
        "api_key": SecretStr(KEY),
        "model": "palisade-gpt4o",
        "api_version": "2024-10-21",
        "timeout_seconds": 5,
    }
    return AzureOpenAIProvider(ProviderSettings(**(values | overrides)))


def compatible_provider(base_url: str, **overrides: Any) -> OpenAICompatibleProvider:
    values: dict[str, Any] = {
        "base_url": f"{base_url}/v1",
        "model": "llama3.1",
        "timeout_seconds": 5,
    }
    return OpenAICompatibleProvider(ProviderSettings(**(values | overrides)))


async def _drain(
    provider: ChatCompletionsProvider, messages: Sequence[Message] = MESSAGES
) -> list[StreamEvent]:
    try:
        return [e async for e in provider.stream(messages, options=OPTIONS)]
    finally:
        await provider.aclose()


async def _complete(provider: ChatCompletionsProvider) -> Completion:
    try:
        return await provider.complete(MESSAGES, options=OPTIONS)
    finally:
        await provider.aclose()


def test_openai_completion_sends_model_messages_tools_and_the_key(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.enqueue(answer("Use the private S3 bucket blueprint.", usage=(42, 9)))
    completion = asyncio.run(_complete(openai_provider(base_url)))
    assert completion == Completion(
        text="Use the private S3 bucket blueprint.",
        usage=completion.usage,
        model="fake-model-2024",
        finish_reason="stop",
    )
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (42, 9)
    (request,) = fake.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.body["model"] == "gpt-4o-mini" and request.body["temperature"] == 0.0
    assert [m["role"] for m in request.messages] == ["system", "user"]
    assert request.tool_names == ["search_catalog"]


def test_a_stream_yields_text_progressively_and_assembles_tool_calls_from_fragments(
    fake: FakeOpenAI, base_url: str
) -> None:
    args = {"blueprint": "aws-s3-private-bucket", "params": {"bucket_name": "acme-logs"}}
    fake.enqueue(
        calls(
            ("render_blueprint", args), ("search_catalog", {"query": "kms"}), text="Rendering now."
        )
    )
    events = asyncio.run(_drain(openai_provider(base_url)))
    deltas = [e.text for e in events if isinstance(e, TextDelta)]
    final = events[-1]
    assert isinstance(final, Completion) and len(deltas) > 1
    assert "".join(deltas) == final.text == "Rendering now."
    assert [c.name for c in final.tool_calls] == ["render_blueprint", "search_catalog"]
    assert final.tool_calls[0].parsed_arguments() == args
    assert final.finish_reason == "tool_calls"
    assert (final.usage.prompt_tokens, final.usage.completion_tokens) == (120, 30)
    (request,) = fake.requests
    assert request.body["stream"] is True and request.body["stream_options"] == {
        "include_usage": True
    }


def test_malformed_tool_arguments_reach_the_engine_as_sent(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(calls(("render_blueprint", '{"blueprint": "aws-s3-priv')))
    final = asyncio.run(_drain(openai_provider(base_url)))[-1]
    assert isinstance(final, Completion)
    (call,) = final.tool_calls
    assert call.arguments == '{"blueprint": "aws-s3-priv'
    with pytest.raises(ValueError):
        call.parsed_arguments()


def test_history_with_tool_calls_and_results_goes_out_in_the_wire_format(
    fake: FakeOpenAI, base_url: str
) -> None:
    history = (
        *MESSAGES,
        Message(
            role="assistant",
            content="",
            tool_calls=(ToolCall(id="call_9", name="search_catalog", arguments='{"query":"s3"}'),),
        ),
        Message(role="tool", content="<tool_result>[]</tool_result>", tool_call_id="call_9"),
    )
    fake.enqueue(answer("Nothing found."))
    asyncio.run(_drain(openai_provider(base_url), history))
    wire = fake.requests[0].messages
    assert wire[2] == {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_9",
                "type": "function",
                "function": {"name": "search_catalog", "arguments": '{"query":"s3"}'},
            }
        ],
    }
    assert wire[3] == {
        "role": "tool",
        "tool_call_id": "call_9",
        "content": "<tool_result>[]</tool_result>",
    }


def test_azure_uses_the_deployment_url_the_api_version_and_the_api_key_header(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.api_key = KEY
    fake.enqueue(answer("Hello from Azure."), answer("Again."))
    events = asyncio.run(_drain(azure_provider(base_url)))
    completion = asyncio.run(_complete(azure_provider(base_url)))
    assert isinstance(events[-1], Completion) and events[-1].text == "Hello from Azure."
    assert completion.text == "Again."
    for request in fake.requests:
        assert request.path == "/openai/deployments/palisade-gpt4o/chat/completions"
        assert request.query == {"api-version": "2024-10-21"}
        assert request.headers["api-key"] == KEY
        assert "authorization" not in request.headers


def test_azure_with_a_wrong_key_says_which_variable_to_check(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.api_key = "the-right-key"
    with pytest.raises(ProviderHTTPError) as caught:
        asyncio.run(_complete(azure_provider(base_url)))
    assert caught.value.status_code == 401
    assert "AZURE_OPENAI_API_KEY" in str(caught.value)
    assert KEY not in str(caught.value)


def test_an_openai_compatible_server_needs_no_key_and_gets_max_tokens(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.enqueue(answer("ok"))
    provider = compatible_provider(base_url)

    async def run() -> Completion:
        try:
            return await provider.complete(MESSAGES, options=GenerationOptions(max_tokens=16))
        finally:
            await provider.aclose()

    assert asyncio.run(run()).text == "ok"
    (request,) = fake.requests
    assert request.body["model"] == "llama3.1" and request.body["max_tokens"] == 16
    assert "tools" not in request.body


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "OPENAI_API_KEY"), (404, "PALISADE_MODEL"), (429, "Rate limited"), (500, "try again")],
    ids=["unauthorized", "not-found", "rate-limited", "server-error"],
)
def test_http_errors_become_provider_errors_that_say_what_to_check(
    fake: FakeOpenAI, base_url: str, status: int, expected: str
) -> None:
    fake.enqueue(error(status))
    with pytest.raises(ProviderHTTPError) as caught:
        asyncio.run(_drain(openai_provider(base_url)))
    assert caught.value.status_code == status
    assert expected in str(caught.value)


def test_a_slow_server_times_out_with_a_clear_error(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(Reply(text="too late", delay=1.5))
    started = time.monotonic()
    with pytest.raises(ProviderTimeoutError, match="did not answer within 0.3s"):
        asyncio.run(_complete(openai_provider(base_url, timeout_seconds=0.3)))
    assert time.monotonic() - started < 1.4


def test_an_unreachable_server_is_a_connection_error() -> None:
    provider = compatible_provider(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ProviderConnectionError, match="Cannot reach"):
        asyncio.run(_complete(provider))


def test_closing_a_stream_early_closes_the_http_response(fake: FakeOpenAI, base_url: str) -> None:
    text = "word " * 400  # 400 chunks at 20 ms: eight seconds if it were read to the end
    fake.enqueue(Reply(text=text, chunk_delay=0.02))
    provider = openai_provider(base_url)

    async def read_two_then_stop() -> list[str]:
        stream = provider.stream(MESSAGES, options=OPTIONS)
        got = [await anext(stream), await anext(stream)]
        await stream.aclose()  # type: ignore[attr-defined]
        await provider.aclose()
        return [e.text for e in got if isinstance(e, TextDelta)]

    started = time.monotonic()
    assert len(asyncio.run(read_two_then_stop())) == 2
    assert fake.stream_cancelled.wait(timeout=5), "the server kept streaming to nobody"
    assert fake.chunks_sent < 100
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("build", "settings", "expected"),
    [
        (OpenAIProvider, {"model": "gpt-4o"}, "OPENAI_API_KEY"),
        (OpenAICompatibleProvider, {"model": "llama3.1"}, "OPENAI_BASE_URL"),
        (OpenAICompatibleProvider, {"base_url": "http://127.0.0.1:11434/v1"}, "PALISADE_MODEL"),
        (AzureOpenAIProvider, {"api_key": SecretStr(KEY), "model": "d"}, "AZURE_OPENAI_ENDPOINT"),
        (
            AzureOpenAIProvider,
            {"api_key": SecretStr(KEY), "azure_endpoint": "https://x.openai.azure.com"},
            "AZURE_OPENAI_DEPLOYMENT",
        ),
        (
            OpenAICompatibleProvider,
            {
                "base_url": "http://gpu-box.internal:8000/v1",
                "model": "m",
                "api_key": SecretStr(KEY),
            },
            "unencrypted",
        ),
    ],
    ids=[
        "openai-no-key",
        "compatible-no-url",
        "compatible-no-model",
        "azure-no-endpoint",
        "azure-no-deployment",
        "key-over-plain-http",
    ],
)
def test_missing_or_unsafe_settings_name_what_to_set(
    build: type[ChatCompletionsProvider], settings: dict[str, Any], expected: str
) -> None:
    provider = build(ProviderSettings(**settings))
    with pytest.raises(ConfigError, match=expected):
        asyncio.run(_complete(provider))


def _has_azure_identity() -> bool:
    try:
        return importlib.util.find_spec("azure.identity") is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.skipif(_has_azure_identity(), reason="azure-identity is installed")
def test_keyless_azure_without_the_extra_says_how_to_install_it() -> None:
    provider = AzureOpenAIProvider(
        ProviderSettings(azure_endpoint="https://x.openai.azure.com", model="d")
    )
    with pytest.raises(ConfigError, match=r"palisade\[azure\]"):
        asyncio.run(_complete(provider))


def test_an_error_body_is_kept_for_diagnosis(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(error(400))
    with pytest.raises(ProviderHTTPError) as caught:
        asyncio.run(_complete(openai_provider(base_url)))
    assert "fake error 400" in caught.value.body
    json.dumps({"body": caught.value.body})
