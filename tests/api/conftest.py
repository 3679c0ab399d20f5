"""Fixtures for the HTTP API: real engines on SQLite in tmp_path, apps driven through HTTP.

Most tests talk to the app in-process with ``httpx.ASGITransport``; streaming disconnects use a real
uvicorn server on 127.0.0.1 (``tests.helpers.LiveServer``). Engines are built with the real
``ChatEngine`` constructor; only the provider differs where a test needs a slow or failing model.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from palisade.config import ScannerConfig, Settings, load_settings
from palisade.engine import ChatEngine
from palisade.engine.accounts import Accounts
from palisade.engine.factory import sink_factory
from palisade.errors import ProviderError
from palisade.guard.registry import build_guard
from palisade.providers import OfflineProvider
from palisade.providers.base import Completion, GenerationOptions, Message, StreamEvent
from palisade.storage import Store
from palisade.validators import validate_files


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load()


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    return load_settings(data_dir=data_dir, **overrides)


def make_engine(settings: Settings, catalog: Catalog, provider: Any = None) -> ChatEngine:
    """The engine ``build_engine`` would make, with ``provider`` (default: the offline engine)."""
    return ChatEngine(
        catalog=catalog,
        input_guard=build_guard("input", None),
        output_guard=build_guard("output", None),
        secrets_guard=build_guard("output", [ScannerConfig(type="Secrets")]),
        provider=provider or OfflineProvider(catalog.summaries()),
        validate=validate_files,
        store=Store(settings.resolved_database_url),
        sink_factory=sink_factory(settings),
        max_message_chars=settings.max_message_chars,
    )


class WaitingProvider:
    """A model that never answers until cancelled (a slow LLM); flags are thread-safe."""

    name = "waiting"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.cancelled = threading.Event()

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        async for event in self.stream(messages, options=options):
            if isinstance(event, Completion):
                return event
        raise AssertionError("unreachable")  # pragma: no cover

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        self.started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            self.cancelled.set()
            raise
        yield Completion(text="never")  # pragma: no cover

    async def aclose(self) -> None:
        return None


class SlowProvider:
    """The offline engine, answering after ``delay`` seconds."""

    name = "slow"

    def __init__(self, inner: OfflineProvider, delay: float) -> None:
        self.inner = inner
        self.delay = delay

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        await asyncio.sleep(self.delay)
        return await self.inner.complete(messages, options=options)

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        await asyncio.sleep(self.delay)
        async for event in self.inner.stream(messages, options=options):
            yield event

    async def aclose(self) -> None:
        return None


class FailingProvider:
    """A model that is down (and the engine has no fallback)."""

    name = "failing"

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        raise ProviderError("the model endpoint answered 503")

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        raise ProviderError("the model endpoint answered 503")
        yield  # pragma: no cover - makes this an async generator

    async def aclose(self) -> None:
        return None


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def engine(settings: Settings, catalog: Catalog) -> Iterator[ChatEngine]:
    chat = make_engine(settings, catalog)
    try:
        yield chat
    finally:
        chat.store.close()


@pytest.fixture
def app(settings: Settings, engine: ChatEngine) -> FastAPI:
    return create_app(settings, engine=engine)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://127.0.0.1", timeout=60
    ) as c:
        yield c


def add_user(engine: ChatEngine, name: str, role: str = "requester") -> str:
    """Create ``name`` with ``role`` and return a fresh token for them."""
    accounts = Accounts(engine.store)
    accounts.add_user(name, role, actor="test")
    return accounts.issue_token(name, actor="test")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def parse_sse(text: str) -> list[tuple[str, Any]]:
    """``[(type, data)]`` from an event-stream body; comment lines (heartbeats) are skipped."""
    events: list[tuple[str, Any]] = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line and not line.startswith(":")]
        if not lines:
            continue
        fields = dict(line.split(": ", 1) for line in lines)
        events.append((fields["event"], json.loads(fields["data"])))
    return events
