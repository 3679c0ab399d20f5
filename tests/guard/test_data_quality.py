"""Detector quality on the shared development data; floors sit a little below the measured figures.

These are regression guards, not generalisation estimates: the shipped prompt-injection model was trained
on this file (see docs/guard-detection.md for cross-validated and held-out figures)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from palisade.guard.scanners.prompt_injection import PromptInjectionScanner
from palisade.guard.scanners.secrets import SecretsScanner
from tests.helpers import shared_data_dir

DATA = shared_data_dir()

# Measured 2026-11-26: secrets precision 0.980, recall 0.996; PI recall 0.941, FPR 0.0086 on the whole file
# (in-sample), 0.927 / 0.0069 on the every-other-row sample the test scores (to keep the suite fast).
SECRETS_PRECISION_FLOOR = 0.975
SECRETS_RECALL_FLOOR = 0.985
PI_RECALL_FLOOR = 0.90
PI_FPR_CEILING = 0.01


def _rows(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"shared data {path} is absent (it lives outside the repository)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_secrets_precision_and_recall() -> None:
    scanner = SecretsScanner()
    tp = fp = fn = 0
    for row in _rows("secrets/dev.jsonl"):
        found = scanner.scan(row["text"]).outcome == "sanitized"
        tp += found and row["label"] == 1
        fp += found and row["label"] == 0
        fn += not found and row["label"] == 1
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= SECRETS_PRECISION_FLOOR, precision
    assert recall >= SECRETS_RECALL_FLOOR, recall


def test_prompt_injection_recall_and_false_positive_rate() -> None:
    scanner = PromptInjectionScanner()
    pos = neg = tp = fp = 0
    for row in _rows("pi/dev.jsonl")[::2]:
        blocked = scanner.scan(row["text"]).blocked
        if row["label"] == 1:
            pos += 1
            tp += blocked
        else:
            neg += 1
            fp += blocked
    assert fp / neg <= PI_FPR_CEILING, fp / neg
    assert tp / pos >= PI_RECALL_FLOOR, tp / pos
