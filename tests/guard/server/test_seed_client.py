"""The seed project's client, re-implemented in its call shape, works against ``guard serve`` unchanged:
env ``LLM_GUARD_URL`` + ``LLM_GUARD_API_KEY``, POST /analyze/prompt with a bearer token, raise when
``is_valid`` is false."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from tests.guard.server.support import GITHUB_TOKEN, INJECTION, TOKEN, server_config, serving


class PromptRejectedError(Exception):
    def __init__(self, scanners: dict[str, float]) -> None:
        super().__init__(f"prompt rejected by LLM Guard: {scanners}")
        self.scanners = scanners


def seed_style_scan_prompt(prompt: str) -> str:
    """What the seed did: one call, bearer auth from the environment, raise on an invalid prompt."""
    url = os.environ["LLM_GUARD_URL"]
    response = httpx.post(
        f"{url}/analyze/prompt",
        json={"prompt": prompt},
        headers={"Authorization": f"Bearer {os.environ['LLM_GUARD_API_KEY']}"},
        timeout=10,
    )
    response.raise_for_status()
    data = response.json()
    if not data["is_valid"]:
        raise PromptRejectedError(data["scanners"])
    return str(data["sanitized_prompt"])


@pytest.fixture(scope="module")
def guard_url() -> Iterator[str]:
    with serving(server_config()) as server:
        yield server.url


@pytest.fixture
def seed_env(guard_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_GUARD_URL", guard_url)
    monkeypatch.setenv("LLM_GUARD_API_KEY", TOKEN)


@pytest.mark.usefixtures("seed_env")
def test_a_clean_prompt_comes_back_unchanged() -> None:
    prompt = "Create a KMS key with rotation for the billing team"
    assert seed_style_scan_prompt(prompt) == prompt


@pytest.mark.usefixtures("seed_env")
@pytest.mark.parametrize(
    ("prompt", "scanner"),
    [
        pytest.param(INJECTION, "PromptInjection", id="injection"),
        pytest.param(f"key {GITHUB_TOKEN}", "Secrets", id="secret"),
    ],
)
def test_an_invalid_prompt_raises_with_the_triggered_scanner(prompt: str, scanner: str) -> None:
    with pytest.raises(PromptRejectedError) as caught:
        seed_style_scan_prompt(prompt)
    assert caught.value.scanners[scanner] > 0
    assert all(score == -1.0 for name, score in caught.value.scanners.items() if name != scanner)


@pytest.mark.usefixtures("seed_env")
def test_a_wrong_key_is_an_http_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_GUARD_API_KEY", "not-the-token")
    with pytest.raises(httpx.HTTPStatusError) as caught:
        seed_style_scan_prompt("hello")
    assert caught.value.response.status_code == 401
