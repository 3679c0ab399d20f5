"""Configuration: LLM Guard's scanners.yml shape and environment variables, with loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from palisade.config import GuardServerSettings, GuardSettings
from palisade.errors import ConfigError
from palisade.guard.registry import SCANNERS, build_guard
from palisade.guard.server import ServerConfig, build_server_guards, check_exposure, is_loopback
from palisade.guard.server.config import load_server_config

REFERENCE = Path("/work/shared/reference/llm-guard-api.scanners.yml")

# The reference file's sections with the scanners Palisade implements, as an operator would adapt it.
ADAPTED = """
app:
  name: ${APP_NAME:LLM Guard API}
  log_level: ${LOG_LEVEL:INFO}
  log_json: ${LOG_JSON:true}
  scan_fail_fast: ${SCAN_FAIL_FAST:false}
  scan_prompt_timeout: ${SCAN_PROMPT_TIMEOUT:30}
  scan_output_timeout: ${SCAN_OUTPUT_TIMEOUT:30}
  lazy_load: ${LAZY_LOAD:true}

rate_limit:
  enabled: ${RATE_LIMIT_ENABLED:false}
  limit: ${RATE_LIMIT_LIMIT:100/minute}

auth:
 type: http_bearer
 token: ${AUTH_TOKEN:}

tracing:
  exporter: ${TRACING_EXPORTER:console}
  endpoint: ${TRACING_OTEL_ENDPOINT:}

metrics:
  exporter: ${METRICS_TYPE:prometheus}
  endpoint: ${METRICS_ENDPOINT:}

input_scanners:
  - type: InvisibleText
    params: { }
  - type: Secrets
    params:
      redact_mode: "all"
  - type: PromptInjection
    params:
output_scanners:
  - type: Secrets
    params:
      redact_mode: "all"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scanners.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_adapted_reference_file_loads_with_its_defaults(tmp_path: Path) -> None:
    config = load_server_config(_write(tmp_path, ADAPTED), GuardServerSettings())
    assert config.app.name == "LLM Guard API"
    assert config.app.log_json is True
    assert config.app.scan_prompt_timeout == 30 and config.app.scan_output_timeout == 30
    assert config.rate_limit.enabled is False and config.rate_limit.limit == "100/minute"
    assert config.auth is not None and not config.auth_required  # ${AUTH_TOKEN:} left empty
    assert [s.type for s in config.input_scanners or []] == [
        "InvisibleText",
        "Secrets",
        "PromptInjection",
    ]
    assert config.input_scanners is not None and config.input_scanners[2].params == {}
    inputs, outputs = build_server_guards(config, GuardSettings())
    assert inputs.names == ("InvisibleText", "Secrets", "PromptInjection")
    assert outputs.names == ("Secrets",)


def test_environment_variables_fill_the_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "AUTH_TOKEN": "from-env",
        "SCAN_FAIL_FAST": "true",
        "SCAN_PROMPT_TIMEOUT": "2.5",
        "RATE_LIMIT_ENABLED": "1",
        "RATE_LIMIT_LIMIT": "7/second",
        "LOG_LEVEL": "debug",
        "LOG_JSON": "false",
    }.items():
        monkeypatch.setenv(name, value)
    config = load_server_config(_write(tmp_path, ADAPTED), GuardServerSettings())
    assert config.auth is not None and config.auth.bearer_tokens() == ("from-env",)
    assert config.app.scan_fail_fast is True and config.app.scan_prompt_timeout == 2.5
    assert config.rate_limit.enabled is True and config.rate_limit.limit == "7/second"
    assert config.app.log_level == "DEBUG" and config.app.log_json is False
    inputs, _ = build_server_guards(config, GuardSettings())
    assert inputs.fail_fast is True


def test_without_a_file_the_environment_alone_configures_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AUTH_TOKEN", "t0ken")
    monkeypatch.setenv("SCAN_OUTPUT_TIMEOUT", "4")
    monkeypatch.setenv("RATE_LIMIT_ENABLED", "true")
    config = load_server_config(None, GuardServerSettings())
    assert config.auth_required and config.auth is not None
    assert config.auth.bearer_tokens() == ("t0ken",)
    assert config.app.scan_output_timeout == 4 and config.app.scan_prompt_timeout == 30
    assert config.rate_limit.enabled and config.rate_limit.limit == "100/minute"
    assert config.input_scanners is None  # → Palisade's configured policy
    inputs, outputs = build_server_guards(config, GuardSettings())
    assert inputs.names == build_guard("input", None).names
    assert outputs.names == build_guard("output", None).names


