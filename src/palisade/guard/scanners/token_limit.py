"""Refuse (or cut) prompts longer than a token budget — LLM Guard's ``TokenLimit``, exact when it can be.

**Exact**: when the ``tiktoken`` package is installed and the encoding's BPE file is on disk — named by
``encoding_file`` or already in tiktoken's own cache (``TIKTOKEN_CACHE_DIR``, else ``DATA_GYM_CACHE_DIR``,
else ``<tmp>/data-gym-cache``) — the count is tiktoken's. The file is found and read here, and tiktoken only
gets the ranks, so it never downloads anything (its own loader fetches from the internet when the cache
misses or a cached file fails its hash check). A cached file must match OpenAI's published SHA-256; an
explicit ``encoding_file`` may be any file in tiktoken's format (one ``base64-token rank`` pair per line),
and the counts then follow that file.

**Estimate** otherwise. tiktoken downloads its BPE files on first use, so offline it usually cannot load an
encoding. The estimate is built to over-count for the BPE encodings of OpenAI models (cl100k_base,
o200k_base...), piece by piece as their pre-tokeniser splits text:

- a run of ASCII letters: ⌈n/3⌉ tokens (English words average ~4 letters per token in cl100k, so ordinary
  prose is over-counted by roughly 1.5×; random mixed-case strings, closer to 2–3 letters per token, are still
  over-counted or counted about right);
- a run of digits: ⌈n/3⌉ tokens (exact: cl100k splits digits into groups of at most three);
- each other ASCII character (punctuation, symbols): one token; a single space before a word: free (BPE merges
  it into the word); other whitespace runs: ⌈n/4⌉;
- a non-ASCII letter: one token below U+0800 (accented Latin, Greek, Cyrillic), two from U+0800 (CJK, Indic...);
  any other non-ASCII character (emoji, symbols): its UTF-8 byte count, which is an upper bound.

It is not a proven upper bound for every text (no count is, without the vocabulary), but it exceeds tiktoken's
count on prose, code and identifiers by a margin; a budget set with it errs on the side of refusing.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params

if TYPE_CHECKING:
    import tiktoken

__all__ = ["TokenLimitScanner", "estimate_tokens"]

logger = logging.getLogger(__name__)

_PIECE = re.compile(r"[A-Za-z]{1,64}|[0-9]{1,64}| (?=[A-Za-z])|\s{1,64}|[\x21-\x7e]|[^\x00-\x7f]")


def _piece_tokens(piece: str) -> int:
    first = piece[0]
    if first.isascii():
        if first.isalpha() or first.isdigit():
            return -(-len(piece) // 3)
        if piece == " ":
            return 0
        if first.isspace():
            return -(-len(piece) // 4)
        return 1
    if first.isalpha():
        return 1 if ord(first) < 0x800 else 2
    return len(first.encode("utf-8", "surrogatepass"))


def _cut(text: str, limit: int) -> tuple[int, int]:
    """(estimated tokens, index where the budget ``limit`` runs out — len(text) when it does not)."""
    total = 0
    cut = len(text)
    for m in _PIECE.finditer(text):
        total += _piece_tokens(m.group())
        if total > limit and cut == len(text):
            cut = m.start()
    return total, cut


def estimate_tokens(text: str) -> int:
    """The estimated token count of ``text`` (see the module docstring for how it over-counts)."""
    return _cut(text, len(text) * 4 + 1)[0]


# --------------------------------------------------------------------------------------- exact counts

_PUBLISHED_AT = "https://openaipublic.blob.core.windows.net/encodings/"


@dataclass(frozen=True, slots=True)
class _Encoding:
    """What defines one of OpenAI's encodings besides its ranks: the published file (and its SHA-256, as
    tiktoken checks it) and the pre-tokeniser pattern, which must match OpenAI's byte for byte."""

    file: str
    sha256: str
    pattern: str


