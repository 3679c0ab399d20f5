"""Score ``Anonymize`` on ``independent.jsonl`` (or ``fresh.jsonl``) by what reaches the model, per family and
per entity type.

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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from palisade.config import ScannerConfig
from palisade.guard.base import Scanner
from palisade.guard.registry import DEFAULT_ANONYMIZE_TYPES, build_scanner

HERE = Path(__file__).resolve().parent


@dataclass
class Score:
    """Gold spans (all of them, and those replaced in full) and rows without personal data (all, and
    those changed); per type and family: [spans or rows, replaced or left alone, partly or changed]."""

    spans: int = 0
    redacted: int = 0
    by_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    negatives: int = 0
    false_alarms: int = 0
    by_family: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    notes: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.redacted / self.spans if self.spans else 1.0


def _coverage(start: int, end: int, text: str, spans: list[tuple[int, int]]) -> float:
    wanted = [i for i in range(start, end) if text[i].isalnum()]
    if not wanted:
        return 1.0
    covered = sum(1 for i in wanted if any(a <= i < b for a, b in spans))
    return covered / len(wanted)


def _rows(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def anonymizer(policy: bool = False) -> Scanner:
    params: dict[str, object] = {"entity_types": list(DEFAULT_ANONYMIZE_TYPES)} if policy else {}
    return build_scanner("input", ScannerConfig(type="Anonymize", params=params))


def score(path: Path, scanner: Scanner) -> Score:
    result = Score()
    for row in _rows(path):
        text = str(row["text"])
        detections = scanner.scan(text).detections
        spans = [(d.start, d.end) for d in detections]
        family = str(row["family"])
        entities = row["entities"]
        assert isinstance(entities, list)
        if not entities:
            result.negatives += 1
            stats = result.by_family[family]
            stats[0] += 1
            stats[1] += not spans
            stats[2] += bool(spans)
            if spans:
                result.false_alarms += 1
                found = [(d.kind, text[d.start : d.end]) for d in detections]
                result.notes.append(f"FALSE ALARM [{family}] {found}\n    {text[:160]!r}")
            continue
        for e in entities:
            share = _coverage(e["start"], e["end"], text, spans)
            for stats in (result.by_type[e["type"]], result.by_family[family]):
                stats[0] += 1
                stats[1] += share == 1.0
                stats[2] += 0 < share < 1.0
            result.spans += 1
            result.redacted += share == 1.0
            if share < 1.0:
                label = "PARTIAL" if share else "MISSED"
                result.notes.append(
                    f"{label} [{family}] {e['type']} {e['value']!r}\n    {text[:160]!r}"
                )
    return result


def main(argv: list[str]) -> None:
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else HERE / "independent.jsonl"
    result = score(path, anonymizer(policy="--policy" in argv))
    if "--rows" in argv:
        print("\n".join(result.notes))
    print(f"\nspans redacted in full: {result.redacted}/{result.spans} = {result.share:.3f}")
    print(f"rows without personal data changed: {result.false_alarms}/{result.negatives}")
    print("\nper type (spans, redacted in full, partly):")
    for kind, (n, full, part) in sorted(result.by_type.items()):
        print(f"  {kind:18} {n:4} {full:4} ({full / n:.2f}) {part:3}")
    print("\nper family (spans or rows, redacted in full or left alone, partly or false alarms):")
    for family, (n, ok, part) in sorted(result.by_family.items()):
        print(f"  {family:28} {n:4} {ok:4} ({ok / n:.2f}) {part:3}")


if __name__ == "__main__":
    main(sys.argv[1:])
