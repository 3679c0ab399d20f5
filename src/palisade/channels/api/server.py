"""Running the app under uvicorn, for ``palisade serve`` and the load benchmark."""

from __future__ import annotations

import logging

import uvicorn

from palisade.channels.api.app import create_app, is_loopback
from palisade.channels.api.logs import configure_logging
from palisade.config import Settings
from palisade.engine.accounts import open_accounts

__all__ = ["refusal", "run"]

log = logging.getLogger(__name__)


def refusal(settings: Settings, host: str) -> str | None:
    """Why ``host`` must not be served with these settings, or None when it may."""
    if is_loopback(host):
        return None
    accounts = open_accounts(settings)
    try:
        if accounts.has_users():
            return None
    finally:
        accounts.store.close()
    return (
        f"Refusing to listen on {host}: no users are configured, so anyone who can reach this "
        "address would act as the admin. Add a user and a token first "
        "(palisade users add NAME --role admin; palisade users token NAME), or listen on a "
        "loopback address (127.0.0.1, ::1, localhost)."
    )


def run(settings: Settings, host: str, port: int) -> None:
    """Serve until interrupted, with JSON logs on standard error (one access line per request)."""
    configure_logging(settings.log_level, settings.api.log_format)
    app = create_app(settings, host=host)
    if not is_loopback(host):
        log.warning(
            "listening on %s: bearer tokens travel in clear text unless a TLS proxy is in front",
            host,
        )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        log_level=settings.log_level.lower(),
        timeout_graceful_shutdown=10,
    )
