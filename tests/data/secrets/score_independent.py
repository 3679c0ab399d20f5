"""Score the Secrets scanner on ``independent.jsonl`` by family, and check that no secret survives redaction.

``palisade guard bench`` gives the overall confusion counts; this adds what they hide: recall and false
positives per family (which carrier or vendor format is weak) and *leaks* — a positive row whose sanitized
text still holds 16 or more consecutive characters of one of its secret values (a partial redaction).

    python tests/data/secrets/score_independent.py [--rows] [FILE]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from palisade.guard.scanners.secrets import SecretsScanner

WINDOW = 16


def _leaks(sanitized: str, values: list[str]) -> bool:
    for value in values:
        size = min(WINDOW, len(value))
        if any(value[i : i + size] in sanitized for i in range(len(value) - size + 1)):
            return True
    return False


def main(argv: list[str]) -> None:
    show_rows = "--rows" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else Path(__file__).with_name("independent.jsonl")
    scanner = SecretsScanner()
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # rows, flagged, leaked
    tp = fp = tn = fn = leaked = 0
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        result = scanner.scan(row["text"])
        flagged = bool(result.detections)
        stats = by_family[row["family"]]
        stats[0] += 1
        stats[1] += flagged
        if row["label"] == 1:
            leak = _leaks(result.text, row["values"])
            stats[2] += leak
            leaked += leak
            tp, fn = tp + flagged, fn + (not flagged)
            if show_rows and (leak or not flagged):
                print(
                    f"MISS {row['kind']:<28} {'leak' if flagged else 'none'} {row['text'][:160]!r}"
                )
        else:
            fp, tn = fp + flagged, tn + (not flagged)
            if show_rows and flagged:
                spans = [row["text"][d.start : d.end][:60] for d in result.detections]
                print(f"FP   {row['kind']:<28} {spans}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"tp {tp} fp {fp} tn {tn} fn {fn}  precision {precision:.3f} recall {recall:.3f}")
    print(
        f"positives where a secret survives: {leaked} ({leaked - fn} flagged but only partly redacted)"
    )
    print(f"{'family':<34} rows  flagged  leaked")
    for family in sorted(by_family):
        rows, flagged, leak = by_family[family]
        print(f"{family:<34} {rows:>4}  {flagged:>7}  {leak:>6}")


if __name__ == "__main__":
    main(sys.argv[1:])
