"""Who am I, feedback on answers, and (for admins) the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from palisade.channels.api.deps import Context, CurrentUser, own_conversation, require_role
from palisade.channels.api.errors import ApiError
from palisade.channels.api.schemas import AuditList, CreateFeedback, ErrorBody, FeedbackCreated, Me
from palisade.engine.accounts import Principal

router = APIRouter(prefix="/api/v1")

_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or invalid token."}
}


@router.get("/me", response_model=Me, tags=["users"], responses=_AUTH)
def me(principal: CurrentUser) -> dict[str, str]:
    """The caller's user name, role, and how they were recognised (a token, or local development)."""
    return {"user": principal.user, "role": principal.role, "auth": principal.auth}


@router.post(
    "/feedback",
    status_code=201,
    response_model=FeedbackCreated,
    tags=["feedback"],
    responses={**_AUTH, 404: {"model": ErrorBody, "description": "Not your conversation."}},
)
def create_feedback(
    body: CreateFeedback, principal: CurrentUser, context: Context
) -> dict[str, int]:
    """Rate a conversation or one of its replies, 👍 or 👎, with an optional comment."""
    own_conversation(context, principal, body.conversation_id)
    store = context.engine.store
    if body.message_id is not None:
        message = store.get_message(body.message_id)
        if message is None or message.conversation_id != body.conversation_id:
            raise ApiError(
                404,
                "NotFound",
                f"No message {body.message_id} in conversation {body.conversation_id!r}. "
                "Send the id of a message from GET /api/v1/conversations/{id}, or leave it out.",
            )
    comment = (body.comment or "").strip()
    if comment:
        comment = context.engine.secrets_guard.scan(comment).sanitized  # never store a credential
    record = store.add_feedback(
        body.conversation_id, principal.user, body.rating, comment, message_id=body.message_id
    )
    return {"id": record.id}


@router.get(
    "/audit",
    response_model=AuditList,
    tags=["audit"],
    responses={**_AUTH, 403: {"model": ErrorBody, "description": "Admins only."}},
)
def audit(
    principal: Annotated[Principal, Depends(require_role("admin"))],
    context: Context,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    kind: Annotated[
        str | None,
        Query(max_length=100, pattern=r"^[A-Za-z0-9._-]*$", description="e.g. guard.decision"),
    ] = None,
) -> dict[str, Any]:
    """The newest audit events: guard decisions, pull requests, users and tokens, feedback, deletions."""
    events = context.engine.store.list_audit_events(limit, kind=kind or None)
    return {
        "items": [
            {
                "id": e.id,
                "kind": e.kind,
                "actor": e.actor,
                "conversation_id": e.conversation_id,
                "data": e.data,
                "created_at": e.ts,
            }
            for e in events
        ]
    }
