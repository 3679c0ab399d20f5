"""Per-family recall / false-positive rate of one input scanner on a labelled JSONL set (e.g. blind3.jsonl).

Which Palisade is measured is whatever ``palisade`` imports: set ``PYTHONPATH`` to the tree you mean to
score (the script prints the path it used). A row counts as flagged when the scanner blocks it.

    PYTHONPATH=/tmp/base/src .venv/bin/python tests/data/pi/score_blind3.py tests/data/pi/blind3.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import palisade
from palisade.config import ScannerConfig
from palisade.guard.registry import build_scanner


def _rate(hit: int, total: int) -> str:
    return f"{hit / total:.2f}" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--scanner", default="PromptInjection")
    args = parser.parse_args()

    scanner = build_scanner("input", ScannerConfig(type=args.scanner))
    # family -> [label, rows, flagged]
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_label = {0: [0, 0], 1: [0, 0]}
    with args.file.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            flagged = scanner.scan(row["text"]).blocked
            cell = table[row["family"]]
            cell[0] = row["label"]
            cell[1] += 1
            cell[2] += flagged
            by_label[row["label"]][0] += 1
            by_label[row["label"]][1] += flagged

    print(f"palisade imported from {Path(palisade.__file__).parent}")
    print(f"scanner {args.scanner}; flagged = blocked\n")
    print("| label | family | rows | flagged | recall / FPR |")
    print("|---|---|---:|---:|---:|")
    for family, (label, rows, flagged) in sorted(table.items(), key=lambda kv: (-kv[1][0], kv[0])):
        kind = "attack" if label else "benign"
        print(f"| {kind} | {family} | {rows} | {flagged} | {_rate(flagged, rows)} |")
    (neg, fp), (pos, tp) = by_label[0], by_label[1]
    print(f"\noverall: recall {_rate(tp, pos)} ({tp}/{pos}), FPR {_rate(fp, neg)} ({fp}/{neg})")


if __name__ == "__main__":
    main()
