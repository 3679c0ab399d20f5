"""``palisade guard serve``: load the configuration, refuse unsafe exposure, build the app, run uvicorn."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import sys
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from palisade.config import GuardServerSettings, GuardSettings
from palisade.errors import ConfigError
from palisade.guard.scanners.iac_policy import IaCValidate
from palisade.guard.server.app import create_app
from palisade.guard.server.config import ServerConfig, load_server_config
from palisade.guard.server.policy import build_server_guards
from palisade.guard.server.ratelimit import (
    ClientRateLimiter,
    RateLimitStoreUnavailable,
    describe_storage,
)

__all__ = [
    "build_app",
    "check_exposure",
    "is_loopback",
    "run_server",
    "verify_rate_limit_store",
]

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine (a name other than ``localhost`` might
    resolve anywhere, so it does not count)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(config: ServerConfig, host: str) -> None:
    """Without credentials the API may only listen on loopback; there it runs open, with a warning."""
    if config.auth_required:
        return
    if not is_loopback(host):
        raise ConfigError(
            f"refusing to serve the guard API on {host} without authentication: anyone who can reach "
            "it could use it. Set AUTH_TOKEN (bearer) or an auth section in --config, or listen on "
            "127.0.0.1."
        )
    logger.warning(
        "AUTH_TOKEN is not set: the guard API on %s accepts requests without credentials from any "
        "local process. Set AUTH_TOKEN to require a bearer token.",
        host,
    )


def verify_rate_limit_store(config: ServerConfig) -> None:
    """Refuse to start when the rate limit's shared store does not answer: a server that cannot count
    requests would answer every one of them 503, so say why now, before binding."""
    section = config.rate_limit
    if not section.enabled:
        if section.storage_uri != "memory://":
            logger.warning(
                "a rate-limit store is configured (%s) but the rate limit is off; set "
                "RATE_LIMIT_ENABLED=true (or rate_limit.enabled) to use it",
                describe_storage(section.storage_uri),
            )
        return

    async def probe() -> None:
        limiter = ClientRateLimiter(
            section.limit, storage_uri=section.storage_uri, key_prefix=section.key_prefix
        )
        try:
            await limiter.verify()
        finally:
            await limiter.aclose()

    try:
        asyncio.run(probe())
    except RateLimitStoreUnavailable as exc:
        raise ConfigError(
            f"refusing to start: {exc}. Start the store, fix RATE_LIMIT_STORAGE_URI "
            "(rate_limit.storage_uri), or use memory:// for a per-process limit."
        ) from None


def build_app(
    config: ServerConfig, settings: GuardSettings, *, iac_validate: IaCValidate | None = None
) -> FastAPI:
    """The app for ``config``, with scanners resolved through the registry (bad policy → ConfigError)."""
    input_guard, output_guard = build_server_guards(config, settings, iac_validate=iac_validate)
    return create_app(config, input_guard=input_guard, output_guard=output_guard)


def run_server(
    *,
    host: str,
    port: int,
    config_path: Path | None,
    settings: GuardSettings,
    env: GuardServerSettings,
    iac_validate: IaCValidate | None = None,
) -> None:
    """Serve until interrupted. Every configuration problem raises ``ConfigError`` before binding."""
    config = load_server_config(config_path, env)
    _configure_logging(config.app.log_level, json_lines=config.app.log_json)
    check_exposure(config, host)
    verify_rate_limit_store(config)
    app = build_app(config, settings, iac_validate=iac_validate)
    logger.info(
        "serving the LLM Guard API on http://%s:%d (auth: %s, rate limit: %s)",
        host,
        port,
        config.auth.type if config.auth_required and config.auth else "none",
        _describe_rate_limit(config),
    )
    # proxy_headers=False: never let X-Forwarded-For rewrite the peer address (LLM Guard API's flaw).
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,
        log_level=config.app.log_level.lower(),
        proxy_headers=False,
    )


def _describe_rate_limit(config: ServerConfig) -> str:
    section = config.rate_limit
    if not section.enabled:
        return "off"
    if section.storage_uri == "memory://":
        return f"{section.limit} per client, counted in this process"
    return (
        f"{section.limit} per client, shared through {describe_storage(section.storage_uri)} "
        f"under {section.key_prefix!r}"
    )


class _JsonFormatter(logging.Formatter):
    """One JSON object per line (``LOG_JSON=true``), for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload)


def _configure_logging(level: str, *, json_lines: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        _JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    logging.basicConfig(level=level, handlers=[handler], force=True)
