"""Streaming through the output guard: what is released when, and what the guard does to each piece."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

import pytest

from palisade.blueprints import Catalog
from palisade.config import ScannerConfig
from palisade.engine import ChatEngine, TurnEvent
from palisade.engine.release import WITHHELD_PIECE, GuardedRelease
from palisade.guard.base import ScanResult, Stage
from palisade.guard.pipeline import Guard
from palisade.guard.registry import build_guard
from palisade.providers import ScriptedProvider
from palisade.providers.base import Completion
from palisade.scm.base import PullRequestSink
from palisade.storage import Store
from palisade.validators import validate_files

TOKEN = "ghp_" + "Zx8Kq2Lm4Np6Rt8Vw0Yb2Cd4Ef6Gh8Jk0Mn2P"
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAx3kQ9Xbq2Lr7Vv0sW1t8ZpQ4mN6yH2cK9dF3gJ5hL7nR1sT0\n"
    "-----END RSA PRIVATE KEY-----\n"
)


class PairScanner:
    """Blocks a text holding both halves of a forbidden pair: a risk visible only in the whole reply."""

    name: ClassVar[str] = "Pair"
    stage: ClassVar[Stage] = "output"

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        both = "FORBIDDEN-A" in text and "FORBIDDEN-B" in text
        return ScanResult(self.name, text, "blocked" if both else "pass", 1.0 if both else 0.0)


def output_guard() -> Guard:
    return build_guard("output", None)


def feed_all(release: GuardedRelease, deltas: list[str]) -> list[list[str]]:
    return [release.feed(d) for d in deltas]


def test_text_is_released_at_line_ends_only() -> None:
    release = GuardedRelease(output_guard())
    out = feed_all(release, ["Here is ", "the plan.\nSecond ", "line", ".\n"])
    assert out == [[], ["Here is the plan.\n"], [], ["Second line.\n"]]
    assert release.flush() == []
    assert release.released_text == release.raw_text == "Here is the plan.\nSecond line.\n"


def test_a_code_block_is_held_until_its_fence_closes() -> None:
    release = GuardedRelease(output_guard())
    assert release.feed("Intro\n```hcl\n") == ["Intro\n"]
    assert release.feed('resource "x" "y" {}\n') == []
    assert release.feed("```\nAfter\n") == ['```hcl\nresource "x" "y" {}\n```\nAfter\n']


def test_a_pem_block_is_held_whole_and_redacted_whole() -> None:
    release = GuardedRelease(output_guard())
    pieces: list[str] = []
    for line in PEM.splitlines(keepends=True):
        pieces.extend(release.feed(line))
    (piece,) = pieces  # nothing of the key went out before its END line
    assert "MIIEow" not in piece and "REDACTED" in piece
    assert release.redacted


def test_a_secret_on_a_line_is_redacted_before_release() -> None:
    release = GuardedRelease(output_guard())
    (piece,) = release.feed(f"token = {TOKEN}\n")
    assert TOKEN not in piece and "[REDACTED" in piece
    assert TOKEN in release.raw_text  # kept for the final whole-reply scan, never shown


def test_a_blocked_piece_is_replaced_by_a_marker() -> None:
    guard = Guard([PairScanner()], stage="output")
    release = GuardedRelease(guard)
    assert release.feed("FORBIDDEN-A and FORBIDDEN-B\nfine\n") == [WITHHELD_PIECE]
    assert release.blocked


def test_an_unclosed_block_is_released_once_it_grows_too_long() -> None:
    release = GuardedRelease(output_guard(), max_hold_chars=100)
    assert release.feed("```\n") == []
    pieces = release.feed("x" * 60 + "\n" + "y" * 60 + "\n")
    assert pieces and pieces[0].startswith("```\n")


def test_rounds_are_separated_by_a_blank_line_and_leading_space_is_dropped() -> None:
    release = GuardedRelease(output_guard())
    release.separate()  # nothing before: no gap
    assert release.feed("  \n First round.\n") == ["First round.\n"]
    release.separate()
    assert release.feed("Second.\n") == ["\nSecond.\n"]
    assert release.released_text == "First round.\n\nSecond.\n"


def test_discarded_text_is_neither_released_nor_scanned_later() -> None:
    release = GuardedRelease(output_guard())
    release.feed("kept\nhalf a lin")
    release.discard()
    assert release.raw_text == "kept\n" and release.flush() == []


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_a_reply_flagged_only_as_a_whole_is_withheld(catalog: Catalog, tmp_path: Path) -> None:
    """Each line passes on its own; the whole reply does not: the stored reply is withheld."""
    root = tmp_path
    scripted = ScriptedProvider(Completion(text="First FORBIDDEN-A.\nThen FORBIDDEN-B.\n"))

    def sinks(target: str | None) -> PullRequestSink:  # pragma: no cover - no PR in this test
        raise AssertionError("no pull request expected")

    engine = ChatEngine(
        catalog=catalog,
        input_guard=build_guard("input", None),
        output_guard=Guard([PairScanner()], stage="output"),
        secrets_guard=build_guard("output", [ScannerConfig(type="Secrets")]),
        provider=scripted,
        validate=validate_files,
        store=Store(f"sqlite:///{root / 'engine.db'}"),
        sink_factory=sinks,
    )

    async def collect() -> list[TurnEvent]:
        return [e async for e in engine.stream("tell me")]

    events = asyncio.run(collect())
    done = events[-1]
    turn = done.turn
    assert turn is not None and turn.withheld and done.data["withheld"] is True
    assert turn.reply == "The answer was withheld because the output guard flagged it."
    assert "guard_blocked" in [n.kind for n in turn.notices]
    stored = engine.store.list_messages(turn.conversation_id)[-1]
    assert "FORBIDDEN" not in stored.content
    engine.store.close()
