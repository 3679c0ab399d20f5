"""Score the offline engine on a labelled request set (``/work/shared/data/requests`` format).

Run it directly for the figures: ``.venv/bin/python -m tests.providers.dev_eval [path] [-v]``.

Metrics, per the set's README conventions:

* blueprint-set accuracy: the multiset of proposed ids equals the expected one;
* parameter precision / recall over (blueprint id, param, normalised value) triples, lists compared as
  sets, repeated blueprints aligned by best overlap;
* missing recall (and precision): expected ``missing`` params that got an ``ask_user``;
* out-of-scope accuracy: an out_of_scope notice with no proposal exactly on the out-of-scope rows;
* insecure detection: an insecure_request notice on the insecure rows (recall), and on others (false alarms).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from palisade.blueprints import Catalog
from palisade.providers import GenerationOptions, Message, OfflineProvider
from tests.helpers import shared_data_dir
from tests.providers.catalog_fixture import catalog_summaries

DEV_SET = shared_data_dir() / "requests" / "dev.jsonl"


def _norm(value: Any) -> str:
    if isinstance(value, list):
        return json.dumps(sorted(json.dumps(v, sort_keys=True) for v in value))
    return json.dumps(value, sort_keys=True)


def _triples(bid: str, params: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(bid, k, _norm(v)) for k, v in params.items()}


@dataclass
class Scores:
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
    failures: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 1.0

        return {
            "blueprint_set_accuracy": ratio(self.blueprint_set_ok, self.rows),
            "param_precision": ratio(self.param_tp, self.param_tp + self.param_fp),
            "param_recall": ratio(self.param_tp, self.param_tp + self.param_fn),
            "missing_recall": ratio(self.missing_tp, self.missing_expected),
            "missing_precision": ratio(self.missing_tp, self.missing_asked),
            "out_of_scope_accuracy": ratio(self.oos_ok, self.rows),
            "out_of_scope_recall": ratio(self.oos_rows_ok, self.oos_rows),
            "insecure_recall": ratio(self.insecure_hit, self.insecure_rows),
            "insecure_false_alarms": float(self.insecure_false_alarm),
        }


def _align(
    expected: Sequence[dict[str, Any]], got: Sequence[dict[str, Any]]
) -> tuple[int, int, int]:
    """Greedy matching of proposals to expected entries with the same id, by shared triples."""
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
        tp += len(want & have)
        fp += len(have - want)
        fn += len(want - have)
    for g in remaining:
        fp += len(g["params"])
    return tp, fp, fn


def evaluate(path: Path = DEV_SET, *, verbose: bool = False) -> Scores:
    # The shipped blueprints' own summaries replace the fixture's, so their extra parameters count.
    summaries = {s["id"]: s for s in catalog_summaries()}
    summaries.update({bp.id: bp.summary() for bp in Catalog.load()})
    provider = OfflineProvider(list(summaries.values()))
    scores = Scores()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        expect = row["expect"]
        completion = asyncio.run(
            provider.complete([Message("user", row["text"])], options=GenerationOptions())
        )
        calls = [(c.name, c.parsed_arguments()) for c in completion.tool_calls]
        proposals = [a for n, a in calls if n == "propose_blueprint"]
        asks = {(a["blueprint"], a["param"]) for n, a in calls if n == "ask_user"}
        notices = {a["kind"] for n, a in calls if n == "notice"}
        scores.rows += 1
        ok_set = Counter(p["blueprint"] for p in proposals) == Counter(
            b["id"] for b in expect["blueprints"]
        )
        scores.blueprint_set_ok += ok_set
        tp, fp, fn = _align(expect["blueprints"], proposals)
        scores.param_tp, scores.param_fp, scores.param_fn = (
            scores.param_tp + tp,
            scores.param_fp + fp,
            scores.param_fn + fn,
        )
        ids = [b["id"] for b in expect["blueprints"]]
        want_missing = {(bid, m) for bid in ids[:1] for m in expect["missing"]}
        if len(set(ids)) > 1:  # missing is per row; credit an ask on any expected blueprint
            want_missing = {(bid, m) for m in expect["missing"] for bid in ids}
            hit = {m for (_, m) in asks if m in expect["missing"]}
            scores.missing_tp += len(hit)
            scores.missing_expected += len(expect["missing"])
        else:
            scores.missing_tp += len(want_missing & asks)
            scores.missing_expected += len(want_missing)
        scores.missing_asked += len(asks)
        predicted_oos = "out_of_scope" in notices and not proposals
        scores.oos_ok += predicted_oos == expect["out_of_scope"]
        if expect["out_of_scope"]:
            scores.oos_rows += 1
            scores.oos_rows_ok += predicted_oos
        flagged = "insecure_request" in notices
        if expect["insecure_ask"]:
            scores.insecure_rows += 1
            scores.insecure_hit += flagged
        elif flagged:
            scores.insecure_false_alarm += 1
        if verbose and (not ok_set or fp or fn or (flagged != expect["insecure_ask"])):
            got = [(p["blueprint"], p["params"]) for p in proposals]
            scores.failures.append(
                f"{row['text']}\n  expected {json.dumps(expect['blueprints'])} missing="
                f"{expect['missing']}\n  got      {json.dumps(got)} asks={sorted(asks)} "
                f"notices={sorted(notices)}"
            )
    return scores


def main(argv: Sequence[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    scores = evaluate(Path(args[0]) if args else DEV_SET, verbose="-v" in argv)
    for failure in scores.failures:
        print(failure)
    print(json.dumps(scores.figures(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
