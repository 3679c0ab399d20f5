"""Fixtures for the real-browser tests: Debian's Chromium driven by Playwright against the real app served
by uvicorn on 127.0.0.1 (offline engine, SQLite and a local git repository in a temporary directory).

Every page is watched: a request to any host but 127.0.0.1 is aborted and fails the test, and so does
any console error or uncaught exception (a Content-Security-Policy violation shows up as one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from palisade.blueprints import Catalog, render_blueprint
from tests.browser.support import (
    CHROMIUM_ARGS,
    S3_DIR,
    BrowserLog,
    Pages,
    browser_settings,
    chromium_path,
    playwright_sync_api,
    serve,
)
from tests.helpers import LiveServer, git, make_repo


@pytest.fixture(scope="session")
def sync_api() -> Any:
    return playwright_sync_api()


# Package scope, not session: Playwright's sync API keeps an asyncio loop marked as running in the main
# thread while it is alive, which would break every later test that calls asyncio.run().
@pytest.fixture(scope="package")
def browser(sync_api: Any) -> Iterator[Any]:
    executable = chromium_path()
    sync_api.expect.set_options(timeout=20_000)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="session")
def infra_repo(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    """A git repository that already holds an older version of the S3 bucket (90-day retention), so a
    proposal for it shows a real diff."""
    repo = make_repo(tmp_path_factory.mktemp("browser") / "infra")
    old = render_blueprint(
        catalog.get("aws-s3-private-bucket"),
        {"bucket_name": "acme-audit-logs", "region": "eu-west-1", "retention_days": 90},
    )
    (repo / S3_DIR).mkdir(parents=True)
    (repo / S3_DIR / "main.tf").write_text(old["main.tf"])
    git(repo, "add", S3_DIR)
    git(repo, "commit", "-q", "-m", "S3 audit-log bucket, 90 days")
    return repo


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, infra_repo: Path) -> Iterator[LiveServer]:
    """The app with the offline engine, shared by the journeys (each uses its own conversations)."""
    settings = browser_settings(tmp_path_factory.mktemp("browser-data"), infra_repo)
    with serve(settings) as server:
        yield server


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def new_page(
    browser: Any, live: LiveServer, browser_log: BrowserLog
) -> Iterator[Callable[..., Any]]:
    """``new_page(**context_options)``: a watched page; ``base_url`` defaults to the shared server."""
    pages = Pages(browser, live.url, browser_log)
    try:
        yield pages.open
    finally:
        pages.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()
