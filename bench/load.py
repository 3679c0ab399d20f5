"""Load benchmark of the HTTP API: "send a message and read the whole streamed reply".

    python -m bench.load [--users 1,10,50] [--turns 20] [--duration 30] [--url URL --token T]
                         [--message TEXT] [--json]

Without ``--url`` it starts Palisade in this process (uvicorn on a free 127.0.0.1 port, a fresh
data directory, the offline engine, the rate limit off, no users so the loopback local user
applies). For each concurrency level, that many virtual users each send ``--turns`` messages one
after another (every message starts a new conversation), until all are done or ``--duration``
seconds pass. A turn counts as completed when its stream ends with a ``done`` event; anything else
(an ``error`` event, a 4xx/5xx, a timeout) counts as an error.

Printed per level: completed turns, errors, turns per second, and p50/p99/max latency of a whole
turn. Client and server share one process (and its GIL) in the default mode, so figures are a
lower bound for a server on its own; ``--url`` measures a separate ``palisade serve``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

DEFAULT_MESSAGE = (
    "I need a private encrypted S3 bucket called acme-audit-logs in eu-west-1, keep logs for a year"
)
TURN_TIMEOUT_SECONDS = 60.0


@dataclass
class LevelResult:
    users: int
    completed: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    error_kinds: dict[str, int] = field(default_factory=dict)

    def percentile(self, q: float) -> float | None:
        if not self.latencies:
            return None
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q) - 1]

    def to_dict(self) -> dict[str, Any]:
        def ms(value: float | None) -> float | None:
            return None if value is None else round(value * 1000, 1)

        return {
            "users": self.users,
            "completed": self.completed,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "turns_per_second": round(self.completed / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": ms(self.percentile(50)),
            "p99_ms": ms(self.percentile(99)),
            "max_ms": ms(max(self.latencies) if self.latencies else None),
            "error_kinds": self.error_kinds,
        }


async def one_turn(client: httpx.AsyncClient, message: str) -> str | None:
    """Send ``message`` and read its stream to the end; None when it ended with ``done``."""
    last_event = ""
    async with client.stream(
        "POST", "/api/v1/messages/stream", json={"text": message}, timeout=TURN_TIMEOUT_SECONDS
    ) as response:
        if response.status_code != 200:
            await response.aread()
            return f"HTTP {response.status_code}"
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                last_event = line[7:]
    return None if last_event == "done" else f"ended with {last_event or 'nothing'}"


async def run_level(
    url: str, headers: dict[str, str], users: int, turns: int, duration: float, message: str
) -> LevelResult:
    result = LevelResult(users=users)
    deadline = time.perf_counter() + duration
    # Idle connections are dropped after 1 s, well before uvicorn's 5 s keep-alive timeout, so no
    # request goes out on a connection the server may be closing at that moment (httpx's default is
    # 5 s too: the likely cause of a rare ReadError seen at 50 users, not confirmed).
    limits = httpx.Limits(
        max_connections=users, max_keepalive_connections=users, keepalive_expiry=1.0
    )

    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits) as client:

        async def user() -> None:
            for _ in range(turns):
                if time.perf_counter() >= deadline:
                    return
                started = time.perf_counter()
                try:
                    error = await one_turn(client, message)
                except httpx.HTTPError as exc:
                    error = type(exc).__name__
                if error is None:
                    result.completed += 1
                    result.latencies.append(time.perf_counter() - started)
                else:
                    result.errors += 1
                    result.error_kinds[error] = result.error_kinds.get(error, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(users)))
        result.seconds = time.perf_counter() - started
    return result


@contextlib.contextmanager
def local_server() -> Iterator[str]:
    """Palisade on a free loopback port in a background thread; yields its URL."""
    import socket

    import uvicorn

    from palisade.channels.api.app import create_app
    from palisade.config import load_settings

    with tempfile.TemporaryDirectory(prefix="palisade-bench-") as data:
        settings = load_settings(data_dir=Path(data), api={"rate_limit_per_minute": 0})
        app = create_app(settings)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 60
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=30)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--users", default="1,10,50", help="Concurrency levels, comma-separated.")
    parser.add_argument("--turns", type=int, default=20, help="Turns per user per level.")
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds per level, at most.")
    parser.add_argument("--url", help="Benchmark a running server instead of an in-process one.")
    parser.add_argument("--token", help="API token for --url (when the server has users).")
    parser.add_argument("--message", default=DEFAULT_MESSAGE, help="What every turn sends.")
    parser.add_argument("--json", action="store_true", help="One JSON object per level.")
    args = parser.parse_args(argv)
    try:
        args.levels = [int(v) for v in args.users.split(",") if v.strip()]
    except ValueError:
        parser.error("--users takes whole numbers, e.g. 1,10,50")
    if not args.levels or min(args.levels) < 1 or args.turns < 1 or args.duration <= 0:
        parser.error("--users, --turns and --duration must be positive")
    return args


async def benchmark(url: str, args: argparse.Namespace) -> list[LevelResult]:
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    warm = await run_level(url, headers, 1, 2, args.duration, args.message)  # imports, caches
    if warm.errors:
        raise SystemExit(f"The warm-up turns failed: {warm.error_kinds}")
    results = []
    for users in args.levels:
        results.append(
            await run_level(url, headers, users, args.turns, args.duration, args.message)
        )
    return results


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def report(results: list[LevelResult], as_json: bool) -> None:
    if as_json:
        for r in results:
            _out(json.dumps(r.to_dict()))
        return
    _out(
        f"{'users':>5} {'turns':>6} {'errors':>6} {'secs':>7} {'turns/s':>8} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    for r in results:
        d = r.to_dict()
        _out(
            f"{d['users']:>5} {d['completed']:>6} {d['errors']:>6} {d['seconds']:>7} "
            f"{d['turns_per_second']:>8} {d['p50_ms']!s:>8} {d['p99_ms']!s:>8} {d['max_ms']!s:>8}"
        )
        if d["error_kinds"]:
            _out(f"      errors: {d['error_kinds']}")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.url:
        results = asyncio.run(benchmark(args.url.rstrip("/"), args))
    else:
        with local_server() as url:
            results = asyncio.run(benchmark(url, args))
    report(results, args.json)


if __name__ == "__main__":
    main(sys.argv[1:])
