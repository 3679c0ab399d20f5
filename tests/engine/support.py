"""What the engine tests against the loopback fake OpenAI server share: settings, engines, collecting a turn."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from palisade.config import GuardSettings, ProviderSettings, Settings, load_settings
from palisade.engine import ChatEngine, TurnEvent, TurnResult


def settings_for(
    server_url: str,
    tmp_path: Path,
    repo: Path,
    *,
    guard: GuardSettings | None = None,
    **provider: Any,
) -> Settings:
    """Settings for an ``openai-compatible`` provider at ``server_url`` (fast retries), a local repository."""
    values: dict[str, Any] = {
        "name": "openai-compatible",
        "base_url": f"{server_url}/v1",
        "model": "gpt-4o-mini",
        "timeout_seconds": 5,
        "max_retries": 1,
        "backoff_seconds": 0.01,
    }
    values.update(provider)
    extra: dict[str, Any] = {"guard": guard} if guard is not None else {}
    return load_settings(
        provider=ProviderSettings(**values),
        repo=str(repo),
        data_dir=tmp_path / "data",
        repair_rounds=1,
        **extra,
    )


def run(engine: ChatEngine, text: str, conversation_id: str | None = None) -> list[TurnEvent]:
    """One whole turn's events."""

    async def collect() -> list[TurnEvent]:
        return [e async for e in engine.stream(text, conversation_id=conversation_id)]

    return asyncio.run(collect())


def result(events: list[TurnEvent]) -> TurnResult:
    assert events[-1].type == "done" and events[-1].turn is not None
    return events[-1].turn


def deltas(events: list[TurnEvent]) -> str:
    return "".join(str(e.data["text"]) for e in events if e.type == "delta")


def close(engine: ChatEngine) -> None:
    asyncio.run(engine.aclose())
    engine.store.close()
