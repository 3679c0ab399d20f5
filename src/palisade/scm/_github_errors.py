"""GitHub's answers turned into errors a user can act on.

PyGithub raises ``GithubException(status, data, headers)`` without saying which call failed, so every
call of the sink runs inside :func:`github_step`, which knows what we were doing and which permission
that needs. The most specific mapping wins; no PyGithub or ``requests`` exception leaves ``scm/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from github.GithubException import GithubException, RateLimitExceededExceedsMaxWait

from palisade.errors import (
    BranchProtectionError,
    EmptyRepositoryError,
    PullRequestError,
    RepositoryNotFoundError,
    ScmAuthError,
    ScmPermissionError,
    ScmRateLimitError,
)

# Repository permission ids (as in X-Accepted-GitHub-Permissions) → the names GitHub's settings show.
PERMISSION_NAMES = {
    "contents": "Contents",
    "pull_requests": "Pull requests",
    "issues": "Issues",
    "workflows": "Workflows",
    "metadata": "Metadata",
}


@dataclass(frozen=True, slots=True)
class GitHubContext:
    """What the sink talks to, for messages: ``who`` is "GitHub App" or "token"."""

    api_url: str
    repo: str
    who: str
    max_wait: float
    permissions: Mapping[str, str] = field(default_factory=dict)  # what an App token asked for


@contextmanager
def github_step(
    ctx: GitHubContext, action: str, permission: str, *, branch: str | None = None
) -> Iterator[None]:
    """Run one API step; map any failure to a ``PullRequestError`` subclass naming what to do."""
    try:
        yield
    except GithubException as exc:
        raise map_github_error(exc, ctx, action, permission, branch=branch) from exc
    except OSError as exc:  # requests' ConnectionError, Timeout and RetryError are OSErrors
        raise PullRequestError(
            f"Could not reach GitHub at {ctx.api_url} to {action} ({type(exc).__name__}: {exc}). "
            "Check the network and GITHUB_API_URL (for GitHub Enterprise Server: "
            "https://HOST/api/v3), then retry."
        ) from exc


def map_github_error(
    exc: GithubException,
    ctx: GitHubContext,
    action: str,
    permission: str,
    *,
    branch: str | None = None,
) -> PullRequestError:
    status = exc.status
    message = _message(exc.data) or (exc.message or "")
    said = f"GitHub said: {message}" if message else f"HTTP {status}"
    lowered = message.lower()
    headers = {k.lower(): v for k, v in (exc.headers or {}).items()}

    if isinstance(exc, RateLimitExceededExceedsMaxWait) or _is_rate_limit(status, lowered):
        wait = exc.wait if isinstance(exc, RateLimitExceededExceedsMaxWait) else None
        after = f" GitHub asks to wait {wait:.0f}s;" if wait else ""
        return ScmRateLimitError(
            f"GitHub's rate limit stopped Palisade while trying to {action} in {ctx.repo} ({said})."
            f"{after} Palisade waits at most {ctx.max_wait:.0f}s "
            "(PALISADE_GITHUB__MAX_RATE_LIMIT_WAIT_SECONDS). Retry in a few minutes.",
            retry_after=wait,
            status_code=status,
        )
    if status == 401:
        return ScmAuthError(
            f"GitHub rejected Palisade's credentials at {ctx.api_url} (401, {said}). Check "
            "GITHUB_TOKEN, or the GitHub App settings PALISADE_GITHUB__APP_ID, "
            "PALISADE_GITHUB__APP_PRIVATE_KEY(_PATH) and PALISADE_GITHUB__INSTALLATION_ID; "
            "tokens expire and can be revoked.",
            status_code=status,
        )
    if "not granted to this installation" in lowered:
        asked = ", ".join(f"{k}: {v}" for k, v in ctx.permissions.items())
        return ScmPermissionError(
            f"The GitHub App's installation does not grant every permission Palisade asks for "
            f"({asked}; {said}). Add them under the App's Permissions and accept the change in the "
            "installation; without labels (PALISADE_GITHUB__LABELS=[]) Issues is not needed.",
            permission=", ".join(ctx.permissions),
            status_code=status,
        )
    denied = status == 403 and "not accessible by" in lowered
    needed = ("workflows", "write") if _workflows_permission(lowered) else None
    if needed is None and denied:
        needed = _accepted_permission(headers) or (permission, "write")
    if needed is not None:
        name = needed[0]  # Palisade needs write on all of them but metadata, whatever this call was
        label = f"{PERMISSION_NAMES.get(name, name)}: " + (
            "Read-only" if name == "metadata" else "Read and write"
        )
        return ScmPermissionError(
            f"The {ctx.who} may not {action} in {ctx.repo}: it lacks the repository permission "
            f"'{label}' ({said}). Grant it in the {ctx.who}'s settings (a GitHub App's "
            "installation must also accept the new permission), then retry.",
            permission=name,
            status_code=status,
        )
    if _is_protection(lowered):
        target = branch or "the branch"
        return BranchProtectionError(
            f"A branch protection rule or ruleset in {ctx.repo} refused to {action} on {target} "
            f"({said}). Exempt 'palisade/*' branches from the rule, or let the {ctx.who} bypass "
            "it, then retry.",
            branch=target,
            status_code=status,
        )
    if status == 409 and "empty" in lowered:
        return EmptyRepositoryError(
            f"{ctx.repo} is empty (no commits yet), so there is no base branch to open a pull "
            "request against. Push an initial commit (e.g. a README) to its default branch, then "
            "retry; Palisade never writes to a default branch itself.",
            repo=ctx.repo,
        )
    if status == 404:
        return RepositoryNotFoundError(
            f"GitHub answered 404 when Palisade tried to {action} in {ctx.repo}: the repository "
            f"does not exist at {ctx.api_url}, or the {ctx.who} cannot see it. Check the name; "
            "install the GitHub App on the repository (or give the token access to it).",
            repo=ctx.repo,
        )
    if status == 422 and "draft" in lowered:
        return PullRequestError(
            f"{ctx.repo} does not accept draft pull requests ({said}). Set "
            "PALISADE_GITHUB__DRAFT=false and retry.",
            status_code=status,
        )
    if status >= 500:
        return PullRequestError(
            f"GitHub failed to {action} in {ctx.repo} (HTTP {status}, {said}), also after "
            "Palisade's retries. GitHub may be degraded (https://www.githubstatus.com, or your "
            "GitHub Enterprise Server); retry later.",
            status_code=status,
        )
    return PullRequestError(
        f"GitHub refused to {action} in {ctx.repo} (HTTP {status}, {said}).", status_code=status
    )


def _message(data: Any) -> str:
    if not isinstance(data, dict):
        return str(data) if isinstance(data, str) else ""
    text = str(data.get("message") or "")
    details = [
        str(e.get("message") or e.get("code") or "")
        for e in data.get("errors") or []
        if isinstance(e, dict)
    ]
    details = [d for d in details if d]
    return f"{text} ({'; '.join(details)})" if details else text


def _is_rate_limit(status: int, lowered: str) -> bool:
    return status in (403, 429) and (
        "rate limit" in lowered or "retry your request again later" in lowered or status == 429
    )


def _is_protection(lowered: str) -> bool:
    return any(
        needle in lowered
        for needle in ("protected branch", "protected ref", "rule violation", "ruleset")
    )


def _accepted_permission(headers: dict[str, str]) -> tuple[str, str] | None:
    """GitHub names what a 403 needed in ``X-Accepted-GitHub-Permissions`` (``contents=write``)."""
    accepted = headers.get("x-accepted-github-permissions", "")
    for option in accepted.split(";"):
        name, _, level = option.split(",")[0].partition("=")
        if name.strip() in PERMISSION_NAMES:
            return name.strip(), level.strip() or "write"
    return None


def _workflows_permission(lowered: str) -> str | None:
    return "workflows" if "workflow" in lowered and "permission" in lowered else None
