"""Who a token stands for, remembered for a few seconds, so most requests make no database query.

Before this, every request paid one or two queries (and a thread hand-off) to learn who was calling.
The bounds that keep revocation meaningful:

- an answer is kept at most ``AUTH_CACHE_SECONDS`` (5 s): a token revoked, a role changed or a first
  user added by another process (``palisade users ...``) takes effect here within that time;
- a write to users or tokens through any ``Store`` of this process empties the cache at once
  (``Store.accounts_version``), so a revocation made here is never served stale;
- unknown and revoked tokens are never remembered (a token issued a moment ago works at once), and
  the cache holds at most ``MAX_TOKENS`` tokens, keyed by their SHA-256, not the tokens themselves.

It lives on one app and is only touched from its event loop, so it needs no lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from starlette.concurrency import run_in_threadpool

from palisade.engine.accounts import Accounts, Principal, hash_token

__all__ = ["AUTH_CACHE_SECONDS", "MAX_TOKENS", "AuthCache"]

AUTH_CACHE_SECONDS = 5.0
MAX_TOKENS = 4096

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Kept(Generic[T]):
    value: T
    version: int
    expires: float


class AuthCache:
    def __init__(
        self,
        accounts: Accounts,
        *,
        seconds: float = AUTH_CACHE_SECONDS,
        max_tokens: int = MAX_TOKENS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._accounts = accounts
        self._seconds = seconds
        self._max_tokens = max_tokens
        self._clock = clock
        self._tokens: dict[str, _Kept[Principal]] = {}
        self._has_users: _Kept[bool] | None = None

    def _fresh(self, kept: _Kept[T] | None) -> _Kept[T] | None:
        if kept is None or kept.version != self._accounts.store.accounts_version:
            return None
        return kept if kept.expires > self._clock() else None

    def _keep(self, value: T, version: int) -> _Kept[T]:
        return _Kept(value, version, self._clock() + self._seconds)

    async def principal(self, token: str) -> Principal | None:
        """The principal of a bearer token, or None when it is malformed, unknown or revoked."""
        key = hash_token(token)
        kept = self._fresh(self._tokens.get(key))
        if kept is not None:
            return kept.value
        version = self._accounts.store.accounts_version  # before the query: a write during it wins
        principal = await run_in_threadpool(self._accounts.authenticate, token)
        self._tokens.pop(key, None)
        if principal is not None:
            if len(self._tokens) >= self._max_tokens:
                del self._tokens[next(iter(self._tokens))]  # the oldest
            self._tokens[key] = self._keep(principal, version)
        return principal

    async def has_users(self) -> bool:
        """Whether any user exists (while none does, loopback requests may act as ``local``)."""
        kept = self._fresh(self._has_users)
        if kept is None:
            version = self._accounts.store.accounts_version
            kept = self._keep(await run_in_threadpool(self._accounts.has_users), version)
            self._has_users = kept
        return kept.value
