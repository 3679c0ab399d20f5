"""Measure a guard on labelled texts: detection quality and speed, as plain numbers.

Input rows are ``{"text": str, "label": 0 | 1, ...}``; label 1 means the guard should trigger. A row counts as
flagged when any selected scanner did not pass (blocked or sanitized). Rows may carry a grouping field
(``category``, ``kind`` or ``source``) for per-group confusion counts.

``latency_by_length`` times synthetic prompts of fixed lengths (the speed budget is stated for 40 and 600
words), and ``startup_seconds`` a fresh interpreter from import to the first scan.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from palisade.guard.pipeline import Guard

GROUP_FIELDS = ("category", "kind", "source")


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0

    def add(self, label: int, flagged: bool) -> None:
        if label and flagged:
            self.tp += 1
        elif label:
            self.fn += 1
        elif flagged:
            self.fp += 1
        else:
            self.tn += 1

    def figures(self) -> dict[str, float | int]:
        precision = _ratio(self.tp, self.tp + self.fp)
        recall = _ratio(self.tp, self.tp + self.fn)
        f1 = _ratio(2 * precision * recall, precision + recall)
        return {
            "tp": self.tp,
            "fp": self.fp,
            "tn": self.tn,
            "fn": self.fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "fpr": round(_ratio(self.fp, self.fp + self.tn), 4),
        }


@dataclass
class BenchReport:
    rows: int = 0
    overall: _Counts = field(default_factory=_Counts)
    by_scanner: dict[str, _Counts] = field(default_factory=lambda: defaultdict(_Counts))
    by_group: dict[str, _Counts] = field(default_factory=lambda: defaultdict(_Counts))
    scores: dict[str, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))
    pipeline_ms: list[float] = field(default_factory=list)
    scanner_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    wall_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "overall": self.overall.figures(),
            "scanners": {
                name: counts.figures() | {"roc_auc": _roc_auc(self.scores[name])}
                for name, counts in sorted(self.by_scanner.items())
            },
            "groups": {
                group: {"rows": c.tp + c.fn + c.fp + c.tn, **c.figures()}
                for group, c in sorted(self.by_group.items())
            },
            "latency_ms": {
                "pipeline": _percentiles(self.pipeline_ms),
                **{name: _percentiles(v) for name, v in sorted(self.scanner_ms.items())},
            },
            "throughput_per_s": round(self.rows / self.wall_seconds, 1)
            if self.wall_seconds
            else 0.0,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def run_bench(guard: Guard, rows: Iterable[Mapping[str, Any]]) -> BenchReport:
    report = BenchReport()
    started = time.perf_counter()
    for row in rows:
        label = int(row.get("label", 0))
        t0 = time.perf_counter()
        verdict = guard.scan(str(row["text"]))
        report.pipeline_ms.append((time.perf_counter() - t0) * 1000)
        flagged = not verdict.valid
        report.rows += 1
        report.overall.add(label, flagged)
        group = next((str(row[f]) for f in GROUP_FIELDS if row.get(f)), "")
        if group:
            report.by_group[group].add(label, flagged)
        for result in verdict.results:
            report.by_scanner[result.scanner].add(label, not result.valid)
            report.scores[result.scanner].append((result.risk, label))
            report.scanner_ms[result.scanner].append(result.elapsed_ms)
    report.wall_seconds = time.perf_counter() - started
    return report


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0}
    if len(values) == 1:
        return {"p50": round(values[0], 3), "p95": round(values[0], 3), "p99": round(values[0], 3)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(cuts[49], 3), "p95": round(cuts[94], 3), "p99": round(cuts[98], 3)}


def _roc_auc(pairs: list[tuple[float, int]]) -> float | None:
    """Probability that a random positive scores above a random negative (ties count half)."""
    positives = sum(1 for _, label in pairs if label)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return None
    ranked = sorted(pairs, key=lambda p: p[0])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average_rank = (i + j + 1) / 2  # ranks are 1-based
        rank_sum += average_rank * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return round((rank_sum - positives * (positives + 1) / 2) / (positives * negatives), 4)


# ------------------------------------------------------------------------------ entity-span records
# Rows ``{"text": str, "entities": [{"type", "start", "end"}, ...]}`` (Presidio names, end exclusive): quality of
# the PII scanners per entity type, by span overlap. Only detections reported on the original text count: those
# of the scanners up to and including the first one that changed the text (run ``--scanners Anonymize`` for
# exact figures).


@dataclass
class _SpanCounts:
    gold: int = 0
    found: int = 0  # gold spans overlapped by a detection of the same type
    predicted: int = 0
    correct: int = 0  # predicted spans overlapping a gold span of the same type

    def figures(self) -> dict[str, float | int | None]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "recall": round(self.found / self.gold, 4) if self.gold else None,
            "precision": round(self.correct / self.predicted, 4) if self.predicted else None,
        }


@dataclass
class EntityBenchReport:
    rows: int = 0
    by_type: dict[str, _SpanCounts] = field(default_factory=lambda: defaultdict(_SpanCounts))
    pipeline_ms: list[float] = field(default_factory=list)
    wall_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "entities": {name: c.figures() for name, c in sorted(self.by_type.items())},
            "latency_ms": {"pipeline": _percentiles(self.pipeline_ms)},
            "throughput_per_s": round(self.rows / self.wall_seconds, 1)
            if self.wall_seconds
            else 0.0,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def _overlaps(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def run_entity_bench(guard: Guard, rows: Iterable[Mapping[str, Any]]) -> EntityBenchReport:
    report = EntityBenchReport()
    started = time.perf_counter()
    for row in rows:
        text = str(row["text"])
        gold = [(str(e["type"]), int(e["start"]), int(e["end"])) for e in row.get("entities") or ()]
        t0 = time.perf_counter()
        verdict = guard.scan(text)
        report.pipeline_ms.append((time.perf_counter() - t0) * 1000)
        report.rows += 1
        predicted: list[tuple[str, int, int]] = []
        for result in verdict.results:
            predicted.extend((d.kind, d.start, d.end) for d in result.detections)
            if result.text != text:
                break
        for g in gold:
            counts = report.by_type[g[0]]
            counts.gold += 1
            counts.found += any(_overlaps(g, p) for p in predicted)
        for p in predicted:
            counts = report.by_type[p[0]]
            counts.predicted += 1
            counts.correct += any(_overlaps(p, g) for g in gold)
    report.wall_seconds = time.perf_counter() - started
    return report


# ------------------------------------------------------------------------------------- latency by length
_VOCABULARY = (
    "please create a private encrypted bucket for the payments team in eu-west-1 with versioning and access "
    "logging keep objects for one year then expire them the security group should only allow https from the "
    "office network and the database must not be reachable from the internet rotate the key every year tag "
    "everything with owner platform and cost center 4711 we also need alerts when somebody changes the policy "
    "and a short summary of what you will build before you open the pull request"
).split()


def synthetic_prompt(words: int, *, seed: int = 0) -> str:
    """A deterministic ops-style prompt of ``words`` words (sentences of ~15 words, a paragraph every ~75)."""
    out: list[str] = []
    for i in range(words):
        word = _VOCABULARY[(i * 7 + seed * 13 + i // len(_VOCABULARY)) % len(_VOCABULARY)]
        out.append(word.capitalize() if i % 15 == 0 else word)
        if i % 15 == 14:
            out[-1] += "."
        if i % 75 == 74:
            out[-1] += "\n"
    return " ".join(out).replace("\n ", "\n")


def latency_by_length(
    guard: Guard, lengths: Iterable[int] = (40, 600), *, runs: int = 200, warmup: int = 20
) -> dict[str, Any]:
    """Pipeline and per-scanner latency percentiles for prompts of each length (one process, one text at a
    time), after ``warmup`` calls."""
    out: dict[str, Any] = {}
    for words in lengths:
        texts = [synthetic_prompt(words, seed=s) for s in range(8)]
        for i in range(warmup):
            guard.scan(texts[i % len(texts)])
        pipeline: list[float] = []
        per_scanner: dict[str, list[float]] = defaultdict(list)
        for i in range(runs):
            t0 = time.perf_counter()
            verdict = guard.scan(texts[i % len(texts)])
            pipeline.append((time.perf_counter() - t0) * 1000)
            for result in verdict.results:
                per_scanner[result.scanner].append(result.elapsed_ms)
        out[f"{words}_words"] = {
            "runs": runs,
            "pipeline": _percentiles(pipeline),
            **{name: _percentiles(v) for name, v in sorted(per_scanner.items())},
        }
    return out


def startup_seconds(scanners: str | None = None) -> float:
    """Wall time for a fresh interpreter to import the guard, build the input pipeline and scan one prompt."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from palisade.config import ScannerConfig\n"
        "from palisade.guard.registry import build_guard\n"
        f"names = {scanners!r}\n"
        "cfg = None if names is None else [ScannerConfig(type=n) for n in names.split(',')]\n"
        "g = build_guard('input', cfg)\n"
        "g.scan('Create a private bucket called logs in eu-west-1.')\n"
        "print(time.perf_counter() - t)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return round(float(done.stdout.strip().splitlines()[-1]), 3)
