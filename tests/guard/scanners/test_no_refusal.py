"""NoRefusal: refusals flagged; look-alike phrasings that are not refusals pass."""

from __future__ import annotations

import pytest

from palisade.guard.scanners.no_refusal import NoRefusalLightScanner, NoRefusalScanner


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry, but I can't help with that.",
        "I cannot assist with creating malware.",
        "As an AI language model, I don't have access to your account.",
        "I must decline this request.",
        "That request goes against my guidelines.",
        "I won't be able to do that.",
        "I’m afraid I can’t provide that information.",  # typographic apostrophes
        "Unfortunately, I'm unable to comply with this request.",
    ],
)
def test_refusals(text: str) -> None:
    result = NoRefusalScanner().scan(text)
    assert result.outcome == "blocked" and result.risk >= 0.75


@pytest.mark.parametrize(
    "text",
    [
        "As an example, here is a bucket policy that denies plain HTTP.",
        "I can't stress enough how important encryption at rest is.",
        "I can't help but notice port 22 is open to the world.",
        "I cannot recommend this approach highly enough.",
        "I can't wait to see it deployed!",
        "You can't disable this setting; it cannot be undone.",
        "Unfortunately, the bucket name is already taken; try acme-logs-2.",
        "Here is the log line:\n```\nERROR: I can't help with that (bot v1)\n```\nIt comes from the old bot.",
        "> I cannot help with that\nThat quote was the old bot's answer.",
    ],
)
def test_not_refusals(text: str) -> None:
    assert NoRefusalScanner().scan(text).outcome == "pass"


def test_light_variant_has_no_parameters() -> None:
    assert NoRefusalLightScanner().scan("I can't help with that.").outcome == "blocked"
    assert NoRefusalLightScanner.name == "NoRefusalLight"


def test_bad_match_type() -> None:
    with pytest.raises(ValueError, match="match_type"):
        NoRefusalScanner(match_type="token")  # type: ignore[arg-type]
