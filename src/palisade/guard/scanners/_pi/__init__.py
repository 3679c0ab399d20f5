"""Prompt-injection detection internals (the scanner is ``palisade.guard.scanners.prompt_injection``).

``_text`` (views of a text) → ``_signals``/``_multilingual``/``_framing``/``_suffix`` (rule tier, matched via
``_anchors``) → ``_heuristic`` (combines them); ``_features`` + ``_model`` (linear model tier).
"""

from palisade.guard.scanners._pi._heuristic import Hit, score_rules, signal_names
from palisade.guard.scanners._pi._model import LinearModel, load_default_model
from palisade.guard.scanners._pi._text import normalize, views

__all__ = [
    "Hit",
    "LinearModel",
    "load_default_model",
    "normalize",
    "score_rules",
    "signal_names",
    "views",
]
