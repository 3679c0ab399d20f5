"""Request and response bodies of the HTTP API (what /openapi.json documents).

Field names are the contract shared with the web UI (docs/api.md); add fields, never rename them.
The turn itself (``POST /api/v1/messages`` and the ``done`` event) is the ``--json`` contract of the
CLI, documented in the README, so it is described here as a free-form object.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

Role = Literal["requester", "approver", "admin"]

# Ids are 32 hex characters; anything outside this shape cannot exist, so it is refused early.
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
MAX_ROW_ID = 2**31 - 1  # integer ids are 32-bit on PostgreSQL


def _no_nul(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# ------------------------------------------------------------------------------------- requests
class SendMessage(BaseModel):
    text: str = Field(description="What you need, in plain words.")
    conversation_id: str | None = Field(
        default=None, pattern=ID_PATTERN, description="Continue this conversation."
    )

    check_text = field_validator("text")(_no_nul)


class ConfirmProposal(BaseModel):
    repo: str | None = Field(
        default=None,
        max_length=200,
        # Over HTTP only an OWNER/NAME (checked against the allow-list) may be named: a file-system path
        # would let a caller write into any git repository the server can reach. Paths are a CLI feature.
        pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*/[A-Za-z0-9_-][A-Za-z0-9_.-]*$",
        description="A GitHub repository OWNER/NAME from the allow-list (optional; default: the "
        "configured repository). Local paths are not accepted over HTTP.",
    )
    exception: str | None = Field(
        default=None,
        max_length=2000,
        description="An approver's written justification for opening a proposal whose checks "
        "failed (only when PALISADE_ALLOW_VALIDATION_EXCEPTIONS is on).",
    )

    check_repo = field_validator("repo")(_no_nul)
    check_exception = field_validator("exception")(_no_nul)


class CreateConversation(BaseModel):
    title: str | None = Field(default=None, max_length=200, description="Shown in the history.")

    check_title = field_validator("title")(_no_nul)


class CreateFeedback(BaseModel):
    conversation_id: str = Field(pattern=ID_PATTERN)
    message_id: int | None = Field(
        default=None, ge=1, le=MAX_ROW_ID, description="The rated reply (optional)."
    )
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)

    check_comment = field_validator("comment")(_no_nul)


# ------------------------------------------------------------------------------------ responses
class ErrorDetail(BaseModel):
    kind: str
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class ReadinessCheck(BaseModel):
    ok: bool
    detail: str


class Readiness(BaseModel):
    status: Literal["ready", "not ready"]
    checks: dict[str, ReadinessCheck]


class Me(BaseModel):
    user: str
    role: Role
    auth: Literal["token", "local"]


class ConversationSummary(BaseModel):
    id: str
    title: str
    created_at: datetime
    updated_at: datetime


class ConversationList(BaseModel):
    items: list[ConversationSummary]
    total: int


class MessageOut(BaseModel):
    id: int
    role: str
    content: str
    created_at: datetime
    meta_kind: Literal["stopped", "blocked", "redacted"] | None = Field(
        default=None, description="Why this message is special; null for an ordinary one."
    )


class PullRequestOut(BaseModel):
    repo: str
    branch: str
    url: str
    number: int | None
    commit: str
    state: str
    created: bool
    created_at: datetime
    updated_at: datetime


class ProposalOut(BaseModel):
    id: int
    conversation_id: str
    blueprint: str
    params: dict[str, Any]
    files: dict[str, str] = Field(description="Repository path → content.")
    ready: bool
    branch: str | None
    validation: dict[str, Any] = Field(description="ValidationReport.to_dict(), as in a turn.")
    pull_request: PullRequestOut | None
    created_at: datetime


class ProposalDetail(ProposalOut):
    current_files: dict[str, str | None] = Field(
        description="Each file's content on the base branch of the target repository; null: new."
    )
    current_files_repo: str | None = Field(
        description="Where current_files were read; null when they could not be (all read as new)."
    )


class ConversationDetail(ConversationSummary):
    messages: list[MessageOut]
    proposals: list[ProposalOut]


class Confirmed(BaseModel):
    pull_request: dict[str, Any]


class FeedbackCreated(BaseModel):
    id: int


class AuditItem(BaseModel):
    id: int
    kind: str
    actor: str
    conversation_id: str | None
    data: dict[str, Any]
    created_at: datetime


class AuditList(BaseModel):
    items: list[AuditItem]
