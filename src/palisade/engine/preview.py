"""Stored proposals as channels show them, with the files they would change on the base branch.

Channels never touch the store or a pull-request sink directly; this module turns stored rows into
the API's Proposal shape and asks the configured sink for each file's current content so a UI can
show a diff before the user confirms anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from palisade.blueprints import resource_name
from palisade.engine.chat import ChatEngine
from palisade.engine.freeform import CUSTOM_BLUEPRINT
from palisade.errors import PalisadeError
from palisade.storage import (
    AuditEventRecord,
    ConversationRecord,
    MessageRecord,
    ProposalRecord,
    PullRequestRecord,
)

# The record types are re-exported for channels, which never import the store themselves.
__all__ = [
    "AuditEventRecord",
    "ConversationRecord",
    "MessageRecord",
    "ProposalRecord",
    "PullRequestRecord",
    "current_files",
    "proposal_branch",
    "proposal_view",
    "pull_request_view",
]

log = logging.getLogger(__name__)


def proposal_branch(engine: ChatEngine, record: ProposalRecord) -> str | None:
    """``palisade/<blueprint>/<name>``, or None when the blueprint is no longer in the catalog."""
    if record.blueprint == CUSTOM_BLUEPRINT:  # free-form Terraform: the name is stored with it
        name = str(record.params.get("name") or "")
        return f"palisade/{CUSTOM_BLUEPRINT}/{name}" if name else None
    try:
        bp = engine.catalog.get(record.blueprint)
        return f"palisade/{bp.id}/{resource_name(bp, record.params)}"
    except PalisadeError:
        return None


def pull_request_view(pr: PullRequestRecord) -> dict[str, Any]:
    return {
        "repo": pr.repo,
        "branch": pr.branch,
        "url": pr.url,
        "number": pr.number,
        "commit": pr.commit,
        "state": pr.state,
        "created": pr.update_count == 0,
        "created_at": pr.created_at.isoformat(),
        "updated_at": pr.updated_at.isoformat(),
    }


def proposal_view(
    engine: ChatEngine, record: ProposalRecord, pull_request: PullRequestRecord | None
) -> dict[str, Any]:
    """The API's Proposal: the stored files and validation, and its pull request if one was opened."""
    return {
        "id": record.id,
        "conversation_id": record.conversation_id,
        "blueprint": record.blueprint,
        "params": record.params,
        "files": record.files,
        "ready": record.ready,
        "branch": proposal_branch(engine, record),
        "validation": record.validation,
        "pull_request": pull_request_view(pull_request) if pull_request is not None else None,
        "created_at": record.created_at.isoformat(),
    }


def current_files(
    engine: ChatEngine, paths: Iterable[str]
) -> tuple[dict[str, str | None], str | None]:
    """Each path's content on the default repository's base branch (None: the file is new there).

    Returns ``(files, repo)``; ``repo`` is None when the sink cannot read files or the repository
    is unusable, and then every file reads as None. Blocking (runs git): call it in a thread.
    """
    wanted = list(paths)
    try:
        sink = engine.default_sink()
    except PalisadeError as exc:
        log.warning("cannot open the repository to read current files: %s", exc)
        return dict.fromkeys(wanted), None
    reader = getattr(sink, "read_file", None)
    if reader is None:
        return dict.fromkeys(wanted), None
    found: dict[str, str | None] = {}
    try:
        for path in wanted:
            content = reader(path)
            found[path] = content if isinstance(content, str) else None
    except PalisadeError as exc:
        log.warning("cannot read current files from %s: %s", sink.repo, exc)
        return dict.fromkeys(wanted), None
    return found, sink.repo
