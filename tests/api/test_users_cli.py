"""`palisade users` and `palisade serve` through the installed command, on the test's data dir."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import httpx
import pytest

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from palisade.channels.api.server import refusal
from palisade.config import load_settings
from tests.api.conftest import bearer, make_engine
from tests.helpers import run_cli


def test_add_token_list_role_and_revoke(catalog: Catalog) -> None:
    added = run_cli("users", "add", "alice", "--role", "approver")
    assert added.returncode == 0, added.stderr
    assert "palisade users token alice" in added.stdout
    issued = run_cli("users", "token", "alice")
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    assert token.startswith("pal_") and len(token) >= 40
    assert "Shown once" in issued.stderr
    listed = run_cli("users", "list", "--json")
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["user"] == "alice" and row["role"] == "approver" and row["active_tokens"] == 1
    assert token not in listed.stdout

    settings = load_settings(data_dir=Path(os.environ["PALISADE_DATA_DIR"]))
    assert settings.resolved_database_url.endswith("palisade.db")
    engine = make_engine(settings, catalog)
    try:

        async def me() -> httpx.Response:
            app = create_app(settings, engine=engine)
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app), base_url="http://127.0.0.1"
            ) as c:
                return await c.get("/api/v1/me", headers=bearer(token))

        assert asyncio.run(me()).json() == {"user": "alice", "role": "approver", "auth": "token"}
        assert run_cli("users", "role", "alice", "admin").returncode == 0
        assert asyncio.run(me()).json()["role"] == "admin"
        revoked = run_cli("users", "revoke", "alice")
        assert revoked.returncode == 0 and "Revoked 1 token" in revoked.stdout
        assert asyncio.run(me()).status_code == 401
        kinds = [e.kind for e in engine.store.list_audit_events(kind=None)]
        assert {"user.created", "token.issued", "user.role_changed", "token.revoked"} <= set(kinds)
        assert all(
            e.actor.startswith("cli") for e in engine.store.list_audit_events(kind="token.issued")
        )
    finally:
        engine.store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "add", "bad name!"), "not a usable user name"),
        (("users", "add", "zed", "--role", "root"), "Invalid value for '--role'"),
        (("users", "token", "nobody"), "No user 'nobody'"),
        (("users", "revoke", "nobody"), "No user 'nobody'"),
    ],
    ids=["bad-name", "bad-role", "token-unknown", "revoke-unknown"],
)
def test_bad_input_is_a_clean_error(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_adding_the_same_user_twice_says_what_to_do() -> None:
    assert run_cli("users", "add", "bob").returncode == 0
    again = run_cli("users", "add", "bob")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert "palisade users token bob" in again.stderr


def test_serve_refuses_a_public_address_without_users() -> None:
    result = run_cli("serve", "--host", "0.0.0.0", "--port", "1", timeout=60)
    assert result.returncode == 2
    assert "no users are configured" in result.stderr and "loopback" in result.stderr
    assert "palisade users add" in result.stderr


def test_a_public_address_is_allowed_once_a_user_exists() -> None:
    settings = load_settings(data_dir=Path(os.environ["PALISADE_DATA_DIR"]))
    assert refusal(settings, "0.0.0.0") is not None
    assert refusal(settings, "::1") is None and refusal(settings, "localhost") is None
    assert run_cli("users", "add", "ops", "--role", "admin").returncode == 0
    assert refusal(settings, "0.0.0.0") is None
