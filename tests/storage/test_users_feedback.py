"""Users, API tokens, feedback and conversation paging on SQLite and the real PostgreSQL server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from palisade.errors import StorageError
from palisade.storage import Store
from palisade.storage.migrations import MIGRATIONS

HASH_A = "a" * 64
HASH_B = "b" * 64


def test_users_with_roles_and_token_counts(store: Store) -> None:
    assert store.has_users() is False and store.list_users() == []
    alice = store.create_user("alice", "admin", actor="cli:root")
    store.create_user("bob", "requester", actor="cli:root")
    assert store.has_users() is True
    assert (alice.name, alice.role, alice.active_tokens) == ("alice", "admin", 0)
    assert alice.created_at.tzinfo is not None
    store.add_api_token("alice", HASH_A, "pal_abcd", actor="cli:root")
    assert [(u.name, u.role, u.active_tokens) for u in store.list_users()] == [
        ("alice", "admin", 1),
        ("bob", "requester", 0),
    ]
    assert store.get_user("alice") == store.list_users()[0]
    assert store.get_user("nobody") is None
    with pytest.raises(StorageError, match="already exists"):
        store.create_user("alice", "requester", actor="x")
    with pytest.raises(StorageError, match="Role must be one of"):
        store.create_user("carol", "root", actor="x")
    changed = store.set_user_role("bob", "approver", actor="cli:root")
    assert changed.role == "approver"
    kinds = [e.kind for e in store.list_audit_events()]
    assert kinds == ["user.role_changed", "token.issued", "user.created", "user.created"]


def test_tokens_are_found_by_hash_until_revoked(store: Store) -> None:
    store.create_user("alice", "requester", actor="t")
    store.add_api_token("alice", HASH_A, "pal_aaaa", actor="t")
    store.add_api_token("alice", HASH_B, "pal_bbbb", actor="t")
    found = store.find_active_token(HASH_A)
    assert found is not None
    token, user = found
    assert (token.user, token.prefix, token.revoked_at) == ("alice", "pal_aaaa", None)
    assert user.name == "alice" and user.role == "requester"
    assert store.find_active_token("c" * 64) is None
    assert store.revoke_tokens("alice", actor="t") == 2
    assert store.find_active_token(HASH_A) is None and store.find_active_token(HASH_B) is None
    assert store.revoke_tokens("alice", actor="t") == 0
    assert store.get_user("alice").active_tokens == 0  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="No user"):
        store.revoke_tokens("nobody", actor="t")
    with pytest.raises(StorageError, match="No user"):
        store.add_api_token("nobody", "d" * 64, "pal_dddd", actor="t")


def test_a_token_hash_is_unique(store: Store) -> None:
    store.create_user("alice", "requester", actor="t")
    store.create_user("bob", "requester", actor="t")
    store.add_api_token("alice", HASH_A, "pal_aaaa", actor="t")
    with pytest.raises(StorageError):
        store.add_api_token("bob", HASH_A, "pal_aaaa", actor="t")


def test_feedback_on_a_conversation_or_one_of_its_messages(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    other = store.create_conversation("alice", "u")
    reply = store.add_message(conv.id, "assistant", "here it is")
    whole = store.add_feedback(conv.id, "alice", "down", "too verbose")
    one = store.add_feedback(conv.id, "alice", "up", message_id=reply.id)
    assert (whole.rating, whole.comment, whole.message_id) == ("down", "too verbose", None)
    assert (one.rating, one.comment, one.message_id) == ("up", "", reply.id)
    assert store.list_feedback(conv.id) == [whole, one]
    assert store.list_feedback() == [whole, one]
    with pytest.raises(StorageError, match="not part of conversation"):
        store.add_feedback(other.id, "alice", "up", message_id=reply.id)
    with pytest.raises(StorageError, match="Rating must be"):
        store.add_feedback(conv.id, "alice", "meh")
    with pytest.raises(StorageError, match="does not exist"):
        store.add_feedback("0" * 32, "alice", "up")
    assert [e.kind for e in store.list_audit_events(kind="feedback.created")] == [
        "feedback.created",
        "feedback.created",
    ]
    store.delete_conversation(conv.id, "alice")
    assert store.list_feedback(conv.id) == []


def test_conversations_page_with_a_total(store: Store) -> None:
    ids = [store.create_conversation("alice", f"bucket {i}").id for i in range(5)]
    store.create_conversation("bob", "bucket of bob")
    newest_first = list(reversed(ids))
    assert [c.id for c in store.list_conversations("alice", limit=2, offset=0)] == newest_first[:2]
    assert [c.id for c in store.list_conversations("alice", limit=2, offset=4)] == newest_first[4:]
    assert store.list_conversations("alice", offset=10) == []
    assert store.count_conversations("alice") == 5
    assert store.count_conversations("alice", search="bucket 3") == 1
    assert store.count_conversations("bob", search="BUCKET") == 1
    with pytest.raises(StorageError, match="offset"):
        store.list_conversations("alice", offset=-1)


def test_proposals_and_their_pull_requests_read_back(store: Store) -> None:
    conv = store.create_conversation("alice", "t")
    first = store.save_proposal(conv.id, "aws-kms-key", {"alias": "a"}, {"a.tf": "x"}, {}, True)
    second = store.save_proposal(conv.id, "aws-kms-key", {"alias": "b"}, {"b.tf": "y"}, {}, True)
    assert store.list_proposals(conv.id) == [first, second]
    assert store.pull_requests_for_proposals([]) == {}
    assert store.pull_requests_for_proposals([first.id, second.id]) == {}
    pr, _ = store.upsert_pull_request(
        repo="acme/infra",
        branch="palisade/aws-kms-key/b",
        url="https://example.test/pull/1",
        number=1,
        title="t",
        body="b",
        commit="c" * 40,
        proposal_id=second.id,
        actor="alice",
    )
    assert store.pull_requests_for_proposals([first.id, second.id]) == {second.id: pr}
    message = store.add_message(conv.id, "user", "hi")
    assert store.get_message(message.id) == message and store.get_message(10**6) is None


def test_ping_answers_and_fails_once_closed(store_url: str) -> None:
    store = Store(store_url)
    store.ping()
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.ping()


def test_a_database_from_before_users_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(f"sqlite:///{path}") as s:
        s.create_conversation("alice", "kept")
    with sqlite3.connect(path) as conn:  # roll back to the shape before m003
        conn.execute("DELETE FROM schema_migrations WHERE name = 'm003_users_tokens_feedback'")
        for table in ("feedback", "api_tokens", "users"):
            conn.execute(f"DROP TABLE {table}")
    with Store(f"sqlite:///{path}") as s:
        assert s.applied_migrations == ["m003_users_tokens_feedback"]
        assert [c.title for c in s.list_conversations("alice")] == ["kept"]
        s.create_user("alice", "admin", actor="t")
        assert s.has_users()
    assert [name for name, _ in MIGRATIONS][-1] == "m003_users_tokens_feedback"
