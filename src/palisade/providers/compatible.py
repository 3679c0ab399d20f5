"""``openai-compatible``: any chat-completions server — Ollama, vLLM, LM Studio, llama.cpp, LiteLLM.

Only the base URL and the model are required; the key is optional (local servers usually need none).
"""

from __future__ import annotations

from typing import Any, ClassVar

from palisade.errors import ConfigError
from palisade.providers.chat_completions import ChatCompletionsProvider, check_key_transport

__all__ = ["OpenAICompatibleProvider"]

# The SDK insists on some key; servers without auth ignore the header.
_NO_KEY = "no-key-needed"


class OpenAICompatibleProvider(ChatCompletionsProvider):
    name: str = "openai-compatible"
    max_tokens_field: ClassVar[str] = "max_tokens"  # what the local servers understand
    key_hint: ClassVar[str] = "OPENAI_API_KEY (the server's key)"

    @property
    def base_url(self) -> str:
        if not self.settings.base_url:
            raise ConfigError(
                "The openai-compatible provider needs the server's URL: set OPENAI_BASE_URL (or "
                "PALISADE_PROVIDER__BASE_URL), e.g. http://127.0.0.1:11434/v1 for Ollama or "
                "http://127.0.0.1:8000/v1 for vLLM."
            )
        return self.settings.base_url

    def describe(self) -> str:
        return f"model {self.settings.model!r} at {self.settings.base_url}"

    def _client_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else ""
        check_key_transport(self.base_url, has_key=bool(key), setting="OPENAI_BASE_URL")
        self.model  # noqa: B018 - fail early, with the variable to set, when no model is named
        return {"api_key": key or _NO_KEY, "base_url": self.base_url}