_R50K_PATTERN = (
    r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
)
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_O200K_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_R50K = _Encoding(
    "r50k_base.tiktoken",
    "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    _R50K_PATTERN,
)
_P50K = _Encoding(
    "p50k_base.tiktoken",
    "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    _R50K_PATTERN,
)
ENCODINGS: dict[str, _Encoding] = {
    "cl100k_base": _Encoding(
        "cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        _CL100K_PATTERN,
    ),
    "o200k_base": _Encoding(
        "o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        _O200K_PATTERN,
    ),
    "p50k_base": _P50K,
    "p50k_edit": _P50K,  # the same ranks; its extra tokens are special ones, never counted here
    "r50k_base": _R50K,
    "gpt2": _R50K,  # tiktoken builds gpt2 from older files, but its ranks are r50k_base's
}

Counting = Literal["exact", "estimate"]


def tiktoken_cache_file(encoding_name: str) -> Path | None:
    """Where tiktoken keeps ``encoding_name``'s downloaded file (``None`` when its cache is disabled)."""
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        directory = os.environ["TIKTOKEN_CACHE_DIR"]
    elif "DATA_GYM_CACHE_DIR" in os.environ:
        directory = os.environ["DATA_GYM_CACHE_DIR"]
    else:
        directory = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if not directory:
        return None
    url = _PUBLISHED_AT + ENCODINGS[encoding_name].file
    return Path(directory) / hashlib.sha1(url.encode()).hexdigest()


def _ranks(data: bytes, source: str) -> dict[bytes, int]:
    ranks: dict[bytes, int] = {}
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split()
        try:
            if len(fields) != 2:
                raise ValueError("expected two fields")
            ranks[base64.b64decode(fields[0], validate=True)] = int(fields[1])
        except (binascii.Error, ValueError):
            raise ValueError(
                f"{source} line {number} is not 'base64-token rank'; is it a tiktoken BPE file?"
            ) from None
    missing = 256 - len({token for token in ranks if len(token) == 1})
    if missing:
        raise ValueError(
            f"{source} lacks {missing} of the 256 single-byte tokens, so some texts could not be "
            "counted; is it a complete tiktoken BPE file?"
        )
    return ranks


@functools.lru_cache(maxsize=4)
def _load(
    path: Path, encoding_name: str, _stamp: tuple[int, int]
) -> tuple[tiktoken.Encoding, bool]:
    """tiktoken's encoder over the ranks in ``path`` (cached per file version), and whether the file is
    the one OpenAI publishes."""
    import tiktoken

    data = path.read_bytes()
    spec = ENCODINGS[encoding_name]
    published = hashlib.sha256(data).hexdigest() == spec.sha256
    encoding = tiktoken.Encoding(
        f"palisade-{encoding_name}",
        pat_str=spec.pattern,
        mergeable_ranks=_ranks(data, str(path)),
        special_tokens={},
    )
    return encoding, published


@dataclass(frozen=True, slots=True)
class _Counter:
    """How this scanner counts: tiktoken's ``encoding`` (exact) or the estimate, and why."""

    counting: Counting
    source: str
    encoding: tiktoken.Encoding | None = None


def _counter(encoding_name: str, encoding_file: str | None) -> _Counter:
    """Exact when tiktoken is installed and a usable file is on disk, else the estimate; an explicit
    ``encoding_file`` that cannot be used is an error (the operator asked for exact counts)."""
    explicit = encoding_file is not None
    path = Path(encoding_file) if encoding_file is not None else tiktoken_cache_file(encoding_name)
    if explicit and (path is None or not path.is_file()):
        raise ValueError(
            f"encoding_file {encoding_file} is not a file; give the path of a .tiktoken file"
        )
    if path is None or not path.is_file():
        where = (
            f"tiktoken's cache ({path.parent})" if path is not None else "(tiktoken's cache is off)"
        )
        return _Counter("estimate", f"no {ENCODINGS[encoding_name].file} in {where}")
    try:
        import tiktoken  # noqa: F401  # only tells whether it is installed; _load uses it
    except ImportError:
        if explicit:
            raise ValueError(
                "encoding_file needs the tiktoken package; install it with "
                "`pip install 'palisade[tiktoken]'`"
            ) from None
        return _Counter("estimate", "the tiktoken package is not installed")
    stat = path.stat()
    try:
        encoding, published = _load(path, encoding_name, (stat.st_mtime_ns, stat.st_size))
    except (OSError, ValueError) as exc:
        if explicit:
            raise ValueError(f"encoding_file: {exc}") from None
        return _Counter("estimate", f"the cached {path} cannot be used: {exc}")
    if not published and not explicit:
        # tiktoken itself would delete this file and download it again; never claim exact counts from it.
        return _Counter(
            "estimate", f"the cached {path} is not OpenAI's published file (SHA-256 differs)"
        )
    kind = "OpenAI's published file" if published else "not OpenAI's published file"
    return _Counter("exact", f"tiktoken, {encoding_name} from {path} ({kind})", encoding)


