"""BanSubstrings: homoglyphs, zero-width and tag characters, full-width forms do not dodge the list."""

from __future__ import annotations

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.ban_substrings import BanSubstringsScanner

ZW = "\u200b"


@pytest.mark.parametrize(
    ("text", "kwargs", "outcome"),
    [
        pytest.param("please run rm -rf /", {}, "blocked", id="plain"),
        pytest.param("please run RM -RF /", {}, "blocked", id="case-insensitive"),
        pytest.param("please run RM -RF /", {"case_sensitive": True}, "pass", id="case-sensitive"),
        pytest.param(f"please run r{ZW}m -r{ZW}f /", {}, "blocked", id="zero-width"),
        pytest.param("please run r\U000e0020m -rf /", {}, "blocked", id="unicode-tag"),
        pytest.param("please run ｒｍ －ｒｆ /", {}, "blocked", id="full-width"),
        pytest.param("please run rm -rf /", {"substrings": ["drop table"]}, "pass", id="absent"),
        pytest.param(
            "the pаsswоrd is", {"substrings": ["password"]}, "blocked", id="cyrillic-homoglyphs"
        ),
        pytest.param(
            "passwords", {"substrings": ["password"], "match_type": "word"}, "pass", id="word-no"
        ),
        pytest.param(
            "my password:", {"substrings": ["password"], "match_type": "word"}, "blocked", id="word"
        ),
        pytest.param(
            "drop table",
            {"substrings": ["drop", "truncate"], "contains_all": True},
            "pass",
            id="all-missing",
        ),
        pytest.param(
            "drop; truncate",
            {"substrings": ["drop", "truncate"], "contains_all": True},
            "blocked",
            id="all",
        ),
    ],
)
def test_matching(text: str, kwargs: dict[str, object], outcome: str) -> None:
    params: dict[str, object] = {"substrings": ["rm -rf"], **kwargs}
    assert BanSubstringsScanner(**params).scan(text).outcome == outcome  # type: ignore[arg-type]


def test_redact_removes_the_original_characters() -> None:
    text = f"run r{ZW}m -rf now, then RM -RF again"
    result = BanSubstringsScanner(substrings=["rm -rf"], redact=True).scan(text)
    assert result == ScanResult(
        "BanSubstrings",
        "run [REDACTED] now, then [REDACTED] again",
        "sanitized",
        1.0,
        reason=result.reason,
        detections=result.detections,
        elapsed_ms=result.elapsed_ms,
    )
    assert [text[d.start : d.end] for d in result.detections] == [f"r{ZW}m -rf", "RM -RF"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"substrings": []}, "substrings must not be empty", id="empty"),
        pytest.param({"substrings": "test"}, "list of strings", id="string"),
        pytest.param(
            {"substrings": ["x"], "match_type": "regex"}, "match_type must be one of", id="match"
        ),
        pytest.param({"substrings": [ZW]}, "visible characters", id="invisible-only"),
    ],
)
def test_bad_params(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BanSubstringsScanner(**kwargs)  # type: ignore[arg-type]
