"""Structured logs: one JSON object per line, and secrets never written.

The access log carries the request id, method, path (no query string: a search may hold anything),
status, duration and user; never a body or a header value. As a second line of defence every record
that passes through ``JsonFormatter`` (or ``RedactingFilter``) has credential-shaped substrings
replaced by ``[REDACTED]``, whatever logger wrote them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

__all__ = ["ACCESS_LOGGER", "JsonFormatter", "RedactingFilter", "configure_logging", "redact"]

ACCESS_LOGGER = "palisade.access"

_SECRET_SHAPES = re.compile(
    "|".join(
        (
            r"pal_[A-Za-z0-9_-]{16,}",  # Palisade API tokens
            r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b",  # AWS key ids
            r"\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{30,}\b",  # GitHub tokens
            r"\bsk-[A-Za-z0-9_-]{20,}\b",  # OpenAI-style keys
            r"\bxox[abpors]-[A-Za-z0-9-]{10,}\b",  # Slack tokens
            r"\bbearer\s+[A-Za-z0-9._~+/=-]{8,}",
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)",
            r"(?<![A-Za-z0-9])(?:aws_secret_access_key|secret_access_key|password|passwd|"
            r"api[_-]?key|secret|token)\s*[=:]\s*['\"]?[^\s'\",;]{6,}",
        )
    ),
    re.IGNORECASE,
)
_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "color_message"}  # uvicorn's ANSI-coloured copy of the message
)


def redact(text: str) -> str:
    """``text`` with credential-shaped substrings replaced by ``[REDACTED]``."""
    return _SECRET_SHAPES.sub("[REDACTED]", text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (arguments merged in) without credential-shaped substrings."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", ...extra fields}`` on one line, redacted."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """Send every log record to standard error, one line each, redacted (for ``palisade serve``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    chosen = logging.getLevelName(level.upper())
    if not isinstance(chosen, int):
        chosen = logging.INFO
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Libraries (Checkov logs its progress at INFO on the root logger) speak from WARNING up;
    # Palisade and the server at the chosen level.
    root.setLevel(max(chosen, logging.WARNING))
    logging.getLogger("palisade").setLevel(chosen)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
        logger.setLevel(chosen)
