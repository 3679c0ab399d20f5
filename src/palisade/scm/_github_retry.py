"""Retries for the GitHub client: PyGithub's rate-limit aware retry, with every wait bounded.

``GithubRetry`` already retries 5xx, waits for ``X-RateLimit-Reset`` on a primary limit and for
``secondary_rate_wait`` on a header-less secondary limit, and caps both with ``max_rate_limit_wait``.
Two gaps are closed here:

* a ``Retry-After`` header (on 403, 429 or 503) is slept by urllib3 without any cap, so a server asking for an hour would
  block a user's confirmation for an hour. Beyond ``max_rate_limit_wait`` we stop at once with
  PyGithub's own ``RateLimitExceededExceedsMaxWait`` (mapped to ``ScmRateLimitError`` by the sink);
* PATCH is not retried by default. Our PATCHes (ref update with an explicit sha, pull-request edit
  with the full title and body) are idempotent, so they are retried like GET.

429 is retried too (GitHub documents it for secondary limits), and ``raise_on_status`` is off so that,
once retries run out, the last real response reaches PyGithub and becomes a typed exception instead of
an opaque ``MaxRetryError``.
"""

from __future__ import annotations

import json
from types import TracebackType
from typing import Any

from github.GithubException import RateLimitExceededExceedsMaxWait, RateLimitExceededException
from github.GithubRetry import GithubRetry
from urllib3 import Retry
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import MaxRetryError
from urllib3.response import BaseHTTPResponse

RETRIED_METHODS = frozenset(Retry.DEFAULT_ALLOWED_METHODS | {"GET", "POST", "PATCH"})
RETRIED_STATUSES = (429, *range(500, 600))


class BoundedGithubRetry(GithubRetry):
    """``GithubRetry`` whose ``Retry-After`` waits never exceed ``max_rate_limit_wait``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allowed_methods", RETRIED_METHODS)
        kwargs.setdefault("status_forcelist", list(RETRIED_STATUSES))
        kwargs.setdefault("raise_on_status", False)
        kwargs.setdefault("respect_retry_after_header", True)
        super().__init__(**kwargs)

    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Retry:
        header = response.headers.get("Retry-After") if response is not None else None
        if response is not None and header is not None:
            wait = self.parse_retry_after(header)
            cap = self.max_rate_limit_wait
            if cap is not None and wait > cap:
                raise RateLimitExceededExceedsMaxWait(
                    response.status,
                    _body(response, url),
                    dict(response.headers),
                    wait=wait,
                )
        try:
            return super().increment(method, url, response, error, _pool, _stacktrace)  # type: ignore[arg-type]
        except MaxRetryError:
            if response is None or response.status not in (403, 429):
                raise
            # GithubRetry consumed the body to recognise the rate limit; say what it was.
            raise RateLimitExceededException(
                response.status,
                {"message": "rate limit still exceeded after Palisade's retries"},
                dict(response.headers),
            ) from None


def _body(response: BaseHTTPResponse, url: str | None) -> Any:
    """The JSON error body if there is one (for the error message), else a short description."""
    try:
        return json.loads(GithubRetry.get_content(response, url or ""))  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return {"message": f"rate limited (HTTP {response.status})"}
