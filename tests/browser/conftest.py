"""Fixtures for the real-browser tests: Debian's Chromium driven by Playwright against the real app served
by uvicorn on 127.0.0.1 (offline engine, SQLite and a local git repository in a temporary directory).

Every page is watched: a request to any host but 127.0.0.1 is aborted and fails the test, and so does
any console error or uncaught exception (a Content-Security-Policy violation shows up as one).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.browser.support import (
    CHROMIUM_ARGS,
    NetworkWatch,
    chromium_path,
    playwright_sync_api,
)
from tests.helpers import LiveServer, git, make_repo

from palisade.blueprints import Catalog, render_blueprint
from palisade.channels.api.app import create_app
from palisade.config import Settings
from palisade.engine import ChatEngine

_ENV_PREFIXES = ("PALISADE_", "OPENAI_", "AZURE_", "GITHUB_", "LLM_GUARD_")
S3_DIR = "palisade/aws-s3-private-bucket/acme-audit-logs"


@pytest.fixture(scope="session")
def sync_api() -> Any:
    return playwright_sync_api()


@pytest.fixture(scope="session")
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


def browser_settings(data_dir: Path, repo: Path, **overrides: Any) -> Settings:
    """Settings from explicit values only: no developer environment variable or .env leaks in.

    The whole suite talks as the one local user, so its message rate limit is raised unless a test
    sets its own.
    """
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "repo": str(repo),
        "api": {"rate_limit_per_minute": 600, "rate_limit_burst": 100},
    }
    values.update(overrides)
    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            if name.startswith(_ENV_PREFIXES):
                mp.delenv(name)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def serve(settings: Settings, engine: ChatEngine | None = None) -> LiveServer:
    return LiveServer(create_app(settings, engine=engine, host="127.0.0.1"))


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, infra_repo: Path) -> Iterator[LiveServer]:
    """The app with the offline engine, shared by the journeys (each uses its own conversations)."""
    settings = browser_settings(tmp_path_factory.mktemp("browser-data"), infra_repo)
    with serve(settings) as server:
        yield server


@dataclass
class BrowserLog:
    """What the page did that a test may need to assert on or allow."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)
    watches: list[NetworkWatch] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Expect console errors matching ``pattern`` (e.g. the 404 of a deleted conversation)."""
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


class Pages:
    """Opens watched pages in fresh browser contexts (own storage, on ``base_url``); ``close`` closes
    them and fails on any off-host request, console error or uncaught exception."""

    def __init__(self, browser: Any, base_url: str, log: BrowserLog) -> None:
        self.browser = browser
        self.base_url = base_url
        self.log = log
        self.contexts: list[Any] = []

    def open(self, **options: Any) -> Any:
        settings: dict[str, Any] = {
            "viewport": {"width": 1280, "height": 860},
            "color_scheme": "light",
            "reduced_motion": "reduce",
            "accept_downloads": True,
            "base_url": self.base_url,
        }
        settings.update(options)
        context = self.browser.new_context(**settings)
        context.set_default_timeout(20_000)
        watch = NetworkWatch()
        watch.attach(context)
        self.log.watches.append(watch)
        self.contexts.append(context)
        page = context.new_page()
        errors = self.log.errors
        page.on(
            "console",
            lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        foreign = [url for watch in self.log.watches for url in watch.foreign]
        assert not foreign, f"the page tried to reach other hosts: {foreign}"
        assert all(watch.requests for watch in self.log.watches), "no request was observed"
        assert not self.log.unexpected(), f"browser errors: {self.log.unexpected()}"


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
