"""Typed events of one chat turn, in the order a channel shows them.

``ChatEngine.stream`` yields these; ``ChatEngine.send`` drains the same stream and returns the final
``TurnResult``. Channels render events as they come (the HTTP API as server-sent events, the terminal with
Rich). The event order within a turn is fixed:

    started → guard(input) → (notice | delta | tool)* → [proposal → validation]* → [question]*
            → guard(output) → done     (or, on a failure after ``started``: … → error)

``notice``, ``delta`` and ``tool`` interleave in the order things happen: a model's text streams while it
works, a tool call may raise a notice (a refused call, a withheld result) between two pieces of text.

``data`` is plain JSON. Nothing in an event was seen by a user before the guard passed it: ``delta`` text
has been through the output guard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from palisade.engine.chat import TurnResult

EventType = Literal[
    "started",  # {"conversation_id"}
    "guard",  # {"stage": "input"|"output", "valid", "blocked", "scanners", "summary"}
    "notice",  # {"kind", "message"}
    "delta",  # {"text"}: the next piece of the guarded reply
    "proposal",  # Proposal.to_dict()
    "validation",  # {"proposal_id", "blueprint", **ValidationReport.to_dict()}
    "question",  # {"param", "question", "blueprint"}
    "tool",  # {"id", "name", "ok", "proposal": branch | None}: a tool call the assistant made
    "done",  # TurnResult.to_dict()
    "error",  # {"kind", "message"} — emitted by channels when the stream raises
]

EVENT_TYPES: tuple[str, ...] = (
    "started",
    "guard",
    "notice",
    "delta",
    "proposal",
    "validation",
    "question",
    "tool",
    "done",
    "error",
)


@dataclass(frozen=True, slots=True)
class TurnEvent:
    type: EventType
    data: dict[str, Any]
    turn: TurnResult | None = field(default=None, compare=False)  # set on ``done`` only

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "data": self.data}
