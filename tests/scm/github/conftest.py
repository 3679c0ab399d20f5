"""Fixtures: a fresh loopback fake GitHub per test, settings pointing at it, and git helpers."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from palisade.config import GitHubSettings
from palisade.scm.base import ChangeSet
from palisade.scm.github import GitHubPullRequestSink
from palisade.scm.policy import AllowList, PullRequestPolicy
from tests.helpers import LiveServer
from tests.scm.github.fake_github import FakeGitHub

TOKEN = "ghp_fake_dev_token"
REPO = "acme/infra"
BRANCH = "palisade/aws-s3-private-bucket/logs"
MAIN_TF = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
FILES = {"terraform/palisade/aws-s3-private-bucket/logs/main.tf": MAIN_TF}


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeGitHub]:
    yield from serve(FakeGitHub(tmp_path / "forge", token=TOKEN))


def serve(fake: FakeGitHub, *, repo: str | None = REPO) -> Iterator[FakeGitHub]:
    with LiveServer(fake.app) as server:
        fake.url = server.url
        if repo is not None:
            fake.create_repo(repo)
        yield fake


def github_settings(fake: FakeGitHub, **overrides: Any) -> GitHubSettings:
    """Real retry machinery, tiny waits: the tests stay fast and every wait stays bounded."""
    values: dict[str, Any] = {
        "api_url": fake.api_url,
        "token": SecretStr(TOKEN),
        "max_retries": 3,
        "backoff_factor": 0.01,
        "secondary_rate_wait_seconds": 0.05,
        "max_rate_limit_wait_seconds": 5,
        "seconds_between_writes": 0,
        "timeout_seconds": 10,
        "reviewers": ["alice"],
    }
    values.update(overrides)
    return GitHubSettings(**values)


def make_sink(
    fake: FakeGitHub, *, allowed: str = f"{REPO}:terraform/", repo: str = REPO, **overrides: Any
) -> GitHubPullRequestSink:
    policy_args = {k: overrides.pop(k) for k in ("allow_validation_exceptions",) if k in overrides}
    policy = PullRequestPolicy(allow_list=AllowList.parse(allowed), **policy_args)
    return GitHubPullRequestSink(repo, github_settings(fake, **overrides), policy=policy)


def change(files: dict[str, str] | None = None, **overrides: Any) -> ChangeSet:
    args: dict[str, Any] = {
        "repo": REPO,
        "branch": BRANCH,
        "title": "Private S3 bucket: logs",
        "body": "## Private S3 bucket\n\nA private bucket.\n",
        "files": FILES if files is None else files,
        "validation_passed": True,
    }
    args.update(overrides)
    return ChangeSet(**args)


def git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_AUTHOR_NAME": "Human",
            "GIT_AUTHOR_EMAIL": "human@example.com",
            "GIT_COMMITTER_NAME": "Human",
            "GIT_COMMITTER_EMAIL": "human@example.com",
            "GIT_TERMINAL_PROMPT": "0",
        }
    )
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def clone(fake: FakeGitHub, dest: Path, repo: str = REPO) -> Path:
    """A real clone over the fake's smart HTTP: what a reviewer would check out."""
    git(dest.parent, "clone", "--quiet", "--no-single-branch", f"{fake.url}/{repo}.git", str(dest))
    return dest
