"""Shared fixtures. The environment is cleaned for every test so a developer's keys never leak into a run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

_PREFIXES = ("PALISADE_", "OPENAI_", "AZURE_", "GITHUB_", "LLM_GUARD_")


@pytest.fixture(autouse=True)
def clean_environ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PALISADE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # so no developer's .env is read
    yield
