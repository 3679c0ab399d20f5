"""Build a ``Guard`` from LLM Guard-style policy entries (``{type, params}``), or from the default policy.

Type names and parameter names follow LLM Guard's ``scanners.yml`` wherever the scanner exists there, so a
policy written for LLM Guard API loads here; a type or parameter Palisade does not implement stops the build
with a ``ConfigError`` naming the entry and what is accepted (never silently ignored).

Some scanners need something a policy file cannot hold: ``IaCPolicy`` needs the project's validators, which the
guard package may not import. The caller injects those (``iac_validate=``); the engine does.

Default policy (``configs=None``):

- input: ``InvisibleText``, ``TokenLimit``, ``Secrets``, ``PromptInjection``, ``Anonymize`` — strip smuggling
  characters, refuse token floods, redact credentials before any model or log sees them, block injections, and
  replace personal data with placeholders. ``TokenLimit``'s budget (``DEFAULT_TOKEN_LIMIT``) sits above what any
  ordinary text within the engine's 20,000-character message limit estimates to, so it only stops floods of
  emoji, symbols or very long non-Latin texts, whose token count is several times their length.
  ``Anonymize`` leaves out ``IP_ADDRESS``: addresses and CIDR ranges are infrastructure values here (allowed
  sources, endpoints), not personal data; role mailboxes (``secops@``, ``alerts@``) are not personal data
  either and are kept (see ``pii``). ``PromptInjection`` runs before ``Anonymize`` so it judges the words as
  written, not placeholders.
- output: ``InvisibleText``, ``Secrets``, ``MaliciousURLs``, and ``IaCPolicy`` when a validator is injected —
  no hidden characters, no leaked credentials, no look-alike or script links, no unchecked infrastructure code.
  ``NoRefusal`` is not on by default because Palisade itself declines insecure requests; ``Sensitive`` is not
  because answers legitimately repeat the user's own values.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from palisade.config import GuardSettings, ScannerConfig
from palisade.errors import ConfigError
from palisade.guard.base import Scanner, Stage
from palisade.guard.pipeline import Guard
from palisade.guard.scanners.anonymize import AnonymizeScanner
from palisade.guard.scanners.ban_substrings import BanSubstringsScanner
from palisade.guard.scanners.ban_topics import BanTopicsScanner
from palisade.guard.scanners.deanonymize import DeanonymizeScanner
from palisade.guard.scanners.iac_policy import IaCPolicyScanner, IaCValidate
from palisade.guard.scanners.invisible_text import InvisibleTextScanner
from palisade.guard.scanners.json_output import JSONScanner
from palisade.guard.scanners.language import LanguageScanner
from palisade.guard.scanners.malicious_urls import MaliciousURLsScanner
from palisade.guard.scanners.no_refusal import NoRefusalLightScanner, NoRefusalScanner
from palisade.guard.scanners.pii import ENTITY_TYPES
from palisade.guard.scanners.prompt_injection import PromptInjectionScanner
from palisade.guard.scanners.regex import RegexScanner
from palisade.guard.scanners.secrets import SecretsScanner
from palisade.guard.scanners.sensitive import SensitiveScanner
from palisade.guard.scanners.token_limit import TokenLimitScanner

__all__ = [
    "DEFAULT_ANONYMIZE_TYPES",
    "DEFAULT_POLICY",
    "DEFAULT_TOKEN_LIMIT",
    "SCANNERS",
    "build_guard",
    "build_scanner",
    "guard_from_settings",
]

ScannerFactory = Callable[..., Scanner]

_BOTH: frozenset[Stage] = frozenset({"input", "output"})
_INPUT: frozenset[Stage] = frozenset({"input"})
_OUTPUT: frozenset[Stage] = frozenset({"output"})

# LLM Guard type name → (factory, stages it may run in).
SCANNERS: Mapping[str, tuple[ScannerFactory, frozenset[Stage]]] = {
    AnonymizeScanner.name: (AnonymizeScanner, _INPUT),
    BanSubstringsScanner.name: (BanSubstringsScanner, _BOTH),
    BanTopicsScanner.name: (BanTopicsScanner, _BOTH),
    DeanonymizeScanner.name: (DeanonymizeScanner, _OUTPUT),
    IaCPolicyScanner.name: (IaCPolicyScanner, _OUTPUT),
    InvisibleTextScanner.name: (InvisibleTextScanner, _BOTH),
    JSONScanner.name: (JSONScanner, _OUTPUT),
    LanguageScanner.name: (LanguageScanner, _BOTH),
    MaliciousURLsScanner.name: (MaliciousURLsScanner, _BOTH),
    NoRefusalScanner.name: (NoRefusalScanner, _OUTPUT),
    NoRefusalLightScanner.name: (NoRefusalLightScanner, _OUTPUT),
    PromptInjectionScanner.name: (PromptInjectionScanner, _INPUT),
    RegexScanner.name: (RegexScanner, _BOTH),
    SecretsScanner.name: (SecretsScanner, _BOTH),
    SensitiveScanner.name: (SensitiveScanner, _OUTPUT),
    TokenLimitScanner.name: (TokenLimitScanner, _INPUT),
}

DEFAULT_TOKEN_LIMIT = 16_384
DEFAULT_ANONYMIZE_TYPES: tuple[str, ...] = tuple(t for t in ENTITY_TYPES if t != "IP_ADDRESS")

DEFAULT_POLICY: Mapping[Stage, tuple[ScannerConfig, ...]] = {
    "input": (
        ScannerConfig(type=InvisibleTextScanner.name),
        ScannerConfig(type=TokenLimitScanner.name, params={"limit": DEFAULT_TOKEN_LIMIT}),
        ScannerConfig(type=SecretsScanner.name),
        ScannerConfig(type=PromptInjectionScanner.name),
        ScannerConfig(
            type=AnonymizeScanner.name, params={"entity_types": list(DEFAULT_ANONYMIZE_TYPES)}
        ),
    ),
    "output": (
        ScannerConfig(type=InvisibleTextScanner.name),
        ScannerConfig(type=SecretsScanner.name),
        ScannerConfig(type=MaliciousURLsScanner.name),
        # only when a validator is injected (see the module docstring)
        ScannerConfig(type=IaCPolicyScanner.name),
    ),
}


def _injected(factory: ScannerFactory) -> frozenset[str]:
    value: object = getattr(factory, "injected", frozenset())
    return frozenset(value) if isinstance(value, frozenset | set | tuple) else frozenset()


def build_scanner(
    stage: Stage,
    config: ScannerConfig,
    *,
    index: int = 0,
    iac_validate: IaCValidate | None = None,
) -> Scanner:
    """One scanner from one policy entry; a ``ConfigError`` names the entry when it is unusable."""
    where = f"{stage} scanner #{index + 1} ({config.type!r})"
    entry = SCANNERS.get(config.type)
    if entry is None:
        known = ", ".join(sorted(SCANNERS))
        raise ConfigError(f"{where}: unknown scanner type; known types: {known}")
    factory, stages = entry
    if stage not in stages:
        allowed_stages = " and ".join(sorted(stages))
        raise ConfigError(
            f"{where}: cannot run in the {stage} stage (it runs in: {allowed_stages})"
        )
    params: dict[str, Any] = dict(config.params)
    injected = _injected(factory)
    accepted = set(inspect.signature(factory).parameters) - injected
    supplied = sorted(set(params) & injected)
    if supplied:
        raise ConfigError(
            f"{where}: {', '.join(supplied)} is supplied by Palisade, not by the policy; remove it"
        )
    unknown = sorted(set(params) - accepted)
    if unknown:
        allowed = ", ".join(sorted(accepted)) or "none"
        raise ConfigError(
            f"{where}: unknown parameter(s) {', '.join(unknown)}; accepted: {allowed}"
        )
    if "validate" in injected:
        if iac_validate is None:
            raise ConfigError(
                f"{where}: needs Palisade's validators, which only the chat engine provides "
                "(palisade ask / chat / serve); remove it from this policy to run it elsewhere"
            )
        params["validate"] = iac_validate
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
    iac_validate: IaCValidate | None = None,
) -> Guard:
    """The guard for ``stage``; ``configs=None`` means the default policy (``IaCPolicy`` in it only when
    ``iac_validate`` is given)."""
    if stage not in DEFAULT_POLICY:
        raise ConfigError(f"unknown guard stage {stage!r}; expected 'input' or 'output'")
    if configs is None:
        configs = [
            cfg
            for cfg in DEFAULT_POLICY[stage]
            if cfg.type != IaCPolicyScanner.name or iac_validate is not None
        ]
    scanners = [
        build_scanner(stage, cfg, index=i, iac_validate=iac_validate)
        for i, cfg in enumerate(configs)
    ]
    return Guard(scanners, stage=stage, fail_fast=fail_fast, timeout_seconds=timeout_seconds)


def guard_from_settings(
    settings: GuardSettings,
    stage: Stage,
    configs: Sequence[ScannerConfig] | None = None,
    *,
    iac_validate: IaCValidate | None = None,
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
        iac_validate=iac_validate,
    )
