"""Per-client rate limiting, applied after authentication.

LLM Guard API keys its limiter on the client address taken from ``X-Forwarded-For`` and checks it before
auth, so a caller gets a fresh bucket by changing a header and unauthenticated floods use up everyone's
budget. Here the bucket is the authenticated identity (``auth.ClientIdentity``), a moving window from the
``limits`` library, and a refusal says when to come back (``Retry-After``).
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

__all__ = ["ClientRateLimiter"]


class ClientRateLimiter:
    """``check(key)`` consumes one request from ``key``'s window and returns ``None``, or the whole seconds
    until the window admits another request."""

    def __init__(self, limit: str) -> None:
        self.item: RateLimitItem = parse(limit)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    @property
    def description(self) -> str:
        return str(self.item)  # "100 per 1 minute", as slowapi words it

    def check(self, key: str) -> int | None:
        if self._limiter.hit(self.item, key):
            return None
        stats = self._limiter.get_window_stats(self.item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))
