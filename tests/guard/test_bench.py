"""The guard benchmark's arithmetic and its command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palisade.config import ScannerConfig
from palisade.guard.bench import (
    _percentiles,
    _roc_auc,
    latency_by_length,
    run_bench,
    synthetic_prompt,
)
from palisade.guard.registry import build_guard
from tests.helpers import run_cli

TOKEN = "ghp_" + "Zx8Kq2Lm4Np6Rt8Vw0Yb2Cd4Ef6Gh8Jk0Mn2P"


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(0.9, 1), (0.1, 0)], 1.0),
        ([(0.1, 1), (0.9, 0)], 0.0),
        ([(0.5, 1), (0.5, 0)], 0.5),
        ([(0.9, 1), (0.4, 0), (0.3, 1), (0.1, 0)], 0.75),
        ([(0.9, 1)], None),
    ],
    ids=["perfect", "inverted", "tie", "mixed", "one-class"],
)
def test_roc_auc(pairs: list[tuple[float, int]], expected: float | None) -> None:
    assert _roc_auc(pairs) == expected


def test_percentiles_of_one_value_and_many() -> None:
    assert _percentiles([2.0]) == {"p50": 2.0, "p95": 2.0, "p99": 2.0}
    assert _percentiles([float(v) for v in range(1, 101)])["p50"] == 50.5


def test_run_bench_counts_confusion_per_scanner_and_group() -> None:
    guard = build_guard("input", [ScannerConfig(type="Secrets")])
    rows = [
        {"text": f"token {TOKEN}", "label": 1, "kind": "github"},
        {"text": "no secret here", "label": 1, "kind": "github"},
        {"text": "git revert 4ef808de68d5590dbfffe905513d2c554df64d7b", "label": 0, "kind": "sha"},
    ]
    report = run_bench(guard, rows).to_dict()
    assert {k: report["overall"][k] for k in ("tp", "fp", "tn", "fn")} == {
        "tp": 1,
        "fp": 0,
        "tn": 1,
        "fn": 1,
    }
    assert report["groups"]["github"]["recall"] == 0.5
    assert report["scanners"]["Secrets"]["roc_auc"] == 0.75
    assert report["rows"] == 3 and report["peak_rss_mib"] > 0


def test_bench_command_prints_json_and_refuses_unlabelled_rows(tmp_path: Path) -> None:
    good = tmp_path / "rows.jsonl"
    good.write_text(json.dumps({"text": f"token {TOKEN}", "label": 1}) + "\n")
    result = run_cli("guard", "bench", str(good), "--scanners", "Secrets")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["tp"] == 1

    bad = tmp_path / "unlabelled.jsonl"
    bad.write_text(json.dumps({"text": "hello"}) + "\n")
    refused = run_cli("guard", "bench", str(bad))
    assert refused.returncode == 2 and "label" in refused.stderr


def test_synthetic_prompts_have_the_requested_length() -> None:
    assert len(synthetic_prompt(40).split()) == 40
    assert len(synthetic_prompt(600, seed=3).split()) == 600
    assert synthetic_prompt(600) != synthetic_prompt(600, seed=1)


def test_latency_by_length_reports_pipeline_and_scanner_percentiles() -> None:
    guard = build_guard("input", [ScannerConfig(type="Secrets")])
    report = latency_by_length(guard, (40, 600), runs=5, warmup=1)
    assert set(report) == {"40_words", "600_words"}
    for entry in report.values():
        assert entry["runs"] == 5
        assert set(entry) == {"runs", "pipeline", "Secrets"}
        assert 0 < entry["pipeline"]["p50"] <= entry["pipeline"]["p99"]


def test_bench_command_lengths_option(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": "hello", "label": 0}) + "\n")
    done = run_cli("guard", "bench", str(rows), "--scanners", "Secrets", "--lengths", "40")
    assert done.returncode == 0, done.stderr
    assert "40_words" in json.loads(done.stdout)["latency_by_length"]
    refused = run_cli("guard", "bench", str(rows), "--lengths", "forty")
    assert refused.returncode == 2 and "--lengths" in refused.stderr
