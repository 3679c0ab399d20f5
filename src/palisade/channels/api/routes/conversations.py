"""A user's conversations: create, list and search, read with messages and proposals, delete.

Handlers are plain functions: FastAPI runs them in its thread pool, so database work never blocks
the event loop that streams other users' turns.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from palisade.channels.api.deps import Context, CurrentUser, own_conversation
from palisade.channels.api.schemas import (
    ID_PATTERN,
    ConversationDetail,
    ConversationList,
    ConversationSummary,
    CreateConversation,
    ErrorBody,
)
from palisade.engine.preview import ConversationRecord, MessageRecord, proposal_view

router = APIRouter(prefix="/api/v1/conversations", tags=["conversations"])

ConversationId = Annotated[str, Path(pattern=ID_PATTERN)]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or invalid token."},
    404: {"model": ErrorBody, "description": "No such conversation among yours."},
}
DEFAULT_TITLE = "New conversation"


def summary(record: ConversationRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.title,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def meta_kind(message: MessageRecord) -> str | None:
    """``stopped``, ``blocked`` or ``redacted`` for a message the UI shows differently; else None."""
    meta = message.meta or {}
    guard = meta.get("guard") or {}
    if meta.get("stopped"):
        return "stopped"
    if meta.get("blocked") or guard.get("blocked"):
        return "blocked"
    if guard and not guard.get("valid", True):
        return "redacted"
    return None


@router.post("", status_code=201, response_model=ConversationSummary, responses=_NOT_FOUND)
def create_conversation(
    principal: CurrentUser, context: Context, body: CreateConversation | None = None
) -> dict[str, Any]:
    """Start an empty conversation (sending a message without an id starts one too)."""
    title = " ".join((body.title if body and body.title else "").split())
    if title:
        # Titles are listed and searched: a credential typed into one is redacted like a message.
        title = context.engine.secrets_guard.scan(title).sanitized
    record = context.engine.store.create_conversation(principal.user, title or DEFAULT_TITLE)
    return summary(record)


@router.get("", response_model=ConversationList, responses=_NOT_FOUND)
def list_conversations(
    principal: CurrentUser,
    context: Context,
    q: Annotated[
        str | None,
        Query(max_length=200, pattern=r"^[^\x00]*$", description="Search titles and messages."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Your conversations, most recently active first."""
    store = context.engine.store
    search = q.strip() if q else None
    items = store.list_conversations(principal.user, search=search, limit=limit, offset=offset)
    total = store.count_conversations(principal.user, search=search)
    return {"items": [summary(c) for c in items], "total": total}


@router.get("/{conversation_id}", response_model=ConversationDetail, responses=_NOT_FOUND)
def get_conversation(
    conversation_id: ConversationId, principal: CurrentUser, context: Context
) -> dict[str, Any]:
    """One of your conversations: its messages (as stored: sanitized) and its proposals."""
    record = own_conversation(context, principal, conversation_id)
    store = context.engine.store
    messages = store.list_messages(conversation_id)
    proposals = store.list_proposals(conversation_id)
    pulls = store.pull_requests_for_proposals([p.id for p in proposals])
    return {
        **summary(record),
        "messages": [
            {
                "id": m.id,
                "role": m.role,
                "content": m.content,
                "created_at": m.created_at,
                "meta_kind": meta_kind(m),
            }
            for m in messages
        ],
        "proposals": [proposal_view(context.engine, p, pulls.get(p.id)) for p in proposals],
    }


@router.delete("/{conversation_id}", status_code=204, responses=_NOT_FOUND)
def delete_conversation(
    conversation_id: ConversationId, principal: CurrentUser, context: Context
) -> Response:
    """Delete one of your conversations with its messages and proposals (the audit log keeps a note)."""
    own_conversation(context, principal, conversation_id)
    store = context.engine.store
    if store.delete_conversation(conversation_id, principal.user):
        store.add_audit_event("conversation.deleted", principal.user, conversation_id, {})
    context.engine.vaults.forget(conversation_id)  # its personal data goes with it
    return Response(status_code=204)
