"""Authentication: LLM Guard API's status codes and bodies, bearer and basic."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest

from tests.guard.server.support import OTHER_TOKEN, TOKEN, bearer, server_config, serving
from tests.helpers import LiveServer

PROMPT = {"prompt": "hello"}


@pytest.fixture(scope="module")
def bearer_server() -> Iterator[LiveServer]:
    config = server_config(auth={"type": "http_bearer", "token": TOKEN, "tokens": [OTHER_TOKEN]})
    with serving(config) as live:
        yield live


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        pytest.param({}, 403, "Not authenticated", id="missing"),
        pytest.param({"Authorization": ""}, 403, "Not authenticated", id="empty"),
        pytest.param(
            {"Authorization": f"Token {TOKEN}"},
            403,
            "Invalid authentication credentials",
            id="scheme",
        ),
        pytest.param(
            {"Authorization": "Bearer"}, 403, "Invalid authentication credentials", id="no-token"
        ),
        pytest.param(bearer("wrong-token"), 401, "Invalid API key", id="wrong"),
        pytest.param(bearer(TOKEN + "x"), 401, "Invalid API key", id="longer"),
    ],
)
@pytest.mark.parametrize("path", ["/analyze/prompt", "/scan/prompt"])
def test_bearer_refusals(
    bearer_server: LiveServer, path: str, headers: dict[str, str], status: int, message: str
) -> None:
    response = httpx.post(bearer_server.url + path, json=PROMPT, headers=headers)
    assert response.status_code == status
    assert response.json() == {"message": message, "details": None}


@pytest.mark.parametrize("token", [TOKEN, OTHER_TOKEN])
def test_every_configured_token_is_accepted(bearer_server: LiveServer, token: str) -> None:
    response = httpx.post(bearer_server.url + "/analyze/prompt", json=PROMPT, headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["is_valid"] is True


def test_the_scheme_name_is_case_insensitive(bearer_server: LiveServer) -> None:
    response = httpx.post(
        bearer_server.url + "/analyze/prompt",
        json=PROMPT,
        headers={"Authorization": f"bearer {TOKEN}"},
    )
    assert response.status_code == 200


def test_output_routes_need_auth_too(bearer_server: LiveServer) -> None:
    body = {"prompt": "p", "output": "o"}
    for path in ("/analyze/output", "/scan/output"):
        assert httpx.post(bearer_server.url + path, json=body).status_code == 403
        assert httpx.post(bearer_server.url + path, json=body, headers=bearer()).status_code == 200


def _basic(user: str, password: str) -> dict[str, str]:
    raw = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


@pytest.fixture(scope="module")
def basic_server() -> Iterator[LiveServer]:
    config = server_config(auth={"type": "http_basic", "username": "ci", "password": "pa55-word"})
    with serving(config) as live:
        yield live


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        pytest.param({}, "Not authenticated", id="missing"),
        pytest.param(bearer(), "Not authenticated", id="bearer-instead"),
        pytest.param(
            {"Authorization": "Basic %%%"}, "Invalid authentication credentials", id="garbled"
        ),
        pytest.param(_basic("ci", "nope"), "Invalid Username or Password", id="password"),
        pytest.param(_basic("root", "pa55-word"), "Invalid Username or Password", id="user"),
    ],
)
def test_basic_refusals_challenge_the_client(
    basic_server: LiveServer, headers: dict[str, str], message: str
) -> None:
    response = httpx.post(basic_server.url + "/analyze/prompt", json=PROMPT, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Basic"
    assert response.json() == {"message": message, "details": None}


def test_basic_with_the_right_credentials(basic_server: LiveServer) -> None:
    response = httpx.post(
        basic_server.url + "/analyze/prompt", json=PROMPT, headers=_basic("ci", "pa55-word")
    )
    assert response.status_code == 200


def test_without_a_token_loopback_is_open() -> None:
    with serving(server_config(auth=None)) as server:
        response = httpx.post(server.url + "/analyze/prompt", json=PROMPT)
        assert response.status_code == 200


def test_an_empty_token_means_no_auth_not_a_locked_door() -> None:
    # LLM Guard's shipped config with AUTH_TOKEN unset rejects everything with a 401/403 mix.
    with serving(server_config(auth={"type": "http_bearer", "token": ""})) as server:
        assert httpx.post(server.url + "/analyze/prompt", json=PROMPT).status_code == 200
