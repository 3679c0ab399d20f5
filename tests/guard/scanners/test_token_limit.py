"""TokenLimit: the estimate over-counts; tiktoken counts exactly from a local BPE file; both block or
truncate over the budget."""

from __future__ import annotations

import base64
import hashlib
import logging
from pathlib import Path

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.token_limit import TokenLimitScanner, estimate_tokens


@pytest.mark.parametrize(
    ("text", "at_least"),
    [
        # Lower bounds a correct estimate must reach: tiktoken's cl100k counts for these are at most the
        # number on the right (one token per word or less for common English, digits in groups of three).
        pytest.param("the quick brown fox jumps over the lazy dog", 9, id="english-words"),
        pytest.param("1234567890", 4, id="digits-in-threes"),
        pytest.param("!!!???", 2, id="punctuation"),
        pytest.param("数据" * 10, 20, id="cjk"),
        pytest.param("🙂" * 5, 5, id="emoji"),
    ],
)
def test_estimate_is_not_below_plain_counts(text: str, at_least: int) -> None:
    assert estimate_tokens(text) >= at_least


def test_estimate_over_counts_english_prose() -> None:
    prose = (
        "Please create a private encrypted bucket for the audit logs of our payments team, keep the "
        "objects for one year and block every form of public access."
    )
    words = len(prose.split())
    assert estimate_tokens(prose) >= words * 1.2  # English runs at ~1.3 tokens per word in cl100k


@pytest.mark.parametrize(
    ("truncate", "outcome", "text"),
    [
        pytest.param(False, "blocked", "word " * 40, id="block"),
        pytest.param(True, "sanitized", ("word " * 40)[:50], id="truncate"),
    ],
)
def test_over_the_limit(truncate: bool, outcome: str, text: str) -> None:
    result = TokenLimitScanner(limit=20, truncate=truncate).scan("word " * 40)
    assert result.outcome == outcome
    assert result.risk == 1.0
    assert result.text == text
    assert "over the limit of 20" in result.reason


def test_truncated_text_fits_the_budget() -> None:
    text = "alpha beta gamma delta " * 100
    result = TokenLimitScanner(limit=64, truncate=True).scan(text)
    assert estimate_tokens(result.text) <= 64 < estimate_tokens(text)


