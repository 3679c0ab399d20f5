"""Settings: the only module that reads the environment or ``.env``.

Every variable is ``PALISADE_`` plus the field name in upper case; nested sections use ``__``
(``PALISADE_GUARD__BACKEND``). The conventional variables of OpenAI, Azure OpenAI, GitHub and the LLM Guard
client are accepted too (see ``_ALIASES``). With nothing set, everything runs on embedded defaults: the offline
engine, SQLite under the data directory and a local git repository.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ProviderName = Literal["offline", "openai", "azure-openai", "openai-compatible"]


def default_data_dir() -> Path:
    """Per-user data directory: ``$XDG_DATA_HOME/palisade`` or ``~/.local/share/palisade``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "palisade"


class ProviderSettings(BaseModel):
    name: ProviderName | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    base_url: str | None = None
    azure_endpoint: str | None = None
    api_version: str | None = None
    timeout_seconds: float = 60.0
    fallback_to_offline: bool = True

    def resolved_name(self) -> ProviderName:
        """The configured provider, or the one implied by which credentials are set."""
        if self.name:
            return self.name
        if self.azure_endpoint:
            return "azure-openai"
        if self.base_url:
            return "openai-compatible"
        if self.api_key:
            return "openai"
        return "offline"


class ScannerConfig(BaseModel):
    """One entry of the guard policy, in LLM Guard's ``scanners.yml`` shape."""

    type: str
    params: dict[str, Any] = Field(default_factory=dict)


class GuardSettings(BaseModel):
    backend: Literal["local", "llm-guard-api"] = "local"
    url: str | None = None
    api_key: SecretStr | None = None
    fail_fast: bool = False
    input_scanners: list[ScannerConfig] | None = None
    output_scanners: list[ScannerConfig] | None = None
    scanner_timeout_seconds: float = 5.0


class GitHubSettings(BaseModel):
    token: SecretStr | None = None
    api_url: str = "https://api.github.com"


class ApiSettings(BaseModel):
    max_body_bytes: int = 256 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PALISADE_",
        env_file=".env",
        env_nested_delimiter="__",
        env_ignore_empty=True,
        extra="ignore",
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    provider: ProviderSettings = Field(default_factory=ProviderSettings)
    model: str | None = None
    guard: GuardSettings = Field(default_factory=GuardSettings)
    github: GitHubSettings = Field(default_factory=GitHubSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    blueprints_dir: Path | None = None
    repo: str | None = None
    base_branch: str | None = None
    pr_path_template: str = "palisade/{blueprint}/{name}"
    max_message_chars: int = 20_000
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _apply_model_shortcut(self) -> Settings:
        if self.model and not self.provider.model:
            self.provider.model = self.model
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'palisade.db'}"

    @property
    def default_repo_path(self) -> Path:
        return self.data_dir / "infra-repo"


# Conventional variables of other tools → our nested field path. PALISADE_* always wins.
_ALIASES: dict[str, tuple[str, ...]] = {
    "OPENAI_API_KEY": ("provider", "api_key"),
    "OPENAI_BASE_URL": ("provider", "base_url"),
    "AZURE_OPENAI_ENDPOINT": ("provider", "azure_endpoint"),
    "AZURE_OAI_ENDPOINT": ("provider", "azure_endpoint"),
    "AZURE_OPENAI_API_KEY": ("provider", "api_key"),
    "AZURE_OAI_KEY": ("provider", "api_key"),
    "OPENAI_API_VERSION": ("provider", "api_version"),
    "AZURE_OPENAI_DEPLOYMENT": ("provider", "model"),
    "AZURE_OAI_DEPLOYMENT": ("provider", "model"),
    "GITHUB_TOKEN": ("github", "token"),
    "GITHUB_API_URL": ("github", "api_url"),
    "LLM_GUARD_URL": ("guard", "url"),
    "LLM_GUARD_API_KEY": ("guard", "api_key"),
}


def _conventional_values(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    # Azure keys win over OpenAI's for api_key when both are set and an Azure endpoint is configured.
    order = sorted(_ALIASES, key=lambda k: k.startswith("AZURE"))
    for var in order:
        value = environ.get(var)
        if not value:
            continue
        section, name = _ALIASES[var]
        values.setdefault(section, {})[name] = value
    return values


def load_settings(**overrides: Any) -> Settings:
    """Build settings from defaults, conventional variables, ``.env``/``PALISADE_*`` and ``overrides``."""
    settings = Settings(**overrides)
    conventional = _conventional_values(dict(os.environ))
    for section, fields in conventional.items():
        target = getattr(settings, section)
        for name, value in fields.items():
            if name in target.model_fields_set:
                continue  # a PALISADE_* value wins over a conventional one
            secret = name in ("api_key", "token")
            setattr(target, name, SecretStr(value) if secret else value)
    if settings.model and not settings.provider.model:
        settings.provider.model = settings.model
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; only entry points call this."""
    return load_settings()
