"""LLM Guard API's own variables are read unprefixed; keep a developer's values out of these tests."""

from __future__ import annotations

import pytest

from palisade.config import GuardServerSettings


@pytest.fixture(autouse=True)
def clean_guard_server_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in GuardServerSettings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
