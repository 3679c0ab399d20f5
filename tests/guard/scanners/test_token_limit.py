"""TokenLimit: the estimate over-counts, blocks or truncates over the budget."""

from __future__ import annotations

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
