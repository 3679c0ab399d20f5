"""The Store against real databases: SQLite in tmp_path and the PostgreSQL server on 127.0.0.1."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest

import palisade.storage
from palisade.errors import StorageError
from palisade.storage import Store
from palisade.storage.migrations import MIGRATIONS


def _pr(store: Store, **overrides: Any) -> tuple[palisade.storage.PullRequestRecord, bool]:
    args: dict[str, Any] = {
        "repo": "acme/infra",
        "branch": "palisade/aws-s3-private-bucket/logs",
        "url": "https://example.test/acme/infra/pull/7",
        "number": 7,
        "title": "Private S3 bucket: logs",
        "body": "body v1",
        "commit": "a" * 40,
        "proposal_id": None,
        "actor": "alice",
    }
    args.update(overrides)
    return store.upsert_pull_request(**args)


def test_exports_are_sorted_and_complete() -> None:
    assert palisade.storage.__all__ == sorted(palisade.storage.__all__)
    assert {n for n in dir(palisade.storage) if n.endswith("Record") or n == "Store"} == set(
        palisade.storage.__all__
    )


def test_conversation_round_trip(store: Store) -> None:
    created = store.create_conversation("alice", "A private bucket")
    assert len(created.id) == 32
    assert created.user == "alice"
    assert created.title == "A private bucket"
    assert created.created_at.tzinfo is not None
    assert created.created_at.utcoffset() == timedelta(0)
    assert store.get_conversation(created.id) == created
    assert store.get_conversation("0" * 32) is None


def test_messages_keep_order_and_meta_and_bump_activity(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    first = store.add_message(
        conv.id, "user", "I need a bucket", meta={"guard": {"blocked": False}}
    )
    second = store.add_message(conv.id, "assistant", "Here it is")
    assert [m.content for m in store.list_messages(conv.id)] == ["I need a bucket", "Here it is"]
    assert store.list_messages(conv.id)[0] == first
    assert first.meta == {"guard": {"blocked": False}}
    assert second.meta == {}
    assert second.created_at.tzinfo == UTC
    refreshed = store.get_conversation(conv.id)
    assert refreshed is not None and refreshed.updated_at >= second.created_at
    assert store.list_messages("missing") == []


def test_message_for_unknown_conversation_is_a_storage_error(store: Store) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        store.add_message("f" * 32, "user", "hello")


def test_list_conversations_is_isolated_per_user_and_most_recent_first(store: Store) -> None:
    a1 = store.create_conversation("alice", "first")
    a2 = store.create_conversation("alice", "second")
    store.create_conversation("bob", "bob's")
    store.add_message(a1.id, "user", "bump")  # a1 becomes the most recently active
    assert [c.id for c in store.list_conversations("alice")] == [a1.id, a2.id]
    assert [c.title for c in store.list_conversations("bob")] == ["bob's"]
    assert store.list_conversations("carol") == []
    assert len(store.list_conversations("alice", limit=1)) == 1
    with pytest.raises(StorageError):
        store.list_conversations("alice", limit=0)


def test_search_matches_titles_and_messages_case_insensitively(store: Store) -> None:
    bucket = store.create_conversation("alice", "S3 Bucket for logs")
    vpc = store.create_conversation("alice", "Network")
    store.add_message(vpc.id, "user", "a VPC with 100% private subnets")
    store.create_conversation("bob", "bucket too")  # another user's: never returned
    assert [c.id for c in store.list_conversations("alice", search="bucket")] == [bucket.id]
    assert [c.id for c in store.list_conversations("alice", search="vpc")] == [vpc.id]
    # LIKE wildcards in the search text are literal
    assert [c.id for c in store.list_conversations("alice", search="100%")] == [vpc.id]
    assert [c.id for c in store.list_conversations("alice", search="%")] == [vpc.id]
    assert store.list_conversations("alice", search="_") == []
    assert len(store.list_conversations("alice", search="")) == 2


def test_delete_conversation_only_by_its_owner(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    store.add_message(conv.id, "user", "hi")
    proposal = store.save_proposal(conv.id, "bp", {}, {"main.tf": "x"}, {}, True)
    store.add_audit_event("custom", "alice", conv.id)
    assert store.delete_conversation(conv.id, "mallory") is False
    assert store.get_conversation(conv.id) is not None
    assert store.delete_conversation(conv.id, "alice") is True
    assert store.get_conversation(conv.id) is None
    assert store.list_messages(conv.id) == []
    assert store.get_proposal(proposal.id) is None
    assert store.delete_conversation(conv.id, "alice") is False
    # the audit trail outlives the conversation
    assert [e.kind for e in store.list_audit_events(conversation_id=conv.id)] == ["custom"]


def test_proposals(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    assert store.latest_proposal(conv.id) is None
    files = {"infra/main.tf": 'resource "x" "y" {}\n'}
    first = store.save_proposal(
        conv.id, "aws-s3-private-bucket", {"name": "logs"}, files, {"passed": False}, False
    )
    second = store.save_proposal(
        conv.id, "aws-s3-private-bucket", {"name": "logs2"}, files, {"passed": True}, True
    )
    assert isinstance(first.id, int)
    assert store.get_proposal(first.id) == first
    assert first.files == files and first.params == {"name": "logs"} and first.ready is False
    assert store.latest_proposal(conv.id) == second
    assert store.get_proposal(10_000) is None
    with pytest.raises(StorageError, match="does not exist"):
        store.save_proposal("nope", "bp", {}, {}, {}, True)


def test_guard_decision_writes_an_audit_event(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    decision_id = store.record_guard_decision(
        conv.id,
        "input",
        valid=False,
        blocked=True,
        scores={"secrets": 1.0, "prompt-injection": 0.2},
        summary=["secrets: AWS key found"],
        actor="alice",
    )
    assert isinstance(decision_id, int)
    store.record_guard_decision(
        None, "output", valid=True, blocked=False, scores={}, summary=[], actor="system"
    )
    (decision,) = store.list_guard_decisions(conv.id)
    assert decision.id == decision_id
    assert decision.scores == {"secrets": 1.0, "prompt-injection": 0.2}
    assert decision.summary == ["secrets: AWS key found"]
    assert (decision.stage, decision.valid, decision.blocked) == ("input", False, True)
    events = store.list_audit_events(kind="guard.decision")
    assert [(e.actor, e.conversation_id) for e in events] == [("system", None), ("alice", conv.id)]
    assert events[1].data["decision_id"] == decision_id
    assert events[1].data["blocked"] is True
    with pytest.raises(StorageError, match="stage"):
        store.record_guard_decision(
            conv.id, "middle", valid=True, blocked=False, scores={}, summary=[], actor="a"
        )


def test_a_failed_write_rolls_back_and_raises_storage_error(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    with pytest.raises(StorageError):
        store.record_guard_decision(
            conv.id,
            "input",
            valid=True,
            blocked=False,
            scores={"not json": object()},
            summary=[],
            actor="alice",
        )
    assert store.list_guard_decisions() == []
    assert store.list_audit_events() == []


def test_pull_request_upsert_keeps_one_row(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    proposal = store.save_proposal(conv.id, "bp", {}, {"a.tf": ""}, {}, True)
    first, created = _pr(store, proposal_id=proposal.id)
    assert created is True
    assert (first.update_count, first.state, first.number) == (0, "open", 7)
    second, created_again = _pr(store, body="body v2", commit="b" * 40, number=None, actor="bob")
    assert created_again is False
    assert second.id == first.id
    assert second.update_count == 1
    assert second.body == "body v2" and second.commit == "b" * 40
    assert second.number == 7  # a missing number never erases the known one
    assert second.proposal_id == proposal.id
    assert second.created_at == first.created_at and second.updated_at >= first.updated_at
    assert store.list_pull_requests() == [second]
    assert store.find_pull_request("acme/infra", first.branch) == second
    assert store.find_pull_request("acme/infra", "palisade/other") is None
    other, created_other = _pr(store, branch="palisade/other")
    assert created_other and other.id != first.id
    assert [p.branch for p in store.list_pull_requests("acme/infra")] == [
        first.branch,
        "palisade/other",
    ]
    kinds = [(e.kind, e.actor) for e in store.list_audit_events(kind=None)]
    assert kinds == [
        ("pull_request.opened", "alice"),
        ("pull_request.updated", "bob"),
        ("pull_request.opened", "alice"),
    ]
    assert store.list_audit_events()[1].data["commit"] == "b" * 40
    # events of a pull request opened from a proposal are filed under its conversation
    assert len(store.list_audit_events(conversation_id=conv.id)) == 2


def test_concurrent_upserts_of_one_branch_make_one_row(store: Store) -> None:
    barrier = threading.Barrier(2)
    results: list[tuple[palisade.storage.PullRequestRecord, bool]] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(_pr(store, commit=str(n) * 40))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert sorted(created for _, created in results) == [False, True]
    (row,) = store.list_pull_requests()
    assert row.update_count == 1
    assert sorted(e.kind for e in store.list_audit_events()) == [
        "pull_request.opened",
        "pull_request.updated",
    ]


def test_audit_events_newest_first(store: Store) -> None:
    first = store.add_audit_event("login", "alice")
    second = store.add_audit_event("pull_request.failed", "bob", None, {"error": "x"})
    assert first.data == {} and second.data == {"error": "x"}
    assert store.list_audit_events() == [second, first]
    assert store.list_audit_events(limit=1) == [second]
    assert second.ts.tzinfo == UTC


def test_migrations_are_recorded_and_idempotent(store_url: str) -> None:
    with Store(store_url) as first:
        conv = first.create_conversation("alice", "kept")
    with Store(store_url) as second:
        assert second.applied_migrations == []
        assert second.get_conversation(conv.id) == conv
    with Store(store_url) as third:
        assert third.applied_migrations == []


def test_closed_store_refuses_work(store_url: str) -> None:
    s = Store(store_url)
    s.close()
    s.close()  # idempotent
    with pytest.raises(StorageError, match="closed"):
        s.list_audit_events()


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root@127.0.0.1/palisade",
        "not a url",
        "",
        "postgresql+asyncpg://postgres@127.0.0.1/x",
    ],
    ids=["mysql", "garbage", "empty", "other-driver"],
)
def test_unsupported_urls_are_storage_errors(url: str) -> None:
    with pytest.raises(StorageError, match="sqlite:///"):
        Store(url)


def test_unreachable_postgres_is_a_storage_error_without_password() -> None:
    with pytest.raises(StorageError, match="Could not open the database") as info:
        Store("postgresql+psycopg://postgres:hunter2@127.0.0.1:1/none")
    assert "hunter2" not in str(info.value)


def test_sqlite_creates_parent_dirs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "palisade.db"
    with Store(f"sqlite:///{path}") as s:
        conv = s.create_conversation("alice", "t")
        s.add_message(conv.id, "user", "hi")
        with pytest.raises(StorageError, match="(?i)foreign key"):
            _pr(s, proposal_id=99_999)
    assert path.exists()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = {r[0] for r in con.execute("SELECT name FROM schema_migrations")}
    finally:
        con.close()
    assert names == {name for name, _ in MIGRATIONS}


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "palisade.db"
    Store(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES ('m999_future', '2030-01-01')"
        )
    con.close()
    with pytest.raises(StorageError, match="m999_future"):
        Store(f"sqlite:///{path}")


def test_sqlite_in_memory_works() -> None:
    with Store("sqlite://") as s:
        conv = s.create_conversation("alice", "t")
        assert s.get_conversation(conv.id) == conv
