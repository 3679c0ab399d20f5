"""Checks for scanner parameters that arrive untyped from YAML/JSON policies (``{type, params}``).

Each helper returns the value with its proper type or raises ``ValueError`` naming the parameter and what it
accepts; the registry turns that into a ``ConfigError`` naming the policy entry.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, TypeVar

__all__ = ["choice", "flag", "integer", "number", "string_list"]

T = TypeVar("T", bound=str)


def flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, got {value!r}")
    return value


def number(name: str, value: Any, *, low: float, high: float, low_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if value > high or value < low or (low_open and value == low):
        bracket = "(" if low_open else "["
        raise ValueError(f"{name} must be within {bracket}{low:g}, {high:g}], got {value!r}")
    return float(value)


def integer(name: str, value: Any, *, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        upper = f" and at most {high}" if high is not None else ""
        raise ValueError(f"{name} must be at least {low}{upper}, got {value}")
    return int(value)


def choice(name: str, value: Any, allowed: Collection[T]) -> T:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(str, allowed))}, got {value!r}")
    return value  # type: ignore[no-any-return]


def string_list(name: str, value: Any, *, allow_empty: bool = False) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"{name} must be a list of strings, got {value!r}")
    items = list(value)
    if any(not isinstance(item, str) or not item for item in items):
        raise ValueError(f"{name} must hold non-empty strings only")
    if not items and not allow_empty:
        raise ValueError(f"{name} must not be empty")
    return items
