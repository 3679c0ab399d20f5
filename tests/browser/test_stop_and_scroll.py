"""Stop during a slow answer (button and Esc) really stops the server's work and leaves a usable page;
auto-scroll follows new content only while the user is at the bottom.

The app runs on an engine built from the real parts with one difference: its model is the offline
engine behind ``SlowProvider``, which holds its first answers until released or cancelled.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from palisade.blueprints import Catalog
from tests.browser.support import (
    SlowProvider,
    browser_settings,
    engine_with_provider,
    playwright_sync_api,
    serve,
    shot,
    slow_offline_provider,
)
from tests.helpers import S3_REQUEST, LiveServer, make_repo

expect = playwright_sync_api().expect


@pytest.fixture(scope="module")
def slow(catalog: Catalog) -> SlowProvider:
    return slow_offline_provider(catalog, holds=3, max_wait=30.0)


@pytest.fixture(scope="module")
def slow_live(
    slow: SlowProvider, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    base = tmp_path_factory.mktemp("browser-slow")
    settings = browser_settings(base / "data", make_repo(base / "infra"))
    with serve(settings, engine_with_provider(settings, slow, catalog)) as server:
        yield server


def stored_messages(server: LiveServer, conversation: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{server.url}/api/v1/conversations/{conversation}", timeout=10)
    response.raise_for_status()
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


def wait_for_stopped_record(
    server: LiveServer, conversation: str, count: int
) -> list[dict[str, Any]]:
    """Poll (bounded) until the server has recorded ``count`` stopped turns in ``conversation``."""
    messages: list[dict[str, Any]] = []
    for _ in range(100):
        messages = stored_messages(server, conversation)
        if sum(m.get("meta_kind") == "stopped" for m in messages) >= count:
            return messages
        time.sleep(0.1)
    raise AssertionError(f"the server never recorded {count} stopped turn(s): {messages}")


def test_stop_cancels_the_server_work_and_the_page_stays_usable(
    new_page: Any, slow_live: LiveServer, slow: SlowProvider
) -> None:
    page = new_page(base_url=slow_live.url)
    page.goto("/")
    box = page.get_by_label("Your message")
    box.fill(S3_REQUEST)
    box.press("Enter")

    stop = page.get_by_role("button", name="Stop")
    expect(stop).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_hidden()
    assert slow.started.wait(30), "the model call never started"
    reply = page.locator("article.msg.assistant").last
    expect(reply).to_have_attribute("aria-busy", "true")
    expect(reply.locator(".msg-status")).to_be_visible()
    shot(page, "06-streaming")

    stop.click()
    expect(reply).to_have_attribute("data-state", "stopped")
    expect(reply.locator(".stopped-note")).to_contain_text("Stopped")
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(stop).to_be_hidden()
    expect(box).to_be_focused()
    assert slow.cancelled.wait(30), "closing the stream did not cancel the model call"
    conversation = page.url.split("#c=")[1]
    wait_for_stopped_record(slow_live, conversation, 1)

    # Esc stops too.
    slow.cancelled.clear()
    box.fill("I need a private encrypted S3 bucket called acme-esc-logs")
    box.press("Enter")
    assert slow.started.wait(30)
    expect(stop).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("article.msg.assistant").last).to_have_attribute("data-state", "stopped")
    assert slow.cancelled.wait(30)
    wait_for_stopped_record(slow_live, conversation, 2)

    # The page is still usable: the next message in the same conversation is answered in full.
    slow.holds = 0
    box.fill("I need a private encrypted S3 bucket called acme-after-stop")
    box.press("Enter")
    last = page.locator("article.msg.assistant").last
    expect(last).to_have_attribute("data-state", "done", timeout=60_000)
    expect(last.locator("section.proposal table.checks caption")).to_contain_text("0 failed")
    assert page.url.endswith(f"#c={conversation}")


def test_auto_scroll_never_fights_the_user(
    new_page: Any, slow_live: LiveServer, slow: SlowProvider
) -> None:
    page = new_page(base_url=slow_live.url, viewport={"width": 1000, "height": 700})
    page.goto("/")
    box = page.get_by_label("Your message")
    log = page.locator("#log")

    # Enough history to scroll: one full answer (a proposal card is tall).
    slow.holds = 0
    box.fill("I need a private encrypted S3 bucket called acme-scroll-logs")
    box.press("Enter")
    expect(page.locator("article.msg.assistant").last).to_have_attribute(
        "data-state", "done", timeout=60_000
    )
    at_bottom = "el => el.scrollHeight - el.scrollTop - el.clientHeight < 50"
    assert log.evaluate(at_bottom), "while at the bottom, new content is followed"

    # While the next answer is pending the user scrolls up: the answer must not pull them down.
    slow.holds = 1
    box.fill("I need a private encrypted S3 bucket called acme-scroll-two")
    box.press("Enter")
    assert slow.started.wait(30)
    log.hover()
    page.mouse.wheel(0, -5000)
    page.wait_for_function("() => document.getElementById('log').scrollTop < 50")
    slow.release.set()
    last = page.locator("article.msg.assistant").last
    expect(last).to_have_attribute("data-state", "done", timeout=60_000)
    expect(last.locator("section.proposal")).to_be_visible()
    assert (
        log.evaluate("el => el.scrollTop") < 50
    ), "the view was pulled away from where the user was"
    jump = page.get_by_role("button", name="Jump to latest")
    expect(jump).to_be_visible()

    jump.click()
    page.wait_for_function(
        "() => { const el = document.getElementById('log');"
        " return el.scrollHeight - el.scrollTop - el.clientHeight < 50; }"
    )
    expect(jump).to_be_hidden()
    expect(box).to_be_focused()
