"""``palisade guard serve`` through the installed command: refusals before binding, and a real start."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.guard.server.support import GITHUB_TOKEN, bearer, serving_process
from tests.helpers import free_port, run_cli


def test_no_token_on_a_public_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_cli("guard", "serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert result.returncode == 1
    assert "refusing to serve the guard API on 0.0.0.0 without authentication" in result.stderr
    assert "AUTH_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_unknown_scanner_types_are_refused_before_binding(tmp_path: Path) -> None:
    config = tmp_path / "scanners.yml"
    config.write_text(
        "input_scanners:\n  - type: Clairvoyance\n  - type: Telepathy\noutput_scanners: []\n"
    )
    result = run_cli("guard", "serve", "--config", str(config), "--port", str(free_port()))
    assert result.returncode == 1
    assert "Clairvoyance, Telepathy" in result.stderr and "available types:" in result.stderr
    assert "Traceback" not in result.stderr


def test_guard_serve_starts_and_speaks_the_api_with_a_token() -> None:
    env = {"AUTH_TOKEN": "cli-token", "LOG_JSON": "true"}
    with serving_process(env=env) as (url, proc):
        assert httpx.post(url + "/analyze/prompt", json={"prompt": "x"}).status_code == 403
        response = httpx.post(
            url + "/analyze/prompt",
            json={"prompt": f"t {GITHUB_TOKEN}"},
            headers=bearer("cli-token"),
        )
        assert response.status_code == 200
        assert GITHUB_TOKEN not in response.json()["sanitized_prompt"]
    assert proc.stderr is not None
    log = proc.stderr.read()
    assert '"message": "guard API ready' in log  # LOG_JSON=true: one JSON object per line
    assert GITHUB_TOKEN not in log  # scanned text never reaches the log


def test_guard_serve_without_a_token_runs_open_on_loopback_with_a_warning() -> None:
    with serving_process("--host", "127.0.0.1", env={}) as (url, proc):
        assert httpx.post(url + "/scan/prompt", json={"prompt": "x"}).status_code == 200
    assert proc.stderr is not None
    assert "AUTH_TOKEN is not set" in proc.stderr.read()
