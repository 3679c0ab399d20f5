"""Ordered schema migrations, recorded by name in ``schema_migrations`` (as llm/migrations.py does).

All pending migrations run in one transaction together with the rows that record them (SQLite and
PostgreSQL both have transactional DDL), so a crash leaves either all or none applied. Migrations
are append-only: never rename, reorder or edit one that has shipped.

Note for the next migration that changes a table: ``m001_initial`` and ``m003_users_tokens_feedback``
build their (named) tables from the *current* ORM models. Before adding an ``ALTER TABLE`` migration,
freeze those table definitions (copy them into this module) so a fresh database and an upgraded one end
up with the same shape.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, DateTime, MetaData, String, Table, select, text

from palisade.errors import StorageError

Migration = Callable[[Connection], None]

MIGRATIONS: list[tuple[str, Migration]] = []

_tracking_metadata = MetaData()
schema_migrations = Table(
    "schema_migrations",
    _tracking_metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# Any constant works: it only has to be the same for every Palisade process sharing a database.
_PG_LOCK_KEY = 0x70A115AD


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next migration, named after the function."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def _create_tables(conn: Connection, names: tuple[str, ...]) -> None:
    from palisade.storage.db import Base  # the ORM module imports this one

    Base.metadata.create_all(conn, tables=[Base.metadata.tables[name] for name in names])


@migration
def m001_initial(conn: Connection) -> None:
    _create_tables(
        conn,
        (
            "conversations",
            "messages",
            "guard_decisions",
            "proposals",
            "pull_requests",
            "audit_events",
        ),
    )


@migration
def m002_listing_indexes(conn: Connection) -> None:
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_conversations_user_updated "
            'ON conversations ("user", updated_at)'
        )
    )
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_audit_events_ts ON audit_events (ts)"))


@migration
def m003_users_tokens_feedback(conn: Connection) -> None:
    """Users with roles, their API tokens (SHA-256 only) and feedback on conversations."""
    _create_tables(conn, ("users", "api_tokens", "feedback"))


def applied_migrations(conn: Connection) -> set[str]:
    return set(conn.execute(select(schema_migrations.c.name)).scalars())


def migrate(conn: Connection) -> list[str]:
    """Apply every pending migration on ``conn`` (in its transaction); return the names applied."""
    if conn.dialect.name == "postgresql":
        # Serialise concurrent first starts; released at the end of the transaction.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    _tracking_metadata.create_all(conn)
    done = applied_migrations(conn)
    unknown = done - {name for name, _ in MIGRATIONS}
    if unknown:
        raise StorageError(
            f"The database has migrations this version of Palisade does not know "
            f"({', '.join(sorted(unknown))}): it was upgraded by a newer Palisade. Upgrade Palisade."
        )
    applied: list[str] = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        fn(conn)
        conn.execute(schema_migrations.insert().values(name=name, applied_at=datetime.now(UTC)))
        applied.append(name)
    return applied
