"""Pull requests on GitHub and GitHub Enterprise Server, one atomic commit each, never a duplicate.

How a confirmation lands (every step through PyGithub, each failure mapped to a message in
``_github_errors``):

1. the policy is checked (allow-list, prefixes, protected paths) before any request is sent;
2. blobs → a tree on top of the base branch's current tip (``base_tree``) → one commit → the ref.
   The branch name is deterministic (``palisade/<blueprint>/<name>``), so asking again — in any
   conversation, any process — lands on the same branch;
3. an existing branch is replaced only if its tip is Palisade's own commit: a commit whose message
   carries ``Palisade-Tree: <its own tree sha>`` on top of a single parent. A human commit on top, an
   amended commit or a merge from the base all fail that test, and the update stops with
   ``ForeignCommitError`` instead of force-pushing over someone's work. When the base moved, our commit
   is rebuilt on the new tip (a force update of our own commit only);
4. the open pull request for the branch is found (``head=owner:branch``) and updated, or created;
   a lost creation race (422 "A pull request already exists" / "Reference already exists") is
   resolved by looking again, never by creating a second one. Threads of one process are serialised
   per branch, so a double click does not even reach the server twice at once.

An empty repository is refused with a message (``EmptyRepositoryError``): writing an initial commit
would mean writing to the default branch without review, which Palisade never does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from pathlib import Path

from github import Auth, Github, GithubException, InputGitTreeElement
from github.GitCommit import GitCommit
from github.GitRef import GitRef
from github.GitTree import GitTree
from github.PullRequest import PullRequest
from github.Repository import Repository

from palisade.config import GitHubSettings
from palisade.errors import (
    ConfigError,
    ForeignCommitError,
    PolicyViolationError,
    PullRequestError,
    ScmError,
)
from palisade.scm._github_errors import GitHubContext, github_step
from palisade.scm._github_retry import BoundedGithubRetry
from palisade.scm.base import ChangeSet, PullRequestRef
from palisade.scm.policy import REPO_NAME, PullRequestPolicy, is_workflow

TREE_TRAILER = "Palisade-Tree"
BRANCH_TRAILER = "Palisade-Branch"
MARKER = "<!-- palisade:branch={branch} -->"
MAX_BODY_CHARS = 60_000  # GitHub refuses bodies over 65,536 characters
_ATTEMPTS = 3  # lost races resolved by starting over; more means someone keeps moving the branch
_BRANCH = re.compile(r"^palisade/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")

_locks: dict[tuple[str, str, str], threading.Lock] = {}
_locks_guard = threading.Lock()


class _LostRace(Exception):
    """Someone else moved the branch or opened the PR between our read and our write."""


def app_permissions(*, labels: bool, workflows: bool = False) -> dict[str, str]:
    """The installation-token permissions Palisade asks for: only what the next steps need."""
    permissions = {"contents": "write", "pull_requests": "write"}
    if labels:
        permissions["issues"] = "write"  # labels are set through the issues API
    if workflows:
        permissions["workflows"] = "write"
    return permissions


def github_client(settings: GitHubSettings, *, permissions: Mapping[str, str]) -> Github:
    """A PyGithub client for ``settings.api_url`` with bounded retries, timeouts and write pacing."""
    retry = BoundedGithubRetry(
        total=settings.max_retries,
        backoff_factor=settings.backoff_factor,
        secondary_rate_wait=settings.secondary_rate_wait_seconds,
        max_rate_limit_wait=settings.max_rate_limit_wait_seconds,
    )
    return Github(
        auth=_auth(settings, permissions),
        base_url=settings.api_url.rstrip("/"),
        timeout=max(1, round(settings.timeout_seconds)),
        retry=retry,
        seconds_between_requests=None,
        seconds_between_writes=settings.seconds_between_writes or None,
    )


def _auth(settings: GitHubSettings, permissions: Mapping[str, str]) -> Auth.Auth:
    if settings.uses_app:
        assert settings.app_id is not None
        if settings.installation_id is None:
            raise ConfigError(
                "PALISADE_GITHUB__APP_ID is set but PALISADE_GITHUB__INSTALLATION_ID is not: set "
                "the id of the App's installation on your organisation (Settings → GitHub Apps → "
                "Configure; it is the number at the end of the URL)."
            )
        app = Auth.AppAuth(settings.app_id, _private_key(settings))
        return app.get_installation_auth(settings.installation_id, dict(permissions))
    if settings.token is None:
        raise ConfigError(
            "No GitHub credentials: set GITHUB_TOKEN (a fine-grained token with Contents and Pull "
            "requests: Read and write) or a GitHub App (PALISADE_GITHUB__APP_ID, "
            "PALISADE_GITHUB__APP_PRIVATE_KEY_PATH, PALISADE_GITHUB__INSTALLATION_ID). Without "
            "them, pass a local repository path to --repo."
        )
    return Auth.Token(settings.token.get_secret_value())


def _private_key(settings: GitHubSettings) -> str:
    if settings.app_private_key is not None:
        key = settings.app_private_key.get_secret_value().replace("\\n", "\n")
    elif settings.app_private_key_path is not None:
        path = Path(settings.app_private_key_path).expanduser()
        try:
            key = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"Cannot read the GitHub App private key {path}: {exc}. Point "
                "PALISADE_GITHUB__APP_PRIVATE_KEY_PATH at the .pem file GitHub generated."
            ) from exc
    else:
        raise ConfigError(
            "PALISADE_GITHUB__APP_ID is set but no private key: set "
            "PALISADE_GITHUB__APP_PRIVATE_KEY_PATH to the App's .pem file."
        )
    if "PRIVATE KEY-----" not in key:
        raise ConfigError(
            "The GitHub App private key is not a PEM key (it should start with "
            "'-----BEGIN RSA PRIVATE KEY-----'); download a new one from the App's settings."
        )
    return key


def _branch_lock(api_url: str, repo: str, branch: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault((api_url, repo.lower(), branch), threading.Lock())


class GitHubPullRequestSink:
    """Opens or updates the pull request for a change set in one GitHub repository."""

    name = "github"

    def __init__(
        self,
        repo: str,
        settings: GitHubSettings,
        *,
        policy: PullRequestPolicy,
        base_branch: str | None = None,
        client: Github | None = None,
    ) -> None:
        if not REPO_NAME.match(repo):
            raise ConfigError(f"{repo!r} is not a GitHub repository; use OWNER/NAME.")
        self._repo_name = repo
        self.settings = settings
        self.policy = policy
        self.base_branch = base_branch
        rule = policy.rule_for(repo)  # refuses a repository outside the allow-list right away
        workflows = any(is_workflow(p) for p in rule.prefixes)
        self.permissions = app_permissions(labels=bool(settings.labels), workflows=workflows)
        self._client = client
        self._ctx = GitHubContext(
            api_url=settings.api_url,
            repo=repo,
            who="GitHub App" if settings.uses_app else "token",
            max_wait=settings.max_rate_limit_wait_seconds,
            permissions=self.permissions,
        )

    @property
    def repo(self) -> str:
        return self._repo_name

    def _github(self) -> Github:
        if self._client is None:
            self._client = github_client(self.settings, permissions=self.permissions)
        return self._client

    # -- the sink -----------------------------------------------------------------------------

    def open_pull_request(self, change: ChangeSet) -> PullRequestRef:
        self._check(change)
        with _branch_lock(self.settings.api_url, self._repo_name, change.branch):
            for _ in range(_ATTEMPTS):
                try:
                    return self._open(change)
                except _LostRace:
                    continue
        raise PullRequestError(
            f"Branch {change.branch!r} in {self._repo_name} kept changing while Palisade updated "
            f"it ({_ATTEMPTS} attempts). Wait for the other update to finish, then retry."
        )

    def _check(self, change: ChangeSet) -> None:
        """Everything refusable is refused here, before the first request."""
        self.policy.check(self._repo_name, change.files)
        if not change.validation_passed and not self.policy.allow_validation_exceptions:
            raise PolicyViolationError(
                "Validation exceptions are switched off (PALISADE_ALLOW_VALIDATION_EXCEPTIONS), "
                "so a proposal that failed its checks cannot be opened. Fix the failed checks."
            )
        branch = change.branch
        if not _BRANCH.match(branch) or ".." in branch or branch.endswith((".lock", ".")):
            raise PolicyViolationError(f"{branch!r} is not a valid Palisade branch name.")
        for path, text in change.files.items():
            if "\0" in text:
                raise PolicyViolationError(f"{path} is not a text file; Palisade only writes text.")

    def _open(self, change: ChangeSet) -> PullRequestRef:
        ctx, branch = self._ctx, change.branch
        with github_step(ctx, "read the repository", "metadata"):
            repo = self._github().get_repo(self._repo_name)
            base = change.base or self.base_branch or repo.default_branch
        base_ref = self._ref(repo, base)
        if base_ref is None:
            raise PullRequestError(
                f"The base branch {base!r} does not exist in {self._repo_name}. Set "
                "PALISADE_BASE_BRANCH to an existing branch (or leave it unset for the default).",
                status_code=404,
            )
        with github_step(ctx, f"read the tip of {base!r}", "contents"):
            base_commit = repo.get_git_commit(base_ref.object.sha)
        tree = self._tree(repo, base_commit, change.files)
        if tree.sha == base_commit.tree.sha:
            raise ScmError(
                f"{base!r} of {self._repo_name} already contains these files exactly, so a pull "
                f"request from {branch!r} would change nothing."
            )
        commit_sha = self._publish(repo, branch, base_commit, tree, change.title)
        pull, created = self._pull_request(repo, base, change)
        notes = self._decorate(pull) if created else ()
        return PullRequestRef(
            repo=self._repo_name,
            url=pull.html_url,
            branch=branch,
            number=pull.number,
            created=created,
            commit=commit_sha,
            notes=notes,
        )

    # -- git data -----------------------------------------------------------------------------

    def _ref(self, repo: Repository, branch: str) -> GitRef | None:
        with github_step(self._ctx, f"read branch {branch!r}", "contents", branch=branch):
            try:
                ref = repo.get_git_ref(f"heads/{branch}")
                _ = ref.object  # the ref is lazy: this is the request
            except GithubException as exc:
                if exc.status == 404:
                    return None
                raise
        # GET git/ref/<name> may answer with a list of refs that merely start with the name
        return ref if ref.ref == f"refs/heads/{branch}" else None

    def _tree(self, repo: Repository, base: GitCommit, files: Mapping[str, str]) -> GitTree:
        with github_step(self._ctx, "upload the files", "contents"):
            elements = [
                InputGitTreeElement(
                    path, "100644", "blob", sha=repo.create_git_blob(files[path], "utf-8").sha
                )
                for path in sorted(files)
            ]
            return repo.create_git_tree(elements, base_tree=base.tree)

    def _publish(
        self, repo: Repository, branch: str, base: GitCommit, tree: GitTree, title: str
    ) -> str:
        """Point ``branch`` at our single commit on ``base`` with ``tree``; return its sha."""
        ctx = self._ctx
        current = self._ref(repo, branch)
        if current is not None:
            with github_step(ctx, f"read the tip of {branch!r}", "contents", branch=branch):
                tip = repo.get_git_commit(current.object.sha)
            self._refuse_foreign(tip, branch)
            if tip.parents[0].sha == base.sha and tip.tree.sha == tree.sha:
                return tip.sha  # already up to date: no new commit, no push
        message = f"{title}\n\n{BRANCH_TRAILER}: {branch}\n{TREE_TRAILER}: {tree.sha}\n"
        with github_step(ctx, "create the commit", "contents", branch=branch):
            commit = repo.create_git_commit(message, tree, [base])
        if current is None:
            try:
                with github_step(ctx, f"create branch {branch!r}", "contents", branch=branch):
                    repo.create_git_ref(f"refs/heads/{branch}", commit.sha)
            except PullRequestError as exc:
                if exc.status_code == 422 and self._ref(repo, branch) is not None:
                    raise _LostRace from exc  # another process created it first
                raise
            return commit.sha
        # Narrow the window for a human push between our check and the force update.
        latest = self._ref(repo, branch)
        if latest is None or latest.object.sha != current.object.sha:
            raise _LostRace
        with github_step(ctx, f"update branch {branch!r}", "contents", branch=branch):
            current.edit(commit.sha, force=True)
        return commit.sha

    def _refuse_foreign(self, tip: GitCommit, branch: str) -> None:
        trailers = _trailers(tip.message)
        ours = (
            len(tip.parents) == 1
            and trailers.get(TREE_TRAILER) == tip.tree.sha
            and trailers.get(BRANCH_TRAILER) == branch
        )
        if not ours:
            who = tip.author.email if tip.author is not None else "someone"
            raise ForeignCommitError(
                f"Someone else committed on branch {branch!r} in {self._repo_name} (commit "
                f"{tip.sha[:12]} by {who}); Palisade will not overwrite it. Merge or close that "
                "pull request, or move the work elsewhere and delete the branch, then retry.",
                branch=branch,
                commit=tip.sha,
            )

    # -- the pull request ---------------------------------------------------------------------

    def _pull_request(
        self, repo: Repository, base: str, change: ChangeSet
    ) -> tuple[PullRequest, bool]:
        body = _with_marker(change.body, change.branch)
        existing = self._find(repo, change.branch)
        if existing is None:
            try:
                with github_step(self._ctx, "open the pull request", "pull_requests"):
                    return (
                        repo.create_pull(
                            base=base,
                            head=change.branch,
                            title=change.title,
                            body=body,
                            draft=self.settings.draft,
                        ),
                        True,
                    )
            except PullRequestError as exc:
                existing = self._find(repo, change.branch) if exc.status_code == 422 else None
                if existing is None:
                    raise
        with github_step(self._ctx, "update the pull request", "pull_requests"):
            if (existing.title, existing.body, existing.base.ref) != (change.title, body, base):
                existing.edit(title=change.title, body=body, base=base)
        return existing, False

    def _find(self, repo: Repository, branch: str) -> PullRequest | None:
        with github_step(self._ctx, "look for the open pull request", "pull_requests"):
            head = f"{repo.owner.login}:{branch}"
            pulls = repo.get_pulls(state="open", head=head)
            return next((p for p in pulls if p.head.ref == branch), None)

    def _decorate(self, pull: PullRequest) -> tuple[str, ...]:
        """Labels and reviewers on a new pull request. It exists already, so a failure is a note."""
        notes: list[str] = []
        settings = self.settings
        if settings.labels:
            try:
                with github_step(self._ctx, "add labels", "issues"):
                    pull.add_to_labels(*settings.labels)
            except PullRequestError as exc:
                notes.append(f"Labels were not added: {exc}")
        if settings.reviewers or settings.team_reviewers:
            try:
                with github_step(self._ctx, "request reviewers", "pull_requests"):
                    pull.create_review_request(
                        reviewers=list(settings.reviewers),
                        team_reviewers=list(settings.team_reviewers),
                    )
            except PullRequestError as exc:
                notes.append(f"Reviewers were not requested: {exc}")
        return tuple(notes)


def _trailers(message: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in message.splitlines():
        key, sep, value = line.partition(": ")
        if sep and key in (TREE_TRAILER, BRANCH_TRAILER):
            found[key] = value.strip()
    return found


def _with_marker(body: str, branch: str) -> str:
    marker = MARKER.format(branch=branch)
    if len(body) > MAX_BODY_CHARS:
        body = body[:MAX_BODY_CHARS] + "\n\n… (description shortened to fit GitHub's limit)\n"
    return body if marker in body else f"{body.rstrip()}\n\n{marker}\n"
