"""The server's configuration: LLM Guard API's ``scanners.yml`` shape, or its environment variables alone.

A file is read the way LLM Guard reads it (``${VAR:default}`` placeholders, ``app``/``rate_limit``/``auth``
sections, ordered ``input_scanners``/``output_scanners``), with three differences that make mistakes loud:
an unusable file stops startup with the file and the problem named (LLM Guard silently falls back to an empty
config), a placeholder naming a variable we do not read is an error rather than a silent default, and every
scanner type we do not implement is listed at once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from limits import parse as parse_rate
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from palisade.config import GuardServerSettings, ScannerConfig
from palisade.errors import ConfigError
from palisade.guard.server.ratelimit import DEFAULT_KEY_PREFIX, STORAGE_SCHEMES, describe_storage

__all__ = [
    "AppSection",
    "AuthSection",
    "RateLimitSection",
    "ServerConfig",
    "load_server_config",
]

_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_PLACEHOLDER = re.compile(r"\$\{([^}{:]+)(?::([^}{]*))?\}")


class AppSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = "LLM Guard API"
    log_level: str = "INFO"
    log_json: bool = False
    scan_fail_fast: bool = False
    scan_prompt_timeout: float = Field(default=30.0, gt=0)
    scan_output_timeout: float = Field(default=30.0, gt=0)
    # Accepted for compatibility only: scanners are always built at startup and warmed up before /readyz
    # says ready, so a scanner that cannot load is found before traffic arrives.
    lazy_load: bool = False

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in _LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(_LOG_LEVELS)}")
        return level


class RateLimitSection(BaseModel):
    """LLM Guard's ``enabled`` and ``limit``, plus where the windows live: ``storage_uri`` (ours) is
    ``memory://`` (each process counts alone) or a Redis URI that several processes share, under
    ``key_prefix``."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    limit: str = "100/minute"
    storage_uri: str = "memory://"
    key_prefix: str = DEFAULT_KEY_PREFIX

    @field_validator("storage_uri")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        value = value.strip()
        scheme, sep, _ = value.partition("://")
        if not sep or scheme not in STORAGE_SCHEMES:
            raise ValueError(
                f"{describe_storage(value)!r} is not a supported store; write memory:// or "
                "redis://host:6379/0 (rediss://, redis+unix:///path.sock also work)"
            )
        return value

    @field_validator("key_prefix")
    @classmethod
    def _plain_prefix(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,100}", value):
            raise ValueError("use 1 to 100 letters, digits, '_', '.', ':' or '-'")
        return value

    @field_validator("limit")
    @classmethod
    def _parseable(cls, value: str) -> str:
        try:
            parse_rate(value)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a rate; write it like '100/minute' or '10 per second'"
            ) from None
        return value


