"""The HTTP API and web page through a real uvicorn server on loopback, and a real ``palisade serve``
process (the end-to-end path a browser or script takes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from palisade.channels.api.app import create_app
from palisade.config import load_settings
from tests.helpers import PALISADE, S3_REQUEST, LiveServer, free_port, git, make_repo


@pytest.fixture(scope="module")
def api_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-data")


@pytest.fixture(scope="module")
def client(api_data: Path) -> Iterator[httpx.Client]:
    # Many turns share this server: the per-user message limit has tests of its own (tests/api).
    settings = load_settings(data_dir=api_data, api={"rate_limit_per_minute": 0})
    with (
        LiveServer(create_app(settings)) as server,
        httpx.Client(base_url=server.url, timeout=60) as c,
    ):
        yield c


def test_healthz(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_index_page_is_served_with_a_strict_csp(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "<title>Palisade</title>" in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', response.text)
    assert scripts, "the page loads its script from a file"
    for src in scripts:
        assert src.startswith("/static/")
        assert client.get(src).status_code == 200


def test_message_then_confirm_opens_a_pull_request(client: httpx.Client, api_data: Path) -> None:
    repo = api_data / "infra-repo"  # the configured (default) repository
    turn = client.post("/api/v1/messages", json={"text": S3_REQUEST}).json()
    (proposal,) = turn["proposals"]
    assert proposal["ready"] is True and turn["validation"]["passed"] is True
    confirmed = client.post(f"/api/v1/proposals/{proposal['id']}/confirm", json={})
    assert confirmed.status_code == 200, confirmed.text
    pr = confirmed.json()["pull_request"]
    assert pr["branch"] == "palisade/aws-s3-private-bucket/acme-audit-logs"
    assert git(repo, "rev-parse", "--verify", pr["branch"]).strip()

    conversation = client.get(f"/api/v1/conversations/{turn['conversation_id']}").json()
    assert [m["role"] for m in conversation["messages"]] == ["user", "assistant"]


def test_follow_up_in_the_same_conversation_changes_the_proposal(client: httpx.Client) -> None:
    first = client.post("/api/v1/messages", json={"text": S3_REQUEST}).json()
    second = client.post(
        "/api/v1/messages",
        json={"text": "make retention 30 days", "conversation_id": first["conversation_id"]},
    ).json()
    (proposal,) = second["proposals"]
    assert proposal["params"]["retention_days"] == 30
    assert proposal["params"]["bucket_name"] == "acme-audit-logs"


@pytest.mark.parametrize(
    ("payload", "status", "kind"),
    [
        ({"text": ""}, 400, "InputError"),
        ({"text": "   "}, 400, "InputError"),
        ({"text": "x" * 100_000}, 400, "InputError"),
        ({"text": "hello", "conversation_id": "nope"}, 400, "InputError"),
    ],
    ids=["empty", "blank", "too-long", "unknown-conversation"],
)
def test_bad_messages_get_a_4xx_json_error(
    client: httpx.Client, payload: dict[str, str], status: int, kind: str
) -> None:
    response = client.post("/api/v1/messages", json=payload)
    assert response.status_code == status
    assert response.json()["error"]["kind"] == kind


def test_one_megabyte_body_is_refused_before_parsing(client: httpx.Client) -> None:
    response = client.post(
        "/api/v1/messages",
        content=json.dumps({"text": "x" * 1_000_000}),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["kind"] == "PayloadTooLarge"


def test_non_utf8_body_is_a_4xx(client: httpx.Client) -> None:
    response = client.post(
        "/api/v1/messages",
        content=b'{"text": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500


def test_confirm_refuses_a_missing_proposal(client: httpx.Client) -> None:
    assert client.post("/api/v1/proposals/999999/confirm", json={}).status_code == 404


@pytest.mark.parametrize("target", ["{tmp}/other-repo", "../../etc", "./x/y", "a/b/c"])
def test_confirm_over_http_never_writes_to_a_server_path(
    client: httpx.Client, tmp_path: Path, target: str
) -> None:
    other = make_repo(tmp_path / "other-repo")
    turn = client.post("/api/v1/messages", json={"text": S3_REQUEST}).json()
    response = client.post(
        f"/api/v1/proposals/{turn['proposals'][0]['id']}/confirm",
        json={"repo": target.format(tmp=tmp_path)},
    )
    assert response.status_code == 422, response.text
    assert git(other, "branch", "--list", "palisade/*").strip() == ""


def test_confirm_to_a_github_name_without_github_set_up_says_what_to_do(
    client: httpx.Client,
) -> None:
    turn = client.post("/api/v1/messages", json={"text": S3_REQUEST}).json()
    response = client.post(
        f"/api/v1/proposals/{turn['proposals'][0]['id']}/confirm", json={"repo": "acme/infra"}
    )
    assert response.status_code == 400
    assert "GITHUB_TOKEN" in response.json()["error"]["message"]


def test_serve_command_serves_the_chat_page_and_logs_json_lines(tmp_path: Path) -> None:
    port = free_port()
    log_path = tmp_path / "serve.log"
    secret = "AKIAZ7Q3N5XK2LMPRT4W"
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(
            [PALISADE, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                    time.sleep(0.3)
            assert response.status_code == 200 and "Palisade" in response.text
            turn = httpx.post(
                f"http://127.0.0.1:{port}/api/v1/messages",
                json={"text": f"{S3_REQUEST}; my key is {secret}"},
                headers={"X-Request-ID": "serve-test-1"},
                timeout=60,
            ).json()
            assert turn["proposals"][0]["blueprint"] == "aws-s3-private-bucket"
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "palisade.access"]
    (turn_line,) = [line for line in access if line["request_id"] == "serve-test-1"]
    assert turn_line["status"] == 200 and turn_line["user"] == "local"
    assert turn_line["path"] == "/api/v1/messages" and turn_line["duration_ms"] > 0
    assert secret not in log_path.read_text()
    assert not [line for line in lines if line["logger"] == "root"]  # library chatter stays out
