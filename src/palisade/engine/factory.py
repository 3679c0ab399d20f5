"""Build a ChatEngine from Settings: the one place that picks implementations."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from palisade.blueprints import Catalog
from palisade.config import GuardSettings, ScannerConfig, Settings
from palisade.engine.chat import ChatEngine, SinkFactory
from palisade.engine.tools import MODEL_TOOLS
from palisade.engine.validation_cache import CachedValidator, Validate
from palisade.engine.vaults import VaultStore
from palisade.errors import ConfigError
from palisade.guard.base import GuardLike, Stage
from palisade.guard.registry import build_guard, guard_from_settings
from palisade.guard.remote import RemoteGuard
from palisade.providers import (
    AzureOpenAIProvider,
    ChatCompletionsProvider,
    CircuitBreaker,
    OfflineProvider,
    OpenAICompatibleProvider,
    OpenAIProvider,
    ResilientProvider,
    RetryPolicy,
)
from palisade.providers.base import GenerationOptions, Provider
from palisade.scm.base import PullRequestSink
from palisade.scm.github import GitHubPullRequestSink
from palisade.scm.local import LocalGitPullRequestSink
from palisade.scm.policy import AllowList, PullRequestPolicy
from palisade.storage import Store
from palisade.validators import validate_files

log = logging.getLogger(__name__)

_GITHUB_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


_CHAT_COMPLETIONS: dict[str, type[ChatCompletionsProvider]] = {
    "openai": OpenAIProvider,
    "azure-openai": AzureOpenAIProvider,
    "openai-compatible": OpenAICompatibleProvider,
}


def provider_choice(settings: Settings) -> str:
    """Why this provider: named by PALISADE_PROVIDER, or inferred from which variables are set."""
    cfg = settings.provider
    name = cfg.resolved_name()
    if cfg.name:
        return f"{name} (PALISADE_PROVIDER)"
    reason = {
        "azure-openai": "an Azure OpenAI endpoint is set (AZURE_OPENAI_ENDPOINT / AZURE_OAI_ENDPOINT)",
        "openai-compatible": "a base URL is set (OPENAI_BASE_URL)",
        "openai": "an API key is set (OPENAI_API_KEY)",
        "offline": "no model is configured",
    }[name]
    return f"{name} (inferred: {reason})"


def build_model_provider(
    settings: Settings, *, http_client: httpx.AsyncClient | None = None
) -> ChatCompletionsProvider:
    """The configured chat-completions provider alone, without retries (``palisade doctor`` uses it)."""
    name = settings.provider.resolved_name()
    if name not in _CHAT_COMPLETIONS:
        raise ConfigError(f"{name!r} is not a language-model provider.")
    provider = _CHAT_COMPLETIONS[name](settings.provider, http_client=http_client)
    provider.check_settings()
    return provider


def build_provider(
    settings: Settings, catalog: Catalog, *, http_client: httpx.AsyncClient | None = None
) -> Provider:
    """The configured provider with retries and a circuit breaker, or the offline engine.

    Settings a call would trip over (no key, no model, a key over plain http) stop here with a
    ``ConfigError`` naming the variable: a misconfiguration is not an outage, so it never falls back.
    """
    cfg = settings.provider
    if cfg.resolved_name() == "offline":
        log.info("provider: offline engine (%s)", provider_choice(settings))
        return OfflineProvider(catalog.summaries())
    inner = build_model_provider(settings, http_client=http_client)
    log.info("provider: %s — %s", provider_choice(settings), inner.describe())
    return ResilientProvider(
        inner,
        retry=RetryPolicy(
            max_retries=cfg.max_retries,
            backoff_seconds=cfg.backoff_seconds,
            max_retry_wait_seconds=cfg.max_retry_wait_seconds,
        ),
        breaker=CircuitBreaker(cfg.circuit_failures, cfg.circuit_open_seconds),
    )


def repo_root(settings: Settings) -> Path | None:
    """The one repository ``read_repo_file`` may read: PALISADE_REPO when it is a local path, else the
    default local repository. A GitHub ``OWNER/NAME`` has no local copy to read."""
    if settings.repo is None:
        return settings.default_repo_path
    path = Path(settings.repo).expanduser()
    if _GITHUB_REPO.match(settings.repo) and not path.exists():
        return None
    return path


def engine_model_options(
    settings: Settings, catalog: Catalog, provider: Provider
) -> dict[str, Any]:
    """The ChatEngine arguments that depend on the provider: tools, fallback, limits, pricing."""
    cfg = settings.provider
    if isinstance(provider, OfflineProvider):
        return {}
    inner = provider.inner if isinstance(provider, ResilientProvider) else provider
    model = inner.model if isinstance(inner, ChatCompletionsProvider) else cfg.model
    return {
        "fallback": OfflineProvider(catalog.summaries()) if cfg.fallback_to_offline else None,
        "tools": MODEL_TOOLS,
        "options": GenerationOptions(temperature=cfg.temperature, max_tokens=cfg.max_output_tokens),
        "max_tool_rounds": settings.max_tool_rounds,
        "repair_rounds": settings.repair_rounds,
        "repo_root": repo_root(settings),
        "model_name": model,
        "prices": cfg.prices,
    }


def sink_factory(settings: Settings) -> SinkFactory:
    """Resolve ``--repo`` to a sink bound to the pull-request policy.

    Nothing → ``PALISADE_REPO`` or the local repository under the data dir; ``OWNER/NAME`` that is not
    an existing path → GitHub (needs credentials and an allow-list entry); a path → local git. A broken
    allow-list (bad entry, unreadable file) stops here, at startup, never silently allowing anything.
    """
    allow_list = _allow_list(settings)
    local_policy = PullRequestPolicy(
        allow_list=None,  # a local repository is one the user named themselves
        max_per_hour=settings.max_pull_requests_per_hour,
        allow_validation_exceptions=settings.allow_validation_exceptions,
        public_url=settings.public_url,
    )
    github_policy = replace(local_policy, allow_list=allow_list)

    def make(repo: str | None) -> PullRequestSink:
        target = repo or settings.repo
        if target is None:
            return LocalGitPullRequestSink(
                settings.default_repo_path,
                create=True,
                policy=local_policy,
                push_remote=settings.local_push_remote,
            )
        path = Path(target).expanduser()
        if _GITHUB_REPO.match(target) and not path.exists():
            return _github_sink(settings, target, github_policy)
        return LocalGitPullRequestSink(
            path,
            create=False,
            base_branch=settings.base_branch,
            policy=local_policy,
            push_remote=settings.local_push_remote,
        )

    return make


def _github_sink(settings: Settings, repo: str, policy: PullRequestPolicy) -> PullRequestSink:
    if not settings.github.configured:
        raise ConfigError(
            f"{repo!r} is a GitHub repository, but no GitHub credentials are set. Set GITHUB_TOKEN "
            "(a fine-grained token with Contents and Pull requests: Read and write) or a GitHub App "
            "(PALISADE_GITHUB__APP_ID, PALISADE_GITHUB__APP_PRIVATE_KEY_PATH, "
            "PALISADE_GITHUB__INSTALLATION_ID); for GitHub Enterprise Server also GITHUB_API_URL. "
            "Or pass the path of a local git repository to --repo. See docs/github.md."
        )
    if not policy.allow_list:
        raise ConfigError(
            "GitHub is configured but no repository is allowed, so no pull request was opened. "
            f'Set PALISADE_ALLOWED_REPOS, e.g. PALISADE_ALLOWED_REPOS="{repo}:terraform/" '
            "(owner/name[:path-prefix], comma-separated), or PALISADE_ALLOWED_REPOS_FILE. "
            "See docs/github.md."
        )
    return GitHubPullRequestSink(
        repo, settings.github, policy=policy, base_branch=settings.base_branch
    )


def _allow_list(settings: Settings) -> AllowList:
    allowed = AllowList()
    if settings.allowed_repos:
        allowed = AllowList.parse(settings.allowed_repos)
    if settings.allowed_repos_file is not None:
        allowed = allowed.merged(AllowList.from_file(settings.allowed_repos_file))
    return allowed


def _stage_guard(settings: GuardSettings, stage: Stage, validate: Validate) -> GuardLike:
    """The in-process guard, or the LLM Guard API client when PALISADE_GUARD__BACKEND=llm-guard-api."""
    if settings.backend == "llm-guard-api":
        return RemoteGuard.from_settings(settings, stage)
    return guard_from_settings(settings, stage, iac_validate=validate)


def stage_guard(settings: Settings, stage: Stage) -> GuardLike:
    """One stage's guard as ``build_engine`` makes it (for ``palisade doctor``)."""
    return _stage_guard(settings.guard, stage, validate_files)


