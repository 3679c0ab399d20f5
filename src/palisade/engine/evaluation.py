"""Score request understanding on a labelled set (the ``requests/dev.jsonl`` format) and time full turns.

Row: ``{"text": str, "expect": {"blueprints": [{"id", "params"}], "missing": [param], "out_of_scope": bool,
"insecure_ask": bool}}``. What the assistant understood is read from its tool calls (the values it stated for
each blueprint, the parameters it asked for, its notices), so an insecure ask that the blueprint then refuses
still counts for extraction. Metrics follow the set's README:

* blueprint-set accuracy: the multiset of proposed ids equals the expected one;
* parameter precision / recall over (id, param, normalised value), lists as sets, repeated ids aligned by
  best overlap;
* missing recall / precision: expected missing params that got a question;
* out-of-scope accuracy: an ``out_of_scope`` notice and no proposal exactly on the out-of-scope rows;
* insecure recall and false alarms: an ``insecure_request`` notice on the insecure rows, and on the others.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Understood = tuple[list[dict[str, Any]], set[tuple[str, str]], set[str]]  # proposals, asks, notices


def understood_from_calls(calls: Iterable[tuple[str, Mapping[str, Any]]]) -> Understood:
    proposals: list[dict[str, Any]] = []
    asks: set[tuple[str, str]] = set()
    notices: set[str] = set()
    for name, args in calls:
        if name == "propose_blueprint":
            params = args.get("params")
            proposals.append(
                {"blueprint": str(args.get("blueprint")), "params": dict(params or {})}
            )
        elif name == "ask_user":
            asks.add((str(args.get("blueprint", "")), str(args.get("param", ""))))
        elif name == "notice":
            notices.add(str(args.get("kind", "")))
    return proposals, asks, notices


def _norm(value: Any) -> str:
    if isinstance(value, list):
        return json.dumps(sorted(json.dumps(v, sort_keys=True) for v in value))
    return json.dumps(value, sort_keys=True)


def _triples(blueprint: str, params: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    return {(blueprint, k, _norm(v)) for k, v in params.items()}


def _align(
    expected: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]]
) -> tuple[int, int, int]:
    """(tp, fp, fn) of parameter triples, each expected entry matched to its best same-id proposal."""
    tp = fp = fn = 0
    remaining = list(got)
    for exp in expected:
        want = _triples(exp["id"], exp.get("params", {}))
        candidates = [g for g in remaining if g["blueprint"] == exp["id"]]
        if not candidates:
            fn += len(want)
            continue
        best = max(candidates, key=lambda g: len(want & _triples(g["blueprint"], g["params"])))
        remaining.remove(best)
        have = _triples(best["blueprint"], best["params"])
        tp, fp, fn = tp + len(want & have), fp + len(have - want), fn + len(want - have)
    return tp, fp + sum(len(g["params"]) for g in remaining), fn


@dataclass
class RequestScores:
    rows: int = 0
    blueprint_set_ok: int = 0
    param_tp: int = 0
    param_fp: int = 0
    param_fn: int = 0
    missing_tp: int = 0
    missing_expected: int = 0
    missing_asked: int = 0
    oos_ok: int = 0
    oos_rows: int = 0
    oos_rows_ok: int = 0
    insecure_rows: int = 0
    insecure_hit: int = 0
    insecure_false_alarm: int = 0
    turn_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, row: Mapping[str, Any], understood: Understood, *, keep_failure: bool) -> None:
        proposals, asks, notices = understood
        expect = row["expect"]
        expected_ids = [b["id"] for b in expect["blueprints"]]
        self.rows += 1
        set_ok = Counter(p["blueprint"] for p in proposals) == Counter(expected_ids)
        self.blueprint_set_ok += set_ok
        tp, fp, fn = _align(expect["blueprints"], proposals)
        self.param_tp, self.param_fp, self.param_fn = (
            self.param_tp + tp,
            self.param_fp + fp,
            self.param_fn + fn,
        )
        missing = set(expect["missing"])
        if len(set(expected_ids)) > 1:  # "missing" is per row: an ask on any expected id counts
            self.missing_tp += len({param for _, param in asks} & missing)
        else:
            self.missing_tp += len({(bid, m) for bid in expected_ids[:1] for m in missing} & asks)
        self.missing_expected += len(missing)
        self.missing_asked += len(asks)
        out_of_scope = "out_of_scope" in notices and not proposals
        self.oos_ok += out_of_scope == expect["out_of_scope"]
        if expect["out_of_scope"]:
            self.oos_rows += 1
            self.oos_rows_ok += out_of_scope
        flagged = "insecure_request" in notices
        if expect["insecure_ask"]:
            self.insecure_rows += 1
            self.insecure_hit += flagged
        elif flagged:
            self.insecure_false_alarm += 1
        if keep_failure and (not set_ok or fp or fn or flagged != expect["insecure_ask"]):
            got = [(p["blueprint"], p["params"]) for p in proposals]
            self.failures.append(
                f"{row['text']}\n  expected {json.dumps(expect['blueprints'])} "
                f"missing={expect['missing']}\n  got      {json.dumps(got)} "
                f"asks={sorted(asks)} notices={sorted(notices)}"
            )

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 1.0

        precision = ratio(self.param_tp, self.param_tp + self.param_fp)
        recall = ratio(self.param_tp, self.param_tp + self.param_fn)
        figures: dict[str, Any] = {
            "rows": self.rows,
            "blueprint_set_accuracy": ratio(self.blueprint_set_ok, self.rows),
            "param_precision": precision,
            "param_recall": recall,
            "param_f1": round(2 * precision * recall / (precision + recall), 3)
            if precision + recall
            else 0.0,
            "missing_recall": ratio(self.missing_tp, self.missing_expected),
            "missing_precision": ratio(self.missing_tp, self.missing_asked),
            "out_of_scope_accuracy": ratio(self.oos_ok, self.rows),
            "out_of_scope_recall": ratio(self.oos_rows_ok, self.oos_rows),
            "insecure_recall": ratio(self.insecure_hit, self.insecure_rows),
            "insecure_false_alarms": self.insecure_false_alarm,
        }
        if self.turn_ms:
            cuts = statistics.quantiles(self.turn_ms, n=100, method="inclusive")
            figures["turn_ms"] = {
                "p50": round(cuts[49], 1),
                "p95": round(cuts[94], 1),
                "max": round(max(self.turn_ms), 1),
            }
        return figures


async def evaluate_requests(
    rows: Iterable[Mapping[str, Any]],
    turn: Callable[[str], Awaitable[Understood]],
    *,
    keep_failures: bool = False,
) -> RequestScores:
    """Score ``turn`` (one request → what was understood) on ``rows``, timing each turn."""
    scores = RequestScores()
    for row in rows:
        started = time.perf_counter()
        understood = await turn(str(row["text"]))
        scores.turn_ms.append((time.perf_counter() - started) * 1000)
        scores.add(row, understood, keep_failure=keep_failures)
    return scores
