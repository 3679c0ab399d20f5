"""The chat engine: composes guard, provider, blueprints, validation and pull requests."""

from palisade.engine.chat import ChatEngine, Notice, Proposal, Question, TurnResult
from palisade.engine.events import EVENT_TYPES, TurnEvent
from palisade.engine.factory import build_engine

__all__ = [
    "EVENT_TYPES",
    "ChatEngine",
    "Notice",
    "Proposal",
    "Question",
    "TurnEvent",
    "TurnResult",
    "build_engine",
]
