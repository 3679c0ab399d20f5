"""Palisade's database: typed ORM rows (private here) and :class:`Store`, the only way in.

Every ``Store`` method is one transaction with its own session; it returns frozen records from
:mod:`palisade.storage.records`, and any database failure is re-raised as :class:`StorageError`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    exists,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool
from sqlalchemy.types import TypeDecorator

from palisade.errors import StorageError
from palisade.storage.migrations import migrate
from palisade.storage.records import (
    AuditEventRecord,
    ConversationRecord,
    GuardDecisionRecord,
    MessageRecord,
    ProposalRecord,
    PullRequestRecord,
)

_JSON = JSON().with_variant(JSONB(), "postgresql")
_GUARD_STAGES = ("input", "output")
_SUPPORTED_URLS = (
    "sqlite:///path/to/palisade.db or postgresql+psycopg://user:password@host:5432/dbname"
)


def _now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite stores naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use datetime.now(UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(32))
    content: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(_JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GuardDecision(Base):
    __tablename__ = "guard_decisions"
    __table_args__ = (
        CheckConstraint("stage IN ('input', 'output')", name="ck_guard_decisions_stage"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    stage: Mapped[str] = mapped_column(String(16))
    valid: Mapped[bool] = mapped_column(Boolean)
    blocked: Mapped[bool] = mapped_column(Boolean)
    scores: Mapped[dict[str, Any]] = mapped_column(_JSON)
    summary: Mapped[list[str]] = mapped_column(_JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Proposal(Base):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    blueprint: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]] = mapped_column(_JSON)
    files: Mapped[dict[str, str]] = mapped_column(_JSON)
    validation: Mapped[dict[str, Any]] = mapped_column(_JSON)
    ready: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PullRequest(Base):
    __tablename__ = "pull_requests"
    __table_args__ = (UniqueConstraint("repo", "branch", name="uq_pull_requests_repo_branch"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    repo: Mapped[str] = mapped_column(String(500))
    branch: Mapped[str] = mapped_column(String(255))
    url: Mapped[str] = mapped_column(Text)
    number: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    commit: Mapped[str] = mapped_column("commit_sha", String(64))
    proposal_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("proposals.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    update_count: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ts: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(100), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    # No foreign key on purpose: the audit trail outlives deleted conversations.
    conversation_id: Mapped[str | None] = mapped_column(String(32), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(_JSON)


# ----------------------------------------------------------------------------------------- records


def _conversation(row: Conversation) -> ConversationRecord:
    return ConversationRecord(
        id=row.id,
        user=row.user,
        title=row.title,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _message(row: Message) -> MessageRecord:
    return MessageRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        role=row.role,
        content=row.content,
        meta=dict(row.meta or {}),
        created_at=row.created_at,
    )


def _guard_decision(row: GuardDecision) -> GuardDecisionRecord:
    return GuardDecisionRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        stage=row.stage,
        valid=row.valid,
        blocked=row.blocked,
        scores=dict(row.scores or {}),
        summary=list(row.summary or []),
        created_at=row.created_at,
    )


def _proposal(row: Proposal) -> ProposalRecord:
    return ProposalRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        blueprint=row.blueprint,
        params=dict(row.params or {}),
        files=dict(row.files or {}),
        validation=dict(row.validation or {}),
        ready=row.ready,
        created_at=row.created_at,
    )


def _pull_request(row: PullRequest) -> PullRequestRecord:
    return PullRequestRecord(
        id=row.id,
        repo=row.repo,
        branch=row.branch,
        url=row.url,
        number=row.number,
        title=row.title,
        body=row.body,
        commit=row.commit,
        proposal_id=row.proposal_id,
        state=row.state,
        created_at=row.created_at,
        updated_at=row.updated_at,
        update_count=row.update_count,
    )


def _audit_event(row: AuditEvent) -> AuditEventRecord:
    return AuditEventRecord(
        id=row.id,
        ts=row.ts,
        kind=row.kind,
        actor=row.actor,
        conversation_id=row.conversation_id,
        data=dict(row.data or {}),
    )


# ------------------------------------------------------------------------------------------ engine


def _describe(exc: SQLAlchemyError) -> str:
    """The driver's message, without the SQL and its parameters (they may hold user content)."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return f"{type(exc.orig).__name__}: {str(exc.orig).strip()}"
    return f"{type(exc).__name__}: {exc}"


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StorageError(f"Invalid database URL {url!r}: use {_SUPPORTED_URLS}.") from exc
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        return parsed.set(drivername="sqlite+pysqlite")
    if parsed.drivername in ("postgresql", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    shown = parsed.render_as_string(hide_password=True)
    raise StorageError(f"Unsupported database URL {shown!r}: use {_SUPPORTED_URLS}.")


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        path = Path(database).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Cannot create the directory for the database {path}: {exc}"
            ) from exc
        url = url.set(database=str(path))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        poolclass=StaticPool if in_memory else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let the "begin" event below issue BEGIN itself (the pysqlite recipe), so that writes
        # take the write lock up front and never fail on a read→write lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("palisade_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _make_engine(url: str) -> Engine:
    parsed = _parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _json(value: Any, what: str) -> Any:
    """A JSON round trip: what the database will hold, identical on every backend (tuples become
    lists, keys become strings); anything that cannot be stored is refused before the transaction."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise StorageError(f"Cannot store {what}: it is not JSON-serialisable ({exc}).") from exc


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise StorageError(f"limit must be at least 1, got {limit}.")


# ------------------------------------------------------------------------------------------- store


class Store:
    """Conversations, messages, guard decisions, proposals, pull requests and the audit trail."""

    def __init__(self, url: str) -> None:
        self._engine = _make_engine(url)
        self._write_engine = self._engine.execution_options(palisade_write=True)
        self._closed = False
        self.url = self._engine.url.render_as_string(hide_password=True)
        try:
            with self._write_engine.begin() as conn:
                self.applied_migrations = migrate(conn)
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise StorageError(f"Could not open the database {self.url}: {_describe(exc)}") from exc
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _session(self, action: str, *, write: bool = True) -> Iterator[Session]:
        if self._closed:
            raise StorageError("The store is closed.")
        session = Session(self._write_engine if write else self._engine, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StorageError(f"Could not {action}: {_describe(exc)}") from exc
        finally:
            session.close()

    @staticmethod
    def _audit(
        session: Session,
        kind: str,
        actor: str,
        conversation_id: str | None,
        data: Mapping[str, Any] | None,
    ) -> AuditEvent:
        event_row = AuditEvent(
            ts=_now(),
            kind=kind,
            actor=actor,
            conversation_id=conversation_id,
            data=_json(dict(data or {}), "the audit event data"),
        )
        session.add(event_row)
        session.flush()
        return event_row

    # -- conversations ------------------------------------------------------------------------

    def create_conversation(self, user: str, title: str) -> ConversationRecord:
        now = _now()
        row = Conversation(
            id=uuid.uuid4().hex, user=user, title=title, created_at=now, updated_at=now
        )
        with self._session("create the conversation") as s:
            s.add(row)
            s.flush()
            return _conversation(row)

    def get_conversation(self, conversation_id: str) -> ConversationRecord | None:
        with self._session("read the conversation", write=False) as s:
            row = s.get(Conversation, conversation_id)
            return _conversation(row) if row is not None else None

    def list_conversations(
        self, user: str, search: str | None = None, limit: int = 50
    ) -> list[ConversationRecord]:
        """The user's conversations, most recently active first.

        ``search`` (case-insensitive substring) matches the title or any message.
        """
        _check_limit(limit)
        query = select(Conversation).where(Conversation.user == user)
        if search:
            pattern = _like_pattern(search)
            in_messages = exists().where(
                Message.conversation_id == Conversation.id,
                Message.content.ilike(pattern, escape="\\"),
            )
            query = query.where(or_(Conversation.title.ilike(pattern, escape="\\"), in_messages))
        query = query.order_by(Conversation.updated_at.desc(), Conversation.id).limit(limit)
        with self._session("list conversations", write=False) as s:
            return [_conversation(row) for row in s.scalars(query)]

    def delete_conversation(self, conversation_id: str, user: str) -> bool:
        """Delete the conversation with its messages and proposals, only if ``user`` owns it."""
        with self._session("delete the conversation") as s:
            row = s.get(Conversation, conversation_id)
            if row is None or row.user != user:
                return False
            s.delete(row)
            return True

    # -- messages -----------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: str,
        role: str,
        content: str,
        meta: Mapping[str, Any] | None = None,
    ) -> MessageRecord:
        with self._session("add the message") as s:
            conversation = s.get(Conversation, conversation_id)
            if conversation is None:
                raise StorageError(f"Conversation {conversation_id!r} does not exist.")
            now = _now()
            row = Message(
                conversation_id=conversation_id,
                role=role,
                content=content,
                meta=_json(dict(meta or {}), "the message metadata"),
                created_at=now,
            )
            s.add(row)
            conversation.updated_at = now
            s.flush()
            return _message(row)

    def list_messages(self, conversation_id: str) -> list[MessageRecord]:
        query = (
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        )
        with self._session("list messages", write=False) as s:
            return [_message(row) for row in s.scalars(query)]

    # -- guard decisions ----------------------------------------------------------------------

    def record_guard_decision(
        self,
        conversation_id: str | None,
        stage: str,
        *,
        valid: bool,
        blocked: bool,
        scores: Mapping[str, Any],
        summary: Sequence[str],
        actor: str,
    ) -> int:
        """Store one guard verdict and its ``guard.decision`` audit event; return its id."""
        if stage not in _GUARD_STAGES:
            raise StorageError(f"Guard stage must be 'input' or 'output', got {stage!r}.")
        with self._session("record the guard decision") as s:
            row = GuardDecision(
                conversation_id=conversation_id,
                stage=stage,
                valid=valid,
                blocked=blocked,
                scores=_json(dict(scores), "the guard scores"),
                summary=_json(list(summary), "the guard summary"),
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            self._audit(
                s,
                "guard.decision",
                actor,
                conversation_id,
                {
                    "decision_id": row.id,
                    "stage": stage,
                    "valid": valid,
                    "blocked": blocked,
                    "summary": list(summary),
                },
            )
            return row.id

    def list_guard_decisions(
        self, conversation_id: str | None = None, limit: int = 100
    ) -> list[GuardDecisionRecord]:
        """Newest first; all conversations when ``conversation_id`` is None."""
        _check_limit(limit)
        query = select(GuardDecision)
        if conversation_id is not None:
            query = query.where(GuardDecision.conversation_id == conversation_id)
        query = query.order_by(GuardDecision.id.desc()).limit(limit)
        with self._session("list guard decisions", write=False) as s:
            return [_guard_decision(row) for row in s.scalars(query)]

    # -- proposals ----------------------------------------------------------------------------

    def save_proposal(
        self,
        conversation_id: str,
        blueprint: str,
        params: Mapping[str, Any],
        files: Mapping[str, str],
        validation: Mapping[str, Any],
        ready: bool,
    ) -> ProposalRecord:
        with self._session("save the proposal") as s:
            if s.get(Conversation, conversation_id) is None:
                raise StorageError(f"Conversation {conversation_id!r} does not exist.")
            row = Proposal(
                conversation_id=conversation_id,
                blueprint=blueprint,
                params=_json(dict(params), "the proposal parameters"),
                files=_json(dict(files), "the proposal files"),
                validation=_json(dict(validation), "the validation results"),
                ready=ready,
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            return _proposal(row)

    def get_proposal(self, proposal_id: int) -> ProposalRecord | None:
        with self._session("read the proposal", write=False) as s:
            row = s.get(Proposal, proposal_id)
            return _proposal(row) if row is not None else None

    def latest_proposal(self, conversation_id: str) -> ProposalRecord | None:
        query = (
            select(Proposal)
            .where(Proposal.conversation_id == conversation_id)
            .order_by(Proposal.id.desc())
            .limit(1)
        )
        with self._session("read the latest proposal", write=False) as s:
            row = s.scalars(query).first()
            return _proposal(row) if row is not None else None

    # -- pull requests ------------------------------------------------------------------------

    def upsert_pull_request(
        self,
        *,
        repo: str,
        branch: str,
        url: str,
        number: int | None,
        title: str,
        body: str,
        commit: str,
        proposal_id: int | None,
        actor: str,
    ) -> tuple[PullRequestRecord, bool]:
        """Record the pull request for ``(repo, branch)``: one row ever, updated on later calls.

        Returns ``(record, created)``. A concurrent insert of the same pair is detected through the
        unique constraint and turned into an update.
        """
        query = (
            select(PullRequest)
            .where(PullRequest.repo == repo, PullRequest.branch == branch)
            .with_for_update()
        )
        with self._session("save the pull request") as s:
            now = _now()
            row = s.scalars(query).one_or_none()
            created = False
            if row is None:
                candidate = PullRequest(
                    repo=repo,
                    branch=branch,
                    url=url,
                    number=number,
                    title=title,
                    body=body,
                    commit=commit,
                    proposal_id=proposal_id,
                    state="open",
                    created_at=now,
                    updated_at=now,
                    update_count=0,
                )
                try:
                    with s.begin_nested():
                        s.add(candidate)
                    row, created = candidate, True
                except IntegrityError:
                    row = s.scalars(query).one_or_none()
                    if row is None:  # not a lost race: some other constraint failed
                        raise
            if not created:
                row.url = url
                if number is not None:
                    row.number = number
                row.title = title
                row.body = body
                row.commit = commit
                if proposal_id is not None:
                    row.proposal_id = proposal_id
                row.state = "open"
                row.updated_at = now
                row.update_count = row.update_count + 1
            s.flush()
            proposal = s.get(Proposal, row.proposal_id) if row.proposal_id is not None else None
            self._audit(
                s,
                "pull_request.created" if created else "pull_request.updated",
                actor,
                proposal.conversation_id if proposal is not None else None,
                {
                    "pull_request_id": row.id,
                    "repo": repo,
                    "branch": branch,
                    "url": url,
                    "number": row.number,
                    "commit": commit,
                    "proposal_id": row.proposal_id,
                },
            )
            return _pull_request(row), created

    def find_pull_request(self, repo: str, branch: str) -> PullRequestRecord | None:
        query = select(PullRequest).where(PullRequest.repo == repo, PullRequest.branch == branch)
        with self._session("read the pull request", write=False) as s:
            row = s.scalars(query).one_or_none()
            return _pull_request(row) if row is not None else None

    def list_pull_requests(self, repo: str | None = None) -> list[PullRequestRecord]:
        """Oldest first; all repositories when ``repo`` is None."""
        query = select(PullRequest)
        if repo is not None:
            query = query.where(PullRequest.repo == repo)
        with self._session("list pull requests", write=False) as s:
            return [_pull_request(row) for row in s.scalars(query.order_by(PullRequest.id))]

    # -- audit --------------------------------------------------------------------------------

    def add_audit_event(
        self,
        kind: str,
        actor: str,
        conversation_id: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> AuditEventRecord:
        with self._session("write the audit event") as s:
            return _audit_event(self._audit(s, kind, actor, conversation_id, data))

    def list_audit_events(
        self, limit: int = 100, *, kind: str | None = None, conversation_id: str | None = None
    ) -> list[AuditEventRecord]:
        """Newest first."""
        _check_limit(limit)
        query = select(AuditEvent)
        if kind is not None:
            query = query.where(AuditEvent.kind == kind)
        if conversation_id is not None:
            query = query.where(AuditEvent.conversation_id == conversation_id)
        query = query.order_by(AuditEvent.id.desc()).limit(limit)
        with self._session("list audit events", write=False) as s:
            return [_audit_event(row) for row in s.scalars(query)]
