"""The one exception the server's request handling raises: an HTTP status with LLM Guard's error body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["ApiError"]


class ApiError(Exception):
    """Answered with ``status_code``, ``headers`` and ``body`` — by default LLM Guard's
    ``{"message": message, "details": None}``."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.headers = dict(headers or {})
        self.body: dict[str, Any] = (
            dict(body) if body is not None else {"message": message, "details": None}
        )
