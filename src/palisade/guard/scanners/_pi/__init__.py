"""Prompt-injection detection internals: text views, rule signals, the linear model (see
``palisade.guard.scanners.prompt_injection`` for the scanner that combines them)."""

from palisade.guard.scanners._pi._heuristic import Hit, score_rules
from palisade.guard.scanners._pi._text import normalize, views

__all__ = ["Hit", "normalize", "score_rules", "views"]
