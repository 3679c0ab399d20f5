"""A pull-request sink for a local git repository: one branch per change, made with git plumbing.

The user's working tree, index and checked-out branch are never touched: blobs are written with
``hash-object``, the tree is assembled in a throw-away index (``GIT_INDEX_FILE``), the commit is
made with ``commit-tree``, and the branch moves last, with ``update-ref``'s expected-old-value
check. A "pull request" is a record under ``.git/palisade/``: ``pulls.json`` (branch → number,
title, state, ...) and ``pulls/<number>.md`` (the body).

With ``push_remote`` (``PALISADE_LOCAL_PUSH_REMOTE``: any URL or path git understands) the branch is
also pushed there, so a team without a forge can review it. The push is leased: it only replaces a
remote branch that holds nothing but Palisade's own commits.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from palisade.errors import ForeignCommitError, NotARepositoryError, PolicyViolationError, ScmError
from palisade.scm.base import ChangeSet, PullRequestRef
from palisade.scm.policy import PullRequestPolicy

_GIT_TIMEOUT = 120.0
_BOT_README = (
    "# Repository\n\nCreated by Palisade to receive infrastructure-as-code pull requests.\n"
)


class LocalGitPullRequestSink:
    """Opens (or updates) "pull requests" as branches of a local repository."""

    name = "local-git"

    def __init__(
        self,
        repo_path: Path,
        *,
        create: bool = False,
        author_name: str = "Palisade",
        author_email: str = "palisade@localhost",
        base_branch: str | None = None,
        policy: PullRequestPolicy | None = None,
        push_remote: str | None = None,
    ) -> None:
        self.author_name = author_name
        self.author_email = author_email
        self.base_branch = base_branch
        self.policy = policy if policy is not None else PullRequestPolicy()
        self.push_remote = push_remote
        path = Path(repo_path).expanduser().absolute()
        if not path.exists():
            if not create:
                raise NotARepositoryError(str(path))
            self._init_repository(path)
        self.path, self.git_dir = self._locate(path)
        self._state_dir = self.git_dir / "palisade"

    # -- git plumbing -------------------------------------------------------------------------

    def _env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        # Drop any GIT_* inherited from a hook or the caller's shell: they could redirect us to
        # another repository or index.
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(
            {
                "LC_ALL": "C",
                "GIT_TERMINAL_PROMPT": "0",
                "GIT_AUTHOR_NAME": self.author_name,
                "GIT_AUTHOR_EMAIL": self.author_email,
                "GIT_COMMITTER_NAME": self.author_name,
                "GIT_COMMITTER_EMAIL": self.author_email,
            }
        )
        if extra:
            env.update(extra)
        return env

    def _run(
        self,
        *args: str,
        cwd: Path | None = None,
        input_data: bytes | None = None,
        env: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> subprocess.CompletedProcess[bytes]:
        where = cwd if cwd is not None else self.path
        try:
            proc = subprocess.run(
                ["git", *args],
                cwd=where,
                input=input_data,
                capture_output=True,
                env=self._env(env),
                timeout=_GIT_TIMEOUT,
                check=False,
            )
        except FileNotFoundError as exc:
            raise ScmError(
                "git is not installed or not on PATH; install git to use the local-git sink."
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise ScmError(
                f"git {args[0]} timed out after {_GIT_TIMEOUT:.0f}s in {where}."
            ) from exc
        if check and proc.returncode != 0:
            stderr = proc.stderr.decode("utf-8", "replace").strip()
            raise ScmError(f"git {args[0]} failed in {where} (exit {proc.returncode}): {stderr}")
        return proc

    def _out(self, *args: str, **kwargs: Any) -> str:
        return self._run(*args, **kwargs).stdout.decode("utf-8", "replace").strip()

    def _rev(self, ref: str) -> str | None:
        proc = self._run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return proc.stdout.decode().strip() if proc.returncode == 0 else None

    def _tree_of(self, commit: str) -> str:
        return self._out("rev-parse", f"{commit}^{{tree}}")

    def _init_repository(self, path: Path) -> None:
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            raise ScmError(f"Cannot create the repository directory {path}: {exc}") from exc
        self._run("init", "--quiet", "-b", "main", cwd=path)
        (path / "README.md").write_text(_BOT_README, encoding="utf-8")
        self._run("add", "README.md", cwd=path)
        self._run(
            "commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", "Initial commit", cwd=path
        )

    def _locate(self, path: Path) -> tuple[Path, Path]:
        """Return (repository root, git dir); ``path`` must be the root, not a folder inside one."""
        if not path.is_dir():
            raise NotARepositoryError(str(path))
        proc = self._run(
            "rev-parse", "--is-bare-repository", "--absolute-git-dir", cwd=path, check=False
        )
        lines = proc.stdout.decode("utf-8", "replace").splitlines()
        stderr = proc.stderr.decode("utf-8", "replace")
        if (
            "safe.directory" in stderr
        ):  # a repository owned by another user: say so, not "not a repo"
            raise ScmError(f"git refuses to use {path}: {stderr.strip()}")
        if proc.returncode != 0 or len(lines) < 2:
            raise NotARepositoryError(str(path))
        bare, git_dir = lines[0] == "true", Path(lines[1])
        if bare:
            root = git_dir
        else:
            top = self._run("rev-parse", "--show-toplevel", cwd=path, check=False)
            if top.returncode != 0:  # e.g. a folder inside .git
                raise NotARepositoryError(str(path))
            root = Path(top.stdout.decode("utf-8", "replace").strip())
        if root.resolve() != path.resolve():
            raise NotARepositoryError(str(path))
        return path.resolve(), git_dir.resolve()

    # -- the sink -----------------------------------------------------------------------------

    def open_pull_request(self, change: ChangeSet) -> PullRequestRef:
        branch = change.branch
        self._check_branch_name(branch)
        self.policy.check(change.repo, change.files)
        if not change.validation_passed and not self.policy.allow_validation_exceptions:
            raise PolicyViolationError(
                "Validation exceptions are switched off (PALISADE_ALLOW_VALIDATION_EXCEPTIONS), so "
                "a proposal that failed its checks cannot be opened. Fix the failed checks."
            )
        with self._locked():
            base, base_tip = self._resolve_base(change)
            if base == branch:
                raise ScmError(f"The pull-request branch {branch!r} cannot also be its base.")
            tree = self._build_tree(base_tip, change.files)
            old_tip = self._rev(f"refs/heads/{branch}")
            created = old_tip is None
            if old_tip is not None and self._tree_of(old_tip) == tree:
                commit = old_tip  # already up to date: no new commit
            else:
                if base_tip is not None and self._tree_of(base_tip) == tree:
                    raise ScmError(
                        f"{base!r} already contains these files exactly, so a pull request from "
                        f"{branch!r} would change nothing."
                    )
                if old_tip is not None:
                    self._refuse_foreign_commits(branch, old_tip, base_tip)
                commit = self._commit(tree, base_tip, change)
            pulls, number = self._reserve_number(branch)
            if commit != old_tip:
                # The one publishing step; it fails if someone else moved the branch meanwhile.
                old_value = old_tip if old_tip is not None else "0" * len(commit)
                self._run(
                    "update-ref",
                    "-m",
                    f"palisade: {change.title}",
                    f"refs/heads/{branch}",
                    commit,
                    old_value,
                )
            if self.push_remote:
                self._push(branch, commit, base_tip)
            # Records follow the branch: if writing them fails, a retry (no-op for git) fixes them.
            self._write_pull(pulls, number, change, base, commit)
        url = f"{self.path.as_uri()}#{quote(branch, safe='/')}"
        return PullRequestRef(
            repo=change.repo, url=url, branch=branch, number=number, created=created, commit=commit
        )

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise sinks (threads or processes) working on this repository."""
        self._state_dir.mkdir(parents=True, exist_ok=True)
        with open(self._state_dir / "lock", "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _resolve_base(self, change: ChangeSet) -> tuple[str, str | None]:
        """Return (base branch, its tip commit; None for the unborn branch of an empty repo)."""
        head = self._run("symbolic-ref", "--quiet", "HEAD", check=False)
        head_ref = head.stdout.decode().strip() if head.returncode == 0 else None
        base = change.base or self.base_branch
        if base is None:
            if head_ref is None or not head_ref.startswith("refs/heads/"):
                raise ScmError(
                    f"HEAD of {self.path} is detached, so the base branch is unknown; "
                    "pass base_branch= or set ChangeSet.base."
                )
            base = head_ref.removeprefix("refs/heads/")
        self._check_branch_name(base)
        tip = self._rev(f"refs/heads/{base}")
        if tip is None and head_ref != f"refs/heads/{base}":
            raise ScmError(f"The base branch {base!r} does not exist in {self.path}.")
        return base, tip  # tip None: HEAD's branch is unborn (no commits yet)

    def _check_branch_name(self, name: str) -> None:
        if self._run("check-ref-format", f"refs/heads/{name}", check=False).returncode != 0:
            raise ScmError(f"{name!r} is not a valid git branch name (see `git check-ref-format`).")

    def _build_tree(self, base_tip: str | None, files: Mapping[str, str]) -> str:
        entries: list[bytes] = []
        for path in sorted(files):
            blob = self._out("hash-object", "-w", "--stdin", input_data=files[path].encode("utf-8"))
            entries.append(f"100644 {blob}\t{path}".encode() + b"\0")
        with tempfile.TemporaryDirectory(dir=self._state_dir, prefix="index-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            if base_tip is None:
                self._run("read-tree", "--empty", env=env)
            else:
                self._run("read-tree", base_tip, env=env)
            self._run("update-index", "-z", "--index-info", input_data=b"".join(entries), env=env)
            return self._out("write-tree", env=env)

    def _refuse_foreign_commits(self, branch: str, tip: str, base_tip: str | None) -> None:
        """Rebuilding the branch drops its commits: allowed only if every one of them is ours."""
        args = ["rev-list", "--format=%H %ae", "--no-commit-header", tip]
        if base_tip is not None:
            args += ["--not", base_tip]
        for line in self._out(*args).splitlines():
            sha, _, email = line.partition(" ")
            if email.strip().lower() != self.author_email.lower():
                raise ForeignCommitError(
                    f"A human committed on branch {branch!r} (commit {sha[:12]} by {email}); Palisade "
                    "will not overwrite it. Merge or move that work, or delete the branch, then retry.",
                    branch=branch,
                    commit=sha,
                )

    def _push(self, branch: str, commit: str, base_tip: str | None) -> None:
        """Publish ``branch`` to the remote, replacing it only if it holds just our commits."""
        assert self.push_remote is not None
        remote, ref = self.push_remote, f"refs/heads/{branch}"
        listed = self._run("ls-remote", "--heads", "--", remote, ref, check=False)
        if listed.returncode != 0:
            stderr = listed.stderr.decode("utf-8", "replace").strip()
            raise ScmError(
                f"Cannot reach the push remote {remote!r} (git ls-remote: {stderr}). Check "
                "PALISADE_LOCAL_PUSH_REMOTE and that git can access it without a prompt."
            )
        remote_tip = next(
            (line.split()[0] for line in listed.stdout.decode().splitlines() if line.strip()), ""
        )
        if remote_tip == commit:
            return  # already there
        if remote_tip:
            known = self._run("cat-file", "-e", f"{remote_tip}^{{commit}}", check=False)
            if known.returncode != 0:
                raise ForeignCommitError(
                    f"Branch {branch!r} on {remote} has commit {remote_tip[:12]} that Palisade did "
                    "not make; it will not overwrite it. Merge or move that work, or delete the "
                    "remote branch, then retry.",
                    branch=branch,
                    commit=remote_tip,
                )
            self._refuse_foreign_commits(branch, remote_tip, base_tip)
        pushed = self._run(
            "push",
            "--porcelain",
            "--no-verify",
            f"--force-with-lease={ref}:{remote_tip}",
            "--",
            remote,
            f"{commit}:{ref}",
            check=False,
        )
        if pushed.returncode != 0:
            stderr = pushed.stderr.decode("utf-8", "replace").strip()
            raise ScmError(
                f"Pushing {branch!r} to {remote} failed: {stderr or 'see git output'}. Nothing "
                "was overwritten; retry once the remote is reachable and unchanged."
            )

    def _commit(self, tree: str, parent: str | None, change: ChangeSet) -> str:
        args = ["commit-tree", "--no-gpg-sign", tree]
        if parent is not None:
            args += ["-p", parent]
        message = f"{change.title}\n\n{change.body}".rstrip() + "\n"
        return self._out(*args, "-F", "-", input_data=message.encode("utf-8"))

    # -- local pull-request records -----------------------------------------------------------

    def _reserve_number(self, branch: str) -> tuple[dict[str, dict[str, Any]], int]:
        """The branch's number if it has one, else the next free one (1, 2, 3, ... per repository)."""
        pulls = self._load_pulls(self._state_dir / "pulls.json")
        entry = pulls.get(branch)
        if entry is not None:
            return pulls, int(entry["number"])
        return pulls, max((int(e["number"]) for e in pulls.values()), default=0) + 1

    def _write_pull(
        self,
        pulls: dict[str, dict[str, Any]],
        number: int,
        change: ChangeSet,
        base: str,
        commit: str,
    ) -> None:
        now = datetime.now(UTC).isoformat()
        entry = pulls.setdefault(change.branch, {"number": number, "created_at": now})
        entry.update(
            {
                "number": number,
                "title": change.title,
                "state": "open",
                "base": base,
                "commit": commit,
                "repo": change.repo,
                "updated_at": now,
            }
        )
        _write_atomic(self._state_dir / "pulls" / f"{number}.md", change.body)
        _write_atomic(
            self._state_dir / "pulls.json", json.dumps(pulls, indent=2, sort_keys=True) + "\n"
        )

    def _load_pulls(self, pulls_file: Path) -> dict[str, dict[str, Any]]:
        try:
            raw = pulls_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise ScmError(f"Cannot read {pulls_file}: {exc}") from exc
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ScmError(f"{pulls_file} is not valid JSON ({exc}); fix or delete it.") from exc
        if not isinstance(data, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("number"), int) for v in data.values()
        ):
            raise ScmError(
                f"{pulls_file} is not a map of branch → pull-request record; fix or delete it."
            )
        return data

    @property
    def repo(self) -> str:
        return str(self.path)

    def pulls(self) -> dict[str, dict[str, Any]]:
        """The local pull-request records, keyed by branch."""
        return self._load_pulls(self._state_dir / "pulls.json")

    def read_file(self, path: str) -> str | None:
        """``path`` as it is on the base branch (None: not there), read with plumbing only."""
        base = self.base_branch
        if base is None:
            head = self._run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
            base = head.stdout.decode().strip() if head.returncode == 0 else ""
        if not base or path.startswith(("-", "/")):
            return None
        proc = self._run("cat-file", "blob", f"refs/heads/{base}:{path}", check=False)
        return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else None


def _write_atomic(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ScmError(f"Cannot write {path}: {exc}") from exc
