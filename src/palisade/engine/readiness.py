"""Is this engine able to serve a turn? One check per dependency, for ``GET /readyz``.

Each check does the smallest real thing its dependency must do: the database answers a query, the
catalog has blueprints, both guards decide about a harmless text without blocking it, Checkov
imports, and the pull-request sink opens its repository. A check that raises or times out fails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from palisade.engine.chat import ChatEngine
from palisade.validators import CheckovValidator

__all__ = ["Check", "check_readiness", "warm_up"]

log = logging.getLogger(__name__)

_PROBE_TEXT = "Readiness probe: a private S3 bucket for logs."


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    detail: str

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "detail": self.detail}


def _database(engine: ChatEngine) -> str:
    engine.store.ping()
    return engine.store.dialect


def _catalog(engine: ChatEngine) -> str:
    count = len(engine.catalog)
    if count == 0:
        raise RuntimeError("the blueprint catalog is empty")
    return f"{count} blueprints"


def _guard(engine: ChatEngine) -> str:
    for guard in (engine.input_guard, engine.output_guard):
        verdict = guard.scan(_PROBE_TEXT)
        if verdict.blocked:
            raise RuntimeError(
                f"the {verdict.stage} guard blocks a harmless text: {verdict.summary()}"
            )
    return "input and output scanners answer"


def _validator(engine: ChatEngine) -> str:
    CheckovValidator().warm_up()
    return "checkov importable"


def _repository(engine: ChatEngine) -> str:
    sink = engine.default_sink()
    return f"{sink.name}: {sink.repo}"


_CHECKS: dict[str, Callable[[ChatEngine], str]] = {
    "database": _database,
    "catalog": _catalog,
    "guard": _guard,
    "validator": _validator,
    "repository": _repository,
}


def _run(name: str, fn: Callable[[ChatEngine], str], engine: ChatEngine) -> Check:
    try:
        return Check(True, fn(engine))
    except Exception as exc:  # any failure means "not ready"; the reason is reported, not raised
        log.warning("readiness check %s failed: %s", name, exc)
        return Check(False, f"{type(exc).__name__}: {exc}")


async def check_readiness(engine: ChatEngine, *, timeout_seconds: float = 10.0) -> dict[str, Check]:
    """Run every check in a worker thread, concurrently; a check slower than the timeout fails."""

    async def one(name: str, fn: Callable[[ChatEngine], str]) -> Check:
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(_run, name, fn, engine), timeout=timeout_seconds
            )
        except TimeoutError:
            return Check(False, f"no answer within {timeout_seconds:g} s")

    results = await asyncio.gather(*(one(name, fn) for name, fn in _CHECKS.items()))
    return dict(zip(_CHECKS, results, strict=True))


def warm_up() -> None:
    """Import Checkov now (about 2 s) so the first proposal does not pay for it; never raises."""
    try:
        CheckovValidator().warm_up()
    except Exception as exc:  # /readyz reports it; the app still serves what it can
        log.warning("Checkov could not be imported: %s", exc)
