"""Turn the server configuration's scanner lists into the two guard pipelines, through the registry."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from palisade.config import GuardSettings, ScannerConfig
from palisade.errors import ConfigError
from palisade.guard.base import Stage
from palisade.guard.pipeline import Guard
from palisade.guard.registry import SCANNERS, build_guard
from palisade.guard.scanners.iac_policy import IaCValidate
from palisade.guard.server.config import ServerConfig

__all__ = ["build_server_guards"]

logger = logging.getLogger(__name__)


def build_server_guards(
    config: ServerConfig, settings: GuardSettings, *, iac_validate: IaCValidate | None = None
) -> tuple[Guard, Guard]:
    """The input and output guards; every unknown scanner type in both lists is reported in one error, so
    adapting LLM Guard's reference file takes one round, not fifteen. ``iac_validate`` enables the
    ``IaCPolicy`` output scanner (the caller injects a validator; the guard package cannot import one)."""
    inputs = config.input_scanners if config.input_scanners is not None else settings.input_scanners
    outputs = (
        config.output_scanners if config.output_scanners is not None else settings.output_scanners
    )
    _refuse_unknown_types(inputs, outputs)
    return (
        _stage_guard("input", inputs, config, settings, iac_validate),
        _stage_guard("output", outputs, config, settings, iac_validate),
    )


def _stage_guard(
    stage: Stage,
    configs: Sequence[ScannerConfig] | None,
    config: ServerConfig,
    settings: GuardSettings,
    iac_validate: IaCValidate | None,
) -> Guard:
    guard = build_guard(
        stage,
        configs,
        fail_fast=config.app.scan_fail_fast,
        timeout_seconds=settings.scanner_timeout_seconds,
        iac_validate=iac_validate,
    )
    if not guard.scanners:
        kind = "prompt" if stage == "input" else "output"
        logger.warning(
            "no %s scanners configured: /analyze/%s and /scan/%s accept every text",
            stage,
            kind,
            kind,
        )
    return guard


def _refuse_unknown_types(
    inputs: Sequence[ScannerConfig] | None, outputs: Sequence[ScannerConfig] | None
) -> None:
    missing: list[str] = []
    for label, configs in (("input_scanners", inputs), ("output_scanners", outputs)):
        names = [c.type for c in configs or () if c.type not in SCANNERS]
        if names:
            missing.append(f"{label}: {', '.join(dict.fromkeys(names))}")
    if missing:
        raise ConfigError(
            "the configuration names scanner types Palisade does not implement ("
            + "; ".join(missing)
            + "). Remove or comment out those entries to run without them; available types: "
            + ", ".join(sorted(SCANNERS))
            + "."
        )
