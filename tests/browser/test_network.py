"""Nothing leaves 127.0.0.1: the page loads only its own files and API, and the watch every browser test
relies on really does catch (and fail) a request to another host."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.support import BrowserLog, Pages, is_local, playwright_sync_api
from tests.helpers import LiveServer

sync_api = playwright_sync_api()
expect = sync_api.expect


def test_the_page_only_talks_to_its_own_server(browser: Any, live: LiveServer) -> None:
    log = BrowserLog()
    pages = Pages(browser, live.url, log)
    page = pages.open()
    page.goto("/")
    expect(page.locator("#who")).not_to_be_empty()
    expect(page.locator("#conversations-status, #conversations li").first).to_be_attached()
    requested = log.watches[0].requests
    paths = {urlsplit(url).path for url in requested}
    assert {"/", "/static/style.css", "/static/js/app.js", "/api/v1/me"} <= paths
    assert any(p.startswith("/api/v1/conversations") for p in paths)
    assert all(is_local(url) for url in requested), requested

    # The watch itself: a navigation elsewhere is aborted, recorded, and fails the test at the end.
    with pytest.raises(sync_api.Error, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("http://example.com/")
    assert log.watches[0].foreign == ["http://example.com/"]
    log.allow("ERR_BLOCKED_BY_CLIENT")
    with pytest.raises(AssertionError, match="other hosts"):
        pages.close()
