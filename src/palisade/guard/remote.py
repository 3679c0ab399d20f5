"""A guard that asks an LLM Guard API server (``palisade guard serve`` or LLM Guard's own) instead of
scanning in-process: ``PALISADE_GUARD__BACKEND=llm-guard-api`` with ``LLM_GUARD_URL`` / ``LLM_GUARD_API_KEY``.

It fails closed. Any answer it cannot trust (no connection, timeout, a non-200 status, a malformed body,
a ``Retry-After`` longer than it is willing to wait) becomes a blocked ``Verdict`` with the reason
``guard-unavailable`` and an empty ``sanitized`` text, and the cause is logged with what to do about it.
Unscanned text is never handed back as if it had been sanitized.
"""

from __future__ import annotations

import email.utils
import logging
import math
import time
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from palisade.config import GuardSettings
from palisade.errors import ConfigError
from palisade.guard.base import ScanResult, Stage, Verdict
from palisade.guard.compat import outcome_from_llm_guard, risk_from_llm_guard

__all__ = ["UNAVAILABLE", "RemoteGuard"]

logger = logging.getLogger(__name__)

UNAVAILABLE = "guard-unavailable"
_NAME = "LLMGuardAPI"
_RETRY_STATUSES = frozenset({429, 502, 503, 504})


class _Unavailable(Exception):
    """Internal: why this attempt (or the whole call) cannot produce a trustworthy verdict."""


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    is_valid: bool
    scanners: dict[str, float]
    sanitized_prompt: str | None = None
    sanitized_output: str | None = None


