"""GitHubPullRequestSink against the loopback fake GitHub: real PyGithub, real retries, real git."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from palisade.errors import (
    BranchProtectionError,
    EmptyRepositoryError,
    ForeignCommitError,
    PolicyViolationError,
    RepositoryNotFoundError,
    ScmAuthError,
    ScmPermissionError,
)
from palisade.scm.base import PullRequestRef, PullRequestSink
from tests.scm.github.conftest import (
    BRANCH,
    FILES,
    MAIN_TF,
    REPO,
    change,
    clone,
    git,
    make_sink,
)
from tests.scm.github.fake_github import FakeGitHub

PATH = next(iter(FILES))


def branch_tip(fake: FakeGitHub, branch: str = BRANCH) -> str | None:
    from tests.scm.github.fake_github import _rev

    return _rev(fake.repos[REPO].path, f"refs/heads/{branch}")


def test_is_a_pull_request_sink(fake: FakeGitHub) -> None:
    sink = make_sink(fake)
    assert isinstance(sink, PullRequestSink)
    assert (sink.name, sink.repo) == ("github", REPO)
    assert fake.requests == []  # building a sink sends nothing


def test_new_pull_request_is_one_commit_on_the_base_tip(fake: FakeGitHub, tmp_path: Path) -> None:
    main_tip = git(fake.repos[REPO].path, "rev-parse", "main").strip()

    ref = make_sink(fake).open_pull_request(change())

    assert isinstance(ref, PullRequestRef)
    assert (ref.created, ref.number, ref.branch, ref.repo) == (True, 1, BRANCH, REPO)
    assert ref.url == f"{fake.url}/{REPO}/pull/1"
    assert ref.notes == ()
    # what a reviewer gets: a real clone over smart HTTP
    work = clone(fake, tmp_path / "review")
    assert git(work, "show", f"origin/{BRANCH}:{PATH}") == MAIN_TF
    assert git(work, "show", f"origin/{BRANCH}:README.md") == "# infra\n"  # base tree kept
    assert git(work, "rev-list", f"origin/{BRANCH}", "--not", "origin/main").split() == [ref.commit]
    assert git(work, "rev-parse", f"{ref.commit}^").strip() == main_tip
    message = git(work, "log", "-1", "--format=%B", ref.commit)
    assert message.startswith("Private S3 bucket: logs\n")
    assert f"Palisade-Branch: {BRANCH}" in message
    tree = git(work, "rev-parse", f"{ref.commit}^{{tree}}").strip()
    assert f"Palisade-Tree: {tree}" in message
    (pull,) = fake.pulls(REPO)
    assert pull["head"] == BRANCH and pull["base"] == "main" and pull["state"] == "open"
    assert pull["draft"] is True
    assert pull["labels"] == ["security", "palisade"]
    assert pull["reviewers"] == ["alice"]
    assert pull["title"] == "Private S3 bucket: logs"
    assert pull["body"].endswith(f"<!-- palisade:branch={BRANCH} -->\n")
    # one atomic commit through the Git Data API: never the Contents API
    assert fake.count("POST", r"/git/commits$") == 1
    assert fake.count("PUT", r"/contents/") == 0


def test_asking_again_updates_the_same_pull_request(fake: FakeGitHub) -> None:
    first = make_sink(fake).open_pull_request(change())
    again = make_sink(fake).open_pull_request(change())  # another sink: another conversation
    assert (again.created, again.number, again.commit) == (False, first.number, first.commit)
    assert fake.count("POST", r"/git/commits$") == 1  # nothing changed: no new commit
    assert fake.count("PATCH", r"/git/refs/") == 0
    assert len(fake.pulls(REPO)) == 1

    changed = {PATH: MAIN_TF.replace('"logs"', '"logs-v2"')}
    third = make_sink(fake).open_pull_request(change(changed, body="v2 body"))
    assert (third.created, third.number) == (False, first.number)
    assert third.commit != first.commit
    assert branch_tip(fake) == third.commit
    (pull,) = fake.pulls(REPO)
    assert pull["body"].startswith("v2 body")
    # the rebuilt commit sits on main directly: still exactly one commit in the PR
    base = fake.repos[REPO].path
    assert git(base, "rev-list", BRANCH, "--not", "main").split() == [third.commit]
    assert pull["labels"] == ["security", "palisade"]  # decorated once, on creation


def test_concurrent_double_confirm_opens_one_pull_request(fake: FakeGitHub) -> None:
    results: list[PullRequestRef | BaseException] = []

    def confirm() -> None:
        try:
            results.append(make_sink(fake).open_pull_request(change()))
        except BaseException as exc:  # collected and asserted below
            results.append(exc)

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(isinstance(r, PullRequestRef) for r in results), results
    refs = [r for r in results if isinstance(r, PullRequestRef)]
    assert sorted(r.created for r in refs) == [False, True]
    assert {r.number for r in refs} == {1}
    assert len(fake.pulls(REPO)) == 1
    assert fake.count("POST", r"/git/refs$") == 1


def test_lost_pull_request_race_updates_instead_of_duplicating(fake: FakeGitHub) -> None:
    fake.race_pull_creation(REPO)
    ref = make_sink(fake).open_pull_request(change(body="ours"))
    (pull,) = fake.pulls(REPO)
    assert ref.number == pull["number"] and ref.created is False
    assert pull["body"].startswith("ours")  # the winner's PR now carries our description
    assert fake.count("POST", r"/pulls$") == 1


def test_lost_branch_race_is_resolved_by_looking_again(fake: FakeGitHub) -> None:
    fake.race_ref_creation(REPO)
    ref = make_sink(fake).open_pull_request(change())
    assert branch_tip(fake) == ref.commit
    assert len(fake.pulls(REPO)) == 1 and ref.created is True
    assert fake.count("POST", r"/git/refs$") == 1


def test_moved_base_rebuilds_our_commit_on_the_new_tip(fake: FakeGitHub, tmp_path: Path) -> None:
    first = make_sink(fake).open_pull_request(change())
    new_main = fake.commit(REPO, "main", {"docs/new.md": "news\n"}, message="Someone merged")

    second = make_sink(fake).open_pull_request(change())

    assert second.created is False and second.commit != first.commit
    work = clone(fake, tmp_path / "review")
    assert git(work, "rev-parse", f"{second.commit}^").strip() == new_main
    assert git(work, "show", f"origin/{BRANCH}:docs/new.md") == "news\n"
    assert git(work, "show", f"origin/{BRANCH}:{PATH}") == MAIN_TF
    assert len(fake.pulls(REPO)) == 1


def test_a_human_commit_on_the_bot_branch_stops_the_update(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    make_sink(fake).open_pull_request(change())
    work = clone(fake, tmp_path / "human")
    git(work, "checkout", "--quiet", BRANCH)
    (work / "terraform" / "notes.md").write_text("reviewer fix\n")
    git(work, "add", "terraform/notes.md")
    git(work, "commit", "--quiet", "-m", "Reviewer fix")
    git(work, "push", "--quiet", "origin", BRANCH)  # a real push over smart HTTP
    human_tip = git(work, "rev-parse", "HEAD").strip()
    assert branch_tip(fake) == human_tip

    with pytest.raises(ForeignCommitError) as caught:
        make_sink(fake).open_pull_request(change({PATH: "# changed\n"}))

    assert caught.value.commit == human_tip and caught.value.branch == BRANCH
    assert "human@example.com" in str(caught.value) and "will not overwrite" in str(caught.value)
    assert branch_tip(fake) == human_tip  # nothing was force-pushed
    assert fake.count("PATCH", r"/git/refs/") == 0


def test_an_amended_bot_commit_counts_as_foreign(fake: FakeGitHub) -> None:
    first = make_sink(fake).open_pull_request(change())
    # Someone rewrites our commit's content but keeps its message (and its trailers).
    path = fake.repos[REPO].path
    message = git(path, "log", "-1", "--format=%B", first.commit)
    tree = git(path, "rev-parse", "main^{tree}").strip()
    forged = git(path, "commit-tree", tree, "-p", "main", "-m", message).strip()
    git(path, "update-ref", f"refs/heads/{BRANCH}", forged)
    with pytest.raises(ForeignCommitError):
        make_sink(fake).open_pull_request(change())


def test_bad_credentials_say_which_settings_to_check(fake: FakeGitHub) -> None:
    from pydantic import SecretStr

    with pytest.raises(ScmAuthError) as caught:
        make_sink(fake, token=SecretStr("ghp_wrong")).open_pull_request(change())
    assert caught.value.status_code == 401
    assert "GITHUB_TOKEN" in str(caught.value) and "PALISADE_GITHUB__APP_ID" in str(caught.value)
    assert "ghp_wrong" not in str(caught.value)


def test_missing_permission_is_named(tmp_path: Path) -> None:
    from tests.scm.github.conftest import TOKEN, serve

    no_pulls = {"contents": "write", "issues": "write", "metadata": "read"}
    for fake in serve(FakeGitHub(tmp_path / "forge", token=TOKEN, token_permissions=no_pulls)):
        with pytest.raises(ScmPermissionError) as caught:
            make_sink(fake).open_pull_request(change())
        assert caught.value.permission == "pull_requests" and caught.value.status_code == 403
        assert "'Pull requests: Read and write'" in str(caught.value)
        assert "token" in str(caught.value)


def test_unknown_repository_or_app_not_installed(fake: FakeGitHub) -> None:
    with pytest.raises(RepositoryNotFoundError) as caught:
        make_sink(fake, repo="acme/missing", allowed="acme/missing").open_pull_request(
            change(repo="acme/missing")
        )
    assert caught.value.repo == "acme/missing" and "install the GitHub App" in str(caught.value)


def test_empty_repository_is_refused_with_what_to_do(tmp_path: Path) -> None:
    from tests.scm.github.conftest import TOKEN, serve

    for fake in serve(FakeGitHub(tmp_path / "forge", token=TOKEN), repo=None):
        fake.create_repo(REPO, files={})
        with pytest.raises(EmptyRepositoryError) as caught:
            make_sink(fake).open_pull_request(change())
        assert "initial commit" in str(caught.value)
        assert fake.count("POST", r"/git/") == 0  # nothing was written


def test_branch_protection_is_reported(fake: FakeGitHub) -> None:
    fake.protect(REPO, "palisade/*")
    with pytest.raises(BranchProtectionError) as caught:
        make_sink(fake).open_pull_request(change())
    assert caught.value.branch == BRANCH and "palisade/*" in str(caught.value)
    assert branch_tip(fake) is None and fake.pulls(REPO) == []


def test_a_path_outside_the_allow_list_is_refused_before_any_request(fake: FakeGitHub) -> None:
    sink = make_sink(fake, allowed=f"{REPO}:terraform/")
    with pytest.raises(PolicyViolationError) as caught:
        sink.open_pull_request(change({"k8s/policy.yaml": "kind: NetworkPolicy\n"}))
    assert "k8s/policy.yaml is outside the paths allowed" in str(caught.value)
    assert fake.requests == []


@pytest.mark.parametrize(
    "path",
    [".github/workflows/deploy.yml", "CODEOWNERS", "terraform/CODEOWNERS", ".github/CODEOWNERS"],
)
def test_protected_paths_are_never_written_without_an_explicit_grant(
    fake: FakeGitHub, path: str
) -> None:
    with pytest.raises(PolicyViolationError) as caught:
        make_sink(fake, allowed=REPO).open_pull_request(change({path: "x: 1\n"}))
    assert "never writes" in str(caught.value)
    assert fake.requests == []


def test_an_explicit_grant_allows_a_workflow_and_asks_for_the_workflows_permission(
    fake: FakeGitHub,
) -> None:
    sink = make_sink(fake, allowed=f"{REPO},{REPO}:.github/workflows/")
    assert sink.permissions["workflows"] == "write"
    ref = sink.open_pull_request(change({".github/workflows/plan.yml": "on: pull_request\n"}))
    assert ref.created is True


def test_a_repository_outside_the_allow_list_is_refused(fake: FakeGitHub) -> None:
    with pytest.raises(PolicyViolationError) as caught:
        make_sink(fake, repo="acme/other", allowed=REPO)
    assert "acme/other is not in the allow-list" in str(caught.value)
    assert "PALISADE_ALLOWED_REPOS" in str(caught.value)
    assert fake.requests == []


def test_failed_validation_needs_the_exception_path(fake: FakeGitHub) -> None:
    with pytest.raises(PolicyViolationError):
        change(validation_passed=False)  # no justification: the change set itself refuses
    failed = change(validation_passed=False, validation_exception="Approved by CISO, INC-42")
    with pytest.raises(PolicyViolationError) as caught:
        make_sink(fake).open_pull_request(failed)
    assert "PALISADE_ALLOW_VALIDATION_EXCEPTIONS" in str(caught.value)
    assert fake.requests == []
    ref = make_sink(fake, allow_validation_exceptions=True).open_pull_request(failed)
    assert ref.created is True


def test_a_free_form_change_lands_on_its_custom_branch(fake: FakeGitHub) -> None:
    from palisade.engine.freeform import custom_name

    files = {"terraform/palisade/custom/x/main.tf": MAIN_TF}
    branch = f"palisade/custom/{custom_name('conversation-1', 'Tighten the audit bucket!')}"
    first = make_sink(fake).open_pull_request(change(files, branch=branch))
    again = make_sink(fake).open_pull_request(change(files, branch=branch))
    assert (first.created, again.created, again.number) == (True, False, first.number)
    assert fake.pulls(REPO)[0]["head"] == branch


def test_a_reviewer_who_cannot_review_is_a_note_not_a_failure(fake: FakeGitHub) -> None:
    ref = make_sink(fake, reviewers=["mallory"]).open_pull_request(change())
    assert ref.created is True
    (note,) = ref.notes
    assert note.startswith("Reviewers were not requested") and "collaborator" in note
    assert len(fake.pulls(REPO)) == 1


def test_draft_labels_and_team_reviewers_follow_the_settings(fake: FakeGitHub) -> None:
    make_sink(fake, draft=False, labels=["iac"], team_reviewers=["platform"]).open_pull_request(
        change()
    )
    (pull,) = fake.pulls(REPO)
    assert (pull["draft"], pull["labels"], pull["teams"]) == (False, ["iac"], ["platform"])
