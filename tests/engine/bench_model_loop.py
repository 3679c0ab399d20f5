"""Benchmark: what the guarded model loop adds to a turn, against the loopback fake model server.

    python -m tests.engine.bench_model_loop [--turns 20]

Prints JSON: for a streamed 40-line answer, the time to the first released piece and to the end of the turn
(the fake server answers instantly, so this is Palisade's own overhead: SDK, SSE parsing, output guard per
piece, whole-reply scan, storage); and for a three-round tool turn (search, render, answer) the total time,
which Checkov's validation dominates. Nothing here is asserted: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from palisade.config import ProviderSettings, load_settings
from palisade.engine import ChatEngine, build_engine
from tests.fakes.fake_openai import FakeOpenAI, answer, calls
from tests.helpers import LiveServer, make_repo

S3 = {
    "blueprint": "aws-s3-private-bucket",
    "params": {"bucket_name": "acme-audit-logs", "region": "eu-west-1"},
}
TEXT = "".join(f"Line {i}: the bucket denies plain HTTP and public access.\n" for i in range(40))


async def streamed_turn(engine: ChatEngine, text: str) -> tuple[float, float]:
    started = time.perf_counter()
    first: float | None = None
    async for event in engine.stream(text):
        if event.type == "delta" and first is None:
            first = time.perf_counter() - started
    return (first or 0.0), time.perf_counter() - started


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=20)
    turns = parser.parse_args().turns
    fake = FakeOpenAI()
    with tempfile.TemporaryDirectory() as tmp, LiveServer(fake.app) as server:
        root = Path(tmp)
        settings = load_settings(
            provider=ProviderSettings(
                name="openai-compatible", base_url=f"{server.url}/v1", model="gpt-4o-mini"
            ),
            repo=str(make_repo(root / "infra")),
            data_dir=root / "data",
        )
        engine = build_engine(settings)
        report: dict[str, Any] = {"turns": turns}

        async def run_all() -> None:
            fake.enqueue(answer(TEXT))
            await streamed_turn(engine, "warm-up: explain S3 encryption")
            firsts, totals = [], []
            for _ in range(turns):
                fake.enqueue(answer(TEXT))
                first, total = await streamed_turn(engine, "explain how S3 bucket encryption works")
                firsts.append(first)
                totals.append(total)
            report["streamed_answer_40_lines"] = {
                "first_piece": percentiles(firsts),
                "whole_turn": percentiles(totals),
            }
            tool_totals = []
            for _ in range(max(3, turns // 4)):
                fake.enqueue(
                    calls(("search_catalog", {"query": "private S3 bucket"})),
                    calls(("render_blueprint", S3)),
                    answer("Here is the bucket."),
                )
                _, total = await streamed_turn(engine, "a private bucket acme-audit-logs")
                tool_totals.append(total)
            report["three_round_tool_turn"] = percentiles(tool_totals)
            await engine.aclose()

        asyncio.run(run_all())
        engine.store.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
