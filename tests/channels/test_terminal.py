"""The terminal chat: streaming render, commands, and Ctrl-C stopping an answer but not the session."""

from __future__ import annotations

import io
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from palisade.blueprints import Catalog
from palisade.channels.terminal import TerminalChat
from palisade.engine import ChatEngine
from palisade.providers import OfflineProvider
from palisade.providers.base import Provider
from tests.helpers import WaitingProvider, git, local_engine


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def engine_with(provider: Provider, catalog: Catalog, tmp_path: Path) -> ChatEngine:
    engine: ChatEngine = local_engine(catalog, tmp_path, provider)
    return engine


def scripted_lines(*lines: str) -> Iterator[str]:
    yield from lines


def chat(engine: ChatEngine, *lines: str, history: Path | None = None) -> tuple[TerminalChat, str]:
    out = io.StringIO()
    script = scripted_lines(*lines)

    def read_line(_: str) -> str:
        try:
            return next(script)
        except StopIteration:
            raise EOFError from None

    session = TerminalChat(
        engine, Console(file=out, width=120), history_file=history, read_line=read_line
    )
    session.run()
    return session, out.getvalue()


def test_a_session_streams_the_answer_and_opens_a_pr(catalog: Catalog, tmp_path: Path) -> None:
    engine = engine_with(OfflineProvider(catalog.summaries()), catalog, tmp_path)
    session, out = chat(
        engine,
        "a private S3 bucket called acme-audit-logs",
        "/files",
        "/open-pr",
        "/history",
        "/nonsense",
        "/quit",
    )
    assert "aws_s3_bucket" in out  # /files
    assert "Opened pull request" in out
    assert "Unknown command /nonsense" in out
    assert "acme-audit-logs" in out  # the /history table lists the conversation title
    assert "palisade/aws-s3-private-bucket/acme-audit-logs" in git(
        tmp_path / "infra", "branch", "--list", "palisade/*"
    )
    assert session.conversation_id is not None


def test_open_pr_without_a_proposal_says_why(catalog: Catalog, tmp_path: Path) -> None:
    engine = engine_with(OfflineProvider(catalog.summaries()), catalog, tmp_path)
    _, out = chat(engine, "/open-pr")
    assert "Nothing to open" in out and "ask for something first" in out


def test_resume_continues_an_earlier_conversation(catalog: Catalog, tmp_path: Path) -> None:
    engine = engine_with(OfflineProvider(catalog.summaries()), catalog, tmp_path)
    first, _ = chat(engine, "a private S3 bucket called acme-audit-logs")
    assert first.conversation_id is not None
    second, out = chat(engine, f"/resume {first.conversation_id}", "/resume nope")
    assert second.conversation_id == first.conversation_id
    assert "Continuing" in out and "No such conversation" in out


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="SIGINT needs the main thread"
)
def test_ctrl_c_stops_the_answer_and_the_session_goes_on(catalog: Catalog, tmp_path: Path) -> None:
    provider = WaitingProvider(give_up_after=30)
    engine = engine_with(provider, catalog, tmp_path)

    def interrupt_once_waiting() -> None:
        if provider.started_flag.wait(timeout=20):
            os.kill(os.getpid(), signal.SIGINT)

    # asyncio.Runner turns Ctrl-C into a cancellation only when SIGINT has Python's default handler, as in a
    # terminal; other tests in the same process (servers, browsers) may have replaced it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        threading.Thread(target=interrupt_once_waiting, daemon=True).start()
        session, out = chat(engine, "a private S3 bucket called acme-audit-logs", "/help")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert provider.cancelled
    assert "Stopped." in out
    assert "Commands:" in out  # the session went on after the stop and handled /help
    assert session.conversation_id is not None
    messages = engine.store.list_messages(session.conversation_id)
    assert [m.role for m in messages] == ["user", "assistant"]
    assert (messages[-1].meta or {}).get("stopped") is True


def test_input_history_is_kept_between_sessions(catalog: Catalog, tmp_path: Path) -> None:
    pytest.importorskip("readline")
    engine = engine_with(OfflineProvider(catalog.summaries()), catalog, tmp_path)
    history = tmp_path / "history"
    chat(engine, "/help", history=history)
    assert history.exists()
