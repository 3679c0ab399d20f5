"""The allow-list, placement under prefixes and protected paths (pure policy, no server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from palisade.errors import ConfigError, PolicyViolationError
from palisade.scm.policy import AllowList, PullRequestPolicy, RepositoryRule

FILES = {"palisade/aws-kms-key/app/main.tf": "x", "palisade/aws-kms-key/app/versions.tf": "y"}


def policy(spec: str) -> PullRequestPolicy:
    return PullRequestPolicy(allow_list=AllowList.parse(spec))


def test_entries_parse_into_rules_with_prefixes() -> None:
    allowed = AllowList.parse(" acme/infra:terraform/ , acme/infra:/k8s ,Acme/Platform,")
    assert allowed.repos == ["Acme/Platform", "acme/infra"]
    assert allowed.rule_for("ACME/INFRA") == RepositoryRule("acme/infra", ("terraform", "k8s"))
    assert allowed.rule_for("acme/platform") == RepositoryRule("Acme/Platform", (), whole=True)
    assert allowed.rule_for("acme/other") is None


@pytest.mark.parametrize(
    "spec",
    ["acme", "acme/infra/extra", "acme/in fra", "acme/infra:../etc", "acme/infra:.git/hooks", "/x"],
    ids=["no-name", "three-parts", "space", "dotdot", "git-dir", "no-owner"],
)
def test_malformed_entries_are_refused_with_the_format(spec: str) -> None:
    with pytest.raises(ConfigError) as caught:
        AllowList.parse(spec)
    assert "PALISADE_ALLOWED_REPOS" in str(caught.value)


def test_files_go_under_the_first_prefix_unless_already_inside_one() -> None:
    assert policy("acme/infra:terraform/,acme/infra:k8s/").place("acme/infra", FILES) == {
        f"terraform/{p}": t for p, t in FILES.items()
    }
    inside = {f"k8s/{p}": t for p, t in FILES.items()}
    assert policy("acme/infra:terraform/,acme/infra:k8s/").place("acme/infra", inside) == inside
    assert policy("acme/infra").place("acme/infra", FILES) == FILES  # whole repository: as is


def test_paths_outside_every_prefix_are_refused_and_named() -> None:
    with pytest.raises(PolicyViolationError) as caught:
        policy("acme/infra:terraform/").check("acme/infra", ["terraform/a.tf", "terraformx/b.tf"])
    assert "terraformx/b.tf is outside" in str(caught.value)
    assert "terraform/a.tf is outside" not in str(caught.value)


@pytest.mark.parametrize(
    ("spec", "path", "allowed"),
    [
        ("acme/infra", ".github/workflows/ci.yml", False),
        ("acme/infra:.github/", ".github/workflows/ci.yml", False),
        ("acme/infra,acme/infra:.github/workflows/", ".github/workflows/ci.yml", True),
        ("acme/infra:.github/workflows", ".github/workflows/ci.yml", True),
        ("acme/infra", ".GitHub/Workflows/ci.yml", False),
        ("acme/infra", "CODEOWNERS", False),
        ("acme/infra", "docs/CODEOWNERS", False),
        ("acme/infra:.github/CODEOWNERS", ".github/CODEOWNERS", True),
        ("acme/infra:.github/CODEOWNERS", "CODEOWNERS", False),
        ("acme/infra", ".github/dependabot.yml", True),
    ],
)
def test_protected_paths_need_an_explicit_grant(spec: str, path: str, allowed: bool) -> None:
    if allowed:
        policy(spec).check("acme/infra", [path])
    else:
        with pytest.raises(PolicyViolationError, match="never writes|outside"):
            policy(spec).check("acme/infra", [path])


def test_without_an_allow_list_only_protected_paths_are_refused() -> None:
    local = PullRequestPolicy()
    local.check("/tmp/repo", ["anything/main.tf"])
    with pytest.raises(PolicyViolationError):
        local.check("/tmp/repo", [".github/workflows/x.yml"])


def test_the_allow_list_file_takes_strings_and_mappings(tmp_path: Path) -> None:
    path = tmp_path / "allowed.yaml"
    path.write_text(
        "repositories:\n"
        "  - acme/infra:terraform/\n"
        "  - repo: acme/platform\n"
        "    paths: [k8s/, terraform/]\n"
        "  - repo: acme/docs\n"
    )
    allowed = AllowList.from_file(path).merged(AllowList.parse("acme/infra:modules/"))
    assert allowed.rule_for("acme/infra") == RepositoryRule("acme/infra", ("terraform", "modules"))
    assert allowed.rule_for("acme/platform") == RepositoryRule(
        "acme/platform", ("k8s", "terraform")
    )
    assert allowed.rule_for("acme/docs") == RepositoryRule("acme/docs", (), whole=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("repositories: acme/infra\n", "'repositories:' list"),
        ("repositories: [{repo: acme/infra, paths: terraform}]\n", "must be a list"),
        ("repositories: [42]\n", "is not owner/name"),
        ("repositories: [\n", "not valid YAML"),
    ],
    ids=["not-a-list", "paths-not-a-list", "number", "broken-yaml"],
)
def test_a_broken_allow_list_file_is_explained(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "allowed.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        AllowList.from_file(path)


def test_the_conversation_link_needs_a_public_url() -> None:
    assert PullRequestPolicy().conversation_url("abc") is None
    linked = PullRequestPolicy(public_url="https://palisade.acme.test/")
    assert linked.conversation_url("abc") == "https://palisade.acme.test/#c=abc"
