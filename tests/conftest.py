"""Shared fixtures. The environment is cleaned for every test so a developer's keys never leak into a run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.fakes.fake_openai import FakeOpenAI
from tests.helpers import LiveServer

_PREFIXES = ("PALISADE_", "OPENAI_", "AZURE_", "GITHUB_", "LLM_GUARD_")
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@pytest.fixture(autouse=True)
def clean_environ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PALISADE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # so no developer's .env is read
    yield


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    name = f"palisade_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


# The loopback fake OpenAI server (tests/fakes/fake_openai.py): started once, on first use, and reset and
# checked for every test that uses it.
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
