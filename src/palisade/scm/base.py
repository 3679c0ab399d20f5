"""Pull-request sinks: where a confirmed, validated proposal lands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from palisade.errors import PolicyViolationError
from palisade.files import RenderedFiles, check_relative_path
from palisade.scm.policy import PullRequestPolicy


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Everything a sink needs to open or update one pull request.

    ``files`` holds repository paths (already placed under the configured directory). A change set can only be
    built for a proposal whose validation passed, or, where the policy allows exceptions, with the
    approver's written justification in ``validation_exception`` (shown in the PR, kept in the audit log).
    """

    repo: str
    branch: str
    title: str
    body: str
    files: RenderedFiles
    validation_passed: bool
    base: str | None = None  # None: the repository's current default branch
    validation_exception: str | None = None

    def __post_init__(self) -> None:
        if not self.validation_passed and not (self.validation_exception or "").strip():
            raise PolicyViolationError(
                "This proposal failed validation, so no pull request can be opened. "
                "Fix the failed checks (see the validation results) and ask again."
            )
        if not self.files:
            raise PolicyViolationError("A pull request needs at least one file.")
        for path in self.files:
            try:
                check_relative_path(path)
            except ValueError as exc:
                raise PolicyViolationError(str(exc)) from exc
        if not self.branch.startswith("palisade/"):
            raise PolicyViolationError(f"Branch {self.branch!r} must start with 'palisade/'.")


@dataclass(frozen=True, slots=True)
class PullRequestRef:
    repo: str
    url: str
    branch: str
    number: int | None
    created: bool  # False when an existing pull request / branch was updated
    commit: str
    notes: tuple[str, ...] = ()  # what went wrong after the PR existed (e.g. a reviewer not found)

    def to_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "branch": self.branch,
            "number": self.number,
            "created": self.created,
            "notes": list(self.notes),
        }


@runtime_checkable
class PullRequestSink(Protocol):
    """Optional, checked with ``getattr``: ``read_file(path) -> str | None``, a file's content on
    the base branch (None when absent), so a UI can show what a proposal changes."""

    name: str
    policy: PullRequestPolicy  # where it may write, how often; checked before anything is sent

    @property
    def repo(self) -> str:
        """What this sink writes to: a local path or ``owner/name``."""
        ...

    def open_pull_request(self, change: ChangeSet) -> PullRequestRef:
        """Create the pull request, or update the open one for ``change.branch``; never a duplicate."""
        ...