class RemoteGuard:
    """One stage (``input`` → ``/analyze/prompt``, ``output`` → ``/analyze/output``) of a remote guard."""

    def __init__(
        self,
        url: str,
        *,
        stage: Stage,
        api_key: str | None = None,
        timeout_seconds: float = 10.0,
        retries: int = 2,
        backoff_seconds: float = 0.25,
        max_retry_after_seconds: float = 5.0,
        http_client: httpx.Client | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(
                f"LLM_GUARD_URL={url!r} is not an http(s) URL; set it to the guard server's address, "
                "e.g. http://127.0.0.1:8000"
            )
        if (
            api_key
            and parts.scheme == "http"
            and parts.hostname not in ("127.0.0.1", "localhost", "::1")
        ):
            logger.warning(
                "LLM_GUARD_API_KEY is sent to %s over plain HTTP; use https:// for a remote guard",
                url,
            )
        self.url = url.rstrip("/")
        self._stage: Stage = stage
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self.max_retry_after_seconds = max_retry_after_seconds
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = http_client or httpx.Client(timeout=timeout_seconds)
        self._headers = headers
        self._path = "/analyze/prompt" if stage == "input" else "/analyze/output"

    @classmethod
    def from_settings(cls, settings: GuardSettings, stage: Stage) -> RemoteGuard:
        if not settings.url:
            raise ConfigError(
                "PALISADE_GUARD__BACKEND=llm-guard-api needs the server's address: set LLM_GUARD_URL "
                "(or PALISADE_GUARD__URL), e.g. http://127.0.0.1:8000 — `palisade guard serve` runs one."
            )
        if settings.input_scanners is not None or settings.output_scanners is not None:
            logger.warning(
                "PALISADE_GUARD__INPUT_SCANNERS/OUTPUT_SCANNERS are ignored with the llm-guard-api "
                "backend: the server's own configuration decides which scanners run"
            )
        return cls(
            settings.url,
            stage=stage,
            api_key=settings.api_key.get_secret_value() if settings.api_key else None,
            timeout_seconds=settings.remote_timeout_seconds,
            retries=settings.remote_retries,
            max_retry_after_seconds=settings.remote_max_retry_after_seconds,
        )

    @property
    def stage(self) -> Stage:
        return self._stage

    def scan(
        self, text: str, *, prompt: str | None = None, suppress: Collection[str] = ()
    ) -> Verdict:
        body: dict[str, Any] = {"prompt": text, "scanners_suppress": sorted(suppress)}
        if self._stage == "output":
            body = {"prompt": prompt or "", "output": text, "scanners_suppress": sorted(suppress)}
        started = time.perf_counter()
        try:
            answer, sanitized = self._call(body)
        except _Unavailable as exc:
            logger.error(
                "LLM Guard API at %s: %s; blocking the %s text (fail closed)",
                self.url,
                exc,
                self._stage,
            )
            return self._blocked(UNAVAILABLE, started)
        return self._verdict(text, answer, sanitized, started)

    def close(self) -> None:
        self._client.close()

    # ----------------------------------------------------------------------------------------------

    def _call(self, body: dict[str, Any]) -> tuple[_Answer, str]:
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self._client.post(
                    self.url + self._path, json=body, headers=self._headers
                )
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if last:
                    raise _Unavailable(
                        f"cannot connect ({type(exc).__name__}); is `palisade guard serve` running "
                        "there, and is LLM_GUARD_URL right?"
                    ) from None
                self._wait(self.backoff_seconds * 2**attempt)
                continue
            except httpx.TimeoutException:
                raise _Unavailable(
                    "no answer within the timeout (PALISADE_GUARD__REMOTE_TIMEOUT_SECONDS)"
                ) from None
            except httpx.HTTPError as exc:
                raise _Unavailable(f"request failed ({type(exc).__name__}: {exc})") from None
            if response.status_code == 200:
                return self._parse(response)
            if response.status_code in (401, 403):
                raise _Unavailable(
                    f"credentials refused (HTTP {response.status_code}); set LLM_GUARD_API_KEY to the "
                    "server's AUTH_TOKEN"
                )
            if response.status_code not in _RETRY_STATUSES or last:
                raise _Unavailable(f"HTTP {response.status_code}: {_error_message(response)}")
            wait = self.backoff_seconds * 2**attempt
            if response.status_code in (429, 503):
                asked = _retry_after(response)
                if asked is not None:
                    if asked > self.max_retry_after_seconds:
                        raise _Unavailable(
                            f"HTTP {response.status_code} asking to retry after {asked:g}s, longer "
                            f"than the {self.max_retry_after_seconds:g}s we wait "
                            "(PALISADE_GUARD__REMOTE_MAX_RETRY_AFTER_SECONDS)"
                        )
                    wait = asked
            logger.warning(
                "LLM Guard API at %s answered %d; retrying in %.2fs (%d/%d)",
                self.url,
                response.status_code,
                wait,
                attempt + 1,
                self.retries,
            )
            self._wait(wait)
        raise _Unavailable(
            "no attempt left"
        )  # pragma: no cover - the loop always returns or raises

    def _parse(self, response: httpx.Response) -> tuple[_Answer, str]:
        try:
            answer = _Answer.model_validate(response.json())
        except (ValueError, ValidationError):
            raise _Unavailable(
                "the answer is not an LLM Guard API analyze response; is LLM_GUARD_URL the guard "
                "server (not a proxy or another service)?"
            ) from None
        sanitized = answer.sanitized_prompt if self._stage == "input" else answer.sanitized_output
        if sanitized is None:
            raise _Unavailable("the answer has no sanitized text")
        return answer, sanitized

    def _verdict(self, text: str, answer: _Answer, sanitized: str, started: float) -> Verdict:
        elapsed_ms = (time.perf_counter() - started) * 1000
        results: list[ScanResult] = []
        for name, score in answer.scanners.items():
            outcome = outcome_from_llm_guard(name, score)
            risk = 0.0 if outcome == "pass" else max(risk_from_llm_guard(score), 0.01)
            reason = "" if outcome == "pass" else f"remote score {score:g}"
            results.append(
                ScanResult(name, sanitized, outcome, risk, reason=reason, elapsed_ms=elapsed_ms)
            )
        triggered = any(not r.valid for r in results)
        if not answer.is_valid and not triggered:
            # The server says "not valid" without naming a scanner: we cannot tell what is wrong.
            results.append(
                ScanResult(
                    _NAME, sanitized, "blocked", 1.0, reason="remote-invalid", elapsed_ms=elapsed_ms
                )
            )
        if text and not sanitized and not answer.is_valid:
            # Our server empties the text when a sanitizer failed; never continue with nothing.
            results.append(
                ScanResult(
                    _NAME, "", "blocked", 1.0, reason="remote-withheld", elapsed_ms=elapsed_ms
                )
            )
        return Verdict(stage=self._stage, sanitized=sanitized, results=tuple(results))

    def _blocked(self, reason: str, started: float) -> Verdict:
        elapsed_ms = (time.perf_counter() - started) * 1000
        result = ScanResult(_NAME, "", "blocked", 1.0, reason=reason, elapsed_ms=elapsed_ms)
        return Verdict(stage=self._stage, sanitized="", results=(result,))

    @staticmethod
    def _wait(seconds: float) -> None:
        time.sleep(max(0.0, seconds))


def _retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (delta or HTTP date), or ``None`` when absent or unreadable."""
    value = str(response.headers.get("retry-after", "")).strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return float(max(0, math.ceil(when.timestamp() - time.time())))


def _error_message(response: httpx.Response) -> str:
    """The ``message`` of an LLM Guard error body, never its ``details`` (a 422 echoes the input text,
    which may hold the very secret the guard exists to keep out of logs)."""
    try:
        data = response.json()
    except ValueError:
        return "(no LLM Guard error body)"
    message = data.get("message") if isinstance(data, dict) else None
    return " ".join(str(message).split())[:200] if message else "(no message)"
