"""Benchmark: what parallel detection saves on a turn, against the loopback fake OpenAI server.

    python -m bench.parallel_guard [--turns 30] [--delay-ms 150] [--policy default|topics]

Two engines built from settings, identical but for ``PALISADE_GUARD__PARALLEL_DETECTION``, answer the same
benign prompts (about 40 and 600 words, each turn a new conversation); the fake model waits ``--delay-ms``
before its first byte, standing in for a real model's time to first token; it runs in its own process,
as a real model does. Turns alternate between the
engines so machine load affects both alike. Printed as JSON, per prompt: the median time to the first
streamed piece and to the end of the turn for each mode, the saving, and the median time of the deferred
(detection-only) scanners alone, which is the most the trick can save. ``--policy topics`` adds a
``BanTopics`` scanner (a second detection-only one) to the default input policy.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn
from tests.engine.bench_model_loop import streamed_turn
from tests.fakes.fake_openai import FakeOpenAI, answer
from tests.helpers import free_port, make_repo

from palisade.config import GuardSettings, ProviderSettings, ScannerConfig, load_settings
from palisade.engine import ChatEngine, build_engine
from palisade.engine.parallel import DetectionSplit
from palisade.guard.registry import DEFAULT_POLICY, build_guard
from palisade.guard.vault import Vault

ANSWER = "".join(f"Line {i}: the bucket denies plain HTTP and public access.\n" for i in range(5))
SENTENCE = (
    "Our platform team runs the payments service in eu-west-1 behind an internal load balancer, "
    "stores audit logs in a private encrypted S3 bucket with versioning and a one-year retention, "
    "rotates the KMS keys yearly and sends GuardDuty findings to the security channel. "
)
PROMPTS = {
    "40_words": "I need a private encrypted S3 bucket called acme-audit-logs in eu-west-1 for our "
    "payments audit logs; keep objects for a year, block public access, deny plain HTTP and send "
    "access logs to the central logging account please.",
    "600_words": (SENTENCE * 15).strip() + " What should we add for the new reporting service?",
}
TOPICS = ScannerConfig(type="BanTopics", params={"topics": ["violence", "weapons", "drugs"]})


def policy(name: str) -> list[ScannerConfig] | None:
    if name == "default":
        return None
    return [*DEFAULT_POLICY["input"], TOPICS]


async def timed_turn(engine: ChatEngine, text: str) -> tuple[float, float]:
    first, total = await streamed_turn(engine, text)
    if not first:
        raise RuntimeError("the turn streamed no text: was the prompt blocked?")
    return first, total


def detection_ms(scanners: list[ScannerConfig] | None, text: str, repeat: int) -> float:
    """Median time of the deferred scanners alone on ``text`` (what overlapping can hide)."""
    split = DetectionSplit.of(build_guard("input", scanners))
    first = split.before_sending(text, Vault())
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        split.detect(text, first)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def compare(times: dict[bool, list[float]]) -> dict[str, float]:
    """Medians per mode, and the median of the paired savings (turns run back to back)."""
    saved = [s - p for s, p in zip(times[False], times[True], strict=True)]
    return {
        "sequential": round(statistics.median(times[False]) * 1000, 1),
        "parallel": round(statistics.median(times[True]) * 1000, 1),
        "saved": round(statistics.median(saved) * 1000, 1),
    }


@contextlib.contextmanager
def model_server(delay_ms: float, replies: int) -> Iterator[str]:
    """The fake model in its own process, as a real one is: in this process it would compete with
    the guard for the GIL and hold back its own clock."""
    port = free_port()
    command = [sys.executable, "-m", "bench.parallel_guard", "--serve-fake", str(port)]
    command += ["--delay-ms", str(delay_ms), "--replies", str(replies)]
    process = subprocess.Popen(command)
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the fake model server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def serve_fake(port: int, delay_ms: float, replies: int) -> None:
    fake = FakeOpenAI()
    fake.enqueue(*[answer(ANSWER, delay=delay_ms / 1000)] * replies)
    uvicorn.run(fake.app, host="127.0.0.1", port=port, log_level="warning")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=30, help="measured turns per mode and prompt")
    parser.add_argument(
        "--delay-ms", type=float, default=150.0, help="the fake model's first-byte delay"
    )
    parser.add_argument("--policy", choices=("default", "topics"), default="default")
    parser.add_argument("--serve-fake", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--replies", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake:
        serve_fake(args.serve_fake, args.delay_ms, args.replies)
        return
    scanners = policy(args.policy)
    report: dict[str, Any] = {"turns": args.turns, "model_delay_ms": args.delay_ms}
    replies = 2 * len(PROMPTS) * (args.turns + 2)
    with tempfile.TemporaryDirectory() as tmp, model_server(args.delay_ms, replies) as url:
        root = Path(tmp)
        engines = {}
        for parallel in (False, True):
            place = root / ("parallel" if parallel else "sequential")
            settings = load_settings(
                provider=ProviderSettings(
                    name="openai-compatible", base_url=f"{url}/v1", model="gpt-4o-mini"
                ),
                repo=str(make_repo(place / "infra")),
                data_dir=place / "data",
                guard=GuardSettings(parallel_detection=parallel, input_scanners=scanners),
            )
            engines[parallel] = build_engine(settings)
            assert engines[parallel].parallel_detection is parallel

        async def measure() -> None:
            for label, text in PROMPTS.items():
                firsts: dict[bool, list[float]] = {False: [], True: []}
                totals: dict[bool, list[float]] = {False: [], True: []}
                for turn in range(args.turns + 2):  # two warm-up turns each
                    for parallel in (False, True) if turn % 2 else (True, False):
                        first, total = await timed_turn(engines[parallel], text)
                        if turn >= 2:
                            firsts[parallel].append(first)
                            totals[parallel].append(total)
                report[label] = {
                    "words": len(text.split()),
                    "first_piece_ms": compare(firsts),
                    "whole_turn_ms": compare(totals),
                    "deferred_scanners_alone_ms": detection_ms(scanners, text, 50),
                }
            for engine in engines.values():
                await engine.aclose()

        asyncio.run(measure())
        for engine in engines.values():
            engine.store.close()
    sys.stdout.write(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
