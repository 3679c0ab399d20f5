"""The rate limit: after auth, one bucket per authenticated client, and 429 says when to come back."""

from __future__ import annotations

import httpx

from tests.guard.server.support import OTHER_TOKEN, TOKEN, bearer, server_config, serving

PROMPT = {"prompt": "hello"}


def _limited(limit: str, **extra: object) -> dict[str, object]:
    return {"rate_limit": {"enabled": True, "limit": limit}, **extra}


def _two_tokens() -> dict[str, object]:
    return {"auth": {"type": "http_bearer", "token": TOKEN, "tokens": [OTHER_TOKEN]}}


def test_each_token_has_its_own_bucket_and_429_carries_retry_after() -> None:
    with serving(server_config(**_limited("2/minute", **_two_tokens()))) as server:
        url = server.url + "/analyze/prompt"
        assert [httpx.post(url, json=PROMPT, headers=bearer()).status_code for _ in range(2)] == [
            200,
            200,
        ]
        refused = httpx.post(url, json=PROMPT, headers=bearer())
        assert refused.status_code == 429
        assert refused.json() == {"error": "Rate limit exceeded: 2 per 1 minute"}
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        # Another client is not punished for the first one's traffic.
        assert httpx.post(url, json=PROMPT, headers=bearer(OTHER_TOKEN)).status_code == 200
        # The bucket covers every scan route, not one route at a time.
        assert (
            httpx.post(server.url + "/scan/prompt", json=PROMPT, headers=bearer()).status_code
            == 429
        )


def test_x_forwarded_for_does_not_buy_a_fresh_bucket() -> None:
    with serving(server_config(**_limited("1/minute"))) as server:
        url = server.url + "/analyze/prompt"
        assert httpx.post(url, json=PROMPT, headers=bearer()).status_code == 200
        for fake in ("10.0.0.1", "203.0.113.9", "198.51.100.7, 10.0.0.2"):
            spoofed = httpx.post(url, json=PROMPT, headers={**bearer(), "X-Forwarded-For": fake})
            assert spoofed.status_code == 429, fake


def test_without_auth_callers_share_one_bucket_whatever_the_headers_say() -> None:
    with serving(server_config(auth=None, **_limited("1/minute"))) as server:
        url = server.url + "/analyze/prompt"
        assert (
            httpx.post(url, json=PROMPT, headers={"X-Forwarded-For": "10.9.9.9"}).status_code == 200
        )
        again = httpx.post(url, json=PROMPT, headers={"X-Forwarded-For": "10.8.8.8"})
        assert again.status_code == 429


def test_auth_is_checked_before_the_limit_and_strangers_use_no_budget() -> None:
    with serving(server_config(**_limited("2/minute"))) as server:
        url = server.url + "/analyze/prompt"
        for _ in range(5):
            assert httpx.post(url, json=PROMPT, headers=bearer("guess")).status_code == 401
            assert httpx.post(url, json=PROMPT).status_code == 403
        assert [httpx.post(url, json=PROMPT, headers=bearer()).status_code for _ in range(3)] == [
            200,
            200,
            429,
        ]
        # A limited client that sends a wrong token still learns it is unauthenticated, not limited.
        assert httpx.post(url, json=PROMPT, headers=bearer("guess")).status_code == 401


def test_status_routes_are_never_limited() -> None:
    with serving(server_config(**_limited("1/minute"))) as server:
        for _ in range(4):
            for path in ("/", "/healthz", "/readyz", "/metrics"):
                assert httpx.get(server.url + path).status_code == 200, path


def test_rejections_show_in_metrics() -> None:
    with serving(server_config(**_limited("1/minute"))) as server:
        url = server.url + "/analyze/prompt"
        httpx.post(url, json=PROMPT, headers=bearer())
        httpx.post(url, json=PROMPT, headers=bearer())
        text = httpx.get(server.url + "/metrics").text
        assert "llm_guard_rate_limited_total 1.0" in text
        assert 'llm_guard_requests_total{route="/analyze/prompt",status="429"} 1.0' in text
