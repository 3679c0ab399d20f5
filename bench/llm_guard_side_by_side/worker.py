"""One side of the side-by-side benchmark, run inside that side's virtual environment.

    python worker.py --engine llm-guard   # in the throwaway LLM Guard venv (never the project's)
    python worker.py --engine palisade    # in the project's .venv

Prints one JSON object: import and build time, resident memory, latency per pipeline and prompt, and (with
--secrets) the Secrets scanner's quality on a labelled JSONL file. ``run.py`` starts both and compares.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prompts import PROMPTS, word_count

ScanFn = Callable[[str], bool]  # returns "flagged" (some scanner did not pass)


def _rss_mib() -> dict[str, float]:
    """Current and peak resident set size of this process, from /proc (Linux)."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = round(int(rest.split()[0]) / 1024, 1)
    return {"rss_mib": values.get("VmRSS", 0.0), "peak_rss_mib": values.get("VmHWM", 0.0)}


def _latency(fn: ScanFn, text: str, iterations: int, warmup: int = 5) -> dict[str, float]:
    for _ in range(warmup):
        fn(text)
    samples: list[float] = []
    cpu: list[float] = []
    for _ in range(iterations):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn(text)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    median = statistics.median(samples)
    return {
        "median_ms": round(median, 3),
        "p95_ms": round(cuts[18], 3),
        "mean_ms": round(statistics.fmean(samples), 3),
        # CPU time of the whole process per call: less sensitive to other load on a shared machine.
        "cpu_median_ms": round(statistics.median(cpu), 3),
        "per_second": round(1000 / median, 1) if median else 0.0,
        "iterations": iterations,
    }


def _quality(fn: ScanFn, rows: list[dict[str, Any]]) -> dict[str, Any]:
    tp = fp = tn = fn_ = 0
    missed: dict[str, int] = {}
    false_alarms: dict[str, int] = {}
    started = time.perf_counter()
    for row in rows:
        flagged = fn(str(row["text"]))
        kind = str(row.get("kind", ""))
        if row["label"] and flagged:
            tp += 1
        elif row["label"]:
            fn_ += 1
            missed[kind] = missed.get(kind, 0) + 1
        elif flagged:
            fp += 1
            false_alarms[kind] = false_alarms.get(kind, 0) + 1
        else:
            tn += 1
    seconds = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn_) if tp + fn_ else 0.0
    return {
        "rows": len(rows),
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn_,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "fpr": round(fp / (fp + tn), 4) if fp + tn else 0.0,
        "seconds": round(seconds, 2),
        "top_missed_kinds": sorted(missed.items(), key=lambda kv: -kv[1])[:8],
        "top_false_alarm_kinds": sorted(false_alarms.items(), key=lambda kv: -kv[1])[:8],
    }


# ---------------------------------------------------------------------------------------- engines


def _llm_guard() -> tuple[float, float, dict[str, ScanFn], ScanFn, dict[str, list[str]]]:
    started = time.perf_counter()
    from llm_guard import scan_prompt
    from llm_guard.input_scanners import BanSubstrings, InvisibleText, Regex, Secrets
    from llm_guard.util import configure_logger

    imported = time.perf_counter() - started
    configure_logger(log_level="ERROR")  # its per-scanner debug logging would dominate the timings
    started = time.perf_counter()
    # The four input scanners that run offline, with the reference scanners.yml parameters.
    offline = [
        InvisibleText(),
        Secrets(redact_mode="all"),
        Regex(
            patterns=["Bearer [A-Za-z0-9-._~+/]+"],
            is_blocked=True,
            match_type="search",
            redact=True,
        ),
        BanSubstrings(
            substrings=["test"],
            match_type="word",
            case_sensitive=False,
            redact=False,
            contains_all=False,
        ),
    ]
    secrets_only = [Secrets(redact_mode="all")]
    built = time.perf_counter() - started

    def pipeline(scanners: list[Any]) -> ScanFn:
        def run(text: str) -> bool:
            _, valid, _ = scan_prompt(scanners, text, fail_fast=False)
            return not all(valid.values())

        return run

    secrets_scanner = Secrets(redact_mode="all")

    def secrets_flagged(text: str) -> bool:
        _, valid, _ = secrets_scanner.scan(text)
        return not valid

    pipelines = {"offline_input": pipeline(offline), "secrets_only": pipeline(secrets_only)}
    names = {
        "offline_input": [type(s).__name__ for s in offline],
        "secrets_only": ["Secrets"],
    }
    return imported, built, pipelines, secrets_flagged, names