class AuthSection(BaseModel):
    """``http_bearer`` checks ``Authorization: Bearer <token>``; ``tokens`` (our addition) lets several
    clients hold their own token, and with it their own rate-limit bucket. ``http_basic`` checks a user
    name and password."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["http_bearer", "http_basic"] = "http_bearer"
    token: SecretStr | None = None
    tokens: list[SecretStr] = Field(default_factory=list)
    username: str | None = None
    password: SecretStr | None = None

    def bearer_tokens(self) -> tuple[str, ...]:
        values = [self.token, *self.tokens] if self.type == "http_bearer" else []
        return tuple(v.get_secret_value() for v in values if v is not None and v.get_secret_value())

    @property
    def configured(self) -> bool:
        """Whether this section actually asks for credentials (an empty ``${AUTH_TOKEN:}`` does not)."""
        if self.type == "http_bearer":
            return bool(self.bearer_tokens())
        return bool(self.username) and self.password is not None

    def problem(self) -> str | None:
        if self.type == "http_basic" and bool(self.username) != (
            self.password is not None and bool(self.password.get_secret_value())
        ):
            return (
                "auth: http_basic needs both username and password (AUTH_USERNAME, AUTH_PASSWORD)"
            )
        return None


class ServerConfig(BaseModel):
    """Everything ``guard serve`` needs besides the scanners' own budgets (``PALISADE_GUARD__*``).

    ``input_scanners``/``output_scanners`` of ``None`` mean Palisade's configured policy
    (``PALISADE_GUARD__INPUT_SCANNERS`` or the built-in default)."""

    model_config = ConfigDict(extra="forbid")

    app: AppSection = Field(default_factory=AppSection)
    rate_limit: RateLimitSection = Field(default_factory=RateLimitSection)
    auth: AuthSection | None = None
    input_scanners: list[ScannerConfig] | None = None
    output_scanners: list[ScannerConfig] | None = None
    # LLM Guard sections we accept and do not use: /metrics always serves Prometheus text, no tracing.
    tracing: dict[str, Any] | None = None
    metrics: dict[str, Any] | None = None
    cache: dict[str, Any] | None = None

    @property
    def auth_required(self) -> bool:
        return self.auth is not None and self.auth.configured


def load_server_config(path: Path | None, env: GuardServerSettings) -> ServerConfig:
    """The server configuration from ``path`` (LLM Guard's ``scanners.yml`` format) or, without a file,
    from the environment variables alone."""
    if path is None:
        return _check(_from_environment(env), "the environment")
    data = _read_yaml(path)
    data = _substitute(data, env.placeholder_values(), path)
    for key in ("input_scanners", "output_scanners"):
        if key not in data:
            raise ConfigError(
                f"{path}: no {key!r} list. List the scanners to run (an empty list runs none), "
                "as in LLM Guard's scanners.yml."
            )
        if data[key] is None:
            data[key] = []
        if isinstance(data[key], list):
            for entry in data[key]:
                if isinstance(entry, dict) and entry.get("params", {}) is None:
                    entry["params"] = {}  # `params:` left empty, as LLM Guard allows
    _rate_limit_store_defaults(data, env)
    try:
        config = ServerConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
    if (config.auth is None or not config.auth.configured) and env.auth_token is not None:
        # LLM Guard would ignore AUTH_TOKEN here and serve unauthenticated; honour the operator's intent.
        config.auth = AuthSection(token=env.auth_token)
    return _check(config, str(path))


# --------------------------------------------------------------------------------------------------


def _from_environment(env: GuardServerSettings) -> ServerConfig:
    app: dict[str, Any] = {
        "name": env.app_name,
        "log_level": env.log_level,
        "log_json": env.log_json,
        "scan_fail_fast": env.scan_fail_fast,
        "scan_prompt_timeout": env.scan_prompt_timeout,
        "scan_output_timeout": env.scan_output_timeout,
        "lazy_load": env.lazy_load,
    }
    rate: dict[str, Any] = {
        "enabled": env.rate_limit_enabled,
        "limit": env.rate_limit_limit,
        "storage_uri": env.rate_limit_storage_uri,
        "key_prefix": env.rate_limit_key_prefix,
    }
    auth: AuthSection | None = None
    if env.auth_token is not None:
        auth = AuthSection(token=env.auth_token)
    elif env.auth_username or env.auth_password is not None:
        auth = AuthSection(
            type="http_basic", username=env.auth_username, password=env.auth_password
        )
    try:
        return ServerConfig(
            app=AppSection.model_validate({k: v for k, v in app.items() if v is not None}),
            rate_limit=RateLimitSection.model_validate(
                {k: v for k, v in rate.items() if v is not None}
            ),
            auth=auth,
        )
    except ValidationError as exc:
        raise ConfigError(f"guard server environment: {_describe(exc)}") from None


def _rate_limit_store_defaults(data: dict[str, Any], env: GuardServerSettings) -> None:
    """``RATE_LIMIT_STORAGE_URI`` / ``RATE_LIMIT_KEY_PREFIX`` fill what the file's ``rate_limit`` leaves
    out: LLM Guard's scanners.yml has no such keys, and an operator who sets the variable next to it must
    not get a silently per-process limit."""
    section = data.get("rate_limit")
    if section is None:
        section = data["rate_limit"] = {}
    if not isinstance(section, dict):
        return  # validation names the problem
    if env.rate_limit_storage_uri is not None:
        section.setdefault("storage_uri", env.rate_limit_storage_uri)
    if env.rate_limit_key_prefix is not None:
        section.setdefault("key_prefix", env.rate_limit_key_prefix)


def _check(config: ServerConfig, where: str) -> ServerConfig:
    problem = config.auth.problem() if config.auth is not None else None
    if problem:
        raise ConfigError(f"{where}: {problem}")
    return config


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such file; pass an LLM Guard scanners.yml to --config"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc}); it must be a UTF-8 YAML file") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: expected a mapping with input_scanners/output_scanners at the top, got "
            f"{type(data).__name__}"
        )
    return data


def _substitute(value: Any, env: dict[str, str], path: Path) -> Any:
    """Replace ``${VAR}`` / ``${VAR:default}`` in every string, as LLM Guard does; a variable we do not
    read is an error, so a typo or an unsupported setting is never replaced by its default unnoticed."""
    if isinstance(value, dict):
        return {k: _substitute(v, env, path) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, env, path) for v in value]
    if not isinstance(value, str):
        return value
    known = {name.upper() for name in GuardServerSettings.model_fields}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in known:
            raise ConfigError(
                f"{path}: ${{{name}}} is not a variable the guard server reads; use one of "
                f"{', '.join(sorted(known))}, or write the value itself"
            )
        return env.get(name, match.group(2) or "")

    return _PLACEHOLDER.sub(replace, value)


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown setting"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
