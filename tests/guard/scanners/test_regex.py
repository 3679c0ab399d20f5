"""Regex: banned and required patterns, redaction on the original text."""

from __future__ import annotations

import pytest

from palisade.guard.scanners.regex import RegexScanner

BEARER = r"Bearer [A-Za-z0-9\-._~+/]+"
ZW = "\u200b"


@pytest.mark.parametrize(
    ("kwargs", "text", "outcome", "sanitized"),
    [
        pytest.param({}, "auth Bearer abc.def", "blocked", "auth Bearer abc.def", id="banned"),
        pytest.param({}, "no token here", "pass", "no token here", id="clean"),
        pytest.param(
            {"redact": True},
            "auth Bearer abc.def ok",
            "sanitized",
            "auth [REDACTED] ok",
            id="redact",
        ),
        pytest.param(
            {"redact": True},
            f"auth Bear{ZW}er abc.def ok",
            "sanitized",
            "auth [REDACTED] ok",
            id="redact-across-zero-width",
        ),
        pytest.param(
            {"redact": True},
            "auth Ｂｅａｒｅｒ abc ok",
            "sanitized",
            "auth [REDACTED] ok",
            id="full-width",
        ),
        pytest.param(
            {"is_blocked": False}, "Bearer abc", "pass", "Bearer abc", id="required-present"
        ),
        pytest.param({"is_blocked": False}, "nothing", "blocked", "nothing", id="required-missing"),
        pytest.param(
            {"match_type": "fullmatch"},
            "x Bearer abc",
            "pass",
            "x Bearer abc",
            id="fullmatch-partial",
        ),
        pytest.param(
            {"match_type": "fullmatch"}, "Bearer abc", "blocked", "Bearer abc", id="fullmatch"
        ),
    ],
)
def test_regex(kwargs: dict[str, object], text: str, outcome: str, sanitized: str) -> None:
    result = RegexScanner(patterns=[BEARER], **kwargs).scan(text)  # type: ignore[arg-type]
    assert (result.outcome, result.text) == (outcome, sanitized)
    assert result.risk == (0.0 if outcome == "pass" else 1.0)


def test_overlapping_matches_are_redacted_once() -> None:
    result = RegexScanner(patterns=["abc", "bcd"], redact=True).scan("xabcdx")
    assert result.text == "x[REDACTED]x"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"patterns": ["("]}, "invalid regular expression", id="syntax"),
        pytest.param({"patterns": []}, "must not be empty", id="empty"),
        pytest.param({"patterns": ["x"], "match_type": "match"}, "match_type", id="match-type"),
        pytest.param(
            {"patterns": ["x"], "is_blocked": 1}, "is_blocked must be true or false", id="flag"
        ),
    ],
)
def test_bad_params(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RegexScanner(**kwargs)  # type: ignore[arg-type]
