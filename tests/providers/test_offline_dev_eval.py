"""Floors for the offline engine on the labelled development set (measured figures minus a margin)."""

from __future__ import annotations

import pytest

from tests.providers.dev_eval import DEV_SET, evaluate

FLOORS = {
    "blueprint_set_accuracy": 0.95,
    "param_precision": 0.95,
    "param_recall": 0.93,
    "missing_recall": 0.9,
    "out_of_scope_accuracy": 0.95,
    "insecure_recall": 0.9,
}


@pytest.mark.skipif(not DEV_SET.exists(), reason="shared dev set not available")
def test_dev_set_figures_stay_above_floors() -> None:
    figures = evaluate(DEV_SET).figures()
    low = {k: (figures[k], floor) for k, floor in FLOORS.items() if figures[k] < floor}
    assert not low, low
    assert figures["insecure_false_alarms"] <= 3
