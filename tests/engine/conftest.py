"""The loopback fake OpenAI server for the engine's model-loop tests: started once, reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.fake_openai import FakeOpenAI
from tests.helpers import LiveServer


@pytest.fixture(scope="session")
def openai_server() -> Iterator[tuple[FakeOpenAI, str]]:
    fake = FakeOpenAI()
    with LiveServer(fake.app) as server:
        yield fake, server.url


@pytest.fixture
def fake(openai_server: tuple[FakeOpenAI, str]) -> Iterator[FakeOpenAI]:
    server, _ = openai_server
    server.reset()
    yield server
    assert not server.surprises, server.surprises
    assert server.remaining == 0, "the fake model was not asked everything it was scripted for"


@pytest.fixture
def base_url(openai_server: tuple[FakeOpenAI, str]) -> str:
    return openai_server[1]
