"""Palisade's database: typed ORM rows (private here) and :class:`Store`, the only way in.

Every ``Store`` method is one transaction; it returns frozen records from
:mod:`palisade.storage.records`, and any database failure is re-raised as :class:`StorageError`.

The calls a chat turn makes (conversations, messages, guard decisions, proposals, audit events) are
written as SQLAlchemy Core statements built once at import: the ORM's unit of work cost 2-4x more
CPU per call, and they run on the API server's event loop. A turn writes in two transactions
(``begin_turn``, ``finish_turn``). The rest use the ORM.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

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
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    create_engine,
    event,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, Session, mapped_column
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool
from sqlalchemy.types import TypeDecorator

from palisade.errors import StorageError
from palisade.storage import records
from palisade.storage.migrations import migrate

_JSON = JSON().with_variant(JSONB(), "postgresql")
_R = TypeVar("_R")
_GUARD_STAGES = ("input", "output")
ROLES = ("requester", "approver", "admin")
RATINGS = ("up", "down")
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


def _conversation_ref(ondelete: str) -> MappedColumn[Any]:
    """The indexed ``conversation_id`` column of a table that hangs off a conversation."""
    return mapped_column(String(32), ForeignKey("conversations.id", ondelete=ondelete), index=True)


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
    conversation_id: Mapped[str] = _conversation_ref("CASCADE")
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
    conversation_id: Mapped[str | None] = _conversation_ref("SET NULL")
    stage: Mapped[str] = mapped_column(String(16))
    valid: Mapped[bool] = mapped_column(Boolean)
    blocked: Mapped[bool] = mapped_column(Boolean)
    scores: Mapped[dict[str, Any]] = mapped_column(_JSON)
    summary: Mapped[list[str]] = mapped_column(_JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Proposal(Base):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = _conversation_ref("CASCADE")
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


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('requester', 'approver', 'admin')", name="ck_users_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ApiToken(Base):
    """Only the SHA-256 of a token is kept; a lost token is replaced, never recovered."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN ('up', 'down')", name="ck_feedback_rating"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = _conversation_ref("CASCADE")
    message_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("messages.id", ondelete="SET NULL"), nullable=True
    )
    user: Mapped[str] = mapped_column(String(200))
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# ----------------------------------------------------------------------------------------- records


def _record(cls: type[_R], row: Any, **given: Any) -> _R:
    """The frozen record ``cls`` of an ORM or Core row: every field not ``given`` is read from the
    attribute of its name; JSON values are copied, so no record shares a dict with a session."""
    names = [f.name for f in fields(cast(Any, cls)) if f.name not in given]
    values = {name: _copied(getattr(row, name)) for name in names}
    return cls(**values, **given)


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    return list(value) if isinstance(value, list) else value


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
                # WAL's recommended durability: a commit is not fsynced (checkpoints are). A crash
                # of the process loses nothing; a power cut may lose the last commits, never the
                # database. A turn then made ~6 commits (two now): a fsync each (2-6 ms on a
                # busy disk) capped the API at ~20 turns/s (docs/api.md, load figures).
                cursor.execute("PRAGMA synchronous=NORMAL")
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


def _conversation_filter(user: str, search: str | None) -> Any:
    """WHERE clause of a user's conversations, optionally matching ``search`` in title or messages."""
    clause = Conversation.user == user
    if not search:
        return clause
    pattern = _like_pattern(search)
    in_messages = exists().where(
        Message.conversation_id == Conversation.id,
        Message.content.ilike(pattern, escape="\\"),
    )
    return clause & or_(Conversation.title.ilike(pattern, escape="\\"), in_messages)


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise StorageError(f"limit must be at least 1, got {limit}.")


# ------------------------------------------------------------------------- statements of a turn

_conversations = cast(Table, Conversation.__table__)
_messages = cast(Table, Message.__table__)
_guard_decisions = cast(Table, GuardDecision.__table__)
_proposals = cast(Table, Proposal.__table__)
_audit_events = cast(Table, AuditEvent.__table__)

