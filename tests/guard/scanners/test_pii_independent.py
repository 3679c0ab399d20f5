"""Anonymize on Palisade's own evaluation sets (``tests/data/pii``): how much personal data still reaches the
model, and how many infrastructure-only messages are changed. Floors sit a little below the measured figures
(see tests/data/pii/README.md); ``independent.jsonl`` was used to improve the detectors, ``fresh.jsonl`` was
not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.pii.score_independent import anonymizer, score

DATA = Path(__file__).resolve().parents[2] / "data" / "pii"


@pytest.mark.parametrize(
    ("name", "floor", "max_false_alarms"),
    [("independent.jsonl", 0.95, 1), ("fresh.jsonl", 0.84, 1)],
)
def test_personal_data_is_replaced_and_infrastructure_is_kept(
    name: str, floor: float, max_false_alarms: int
) -> None:
    result = score(DATA / name, anonymizer(policy=True))
    assert result.share >= floor, "\n".join(result.notes)
    assert result.false_alarms <= max_false_alarms, "\n".join(result.notes)


def test_structured_types_are_always_replaced() -> None:
    """Checksummed and strictly shaped values: nothing of them may reach the model."""
    result = score(DATA / "independent.jsonl", anonymizer(policy=True))
    for kind in ("CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS", "US_SSN", "UK_NINO", "ES_NIF"):
        spans, redacted, _ = result.by_type[kind]
        assert spans and redacted == spans, (kind, result.by_type[kind])
