"""Prometheus metrics of one app, in its own registry (so several apps in a process never collide).

Labels are bounded: the route *template* (``/api/v1/conversations/{conversation_id}``, or
``unmatched``), the method, the status code, a turn outcome or a guard stage; never a user, an id or
any text.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from palisade import __version__

__all__ = ["CONTENT_TYPE_LATEST", "ApiMetrics"]

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class ApiMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "palisade_http_requests",
            "HTTP requests answered.",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "palisade_http_request_duration_seconds",
            "Time to answer an HTTP request (to the end of the body, streams included).",
            ("method", "route"),
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.turns = Counter(
            "palisade_turns",
            "Chat turns by outcome: done, error, stopped (client went away) or timeout.",
            ("outcome",),
            registry=self.registry,
        )
        self.turn_latency = Histogram(
            "palisade_turn_duration_seconds",
            "Time from a message to the end of its turn.",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.guard_blocks = Counter(
            "palisade_guard_blocks",
            "Turns the guard blocked, by stage.",
            ("stage",),
            registry=self.registry,
        )
        self.pull_requests = Counter(
            "palisade_pull_requests",
            "Pull requests by result: created, updated or failed.",
            ("result",),
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "palisade_rate_limited",
            "Messages refused by the per-user rate limit.",
            registry=self.registry,
        )
        self.streams = Gauge(
            "palisade_streams_active",
            "Server-sent event streams open right now.",
            registry=self.registry,
        )
        info = Gauge(
            "palisade_build_info", "Palisade version.", ("version",), registry=self.registry
        )
        info.labels(version=__version__).set(1)
        for outcome in ("done", "error", "stopped", "timeout"):
            self.turns.labels(outcome=outcome)
        for stage in ("input", "output"):
            self.guard_blocks.labels(stage=stage)
        for result in ("created", "updated", "failed"):
            self.pull_requests.labels(result=result)

    def record_turn(self, outcome: str, seconds: float, blocked_stages: tuple[str, ...]) -> None:
        self.turns.labels(outcome=outcome).inc()
        self.turn_latency.observe(seconds)
        for stage in blocked_stages:
            self.guard_blocks.labels(stage=stage).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
