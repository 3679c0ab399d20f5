"""Build a ChatEngine from Settings: the one place that picks implementations."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from palisade.blueprints import Catalog
from palisade.config import GuardSettings, ScannerConfig, Settings
from palisade.engine.chat import ChatEngine, SinkFactory
from palisade.errors import ConfigError
from palisade.guard.base import GuardLike, Stage
from palisade.guard.registry import build_guard, guard_from_settings
from palisade.guard.remote import RemoteGuard
from palisade.providers import OfflineProvider
from palisade.providers.base import Provider
from palisade.scm.base import PullRequestSink
from palisade.scm.local import LocalGitPullRequestSink
from palisade.storage import Store
from palisade.validators import validate_files

log = logging.getLogger(__name__)

_GITHUB_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def build_provider(settings: Settings, catalog: Catalog) -> Provider:
    name = settings.provider.resolved_name()
    if name == "offline":
        return OfflineProvider(catalog.summaries())
    message = (
        f"Provider {name!r} is configured but this version only ships the offline engine. "
        "Unset PALISADE_PROVIDER / OPENAI_API_KEY / AZURE_OPENAI_ENDPOINT to use it."
    )
    if settings.provider.fallback_to_offline:
        log.warning("%s Falling back to the offline engine.", message)
        return OfflineProvider(catalog.summaries())
    raise ConfigError(message)


def sink_factory(settings: Settings) -> SinkFactory:
    """Resolve ``--repo``: nothing → the local repository under the data dir; a path → local git."""

    def make(repo: str | None) -> PullRequestSink:
        target = repo or settings.repo
        if target is None:
            return LocalGitPullRequestSink(settings.default_repo_path, create=True)
        path = Path(target).expanduser()
        if _GITHUB_REPO.match(target) and not path.exists():
            raise ConfigError(
                f"{target!r} looks like a GitHub repository, and GitHub pull requests are not "
                "available in this version yet. Pass the path of a local git repository to --repo."
            )
        return LocalGitPullRequestSink(path, create=False, base_branch=settings.base_branch)

    return make


def _stage_guard(settings: GuardSettings, stage: Stage) -> GuardLike:
    """The in-process guard, or the LLM Guard API client when PALISADE_GUARD__BACKEND=llm-guard-api."""
    if settings.backend == "llm-guard-api":
        return RemoteGuard.from_settings(settings, stage)
    return guard_from_settings(settings, stage)


def build_engine(settings: Settings) -> ChatEngine:
    catalog = Catalog.load(settings.blueprints_dir)
    guard = settings.guard
    return ChatEngine(
        catalog=catalog,
        input_guard=_stage_guard(guard, "input"),
        output_guard=_stage_guard(guard, "output"),
        # Always local: files and PR text are checked for secrets here even with a remote guard.
        secrets_guard=build_guard(
            "output",
            [ScannerConfig(type="Secrets")],
            timeout_seconds=guard.scanner_timeout_seconds,
        ),
        provider=build_provider(settings, catalog),
        validate=validate_files,
        store=Store(settings.resolved_database_url),
        sink_factory=sink_factory(settings),
        max_message_chars=settings.max_message_chars,
        path_template=settings.pr_path_template,
    )
