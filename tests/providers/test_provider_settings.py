"""Choosing the provider from the environment: PALISADE_* first, then the conventional variables."""

from __future__ import annotations

import pytest

from palisade.blueprints import Catalog
from palisade.config import load_settings
from palisade.engine.factory import build_provider, provider_choice
from palisade.errors import ConfigError
from palisade.providers import OfflineProvider, ResilientProvider
from palisade.providers.azure_openai import AzureOpenAIProvider
from palisade.providers.compatible import OpenAICompatibleProvider
from palisade.providers.openai import OpenAIProvider


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.mark.parametrize(
    ("env", "name", "model", "reason"),
    [
        ({}, "offline", None, "no model is configured"),
        ({"OPENAI_API_KEY": "sk-a"}, "openai", None, "OPENAI_API_KEY"),
        (
            {
                "AZURE_OAI_ENDPOINT": "https://acme.openai.azure.com",
                "AZURE_OAI_KEY": "k",
                "AZURE_OAI_DEPLOYMENT": "gpt4o-prod",
            },
            "azure-openai",
            "gpt4o-prod",
            "AZURE_OPENAI_ENDPOINT",
        ),
        (
            {
                "AZURE_OPENAI_ENDPOINT": "https://acme.openai.azure.com",
                "AZURE_OPENAI_API_KEY": "k",
                "AZURE_OPENAI_DEPLOYMENT": "d1",
                "OPENAI_API_VERSION": "2024-10-21",
            },
            "azure-openai",
            "d1",
            "AZURE_OPENAI_ENDPOINT",
        ),
        (
            {"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "PALISADE_MODEL": "llama3.1"},
            "openai-compatible",
            "llama3.1",
            "OPENAI_BASE_URL",
        ),
        (
            {
                "PALISADE_PROVIDER": "openai",
                "PALISADE_PROVIDER__MODEL": "gpt-4.1",
                "OPENAI_API_KEY": "k",
            },
            "openai",
            "gpt-4.1",
            "PALISADE_PROVIDER",
        ),
    ],
    ids=["nothing", "openai-key", "seed-azure", "azure", "ollama", "explicit"],
)
def test_the_provider_is_named_or_inferred_and_the_choice_says_why(
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    name: str,
    model: str | None,
    reason: str,
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = load_settings()
    assert settings.provider.resolved_name() == name
    assert settings.provider.model == model
    assert reason in provider_choice(settings)


def test_palisade_model_wins_over_the_azure_deployment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_OAI_DEPLOYMENT", "from-azure")
    monkeypatch.setenv("PALISADE_MODEL", "from-palisade")
    assert load_settings().provider.model == "from-palisade"


def test_an_azure_key_is_never_sent_to_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PALISADE_PROVIDER", "openai")
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-secret")
    assert load_settings().provider.api_key is None
    monkeypatch.setenv("OPENAI_API_KEY", "openai-secret")
    key = load_settings().provider.api_key
    assert key is not None and key.get_secret_value() == "openai-secret"


def test_an_unknown_provider_name_stops_startup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PALISADE_PROVIDER", "anthropic")
    with pytest.raises(Exception, match="provider"):
        load_settings()


@pytest.mark.parametrize(
    ("env", "built"),
    [
        ({}, OfflineProvider),
        ({"OPENAI_API_KEY": "sk-a"}, OpenAIProvider),
        (
            {"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "PALISADE_MODEL": "m"},
            OpenAICompatibleProvider,
        ),
        (
            {
                "AZURE_OAI_ENDPOINT": "https://a.openai.azure.com",
                "AZURE_OAI_KEY": "k",
                "AZURE_OAI_DEPLOYMENT": "d",
            },
            AzureOpenAIProvider,
        ),
    ],
    ids=["offline", "openai", "compatible", "azure"],
)
def test_build_provider_wraps_model_providers_in_retries_and_a_breaker(
    monkeypatch: pytest.MonkeyPatch, catalog: Catalog, env: dict[str, str], built: type
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    provider = build_provider(load_settings(), catalog)
    inner = provider.inner if isinstance(provider, ResilientProvider) else provider
    assert isinstance(inner, built)
    assert isinstance(provider, ResilientProvider) == (built is not OfflineProvider)


def test_a_misconfigured_provider_stops_startup_instead_of_falling_back(
    monkeypatch: pytest.MonkeyPatch, catalog: Catalog
) -> None:
    monkeypatch.setenv("PALISADE_PROVIDER", "openai-compatible")
    monkeypatch.setenv("PALISADE_MODEL", "llama3.1")
    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        build_provider(load_settings(), catalog)
