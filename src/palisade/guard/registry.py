"""Build a ``Guard`` from LLM Guard-style policy entries (``{type, params}``), or from the default policy."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from palisade.config import GuardSettings, ScannerConfig
from palisade.errors import ConfigError
from palisade.guard.base import Scanner, Stage
from palisade.guard.pipeline import Guard
from palisade.guard.scanners.invisible_text import InvisibleTextScanner
from palisade.guard.scanners.prompt_injection import PromptInjectionScanner
from palisade.guard.scanners.secrets import SecretsScanner

__all__ = ["DEFAULT_POLICY", "SCANNERS", "build_guard", "build_scanner"]

ScannerFactory = Callable[..., Scanner]

# LLM Guard type name → (factory, stages it may run in).
SCANNERS: Mapping[str, tuple[ScannerFactory, frozenset[Stage]]] = {
    InvisibleTextScanner.name: (InvisibleTextScanner, frozenset({"input", "output"})),
    SecretsScanner.name: (SecretsScanner, frozenset({"input", "output"})),
    PromptInjectionScanner.name: (PromptInjectionScanner, frozenset({"input"})),
}

DEFAULT_POLICY: Mapping[Stage, tuple[str, ...]] = {
    "input": (InvisibleTextScanner.name, SecretsScanner.name, PromptInjectionScanner.name),
    "output": (InvisibleTextScanner.name, SecretsScanner.name),
}


def build_scanner(stage: Stage, config: ScannerConfig, *, index: int = 0) -> Scanner:
    """One scanner from one policy entry; a ``ConfigError`` names the entry when it is unusable."""
    where = f"{stage} scanner #{index + 1} ({config.type!r})"
    entry = SCANNERS.get(config.type)
    if entry is None:
        known = ", ".join(sorted(SCANNERS))
        raise ConfigError(f"{where}: unknown scanner type; known types: {known}")
    factory, stages = entry
    if stage not in stages:
        raise ConfigError(f"{where}: cannot run in the {stage} stage")
    params: dict[str, Any] = dict(config.params)
    accepted = set(inspect.signature(factory).parameters)
    unknown = sorted(set(params) - accepted)
    if unknown:
        allowed = ", ".join(sorted(accepted)) or "none"
        raise ConfigError(
            f"{where}: unknown parameter(s) {', '.join(unknown)}; accepted: {allowed}"
        )
    try:
        return factory(**params)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: invalid parameters: {exc}") from exc


def build_guard(
    stage: Stage,
    configs: Sequence[ScannerConfig] | None,
    *,
    fail_fast: bool = False,
    timeout_seconds: float | None = 5.0,
) -> Guard:
    """The guard for ``stage``; ``configs=None`` means the default policy."""
    if stage not in DEFAULT_POLICY:
        raise ConfigError(f"unknown guard stage {stage!r}; expected 'input' or 'output'")
    if configs is None:
        configs = [ScannerConfig(type=name) for name in DEFAULT_POLICY[stage]]
    scanners = [build_scanner(stage, cfg, index=i) for i, cfg in enumerate(configs)]
    return Guard(scanners, stage=stage, fail_fast=fail_fast, timeout_seconds=timeout_seconds)


def guard_from_settings(
    settings: GuardSettings, stage: Stage, configs: Sequence[ScannerConfig] | None = None
) -> Guard:
    """The guard ``settings`` describe for ``stage`` (its policy, fail-fast and per-scanner time budget);
    ``configs`` replaces the configured policy (e.g. ``--scanners``)."""
    if settings.backend != "local":
        raise ConfigError(
            f"PALISADE_GUARD__BACKEND={settings.backend!r} selects the remote guard, which the chat "
            "engine uses (ask, chat, serve); this command runs the built-in guard: unset it here."
        )
    if configs is None:
        configs = settings.input_scanners if stage == "input" else settings.output_scanners
    return build_guard(
        stage,
        configs,
        fail_fast=settings.fail_fast,
        timeout_seconds=settings.scanner_timeout_seconds,
    )
