"""The model tier: a linear model over hashed word and character n-grams, scored per window.

A text's score is its worst window's logit, so a long benign document is not flagged for being long and an
instruction buried in it is not diluted by the rest. ``risk`` maps the logit through a logistic curve
centred on the calibrated operating point (the logit where the model alone reaches its target false-positive
rate), so ``risk >= 0.5`` means "the model alone would block".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt

from palisade.guard.scanners._pi._features import (
    BITS,
    PSEUDO_CHARS,
    PSEUDO_WORDS,
    STRIDE,
    WINDOW,
    featurize,
    signal_bucket,
    windows,
)

__all__ = ["MODEL_RESOURCE", "LinearModel", "is_degenerate", "load_default_model", "read_npz"]

MODEL_RESOURCE = "pi_linear.npz"
_DEGENERATE_MIN_CHARS = 200
_DEGENERATE_RATIO = 0.02


def is_degenerate(text: str, start: int, end: int) -> bool:
    """A long window made of a handful of characters (``[[[[…``, ``aaaa…``): no language to judge."""
    length = end - start
    return (
        length >= _DEGENERATE_MIN_CHARS and len(set(text[start:end])) < length * _DEGENERATE_RATIO
    )


@dataclass(frozen=True)
class LinearModel:
    weights: npt.NDArray[np.float32]
    bias: float
    center: float  # logit at the operating point
    scale: float  # steepness of the risk curve around it
    meta: dict[str, object]

    def window_logits(self, normalized: str) -> npt.NDArray[np.float64]:
        """The logit of every window of an already-normalized text."""
        f = featurize(normalized)
        spans = windows(f)
        starts = np.fromiter((a for a, _ in spans), dtype=np.int64, count=len(spans))
        ends = np.fromiter((b for _, b in spans), dtype=np.int64, count=len(spans))
        total = np.full(len(spans), self.bias, dtype=np.float64)
        for buckets, at, pseudo in (
            (f.word_buckets, f.word_at, PSEUDO_WORDS),
            (f.char_buckets, f.char_at, PSEUDO_CHARS),
        ):
            if not buckets.size:
                continue
            w = self.weights[buckets].astype(np.float64)
            sums = np.zeros(f.length + 1, dtype=np.float64)
            counts = np.zeros(f.length + 1, dtype=np.float64)
            sums[1:] = np.cumsum(np.bincount(at, weights=w, minlength=f.length))
            counts[1:] = np.cumsum(np.bincount(at, minlength=f.length))
            n = counts[ends] - counts[starts]
            s = sums[ends] - sums[starts]
            total += s / (n + pseudo)
        # degenerate windows score as empty ones (the rule tier still reads them)
        for k, (a, b) in enumerate(spans):
            if is_degenerate(normalized, a, b):
                total[k] = self.bias
        return total

    def logit(self, normalized: str, signals: Iterable[str] = ()) -> float:
        """The worst window's logit plus the learnt weight of every rule signal that fired on the text."""
        rules = sum(float(self.weights[signal_bucket(s)]) for s in set(signals))
        return float(self.window_logits(normalized).max()) + rules

    def risk(self, logit: float) -> float:
        z = (logit - self.center) * self.scale
        return 1.0 / (1.0 + math.exp(-z)) if z >= -60 else 0.0

    @classmethod
    def from_npz(cls, data: dict[str, npt.NDArray[np.generic]]) -> LinearModel:
        meta = json.loads(str(data["meta"]))
        expected = (BITS, WINDOW, STRIDE, PSEUDO_WORDS, PSEUDO_CHARS)
        found = tuple(
            meta.get(k) for k in ("bits", "window", "stride", "pseudo_words", "pseudo_chars")
        )
        if found != expected:
            raise ValueError(
                f"the model was trained with bits/window/stride/pseudo-counts {found}, the featurizer uses "
                f"{expected}; retrain it with `python -m palisade.guard.training.pi train`"
            )
        weights = np.asarray(data["weights"], dtype=np.float32)
        if weights.shape != (1 << BITS,):
            raise ValueError(f"model weights have shape {weights.shape}, expected ({1 << BITS},)")
        return cls(
            weights,
            float(data["bias"]),
            float(data["center"]),
            float(data["scale"]),
            meta,
        )


def read_npz(source: str | Path | IO[bytes]) -> dict[str, npt.NDArray[np.generic]]:
    """The arrays of a saved model, read eagerly (the archive is closed on return)."""
    with np.load(source, allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


@lru_cache(maxsize=1)
def load_default_model() -> LinearModel:
    """The shipped model (loaded once per process)."""
    ref = resources.files("palisade.guard.models").joinpath(MODEL_RESOURCE)
    try:
        with ref.open("rb") as fh:
            data = read_npz(fh)
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(
            f"the prompt-injection model {MODEL_RESOURCE} cannot be read ({exc}); reinstall Palisade, run "
            "`python -m palisade.guard.training.pi train`, or configure PromptInjection with "
            '{"use_model": false}'
        ) from exc
    return LinearModel.from_npz(data)
