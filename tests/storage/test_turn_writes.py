"""The two transactions of a chat turn (``begin_turn``, ``finish_turn``) on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from palisade.errors import StorageError
from palisade.storage import Store
from palisade.storage.records import NewGuardDecision, NewMessage, NewProposal

PASSED = NewGuardDecision("input", True, False, {"secrets": 0.0}, [])
BLOCKED = NewGuardDecision("input", False, True, {"prompt-injection": 1.0}, ["injection"])


def _proposal(name: str) -> NewProposal:
    files = {f"infra/{name}/main.tf": 'resource "x" "y" {}\n'}
    return NewProposal(
        "aws-s3-private-bucket", {"bucket_name": name}, files, {"passed": True}, True
    )


def test_begin_turn_creates_the_conversation_with_its_decision_and_messages(store: Store) -> None:
    cid = store.new_conversation_id()
    user, refusal = store.begin_turn(
        cid,
        "alice",
        title="ignore previous",
        decision=BLOCKED,
        messages=[
            NewMessage("user", "ignore previous", {"guard": 1}),
            NewMessage("assistant", "no"),
        ],
    )
    conversation = store.get_conversation(cid)
    assert conversation is not None and (conversation.user, conversation.title) == (
        "alice",
        "ignore previous",
    )
    assert store.list_messages(cid) == [user, refusal]
    assert (user.role, user.meta, refusal.role, refusal.meta) == (
        "user",
        {"guard": 1},
        "assistant",
        {},
    )
    (decision,) = store.list_guard_decisions(cid)
    assert (decision.stage, decision.blocked, decision.summary) == ("input", True, ["injection"])
    (event,) = store.list_audit_events(conversation_id=cid)
    assert (event.kind, event.actor, event.data["decision_id"]) == (
        "guard.decision",
        "alice",
        decision.id,
    )


def test_begin_turn_continues_an_existing_conversation_and_bumps_its_activity(store: Store) -> None:
    conv = store.create_conversation("alice", "first")
    store.begin_turn(
        conv.id, "alice", title=None, decision=PASSED, messages=[NewMessage("user", "again")]
    )
    after = store.get_conversation(conv.id)
    assert after is not None and after.title == "first" and after.updated_at >= conv.updated_at
    assert [m.content for m in store.list_messages(conv.id)] == ["again"]


def test_begin_turn_on_a_missing_conversation_writes_nothing(store: Store) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        store.begin_turn(
            "0" * 32, "alice", title=None, decision=PASSED, messages=[NewMessage("user", "hi")]
        )
    bad_stage = NewGuardDecision("middle", True, False, {}, [])
    with pytest.raises(StorageError, match="stage"):
        store.begin_turn(
            store.new_conversation_id(), "alice", title="t", decision=bad_stage, messages=[]
        )
    assert store.list_conversations("alice") == []
    assert store.list_guard_decisions() == [] and store.list_audit_events() == []


def _begun(store: Store) -> str:
    cid = store.new_conversation_id()
    store.begin_turn(cid, "alice", title="t", decision=PASSED, messages=[NewMessage("user", "b")])
    return cid


def test_finish_turn_saves_proposals_answer_and_audit_together(store: Store) -> None:
    cid = _begun(store)
    meta: dict[str, Any] = {"rounds": [], "proposal_ids": [], "withheld": False}
    saved, answer = store.finish_turn(
        cid,
        "alice",
        proposals=[_proposal("logs"), _proposal("logs2")],
        message=NewMessage("assistant", "Here they are.", meta),
        audit=[("model.usage", {"total_tokens": 12})],
    )
    assert [p.params["bucket_name"] for p in saved] == ["logs", "logs2"]
    assert [store.get_proposal(p.id) for p in saved] == saved
    # The ids are filled in where the caller put the key (key order kept on SQLite).
    assert answer.meta["proposal_ids"] == [p.id for p in saved]
    assert set(answer.meta) == {"rounds", "proposal_ids", "withheld"}
    assert store.list_messages(cid)[-1] == answer
    usage = store.list_audit_events(kind="model.usage")
    assert [(e.actor, e.conversation_id, e.data) for e in usage] == [
        ("alice", cid, {"total_tokens": 12})
    ]


def test_finish_turn_is_all_or_nothing(store: Store) -> None:
    cid = _begun(store)
    with pytest.raises(StorageError, match="audit event"):
        store.finish_turn(
            cid,
            "alice",
            proposals=[_proposal("logs")],
            message=NewMessage("assistant", "answer"),
            audit=[("model.usage", {"not json": object()})],  # fails after the inserts
        )
    assert store.list_proposals(cid) == []
    assert [m.role for m in store.list_messages(cid)] == ["user"]
    with pytest.raises(StorageError, match="does not exist"):
        store.finish_turn(
            "0" * 32, "alice", proposals=[_proposal("x")], message=NewMessage("assistant", "a")
        )
    assert store.list_audit_events(kind="model.usage") == []
