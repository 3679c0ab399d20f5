"""Retries with backoff and a circuit breaker, around any provider.

The SDK's own retries are switched off (``max_retries=0``) so that what happens on a failure is decided here,
in one place, and can be tested against a real server:

* a retryable failure (HTTP 408/409/429/5xx, a timeout, a refused connection) is retried up to
  ``max_retries`` times with exponential backoff and jitter;
* when the server sends ``Retry-After`` (or OpenAI's ``retry-after-ms``), exactly that wait is honoured, but
  only up to ``max_retry_wait_seconds``: a longer wait is not shortened (that would ignore the server), the call
  fails at once with the wait in the message;
* a stream is retried only before its first event: text a user may have seen is never replayed;
* after ``failures`` failed calls in a row the circuit opens, and for ``open_seconds`` no call is made at all
  (``ProviderUnavailableError``), so a dead provider is not hammered. Then one trial call is let through.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from palisade.errors import (
    ProviderConnectionError,
    ProviderError,
    ProviderHTTPError,
    ProviderTimeoutError,
    ProviderUnavailableError,
)
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    Provider,
    StreamEvent,
)

__all__ = [
    "CircuitBreaker",
    "ResilientProvider",
    "RetryPolicy",
    "close_stream",
    "is_retryable",
    "retry_after_seconds",
]

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


async def close_stream(events: AsyncIterator[StreamEvent]) -> None:
    """Close a provider stream now (cancelling its HTTP response) instead of whenever it is collected."""
    aclose = getattr(events, "aclose", None)
    if aclose is not None:
        await aclose()


def retry_after_seconds(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """The wait a response asks for: ``retry-after-ms``, else ``Retry-After`` in seconds or as an HTTP date."""
    lowered = {k.lower(): v for k, v in headers.items()}
    millis = lowered.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def is_retryable(error: ProviderError) -> bool:
    """Failures that another attempt may fix: overload, rate limits, timeouts, unreachable servers."""
    if isinstance(error, ProviderHTTPError):
        return error.status_code in RETRYABLE_STATUS
    return isinstance(error, ProviderTimeoutError | ProviderConnectionError)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 2
    backoff_seconds: float = 0.5
    max_backoff_seconds: float = 8.0
    max_retry_wait_seconds: float = 20.0

    def delay(self, retry: int, error: ProviderError) -> float | None:
        """Seconds to wait before retry number ``retry`` (1-based), or ``None`` when not to retry."""
        if retry > self.max_retries or not is_retryable(error):
            return None
        asked = error.retry_after if isinstance(error, ProviderHTTPError) else None
        if asked is not None:
            return asked if asked <= self.max_retry_wait_seconds else None
        backoff = min(self.max_backoff_seconds, self.backoff_seconds * 2.0 ** (retry - 1))
        return backoff * (0.5 + random.random() / 2)


class CircuitBreaker:
    """Counts failed calls in a row; when ``failures`` is reached, refuses calls for ``open_seconds``."""

    def __init__(
        self, failures: int = 3, open_seconds: float = 30.0, clock: Clock = time.monotonic
    ):
        if failures < 1 or open_seconds <= 0:
            raise ValueError("failures must be >= 1 and open_seconds > 0")
        self.failures = failures
        self.open_seconds = open_seconds
        self._clock = clock
        self._consecutive = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        return "open" if self.retry_in() > 0 else "half-open"

    def retry_in(self) -> float:
        if self._opened_at is None:
            return 0.0
        return max(0.0, self._opened_at + self.open_seconds - self._clock())

    def check(self, provider: str) -> None:
        """Raise ``ProviderUnavailableError`` while open; in half-open state one call may try."""
        wait = self.retry_in()
        if self._opened_at is not None and wait > 0:
            raise ProviderUnavailableError(
                f"The {provider} provider failed {self._consecutive} times in a row, so Palisade is not "
                f"calling it for another {wait:.0f}s. Check it with `palisade doctor`.",
                retry_in=wait,
            )

    def success(self) -> None:
        self._consecutive = 0
        self._opened_at = None

    def failure(self) -> None:
        self._consecutive += 1
        if self._consecutive >= self.failures:
            self._opened_at = self._clock()  # (re)open; a failed half-open trial opens it again


class ResilientProvider:
    """Wraps a provider with a ``RetryPolicy`` and a ``CircuitBreaker``; otherwise transparent."""

    def __init__(
        self,
        inner: Provider,
        *,
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.retry = retry or RetryPolicy()
        self.breaker = breaker or CircuitBreaker()
        self._sleep = sleep

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        self.breaker.check(self.name)
        retry = 0
        while True:
            try:
                completion = await self.inner.complete(messages, options=options)
            except ProviderError as exc:
                retry += 1
                await self._wait_or_raise(retry, exc)
                continue
            self.breaker.success()
            return completion

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        self.breaker.check(self.name)
        retry = 0
        while True:
            emitted = False
            events = self.inner.stream(messages, options=options)
            try:
                async for event in events:
                    emitted = True
                    yield event
            except ProviderError as exc:
                if emitted:  # never replay text a user may already have seen
                    self._count_failure(exc)
                    raise
                retry += 1
                await self._wait_or_raise(retry, exc)
                continue
            finally:
                await close_stream(events)
            self.breaker.success()
            return

    async def aclose(self) -> None:
        await self.inner.aclose()

    async def _wait_or_raise(self, retry: int, exc: ProviderError) -> None:
        delay = self.retry.delay(retry, exc)
        if delay is None:
            self._count_failure(exc)
            if (
                isinstance(exc, ProviderHTTPError)
                and exc.retry_after is not None
                and is_retryable(exc)
            ):
                if exc.retry_after > self.retry.max_retry_wait_seconds:
                    raise ProviderHTTPError(
                        f"{exc} The server asked to wait {exc.retry_after:.0f}s, longer than Palisade "
                        f"waits ({self.retry.max_retry_wait_seconds:.0f}s); try again later.",
                        status_code=exc.status_code,
                        body=exc.body,
                        retry_after=exc.retry_after,
                    ) from exc
            raise exc
        log.warning(
            "provider %s: %s; retry %d of %d in %.2fs",
            self.name,
            exc,
            retry,
            self.retry.max_retries,
            delay,
        )
        await self._sleep(delay)

    def _count_failure(self, exc: ProviderError) -> None:
        if (
            is_retryable(exc)
            or isinstance(exc, ProviderHTTPError)
            and exc.status_code in (401, 403)
        ):
            self.breaker.failure()