_INSERT_CONVERSATION = insert(_conversations)
_GET_CONVERSATION = select(_conversations).where(_conversations.c.id == bindparam("cid"))
_CONVERSATION_EXISTS = select(_conversations.c.id).where(_conversations.c.id == bindparam("cid"))
_TOUCH_CONVERSATION = (
    update(_conversations)
    .where(_conversations.c.id == bindparam("cid"))
    .values(updated_at=bindparam("now"))
)
_INSERT_MESSAGE = insert(_messages)
_LIST_MESSAGES = (
    select(_messages)
    .where(_messages.c.conversation_id == bindparam("cid"))
    .order_by(_messages.c.id)
)
_INSERT_GUARD_DECISION = insert(_guard_decisions)
_INSERT_PROPOSAL = insert(_proposals)
_GET_PROPOSAL = select(_proposals).where(_proposals.c.id == bindparam("pid"))
_INSERT_AUDIT_EVENT = insert(_audit_events)


def _insert(conn: Connection | Session, statement: Any, values: Mapping[str, Any]) -> int:
    """Insert one row (in an ORM session: on its connection, in its transaction); its new id."""
    connection = conn.connection() if isinstance(conn, Session) else conn
    key = connection.execute(statement, dict(values)).inserted_primary_key
    if key is None:  # pragma: no cover - both backends report the key of a single-row insert
        raise StorageError("The database did not report the id of the new row.")
    return int(key[0])


def _message_values(
    conversation_id: str, message: records.NewMessage, now: datetime
) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id,
        "role": message.role,
        "content": message.content,
        "meta": _json(dict(message.meta), "the message metadata"),
        "created_at": now,
    }


def _decision_values(
    conversation_id: str | None, decision: records.NewGuardDecision, now: datetime
) -> dict[str, Any]:
    if decision.stage not in _GUARD_STAGES:
        raise StorageError(f"Guard stage must be 'input' or 'output', got {decision.stage!r}.")
    return {
        "conversation_id": conversation_id,
        "stage": decision.stage,
        "valid": decision.valid,
        "blocked": decision.blocked,
        "scores": _json(dict(decision.scores), "the guard scores"),
        "summary": _json(list(decision.summary), "the guard summary"),
        "created_at": now,
    }


def _proposal_values(
    conversation_id: str, proposal: records.NewProposal, now: datetime
) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id,
        "blueprint": proposal.blueprint,
        "params": _json(dict(proposal.params), "the proposal parameters"),
        "files": _json(dict(proposal.files), "the proposal files"),
        "validation": _json(dict(proposal.validation), "the validation results"),
        "ready": proposal.ready,
        "created_at": now,
    }


def _touch(conn: Connection, conversation_id: str, now: datetime) -> None:
    """Mark the conversation active (the list's order); refuse one that does not exist."""
    touched = conn.execute(_TOUCH_CONVERSATION, {"cid": conversation_id, "now": now})
    if touched.rowcount != 1:
        raise StorageError(f"Conversation {conversation_id!r} does not exist.")


def _insert_message(conn: Connection, values: dict[str, Any]) -> records.MessageRecord:
    return records.MessageRecord(id=_insert(conn, _INSERT_MESSAGE, values), **values)


def _insert_proposal(conn: Connection, values: dict[str, Any]) -> records.ProposalRecord:
    return records.ProposalRecord(id=_insert(conn, _INSERT_PROPOSAL, values), **values)


