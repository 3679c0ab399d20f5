"""One placeholder vault per conversation, held in memory only, and the streaming restore of placeholders.

``Anonymize`` (input guard) replaces personal data with ``[REDACTED_<TYPE>_<n>]`` and keeps the original in
the vault it is handed; the model only ever sees placeholders. With one vault per conversation the same
person keeps the same placeholder across turns and tool results, and the text shown to the user gets the
originals back (``Restorer``), while tool arguments, blueprint parameters, files, proposals and PR text are
never restored.

The vaults are deliberately never written anywhere (not the database, not a log): personal data must not
persist in Palisade's store. They are bounded (least recently used conversations are dropped past
``max_conversations``) and forgotten after ``ttl_seconds`` without a turn. A restart forgets them all: the
stored conversation keeps its placeholders, earlier replies then show placeholders, and a value typed again
gets a new number (never one the conversation already used, see ``ConversationVault``).
"""

from __future__ import annotations

import inspect
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from typing import Protocol, cast

from palisade.guard.base import GuardLike, Verdict
from palisade.guard.scanners.deanonymize import DeanonymizeScanner
from palisade.guard.vault import PLACEHOLDER, Vault

__all__ = [
    "ConversationVault",
    "Restorer",
    "VaultStore",
    "restore",
    "scan_with_vault",
    "takes_vault",
]

# The longest text that can still grow into a placeholder: "[REDACTED_" + kind (≤ 41) + "_" + 6 digits + "]".
_MAX_PLACEHOLDER = 64
_PARTIAL = re.compile(r"\[(?:R(?:E(?:D(?:A(?:C(?:T(?:E(?:D(?:_[A-Z0-9_]*)?)?)?)?)?)?)?)?)?")
_RESTORE = DeanonymizeScanner(matching_strategy="exact")


class ConversationVault(Vault):
    """A vault that never hands out a placeholder the conversation already holds.

    After a restart (or an eviction) a conversation continues with a fresh vault while its stored messages
    still say ``[REDACTED_EMAIL_ADDRESS_1]``. Numbering from 1 again would make that placeholder name a
    different person, and restoring it would show the wrong value. ``taken`` lists the placeholders the
    stored conversation holds; new values are numbered past them.
    """

    def __init__(self, *, max_entries: int = 1_000, taken: Iterable[str] = ()) -> None:
        super().__init__(max_entries=max_entries)
        self._taken = "\n".join(sorted(set(taken)))

    def placeholder(self, kind: str, value: str, *, avoid: str = "") -> str:
        if self._taken:
            avoid = f"{avoid}\n{self._taken}" if avoid else self._taken
        return super().placeholder(kind, value, avoid=avoid)


