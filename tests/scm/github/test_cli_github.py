"""End to end: the installed ``palisade`` command opening a pull request on the fake GitHub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import S3_REQUEST, run_cli
from tests.scm.github.conftest import REPO, TOKEN, clone, git
from tests.scm.github.fake_github import FakeGitHub

BRANCH = "palisade/aws-s3-private-bucket/acme-audit-logs"
MAIN_TF = f"terraform/{BRANCH}/main.tf"


@pytest.mark.slow
def test_ask_open_pr_on_github_twice_updates_one_pull_request(
    fake: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
    monkeypatch.setenv("PALISADE_ALLOWED_REPOS", f"{REPO}:terraform/,acme/platform")
    monkeypatch.setenv("PALISADE_GITHUB__SECONDS_BETWEEN_WRITES", "0")
    monkeypatch.setenv("PALISADE_GITHUB__LABELS", "security,palisade,iac")

    first = run_cli("ask", S3_REQUEST, "--open-pr", "--repo", REPO, "--json")
    assert first.returncode == 0, first.stderr + first.stdout
    pr = json.loads(first.stdout)["pull_request"]
    assert pr == {
        "url": f"{fake.url}/{REPO}/pull/1",
        "branch": BRANCH,
        "number": 1,
        "created": True,
        "notes": [],
    }
    work = clone(fake, tmp_path / "review")
    assert '"acme-audit-logs"' in git(work, "show", f"origin/{BRANCH}:{MAIN_TF}")
    (pull,) = fake.pulls(REPO)
    assert pull["labels"] == ["security", "palisade", "iac"] and pull["draft"] is True

    second = run_cli("ask", S3_REQUEST, "--open-pr", "--repo", REPO, "--json")
    assert second.returncode == 0, second.stderr + second.stdout
    again = json.loads(second.stdout)["pull_request"]
    assert (again["number"], again["created"]) == (1, False)
    assert len(fake.pulls(REPO)) == 1
