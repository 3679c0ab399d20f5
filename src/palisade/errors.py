"""Palisade's exception tree.

An exception means "could not do the work". Outcomes such as a blocked prompt or failed policy checks are
values (``Verdict``, ``ValidationReport``), never exceptions.

    PalisadeError
    ├── ConfigError                 settings or policy files are unusable
    ├── InputError                  a user's message or file cannot be processed (empty, too large, not UTF-8)
    ├── ProviderError               the language model could not answer
    │   ├── ProviderHTTPError       (status_code, body, retry_after)
    │   ├── ProviderTimeoutError
    │   ├── ProviderConnectionError the server could not be reached
    │   └── ProviderUnavailableError (retry_in): the circuit breaker is open, the call was not made
    ├── ScannerError                a guard scanner crashed or timed out (the guard fails closed)
    ├── BlueprintError
    │   ├── UnknownBlueprintError   (blueprint_id, suggestions)
    │   └── BlueprintInputError     (blueprint_id, problems: [ParamProblem])
    ├── ValidatorError              a validator could not run
    │   └── UnparseableFileError    (path, detail): a file that does not parse is never silently passed
    ├── ScmError
    │   ├── NotARepositoryError     (path)
    │   ├── PolicyViolationError    a change the policy forbids (path outside the allow-list, ...)
    │   │   └── PullRequestLimitError   (limit): too many pull requests by one user in an hour
    │   ├── ForeignCommitError      (branch, commit): a human committed on the bot's branch
    │   └── PullRequestError        (status_code): the forge refused or failed
    │       ├── ScmAuthError              401: bad or expired credentials
    │       ├── ScmPermissionError        (permission) 403: the token/App lacks a permission
    │       ├── RepositoryNotFoundError   (repo) 404: no such repository, or the App is not installed
    │       ├── EmptyRepositoryError      (repo) 409: no commits yet, so no base branch
    │       ├── BranchProtectionError     (branch): a rule or protection refused the ref update
    │       └── ScmRateLimitError         (retry_after): rate limited for longer than Palisade waits
    └── StorageError
"""

from __future__ import annotations

from dataclasses import dataclass


class PalisadeError(Exception):
    """Base class of every error Palisade raises on purpose."""


class ConfigError(PalisadeError):
    pass


class InputError(PalisadeError):
    """The user's input cannot be processed; the message says what to do instead."""


class ProviderError(PalisadeError):
    pass


class ProviderHTTPError(ProviderError):
    def __init__(
        self, message: str, *, status_code: int, body: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After), if any


class ProviderTimeoutError(ProviderError):
    pass


class ProviderConnectionError(ProviderError):
    pass


class ProviderUnavailableError(ProviderError):
    """The provider failed repeatedly; calls are not attempted until ``retry_in`` seconds have passed."""

    def __init__(self, message: str, *, retry_in: float) -> None:
        super().__init__(message)
        self.retry_in = retry_in


class ScannerError(PalisadeError):
    def __init__(self, message: str, *, scanner: str) -> None:
        super().__init__(message)
        self.scanner = scanner


class BlueprintError(PalisadeError):
    pass


class UnknownBlueprintError(BlueprintError):
    def __init__(self, blueprint_id: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"Unknown blueprint {blueprint_id!r}.{hint} Run `palisade blueprints list` to see them all."
        )
        self.blueprint_id = blueprint_id
        self.suggestions = suggestions


@dataclass(frozen=True, slots=True)
class ParamProblem:
    """One reason a parameter value was refused, with a secure or valid alternative when one exists."""

    param: str
    message: str
    suggestion: str | None = None
    insecure: bool = False

    def __str__(self) -> str:
        text = f"{self.param}: {self.message}"
        return f"{text} Suggestion: {self.suggestion}" if self.suggestion else text


class BlueprintInputError(BlueprintError):
    def __init__(self, blueprint_id: str, problems: list[ParamProblem]) -> None:
        lines = "; ".join(str(p) for p in problems)
        super().__init__(f"Invalid parameters for {blueprint_id}: {lines}")
        self.blueprint_id = blueprint_id
        self.problems = problems

    @property
    def insecure(self) -> bool:
        return any(p.insecure for p in self.problems)


class ValidatorError(PalisadeError):
    pass


class UnparseableFileError(ValidatorError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path} could not be parsed: {detail}")
        self.path = path
        self.detail = detail


class ScmError(PalisadeError):
    pass


class NotARepositoryError(ScmError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is not a git repository. Run `git init {path}` (with at least one commit) "
            "or pass the path of an existing repository to --repo."
        )
        self.path = path


class PolicyViolationError(ScmError):
    pass


class PullRequestError(ScmError):
    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class PullRequestLimitError(PolicyViolationError):
    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class ForeignCommitError(ScmError):
    """Someone else committed on the bot's branch; Palisade stops rather than force-pushing over it."""

    def __init__(self, message: str, *, branch: str, commit: str) -> None:
        super().__init__(message)
        self.branch = branch
        self.commit = commit


class ScmAuthError(PullRequestError):
    pass


class ScmPermissionError(PullRequestError):
    def __init__(self, message: str, *, permission: str, status_code: int | None = 403) -> None:
        super().__init__(message, status_code=status_code)
        self.permission = permission


class RepositoryNotFoundError(PullRequestError):
    def __init__(self, message: str, *, repo: str, status_code: int | None = 404) -> None:
        super().__init__(message, status_code=status_code)
        self.repo = repo


class EmptyRepositoryError(PullRequestError):
    def __init__(self, message: str, *, repo: str, status_code: int | None = 409) -> None:
        super().__init__(message, status_code=status_code)
        self.repo = repo


class BranchProtectionError(PullRequestError):
    def __init__(self, message: str, *, branch: str, status_code: int | None = None) -> None:
        super().__init__(message, status_code=status_code)
        self.branch = branch


class ScmRateLimitError(PullRequestError):
    def __init__(
        self, message: str, *, retry_after: float | None, status_code: int | None = None
    ) -> None:
        super().__init__(message, status_code=status_code)
        self.retry_after = retry_after


class StorageError(PalisadeError):
    pass
