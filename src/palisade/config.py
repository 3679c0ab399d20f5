"""Settings: the only module that reads the environment or ``.env``.

Every variable is ``PALISADE_`` plus the field name in upper case; nested sections use ``__``
(``PALISADE_GUARD__BACKEND``). The conventional variables of OpenAI, Azure OpenAI, GitHub and the LLM Guard
client are accepted too (see ``_ALIASES``). With nothing set, everything runs on embedded defaults: the offline
engine, SQLite under the data directory and a local git repository.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, SecretStr, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

ProviderName = Literal["offline", "openai", "azure-openai", "openai-compatible"]


def default_data_dir() -> Path:
    """Per-user data directory: ``$XDG_DATA_HOME/palisade`` or ``~/.local/share/palisade``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "palisade"


class ModelPrice(BaseModel):
    """List price of a model in US dollars per million tokens (for the per-turn cost estimate)."""

    input_per_million: float = Field(ge=0)
    output_per_million: float = Field(ge=0)


class ProviderSettings(BaseModel):
    """The language model (docs/providers.md). ``PALISADE_PROVIDER=openai`` is short for ``__NAME``.

    Failures are handled explicitly: ``max_retries`` retries with exponential backoff on 429/5xx, timeouts
    and connection errors, waiting what ``Retry-After`` asks when it is at most ``max_retry_wait_seconds``;
    after ``circuit_failures`` failed calls in a row the provider is not called for ``circuit_open_seconds``.
    Then the turn falls back to the offline engine, or fails with a message when ``fallback_to_offline``
    is false.
    """

    name: ProviderName | None = None
    model: str | None = None  # model name, or the deployment name on Azure OpenAI
    api_key: SecretStr | None = None
    base_url: str | None = None
    azure_endpoint: str | None = None
    api_version: str | None = None
    timeout_seconds: float = Field(default=60.0, gt=0)
    fallback_to_offline: bool = True
    max_retries: int = Field(default=2, ge=0, le=10)
    backoff_seconds: float = Field(default=0.5, ge=0)
    max_retry_wait_seconds: float = Field(default=20.0, ge=0)
    circuit_failures: int = Field(default=3, ge=1)
    circuit_open_seconds: float = Field(default=30.0, gt=0)
    temperature: float = Field(default=0.0, ge=0, le=2)  # reasoning models accept only 1
    max_output_tokens: int | None = Field(default=None, ge=1)
    stream_usage: bool = True  # ask for token usage on streams (stream_options.include_usage)
    prices: dict[str, ModelPrice] = Field(default_factory=dict)  # extends the built-in price table

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
    # backend "llm-guard-api" (docs/guard-api.md): per-attempt HTTP timeout, bounded retries, longest
    # Retry-After the client will wait before failing closed.
    remote_timeout_seconds: float = Field(default=10.0, gt=0)
    remote_retries: int = Field(default=2, ge=0, le=10)
    remote_max_retry_after_seconds: float = Field(default=5.0, ge=0)
    # The chat engine (docs/guard.md, "In the engine"): start the model call while the detection-only input
    # scanners run. Off: a prompt the guard blocks must never reach a model.
    parallel_detection: bool = False
    # Per-conversation placeholder vaults, in memory only: how many conversations, how long idle, how
    # many values each.
    vault_max_conversations: int = Field(default=1_000, ge=1)
    vault_ttl_seconds: float = Field(default=8 * 3600, gt=0)
    vault_max_entries: int = Field(default=1_000, ge=1)
    # Put the user's own personal data back into the reply they are shown (Deanonymize). Off: replies keep
    # the placeholders, so personal data never leaves the engine once the input guard replaced it.
    restore_personal_data: bool = False


class GuardServerSettings(BaseSettings):
    """``palisade guard serve``: LLM Guard API's own variables, unprefixed, so its deployments carry over
    (docs/guard-api.md). ``None`` means "not set": a ``--config`` file's ``${VAR:default}`` then keeps its
    default, and without a file the server uses LLM Guard's reference defaults."""

    model_config = SettingsConfigDict(env_prefix="", env_ignore_empty=True, extra="ignore")

    app_name: str | None = None
    log_level: str | None = None
    log_json: bool | None = None
    scan_fail_fast: bool | None = None
    scan_prompt_timeout: float | None = Field(default=None, gt=0)
    scan_output_timeout: float | None = Field(default=None, gt=0)
    lazy_load: bool | None = None
    rate_limit_enabled: bool | None = None
    rate_limit_limit: str | None = None
    rate_limit_storage_uri: str | None = None  # ours: memory:// or redis://, shared by workers
    rate_limit_key_prefix: str | None = None
    auth_token: SecretStr | None = None
    auth_username: str | None = None
    auth_password: SecretStr | None = None
    tracing_exporter: str | None = None
    tracing_otel_endpoint: str | None = None
    metrics_type: str | None = None
    metrics_endpoint: str | None = None

    def placeholder_values(self) -> dict[str, str]:
        """The set variables by their environment name, as text, for ``${VAR:default}`` in a config file."""
        values: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            elif isinstance(value, bool):
                value = "true" if value else "false"
            values[name.upper()] = str(value)
        return values


