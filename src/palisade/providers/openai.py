"""``openai``: the OpenAI API (or any endpoint given by ``OPENAI_BASE_URL`` that wants an OpenAI key)."""

from __future__ import annotations

from typing import Any

from palisade.errors import ConfigError
from palisade.providers.chat_completions import ChatCompletionsProvider, check_key_transport

__all__ = ["DEFAULT_OPENAI_MODEL", "OpenAIProvider"]

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


class OpenAIProvider(ChatCompletionsProvider):
    """Needs ``OPENAI_API_KEY``; the model is ``PALISADE_MODEL`` (default ``gpt-4o-mini``)."""

    name: str = "openai"

    @property
    def model(self) -> str:
        return self.settings.model or DEFAULT_OPENAI_MODEL

    def describe(self) -> str:
        where = self.settings.base_url or "api.openai.com"
        return f"OpenAI model {self.model!r} at {where}"

    def _client_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key
        if key is None or not key.get_secret_value().strip():
            raise ConfigError(
                "The openai provider needs an API key: set OPENAI_API_KEY (or PALISADE_PROVIDER__API_KEY). "
                "Without one, unset PALISADE_PROVIDER to use the offline engine."
            )
        if self.settings.base_url:
            check_key_transport(self.settings.base_url, has_key=True, setting="OPENAI_BASE_URL")
        return {"api_key": key.get_secret_value(), "base_url": self.settings.base_url}
