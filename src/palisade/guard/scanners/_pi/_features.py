"""Hashed word and character n-gram features of a normalized text, per window, in NumPy.

Every n-gram is hashed with a polynomial hash over Unicode code points computed for the whole text at once:
with ``G[i] = Σ_{k<i} c[k]·Q^k`` (``Q`` the inverse of the odd base ``P`` modulo 2^64), the hash of
``text[a:b]`` is ``P^(b-1)·(G[b] - G[a])`` — one subtraction and one product per n-gram, no Python loop.
NumPy's unsigned arithmetic wraps modulo 2^64, which is exactly the ring the hash lives in. The result is
stable across processes (unlike ``hash()``), so training and scanning agree.

Texts are cut into windows of ``WINDOW`` words (stride ``STRIDE``); a window's features are its n-gram
counts divided by the number of n-grams of that family in the window (plus a small pseudo-count), so a score
does not grow with length, a long document is judged by its worst stretch, and a two-word message cannot
look alarming on the strength of two words.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
import numpy.typing as npt

__all__ = [
    "BITS",
    "PSEUDO_CHARS",
    "PSEUDO_WORDS",
    "STRIDE",
    "WINDOW",
    "Features",
    "featurize",
    "signal_bucket",
    "windows",
]

BITS = 19  # 2^19 hashed features
WINDOW = 48  # words per window
STRIDE = 24
CHAR_NGRAMS = (3, 4, 5)
# Pseudo-counts added to a window's n-gram count before averaging: a two-word text has too few n-grams for
# their mean to mean much, so its evidence is shrunk toward "no evidence" (the rule tier covers short attacks).
PSEUDO_WORDS = 8
PSEUDO_CHARS = 60

_P = np.uint64(0x100000001B3)  # odd base
_Q = np.uint64(pow(int(_P), -1, 1 << 64))  # its inverse modulo 2^64
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - BITS)
_SEEDS = {
    "word": np.uint64(0x51ED270B27A4F3C1),
    "bigram": np.uint64(0xA24BAED4963EE407),
    3: np.uint64(0x9FB21C651E98DF25),
    4: np.uint64(0xC13FA9A902A6328F),
    5: np.uint64(0x91E10DA5C79E7B1D),
}
_WORDS_KEPT = re.compile(r"([^\W_]+)")

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Features:
    """Feature buckets and the character offset each occurrence starts at, per family."""

    length: int
    word_buckets: I64
    word_at: I64
    char_buckets: I64
    char_at: I64
    word_starts: I64  # offset of each word (for cutting windows)
    word_ends: I64


def _bucket(h: U64, seed: np.uint64) -> I64:
    return (((h ^ seed) * _MIX) >> _SHIFT).astype(np.int64)


def _prefix(codes: U64) -> tuple[U64, U64]:
    """``G`` (prefix sums of c[k]·Q^k, length n+1) and the powers ``P^j`` (length n+1)."""
    n = codes.size
    q = np.full(n + 1, _Q, dtype=np.uint64)
    q[0] = np.uint64(1)
    qpow = np.cumprod(q, dtype=np.uint64)
    p = np.full(n + 1, _P, dtype=np.uint64)
    p[0] = np.uint64(1)
    ppow = np.cumprod(p, dtype=np.uint64)
    g = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(codes * qpow[:n], dtype=np.uint64, out=g[1:])
    return g, ppow


def _span_hash(g: U64, ppow: U64, a: I64, b: I64) -> U64:
    return ppow[b - 1] * (g[b] - g[a])


def featurize(text: str) -> Features:
    """The hashed n-grams of ``text`` (already normalized: lower case, spaces collapsed)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = codes.size
    g, ppow = _prefix(codes)
    parts = _WORDS_KEPT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    starts = np.asarray(offsets[1:-1:2], dtype=np.int64)
    ends = np.asarray(offsets[2::2], dtype=np.int64)[: starts.size]
    if starts.size:
        word_h = _span_hash(g, ppow, starts, ends)
        uni = _bucket(word_h, _SEEDS["word"])
        bi = _bucket(word_h[:-1] * _MIX + word_h[1:], _SEEDS["bigram"])
        word_buckets = np.concatenate([uni, bi])
        word_at = np.concatenate([starts, starts[:-1]])
    else:
        word_buckets = word_at = np.zeros(0, dtype=np.int64)
    char_b: list[I64] = []
    char_a: list[I64] = []
    for size in CHAR_NGRAMS:
        if n < size:
            continue
        a = np.arange(0, n - size + 1, dtype=np.int64)
        char_b.append(_bucket(_span_hash(g, ppow, a, a + size), _SEEDS[size]))
        char_a.append(a)
    char_buckets = np.concatenate(char_b) if char_b else np.zeros(0, dtype=np.int64)
    char_at = np.concatenate(char_a) if char_a else np.zeros(0, dtype=np.int64)
    return Features(n, word_buckets, word_at, char_buckets, char_at, starts, ends)


def signal_bucket(name: str) -> int:
    """The feature index of a rule signal (``rule:override``...): the model also weighs what the rules saw."""
    return int(zlib.crc32(f"rule:{name}".encode()) & ((1 << BITS) - 1))


def windows(features: Features) -> list[tuple[int, int]]:
    """Character spans of the windows: ``WINDOW`` words each, every ``STRIDE`` words; one span if short."""
    starts, ends = features.word_starts, features.word_ends
    count = starts.size
    if count <= WINDOW:
        return [(0, features.length)]
    spans: list[tuple[int, int]] = []
    first = 0
    while True:
        last = min(first + WINDOW, count) - 1
        spans.append((int(starts[first]), int(ends[last])))
        if last == count - 1:
            break
        first += STRIDE
    return spans