_ANNOUNCED: set[tuple[str, str]] = set()


def _announce(encoding_name: str, counter: _Counter) -> None:
    """Say once per process and encoding how tokens are counted: an estimate must not pass for exact."""
    key = (encoding_name, counter.source)
    if key in _ANNOUNCED:
        return
    _ANNOUNCED.add(key)
    if counter.counting == "exact":
        logger.info("TokenLimit counts %s tokens exactly with %s", encoding_name, counter.source)
    else:
        logger.info(
            "TokenLimit estimates %s tokens (over-counting): %s. For exact counts install "
            "palisade[tiktoken] and put the encoding's file in TIKTOKEN_CACHE_DIR or give encoding_file",
            encoding_name,
            counter.source,
        )


# -------------------------------------------------------------------------------------------- scanner


class TokenLimitScanner:
    """``blocked`` over ``limit`` tokens; with ``truncate=True`` the text is cut to the budget instead
    (``sanitized``), as LLM Guard does. ``counting`` says whether the count is exact or the estimate, and
    ``count_source`` why."""

    name: ClassVar[str] = "TokenLimit"
    stage: ClassVar[Stage] = "input"

    def __init__(
        self,
        *,
        limit: int = 4096,
        encoding_name: str = "cl100k_base",
        model_name: str | None = None,
        truncate: bool = False,
        encoding_file: str | None = None,
    ) -> None:
        self.limit = params.integer("limit", limit, low=1)
        self.encoding_name = params.choice("encoding_name", encoding_name, tuple(ENCODINGS))
        if model_name is not None and not isinstance(model_name, str):
            raise ValueError("model_name must be a string")
        self.model_name = model_name  # accepted for LLM Guard compatibility; encoding_name decides
        self.truncate = params.flag("truncate", truncate)
        self.sanitizes = self.truncate
        if encoding_file is not None and (not isinstance(encoding_file, str) or not encoding_file):
            raise ValueError("encoding_file must be the path of a .tiktoken file")
        counter = _counter(self.encoding_name, encoding_file)
        _announce(self.encoding_name, counter)
        self._encoding = counter.encoding
        self.counting: Counting = counter.counting
        self.count_source = counter.source

    def count(self, text: str) -> int:
        """The token count ``scan`` compares with the limit."""
        if self._encoding is not None:
            return len(self._encoding.encode_ordinary(text))
        return estimate_tokens(text)

    def _measure(self, text: str) -> tuple[int, int]:
        """(tokens, index where the budget runs out — len(text) when it does not)."""
        if self._encoding is None:
            return _cut(text, self.limit)
        tokens = self._encoding.encode_ordinary(text)
        if len(tokens) <= self.limit:
            return len(tokens), len(text)
        # The kept tokens' bytes are a prefix of the text's UTF-8; "ignore" drops only a split last character.
        kept = self._encoding.decode_bytes(tokens[: self.limit]).decode("utf-8", "ignore")
        return len(tokens), len(kept)

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        total, cut = self._measure(text)
        if total <= self.limit:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        if self.counting == "exact":
            reason = f"{total} tokens ({self.encoding_name}, exact), over the limit of {self.limit}"
        else:
            reason = f"about {total} tokens (estimated), over the limit of {self.limit}"
        return ScanResult(
            self.name,
            text[:cut] if self.truncate else text,
            "sanitized" if self.truncate else "blocked",
            1.0,
            reason=reason + ("; truncated" if self.truncate else ""),
            detections=(Detection("token-limit", cut, len(text)),),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
