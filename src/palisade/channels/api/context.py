"""What every route needs, built once per app by ``create_app`` and kept on ``app.state``."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from palisade.channels.api.auth_cache import AuthCache
from palisade.channels.api.metrics import ApiMetrics
from palisade.channels.api.ratelimit import TokenBucketLimiter
from palisade.config import ApiSettings
from palisade.engine import ChatEngine
from palisade.engine.accounts import Accounts

__all__ = ["ApiContext", "get_context"]


@dataclass(frozen=True, slots=True)
class ApiContext:
    engine: ChatEngine
    accounts: Accounts
    auth: AuthCache  # who a token is, for a few seconds (auth_cache.py)
    settings: ApiSettings
    metrics: ApiMetrics
    limiter: TokenBucketLimiter
    local_mode: bool  # bound to loopback: with no users, requests without a token act as `local`


async def get_context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.palisade
    return context