def test_auth_token_protects_a_file_that_has_no_auth_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTH_TOKEN", "t0ken")
    path = _write(tmp_path, "input_scanners: []\noutput_scanners: []\n")
    config = load_server_config(path, GuardServerSettings())
    assert config.auth_required


def test_the_reference_file_names_every_scanner_we_lack_at_once() -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is not on this machine")
    reference = yaml.safe_load(REFERENCE.read_text())
    named = {e["type"] for key in ("input_scanners", "output_scanners") for e in reference[key]}
    missing = named - set(SCANNERS)
    if not missing:
        pytest.skip("every scanner type of the reference file is implemented now")
    config = load_server_config(REFERENCE, GuardServerSettings())
    with pytest.raises(ConfigError) as caught:
        build_server_guards(config, GuardSettings())
    message = str(caught.value)
    inside = message[message.index("(") + 1 : message.index(")")]
    listed = {
        name.strip()
        for section in inside.split(";")
        for name in section.split(":", 1)[1].split(",")
    }
    assert listed == missing
    assert "Remove or comment out those entries" in message
    assert all(name in message.split("available types:")[1] for name in SCANNERS)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "input_scanners:\n  - type: Clairvoyance\noutput_scanners: []\n",
            "input_scanners: Clairvoyance",
            id="unknown-type",
        ),
        pytest.param(
            "input_scanners:\n  - type: Secrets\n    params: {redact: true}\noutput_scanners: []\n",
            "unknown parameter(s) redact",
            id="unknown-param",
        ),
        pytest.param(
            "input_scanners: []\noutput_scanners:\n  - type: PromptInjection\n",
            "cannot run in the output stage",
            id="wrong-stage",
        ),
    ],
)
def test_bad_scanner_lists_stop_startup(tmp_path: Path, text: str, fragment: str) -> None:
    config = load_server_config(_write(tmp_path, text), GuardServerSettings())
    with pytest.raises(ConfigError, match=None) as caught:
        build_server_guards(config, GuardSettings())
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("input_scanners: [\n", "not valid YAML", id="yaml"),
        pytest.param("- a\n- b\n", "expected a mapping", id="not-mapping"),
        pytest.param("output_scanners: []\n", "no 'input_scanners' list", id="no-inputs"),
        pytest.param(
            "input_scanners: []\noutput_scanners: []\ninput_scaners: []\n",
            "input_scaners: unknown setting",
            id="typo",
        ),
        pytest.param(
            "app:\n  scan_prompt_timeout: 0\ninput_scanners: []\noutput_scanners: []\n",
            "app.scan_prompt_timeout",
            id="timeout",
        ),
        pytest.param(
            "app:\n  log_level: LOUD\ninput_scanners: []\noutput_scanners: []\n",
            "app.log_level",
            id="log-level",
        ),
        pytest.param(
            "rate_limit:\n  limit: lots\ninput_scanners: []\noutput_scanners: []\n",
            "'lots' is not a rate",
            id="rate",
        ),
        pytest.param(
            "auth:\n  type: http_basic\n  username: ci\ninput_scanners: []\noutput_scanners: []\n",
            "http_basic needs both username and password",
            id="basic-half",
        ),
        pytest.param(
            "auth:\n  type: api_key\ninput_scanners: []\noutput_scanners: []\n",
            "auth.type",
            id="auth-type",
        ),
        pytest.param(
            "auth:\n  token: ${MY_SECRET_TOKEN}\ninput_scanners: []\noutput_scanners: []\n",
            "${MY_SECRET_TOKEN} is not a variable the guard server reads",
            id="unknown-variable",
        ),
    ],
)
def test_unusable_files_are_refused_with_the_file_and_problem_named(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_server_config(path, GuardServerSettings())
    assert str(path) in str(caught.value)
    assert fragment in str(caught.value)


def test_a_missing_file_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_server_config(tmp_path / "nope.yml", GuardServerSettings())


def test_bad_environment_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_LIMIT", "fast")
    with pytest.raises(ConfigError, match="'fast' is not a rate"):
        load_server_config(None, GuardServerSettings())


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.5", False),
        ("guard.internal", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_no_token_refuses_a_public_address_and_warns_on_loopback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    open_config = ServerConfig()
    with pytest.raises(ConfigError, match="refusing to serve the guard API on 0.0.0.0"):
        check_exposure(open_config, "0.0.0.0")
    with caplog.at_level("WARNING"):
        check_exposure(open_config, "127.0.0.1")
    assert "AUTH_TOKEN is not set" in caplog.text
    protected = ServerConfig.model_validate({"auth": {"token": "t"}})
    check_exposure(protected, "0.0.0.0")  # a token makes any address acceptable
