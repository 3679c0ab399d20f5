"""The guard pipeline: run a stage's scanners in order, each on the previous one's sanitized text.

This is LLM Guard's "analyze" semantics, with three differences: results are typed, a scanner that raises or
overruns its time budget blocks the text (fail closed) instead of being skipped, and ``fail_fast`` still runs every
sanitizing scanner after the first block, so a secret is never handed back unredacted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError

from palisade.guard.base import Scanner, ScanResult, Stage, Verdict
from palisade.guard.vault import Vault, call_scanner

__all__ = ["Guard", "is_sanitizing"]

logger = logging.getLogger(__name__)


def is_sanitizing(scanner: Scanner) -> bool:
    """Whether ``scanner`` rewrites text (redaction, stripping); such scanners always run."""
    return bool(getattr(scanner, "sanitizes", False))


class Guard:
    """An ordered list of scanners for one stage (``input`` or ``output``)."""

    def __init__(
        self,
        scanners: Sequence[Scanner],
        *,
        stage: Stage = "input",
        fail_fast: bool = False,
        timeout_seconds: float | None = 5.0,
    ) -> None:
        if timeout_seconds is not None and timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be positive or None, got {timeout_seconds}")
        self.scanners: tuple[Scanner, ...] = tuple(scanners)
        self.stage: Stage = stage
        self.fail_fast = fail_fast
        self.timeout_seconds = timeout_seconds
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scanners)

    def scan(
        self,
        text: str,
        *,
        prompt: str | None = None,
        suppress: Collection[str] = (),
        sanitize: bool = True,
        cancel: threading.Event | None = None,
        vault: Vault | None = None,
    ) -> Verdict:
        """Run the scanners in order; ``suppress`` holds exact scanner names to skip for this call.

        ``sanitize=False`` is LLM Guard's "scan" mode: every scanner sees the original text and
        ``Verdict.sanitized`` is that text unchanged (callers must not pass it on as cleaned). Setting
        ``cancel`` (e.g. when a caller's deadline passed) stops the pipeline before its next scanner; the
        verdict is then blocked with the reason ``cancelled`` and withholds the text. ``vault`` is the
        conversation's placeholder store, handed only to scanners that use one (``Anonymize`` fills it,
        ``Deanonymize`` reads it): pass the same vault to the input and the output guard.
        """
        current = text
        results: list[ScanResult] = []
        blocked = False
        withheld = False
        for scanner in self.scanners:
            if scanner.name in suppress:
                continue
            if cancel is not None and cancel.is_set():
                results.append(
                    ScanResult(scanner.name, current, "blocked", 1.0, reason="cancelled")
                )
                withheld = True
                break
            sanitizing = is_sanitizing(scanner)
            if blocked and self.fail_fast and (not sanitizing or not sanitize):
                continue
            result = self._run_one(scanner, current if sanitize else text, prompt, vault)
            results.append(result)
            if result.blocked:
                blocked = True
                if result.reason.startswith("scanner-error:") and sanitizing:
                    withheld = True  # the text may still hold what this scanner should have removed
            elif sanitize:
                current = result.text
        return Verdict(
            stage=self.stage, sanitized="" if withheld else current, results=tuple(results)
        )

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    # ----------------------------------------------------------------------------------------------

    def _run_one(
        self, scanner: Scanner, text: str, prompt: str | None, vault: Vault | None = None
    ) -> ScanResult:
        started = time.perf_counter()
        try:
            if self.timeout_seconds is None:
                result = call_scanner(scanner, text, prompt, vault)
            else:
                future = self._submit(scanner, text, prompt, vault)
                try:
                    result = future.result(timeout=self.timeout_seconds)
                except FutureTimeoutError:
                    self._abandon_executor()
                    raise TimeoutError(
                        f"{scanner.name} exceeded its {self.timeout_seconds:g}s budget"
                    ) from None
            if not isinstance(result, ScanResult):
                raise TypeError(
                    f"{scanner.name}.scan returned {type(result).__name__}, not ScanResult"
                )
        except Exception as exc:
            elapsed = (time.perf_counter() - started) * 1000
            logger.error(
                "guard scanner %s failed (%s: %s); blocking (fail closed)",
                scanner.name,
                type(exc).__name__,
                exc,
            )
            return ScanResult(
                scanner=scanner.name,
                text=text,
                outcome="blocked",
                risk=1.0,
                reason=f"scanner-error:{scanner.name}",
                elapsed_ms=elapsed,
            )
        elapsed = (time.perf_counter() - started) * 1000
        return ScanResult(
            scanner=result.scanner,
            text=result.text,
            outcome=result.outcome,
            risk=result.risk,
            reason=result.reason,
            detections=result.detections,
            elapsed_ms=elapsed,
        )

    def _submit(
        self, scanner: Scanner, text: str, prompt: str | None, vault: Vault | None = None
    ) -> Future[ScanResult]:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=4, thread_name_prefix="palisade-guard"
                )
            return self._executor.submit(call_scanner, scanner, text, prompt, vault)

    def _abandon_executor(self) -> None:
        """A hung scanner keeps its worker; start a fresh pool so later calls are not queued behind it."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)