def _palisade() -> tuple[float, float, dict[str, ScanFn], ScanFn, dict[str, list[str]]]:
    started = time.perf_counter()
    from palisade.config import GuardSettings, ScannerConfig
    from palisade.guard.registry import SCANNERS, build_guard, guard_from_settings
    from palisade.guard.scanners.secrets import SecretsScanner

    imported = time.perf_counter() - started
    started = time.perf_counter()
    default = guard_from_settings(GuardSettings(), "input")  # what `palisade` runs by default
    secrets_only = build_guard("input", [ScannerConfig(type="Secrets")])
    built = time.perf_counter() - started
    pipelines: dict[str, ScanFn] = {
        "default_input": lambda text: not default.scan(text).valid,
        "secrets_only": lambda text: not secrets_only.scan(text).valid,
    }
    names = {"default_input": list(default.names), "secrets_only": ["Secrets"]}
    if {"Regex", "BanSubstrings"} <= set(SCANNERS):
        # The same four offline scanners as LLM Guard's, with the same parameters, when we have them.
        same_four = build_guard(
            "input",
            [
                ScannerConfig(type="InvisibleText"),
                ScannerConfig(type="Secrets", params={"redact_mode": "all"}),
                ScannerConfig(
                    type="Regex",
                    params={
                        "patterns": ["Bearer [A-Za-z0-9-._~+/]+"],
                        "is_blocked": True,
                        "match_type": "search",
                        "redact": True,
                    },
                ),
                ScannerConfig(
                    type="BanSubstrings",
                    params={
                        "substrings": ["test"],
                        "match_type": "word",
                        "case_sensitive": False,
                        "redact": False,
                        "contains_all": False,
                    },
                ),
            ],
        )
        pipelines["offline_input"] = lambda text: not same_four.scan(text).valid
        names["offline_input"] = list(same_four.names)
    scanner = SecretsScanner()
    return imported, built, pipelines, (lambda text: not scanner.scan(text).valid), names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("llm-guard", "palisade"), required=True)
    parser.add_argument("--short-iterations", type=int, default=300)
    parser.add_argument("--long-iterations", type=int, default=60)
    parser.add_argument("--secrets", type=Path, help="labelled JSONL ({text, label, kind})")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    rss_before = _rss_mib()["rss_mib"]
    load = _llm_guard if args.engine == "llm-guard" else _palisade
    imported, built, pipelines, secrets_flagged, names = load()
    after_import = _rss_mib()
    result: dict[str, Any] = {
        "engine": args.engine,
        "python": sys.version.split()[0],
        "import_seconds": round(imported, 3),
        "build_seconds": round(built, 3),
        "rss_mib_interpreter": rss_before,
        "rss_mib_after_import_and_build": after_import["rss_mib"],
        "pipelines": {},
        "prompts": {name: {"words": word_count(t), "chars": len(t)} for name, t in PROMPTS.items()},
    }
    for pipeline_name, fn in pipelines.items():
        per_prompt = {}
        for prompt_name, text in PROMPTS.items():
            iterations = args.long_iterations if "long" in prompt_name else args.short_iterations
            per_prompt[prompt_name] = _latency(fn, text, iterations) | {"flagged": fn(text)}
        result["pipelines"][pipeline_name] = {"scanners": names[pipeline_name], **per_prompt}
    if args.secrets:
        rows = [json.loads(line) for line in args.secrets.read_text().splitlines() if line.strip()]
        result["secrets_quality"] = _quality(secrets_flagged, rows)
    result |= {"final_" + k: v for k, v in _rss_mib().items()}
    # The 1-minute load average around the run: figures taken at a load above the core count are noisy.
    result["load_average"] = {
        "start": load_before,
        "end": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
