"""Retries, Retry-After and the circuit breaker: the real SDK against the loopback fake server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from pydantic import SecretStr

from palisade.config import ProviderSettings
from palisade.errors import ProviderError, ProviderHTTPError, ProviderUnavailableError
from palisade.providers import OpenAIProvider
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    StreamEvent,
    TextDelta,
)
from palisade.providers.resilience import (
    CircuitBreaker,
    ResilientProvider,
    RetryPolicy,
    retry_after_seconds,
)
from tests.fakes.fake_openai import FakeOpenAI, Reply, answer, error

MESSAGES = (Message(role="user", content="hello"),)
OPTIONS = GenerationOptions()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def resilient(
    base_url: str,
    *,
    retries: int = 2,
    max_wait: float = 5.0,
    breaker: CircuitBreaker | None = None,
) -> ResilientProvider:
    inner = OpenAIProvider(
        ProviderSettings(
            base_url=f"{base_url}/v1",
            api_key=SecretStr("sk-test"),
            model="gpt-4o",
            timeout_seconds=5,
        )
    )
    policy = RetryPolicy(max_retries=retries, backoff_seconds=0.01, max_retry_wait_seconds=max_wait)
    return ResilientProvider(inner, retry=policy, breaker=breaker or CircuitBreaker(5, 30))


async def _complete(provider: ResilientProvider) -> Completion:
    try:
        return await provider.complete(MESSAGES, options=OPTIONS)
    finally:
        await provider.aclose()


async def _stream(provider: ResilientProvider) -> list[StreamEvent]:
    try:
        return [e async for e in provider.stream(MESSAGES, options=OPTIONS)]
    finally:
        await provider.aclose()


def test_a_429_is_retried_after_exactly_the_wait_the_server_asked_for(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.enqueue(error(429, retry_after="1"), answer("after the wait"))
    started = time.monotonic()
    completion = asyncio.run(_complete(resilient(base_url)))
    elapsed = time.monotonic() - started
    assert completion.text == "after the wait"
    assert len(fake.requests) == 2
    assert 0.95 <= elapsed < 3.0


def test_retry_after_ms_is_honoured_on_a_503_stream(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(Reply(status=503, headers={"retry-after-ms": "300"}), answer("streamed"))
    started = time.monotonic()
    events = asyncio.run(_stream(resilient(base_url)))
    assert time.monotonic() - started >= 0.29
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "streamed"
    assert len(fake.requests) == 2


def test_a_retry_after_longer_than_the_cap_fails_at_once_and_says_so(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.enqueue(error(429, retry_after="120"))
    started = time.monotonic()
    with pytest.raises(ProviderHTTPError, match="asked to wait 120s") as caught:
        asyncio.run(_complete(resilient(base_url, max_wait=5)))
    assert caught.value.retry_after == 120
    assert time.monotonic() - started < 1.0
    assert len(fake.requests) == 1


def test_server_errors_are_retried_with_backoff_then_given_up(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.enqueue(error(500), error(502), error(503))
    with pytest.raises(ProviderHTTPError) as caught:
        asyncio.run(_complete(resilient(base_url, retries=2)))
    assert caught.value.status_code == 503
    assert len(fake.requests) == 3


def test_a_bad_request_is_not_retried(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(error(400))
    with pytest.raises(ProviderHTTPError):
        asyncio.run(_complete(resilient(base_url)))
    assert len(fake.requests) == 1


def test_the_circuit_opens_after_repeated_failures_and_then_lets_one_trial_through(
    fake: FakeOpenAI, base_url: str
) -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=2, open_seconds=30, clock=clock)
    fake.enqueue(error(503), error(503))
    for _ in range(2):
        with pytest.raises(ProviderHTTPError):
            asyncio.run(_complete(resilient(base_url, retries=0, breaker=breaker)))
    assert breaker.state == "open"
    with pytest.raises(ProviderUnavailableError, match="not calling it") as caught:
        asyncio.run(_stream(resilient(base_url, retries=0, breaker=breaker)))
    assert 0 < caught.value.retry_in <= 30
    assert len(fake.requests) == 2  # the open circuit made no call

    clock.now += 31
    assert breaker.state == "half-open"
    fake.enqueue(answer("back"))
    assert asyncio.run(_complete(resilient(base_url, retries=0, breaker=breaker))).text == "back"
    assert breaker.state == "closed"


class FailsAfterText:
    """Streams one delta, then fails: what a dropped connection mid-answer looks like."""

    name = "flaky"

    def __init__(self) -> None:
        self.calls = 0

    async def complete(self, messages: Sequence[Message], *, options: GenerationOptions) -> Any:
        raise AssertionError("not used")

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        self.calls += 1
        yield TextDelta("Here is")
        raise ProviderHTTPError("connection dropped", status_code=502)

    async def aclose(self) -> None:
        return None


def test_a_stream_is_never_retried_after_text_went_out() -> None:
    inner = FailsAfterText()
    provider = ResilientProvider(inner, retry=RetryPolicy(max_retries=3, backoff_seconds=0.01))
    seen: list[StreamEvent] = []

    async def run() -> None:
        async for event in provider.stream(MESSAGES, options=OPTIONS):
            seen.append(event)

    with pytest.raises(ProviderError, match="connection dropped"):
        asyncio.run(run())
    assert inner.calls == 1 and seen == [TextDelta("Here is")]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"Retry-After": "-3"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
    ids=["seconds", "fractional", "ms-wins", "negative", "garbage", "absent"],
)
def test_retry_after_values(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_seconds(headers) == expected


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds({"Retry-After": header}, now=now) == 30.0


def test_the_retry_policy_backs_off_exponentially_within_its_bounds() -> None:
    policy = RetryPolicy(max_retries=4, backoff_seconds=1.0, max_backoff_seconds=3.0)
    err = ProviderHTTPError("x", status_code=503)
    delays = [policy.delay(n, err) for n in (1, 2, 3, 4, 5)]
    assert delays[4] is None
    bounds = [(0.5, 1.0), (1.0, 2.0), (1.5, 3.0), (1.5, 3.0)]
    for delay, (low, high) in zip(delays[:4], bounds, strict=True):
        assert delay is not None and low <= delay <= high
