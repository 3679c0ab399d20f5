"""Rate limits and server errors: PyGithub's real retry machinery against the fake's injected answers.

Waits are configured tiny (``secondary_rate_wait_seconds=0.05``, ``backoff_factor=0.01``), so each test
runs in well under a second apart from the one honouring a 1-second ``Retry-After``.
"""

from __future__ import annotations

import time

import pytest

from palisade.errors import PullRequestError, ScmRateLimitError
from tests.scm.github.conftest import REPO, change, make_sink
from tests.scm.github.fake_github import FakeGitHub

SECONDARY = {
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you "
    "try again. If you reach out to GitHub Support for help, please include the request ID.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
}
PRIMARY = {"message": "API rate limit exceeded for installation ID 4242."}


def test_secondary_limit_without_retry_after_waits_and_retries(fake: FakeGitHub) -> None:
    fake.inject("POST", r"/pulls$", 403, SECONDARY, times=2)
    ref = make_sink(fake).open_pull_request(change())
    assert ref.created is True
    assert fake.count("POST", r"/pulls$") == 3  # two refusals, then the real one
    assert len(fake.pulls(REPO)) == 1


def test_secondary_limit_with_retry_after_is_honoured(fake: FakeGitHub) -> None:
    fake.inject("POST", r"/git/blobs$", 403, SECONDARY, headers={"Retry-After": "1"})
    started = time.monotonic()
    ref = make_sink(fake).open_pull_request(change())
    assert ref.created is True
    assert fake.count("POST", r"/git/blobs$") == 2
    assert time.monotonic() - started >= 1.0  # it waited as told before retrying


def test_429_with_retry_after_is_retried(fake: FakeGitHub) -> None:
    fake.inject("GET", r"/pulls$", 429, SECONDARY, headers={"Retry-After": "0"})
    assert make_sink(fake).open_pull_request(change()).created is True
    assert fake.count("GET", r"/pulls$") == 2


def test_a_retry_after_longer_than_the_cap_fails_at_once(fake: FakeGitHub) -> None:
    fake.inject("POST", r"/git/trees$", 403, SECONDARY, headers={"Retry-After": "3600"})
    with pytest.raises(ScmRateLimitError) as caught:
        make_sink(fake).open_pull_request(change())
    assert caught.value.retry_after == 3600
    assert "3600s" in str(caught.value) and "PALISADE_GITHUB__MAX_RATE_LIMIT_WAIT" in str(
        caught.value
    )
    assert fake.count("POST", r"/git/trees$") == 1  # no retry, no hour-long sleep


def test_a_persistent_secondary_limit_gives_up_after_the_retries(fake: FakeGitHub) -> None:
    fake.inject("POST", r"/git/commits$", 403, SECONDARY, times=100)
    with pytest.raises(ScmRateLimitError) as caught:
        make_sink(fake, max_retries=2).open_pull_request(change())
    assert caught.value.status_code == 403
    assert fake.count("POST", r"/git/commits$") == 3  # 1 + max_retries, bounded


def test_primary_limit_with_a_distant_reset_fails_with_when(fake: FakeGitHub) -> None:
    reset = str(int(time.time()) + 1800)
    headers = {
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Limit": "5000",
        "X-RateLimit-Reset": reset,
    }
    fake.inject("GET", r"/repos/acme/infra$", 403, PRIMARY, headers=headers)
    with pytest.raises(ScmRateLimitError) as caught:
        make_sink(fake).open_pull_request(change())
    assert caught.value.retry_after is not None and caught.value.retry_after > 1000
    assert fake.count("GET", r"/repos/acme/infra$") == 1


def test_primary_limit_resetting_soon_is_waited_out(fake: FakeGitHub) -> None:
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()))}
    fake.inject("GET", r"/repos/acme/infra$", 403, PRIMARY, headers=headers)
    assert make_sink(fake).open_pull_request(change()).created is True
    assert fake.count("GET", r"/repos/acme/infra$") == 2


def test_server_errors_are_retried_including_patch(fake: FakeGitHub) -> None:
    fake.inject("POST", r"/git/trees$", 502, {"message": "Server Error"}, times=2)
    first = make_sink(fake).open_pull_request(change())
    assert fake.count("POST", r"/git/trees$") == 3
    fake.inject("PATCH", r"/pulls/\d+$", 503, {"message": "Service Unavailable"})
    make_sink(fake).open_pull_request(change(body="new body"))
    assert fake.count("PATCH", r"/pulls/\d+$") == 2  # PATCH is retried too
    assert fake.pulls(REPO)[0]["body"].startswith("new body")
    assert first.number == 1


def test_server_errors_beyond_the_retries_say_github_is_degraded(fake: FakeGitHub) -> None:
    fake.inject("GET", r"/repos/acme/infra$", 500, {"message": "Server Error"}, times=100)
    with pytest.raises(PullRequestError) as caught:
        make_sink(fake, max_retries=1).open_pull_request(change())
    assert caught.value.status_code == 500 and "githubstatus.com" in str(caught.value)
    assert fake.count("GET", r"/repos/acme/infra$") == 2


def test_an_unreachable_server_is_a_clear_error(fake: FakeGitHub) -> None:
    from tests.helpers import free_port

    sink = make_sink(fake, api_url=f"http://127.0.0.1:{free_port()}/api/v3", max_retries=0)
    with pytest.raises(PullRequestError) as caught:
        sink.open_pull_request(change())
    assert "Could not reach GitHub" in str(caught.value) and "GITHUB_API_URL" in str(caught.value)