def build_engine(settings: Settings, *, allow_local_repo_paths: bool = True) -> ChatEngine:
    """The engine ``settings`` describe. ``allow_local_repo_paths`` (on for the CLI, where the user names
    their own checkout) lets a confirmation name a local git repository by path; a service reachable by
    others (the HTTP API) turns it off, leaving only ``OWNER/NAME`` on the allow-list."""
    catalog = Catalog.load(settings.blueprints_dir)
    guard = settings.guard
    provider = build_provider(settings, catalog)
    validate = CachedValidator(validate_files)  # one per engine: repeats skip Checkov
    return ChatEngine(
        catalog=catalog,
        input_guard=_stage_guard(guard, "input", validate),
        output_guard=_stage_guard(guard, "output", validate),
        # Always local: files and PR text are checked for secrets here even with a remote guard.
        secrets_guard=build_guard(
            "output",
            [ScannerConfig(type="Secrets")],
            timeout_seconds=guard.scanner_timeout_seconds,
        ),
        provider=provider,
        validate=validate,
        store=Store(settings.resolved_database_url),
        sink_factory=sink_factory(settings),
        max_message_chars=settings.max_message_chars,
        path_template=settings.pr_path_template,
        allow_local_repo_paths=allow_local_repo_paths,
        vaults=VaultStore(
            max_conversations=guard.vault_max_conversations,
            ttl_seconds=guard.vault_ttl_seconds,
            max_entries=guard.vault_max_entries,
        ),
        parallel_detection=guard.parallel_detection,
        restore_personal_data=guard.restore_personal_data,
        **engine_model_options(settings, catalog, provider),
    )
