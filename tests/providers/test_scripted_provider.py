"""``ScriptedProvider`` replays its script, records what it was sent, and fails loudly past the end."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from palisade.errors import ProviderError
from palisade.providers import (
    Completion,
    GenerationOptions,
    Message,
    Provider,
    ScriptedProvider,
    TextDelta,
)

OPTIONS = GenerationOptions()


def test_complete_pops_in_order_and_records_messages() -> None:
    provider = ScriptedProvider()
    provider.enqueue(Completion(text="one"), Completion(text="two"))
    assert isinstance(provider, Provider) and provider.name == "scripted"
    first = [Message("user", "hi")]
    assert asyncio.run(provider.complete(first, options=OPTIONS)).text == "one"
    assert provider.remaining == 1
    assert asyncio.run(provider.complete([], options=OPTIONS)).text == "two"
    assert provider.calls == [first, []]
    assert provider.remaining == 0


def test_surprise_call_raises_provider_error() -> None:
    provider = ScriptedProvider()
    with pytest.raises(ProviderError, match="called more times than scripted"):
        asyncio.run(provider.complete([], options=OPTIONS))


def test_stream_splits_text_then_yields_completion() -> None:
    completion = Completion(text="a few words of scripted text here")
    provider = ScriptedProvider(completion)

    async def collect() -> list[Any]:
        return [e async for e in provider.stream([], options=OPTIONS)]

    *deltas, final = asyncio.run(collect())
    assert all(isinstance(d, TextDelta) for d in deltas) and len(deltas) > 1
    assert "".join(d.text for d in deltas) == completion.text
    assert final is completion
    asyncio.run(provider.aclose())


def test_exports_are_sorted_and_complete() -> None:
    import palisade.providers as providers

    assert providers.__all__ == sorted(providers.__all__)
    assert all(hasattr(providers, name) for name in providers.__all__)
