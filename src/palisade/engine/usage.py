"""Token usage and an estimated cost per turn.

Prices are list prices in US dollars per million tokens (input, output) for OpenAI models as published in
2025; they change, so treat the cost as an estimate and override or extend the table with
``PALISADE_PROVIDER__PRICES`` (JSON: ``{"<model or deployment>": {"input_per_million": ..,
"output_per_million": ..}}``). Azure deployments are priced by their deployment name (configured) or by the
model name the service reports. An unknown model has cost ``None``, never a guess; the offline engine costs 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from palisade.config import ModelPrice
from palisade.providers.base import Completion

__all__ = ["PRICES", "TurnUsage", "price_for"]

PRICES: Mapping[str, ModelPrice] = {
    "gpt-4o": ModelPrice(input_per_million=2.50, output_per_million=10.00),
    "gpt-4o-mini": ModelPrice(input_per_million=0.15, output_per_million=0.60),
    "gpt-4.1": ModelPrice(input_per_million=2.00, output_per_million=8.00),
    "gpt-4.1-mini": ModelPrice(input_per_million=0.40, output_per_million=1.60),
    "gpt-4.1-nano": ModelPrice(input_per_million=0.10, output_per_million=0.40),
    "o3-mini": ModelPrice(input_per_million=1.10, output_per_million=4.40),
    "o4-mini": ModelPrice(input_per_million=1.10, output_per_million=4.40),
}

FREE_PROVIDERS = frozenset({"offline"})


def price_for(
    names: tuple[str, ...], configured: Mapping[str, ModelPrice] | None = None
) -> ModelPrice | None:
    """The price of the first of ``names`` found: configured prices first, then the built-in table.

    A dated model name (``gpt-4o-mini-2024-07-18``) matches its longest listed prefix (``gpt-4o-mini``).
    """
    for table in (configured or {}, PRICES):
        for name in names:
            if not name:
                continue
            if name in table:
                return table[name]
            prefixes = [key for key in table if name.startswith(key + "-")]
            if prefixes:
                return table[max(prefixes, key=len)]
    return None


@dataclass(slots=True)
class TurnUsage:
    provider: str = ""
    model: str = ""
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = 0.0

    def add(
        self,
        completion: Completion,
        *,
        provider: str,
        configured_model: str | None,
        prices: Mapping[str, ModelPrice] | None = None,
    ) -> None:
        """Count one model call; the cost becomes ``None`` once any call's model has no known price."""
        self.provider = provider
        self.model = completion.model or configured_model or self.model
        self.calls += 1
        prompt = completion.usage.prompt_tokens
        output = completion.usage.completion_tokens
        self.prompt_tokens += prompt
        self.completion_tokens += output
        if provider in FREE_PROVIDERS:
            return
        price = price_for((configured_model or "", completion.model), prices)
        if price is None or self.cost_usd is None:
            self.cost_usd = None
            return
        cost = (prompt * price.input_per_million + output * price.output_per_million) / 1_000_000
        self.cost_usd = round(self.cost_usd + cost, 6)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_dict(self) -> dict[str, object]:
        return {
            "provider": self.provider,
            "model": self.model,
            "calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "cost_usd": self.cost_usd,
        }
