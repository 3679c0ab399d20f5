"""Plain, immutable rows handed out by :class:`palisade.storage.Store` (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
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
