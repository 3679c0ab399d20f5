"""Infrastructure identifiers that look like personal data stay intact; the look-alike PII does not."""

from __future__ import annotations

import pytest

from palisade.config import ScannerConfig
from palisade.guard.base import Scanner
from palisade.guard.registry import build_scanner

KEPT = [
    "please call me back: our aws account 123456789012 needs a read-only role",
    "contact the owner of arn:aws:iam::123456789012:role/deploy",
    "encrypt with arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "trust account id: 210987654321 (call the platform team if unsure)",
]
REDACTED = [
    ("call me on 415 555 0132 when it is merged", "415 555 0132"),
    ("my mobile is +44 7700 900123", "7700 900123"),
]


@pytest.fixture(scope="module")
def anonymize() -> Scanner:
    return build_scanner("input", ScannerConfig(type="Anonymize"))


@pytest.mark.parametrize("text", KEPT)
def test_account_ids_are_not_phone_numbers(anonymize: Scanner, text: str) -> None:
    result = anonymize.scan(text)
    assert result.text == text, result.text


@pytest.mark.parametrize(("text", "value"), REDACTED)
def test_real_phone_numbers_are_still_redacted(anonymize: Scanner, text: str, value: str) -> None:
    result = anonymize.scan(text)
    assert value not in result.text and "[REDACTED_PHONE_NUMBER_1]" in result.text
