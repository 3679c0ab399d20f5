"""Shared fixtures. The environment is cleaned for every test so a developer's keys never leak into a run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

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
