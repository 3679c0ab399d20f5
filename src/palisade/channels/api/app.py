"""The HTTP API and web chat. ``create_app(settings)`` builds everything; nothing happens at import time.

    request → RequestMiddleware (request id, body limit, security headers, access log, metrics)
            → [CORS, only when PALISADE_API__CORS_ORIGINS is set] → routes (auth via deps.py)
            → engine

Routes live in ``routes/`` (one module per resource); the contract is in docs/api.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from palisade import __version__
from palisade.channels.api.auth_cache import AuthCache
from palisade.channels.api.context import ApiContext
from palisade.channels.api.errors import COMMON_RESPONSES, error_body, install_error_handlers
from palisade.channels.api.metrics import ApiMetrics
from palisade.channels.api.middleware import SECURITY_HEADERS, RequestMiddleware
from palisade.channels.api.ratelimit import TokenBucketLimiter
from palisade.channels.api.routes import account, chat, conversations, ops, proposals, web
from palisade.config import Settings
from palisade.engine import ChatEngine, build_engine
from palisade.engine.accounts import LOCAL_USER, Accounts
from palisade.engine.readiness import warm_up

__all__ = ["LOCAL_USER", "SECURITY_HEADERS", "create_app", "error_body", "is_loopback"]


def is_loopback(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ``::1``: addresses only this machine can reach."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_app(
    settings: Settings, *, engine: ChatEngine | None = None, host: str | None = None
) -> FastAPI:
    """Build the app on ``engine`` (default: one built from ``settings``, closed on shutdown).

    ``host`` is the address the server binds (default ``settings.host``): only on a loopback address
    may requests without a token act as the implied ``local`` admin, and only while no user exists.
    """
    owns_engine = engine is None
    chat_engine = (
        engine if engine is not None else build_engine(settings, allow_local_repo_paths=False)
    )
    api = settings.api
    accounts = Accounts(chat_engine.store)
    context = ApiContext(
        engine=chat_engine,
        accounts=accounts,
        auth=AuthCache(accounts),
        settings=api,
        metrics=ApiMetrics(),
        limiter=TokenBucketLimiter(api.rate_limit_per_minute, api.rate_limit_burst),
        local_mode=is_loopback(host if host is not None else settings.host),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Import Checkov in the background so the first proposal does not pay for it.
        warm = asyncio.ensure_future(asyncio.to_thread(warm_up))
        try:
            yield
        finally:
            if not warm.done():
                with contextlib.suppress(Exception):
                    await warm
            if owns_engine:
                with contextlib.suppress(Exception):
                    await chat_engine.provider.aclose()
                chat_engine.store.close()

    app = FastAPI(
        title="Palisade",
        version=__version__,
        description="Ask for a security control in plain words; get guarded, policy-checked "
        "infrastructure-as-code as a pull request. See docs/api.md.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        responses=COMMON_RESPONSES,
    )
    app.state.palisade = context
    install_error_handlers(app)
    for module in (ops, account, chat, conversations, proposals, web):
        app.include_router(module.router)
    web.mount_static(app)
    if api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=api.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=600,
        )
    app.add_middleware(
        RequestMiddleware, max_body_bytes=api.max_body_bytes, metrics=context.metrics
    )
    return app
