"""The LLM Guard API 0.0.10 contract, spoken over loopback HTTP with its exact JSON bodies."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.guard.server.support import (
    GITHUB_TOKEN,
    INJECTION,
    bearer,
    server_config,
    serving,
)
from tests.helpers import LiveServer


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with serving(server_config()) as live:
        yield live


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers=bearer(), timeout=30) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "body"),
    [
        pytest.param("/", {"name": "LLM Guard API"}, id="root"),
        pytest.param("/healthz", {"status": "alive"}, id="healthz"),
        pytest.param("/readyz", {"status": "ready"}, id="readyz"),
    ],
)
def test_unauthenticated_status_routes(server: LiveServer, path: str, body: dict[str, str]) -> None:
    response = httpx.get(server.url + path)
    assert response.status_code == 200
    assert response.json() == body


def test_analyze_prompt_redacts_and_scores_like_llm_guard(client: httpx.Client) -> None:
    prompt = f"Deploy with token {GITHUB_TOKEN} please"
    response = client.post("/analyze/prompt", json={"prompt": prompt})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"is_valid", "scanners", "sanitized_prompt"}
    assert body["is_valid"] is False
    assert body["scanners"] == {"InvisibleText": -1.0, "Secrets": 1.0, "PromptInjection": -1.0}
    assert GITHUB_TOKEN not in body["sanitized_prompt"]
    assert body["sanitized_prompt"].startswith("Deploy with token ")


def test_a_clean_prompt_is_valid_and_unchanged(client: httpx.Client) -> None:
    prompt = "I need a private encrypted S3 bucket called acme-audit-logs in eu-west-1"
    body = client.post("/analyze/prompt", json={"prompt": prompt}).json()
    assert body == {
        "is_valid": True,
        "scanners": {"InvisibleText": -1.0, "Secrets": -1.0, "PromptInjection": -1.0},
        "sanitized_prompt": prompt,
    }


def test_scan_prompt_reports_without_sanitizing(client: httpx.Client) -> None:
    response = client.post("/scan/prompt", json={"prompt": INJECTION})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"is_valid", "scanners"}
    assert body["is_valid"] is False
    assert body["scanners"]["PromptInjection"] > 0
    assert body["scanners"]["Secrets"] == -1.0


def test_analyze_chains_sanitizers_but_scan_sees_the_original(client: httpx.Client) -> None:
    # A zero-width space splits the token: only after InvisibleText removed it can Secrets see it.
    split = GITHUB_TOKEN[:12] + "\u200b" + GITHUB_TOKEN[12:]
    prompt = f"my token is {split} ok"
    analyzed = client.post("/analyze/prompt", json={"prompt": prompt}).json()
    scanned = client.post("/scan/prompt", json={"prompt": prompt}).json()
    assert analyzed["scanners"]["InvisibleText"] > 0 and analyzed["scanners"]["Secrets"] > 0
    assert GITHUB_TOKEN[:12] not in analyzed["sanitized_prompt"]
    assert "\u200b" not in analyzed["sanitized_prompt"]
    assert scanned["scanners"]["InvisibleText"] > 0
    assert scanned["scanners"]["Secrets"] == -1.0  # each scanner saw the original text


def test_analyze_output_and_scan_output(client: httpx.Client) -> None:
    output = f'resource "x" {{ token = "{GITHUB_TOKEN}" }}'
    analyzed = client.post("/analyze/output", json={"prompt": "make x", "output": output})
    assert analyzed.status_code == 200
    body = analyzed.json()
    assert set(body) == {"is_valid", "scanners", "sanitized_output"}
    assert body["is_valid"] is False and body["scanners"]["Secrets"] == 1.0
    assert GITHUB_TOKEN not in body["sanitized_output"]
    scanned = client.post("/scan/output", json={"prompt": "make x", "output": output}).json()
    assert set(scanned) == {"is_valid", "scanners"}
    assert scanned["scanners"] == {"InvisibleText": -1.0, "Secrets": 1.0}


@pytest.mark.parametrize(
    ("suppress", "valid", "names"),
    [
        pytest.param(["Secrets"], True, {"InvisibleText", "PromptInjection"}, id="exact-name"),
        pytest.param(
            ["secrets"], False, {"InvisibleText", "Secrets", "PromptInjection"}, id="case"
        ),
        pytest.param(
            ["NoSuchScanner"], False, {"InvisibleText", "Secrets", "PromptInjection"}, id="unknown"
        ),
    ],
)
def test_scanners_suppress(
    client: httpx.Client, suppress: list[str], valid: bool, names: set[str]
) -> None:
    prompt = f"token {GITHUB_TOKEN}"
    body = client.post(
        "/analyze/prompt", json={"prompt": prompt, "scanners_suppress": suppress}
    ).json()
    assert body["is_valid"] is valid
    assert set(body["scanners"]) == names
    assert (GITHUB_TOKEN in body["sanitized_prompt"]) is valid


@pytest.mark.parametrize(
    ("path", "payload", "location"),
    [
        pytest.param("/analyze/prompt", {}, ["body", "prompt"], id="missing-prompt"),
        pytest.param("/analyze/prompt", {"prompt": 5}, ["body", "prompt"], id="not-a-string"),
        pytest.param("/analyze/output", {"prompt": "p"}, ["body", "output"], id="missing-output"),
        pytest.param(
            "/scan/prompt",
            {"prompt": "p", "scanners_suppress": "Secrets"},
            ["body", "scanners_suppress"],
            id="suppress-not-list",
        ),
    ],
)
def test_invalid_bodies_get_llm_guards_422(
    client: httpx.Client, path: str, payload: dict[str, object], location: list[str]
) -> None:
    response = client.post(path, json=payload)
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "Validation failed"
    assert [d["loc"] for d in body["details"]] == [location]


def test_malformed_json_is_a_422_not_a_crash(client: httpx.Client) -> None:
    response = client.post(
        "/analyze/prompt", content=b'{"prompt": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["message"] == "Validation failed"


@pytest.mark.parametrize(
    ("method", "path", "status", "message"),
    [
        pytest.param("GET", "/nowhere", 404, "Not Found", id="404"),
        pytest.param("GET", "/analyze/prompt", 405, "Method Not Allowed", id="405"),
    ],
)
def test_http_errors_use_llm_guards_body(
    client: httpx.Client, method: str, path: str, status: int, message: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert response.json() == {"message": message, "details": None}


def test_openapi_describes_the_same_bodies_and_bearer_auth(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["version"] == "0.0.10"
    schemas = spec["components"]["schemas"]
    expected = {
        "AnalyzePromptRequest": ({"prompt", "scanners_suppress"}, ["prompt"]),
        "ScanPromptRequest": ({"prompt", "scanners_suppress"}, ["prompt"]),
        "AnalyzeOutputRequest": ({"prompt", "output", "scanners_suppress"}, ["prompt", "output"]),
        "ScanOutputRequest": ({"prompt", "output", "scanners_suppress"}, ["prompt", "output"]),
        "AnalyzePromptResponse": (
            {"is_valid", "scanners", "sanitized_prompt"},
            ["is_valid", "scanners", "sanitized_prompt"],
        ),
        "ScanPromptResponse": ({"is_valid", "scanners"}, ["is_valid", "scanners"]),
        "AnalyzeOutputResponse": (
            {"is_valid", "scanners", "sanitized_output"},
            ["is_valid", "scanners", "sanitized_output"],
        ),
        "ScanOutputResponse": ({"is_valid", "scanners"}, ["is_valid", "scanners"]),
    }
    for name, (properties, required) in expected.items():
        assert set(schemas[name]["properties"]) == properties, name
        assert sorted(schemas[name]["required"]) == sorted(required), name
    for path in ("/analyze/prompt", "/scan/prompt", "/analyze/output", "/scan/output"):
        assert spec["paths"][path]["post"]["security"] == [{"HTTPBearer": []}]


def test_metrics_are_prometheus_text_and_count_scans(client: httpx.Client) -> None:
    client.post("/analyze/prompt", json={"prompt": f"token {GITHUB_TOKEN}"})
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'scanners_valid_total{scanner="Secrets",source="input",valid="False"}' in text
    assert 'llm_guard_requests_total{route="/analyze/prompt",status="200"}' in text
    assert "llm_guard_ready 1.0" in text
    assert "llm_guard_scan_duration_seconds_bucket" in text


def test_oversized_bodies_are_refused_with_413() -> None:
    with serving(server_config(), max_body_bytes=2048) as server:
        big = {"prompt": "a" * 4096}
        announced = httpx.post(server.url + "/analyze/prompt", json=big, headers=bearer())
        assert announced.status_code == 413
        assert announced.json()["message"].startswith("Request body is larger than 2048 bytes")

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while streaming
            yield b'{"prompt": "'
            for _ in range(8):
                yield b"a" * 512
            yield b'"}'

        streamed = httpx.post(
            server.url + "/analyze/prompt",
            content=chunks(),
            headers={**bearer(), "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413
        assert streamed.json()["details"] is None
