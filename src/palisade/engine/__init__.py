"""The chat engine: composes guard, provider, blueprints, validation and pull requests."""

from palisade.engine.chat import ChatEngine, Notice, Proposal, Question, TurnResult
from palisade.engine.factory import build_engine

__all__ = ["ChatEngine", "Notice", "Proposal", "Question", "TurnResult", "build_engine"]
