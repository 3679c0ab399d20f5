"""The local sink pushing its branch to a configured remote (a bare repository standing in for a team
server): published, updated in place, never over someone else's commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from palisade.errors import ForeignCommitError, ScmError
from palisade.scm.base import ChangeSet
from palisade.scm.local import LocalGitPullRequestSink
from tests.helpers import git, make_repo

BRANCH = "palisade/aws-s3-private-bucket/logs"
PATH = "palisade/aws-s3-private-bucket/logs/main.tf"


def change(text: str = "# v1\n") -> ChangeSet:
    return ChangeSet(
        repo="local/infra",
        branch=BRANCH,
        title="Private S3 bucket: logs",
        body="body",
        files={PATH: text},
        validation_passed=True,
    )


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    path = tmp_path / "team.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


def remote_tip(remote: Path) -> str | None:
    out = git(remote, "for-each-ref", "--format=%(objectname)", f"refs/heads/{BRANCH}").strip()
    return out or None


def test_the_branch_is_pushed_and_updated_in_place(tmp_path: Path, remote: Path) -> None:
    repo = make_repo(tmp_path / "infra")
    sink = LocalGitPullRequestSink(repo, push_remote=str(remote))
    first = sink.open_pull_request(change())
    assert remote_tip(remote) == first.commit
    assert git(remote, "show", f"{BRANCH}:{PATH}") == "# v1\n"

    assert sink.open_pull_request(change()).commit == first.commit  # nothing new to push
    second = sink.open_pull_request(change("# v2\n"))
    assert second.commit != first.commit and remote_tip(remote) == second.commit
    assert git(remote, "show", f"{BRANCH}:{PATH}") == "# v2\n"


def test_a_commit_pushed_by_someone_else_is_never_overwritten(tmp_path: Path, remote: Path) -> None:
    repo = make_repo(tmp_path / "infra")
    sink = LocalGitPullRequestSink(repo, push_remote=str(remote))
    sink.open_pull_request(change())
    reviewer = tmp_path / "reviewer"
    subprocess.run(["git", "clone", "-q", str(remote), str(reviewer)], check=True)
    git(reviewer, "config", "user.email", "rev@example.com")
    git(reviewer, "config", "user.name", "Reviewer")
    git(reviewer, "checkout", "-q", BRANCH)
    (reviewer / "fix.md").write_text("fix\n")
    git(reviewer, "add", "fix.md")
    git(reviewer, "commit", "-q", "-m", "Reviewer fix")
    git(reviewer, "push", "-q", "origin", BRANCH)
    theirs = remote_tip(remote)

    with pytest.raises(ForeignCommitError) as caught:
        sink.open_pull_request(change("# v2\n"))
    assert "will not overwrite" in str(caught.value) and caught.value.branch == BRANCH
    assert remote_tip(remote) == theirs


def test_an_unreachable_remote_is_a_clear_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "infra")
    sink = LocalGitPullRequestSink(repo, push_remote=str(tmp_path / "missing.git"))
    with pytest.raises(ScmError, match="PALISADE_LOCAL_PUSH_REMOTE"):
        sink.open_pull_request(change())
