"""Browser-test support: finding Debian's Chromium, a slow model for the Stop journey, and a guard that
proves no request leaves 127.0.0.1.

The browser is the system's ``/usr/bin/chromium`` (``make test`` installs the Debian package when it
may); Playwright only drives it and never downloads one. Without it the browser tests are skipped
with the reason, except in CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from palisade.config import ScannerConfig, Settings
from palisade.engine import ChatEngine
from palisade.engine.factory import sink_factory
from palisade.guard.registry import guard_from_settings
from palisade.providers import OfflineProvider
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    Provider,
    StreamEvent,
    TextDelta,
)
from palisade.storage import Store
from palisade.validators import validate_files
from tests.helpers import LiveServer

# Debian's package; `CHROMIUM=/path make test` (or the same variable for pytest) points elsewhere.
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
# facts/ui.md: what made Debian's Chromium start reliably headless and offline on these machines.
# Playwright adds --headless and a fresh temporary --user-data-dir for every launch itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
AXE = HERE / "vendor" / "axe.min.js"
S3_DIR = "palisade/aws-s3-private-bucket/acme-audit-logs"
_ENV_PREFIXES = ("PALISADE_", "OPENAI_", "AZURE_", "GITHUB_", "LLM_GUARD_")


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason`` on a developer machine; fail in CI, where the browser must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def playwright_sync_api() -> ModuleType:
    """``playwright.sync_api``, or a skip (a failure in CI) that says how to get it."""
    try:
        import playwright.sync_api as sync_api
    except ImportError:
        unavailable("Playwright for Python is not installed: run `make install` (dev extra).")
    return sync_api


def chromium_path() -> str:
    if not CHROMIUM.exists():
        how = "`apt-get install chromium` (as root), or run `make test`, which does it when it may"
        unavailable(f"{CHROMIUM} is missing: install Debian's chromium package with {how}.")
    if shutil.which("git") is None:
        unavailable("git is missing: the journeys verify pull-request branches with git.")
    return str(CHROMIUM)


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine's test server (blob:/data: are in-page, no request)."""
    if url.startswith(("data:", "about:")):
        return True
    if url.startswith("blob:"):
        url = url[len("blob:") :]
    return urlsplit(url).hostname == "127.0.0.1"


class NetworkWatch:
    """Records every request a browser context makes; anything not on 127.0.0.1 is aborted and kept."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.foreign: list[str] = []

    def attach(self, context: Any) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.route(lambda url: not is_local(url), self._refuse)

    def _refuse(self, route: Any) -> None:
        self.foreign.append(route.request.url)
        route.abort("blockedbyclient")


class SlowProvider:
    """The offline engine behind deliberately slow answers, standing in for a slow language model.

    The first ``holds`` completions wait until the test sets ``release`` or the turn is cancelled (the
    Stop button), at most ``max_wait`` seconds; later ones answer at once. ``started`` and
    ``cancelled`` are thread-safe events: the test thread watches a server running in another thread.
    """

    name = "slow-offline"

    def __init__(self, inner: Provider, *, holds: int = 1, max_wait: float = 30.0) -> None:
        self.inner = inner
        self.holds = holds
        self.max_wait = max_wait
        self.started = threading.Event()
        self.release = threading.Event()
        self.cancelled = threading.Event()

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        if self.holds > 0:
            self.holds -= 1
            self.release.clear()
            self.started.set()
            try:
                for _ in range(int(self.max_wait / 0.05)):  # bounded: never hangs a test run
                    if self.release.is_set():
                        break
                    await asyncio.sleep(0.05)
            except asyncio.CancelledError:
                self.cancelled.set()
                raise
            finally:
                self.started.clear()
        return await self.inner.complete(messages, options=options)

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        completion = await self.complete(messages, options=options)
        if completion.text:
            yield TextDelta(completion.text)
        yield completion

    async def aclose(self) -> None:
        await self.inner.aclose()


def engine_with_provider(settings: Settings, provider: Provider, catalog: Catalog) -> ChatEngine:
    """A ChatEngine from the same real parts ``build_engine`` uses, but with ``provider``."""
    guard = settings.guard
    return ChatEngine(
        catalog=catalog,
        input_guard=guard_from_settings(guard, "input"),
        output_guard=guard_from_settings(guard, "output"),
        secrets_guard=guard_from_settings(guard, "output", [ScannerConfig(type="Secrets")]),
        provider=provider,
        validate=validate_files,
        store=Store(settings.resolved_database_url),
        sink_factory=sink_factory(settings),
        max_message_chars=settings.max_message_chars,
        path_template=settings.pr_path_template,
    )


def slow_offline_provider(catalog: Catalog, **kwargs: Any) -> SlowProvider:
    return SlowProvider(OfflineProvider(catalog.summaries()), **kwargs)


def shot(page: Any, name: str) -> Path:
    """Save a screenshot of the viewport to tests/browser/artifacts/<name>.png (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    return path


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
