"""Guard placeholders (``[REDACTED_…]``) must never become infrastructure code.

The input guard replaces personal data (``Anonymize``: ``[REDACTED_EMAIL_ADDRESS_1]``) and credentials
(``Secrets``: ``[REDACTED_AWS_ACCESS_KEY]``, ``[REDACTED_GITHUB_TOKEN:1a2b…]``, ``ab[REDACTED_…]yz``) before
any model sees a message. A model (or the offline engine) then happily copies a placeholder into a parameter
— ``description = "payout account [REDACTED_IBAN_CODE_1]"`` — and the proposal renders with it. A
placeholder is not a value: the real one was withheld on purpose. So a parameter holding one counts as not
given, the user is asked for a value Palisade may write (a team mailbox, a secrets-manager reference), and
a file holding one can never be opened as a pull request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from palisade.guard.scanners.pii import ENTITY_TYPES

__all__ = [
    "PLACEHOLDER",
    "has_placeholder",
    "is_personal",
    "placeholder_kinds",
    "placeholder_question",
]

# Every shape the guard's scanners emit, plus what a model makes of one when it drops the brackets.
PLACEHOLDER = re.compile(r"\[REDACTED(?:_[A-Za-z0-9_:]{0,80})?\]|REDACTED_[A-Z][A-Z0-9_]{0,80}")
_KIND = re.compile(r"REDACTED_([A-Z][A-Z0-9_]*?)(?:_(\d{1,6}))?(?::[0-9a-f]{0,64})?(?:\]|$)")
_PERSONAL = frozenset(ENTITY_TYPES)
_MAX_DEPTH = 20


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, depth + 1)
            yield from _strings(v, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _strings(v, depth + 1)


def has_placeholder(value: Any) -> bool:
    """True when ``value`` (a string, or any nesting of lists and dicts) holds a guard placeholder."""
    return any(PLACEHOLDER.search(s) for s in _strings(value))


def placeholder_kinds(value: Any) -> set[str]:
    """The kinds named by the placeholders in ``value``: ``EMAIL_ADDRESS``, ``AWS_ACCESS_KEY``…"""
    kinds: set[str] = set()
    for s in _strings(value):
        for m in PLACEHOLDER.finditer(s):
            found = _KIND.search(m.group(0))
            kinds.add(found.group(1) if found else "UNKNOWN")
    return kinds


def is_personal(kind: str) -> bool:
    """True for ``Anonymize``'s entity kinds (personal data); anything else was a credential."""
    return kind in _PERSONAL


def placeholder_question(param: str, kinds: set[str]) -> str:
    """What to ask when ``param``'s value held placeholders of ``kinds``: say why, and what to give instead."""
    if kinds and all(is_personal(k) for k in kinds):
        instead = (
            "a team or role mailbox (e.g. security-alerts@…) instead"
            if "EMAIL_ADDRESS" in kinds
            else "a value without personal data instead, or leave it out"
        )
        return (
            f"The value for `{param}` looks like personal data, which Palisade does not put into "
            f"infrastructure code; give {instead}."
        )
    return (
        f"The value for `{param}` looks like a secret, which Palisade does not put into "
        "infrastructure code; give a secrets-manager reference (e.g. an ARN or a secret name) instead."
    )
