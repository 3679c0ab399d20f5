"""Plain, immutable rows handed out by :class:`palisade.storage.Store` (never live ORM objects)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

GuardStage = Literal["input", "output"]


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    id: str
    user: str
    title: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MessageRecord:
    id: int
    conversation_id: str
    role: str
    content: str
    meta: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class GuardDecisionRecord:
    id: int
    conversation_id: str | None
    stage: str
    valid: bool
    blocked: bool
    scores: dict[str, Any]
    summary: list[str]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    id: int
    conversation_id: str
    blueprint: str
    params: dict[str, Any]
    files: dict[str, str]
    validation: dict[str, Any]
    ready: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PullRequestRecord:
    id: int
    repo: str
    branch: str
    url: str
    number: int | None
    title: str
    body: str
    commit: str
    proposal_id: int | None
    state: str
    created_at: datetime
    updated_at: datetime
    update_count: int


@dataclass(frozen=True, slots=True)
class AuditEventRecord:
    id: int
    ts: datetime
    kind: str
    actor: str
    conversation_id: str | None
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    name: str
    role: str  # "requester" | "approver" | "admin"
    created_at: datetime
    active_tokens: int = 0


@dataclass(frozen=True, slots=True)
class ApiTokenRecord:
    """An API token as stored: its SHA-256 and a short display prefix, never the token itself."""

    id: int
    user: str
    token_hash: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    id: int
    conversation_id: str
    message_id: int | None
    user: str
    rating: str  # "up" | "down"
    comment: str
    created_at: datetime


# ------------------------------------------------------------------ rows to write in one transaction


@dataclass(frozen=True, slots=True)
class NewMessage:
    role: str
    content: str
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NewGuardDecision:
    stage: str  # GuardStage
    valid: bool
    blocked: bool
    scores: Mapping[str, Any]
    summary: Sequence[str]


@dataclass(frozen=True, slots=True)
class NewProposal:
    blueprint: str
    params: Mapping[str, Any]
    files: Mapping[str, str]
    validation: Mapping[str, Any]
    ready: bool
