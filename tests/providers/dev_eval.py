"""Score the offline engine alone (no rendering) on a labelled request set.

Run it for the figures: ``.venv/bin/python -m tests.providers.dev_eval [path] [-v]``. The scoring is the
product's own (``palisade.engine.evaluation``, also behind ``palisade eval requests``); here the provider is
called directly, with the fixture's summaries for catalog ids that have no shipped blueprint yet.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from palisade.blueprints import Catalog
from palisade.engine.evaluation import (
    RequestScores,
    Understood,
    evaluate_requests,
    understood_from_calls,
)
from palisade.providers import GenerationOptions, Message, OfflineProvider
from tests.helpers import shared_data_dir
from tests.providers.catalog_fixture import catalog_summaries

DEV_SET = shared_data_dir() / "requests" / "dev.jsonl"


def evaluate(path: Path = DEV_SET, *, verbose: bool = False) -> RequestScores:
    # The shipped blueprints' own summaries replace the fixture's, so their extra parameters count.
    summaries = {s["id"]: s for s in catalog_summaries()}
    summaries.update({bp.id: bp.summary() for bp in Catalog.load()})
    provider = OfflineProvider(list(summaries.values()))

    async def turn(text: str) -> Understood:
        completion = await provider.complete([Message("user", text)], options=GenerationOptions())
        return understood_from_calls((c.name, c.parsed_arguments()) for c in completion.tool_calls)

    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return asyncio.run(evaluate_requests(rows, turn, keep_failures=verbose))


def main(argv: Sequence[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    scores = evaluate(Path(args[0]) if args else DEV_SET, verbose="-v" in argv)
    for failure in scores.failures:
        print(failure)
    figures = scores.figures()
    figures.pop("turn_ms", None)  # provider-only timings are not turn timings
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
