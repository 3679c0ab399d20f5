"""Token usage and cost per turn: known models priced, dated names matched, unknown ones left null."""

from __future__ import annotations

import pytest

from palisade.config import ModelPrice
from palisade.engine.usage import TurnUsage, price_for
from palisade.providers.base import Completion, Usage


def completion(model: str, prompt: int = 1000, output: int = 500) -> Completion:
    return Completion(text="", usage=Usage(prompt, output), model=model)


def test_a_dated_model_name_matches_its_longest_listed_prefix() -> None:
    assert price_for(("gpt-4o-mini-2024-07-18",)) == ModelPrice(
        input_per_million=0.15, output_per_million=0.60
    )
    assert price_for(("gpt-4o-2024-08-06",)) == ModelPrice(
        input_per_million=2.50, output_per_million=10.0
    )
    assert price_for(("llama3.1:8b",)) is None


def test_configured_prices_win_and_can_name_an_azure_deployment() -> None:
    mine = {"prod-deploy": ModelPrice(input_per_million=1.0, output_per_million=2.0)}
    assert price_for(("prod-deploy", "gpt-4o-2024-08-06"), mine) == mine["prod-deploy"]


def test_a_turn_adds_up_its_calls() -> None:
    usage = TurnUsage()
    usage.add(completion("gpt-4o-mini"), provider="openai", configured_model="gpt-4o-mini")
    usage.add(completion("gpt-4o-mini"), provider="openai", configured_model="gpt-4o-mini")
    assert usage.to_dict() == {
        "provider": "openai",
        "model": "gpt-4o-mini",
        "calls": 2,
        "prompt_tokens": 2000,
        "completion_tokens": 1000,
        "total_tokens": 3000,
        "cost_usd": pytest.approx((2000 * 0.15 + 1000 * 0.60) / 1e6),
    }


def test_one_unpriced_call_makes_the_cost_unknown_not_a_guess() -> None:
    usage = TurnUsage()
    usage.add(completion("gpt-4o"), provider="openai", configured_model="gpt-4o")
    usage.add(completion("mystery-model"), provider="openai-compatible", configured_model="mystery")
    assert usage.cost_usd is None and usage.total_tokens == 3000


def test_the_offline_engine_is_free() -> None:
    usage = TurnUsage()
    usage.add(completion("offline", 0, 0), provider="offline", configured_model=None)
    assert usage.cost_usd == 0.0 and usage.calls == 1
