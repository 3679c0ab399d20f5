"""One placeholder vault per conversation, through the real engine and the loopback fake OpenAI server.

The model only ever sees ``[REDACTED_…]`` placeholders; the same person keeps the same one across turns and
tool results; the user sees their values restored in the streamed text; nothing personal reaches parameters,
files, the pull request, the database or the logs; conversations do not share a vault; a forgotten vault
(evicted, restarted) shows placeholders and never reuses a number.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from palisade.blueprints import Catalog
from palisade.config import GuardSettings
from palisade.engine import TurnEvent
from palisade.providers import OfflineProvider
from tests.engine.support import deltas, result, run
from tests.fakes.fake_openai import FakeOpenAI, answer, calls
from tests.helpers import git, local_engine

JANE = "jane.doe@brightlane.io"
JOHN = "john.smith@brightlane.io"
BOB = "bob.ross@northwind.io"
EMAIL_1 = "[REDACTED_EMAIL_ADDRESS_1]"
EMAIL_2 = "[REDACTED_EMAIL_ADDRESS_2]"
EMAIL_3 = "[REDACTED_EMAIL_ADDRESS_3]"
# Restoring the user's own values in what they are shown is opt-in (off by default).
RESTORING = GuardSettings(restore_personal_data=True)
GUARDDUTY: dict[str, Any] = {"blueprint": "aws-guardduty", "params": {"region": "eu-west-1"}}


def sent(fake: FakeOpenAI) -> str:
    """Everything the model was sent, as one text."""
    return json.dumps([r.body for r in fake.requests], ensure_ascii=False)


def last_user_message(fake: FakeOpenAI) -> str:
    return str([m for m in fake.requests[-1].messages if m["role"] == "user"][-1]["content"])


def stored_bytes(*roots: Path) -> bytes:
    """Every file under ``roots`` (the database with its journal, the repository), concatenated."""
    return b"".join(
        p.read_bytes() for root in roots for p in sorted(root.rglob("*")) if p.is_file()
    )


def assert_shown_whole(events: list[TurnEvent]) -> None:
    """The streamed text never shows a placeholder of this conversation, whole or in part."""
    pieces = [str(e.data["text"]) for e in events if e.type == "delta"]
    assert not [p for p in pieces if "REDACTED" in p or p.endswith("[")], pieces
    assert "".join(pieces) == result(events).reply


def test_one_person_keeps_one_placeholder_across_turns_and_tool_results(
    fake: FakeOpenAI,
    make: Any,
    repo: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    (repo / "CODEOWNERS").write_text(f"* {JOHN} {JANE}\n")
    engine = make(guard=RESTORING)
    fake.enqueue(answer(f"Alerts for {EMAIL_1} need a team mailbox instead.\nAnything else?"))
    first = run(engine, f"Enable GuardDuty in eu-west-1 and send alerts to {JANE}")
    conversation = result(first).conversation_id
    assert EMAIL_1 in last_user_message(fake)
    assert f"Alerts for {JANE} need a team mailbox" in deltas(first)
    assert_shown_whole(first)

    fake.enqueue(
        calls(("read_repo_file", {"path": "CODEOWNERS"})),
        answer(f"The owners are {EMAIL_2} and {EMAIL_1}; {EMAIL_1} is the one you named.\n"),
    )
    second = run(engine, f"Who owns this repository? Is {JANE} one of them?", conversation)
    assert EMAIL_1 in last_user_message(fake)  # the same person, the same placeholder
    (owners,) = [m["content"] for m in fake.requests[-1].messages if m["role"] == "tool"]
    assert f"* {EMAIL_2} {EMAIL_1}" in owners  # the tool result shares the conversation's vault
    assert deltas(second).startswith(f"The owners are {JOHN} and {JANE}; {JANE} is the one")
    assert_shown_whole(second)

    assert JANE not in sent(fake) and JOHN not in sent(fake)
    stored = engine.store.list_messages(conversation)
    assert EMAIL_1 in stored[1].content and JANE not in stored[1].content  # the reply, as stored
    assert JANE.encode() not in stored_bytes(tmp_path / "data")
    assert not [r.getMessage() for r in caplog.records if JANE in r.getMessage()]


def test_personal_data_never_reaches_parameters_files_or_the_pull_request(
    fake: FakeOpenAI, make: Any, repo: Path, tmp_path: Path
) -> None:
    engine = make(guard=RESTORING)
    args = {**GUARDDUTY, "params": {**GUARDDUTY["params"], "alert_email": EMAIL_1}}
    fake.enqueue(
        calls(("render_blueprint", args)),
        answer(f"GuardDuty is proposed; {EMAIL_1} was not used.\n"),
    )
    events = run(engine, f"Enable GuardDuty in eu-west-1 and send the alerts to {JANE}")
    turn = result(events)
    (proposal,) = turn.proposals
    assert "alert_email" not in proposal.rendered_params  # a placeholder is not a value
    assert JANE not in json.dumps(proposal.to_dict()) and "REDACTED" not in str(proposal.files)
    assert [q.param for q in turn.questions] == ["alert_email"]
    assert "team or role mailbox" in turn.questions[0].question
    assert f"GuardDuty is proposed; {JANE} was not used." in turn.reply  # only the text is restored
    # The model's own call, as it continues, still says the placeholder.
    (call,) = fake.requests[1].messages[2]["tool_calls"]
    assert EMAIL_1 in call["function"]["arguments"]

    ref = asyncio.run(engine.confirm(proposal.id or 0))
    (pull,) = engine.store.list_pull_requests()
    assert JANE not in f"{pull.title}\n{pull.body}" and "REDACTED" not in pull.body
    assert JANE not in git(repo, "show", ref.branch)
    assert JANE.encode() not in stored_bytes(tmp_path / "data", repo)


def test_two_conversations_do_not_share_a_vault(fake: FakeOpenAI, make: Any) -> None:
    engine = make(guard=RESTORING)
    fake.enqueue(answer(f"Noted {EMAIL_1}.\n"), answer(f"Noted {EMAIL_1}, not {EMAIL_2}.\n"))
    jane = run(engine, f"Our security contact is {JANE}")
    bob = run(engine, f"Our security contact is {BOB}")
    assert EMAIL_1 in last_user_message(fake)  # each conversation numbers its own values
    assert deltas(jane).startswith(f"Noted {JANE}.")
    # Conversation B's _1 is Bob; B has no _2, so Jane's value cannot be fetched with it.
    assert deltas(bob).startswith(f"Noted {BOB}, not {EMAIL_2}.")
    assert JANE not in deltas(bob)


def test_a_forgotten_vault_shows_placeholders_and_never_reuses_a_number(
    fake: FakeOpenAI, make: Any
) -> None:
    engine = make(guard=GuardSettings(vault_max_conversations=1, restore_personal_data=True))
    fake.enqueue(answer(f"Noted {EMAIL_1}.\n"), answer(f"Noted {EMAIL_1}.\n"))
    first = result(run(engine, f"Our security contact is {JANE}")).conversation_id
    run(
        engine, f"Our security contact is {BOB}"
    )  # the second conversation evicts the first one's vault
    assert first not in engine.vaults and len(engine.vaults) == 1

    fake.enqueue(answer(f"So {EMAIL_1} and {EMAIL_2}.\n"))
    later = run(engine, f"Add {JOHN} as a second contact", first)
    assert EMAIL_2 in last_user_message(fake)  # _1 already names Jane in this conversation
    assert deltas(later).startswith(f"So {EMAIL_1} and {JOHN}.")  # Jane's value was forgotten

    restarted = make(
        guard=RESTORING
    )  # a new engine on the same database: what a restarted server is
    fake.enqueue(answer(f"So {EMAIL_1}, {EMAIL_2} and {EMAIL_3}.\n"))
    again = run(restarted, f"And {BOB} too", first)
    assert EMAIL_3 in last_user_message(fake)
    assert deltas(again).startswith(f"So {EMAIL_1}, {EMAIL_2} and {BOB}.")


def test_the_offline_engine_gets_stable_placeholders_too(tmp_path: Path) -> None:
    catalog = Catalog.load()
    engine = local_engine(catalog, tmp_path, OfflineProvider(catalog.summaries()))
    try:
        first = asyncio.run(engine.send(f"Enable GuardDuty in eu-west-1, alerts to {JANE}"))
        second = asyncio.run(
            engine.send(
                f"Send them to {JOHN} instead of {JANE}", conversation_id=first.conversation_id
            )
        )
        users = [m.content for m in engine.store.list_messages(first.conversation_id)][::2]
        assert users == [
            f"Enable GuardDuty in eu-west-1, alerts to {EMAIL_1}",
            f"Send them to {EMAIL_2} instead of {EMAIL_1}",
        ]
        assert JANE not in json.dumps([p.to_dict() for p in first.proposals + second.proposals])
    finally:
        engine.store.close()


def test_by_default_the_reply_keeps_its_placeholders(fake: FakeOpenAI, make: Any) -> None:
    engine = make()
    assert not engine.restore_personal_data
    fake.enqueue(answer(f"Alerts for {EMAIL_1} need a team mailbox instead.\n"))
    events = run(engine, f"Enable GuardDuty in eu-west-1 and send alerts to {JANE}")
    assert EMAIL_1 in last_user_message(fake)
    shown = deltas(events)
    assert f"Alerts for {EMAIL_1} need a team mailbox" in shown and JANE not in shown
    assert JANE not in result(events).reply
