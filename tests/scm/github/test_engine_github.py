"""The engine's confirmation against the fake GitHub: policy, secrets, validation, limits, audit trail.

The engine is built the way the CLI and API build it (``build_engine(settings)``); proposals are stored
directly (rendered from a real blueprint) so each test exercises ``confirm`` and nothing slower.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from palisade.blueprints import Catalog, render_blueprint
from palisade.config import Settings, load_settings
from palisade.engine import build_engine
from palisade.engine.chat import ChatEngine
from palisade.errors import (
    ConfigError,
    PolicyViolationError,
    PullRequestLimitError,
    ScmAuthError,
)
from tests.scm.github.conftest import REPO, github_settings
from tests.scm.github.fake_github import FakeGitHub

BLUEPRINT = "aws-s3-private-bucket"
PARAMS = {"bucket_name": "acme-audit-logs"}
PASSED = {"passed": True, "failed": [], "passed_count": 12, "skipped": []}
FAILED = {
    "passed": False,
    "failed": [
        {
            "check_id": "CKV_AWS_145",
            "resource": "aws_s3_bucket.this",
            "file": "main.tf",
            "message": "Ensure that S3 buckets are encrypted with KMS by default",
        }
    ],
    "passed_count": 11,
    "skipped": [],
}
ASKED = "I need a private S3 bucket called acme-audit-logs"
LEAK = "AKIA" + "QWERTYUIOPASDFGH"  # an AWS access key id shape the secrets scanner knows


def settings_for(fake: FakeGitHub, **overrides: Any) -> Settings:
    secrets_only = [{"type": "Secrets"}]  # confirm never runs the chat guards; keep them light
    values: dict[str, Any] = {
        "guard": {"input_scanners": secrets_only, "output_scanners": secrets_only},
        "github": github_settings(fake, reviewers=[]),
        "allowed_repos": f"{REPO}:terraform/",
        "public_url": "https://palisade.acme.test",
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture
def engine(fake: FakeGitHub) -> Iterator[ChatEngine]:
    built = build_engine(settings_for(fake))
    yield built
    built.store.close()


def proposal(
    engine: ChatEngine,
    *,
    user: str = "local",
    files: dict[str, str] | None = None,
    validation: dict[str, Any] | None = None,
) -> int:
    store = engine.store
    conversation = store.create_conversation(user, ASKED)
    store.add_message(conversation.id, "user", ASKED)
    if files is None:
        bp = Catalog.load().get(BLUEPRINT)
        rendered = render_blueprint(bp, PARAMS)
        files = {f"palisade/{BLUEPRINT}/acme-audit-logs/{p}": t for p, t in rendered.items()}
    ready = (validation or PASSED)["passed"]
    record = store.save_proposal(
        conversation.id, BLUEPRINT, PARAMS, files, validation or PASSED, ready
    )
    return record.id


def kinds(engine: ChatEngine) -> list[str]:
    return [e.kind for e in reversed(engine.store.list_audit_events()) if "pull_request" in e.kind]


def test_confirm_opens_the_pull_request_under_the_allowed_prefix(
    engine: ChatEngine, fake: FakeGitHub
) -> None:
    ref = asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    assert ref.created is True and ref.url == f"{fake.url}/{REPO}/pull/1"
    tree = fake.repos[REPO].path
    from tests.scm.github.conftest import git

    paths = git(tree, "ls-tree", "-r", "--name-only", ref.branch).split()
    assert f"terraform/palisade/{BLUEPRINT}/acme-audit-logs/main.tf" in paths
    (pull,) = fake.pulls(REPO)
    assert pull["title"] == "Private S3 bucket: acme-audit-logs"
    body = pull["body"]
    assert "**local** asked for **Private S3 bucket**" in body
    assert "https://palisade.acme.test/#c=" in body
    assert f"`terraform/palisade/{BLUEPRINT}/acme-audit-logs/main.tf`" in body
    assert "✅ No check failed: 12 passed, 0 skipped." in body
    assert body.endswith(f"<!-- palisade:branch=palisade/{BLUEPRINT}/acme-audit-logs -->\n")

    again = asyncio.run(engine.confirm(proposal(engine), repo=REPO))  # another conversation
    assert (again.created, again.number) == (False, ref.number)
    assert len(fake.pulls(REPO)) == 1
    assert kinds(engine) == ["pull_request.opened", "pull_request.updated"]


def test_a_secret_in_a_file_is_refused_before_anything_is_sent(
    engine: ChatEngine, fake: FakeGitHub
) -> None:
    leaky = {f"terraform/x/{BLUEPRINT}/main.tf": f'access_key = "{LEAK}"\n'}
    with pytest.raises(PolicyViolationError, match="secret"):
        asyncio.run(engine.confirm(proposal(engine, files=leaky), repo=REPO))
    assert fake.requests == []
    assert kinds(engine) == ["pull_request.refused"]
    (event,) = engine.store.list_audit_events(kind="pull_request.refused")
    assert LEAK not in str(event.data)  # the audit log names the file, never the secret


def test_a_failed_proposal_needs_an_allowed_and_justified_exception(fake: FakeGitHub) -> None:
    engine = build_engine(settings_for(fake))
    pid = proposal(engine, validation=FAILED)
    with pytest.raises(PolicyViolationError, match="failed validation"):
        asyncio.run(engine.confirm(pid, repo=REPO))
    with pytest.raises(PolicyViolationError, match="PALISADE_ALLOW_VALIDATION_EXCEPTIONS"):
        asyncio.run(engine.confirm(pid, repo=REPO, exception="Accepted risk, ticket SEC-1234"))
    assert fake.requests == []
    engine.store.close()

    engine = build_engine(settings_for(fake, allow_validation_exceptions=True))
    with pytest.raises(PolicyViolationError, match="at least 20 characters"):
        asyncio.run(engine.confirm(pid, repo=REPO, exception="ok"))
    ref = asyncio.run(
        engine.confirm(pid, repo=REPO, exception="Accepted risk until KMS rollout, SEC-1234")
    )
    assert ref.created is True
    body = fake.pulls(REPO)[0]["body"]
    assert "❌ 1 failed, 11 passed, 0 skipped." in body
    assert "`CKV_AWS_145`" in body
    assert "**Opened with a validation exception** approved by **local**" in body
    assert "Accepted risk until KMS rollout, SEC-1234" in body
    (opened,) = engine.store.list_audit_events(kind="pull_request.opened")
    assert opened.data["validation_exception"] == {
        "approver": "local",
        "justification": "Accepted risk until KMS rollout, SEC-1234",
        "failed": ["CKV_AWS_145"],
    }
    engine.store.close()


def test_the_per_user_hourly_limit_refuses_and_is_audited(fake: FakeGitHub) -> None:
    engine = build_engine(settings_for(fake, max_pull_requests_per_hour=2))
    asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    sent = len(fake.requests)
    with pytest.raises(PullRequestLimitError) as caught:
        asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    assert caught.value.limit == 2 and "PALISADE_MAX_PULL_REQUESTS_PER_HOUR" in str(caught.value)
    assert len(fake.requests) == sent
    # another user has their own budget
    asyncio.run(engine.confirm(proposal(engine, user="bob"), user="bob", repo=REPO))
    assert kinds(engine) == [
        "pull_request.opened",
        "pull_request.updated",
        "pull_request.refused",
        "pull_request.updated",
    ]
    engine.store.close()


def test_a_repository_outside_the_allow_list_is_refused(
    engine: ChatEngine, fake: FakeGitHub
) -> None:
    with pytest.raises(PolicyViolationError, match="acme/other is not in the allow-list"):
        asyncio.run(engine.confirm(proposal(engine), repo="acme/other"))
    assert fake.requests == [] and kinds(engine) == ["pull_request.refused"]


def test_github_without_an_allow_list_says_how_to_configure_it(fake: FakeGitHub) -> None:
    engine = build_engine(settings_for(fake, allowed_repos=None))
    with pytest.raises(ConfigError) as caught:
        asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    assert 'PALISADE_ALLOWED_REPOS="acme/infra:terraform/"' in str(caught.value)
    assert fake.requests == [] and kinds(engine) == ["pull_request.refused"]
    engine.store.close()


def test_without_credentials_the_message_names_the_variables(fake: FakeGitHub) -> None:
    engine = build_engine(settings_for(fake, github=github_settings(fake, token=None)))
    with pytest.raises(ConfigError) as caught:
        asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    assert "GITHUB_TOKEN" in str(caught.value) and "PALISADE_GITHUB__APP_ID" in str(caught.value)
    engine.store.close()


def test_a_forge_failure_is_audited_as_failed(fake: FakeGitHub) -> None:
    from pydantic import SecretStr

    settings = settings_for(fake, github=github_settings(fake, token=SecretStr("ghp_revoked")))
    engine = build_engine(settings)
    with pytest.raises(ScmAuthError):
        asyncio.run(engine.confirm(proposal(engine), repo=REPO))
    (event,) = engine.store.list_audit_events(kind="pull_request.failed")
    assert event.data["kind"] == "ScmAuthError" and event.data["repo"] == REPO
    engine.store.close()


def test_a_broken_allow_list_stops_startup(fake: FakeGitHub, tmp_path: Any) -> None:
    with pytest.raises(ConfigError, match="is not a repository"):
        build_engine(settings_for(fake, allowed_repos="acme"))
    bad = tmp_path / "allowed.yaml"
    bad.write_text("repositories: acme/infra\n")
    with pytest.raises(ConfigError, match="repositories"):
        build_engine(settings_for(fake, allowed_repos_file=bad))
