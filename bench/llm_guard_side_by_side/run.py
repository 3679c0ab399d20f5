"""Run LLM Guard and Palisade on the same prompts, one after the other, and print the comparison.

    python bench/llm_guard_side_by_side/run.py \
        --llm-guard-python /tmp/llmguard-venv/bin/python \
        --palisade-python .venv/bin/python \
        [--secrets ../shared/data/secrets/dev.jsonl] [--json results.json]

Each side runs in its own process and virtual environment (``worker.py``), so import time and memory are
that library's alone. The sides run sequentially so they never compete for the CPU. Nothing is
downloaded: both run with ``HF_HUB_OFFLINE=1``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _run_worker(python: str, engine: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        python,
        str(HERE / "worker.py"),
        "--engine",
        engine,
        "--short-iterations",
        str(args.short_iterations),
        "--long-iterations",
        str(args.long_iterations),
    ]
    if args.secrets:
        command += ["--secrets", str(args.secrets)]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    proc = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=3600, check=False
    )
    if proc.returncode != 0:
        sys.exit(f"{engine} worker failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _ratio(theirs: float, ours: float) -> str:
    return f"{theirs / ours:.1f}x" if ours else "n/a"


def _table(lg: dict[str, Any], pal: dict[str, Any]) -> str:
    lines = [
        f"{'':34} {'LLM Guard 0.3.16':>22} {'Palisade':>22} {'LLM Guard / Palisade':>22}",
        f"{'import (s)':34} {lg['import_seconds']:>22.2f} {pal['import_seconds']:>22.2f} "
        f"{_ratio(lg['import_seconds'], pal['import_seconds']):>22}",
        f"{'RSS after import+build (MiB)':34} {lg['rss_mib_after_import_and_build']:>22.1f} "
        f"{pal['rss_mib_after_import_and_build']:>22.1f} "
        f"{_ratio(lg['rss_mib_after_import_and_build'], pal['rss_mib_after_import_and_build']):>22}",
        f"{'peak RSS (MiB)':34} {lg['final_peak_rss_mib']:>22.1f} {pal['final_peak_rss_mib']:>22.1f} "
        f"{_ratio(lg['final_peak_rss_mib'], pal['final_peak_rss_mib']):>22}",
    ]
    pairs = [
        ("offline_input", "default_input", "LLM Guard offline 4 vs our default"),
        ("offline_input", "offline_input", "same 4 offline scanners"),
        ("secrets_only", "secrets_only", "Secrets alone"),
    ]
    for lg_name, pal_name, label in pairs:
        if lg_name not in lg["pipelines"] or pal_name not in pal["pipelines"]:
            continue
        a, b = lg["pipelines"][lg_name], pal["pipelines"][pal_name]
        lines.append("")
        lines.append(f"{label}: [{', '.join(a['scanners'])}] vs [{', '.join(b['scanners'])}]")
        for prompt in lg["prompts"]:
            x, y = a[prompt], b[prompt]
            lines.append(
                f"  {prompt + ' median / p95 (ms)':32} {x['median_ms']:>10.2f} / {x['p95_ms']:<9.2f}"
                f" {y['median_ms']:>10.2f} / {y['p95_ms']:<9.2f} "
                f"{_ratio(x['median_ms'], y['median_ms']):>12} median"
            )
            lines.append(
                f"  {prompt + ' CPU median (ms)':32} {x['cpu_median_ms']:>22.2f}"
                f" {y['cpu_median_ms']:>22.2f} {_ratio(x['cpu_median_ms'], y['cpu_median_ms']):>12} CPU"
            )
    if "secrets_quality" in lg and "secrets_quality" in pal:
        lines.append("")
        lines.append("Secrets scanner on the labelled file:")
        for key in ("recall", "precision", "fpr", "f1", "tp", "fp", "fn", "tn", "seconds"):
            lines.append(
                f"  {key:32} {lg['secrets_quality'][key]:>22} {pal['secrets_quality'][key]:>22}"
            )
    for name, side in (("LLM Guard", lg), ("Palisade", pal)):
        load = side["load_average"]
        lines.append(
            f"{name} ran at a 1-min load average of {load['start']:.1f} → {load['end']:.1f} "
            f"on {load['cpus']} CPUs"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm-guard-python", default="/tmp/llmguard-venv/bin/python")
    parser.add_argument(
        "--palisade-python", default=str(HERE.parents[1] / ".venv" / "bin" / "python")
    )
    parser.add_argument("--short-iterations", type=int, default=300)
    parser.add_argument("--long-iterations", type=int, default=60)
    parser.add_argument(
        "--secrets", type=Path, help="labelled secrets JSONL for the quality comparison"
    )
    parser.add_argument("--json", type=Path, help="also write both raw results here")
    args = parser.parse_args()
    for python in (args.llm_guard_python, args.palisade_python):
        if not Path(python).exists():
            sys.exit(f"{python} does not exist; see README.md for how to create it")
    llm_guard = _run_worker(args.llm_guard_python, "llm-guard", args)
    palisade = _run_worker(args.palisade_python, "palisade", args)
    if args.json:
        args.json.write_text(json.dumps({"llm_guard": llm_guard, "palisade": palisade}, indent=2))
    sys.stdout.write(_table(llm_guard, palisade) + "\n")


if __name__ == "__main__":
    main()
