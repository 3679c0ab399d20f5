"""Score ``Anonymize`` on ``independent.jsonl`` by what reaches the model, per family and per entity type.

``palisade guard bench FILE --scanners Anonymize`` counts a gold span as found when a detection of the *same
type* overlaps it. What matters for the firewall is whether the value still reaches the model, whatever type
it was given. So this script counts, for each gold span, how many of its letters and digits were replaced:

- ``redacted``: all of them (the whole value is gone from the sanitized text);
- ``partial``: some (e.g. the surname replaced, the given name left);
- ``missed``: none;

and, for rows without personal data, whether anything was replaced at all (a false alarm). ``--rows`` lists
each miss, partial and false alarm.

    python tests/data/pii/score_independent.py [--rows] [--policy] [FILE]

``--policy`` scores the default input policy's Anonymize (every type but ``IP_ADDRESS``) instead of all types.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from palisade.config import ScannerConfig
from palisade.guard.registry import build_scanner


def _coverage(start: int, end: int, text: str, spans: list[tuple[int, int]]) -> float:
    wanted = [i for i in range(start, end) if text[i].isalnum()]
    if not wanted:
        return 1.0
    covered = sum(1 for i in wanted if any(a <= i < b for a, b in spans))
    return covered / len(wanted)


def main(argv: list[str]) -> None:
    show_rows = "--rows" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else Path(__file__).with_name("independent.jsonl")
    params: dict[str, object] = {}
    if "--policy" in argv:
        from palisade.guard.scanners.pii import ENTITY_TYPES

        params = {"entity_types": [t for t in ENTITY_TYPES if t != "IP_ADDRESS"]}
    scanner = build_scanner("input", ScannerConfig(type="Anonymize", params=params))
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # spans, redacted, partial
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    negatives = false_alarms = 0
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        text = row["text"]
        result = scanner.scan(text)
        spans = [(d.start, d.end) for d in result.detections]
        family = row["family"]
        if not row["entities"]:
            negatives += 1
            by_family[family][0] += 1
            if spans:
                false_alarms += 1
                by_family[family][2] += 1
                if show_rows:
                    found = [(d.kind, text[d.start : d.end]) for d in result.detections]
                    print(f"FALSE ALARM [{family}] {found}\n    {text[:160]!r}")
            else:
                by_family[family][1] += 1
            continue
        for e in row["entities"]:
            share = _coverage(e["start"], e["end"], text, spans)
            for stats in (by_type[e["type"]], by_family[family]):
                stats[0] += 1
                stats[1] += share == 1.0
                stats[2] += 0 < share < 1.0
            if show_rows and share < 1.0:
                label = "PARTIAL" if share else "MISSED"
                print(f"{label} [{family}] {e['type']} {e['value']!r}\n    {text[:160]!r}")
    spans_total = sum(s[0] for s in by_type.values())
    redacted_total = sum(s[1] for s in by_type.values())
    print(f"\nspans redacted in full: {redacted_total}/{spans_total} = {redacted_total / spans_total:.3f}")
    print(f"rows without personal data changed: {false_alarms}/{negatives}")
    print("\nper type (spans, redacted in full, partly):")
    for kind, (n, full, part) in sorted(by_type.items()):
        print(f"  {kind:18} {n:4} {full:4} ({full / n:.2f}) {part:3}")
    print("\nper family (spans or rows, redacted in full or left alone, partly or false alarms):")
    for family, (n, ok, part) in sorted(by_family.items()):
        print(f"  {family:28} {n:4} {ok:4} ({ok / n:.2f}) {part:3}")


if __name__ == "__main__":
    main(sys.argv[1:])
