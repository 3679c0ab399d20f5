"""Prometheus metrics, in a registry owned by one app so several servers (and tests) never share counters."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["CONTENT_TYPE", "ServerMetrics"]


class ServerMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "llm_guard_requests",
            "HTTP requests by route and status code.",
            ["route", "status"],
            registry=self.registry,
        )
        self.scan_seconds = Histogram(
            "llm_guard_scan_duration_seconds",
            "Time spent scanning one request, by route (timed-out scans count at their deadline).",
            ["route"],
            buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
            registry=self.registry,
        )
        # Named after LLM Guard API's ``scanners.valid`` counter so its dashboards keep working.
        self.scanners_valid = Counter(
            "scanners_valid",
            "Scanner results by stage (input/output), scanner and whether it passed.",
            ["source", "valid", "scanner"],
            registry=self.registry,
        )
        self.timeouts = Counter(
            "llm_guard_scan_timeouts",
            "Scans abandoned at their deadline (answered 408).",
            ["route"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "llm_guard_rate_limited",
            "Requests refused by the per-client rate limit (answered 429).",
            registry=self.registry,
        )
        self.rate_limit_store_errors = Counter(
            "llm_guard_rate_limit_store_errors",
            "Requests refused because the shared rate-limit store did not answer (answered 503).",
            registry=self.registry,
        )
        self.ready = Gauge(
            "llm_guard_ready",
            "1 once every scanner has loaded and answered a warm-up scan, else 0.",
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
