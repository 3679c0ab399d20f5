"""Every new scanner is built from LLM Guard-style ``{type, params}``; bad entries stop with a clear error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
import yaml

from palisade.config import ScannerConfig
from palisade.errors import ConfigError
from palisade.guard.registry import SCANNERS, build_guard
from palisade.guard.scanners.iac_policy import IaCPolicyScanner
from palisade.validators import validate_files
from tests.helpers import shared_data_dir

REFERENCE = shared_data_dir().parent / "reference" / "llm-guard-api.scanners.yml"
# Types another stream owns (their parameters are checked in their own tests).
NOT_HERE = {"PromptInjection"}


@pytest.mark.parametrize(
    ("stage", "type_", "params"),
    [
        (
            "input",
            "Anonymize",
            {"use_faker": False, "threshold": 0.75, "entity_types": ["EMAIL_ADDRESS"]},
        ),
        (
            "input",
            "Anonymize",
            {"hidden_names": ["Falcon"], "allowed_names": ["Jane"], "preamble": "x"},
        ),
        (
            "input",
            "Anonymize",
            {"regex_patterns": [{"name": "TICKET", "expressions": [r"T-\d{4}"]}]},
        ),
        ("input", "TokenLimit", {"limit": 4096, "encoding_name": "cl100k_base"}),
        (
            "input",
            "BanSubstrings",
            {
                "substrings": ["test"],
                "match_type": "word",
                "case_sensitive": False,
                "redact": False,
                "contains_all": False,
            },
        ),
        ("output", "BanSubstrings", {"substrings": ["test"]}),
        (
            "input",
            "Regex",
            {
                "patterns": ["Bearer [A-Za-z0-9-._~+/]+"],
                "is_blocked": True,
                "match_type": "search",
                "redact": True,
            },
        ),
        ("output", "Regex", {"patterns": ["x"]}),
        ("input", "BanTopics", {"topics": ["violence"], "threshold": 0.8}),
        ("input", "Language", {"valid_languages": ["en"]}),
        ("output", "Deanonymize", {"matching_strategy": "exact"}),
        ("output", "Sensitive", {"redact": False, "threshold": 0.75}),
        ("output", "MaliciousURLs", {"threshold": 0.75}),
        ("output", "NoRefusal", {"threshold": 0.9}),
        ("output", "NoRefusalLight", {}),
        ("output", "JSON", {"required_elements": 0, "repair": True}),
        ("output", "Secrets", {"redact_mode": "all"}),
    ],
)
def test_builds_from_llm_guard_params(stage: str, type_: str, params: dict[str, Any]) -> None:
    guard = build_guard(stage, [ScannerConfig(type=type_, params=params)])  # type: ignore[arg-type]
    assert guard.names == (type_,)


def test_every_supported_reference_entry_builds() -> None:
    """The LLM Guard API reference config, reduced to the types Palisade implements, loads as written
    (``model_max_length`` aside: Palisade runs no models)."""
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is absent (it lives outside the repository)")
    config = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    for stage, key in (("input", "input_scanners"), ("output", "output_scanners")):
        entries = [
            ScannerConfig(
                type=e["type"],
                params={
                    k: v for k, v in (e.get("params") or {}).items() if k != "model_max_length"
                },
            )
            for e in config[key]
            if e["type"] in SCANNERS and e["type"] not in NOT_HERE
        ]
        assert len(entries) >= 6
        guard = build_guard(stage, entries)  # type: ignore[arg-type]
        assert guard.names == tuple(e.type for e in entries)


@pytest.mark.parametrize(
    ("stage", "config", "message"),
    [
        pytest.param(
            "input",
            ScannerConfig(type="Anonymize", params={"use_faker": True}),
            r"'Anonymize'.*use_faker",
            id="faker",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Anonymize", params={"entity_types": ["UUID"]}),
            r"unsupported UUID; supported: BANK_ACCOUNT, CREDIT_CARD",
            id="entity-type",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Anonymize", params={"recognizer_conf": {}}),
            r"unknown parameter\(s\) recognizer_conf; accepted: allowed_names",
            id="unknown-param",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Anonymize", params={"regex_patterns": [{"name": "x"}]}),
            r"regex_patterns\[0\]: name must be upper-case",
            id="regex-pattern",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="TokenLimit", params={"limit": -5}),
            r"'TokenLimit'.*limit must be at least 1",
            id="limit",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="BanSubstrings"),
            r"'BanSubstrings'.*invalid parameters:.*substrings",
            id="missing-required",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Regex", params={"patterns": ["(unclosed"]}),
            r"'Regex'.*invalid regular expression",
            id="regex",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="BanTopics", params={"topics": ["knitting"]}),
            r"no lexicon for knitting",
            id="topic",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Language", params={"valid_languages": ["tlh"]}),
            r"cannot detect tlh",
            id="language",
        ),
        pytest.param(
            "output",
            ScannerConfig(type="Deanonymize", params={"matching_strategy": "magic"}),
            r"matching_strategy must be one of",
            id="strategy",
        ),
        pytest.param(
            "output",
            ScannerConfig(type="JSON", params={"repair": "yes"}),
            r"repair must be true or false",
            id="json-flag",
        ),
        pytest.param(
            "input",
            ScannerConfig(type="Deanonymize"),
            r"cannot run in the input stage \(it runs in: output\)",
            id="stage",
        ),
        pytest.param(
            "output",
            ScannerConfig(type="Anonymize"),
            r"cannot run in the output stage \(it runs in: input\)",
            id="stage-output",
        ),
        pytest.param(
            "output",
            ScannerConfig(type="IaCPolicy"),
            r"needs Palisade's validators",
            id="iac-without-validator",
        ),
        pytest.param(
            "output",
            ScannerConfig(type="IaCPolicy", params={"validate": "x"}),
            r"validate is supplied by Palisade, not by the policy",
            id="iac-injected-param",
        ),
    ],
)
def test_config_errors(stage: str, config: ScannerConfig, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_guard(stage, [config])  # type: ignore[arg-type]


def _no_failures(files: Mapping[str, str]) -> Any:
    return validate_files({})


def test_iac_policy_gets_the_injected_validator() -> None:
    guard = build_guard(
        "output",
        [ScannerConfig(type="IaCPolicy", params={"block": False})],
        iac_validate=validate_files,
    )
    (scanner,) = guard.scanners
    assert isinstance(scanner, IaCPolicyScanner) and scanner.block is False


def test_default_output_policy_checks_code_when_a_validator_is_given() -> None:
    assert build_guard("output", None, iac_validate=_no_failures).names == (
        "InvisibleText",
        "Secrets",
        "MaliciousURLs",
        "IaCPolicy",
    )
    assert build_guard("output", None).names == ("InvisibleText", "Secrets", "MaliciousURLs")
