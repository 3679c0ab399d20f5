"""Per-client rate limiting, applied after authentication, in this process or shared through Redis.

LLM Guard API keys its limiter on the client address taken from ``X-Forwarded-For`` and checks it before
auth, so a caller gets a fresh bucket by changing a header and unauthenticated floods use up everyone's
budget. Here the bucket is the authenticated identity (``auth.ClientIdentity``), a moving window from the
``limits`` library, and a refusal says when to come back (``Retry-After``).

With ``memory://`` (the default) each process counts alone, so N workers or replicas allow N times the limit.
With ``redis://`` every process that uses the same Redis and key prefix draws on one budget per client. The
shared store is part of the security boundary, so it fails closed: ``guard serve`` refuses to start when it
cannot reach it (``verify``), and a request arriving while it is unreachable is refused with 503
(``RateLimitStoreUnavailable``) rather than let through uncounted.
"""

from __future__ import annotations

import math
import time
import urllib.parse
from typing import TYPE_CHECKING, Protocol

from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter as SharedWindowLimiter
from limits.errors import ConfigurationError, StorageError
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from palisade.errors import ConfigError

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool

__all__ = [
    "DEFAULT_KEY_PREFIX",
    "STORAGE_SCHEMES",
    "ClientRateLimiter",
    "RateLimitStoreUnavailable",
    "describe_storage",
]

STORAGE_SCHEMES = ("memory", "redis", "rediss", "redis+unix")
DEFAULT_KEY_PREFIX = "palisade-guard"
# A store that does not answer within this many seconds counts as unreachable (the request gets 503); the
# URI's own ``?socket_timeout=`` / ``?socket_connect_timeout=`` take precedence.
STORE_TIMEOUT_SECONDS = 2.0


class RateLimitStoreUnavailable(Exception):
    """The shared store did not answer: the request cannot be counted, so it must not be served."""


def describe_storage(uri: str) -> str:
    """``uri`` without its password, for logs and error messages."""
    parts = urllib.parse.urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


class _Window(Protocol):
    async def consume(self, item: RateLimitItem, key: str) -> float | None:
        """Take one request from ``key``'s window: ``None``, or the epoch second the window frees up."""

    async def verify(self) -> None: ...

    async def aclose(self) -> None: ...


class _LocalWindow:
    """This process's memory: no I/O, so the synchronous limiter is called straight from the event loop."""

    def __init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def consume(self, item: RateLimitItem, key: str) -> float | None:
        if self._limiter.hit(item, key):
            return None
        return self._limiter.get_window_stats(item, key).reset_time

    async def verify(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


class _RedisWindow:
    """One moving window per client in Redis, shared by every process with the same URI and prefix.

    The connection pool is ours (not the ``limits`` storage's) so shutdown can close it."""

    def __init__(self, uri: str, key_prefix: str) -> None:
        try:
            from redis.asyncio import ConnectionPool, Redis
            from redis.exceptions import RedisError
        except ImportError:
            raise ConfigError(
                f"the rate-limit store {describe_storage(uri)} needs the redis package; install it "
                "with `pip install 'palisade[redis]'`, or use RATE_LIMIT_STORAGE_URI=memory://"
            ) from None
        self.uri = uri
        self._pool: ConnectionPool = ConnectionPool.from_url(
            uri.replace("redis+unix://", "unix://", 1),
            socket_connect_timeout=STORE_TIMEOUT_SECONDS,
            socket_timeout=STORE_TIMEOUT_SECONDS,
        )
        self._client = Redis(connection_pool=self._pool)
        self._errors: tuple[type[BaseException], ...] = (
            StorageError,
            RedisError,
            OSError,
            TimeoutError,
        )
        try:
            storage = RedisStorage(
                "async+" + uri,
                wrap_exceptions=True,
                implementation="redispy",
                key_prefix=key_prefix,
                connection_pool=self._pool,  # type: ignore[arg-type]  # typed as plain options
            )
        except ConfigurationError as exc:
            raise ConfigError(
                f"the rate-limit store {describe_storage(uri)} cannot be used: {exc}"
            ) from None
        self._limiter = SharedWindowLimiter(storage)

    async def consume(self, item: RateLimitItem, key: str) -> float | None:
        try:
            if await self._limiter.hit(item, key):
                return None
            return (await self._limiter.get_window_stats(item, key)).reset_time
        except self._errors as exc:
            raise RateLimitStoreUnavailable(self._unreachable(exc)) from exc

    async def verify(self) -> None:
        try:
            await self._client.ping()
        except self._errors as exc:
            raise RateLimitStoreUnavailable(self._unreachable(exc)) from exc

    async def aclose(self) -> None:
        await self._client.aclose()
        await self._pool.disconnect()

    def _unreachable(self, exc: BaseException) -> str:
        cause = getattr(exc, "storage_error", exc)  # limits wraps the client's error
        return (
            f"the rate-limit store {describe_storage(self.uri)} is unreachable "
            f"({type(cause).__name__}: {str(cause).rstrip('.')})"
        )


class ClientRateLimiter:
    """``await check(key)`` consumes one request from ``key``'s window and returns ``None``, or the whole
    seconds until the window admits another request. It raises ``RateLimitStoreUnavailable`` when a shared
    store does not answer."""

    def __init__(
        self, limit: str, *, storage_uri: str = "memory://", key_prefix: str = DEFAULT_KEY_PREFIX
    ) -> None:
        self.item: RateLimitItem = parse(limit)
        self.storage_uri = storage_uri
        scheme = urllib.parse.urlsplit(storage_uri).scheme
        if scheme not in STORAGE_SCHEMES:
            raise ConfigError(
                f"rate-limit storage {describe_storage(storage_uri)!r} is not supported; use "
                "memory:// (per process) or redis://host:6379/0 (rediss://, redis+unix:// also work)"
            )
        self._window: _Window = (
            _LocalWindow() if scheme == "memory" else _RedisWindow(storage_uri, key_prefix)
        )

    @property
    def description(self) -> str:
        return str(self.item)  # "100 per 1 minute", as slowapi words it

    async def check(self, key: str) -> int | None:
        reset_at = await self._window.consume(self.item, key)
        if reset_at is None:
            return None
        return max(1, math.ceil(reset_at - time.time()))

    async def verify(self) -> None:
        """Raise ``RateLimitStoreUnavailable`` unless the store answers (a no-op for ``memory://``)."""
        await self._window.verify()

    async def aclose(self) -> None:
        await self._window.aclose()
