"""LocalGitPullRequestSink against real git repositories in tmp_path."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import pytest

from palisade.errors import NotARepositoryError, PolicyViolationError, ScmError
from palisade.scm.base import ChangeSet, PullRequestRef, PullRequestSink
from palisade.scm.local import LocalGitPullRequestSink

BRANCH = "palisade/aws-s3-private-bucket/logs"
HUMAN = {
    "GIT_AUTHOR_NAME": "Human",
    "GIT_AUTHOR_EMAIL": "human@example.com",
    "GIT_COMMITTER_NAME": "Human",
    "GIT_COMMITTER_EMAIL": "human@example.com",
}
MAIN_TF = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'


def git(repo: Path, *args: str, check: bool = True) -> str:
    """Run git as the human user of the repository; return stdout exactly (not stripped)."""
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(repo.parent), **HUMAN}
    proc = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def rev(repo: Path, ref: str) -> str:
    return git(repo, "rev-parse", ref).strip()


def state(repo: Path) -> tuple[str, str, str, str]:
    """What the user sees: status, HEAD, index content and the diff of the working tree."""
    return (
        git(repo, "status", "--porcelain=v1", "--untracked-files=all"),
        git(repo, "symbolic-ref", "HEAD"),
        git(repo, "ls-files", "--stage"),
        git(repo, "diff"),
    )


def human_commit(repo: Path, path: str, text: str, message: str) -> str:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text)
    git(repo, "add", path)
    git(repo, "commit", "-q", "-m", message)
    return rev(repo, "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "infra"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    human_commit(path, "README.md", "# infra\n", "Initial commit")
    return path


def change(files: dict[str, str] | None = None, **overrides: object) -> ChangeSet:
    args: dict[str, object] = {
        "repo": "local/infra",
        "branch": BRANCH,
        "title": "Private S3 bucket: logs",
        "body": "## What\n\nA private bucket.\n",
        "files": files if files is not None else {"infra/logs/main.tf": MAIN_TF},
        "validation_passed": True,
    }
    args.update(overrides)
    return ChangeSet(**args)  # type: ignore[arg-type]


def commits_on_branch(repo: Path, branch: str = BRANCH, base: str = "main") -> list[str]:
    return git(repo, "rev-list", branch, "--not", base).split()


def test_is_a_pull_request_sink(repo: Path) -> None:
    sink = LocalGitPullRequestSink(repo)
    assert isinstance(sink, PullRequestSink)
    assert sink.name == "local-git"


def test_first_pull_request_creates_branch_without_touching_the_work_tree(repo: Path) -> None:
    before = state(repo)
    assert before[0] == ""
    main_tip = rev(repo, "main")

    ref = LocalGitPullRequestSink(repo).open_pull_request(change())

    assert isinstance(ref, PullRequestRef)
    assert ref.created is True
    assert ref.number == 1
    assert ref.branch == BRANCH
    assert ref.repo == "local/infra"
    assert ref.url == f"{repo.resolve().as_uri()}#{BRANCH}"
    assert ref.commit == rev(repo, BRANCH)
    assert git(repo, "show", f"{BRANCH}:infra/logs/main.tf") == MAIN_TF
    assert git(repo, "show", f"{BRANCH}:README.md") == "# infra\n"  # base tree kept
    assert rev(repo, f"{BRANCH}^") == main_tip
    assert git(repo, "log", "-1", "--format=%an <%ae>%n%s", BRANCH) == (
        "Palisade <palisade@localhost>\nPrivate S3 bucket: logs\n"
    )
    assert state(repo) == before
    assert rev(repo, "main") == main_tip
    assert not (repo / "infra").exists()

    pulls = json.loads((repo / ".git/palisade/pulls.json").read_text())
    assert pulls[BRANCH]["number"] == 1
    assert pulls[BRANCH]["title"] == "Private S3 bucket: logs"
    assert pulls[BRANCH]["state"] == "open"
    assert (repo / ".git/palisade/pulls/1.md").read_text() == "## What\n\nA private bucket.\n"


def test_dirty_work_tree_and_staged_changes_are_preserved(repo: Path) -> None:
    (repo / "README.md").write_text("# infra\n\nstaged edit\n")
    git(repo, "add", "README.md")
    (repo / "README.md").write_text("# infra\n\nstaged edit\nunstaged edit\n")
    (repo / "notes.txt").write_text("untracked\n")
    before = state(repo)

    LocalGitPullRequestSink(repo).open_pull_request(change())

    assert state(repo) == before
    assert (repo / "README.md").read_text() == "# infra\n\nstaged edit\nunstaged edit\n"
    assert git(repo, "show", f"{BRANCH}:README.md") == "# infra\n"  # committed base, not the index


def test_same_change_again_makes_no_new_commit(repo: Path) -> None:
    sink = LocalGitPullRequestSink(repo)
    first = sink.open_pull_request(change())
    again = sink.open_pull_request(change())
    assert again.created is False
    assert again.commit == first.commit
    assert again.number == first.number
    assert commits_on_branch(repo) == [first.commit]
    # a new sink object (a new process) agrees
    third = LocalGitPullRequestSink(repo).open_pull_request(change())
    assert (third.created, third.commit, third.number) == (False, first.commit, 1)


def test_changed_file_makes_one_fresh_commit_with_the_same_number(repo: Path) -> None:
    sink = LocalGitPullRequestSink(repo)
    first = sink.open_pull_request(change())
    updated = MAIN_TF.replace('"logs"', '"logs-v2"')
    second = sink.open_pull_request(change({"infra/logs/main.tf": updated}, body="v2"))
    assert second.created is False
    assert second.number == first.number
    assert second.commit != first.commit
    assert commits_on_branch(repo) == [second.commit]  # rebuilt, not stacked
    assert git(repo, "show", f"{BRANCH}:infra/logs/main.tf") == updated
    assert (repo / ".git/palisade/pulls/1.md").read_text() == "v2"


def test_moved_base_rebuilds_on_the_new_tip(repo: Path) -> None:
    sink = LocalGitPullRequestSink(repo)
    first = sink.open_pull_request(change())
    new_tip = human_commit(repo, "CODEOWNERS", "* @acme/platform\n", "Add owners")

    second = sink.open_pull_request(change())

    assert second.commit != first.commit
    assert second.created is False
    assert rev(repo, f"{BRANCH}^") == new_tip
    assert git(repo, "show", f"{BRANCH}:CODEOWNERS") == "* @acme/platform\n"
    assert git(repo, "show", f"{BRANCH}:infra/logs/main.tf") == MAIN_TF


def test_a_human_commit_on_the_branch_is_never_overwritten(repo: Path) -> None:
    sink = LocalGitPullRequestSink(repo)
    sink.open_pull_request(change())
    git(repo, "checkout", "-q", BRANCH)
    human_commit(repo, "infra/logs/extra.tf", "# mine\n", "Human fix")
    git(repo, "checkout", "-q", "main")
    tip = rev(repo, BRANCH)

    with pytest.raises(ScmError, match="human committed") as info:
        sink.open_pull_request(change({"infra/logs/main.tf": "# changed\n"}))

    assert BRANCH in str(info.value)
    assert "will not overwrite" in str(info.value)
    assert rev(repo, BRANCH) == tip


def test_different_branches_get_stable_consecutive_numbers(repo: Path) -> None:
    sink = LocalGitPullRequestSink(repo)
    a = sink.open_pull_request(change())
    b = sink.open_pull_request(change(branch="palisade/aws-s3-private-bucket/audit"))
    a_again = sink.open_pull_request(change({"infra/logs/main.tf": "# v2\n"}))
    assert (a.number, b.number, a_again.number) == (1, 2, 1)


def test_explicit_base_branch(repo: Path) -> None:
    git(repo, "branch", "develop")
    develop_tip = rev(repo, "develop")
    human_commit(repo, "main-only.txt", "x\n", "main moves on")
    ref = LocalGitPullRequestSink(repo, base_branch="develop").open_pull_request(change())
    assert rev(repo, f"{ref.branch}^") == develop_tip
    other = LocalGitPullRequestSink(repo).open_pull_request(
        change(branch="palisade/x/y", base="main")
    )
    assert rev(repo, f"{other.branch}^") == rev(repo, "main")


def test_a_change_already_in_the_base_opens_nothing(repo: Path) -> None:
    with pytest.raises(ScmError, match="would change nothing"):
        LocalGitPullRequestSink(repo).open_pull_request(change({"README.md": "# infra\n"}))
    assert git(repo, "for-each-ref", "refs/heads/palisade") == ""
    assert not (repo / ".git/palisade/pulls.json").exists()


def test_a_git_failure_is_an_scm_error_with_gits_message_and_writes_nothing(repo: Path) -> None:
    git(repo, "branch", "palisade")  # refs/heads/palisade blocks refs/heads/palisade/...
    with pytest.raises(ScmError, match="update-ref failed.*refs/heads/palisade"):
        LocalGitPullRequestSink(repo).open_pull_request(change())
    assert not (repo / ".git/palisade/pulls.json").exists()
    assert git(repo, "for-each-ref", "--format=%(refname)") == (
        "refs/heads/main\nrefs/heads/palisade\n"
    )


def test_missing_base_branch_is_an_scm_error(repo: Path) -> None:
    with pytest.raises(ScmError, match="release"):
        LocalGitPullRequestSink(repo, base_branch="release").open_pull_request(change())
    assert git(repo, "for-each-ref", "refs/heads/palisade") == ""


def test_invalid_branch_name_is_an_scm_error(repo: Path) -> None:
    with pytest.raises(ScmError, match="not a valid git branch name"):
        LocalGitPullRequestSink(repo).open_pull_request(change(branch="palisade/bad..name"))


@pytest.mark.parametrize("path", ["../escape.tf", "/etc/passwd", ".git/config", "a/../../b"])
def test_unsafe_paths_are_refused_before_any_ref_is_created(repo: Path, path: str) -> None:
    LocalGitPullRequestSink(repo)
    with pytest.raises(PolicyViolationError):
        change({path: "x"})
    assert git(repo, "for-each-ref", "refs/heads/palisade") == ""


def test_not_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(NotARepositoryError):
        LocalGitPullRequestSink(plain)
    with pytest.raises(NotARepositoryError):
        LocalGitPullRequestSink(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()
    file_path = tmp_path / "file.txt"
    file_path.write_text("x")
    with pytest.raises(NotARepositoryError):
        LocalGitPullRequestSink(file_path, create=True)


def test_a_folder_inside_a_repository_is_not_a_repository(repo: Path) -> None:
    (repo / "sub").mkdir()
    with pytest.raises(NotARepositoryError):
        LocalGitPullRequestSink(repo / "sub")


def test_create_makes_a_usable_repository(tmp_path: Path) -> None:
    path = tmp_path / "new" / "repo"
    sink = LocalGitPullRequestSink(path, create=True)
    assert git(path, "symbolic-ref", "HEAD") == "refs/heads/main\n"
    assert git(path, "status", "--porcelain") == ""
    assert git(path, "ls-tree", "--name-only", "main") == "README.md\n"
    ref = sink.open_pull_request(change())
    assert rev(path, f"{ref.branch}^") == rev(path, "main")
    # opening it again (without create) works too
    assert LocalGitPullRequestSink(path).open_pull_request(change()).created is False


def test_empty_repository_gets_a_parentless_commit(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    sink = LocalGitPullRequestSink(path)

    ref = sink.open_pull_request(change())

    assert ref.created is True
    assert git(path, "rev-list", "--parents", ref.branch).split() == [ref.commit]
    assert git(path, "ls-tree", "-r", "--name-only", ref.branch) == "infra/logs/main.tf\n"
    assert git(path, "rev-parse", "--verify", "-q", "HEAD", check=False) == ""  # still unborn
    again = sink.open_pull_request(change())
    assert (again.created, again.commit) == (False, ref.commit)


def test_inherited_git_environment_is_ignored(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    git(decoy, "init", "-q", "-b", "main")
    monkeypatch.setenv("GIT_DIR", str(decoy / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(decoy / ".git" / "index"))
    ref = LocalGitPullRequestSink(repo).open_pull_request(change())
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert rev(repo, BRANCH) == ref.commit
    assert git(decoy, "for-each-ref") == ""


def test_two_threads_opening_the_same_change_make_one_pull_request(repo: Path) -> None:
    barrier = threading.Barrier(2)
    refs: list[PullRequestRef] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            sink = LocalGitPullRequestSink(repo)
            barrier.wait(timeout=10)
            refs.append(sink.open_pull_request(change()))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(r.created for r in refs) == [False, True]
    assert {r.number for r in refs} == {1}
    assert {r.commit for r in refs} == {rev(repo, BRANCH)}
    assert commits_on_branch(repo) == [refs[0].commit]
    assert git(repo, "for-each-ref", "--format=%(refname)", "refs/heads/palisade") == (
        f"refs/heads/{BRANCH}\n"
    )
    pulls = json.loads((repo / ".git/palisade/pulls.json").read_text())
    assert list(pulls) == [BRANCH]
