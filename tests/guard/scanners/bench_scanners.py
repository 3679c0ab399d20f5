"""Speed of each new scanner, as numbers (a benchmark, not a test): ``python -m tests.guard.scanners.bench_scanners``.

Per scanner: median and p95 milliseconds on a ~40-word prompt, a ~600-word prompt and a ~300-word answer with a
Terraform block; and the worst time on 100 KB pathological inputs (long digit runs, repeated separators, one
giant token) that would expose super-linear regexes.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

from palisade.guard.base import Scanner
from palisade.guard.scanners.anonymize import AnonymizeScanner
from palisade.guard.scanners.ban_substrings import BanSubstringsScanner
from palisade.guard.scanners.ban_topics import BanTopicsScanner
from palisade.guard.scanners.deanonymize import DeanonymizeScanner
from palisade.guard.scanners.iac_policy import IaCPolicyScanner
from palisade.guard.scanners.json_output import JSONScanner
from palisade.guard.scanners.language import LanguageScanner
from palisade.guard.scanners.malicious_urls import MaliciousURLsScanner
from palisade.guard.scanners.no_refusal import NoRefusalScanner
from palisade.guard.scanners.regex import RegexScanner
from palisade.guard.scanners.sensitive import SensitiveScanner
from palisade.guard.scanners.token_limit import TokenLimitScanner
from palisade.guard.vault import Vault

SHORT = (
    "Hi, I'm Jane Smith from the payments team (jane.smith@acme.io, +44 20 7946 0958). Please create a "
    "private encrypted S3 bucket called acme-audit-logs in eu-west-1 and keep the logs for one year."
)
LONG = " ".join(
    [
        SHORT,
        "We also need versioning, object lock, access logging to acme-s3-access-logs,"
        " and a lifecycle rule moving objects to Glacier after ninety days.",
    ]
    * 12
)
ANSWER = (
    "Here is a bucket that meets the request. See https://docs.aws.amazon.com/AmazonS3/latest/userguide/ "
    "for background.\n\n```hcl\n"
    + 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-audit-logs"\n}\n' * 8
    + "```\n\nApply it with terraform apply after review. " * 3
)
PATHOLOGICAL = [
    "1" * 100_000,
    "1 " * 50_000,
    "1-" * 50_000,
    "a." * 50_000,
    "@" * 100_000,
    ":" * 100_000,
    "a" * 100_000,
    "[" * 50_000 + "]" * 50_000,
    "http://" + "a." * 50_000,
    "```\n" * 25_000,
    "Mr. " * 25_000,
]


def _ms(fn: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _scan(scanner: Scanner, text: str) -> Callable[[], Any]:
    if getattr(scanner, "uses_vault", False):
        return lambda: scanner.scan(text, vault=Vault())  # type: ignore[call-arg]
    return lambda: scanner.scan(text)


def main() -> None:
    def no_failures(files: Mapping[str, str]) -> Any:
        class Report:
            failed: tuple[()] = ()

        return Report()

    scanners: list[Scanner] = [
        AnonymizeScanner(),
        DeanonymizeScanner(),
        SensitiveScanner(),
        TokenLimitScanner(),
        BanSubstringsScanner(substrings=["rm -rf", "drop table", "password"]),
        RegexScanner(patterns=[r"Bearer [A-Za-z0-9\-._~+/]+"]),
        BanTopicsScanner(
            topics=["violence", "weapons", "self-harm", "drugs", "hate", "sexual", "malware"]
        ),
        LanguageScanner(valid_languages=["en"]),
        MaliciousURLsScanner(),
        NoRefusalScanner(),
        JSONScanner(repair=True),
        IaCPolicyScanner(validate=no_failures),
    ]
    report: dict[str, dict[str, float]] = {}
    for scanner in scanners:
        row: dict[str, float] = {}
        for label, text, repeat in (
            ("short", SHORT, 200),
            ("long", LONG, 50),
            ("answer", ANSWER, 100),
        ):
            times = _ms(_scan(scanner, text), repeat)
            row[f"{label}_p50"] = round(statistics.median(times), 3)
            row[f"{label}_p95"] = round(statistics.quantiles(times, n=20)[18], 3)
        row["pathological_max"] = round(
            max(max(_ms(_scan(scanner, t), 1)) for t in PATHOLOGICAL), 1
        )
        report[scanner.name] = row
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
