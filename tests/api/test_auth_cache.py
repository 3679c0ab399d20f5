"""AuthCache: who a token is, remembered for a bounded time, forgotten at once on a change made here.

"Another process" (``palisade users ...`` next to a running server) is played by plain SQL on the same
SQLite file, which no Store of this process sees; the cache's clock is a counter the test advances.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from palisade.channels.api.auth_cache import AUTH_CACHE_SECONDS, AuthCache
from palisade.engine.accounts import Accounts, Principal, hash_token
from palisade.storage import Store

pytestmark = pytest.mark.anyio


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "palisade.db"


@pytest.fixture
def accounts(db: Path) -> Iterator[Accounts]:
    store = Store(f"sqlite:///{db}")
    try:
        yield Accounts(store)
    finally:
        store.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(accounts: Accounts, clock: Clock) -> AuthCache:
    return AuthCache(accounts, clock=clock)


def elsewhere(db: Path, sql: str) -> None:
    """A write by another process: straight to the file, past every Store of this one."""
    with sqlite3.connect(db) as conn:
        conn.execute(sql)


def alice(accounts: Accounts, role: str = "requester") -> str:
    accounts.add_user("alice", role, actor="test")
    return accounts.issue_token("alice", actor="test")


async def test_a_revocation_elsewhere_takes_effect_within_the_bound(
    accounts: Accounts, cache: AuthCache, clock: Clock, db: Path
) -> None:
    token = alice(accounts)
    assert await cache.principal(token) == Principal("alice", "requester", "token")
    elsewhere(db, "UPDATE api_tokens SET revoked_at = CURRENT_TIMESTAMP")
    clock.now += AUTH_CACHE_SECONDS - 0.1
    assert await cache.principal(token) is not None  # remembered: no query was made
    clock.now += 0.2
    assert await cache.principal(token) is None


async def test_a_revocation_in_this_process_takes_effect_at_once(
    accounts: Accounts, cache: AuthCache, db: Path
) -> None:
    token = alice(accounts)
    assert await cache.principal(token) is not None
    other = Store(f"sqlite:///{db}")  # not the cache's own Store: any Store of this process counts
    try:
        assert Accounts(other).revoke("alice", actor="test") == 1
    finally:
        other.close()
    assert await cache.principal(token) is None


async def test_a_role_change_in_this_process_takes_effect_at_once(
    accounts: Accounts, cache: AuthCache
) -> None:
    token = alice(accounts)
    assert (await cache.principal(token)) == Principal("alice", "requester", "token")
    accounts.set_role("alice", "admin", actor="test")
    assert (await cache.principal(token)) == Principal("alice", "admin", "token")


async def test_unknown_tokens_are_never_remembered(accounts: Accounts, cache: AuthCache) -> None:
    accounts.add_user("bob", "requester", actor="test")
    token = "pal_" + "b" * 43
    assert await cache.principal(token) is None
    accounts.store.add_api_token("bob", hash_token(token), token[:8], actor="test")
    assert await cache.principal(token) == Principal("bob", "requester", "token")


async def test_the_first_user_ends_local_mode_within_the_bound(
    accounts: Accounts, cache: AuthCache, clock: Clock, db: Path
) -> None:
    assert await cache.has_users() is False
    elsewhere(
        db, "INSERT INTO users (name, role, created_at) VALUES ('ops', 'admin', CURRENT_TIMESTAMP)"
    )
    assert await cache.has_users() is False
    clock.now += AUTH_CACHE_SECONDS + 0.1
    assert await cache.has_users() is True


async def test_a_user_added_in_this_process_ends_local_mode_at_once(
    accounts: Accounts, cache: AuthCache
) -> None:
    assert await cache.has_users() is False
    accounts.add_user("ops", "admin", actor="test")
    assert await cache.has_users() is True


async def test_the_cache_holds_a_bounded_number_of_tokens(
    accounts: Accounts, clock: Clock, db: Path
) -> None:
    cache = AuthCache(accounts, max_tokens=2, clock=clock)
    accounts.add_user("carol", "requester", actor="test")
    tokens = [accounts.issue_token("carol", actor="test") for _ in range(3)]
    for token in tokens:
        assert await cache.principal(token) is not None
    elsewhere(db, "UPDATE api_tokens SET revoked_at = CURRENT_TIMESTAMP")
    # The oldest was dropped to make room, so it is asked again (and found revoked); the two
    # newest are still remembered.
    assert [await cache.principal(t) is not None for t in tokens] == [False, True, True]