# Writes to users and tokens through any Store of this process, per database URL. Whoever caches
# "who is this token" compares it, so a revocation made in this process takes effect at once.
_account_changes: dict[str, int] = {}
_account_changes_lock = threading.Lock()


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

    def ping(self) -> None:
        """Raise ``StorageError`` unless the database answers a trivial query (readiness checks)."""
        with self._session("reach the database", write=False) as s:
            s.execute(text("SELECT 1"))

    @contextmanager
    def _failures(self, action: str) -> Iterator[None]:
        if self._closed:
            raise StorageError("The store is closed.")
        try:
            yield
        except SQLAlchemyError as exc:
            raise StorageError(f"Could not {action}: {_describe(exc)}") from exc

    @contextmanager
    def _session(self, action: str, *, write: bool = True) -> Iterator[Session]:
        with self._failures(action):
            session = Session(self._write_engine if write else self._engine, expire_on_commit=False)
            try:
                with session.begin():
                    yield session
            finally:
                session.close()

    @contextmanager
    def _transaction(self, action: str, *, write: bool = True) -> Iterator[Connection]:
        """A Core connection in one transaction (the hot paths of a turn)."""
        with (
            self._failures(action),
            (self._write_engine if write else self._engine).begin() as conn,
        ):
            yield conn

    @staticmethod
    def _audit(
        conn: Connection | Session,
        kind: str,
        actor: str,
        conversation_id: str | None,
        data: Mapping[str, Any] | None,
    ) -> records.AuditEventRecord:
        values = {
            "ts": _now(),
            "kind": kind,
            "actor": actor,
            "conversation_id": conversation_id,
            "data": _json(dict(data or {}), "the audit event data"),
        }
        return records.AuditEventRecord(id=_insert(conn, _INSERT_AUDIT_EVENT, values), **values)

    @property
    def accounts_version(self) -> int:
        """Changes whenever this process writes users or tokens to this database (any Store)."""
        return _account_changes.get(self.url, 0)

    @contextmanager
    def _accounts_session(self, action: str) -> Iterator[Session]:
        """A write to users or tokens; ``accounts_version`` moves once it is committed (or failed)."""
        try:
            with self._session(action) as session:
                yield session
        finally:
            with _account_changes_lock:
                _account_changes[self.url] = _account_changes.get(self.url, 0) + 1

    # -- conversations ------------------------------------------------------------------------

    def create_conversation(self, user: str, title: str) -> records.ConversationRecord:
        now = _now()
        values: dict[str, Any] = {"id": self.new_conversation_id(), "user": user, "title": title}
        values |= {"created_at": now, "updated_at": now}
        with self._transaction("create the conversation") as conn:
            conn.execute(_INSERT_CONVERSATION, values)
        return records.ConversationRecord(**values)

    def get_conversation(self, conversation_id: str) -> records.ConversationRecord | None:
        with self._transaction("read the conversation", write=False) as conn:
            row = conn.execute(_GET_CONVERSATION, {"cid": conversation_id}).first()
            return _record(records.ConversationRecord, row) if row is not None else None

    def list_conversations(
        self, user: str, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[records.ConversationRecord]:
        """The user's conversations, most recently active first.

        ``search`` (case-insensitive substring) matches the title or any message.
        """
        _check_limit(limit)
        if offset < 0:
            raise StorageError(f"offset must not be negative, got {offset}.")
        query = select(Conversation).where(_conversation_filter(user, search))
        query = query.order_by(Conversation.updated_at.desc(), Conversation.id)
        with self._session("list conversations", write=False) as s:
            return [
                _record(records.ConversationRecord, row)
                for row in s.scalars(query.limit(limit).offset(offset))
            ]

    def count_conversations(self, user: str, search: str | None = None) -> int:
        """How many conversations ``list_conversations`` would page through."""
        query = select(func.count()).select_from(Conversation)
        with self._session("count conversations", write=False) as s:
            return int(s.scalar(query.where(_conversation_filter(user, search))) or 0)

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
    ) -> records.MessageRecord:
        now = _now()
        values = _message_values(
            conversation_id, records.NewMessage(role, content, meta or {}), now
        )
        with self._transaction("add the message") as conn:
            _touch(conn, conversation_id, now)
            return _insert_message(conn, values)

    def get_message(self, message_id: int) -> records.MessageRecord | None:
        with self._session("read the message", write=False) as s:
            row = s.get(Message, message_id)
            return _record(records.MessageRecord, row) if row is not None else None

    def list_messages(self, conversation_id: str) -> list[records.MessageRecord]:
        with self._transaction("list messages", write=False) as conn:
            return [
                _record(records.MessageRecord, row)
                for row in conn.execute(_LIST_MESSAGES, {"cid": conversation_id})
            ]

    # -- a chat turn: two transactions --------------------------------------------------------

    @staticmethod
    def new_conversation_id() -> str:
        """An id for a conversation that ``begin_turn`` will create (callers need it earlier)."""
        return uuid.uuid4().hex

    def begin_turn(
        self,
        conversation_id: str,
        user: str,
        *,
        title: str | None,
        decision: records.NewGuardDecision,
        messages: Sequence[records.NewMessage],
    ) -> list[records.MessageRecord]:
        """Open a turn in one transaction: the conversation (created with ``title`` when one is
        given, else it must exist), the input guard's decision with its audit event, ``messages``.

        Either all of it is stored or none: a turn never has a decision without its message.
        """
        now = _now()
        decision_values = _decision_values(conversation_id, decision, now)
        message_values = [_message_values(conversation_id, m, now) for m in messages]
        with self._transaction("store the message") as conn:
            if title is None:
                _touch(conn, conversation_id, now)
            else:
                conversation = {"id": conversation_id, "user": user, "title": title}
                conn.execute(
                    _INSERT_CONVERSATION, conversation | {"created_at": now, "updated_at": now}
                )
            self._decide(conn, decision_values, user)
            return [_insert_message(conn, values) for values in message_values]

    def finish_turn(
        self,
        conversation_id: str,
        user: str,
        *,
        proposals: Sequence[records.NewProposal],
        message: records.NewMessage,
        audit: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> tuple[list[records.ProposalRecord], records.MessageRecord]:
        """Close a turn in one transaction: its proposals, the answer, audit events by ``user``.

        The answer's ``meta["proposal_ids"]`` is set to the new proposals' ids, in order (the ids
        exist only inside this transaction).
        """
        now = _now()
        proposal_values = [_proposal_values(conversation_id, p, now) for p in proposals]
        values = _message_values(conversation_id, message, now)
        with self._transaction("store the answer") as conn:
            _touch(conn, conversation_id, now)
            saved = [_insert_proposal(conn, v) for v in proposal_values]
            values["meta"] = {**values["meta"], "proposal_ids": [p.id for p in saved]}
            stored = _insert_message(conn, values)
            for kind, data in audit:
                self._audit(conn, kind, user, conversation_id, data)
        return saved, stored

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
        decision = records.NewGuardDecision(stage, valid, blocked, scores, summary)
        values = _decision_values(conversation_id, decision, _now())
        with self._transaction("record the guard decision") as conn:
            return self._decide(conn, values, actor)

    @classmethod
    def _decide(cls, conn: Connection, values: dict[str, Any], actor: str) -> int:
        """Insert a guard decision (``_decision_values``) and its audit event; its id."""
        decision_id = _insert(conn, _INSERT_GUARD_DECISION, values)
        cls._audit(
            conn,
            "guard.decision",
            actor,
            values["conversation_id"],
            {
                "decision_id": decision_id,
                "stage": values["stage"],
                "valid": values["valid"],
                "blocked": values["blocked"],
                "summary": list(values["summary"]),
            },
        )
        return decision_id

    def list_guard_decisions(
        self, conversation_id: str | None = None, limit: int = 100
    ) -> list[records.GuardDecisionRecord]:
        """Newest first; all conversations when ``conversation_id`` is None."""
        _check_limit(limit)
        query = select(GuardDecision)
        if conversation_id is not None:
            query = query.where(GuardDecision.conversation_id == conversation_id)
        query = query.order_by(GuardDecision.id.desc()).limit(limit)
        with self._session("list guard decisions", write=False) as s:
            return [_record(records.GuardDecisionRecord, row) for row in s.scalars(query)]

    # -- proposals ----------------------------------------------------------------------------

    def save_proposal(
        self,
        conversation_id: str,
        blueprint: str,
        params: Mapping[str, Any],
        files: Mapping[str, str],
        validation: Mapping[str, Any],
        ready: bool,
    ) -> records.ProposalRecord:
        proposal = records.NewProposal(blueprint, params, files, validation, ready)
        values = _proposal_values(conversation_id, proposal, _now())
        with self._transaction("save the proposal") as conn:
            if conn.execute(_CONVERSATION_EXISTS, {"cid": conversation_id}).first() is None:
                raise StorageError(f"Conversation {conversation_id!r} does not exist.")
            return _insert_proposal(conn, values)

    def get_proposal(self, proposal_id: int) -> records.ProposalRecord | None:
        with self._transaction("read the proposal", write=False) as conn:
            row = conn.execute(_GET_PROPOSAL, {"pid": proposal_id}).first()
            return _record(records.ProposalRecord, row) if row is not None else None

    def latest_proposal(self, conversation_id: str) -> records.ProposalRecord | None:
        query = (
            select(Proposal)
            .where(Proposal.conversation_id == conversation_id)
            .order_by(Proposal.id.desc())
            .limit(1)
        )
        with self._session("read the latest proposal", write=False) as s:
            row = s.scalars(query).first()
            return _record(records.ProposalRecord, row) if row is not None else None

    def list_proposals(self, conversation_id: str) -> list[records.ProposalRecord]:
        """Oldest first."""
        query = (
            select(Proposal)
            .where(Proposal.conversation_id == conversation_id)
            .order_by(Proposal.id)
        )
        with self._session("list proposals", write=False) as s:
            return [_record(records.ProposalRecord, row) for row in s.scalars(query)]

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
        audit_data: Mapping[str, Any] | None = None,
    ) -> tuple[records.PullRequestRecord, bool]:
        """Record the pull request for ``(repo, branch)``: one row ever, updated on later calls.

        Returns ``(record, created)``. A concurrent insert of the same pair is detected through the
        unique constraint and turned into an update. The ``pull_request.opened``/``.updated`` audit
        event carries ``audit_data`` too (e.g. notes, a validation exception).
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
                "pull_request.opened" if created else "pull_request.updated",
                actor,
                proposal.conversation_id if proposal is not None else None,
                {
                    **dict(audit_data or {}),
                    "pull_request_id": row.id,
                    "repo": repo,
                    "branch": branch,
                    "url": url,
                    "number": row.number,
                    "commit": commit,
                    "proposal_id": row.proposal_id,
                },
            )
            return _record(records.PullRequestRecord, row), created

    def find_pull_request(self, repo: str, branch: str) -> records.PullRequestRecord | None:
        query = select(PullRequest).where(PullRequest.repo == repo, PullRequest.branch == branch)
        with self._session("read the pull request", write=False) as s:
            row = s.scalars(query).one_or_none()
            return _record(records.PullRequestRecord, row) if row is not None else None

    def list_pull_requests(self, repo: str | None = None) -> list[records.PullRequestRecord]:
        """Oldest first; all repositories when ``repo`` is None."""
        query = select(PullRequest)
        if repo is not None:
            query = query.where(PullRequest.repo == repo)
        with self._session("list pull requests", write=False) as s:
            return [
                _record(records.PullRequestRecord, row)
                for row in s.scalars(query.order_by(PullRequest.id))
            ]

    def pull_requests_for_proposals(
        self, proposal_ids: Sequence[int]
    ) -> dict[int, records.PullRequestRecord]:
        """The pull request last opened from each proposal (proposals without one are left out)."""
        if not proposal_ids:
            return {}
        query = (
            select(PullRequest)
            .where(PullRequest.proposal_id.in_(list(proposal_ids)))
            .order_by(PullRequest.updated_at)
        )
        with self._session("read pull requests", write=False) as s:
            return {
                row.proposal_id: _record(records.PullRequestRecord, row)
                for row in s.scalars(query)
                if row.proposal_id is not None
            }

    # -- audit --------------------------------------------------------------------------------

    def add_audit_event(
        self,
        kind: str,
        actor: str,
        conversation_id: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> records.AuditEventRecord:
        with self._transaction("write the audit event") as conn:
            return self._audit(conn, kind, actor, conversation_id, data)

    def count_audit_events(self, *, actor: str, kinds: Sequence[str], since: datetime) -> int:
        """How many events of these kinds ``actor`` caused since ``since`` (e.g. PRs in the last hour)."""
        query = (
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.actor == actor, AuditEvent.kind.in_(list(kinds)), AuditEvent.ts >= since
            )
        )
        with self._session("count audit events", write=False) as s:
            return int(s.scalar(query) or 0)

    def list_audit_events(
        self, limit: int = 100, *, kind: str | None = None, conversation_id: str | None = None
    ) -> list[records.AuditEventRecord]:
        """Newest first."""
        _check_limit(limit)
        query = select(AuditEvent)
        if kind is not None:
            query = query.where(AuditEvent.kind == kind)
        if conversation_id is not None:
            query = query.where(AuditEvent.conversation_id == conversation_id)
        query = query.order_by(AuditEvent.id.desc()).limit(limit)
        with self._session("list audit events", write=False) as s:
            return [_record(records.AuditEventRecord, row) for row in s.scalars(query)]

    # -- users and API tokens -------------------------------------------------------------------

    def create_user(self, name: str, role: str, *, actor: str) -> records.UserRecord:
        if role not in ROLES:
            raise StorageError(f"Role must be one of {', '.join(ROLES)}, got {role!r}.")
        with self._accounts_session("create the user") as s:
            if s.scalars(select(User).where(User.name == name)).first() is not None:
                raise StorageError(f"User {name!r} already exists.")
            row = User(name=name, role=role, created_at=_now())
            s.add(row)
            s.flush()
            self._audit(s, "user.created", actor, None, {"user": name, "role": role})
            return _record(records.UserRecord, row, active_tokens=0)

    def get_user(self, name: str) -> records.UserRecord | None:
        with self._session("read the user", write=False) as s:
            row = s.scalars(select(User).where(User.name == name)).first()
            if row is None:
                return None
            return _record(
                records.UserRecord,
                row,
                active_tokens=self._active_tokens(s, [row.id]).get(row.id, 0),
            )

    def list_users(self) -> list[records.UserRecord]:
        """Every user by name, with how many unrevoked tokens each holds."""
        with self._session("list users", write=False) as s:
            rows = list(s.scalars(select(User).order_by(User.name)))
            counts = self._active_tokens(s, [row.id for row in rows])
            return [
                _record(records.UserRecord, row, active_tokens=counts.get(row.id, 0))
                for row in rows
            ]

    def set_user_role(self, name: str, role: str, *, actor: str) -> records.UserRecord:
        if role not in ROLES:
            raise StorageError(f"Role must be one of {', '.join(ROLES)}, got {role!r}.")
        with self._accounts_session("change the role") as s:
            row = s.scalars(select(User).where(User.name == name)).first()
            if row is None:
                raise StorageError(f"No user {name!r}. See `palisade users list`.")
            previous, row.role = row.role, role
            s.flush()
            self._audit(
                s, "user.role_changed", actor, None, {"user": name, "from": previous, "to": role}
            )
            return _record(
                records.UserRecord,
                row,
                active_tokens=self._active_tokens(s, [row.id]).get(row.id, 0),
            )

    def has_users(self) -> bool:
        with self._session("read users", write=False) as s:
            return s.scalars(select(User.id).limit(1)).first() is not None

    @staticmethod
    def _active_tokens(session: Session, user_ids: Sequence[int]) -> dict[int, int]:
        if not user_ids:
            return {}
        query = (
            select(ApiToken.user_id, func.count())
            .where(ApiToken.user_id.in_(list(user_ids)), ApiToken.revoked_at.is_(None))
            .group_by(ApiToken.user_id)
        )
        return {user_id: int(count) for user_id, count in session.execute(query)}

    def add_api_token(
        self, user: str, token_hash: str, prefix: str, *, actor: str
    ) -> records.ApiTokenRecord:
        """Store the hash of a new token for ``user`` (the caller shows the token once)."""
        with self._accounts_session("store the API token") as s:
            owner = s.scalars(select(User).where(User.name == user)).first()
            if owner is None:
                raise StorageError(f"No user {user!r}. Add it first with `palisade users add`.")
            row = ApiToken(
                user_id=owner.id,
                token_hash=token_hash,
                prefix=prefix,
                created_at=_now(),
                revoked_at=None,
            )
            s.add(row)
            s.flush()
            self._audit(s, "token.issued", actor, None, {"user": user, "prefix": prefix})
            return _record(records.ApiTokenRecord, row, user=owner.name)

    def find_active_token(
        self, token_hash: str
    ) -> tuple[records.ApiTokenRecord, records.UserRecord] | None:
        """The unrevoked token with this hash and its user, or None."""
        query = (
            select(ApiToken, User)
            .join(User, ApiToken.user_id == User.id)
            .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None))
        )
        with self._session("check the API token", write=False) as s:
            found = s.execute(query).first()
            if found is None:
                return None
            token, owner = found
            return _record(records.ApiTokenRecord, token, user=owner.name), _record(
                records.UserRecord, owner, active_tokens=0
            )

    def revoke_tokens(self, user: str, *, actor: str) -> int:
        """Revoke every unrevoked token of ``user``; return how many were revoked."""
        with self._accounts_session("revoke the API tokens") as s:
            owner = s.scalars(select(User).where(User.name == user)).first()
            if owner is None:
                raise StorageError(f"No user {user!r}. See `palisade users list`.")
            result = s.execute(
                update(ApiToken)
                .where(ApiToken.user_id == owner.id, ApiToken.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
            revoked = int(getattr(result, "rowcount", 0) or 0)
            self._audit(s, "token.revoked", actor, None, {"user": user, "revoked": revoked})
            return revoked

    # -- feedback -------------------------------------------------------------------------------

    def add_feedback(
        self,
        conversation_id: str,
        user: str,
        rating: str,
        comment: str = "",
        message_id: int | None = None,
    ) -> records.FeedbackRecord:
        """Store a rating of a conversation (or one of its messages) and its audit event."""
        if rating not in RATINGS:
            raise StorageError(f"Rating must be 'up' or 'down', got {rating!r}.")
        with self._session("save the feedback") as s:
            if s.get(Conversation, conversation_id) is None:
                raise StorageError(f"Conversation {conversation_id!r} does not exist.")
            if message_id is not None:
                message = s.get(Message, message_id)
                if message is None or message.conversation_id != conversation_id:
                    raise StorageError(
                        f"Message {message_id} is not part of conversation {conversation_id!r}."
                    )
            row = Feedback(
                conversation_id=conversation_id,
                message_id=message_id,
                user=user,
                rating=rating,
                comment=comment,
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            self._audit(
                s,
                "feedback.created",
                user,
                conversation_id,
                {"feedback_id": row.id, "message_id": message_id, "rating": rating},
            )
            return _record(records.FeedbackRecord, row)

    def list_feedback(self, conversation_id: str | None = None) -> list[records.FeedbackRecord]:
        """Oldest first; all conversations when ``conversation_id`` is None."""
        query = select(Feedback)
        if conversation_id is not None:
            query = query.where(Feedback.conversation_id == conversation_id)
        with self._session("list feedback", write=False) as s:
            return [
                _record(records.FeedbackRecord, row)
                for row in s.scalars(query.order_by(Feedback.id))
            ]
