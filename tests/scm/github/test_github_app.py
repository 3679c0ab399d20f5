"""GitHub App installation auth: a real JWT, a least-privilege installation token, the bot as author."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr

from palisade.config import GitHubSettings
from palisade.errors import ConfigError, ScmPermissionError
from palisade.scm.github import GitHubPullRequestSink, app_permissions
from palisade.scm.policy import AllowList, PullRequestPolicy
from tests.scm.github.conftest import REPO, change, git, github_settings, serve
from tests.scm.github.fake_github import FakeGitHub

APP_ID = 31337
INSTALLATION = 4242


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def app_fake(tmp_path: Path, public: str, **kwargs: object) -> Iterator[FakeGitHub]:
    fake = FakeGitHub(
        tmp_path / "forge",
        app_id=APP_ID,
        app_public_key=public,
        installation_id=INSTALLATION,
        **kwargs,  # type: ignore[arg-type]
    )
    return serve(fake)


def app_settings(fake: FakeGitHub, key_path: Path, **overrides: object) -> GitHubSettings:
    values: dict[str, object] = {
        "token": None,
        "app_id": APP_ID,
        "app_private_key_path": key_path,
        "installation_id": INSTALLATION,
    }
    return github_settings(fake, **(values | overrides))


def sink(settings: GitHubSettings) -> GitHubPullRequestSink:
    policy = PullRequestPolicy(allow_list=AllowList.parse(f"{REPO}:terraform/"))
    return GitHubPullRequestSink(REPO, settings, policy=policy)


def test_the_app_asks_only_for_the_permissions_it_needs(
    tmp_path: Path, keys: tuple[str, str]
) -> None:
    private, public = keys
    key_path = tmp_path / "app.pem"
    key_path.write_text(private)
    for fake in app_fake(tmp_path, public):
        ref = sink(app_settings(fake, key_path)).open_pull_request(change())
        assert ref.created is True
        assert fake.token_requests == [
            {"contents": "write", "pull_requests": "write", "issues": "write"}
        ]
        path = fake.repos[REPO].path
        assert git(path, "log", "-1", "--format=%an", ref.commit).strip() == "palisade[bot]"
        (pull,) = fake.pulls(REPO)
        assert pull["user"] == "palisade[bot]" and pull["labels"] == ["security", "palisade"]


def test_without_labels_the_issues_permission_is_not_requested(
    tmp_path: Path, keys: tuple[str, str]
) -> None:
    private, public = keys
    for fake in app_fake(tmp_path, public):
        settings = app_settings(
            fake, tmp_path / "unused.pem", labels=[], app_private_key=SecretStr(private)
        )
        assert app_permissions(labels=False) == {"contents": "write", "pull_requests": "write"}
        sink(settings).open_pull_request(change())
        assert fake.token_requests == [{"contents": "write", "pull_requests": "write"}]
        assert fake.pulls(REPO)[0]["labels"] == []


def test_an_installation_without_a_requested_permission_is_explained(
    tmp_path: Path, keys: tuple[str, str]
) -> None:
    private, public = keys
    granted = {"contents": "write", "pull_requests": "write", "metadata": "read"}  # no issues
    for fake in app_fake(tmp_path, public, installation_permissions=granted):
        settings = app_settings(fake, tmp_path / "x.pem", app_private_key=SecretStr(private))
        with pytest.raises(ScmPermissionError) as caught:
            sink(settings).open_pull_request(change())
        assert "issues" in caught.value.permission
        assert "PALISADE_GITHUB__LABELS=[]" in str(caught.value)
        assert fake.pulls(REPO) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"installation_id": None}, "PALISADE_GITHUB__INSTALLATION_ID"),
        ({"app_private_key_path": None}, "PALISADE_GITHUB__APP_PRIVATE_KEY_PATH"),
        ({"app_private_key_path": Path("/nonexistent/app.pem")}, "Cannot read"),
    ],
    ids=["no-installation", "no-key", "unreadable-key"],
)
def test_incomplete_app_settings_name_the_missing_variable(
    fake: FakeGitHub, tmp_path: Path, overrides: dict[str, object], expected: str
) -> None:
    settings = app_settings(fake, tmp_path / "x.pem", **overrides)
    with pytest.raises(ConfigError) as caught:
        sink(settings).open_pull_request(change())
    assert expected in str(caught.value)
    assert fake.requests == []


def test_a_key_that_is_not_pem_is_refused(fake: FakeGitHub, tmp_path: Path) -> None:
    settings = app_settings(fake, tmp_path / "x.pem", app_private_key=SecretStr("not a key"))
    with pytest.raises(ConfigError, match="not a PEM key"):
        sink(settings).open_pull_request(change())
