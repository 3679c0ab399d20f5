"""Fixtures for the engine tests against the loopback fake OpenAI server (see ``support.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from palisade.config import GuardSettings
from palisade.engine import ChatEngine, build_engine
from tests.engine.support import close, settings_for
from tests.helpers import make_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "infra")


@pytest.fixture
def make(base_url: str, tmp_path: Path, repo: Path) -> Iterator[Any]:
    """Builds engines the way users get them (``build_engine``), closed after the test:
    ``make(guard=GuardSettings(...), **provider_settings)``."""
    engines: list[ChatEngine] = []

    def build(*, guard: GuardSettings | None = None, **provider: Any) -> ChatEngine:
        engine = build_engine(settings_for(base_url, tmp_path, repo, guard=guard, **provider))
        engines.append(engine)
        return engine

    yield build
    for engine in engines:
        close(engine)