def test_under_the_limit_passes() -> None:
    result = TokenLimitScanner(limit=4096).scan("short request")
    assert result == ScanResult(
        "TokenLimit", "short request", "pass", 0.0, elapsed_ms=result.elapsed_ms
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"limit": 0}, "limit must be at least 1", id="zero"),
        pytest.param({"limit": "many"}, "limit must be a whole number", id="type"),
        pytest.param({"encoding_name": "cl99k"}, "encoding_name must be one of", id="encoding"),
        pytest.param({"truncate": "yes"}, "truncate must be true or false", id="flag"),
    ],
)
def test_bad_params(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TokenLimitScanner(**kwargs)  # type: ignore[arg-type]


# ------------------------------------------------------------------ exact counts with tiktoken

# A tiny vocabulary in tiktoken's file format: every single byte, then merges that make "hello" one
# token and "1234" one token (through "12" and "123"). Counts below are worked out by hand with BPE.
MERGES = [b"he", b"ll", b"hell", b"hello", b"12", b"123", b"1234"]


@pytest.fixture(autouse=True)
def no_tiktoken_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An empty tiktoken cache, so a developer's downloaded encodings never change these tests."""
    cache = tmp_path_factory.mktemp("tiktoken-cache")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    monkeypatch.delenv("DATA_GYM_CACHE_DIR", raising=False)
    return cache


def _bpe_file(path: Path, tokens: list[bytes] | None = None) -> Path:
    vocabulary = [bytes([b]) for b in range(256)] + MERGES if tokens is None else tokens
    lines = [f"{base64.b64encode(t).decode()} {rank}" for rank, t in enumerate(vocabulary)]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def bpe(tmp_path: Path) -> str:
    return str(_bpe_file(tmp_path / "tiny.tiktoken"))


def test_without_a_local_file_the_estimate_is_used_and_said(no_tiktoken_cache: Path) -> None:
    scanner = TokenLimitScanner(encoding_name="o200k_base")
    assert scanner.counting == "estimate"
    assert (
        scanner.count_source == f"no o200k_base.tiktoken in tiktoken's cache ({no_tiktoken_cache})"
    )
    assert scanner.count("hello hello") == estimate_tokens("hello hello") == 4


@pytest.mark.parametrize(
    ("encoding_name", "text", "tokens"),
    [
        pytest.param("r50k_base", "hello", 1, id="merged-word"),
        pytest.param(
            "r50k_base", "hello hello", 3, id="space-is-its-own-token"
        ),  # hello, ' ', hello
        pytest.param("r50k_base", "xyz", 3, id="no-merges"),
        pytest.param("r50k_base", "é", 2, id="two-utf8-bytes"),  # the estimate says 1
        pytest.param("r50k_base", "<|endoftext|>", 13, id="special-text-is-plain"),
        pytest.param("r50k_base", "1234", 1, id="r50k-keeps-digit-runs"),
        pytest.param("cl100k_base", "1234", 2, id="cl100k-splits-digits-in-threes"),  # 123, 4
        pytest.param("o200k_base", "1234", 2, id="o200k-splits-digits-in-threes"),
        pytest.param("gpt2", "hello hello", 3, id="gpt2-is-r50k"),
    ],
)
def test_exact_counts_follow_the_file_and_the_encodings_pattern(
    bpe: str, encoding_name: str, text: str, tokens: int
) -> None:
    scanner = TokenLimitScanner(encoding_name=encoding_name, encoding_file=bpe)
    assert scanner.counting == "exact"
    assert scanner.count(text) == tokens


def test_exact_blocking_and_truncation(bpe: str) -> None:
    text = "hello hello hello world"  # hello | ' ' hello | ' ' hello | ' ' w o r l d = 1+2+2+6
    blocked = TokenLimitScanner(limit=3, encoding_file=bpe, encoding_name="r50k_base").scan(text)
    assert blocked.outcome == "blocked"
    assert blocked.reason == "11 tokens (r50k_base, exact), over the limit of 3"
    cut = TokenLimitScanner(limit=3, encoding_file=bpe, truncate=True).scan(text)
    assert (cut.outcome, cut.text) == ("sanitized", "hello hello")
    assert TokenLimitScanner(limit=11, encoding_file=bpe).scan(text).outcome == "pass"


def test_truncation_never_splits_a_character(bpe: str) -> None:
    result = TokenLimitScanner(limit=3, encoding_file=bpe, truncate=True).scan("ééé")
    assert result.text == "é"  # 3 byte tokens hold one and a half characters


def test_the_source_says_the_file_is_not_openais(bpe: str) -> None:
    scanner = TokenLimitScanner(encoding_name="o200k_base", encoding_file=bpe)
    assert scanner.count_source == f"tiktoken, o200k_base from {bpe} (not OpenAI's published file)"


def test_a_cached_file_must_be_openais_published_one(no_tiktoken_cache: Path) -> None:
    url = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
    cached = _bpe_file(no_tiktoken_cache / hashlib.sha1(url.encode()).hexdigest())
    scanner = TokenLimitScanner()
    assert scanner.counting == "estimate"
    assert scanner.count_source == (
        f"the cached {cached} is not OpenAI's published file (SHA-256 differs)"
    )


def test_a_disabled_cache_means_the_estimate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    scanner = TokenLimitScanner()
    assert (scanner.counting, scanner.count_source) == (
        "estimate",
        "no cl100k_base.tiktoken in (tiktoken's cache is off)",
    )


def test_how_tokens_are_counted_is_logged_once(bpe: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="palisade.guard.scanners.token_limit"):
        TokenLimitScanner(encoding_file=bpe)
        TokenLimitScanner(encoding_file=bpe, limit=10)
    exact = [r.getMessage() for r in caplog.records if "exactly" in r.getMessage()]
    assert exact == [
        f"TokenLimit counts cl100k_base tokens exactly with tiktoken, cl100k_base from {bpe} "
        "(not OpenAI's published file)"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(None, "is not a file", id="missing"),
        pytest.param("aGVsbG8= 1\nnot-a-pair\n", "line 2 is not 'base64-token rank'", id="format"),
        pytest.param("aGVsbG8= 1\n", "lacks 256 of the 256 single-byte tokens", id="incomplete"),
    ],
)
def test_an_unusable_encoding_file_is_refused(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "bad.tiktoken"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ValueError, match=message):
        TokenLimitScanner(encoding_file=str(path))
