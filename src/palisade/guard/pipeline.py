"""The guard pipeline: run a stage's scanners in order, each on the previous one's sanitized text.

This is LLM Guard's "analyze" semantics, with three differences: results are typed, a scanner that raises or
overruns its time budget blocks the text (fail closed) instead of being skipped, and ``fail_fast`` still runs every
sanitizing scanner after the first block, so a secret is never handed back unredacted.

With a time budget, one worker thread runs a whole scan and the caller waits for it, one hand-off per scan
rather than one per scanner (each costs tens of microseconds, a noticeable part of a 2 ms budget). The caller
checks the budget of whichever scanner is running; when one overruns, the caller records it as blocked, leaves
the stuck worker behind and continues with the next scanner in a fresh one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from palisade.guard.base import Scanner, ScanResult, Stage, Verdict
from palisade.guard.vault import Vault, call_scanner

__all__ = ["Guard", "is_sanitizing"]

logger = logging.getLogger(__name__)


def is_sanitizing(scanner: Scanner) -> bool:
    """Whether ``scanner`` rewrites text (redaction, stripping); such scanners always run."""
    return bool(getattr(scanner, "sanitizes", False))


@dataclass
class _Run:
    """One scan in progress, shared by the caller and the worker running it (under ``cond``).

    ``position`` indexes the scanner to consider next; ``step_started`` is when its budget began (the
    submission, for the first). ``generation`` changes when the caller takes over from a stuck worker, which
    then must not touch the run again.
    """

    text: str
    current: str
    step_started: float
    results: list[ScanResult] = field(default_factory=list)
    blocked: bool = False
    withheld: bool = False
    position: int = 0
    generation: int = 0
    done: bool = False
    worker_died: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition)


@dataclass(frozen=True)
class _Options:
    prompt: str | None
    suppress: Collection[str]
    sanitize: bool
    cancel: threading.Event | None
    vault: Vault | None


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
        run = _Run(text=text, current=text, step_started=time.perf_counter())
        options = _Options(prompt, suppress, sanitize, cancel, vault)
        if self.timeout_seconds is None:
            self._advance(run, options, 0)
        else:
            self._supervise(run, options, self.timeout_seconds)
        return Verdict(
            stage=self.stage,
            sanitized="" if run.withheld else run.current,
            results=tuple(run.results),
        )

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    # ----------------------------------------------------------------------------------------------

    def _supervise(self, run: _Run, options: _Options, budget: float) -> None:
        """Hand the scan to a worker and wait; a scanner over ``budget`` is recorded as failed and the
        scan goes on without it in a fresh worker."""
        while True:
            with run.cond:
                generation = run.generation
            self._submit(run, options, generation)
            with run.cond:
                while not run.done and not run.worker_died:
                    remaining = run.step_started + budget - time.perf_counter()
                    if remaining <= 0:
                        break
                    run.cond.wait(remaining)
                if run.done or run.position >= len(self.scanners):
                    return
                scanner = self.scanners[run.position]
                if run.worker_died:
                    error: BaseException = RuntimeError("the guard worker stopped")
                else:
                    error = TimeoutError(f"{scanner.name} exceeded its {budget:g}s budget")
                run.generation += 1
                elapsed = (time.perf_counter() - run.step_started) * 1000
                given = run.current if options.sanitize else run.text
                self._record(run, options, scanner, _failed(scanner, given, error, elapsed))
                run.position += 1
                run.worker_died = False
                run.step_started = time.perf_counter()
            self._abandon_executor()

    def _submit(self, run: _Run, options: _Options, generation: int) -> None:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=4, thread_name_prefix="palisade-guard"
                )
            self._executor.submit(self._work, run, options, generation)

    def _work(self, run: _Run, options: _Options, generation: int) -> None:
        try:
            self._advance(run, options, generation)
        finally:
            with run.cond:
                if run.generation == generation and not run.done:
                    run.worker_died = True  # only on an error outside the scanners' own handling
                run.cond.notify_all()

    def _advance(self, run: _Run, options: _Options, generation: int) -> None:
        """Run the scanners from ``run.position`` on, until the end or until the caller takes over."""
        while True:
            with run.cond:
                if run.generation != generation:
                    return
                scanner = self._next(run, options)
                if scanner is None:
                    run.done = True
                    return
                run.step_started = started = time.perf_counter()
                text = run.current if options.sanitize else run.text
            result = self._call(scanner, text, options, started)
            with run.cond:
                if run.generation != generation:
                    return
                self._record(run, options, scanner, result)
                run.position += 1

    def _next(self, run: _Run, options: _Options) -> Scanner | None:
        """The next scanner to run (skipping suppressed ones and, under ``fail_fast``, detectors after a
        block); None when the scan is over."""
        while run.position < len(self.scanners):
            scanner = self.scanners[run.position]
            if scanner.name in options.suppress:
                run.position += 1
                continue
            if options.cancel is not None and options.cancel.is_set():
                run.results.append(
                    ScanResult(scanner.name, run.current, "blocked", 1.0, reason="cancelled")
                )
                run.withheld = True
                return None
            if (
                run.blocked
                and self.fail_fast
                and (not is_sanitizing(scanner) or not options.sanitize)
            ):
                run.position += 1
                continue
            return scanner
        return None

    @staticmethod
    def _record(run: _Run, options: _Options, scanner: Scanner, result: ScanResult) -> None:
        run.results.append(result)
        if result.blocked:
            run.blocked = True
            if result.reason.startswith("scanner-error:") and is_sanitizing(scanner):
                run.withheld = True  # the text may still hold what this scanner should have removed
        elif options.sanitize:
            run.current = result.text

    @staticmethod
    def _call(scanner: Scanner, text: str, options: _Options, started: float) -> ScanResult:
        try:
            result = call_scanner(scanner, text, options.prompt, options.vault)
            if not isinstance(result, ScanResult):
                raise TypeError(
                    f"{scanner.name}.scan returned {type(result).__name__}, not ScanResult"
                )
        except Exception as exc:
            elapsed = (time.perf_counter() - started) * 1000
            return _failed(scanner, text, exc, elapsed)
        return ScanResult(
            scanner=result.scanner,
            text=result.text,
            outcome=result.outcome,
            risk=result.risk,
            reason=result.reason,
            detections=result.detections,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def _abandon_executor(self) -> None:
        """A hung scanner keeps its worker; start a fresh pool so later calls are not queued behind it."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)


def _failed(scanner: Scanner, text: str, error: BaseException, elapsed_ms: float) -> ScanResult:
    logger.error(
        "guard scanner %s failed (%s: %s); blocking (fail closed)",
        scanner.name,
        type(error).__name__,
        error,
    )
    return ScanResult(
        scanner=scanner.name,
        text=text,
        outcome="blocked",
        risk=1.0,
        reason=f"scanner-error:{scanner.name}",
        elapsed_ms=elapsed_ms,
    )