def _name_list(value: Any) -> Any:
    """A list from the environment: JSON (``["a","b"]``, ``[]`` for none) or comma-separated (``a,b``)."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [item.strip() for item in text.split(",") if item.strip()]
    return value


NameList = Annotated[list[str], NoDecode, BeforeValidator(_name_list)]


class GitHubSettings(BaseModel):
    """Pull requests on GitHub or GitHub Enterprise Server (docs/github.md).

    Auth is a token (development) or a GitHub App installation (production: app id, private key,
    installation id). Waits for rate limits are bounded by ``max_rate_limit_wait_seconds``.
    """

    token: SecretStr | None = None
    api_url: str = "https://api.github.com"
    app_id: int | None = None
    app_private_key: SecretStr | None = None
    app_private_key_path: Path | None = None
    installation_id: int | None = None
    timeout_seconds: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=5, ge=0, le=20)
    backoff_factor: float = Field(default=1.0, ge=0)
    secondary_rate_wait_seconds: float = Field(default=60.0, ge=0)
    max_rate_limit_wait_seconds: float = Field(default=120.0, ge=0)
    seconds_between_writes: float = Field(default=1.0, ge=0)
    labels: NameList = Field(default_factory=lambda: ["security", "palisade"])
    reviewers: NameList = Field(default_factory=list)
    team_reviewers: NameList = Field(default_factory=list)
    draft: bool = True

    @property
    def uses_app(self) -> bool:
        return self.app_id is not None

    @property
    def configured(self) -> bool:
        """True when a token or a GitHub App is set, i.e. ``--repo OWNER/NAME`` can work."""
        return self.token is not None or self.uses_app


class ApiSettings(BaseModel):
    """The HTTP API (docs/api.md): limits, streaming, CORS and who may confirm a pull request."""

    max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    # Per-user token bucket on messages: refills at this rate, holds up to ``rate_limit_burst``.
    rate_limit_per_minute: float = Field(default=30.0, ge=0)  # 0 switches the limit off
    rate_limit_burst: int = Field(default=10, ge=1)
    stream_timeout_seconds: float = Field(default=300.0, gt=0)
    heartbeat_seconds: float = Field(default=15.0, gt=0)
    cors_origins: NameList = Field(default_factory=list)  # empty: no CORS headers at all
    confirm_role: Literal["requester", "approver", "admin"] = "requester"
    log_format: Literal["json", "text"] = "json"


class _ProviderShorthand(EnvSettingsSource):
    """``PALISADE_PROVIDER=openai`` names the provider; ``PALISADE_PROVIDER__*`` variables still apply.

    Without this, pydantic-settings reads ``PALISADE_PROVIDER`` as the JSON of the whole section and fails.
    """

    def decode_complex_value(self, field_name: str, field: FieldInfo, value: Any) -> Any:
        if (
            field_name == "provider"
            and isinstance(value, str)
            and not value.lstrip().startswith("{")
        ):
            return {"name": value.strip()}
        return super().decode_complex_value(field_name, field, value)


class _DotEnvProviderShorthand(DotEnvSettingsSource):
    """The same for ``.env`` files."""

    def decode_complex_value(self, field_name: str, field: FieldInfo, value: Any) -> Any:
        if (
            field_name == "provider"
            and isinstance(value, str)
            and not value.lstrip().startswith("{")
        ):
            return {"name": value.strip()}
        return super().decode_complex_value(field_name, field, value)


class Settings(BaseSettings):
    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            _ProviderShorthand(settings_cls),
            _DotEnvProviderShorthand(settings_cls),
            file_secret_settings,
        )

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
    # Pull-request policy (docs/github.md): which repositories and paths may be written, how often.
    allowed_repos: str | None = None  # "owner/name[:path-prefix],..."
    allowed_repos_file: Path | None = None  # YAML, same rules as allowed_repos
    allow_validation_exceptions: bool = False
    max_pull_requests_per_hour: int = Field(default=20, ge=1)
    local_push_remote: str | None = None  # git remote (URL or path) the local sink pushes to
    public_url: str | None = None  # where people open Palisade; pull requests link back to it
    max_message_chars: int = 20_000
    max_tool_rounds: int = Field(
        default=6, ge=1, le=20
    )  # model tool rounds per turn, then it answers
    repair_rounds: int = Field(
        default=2, ge=0, le=5
    )  # fixes of failing free-form Terraform per turn
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
# API keys are not here: each provider takes only its own key variable (``_conventional_api_key``).
_ALIASES: dict[str, tuple[str, ...]] = {
    "OPENAI_BASE_URL": ("provider", "base_url"),
    "AZURE_OPENAI_ENDPOINT": ("provider", "azure_endpoint"),
    "AZURE_OAI_ENDPOINT": ("provider", "azure_endpoint"),
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


def _conventional_api_key(environ: dict[str, str], provider: ProviderSettings) -> str | None:
    """The key variable of the provider in use, so an Azure key is never sent to OpenAI, nor the reverse."""
    if provider.resolved_name() == "azure-openai":
        return environ.get("AZURE_OPENAI_API_KEY") or environ.get("AZURE_OAI_KEY")
    return environ.get("OPENAI_API_KEY")


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
    if "api_key" not in settings.provider.model_fields_set:
        key = _conventional_api_key(dict(os.environ), settings.provider)
        if key:
            settings.provider.api_key = SecretStr(key)
    if settings.model and not settings.provider.model:
        settings.provider.model = settings.model
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; only entry points call this."""
    return load_settings()
