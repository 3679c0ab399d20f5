"""Where Palisade may write, decided before any forge is contacted.

A pull request touches a repository other people depend on, so the rules are explicit and fail closed:

* an **allow-list** of repositories, each with optional path prefixes (``owner/name[:path-prefix]``,
  comma-separated, from ``PALISADE_ALLOWED_REPOS`` and/or a YAML file). No prefix means the whole
  repository. A repository that is not listed is refused.
* **protected paths** are never written unless a prefix names them explicitly: GitHub Actions workflows
  (``.github/workflows/``, they run code with the repository's secrets) and ``CODEOWNERS`` files in any
  location (they decide who must review). ``acme/infra:.github/workflows/`` or
  ``acme/infra:.github/CODEOWNERS`` is such an explicit grant; a bare ``acme/infra`` is not.
* **placement**: generated files land under the repository's first prefix. A proposal's paths come from
  ``PALISADE_PR_PATH_TEMPLATE`` (default ``palisade/{blueprint}/{name}``); when they are not already inside
  an allowed prefix, the first prefix is put in front (``terraform/`` + ``palisade/...`` →
  ``terraform/palisade/...``).

The policy also carries the per-user pull-request budget, whether validation exceptions are allowed and
Palisade's public address (for the link back from a pull request), so whoever builds a sink
(``engine.factory``) binds all of it in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from palisade.errors import ConfigError, PolicyViolationError
from palisade.files import check_relative_path

REPO_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
WORKFLOWS_DIR = ".github/workflows"
_FORMAT = "owner/name[:path-prefix], comma-separated, e.g. acme/infra:terraform/,acme/platform"


@dataclass(frozen=True, slots=True)
class RepositoryRule:
    """One allowed repository: the whole of it, or only under ``prefixes`` (relative paths).

    Prefixes also grant protected paths they name, even when the whole repository is allowed.
    """

    repo: str
    prefixes: tuple[str, ...] = ()
    whole: bool = False

    def contains(self, path: str) -> bool:
        return self.whole or any(_inside(path, prefix) for prefix in self.prefixes)

    @property
    def placement(self) -> str:
        """The prefix generated files go under ("" for the repository root)."""
        return "" if self.whole or not self.prefixes else self.prefixes[0]

    def grants(self, path: str) -> bool:
        """True when a prefix explicitly names this protected path (or the workflows directory)."""
        if is_workflow(path):
            return any(_inside(prefix, WORKFLOWS_DIR) for prefix in self.prefixes)
        return any(prefix == path for prefix in self.prefixes)


@dataclass(frozen=True, slots=True)
class AllowList:
    """Repositories Palisade may open pull requests in, keyed case-insensitively (as GitHub does)."""

    rules: Mapping[str, RepositoryRule] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str, *, source: str = "PALISADE_ALLOWED_REPOS") -> AllowList:
        return cls.from_entries((e for e in spec.split(",") if e.strip()), source=source)

    @classmethod
    def from_entries(cls, entries: Iterable[str], *, source: str) -> AllowList:
        prefixes: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        whole: set[str] = set()
        for raw in entries:
            repo, sep, prefix = raw.strip().partition(":")
            repo = repo.strip()
            if not REPO_NAME.match(repo) or repo.endswith((".", "/")) or ".." in repo:
                raise ConfigError(f"{source}: {raw.strip()!r} is not a repository. Use {_FORMAT}.")
            key = repo.lower()
            names.setdefault(key, repo)
            prefixes.setdefault(key, [])
            if not sep or not prefix.strip().strip("/"):
                whole.add(key)
                continue
            try:
                clean = check_relative_path(prefix.strip().strip("/"))
            except ValueError as exc:
                raise ConfigError(f"{source}: path prefix in {raw.strip()!r}: {exc}") from exc
            if clean not in prefixes[key]:
                prefixes[key].append(clean)
        rules = {
            key: RepositoryRule(names[key], tuple(prefixes[key]), whole=key in whole)
            for key in names
        }
        return cls(rules)

    @classmethod
    def from_file(cls, path: Path) -> AllowList:
        """Read a YAML allow-list::

        repositories:
          - acme/infra:terraform/          # the same strings as PALISADE_ALLOWED_REPOS
          - repo: acme/platform            # or a mapping with a list of path prefixes
            paths: [k8s/, terraform/]
        """
        source = str(path)
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"Cannot read the allow-list file {source}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"The allow-list file {source} is not valid YAML: {exc}") from exc
        items = data.get("repositories") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ConfigError(
                f"The allow-list file {source} needs a top-level 'repositories:' list "
                f"of {_FORMAT} strings or {{repo, paths}} mappings."
            )
        return cls.from_entries(_file_entries(items, source), source=source)

    def merged(self, other: AllowList) -> AllowList:
        entries = [_entry(rule) for rule in (*self.rules.values(), *other.rules.values())]
        return AllowList.from_entries((e for group in entries for e in group), source="allow-list")

    def rule_for(self, repo: str) -> RepositoryRule | None:
        return self.rules.get(repo.lower())

    @property
    def repos(self) -> list[str]:
        return sorted(rule.repo for rule in self.rules.values())

    def __bool__(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True, slots=True)
class PullRequestPolicy:
    """Everything a sink is bound to: where it may write, how often, and whether exceptions exist.

    ``allow_list`` None means "no allow-list" and is only used for local repositories the user
    named themselves: every path except the protected ones may be written.
    """

    allow_list: AllowList | None = None
    max_per_hour: int = 20
    allow_validation_exceptions: bool = False
    public_url: str | None = None  # where people open Palisade: PR bodies link back there

    def conversation_url(self, conversation_id: str) -> str | None:
        """The web chat's link to a conversation (``#c=<id>``), if Palisade's address is known."""
        if not self.public_url:
            return None
        return f"{self.public_url.rstrip('/')}/#c={conversation_id}"

    def rule_for(self, repo: str) -> RepositoryRule:
        if self.allow_list is None:
            return RepositoryRule(repo, whole=True)
        rule = self.allow_list.rule_for(repo)
        if rule is None:
            allowed = ", ".join(self.allow_list.repos) or "none"
            raise PolicyViolationError(
                f"{repo} is not in the allow-list of repositories Palisade may write to "
                f"(allowed: {allowed}). Pick an allowed repository, or add it to "
                f"PALISADE_ALLOWED_REPOS ({_FORMAT}) or the allow-list file."
            )
        return rule

    def place(self, repo: str, files: Mapping[str, str]) -> dict[str, str]:
        """The files at their paths in ``repo``: under its first prefix unless already inside one."""
        rule = self.rule_for(repo)
        placed = dict(files)
        head = rule.placement
        if head and not all(rule.contains(path) for path in files):
            placed = {f"{head}/{path}": text for path, text in files.items()}
        self.check(repo, placed)
        return placed

    def check(self, repo: str, paths: Iterable[str]) -> None:
        """Refuse (PolicyViolationError) any path the policy does not allow in ``repo``."""
        rule = self.rule_for(repo)
        problems: list[str] = []
        for path in sorted(paths):
            try:
                check_relative_path(path)
            except ValueError as exc:
                problems.append(str(exc))
                continue
            if not rule.contains(path):
                where = ", ".join(f"{p}/" for p in rule.prefixes)
                problems.append(
                    f"{path} is outside the paths allowed in {rule.repo} ({where}); "
                    "add a prefix for it to the allow-list or change PALISADE_PR_PATH_TEMPLATE"
                )
            elif (is_workflow(path) or is_codeowners(path)) and not rule.grants(path):
                what = "a GitHub Actions workflow" if is_workflow(path) else "a CODEOWNERS file"
                grant = f"{WORKFLOWS_DIR}/" if is_workflow(path) else path
                problems.append(
                    f"{path} is {what}, which Palisade never writes unless the allow-list names it "
                    f"explicitly (e.g. {rule.repo}:{grant})"
                )
        if problems:
            raise PolicyViolationError("No pull request was opened: " + "; ".join(problems) + ".")


def is_workflow(path: str) -> bool:
    return _inside(path.lower(), WORKFLOWS_DIR)


def is_codeowners(path: str) -> bool:
    return PurePosixPath(path).name.lower() == "codeowners"


def _inside(path: str, prefix: str) -> bool:
    prefix = prefix.rstrip("/")
    return not prefix or path == prefix or path.startswith(prefix + "/")


def _entry(rule: RepositoryRule) -> list[str]:
    return [f"{rule.repo}:{p}" for p in rule.prefixes] + ([rule.repo] if rule.whole else [])


def _file_entries(items: list[Any], source: str) -> list[str]:
    entries: list[str] = []
    for item in items:
        if isinstance(item, str):
            entries.append(item)
        elif isinstance(item, dict) and isinstance(item.get("repo"), str):
            paths = item.get("paths") or []
            if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                raise ConfigError(f"{source}: 'paths' of {item['repo']} must be a list of strings.")
            entries += [f"{item['repo']}:{p}" for p in paths] or [item["repo"]]
        else:
            raise ConfigError(f"{source}: {item!r} is not {_FORMAT} nor a {{repo, paths}} mapping.")
    return entries
