from __future__ import annotations

import pytest

from palisade.config import ScannerConfig
from palisade.errors import ConfigError
from palisade.guard.registry import build_guard
from palisade.guard.scanners.prompt_injection import PromptInjectionScanner
from palisade.guard.scanners.secrets import SecretsScanner


@pytest.mark.parametrize(
    ("stage", "names"),
    [
        pytest.param(
            "input",
            ("InvisibleText", "TokenLimit", "Secrets", "PromptInjection", "Anonymize"),
            id="input",
        ),
        pytest.param("output", ("InvisibleText", "Secrets", "MaliciousURLs"), id="output"),
    ],
)
def test_default_policy(stage: str, names: tuple[str, ...]) -> None:
    guard = build_guard(stage, None)  # type: ignore[arg-type]
    assert guard.names == names
    assert guard.stage == stage


def test_params_follow_llm_guard_names() -> None:
    guard = build_guard(
        "input",
        [
            ScannerConfig(type="Secrets", params={"redact_mode": "hash"}),
            ScannerConfig(type="PromptInjection", params={"threshold": 0.8}),
        ],
        fail_fast=True,
    )
    secrets, injection = guard.scanners
    assert isinstance(secrets, SecretsScanner) and secrets.redact_mode == "hash"
    assert isinstance(injection, PromptInjectionScanner) and injection.threshold == 0.8
    assert guard.fail_fast


@pytest.mark.parametrize(
    ("stage", "config", "message"),
    [
        pytest.param(
            "input",
            ScannerConfig(type="Toxicity"),
            r"#1 \('Toxicity'\): unknown scanner type",
            id="type",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Secrets", params={"redact": "all"}),
            r"'Secrets'.*unknown parameter\(s\) redact",
            id="param-name",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Secrets", params={"redact_mode": "some"}),
            r"'Secrets'.*invalid parameters: redact_mode",
            id="param-value",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="PromptInjection", params={"threshold": 2}),
            r"'PromptInjection'.*threshold",
            id="threshold",
        ),
        pytest.param(
            "output",
            ScannerConfig(type="PromptInjection"),
            r"cannot run in the output stage",
            id="stage",
        ),
    ],
)
def test_config_errors(stage: str, config: ScannerConfig, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_guard(stage, [ScannerConfig(type="InvisibleText"), config][1:])  # type: ignore[arg-type]


def test_unknown_stage() -> None:
    with pytest.raises(ConfigError, match="stage"):
        build_guard("middle", None)  # type: ignore[arg-type]
