"""``azure-openai``: an Azure OpenAI resource, by API key or keyless with Microsoft Entra ID.

Requests go to ``{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...`` with the key
in the ``api-key`` header; the SDK builds that URL from ``model=<deployment>``. Without a key, a token comes
from ``azure-identity`` (``pip install 'palisade[azure]'``), imported only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import openai

from palisade.errors import ConfigError
from palisade.providers.chat_completions import ChatCompletionsProvider, check_key_transport

__all__ = ["DEFAULT_AZURE_API_VERSION", "AzureOpenAIProvider", "entra_token_provider"]

DEFAULT_AZURE_API_VERSION = "2024-10-21"  # GA; supports tools and usage on streams
_SCOPE = "https://cognitiveservices.azure.com/.default"


def entra_token_provider() -> Callable[[], str]:
    """A bearer-token callable from ``DefaultAzureCredential`` (managed identity, az login, ...)."""
    try:
        from azure.identity import (  # type: ignore[import-not-found,unused-ignore]
            DefaultAzureCredential,
            get_bearer_token_provider,
        )
    except ImportError as exc:
        raise ConfigError(
            "No Azure OpenAI key is set, and keyless sign-in (Microsoft Entra ID) needs the azure "
            "extra: pip install 'palisade[azure]'. Or set AZURE_OPENAI_API_KEY (AZURE_OAI_KEY)."
        ) from exc
    provider: Callable[[], str] = get_bearer_token_provider(DefaultAzureCredential(), _SCOPE)
    return provider


class AzureOpenAIProvider(ChatCompletionsProvider):
    name: str = "azure-openai"
    key_hint: ClassVar[str] = "AZURE_OPENAI_API_KEY (AZURE_OAI_KEY)"
    model_hint: ClassVar[str] = "AZURE_OPENAI_DEPLOYMENT (AZURE_OAI_DEPLOYMENT) or PALISADE_MODEL"

    @property
    def endpoint(self) -> str:
        if not self.settings.azure_endpoint:
            raise ConfigError(
                "The azure-openai provider needs the resource endpoint: set AZURE_OPENAI_ENDPOINT "
                "(AZURE_OAI_ENDPOINT), e.g. https://my-resource.openai.azure.com."
            )
        return self.settings.azure_endpoint

    @property
    def api_version(self) -> str:
        return self.settings.api_version or DEFAULT_AZURE_API_VERSION

    def describe(self) -> str:
        return f"Azure OpenAI deployment {self.settings.model!r} at {self.settings.azure_endpoint}"

    def _client_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else ""
        check_key_transport(self.endpoint, has_key=True, setting="AZURE_OPENAI_ENDPOINT")
        self.model  # noqa: B018 - fail early, with the variable to set, when no deployment is named
        auth: dict[str, Any] = (
            {"api_key": key} if key else {"azure_ad_token_provider": entra_token_provider()}
        )
        return {"azure_endpoint": self.endpoint, "api_version": self.api_version, **auth}

    def _make_client(self) -> openai.AsyncOpenAI:
        return openai.AsyncAzureOpenAI(
            **self._client_kwargs(),
            timeout=self._timeout(),
            max_retries=0,
            http_client=self._http_client,
        )
