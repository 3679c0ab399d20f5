"""``palisade doctor``: each check against the real thing (fake model server, real git, real database)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from palisade.config import ProviderSettings, ScannerConfig, Settings, load_settings
from palisade.engine.doctor import (
    check_database,
    check_guard,
    check_provider,
    check_repository,
    run_doctor,
)
from tests.fakes.fake_openai import FakeOpenAI, answer, calls, error
from tests.helpers import free_port, git, make_repo, run_cli


def model_settings(base_url: str, **overrides: Any) -> Settings:
    provider = ProviderSettings(
        name="openai-compatible", base_url=f"{base_url}/v1", model="llama3.1", **overrides
    )
    return load_settings(provider=provider)


def test_a_reachable_model_answers_one_short_request(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(answer("OK"))
    result = asyncio.run(check_provider(model_settings(base_url), timeout_seconds=5))
    assert result.status == "ok" and "answered in" in result.detail
    (request,) = fake.requests
    assert request.body["max_tokens"] == 16 and "tools" not in request.body


def test_a_refused_key_fails_and_says_which_variable(fake: FakeOpenAI, base_url: str) -> None:
    fake.api_key = "right"
    settings = model_settings(base_url, api_key=SecretStr("wrong"))
    result = asyncio.run(check_provider(settings, timeout_seconds=5))
    assert result.status == "fail" and "HTTP 401" in result.detail
    assert "OPENAI_API_KEY" in result.detail and "offline engine" in result.detail
    assert "wrong" not in result.detail


def test_a_failing_model_fails_after_one_call_without_retries(
    fake: FakeOpenAI, base_url: str
) -> None:
    fake.enqueue(error(503))  # no retries in doctor: one call, one answer
    result = asyncio.run(check_provider(model_settings(base_url), timeout_seconds=2))
    assert result.status == "fail" and "HTTP 503" in result.detail
    assert len(fake.requests) == 1


def test_the_offline_engine_needs_no_call() -> None:
    result = asyncio.run(check_provider(load_settings(), timeout_seconds=1))
    assert result.status == "ok" and "offline" in result.detail


def test_the_default_guard_passes_its_probes() -> None:
    result = check_guard(load_settings())
    assert result.status == "ok", result.detail


def test_a_guard_without_injection_detection_is_a_warning() -> None:
    settings = load_settings()
    settings.guard.input_scanners = [ScannerConfig(type="Secrets")]
    result = check_guard(settings)
    assert result.status == "warn" and "prompt injection" in result.detail


def test_repository_checks(tmp_path: Path) -> None:
    settings = load_settings()
    assert check_repository(settings).status == "ok"  # the default one is created on first use

    plain = tmp_path / "plain"
    plain.mkdir()
    settings.repo = str(plain)
    result = check_repository(settings)
    assert result.status == "fail" and "not a git repository" in result.detail

    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    settings.repo = str(empty)
    assert check_repository(settings).status == "warn"

    settings.repo = str(make_repo(tmp_path / "infra"))
    assert check_repository(settings).status == "ok"

    settings.repo = str(tmp_path / "missing")
    assert check_repository(settings).status == "fail"

    settings.repo = "acme/infra"
    result = check_repository(settings)
    assert result.status == "fail" and "GITHUB_TOKEN" in result.detail


def test_an_unreachable_database_fails_with_its_address() -> None:
    settings = load_settings(database_url=f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/x")
    result = check_database(settings)
    assert result.status == "fail" and "127.0.0.1" in result.detail
    assert check_database(load_settings()).status == "ok"


def test_every_check_runs_and_none_raises(fake: FakeOpenAI, base_url: str) -> None:
    fake.enqueue(answer("OK"))
    checks = asyncio.run(run_doctor(model_settings(base_url), timeout_seconds=5))
    assert [c.name for c in checks] == ["provider", "guard", "repository", "database", "catalog"]
    assert all(c.status == "ok" for c in checks), checks


@pytest.mark.slow  # runs the installed command in a subprocess
def test_the_command_exits_1_and_says_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PALISADE_PROVIDER", "openai-compatible")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("PALISADE_MODEL", "llama3.1")
    proc = run_cli("doctor", "--json", "--timeout", "5", timeout=120)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    provider = report["checks"][0]
    assert report["ok"] is False and provider["status"] == "fail"
    assert "Cannot reach" in provider["detail"]
    assert [c["status"] for c in report["checks"][1:]] == ["ok", "ok", "ok", "ok"]


@pytest.mark.slow  # runs the installed command in a subprocess
def test_ask_answers_through_a_configured_model(
    fake: FakeOpenAI, base_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The installed command, configured only by environment variables, against the fake model."""
    monkeypatch.setenv("OPENAI_BASE_URL", f"{base_url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
    monkeypatch.setenv("PALISADE_MODEL", "gpt-4o-mini")
    args = {"blueprint": "aws-kms-key", "params": {"alias": "alias/audit"}}
    fake.enqueue(calls(("render_blueprint", args)), answer("A rotating KMS key."))
    proc = run_cli("ask", "a KMS key alias/audit", "--json", timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["proposals"][0]["blueprint"] == "aws-kms-key" and result["proposals"][0]["ready"]
    assert result["usage"]["calls"] == 2 and result["usage"]["cost_usd"] is not None
    assert fake.requests[0].headers["authorization"] == "Bearer sk-local-test"