class VaultStore:
    """The conversations' vaults: in memory, least recently used first out, forgotten when idle.

    ``clock`` (seconds, monotonic) is a parameter so the expiry can be tested without waiting.
    """

    def __init__(
        self,
        *,
        max_conversations: int = 1_000,
        ttl_seconds: float = 8 * 3600,
        max_entries: int = 1_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_conversations < 1 or ttl_seconds <= 0 or max_entries < 1:
            raise ValueError("max_conversations, ttl_seconds and max_entries must be positive")
        self.max_conversations = max_conversations
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._vaults: OrderedDict[str, tuple[ConversationVault, float]] = OrderedDict()

    def fresh(self, taken: Iterable[str] = ()) -> ConversationVault:
        """A new vault, not yet kept (a new conversation gets its id only after the input guard ran)."""
        return ConversationVault(max_entries=self.max_entries, taken=taken)

    def get(self, conversation_id: str, stored_texts: Callable[[], Iterable[str]]) -> Vault:
        """The conversation's vault; a new one (numbered past ``stored_texts``' placeholders) if forgotten."""
        with self._lock:
            self._expire()
            found = self._vaults.get(conversation_id)
            if found is not None:
                self._vaults[conversation_id] = (found[0], self._clock())
                self._vaults.move_to_end(conversation_id)
                return found[0]
        vault = self.fresh(m.group() for text in stored_texts() for m in PLACEHOLDER.finditer(text))
        return self.keep(conversation_id, vault)

    def keep(self, conversation_id: str, vault: ConversationVault) -> Vault:
        """Keep ``vault`` for ``conversation_id`` (the one already kept wins a race)."""
        with self._lock:
            self._expire()
            kept = self._vaults.get(conversation_id, (vault, 0.0))[0]
            self._vaults[conversation_id] = (kept, self._clock())
            self._vaults.move_to_end(conversation_id)
            while len(self._vaults) > self.max_conversations:
                self._vaults.popitem(last=False)
            return kept

    def peek(self, conversation_id: str) -> Vault | None:
        """The kept vault, if any, without creating one or refreshing its age."""
        with self._lock:
            self._expire()
            found = self._vaults.get(conversation_id)
            return found[0] if found else None

    def forget(self, conversation_id: str) -> None:
        with self._lock:
            self._vaults.pop(conversation_id, None)

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._vaults)

    def __contains__(self, conversation_id: object) -> bool:
        with self._lock:
            self._expire()
            return conversation_id in self._vaults

    def _expire(self) -> None:
        """Drop idle vaults: the oldest use comes first, so stop at the first one still fresh."""
        deadline = self._clock() - self.ttl_seconds
        while self._vaults:
            oldest = next(iter(self._vaults))
            if self._vaults[oldest][1] > deadline:
                break
            del self._vaults[oldest]


# ------------------------------------------------------------------------------ guards that take a vault
class _VaultGuard(Protocol):
    def scan(
        self,
        text: str,
        *,
        prompt: str | None = None,
        suppress: Collection[str] = (),
        vault: Vault | None = None,
    ) -> Verdict: ...


def takes_vault(guard: GuardLike) -> bool:
    """Whether ``guard.scan`` accepts ``vault=`` (the local pipeline does; the LLM Guard API client,
    whose server anonymises with a throw-away vault per request, does not)."""
    try:
        return "vault" in inspect.signature(guard.scan).parameters
    except (TypeError, ValueError):  # pragma: no cover - a builtin without a signature
        return False


def scan_with_vault(
    guard: GuardLike, text: str, vault: Vault | None, *, suppress: Collection[str] = ()
) -> Verdict:
    """``guard.scan(text)``, with the conversation's vault when there is one (see ``takes_vault``)."""
    if vault is None:
        return guard.scan(text, suppress=suppress)
    return cast(_VaultGuard, guard).scan(text, suppress=suppress, vault=vault)


# ------------------------------------------------------------------------------------ restoring
def restore(text: str, vault: Vault | None) -> str:
    """``text`` with this vault's placeholders replaced by the original values (for the user's eyes only)."""
    if vault is None or not len(vault):
        return text
    return _RESTORE.scan(text, vault=vault).text


class Restorer:
    """Restores placeholders in text that arrives in pieces, never showing one half-replaced.

    A piece may end inside a placeholder (``…send it to [REDACTED_EMAI``); that tail is held back until
    the next piece completes or rules it out, so the concatenation of what ``feed`` and ``flush`` return
    equals ``restore`` of the whole text.
    """

    def __init__(self, vault: Vault | None) -> None:
        self.vault = vault
        self._held = ""

    def feed(self, piece: str) -> str:
        text = self._held + piece
        if self.vault is None:
            self._held = ""
            return text
        cut = _partial_start(text)
        text, self._held = text[:cut], text[cut:]
        return restore(text, self.vault)

    def flush(self) -> str:
        text, self._held = self._held, ""
        return restore(text, self.vault)


def _partial_start(text: str) -> int:
    """Where an unfinished placeholder starts at the end of ``text`` (``len(text)`` when there is none)."""
    start = text.rfind("[", max(0, len(text) - _MAX_PLACEHOLDER))
    if start >= 0 and _PARTIAL.fullmatch(text, start):
        return start
    return len(text)
