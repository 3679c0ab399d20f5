"""Pathological messages at the length limit get an ordinary answer (no crash, no super-linear hang).

These inputs once took seconds in the offline engine's value and cloud scans (overlapping regex starts on
long runs of word characters); the benchmark for such costs is ``palisade eval redteam`` (resource_abuse).
"""

from __future__ import annotations

import asyncio

import pytest

from palisade.blueprints import Catalog
from palisade.providers import OfflineProvider
from palisade.providers._route import hinted_clouds
from palisade.providers._text import scan_values
from palisade.providers.base import GenerationOptions, Message

CASES = {
    "one-long-word": "a" * 19_000 + "!",
    "digits": "1" * 19_000,
    "hyphenated": "ab-" * 6_000,
    "emails": "a@b.c " * 3_000,
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_offline_engine_answers_pathological_input(text: str) -> None:
    provider = OfflineProvider(Catalog.load().summaries())
    completion = asyncio.run(
        provider.complete([Message(role="user", content=text)], options=GenerationOptions())
    )
    assert completion.text or completion.tool_calls


def test_the_linear_rewrites_still_find_what_they_did() -> None:
    found = [f.value for f in scan_values("mail a.b+c@example.co.uk and (sec-ops@corp.example)")]
    assert found == ["a.b+c@example.co.uk", "sec-ops@corp.example"]
    assert hinted_clouds("put it in the data-prod-7 project") == {"gcp"}
    assert hinted_clouds("the orders project") == set()
