"""Failures the page must explain without losing anything: a turn that runs past the server's time
limit (an ``error`` event mid-stream), a message over the length limit and the rate limit (plain JSON
errors before the stream starts)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from palisade.blueprints import Catalog
from tests.browser.support import (
    SlowProvider,
    browser_settings,
    engine_with_provider,
    playwright_sync_api,
    serve,
    slow_offline_provider,
)
from tests.helpers import LiveServer, make_repo

expect = playwright_sync_api().expect


@pytest.fixture
def strict_live(
    catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, SlowProvider]]:
    base = tmp_path_factory.mktemp("browser-limits")
    settings = browser_settings(
        base / "data",
        make_repo(base / "infra"),
        max_message_chars=60,
        api={"rate_limit_per_minute": 1, "rate_limit_burst": 3, "stream_timeout_seconds": 1.5},
    )
    slow = slow_offline_provider(catalog, holds=1, max_wait=20.0)
    with serve(settings, engine_with_provider(settings, slow, catalog)) as server:
        yield server, slow


def test_timeouts_and_limits_are_explained(
    new_page: Any, strict_live: tuple[LiveServer, SlowProvider], browser_log: Any
) -> None:
    server, slow = strict_live
    browser_log.allow(r"status of (400|429)")  # Chromium logs every 4xx response
    page = new_page(base_url=server.url)
    page.goto("/")
    box = page.get_by_label("Your message")

    # 1. The server gives up after 1.5 s: an error event, a message, a way to try again.
    box.fill("I need a private encrypted S3 bucket called acme-late")
    box.press("Enter")
    reply = page.locator("article.msg.assistant").last
    error = reply.locator('.notice[data-kind="error"]')
    expect(error).to_contain_text("longer than 1.5 s")
    expect(error.get_by_role("button", name="Try again")).to_be_visible()
    expect(reply).to_have_attribute("data-state", "error")
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    assert slow.cancelled.wait(30), "the timed-out model call was not cancelled"

    # 2. Too long: refused before the stream; the text comes back into the box.
    too_long = "I need a private encrypted S3 bucket called acme-" + "x" * 40
    box.fill(too_long)
    box.press("Enter")
    refused = page.locator("article.msg.assistant").last.locator('.notice[data-kind="error"]')
    expect(refused).to_contain_text(re.compile(r"the limit is 60"))
    expect(refused.get_by_role("button", name="Try again")).to_have_count(0)
    expect(box).to_have_value(too_long)

    # 3. The rate limit: a clear wait, however many messages it takes to reach it (at most 4).
    for attempt in range(4):
        box.fill(f"hello {attempt}")
        box.press("Enter")
        last = page.locator("article.msg.assistant").last
        expect(last).not_to_have_attribute("aria-busy", "true")
        if last.locator('.notice[data-kind="error"]').count():
            break
    limited = page.locator("article.msg.assistant").last.locator('.notice[data-kind="error"]')
    expect(limited).to_contain_text("Too many messages")
    expect(limited).to_contain_text(re.compile(r"(Wait|Try again in) \d+ s"))
