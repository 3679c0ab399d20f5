"""Where ``Anonymize`` keeps the values it replaced, so ``Deanonymize`` can put them back exactly.

One ``Vault`` belongs to one conversation (or one request): the engine creates it and passes it to
``Guard.scan(..., vault=...)`` for both the input and the output stage. Scanners never hold a vault themselves,
unlike LLM Guard where one vault object is shared by every request the process serves — there, a placeholder
emitted for one user can be "restored" with another user's value.

Within a vault, the same value of the same kind always gets the same placeholder, so a model sees a consistent
``[REDACTED_EMAIL_ADDRESS_1]`` across turns.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from typing import ClassVar, Protocol, cast

from palisade.guard.base import Scanner, ScanResult

__all__ = ["PLACEHOLDER", "Vault", "VaultScanner", "call_scanner"]

# LLM Guard's placeholder shape: [REDACTED_<ENTITY_TYPE>_<n>].
PLACEHOLDER = re.compile(r"\[REDACTED_([A-Z][A-Z0-9_]{0,40}?)_(\d{1,6})\]")
_KIND = re.compile(r"[A-Z][A-Z0-9_]{0,40}")


class Vault:
    """Placeholder ↔ original value, for one conversation. Thread-safe; bounded by ``max_entries``."""

    def __init__(self, *, max_entries: int = 10_000) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, got {max_entries}")
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._values: dict[str, str] = {}  # placeholder → original
        self._placeholders: dict[tuple[str, str], str] = {}  # (kind, original) → placeholder
        self._counters: dict[str, int] = {}

    def placeholder(self, kind: str, value: str, *, avoid: str = "") -> str:
        """The placeholder for ``value`` of ``kind`` (``EMAIL_ADDRESS``...), creating it if needed.

        ``avoid`` is the text being anonymised: a number whose placeholder already appears in it literally is
        skipped, so a user cannot make a real value and a typed-in placeholder share one name.
        """
        if not _KIND.fullmatch(kind):
            raise ValueError(f"entity kind must be upper-case letters, digits and _, got {kind!r}")
        with self._lock:
            existing = self._placeholders.get((kind, value))
            if existing is not None:
                return existing
            if len(self._values) >= self.max_entries:
                raise OverflowError(
                    f"the vault holds {self.max_entries} values already; start a new conversation"
                )
            n = self._counters.get(kind, 0)
            while True:
                n += 1
                candidate = f"[REDACTED_{kind}_{n}]"
                if candidate not in self._values and candidate not in avoid:
                    break
            self._counters[kind] = n
            self._values[candidate] = value
            self._placeholders[(kind, value)] = candidate
            return candidate

    def get(self, placeholder: str) -> str | None:
        with self._lock:
            return self._values.get(placeholder)

    def items(self) -> list[tuple[str, str]]:
        """``(placeholder, original)`` pairs in the order they were created."""
        with self._lock:
            return list(self._values.items())

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def __iter__(self) -> Iterator[str]:
        return iter([p for p, _ in self.items()])

    def __contains__(self, placeholder: object) -> bool:
        with self._lock:
            return placeholder in self._values

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready copy (placeholder → original), e.g. to keep a conversation's vault in the store.

        It holds the very values anonymisation kept from the model: store it where the conversation is.
        """
        with self._lock:
            return dict(self._values)

    @classmethod
    def from_dict(cls, data: Mapping[str, str], *, max_entries: int = 10_000) -> Vault:
        """Rebuild a vault from ``to_dict()``; a key that is not a placeholder is a ``ValueError``."""
        vault = cls(max_entries=max(max_entries, len(data)))
        for placeholder, value in data.items():
            m = PLACEHOLDER.fullmatch(placeholder)
            if m is None or not isinstance(value, str):
                raise ValueError(f"not a vault entry: {placeholder!r}")
            kind, n = m.group(1), int(m.group(2))
            vault._values[placeholder] = value
            vault._placeholders.setdefault((kind, value), placeholder)
            vault._counters[kind] = max(vault._counters.get(kind, 0), n)
        return vault


class VaultScanner(Protocol):
    """A scanner that reads or writes the conversation's vault (``Anonymize``, ``Deanonymize``)."""

    name: ClassVar[str]
    uses_vault: ClassVar[bool]

    def scan(
        self, text: str, *, prompt: str | None = None, vault: Vault | None = None
    ) -> ScanResult: ...


def call_scanner(
    scanner: Scanner, text: str, prompt: str | None, vault: Vault | None = None
) -> ScanResult:
    """``scanner.scan``, handing ``vault`` only to scanners that declare ``uses_vault``."""
    if getattr(scanner, "uses_vault", False):
        return cast(VaultScanner, scanner).scan(text, prompt=prompt, vault=vault)
    return scanner.scan(text, prompt=prompt)
