"""Who may call what: tokens, the implied local user, roles."""

from __future__ import annotations

import httpx
import pytest

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from palisade.engine import ChatEngine
from palisade.engine.accounts import Accounts, hash_token
from tests.api.conftest import add_user, bearer, make_engine, make_settings
from tests.helpers import S3_REQUEST

pytestmark = pytest.mark.anyio


async def test_loopback_without_users_is_the_local_admin(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {"user": "local", "role": "admin", "auth": "local"}


async def test_a_public_bind_without_users_refuses_requests_without_a_token(
    tmp_path, catalog: Catalog
) -> None:
    settings = make_settings(tmp_path / "data")
    engine = make_engine(settings, catalog)
    try:
        app = create_app(settings, engine=engine, host="0.0.0.0")
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://10.0.0.5"
        ) as c:
            response = await c.get("/api/v1/me")
            assert response.status_code == 401
            assert response.json()["error"]["kind"] == "Unauthorized"
            assert response.headers["www-authenticate"] == "Bearer"
            assert (await c.post("/api/v1/messages", json={"text": S3_REQUEST})).status_code == 401
    finally:
        engine.store.close()


async def test_once_a_user_exists_a_token_is_required_even_on_loopback(
    client: httpx.AsyncClient, engine: ChatEngine
) -> None:
    token = add_user(engine, "alice")
    missing = await client.get("/api/v1/me")
    assert missing.status_code == 401
    assert "palisade users token" in missing.json()["error"]["message"]
    ok = await client.get("/api/v1/me", headers=bearer(token))
    assert ok.json() == {"user": "alice", "role": "requester", "auth": "token"}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer pal_notarealtokenatallnotarealtoken00",
        "Bearer ",
        "Basic YWxpY2U6c2VjcmV0",
        "pal_notarealtokenatallnotarealtoken00",
        "Bearer " + "x" * 5000,
    ],
    ids=["unknown-token", "empty-bearer", "basic-auth", "no-scheme", "huge"],
)
async def test_a_bad_authorization_header_is_401_even_in_local_mode(
    client: httpx.AsyncClient, header: str
) -> None:
    response = await client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["error"]["kind"] == "Unauthorized"


async def test_a_revoked_token_stops_working_and_a_new_one_works(
    client: httpx.AsyncClient, engine: ChatEngine
) -> None:
    token = add_user(engine, "bob")
    assert (await client.get("/api/v1/me", headers=bearer(token))).status_code == 200
    accounts = Accounts(engine.store)
    assert accounts.revoke("bob", actor="test") == 1
    assert (await client.get("/api/v1/me", headers=bearer(token))).status_code == 401
    fresh = accounts.issue_token("bob", actor="test")
    assert fresh != token and fresh.startswith("pal_")
    assert (await client.get("/api/v1/me", headers=bearer(fresh))).status_code == 200


def test_tokens_are_stored_only_as_their_sha256(engine: ChatEngine) -> None:
    token = add_user(engine, "carol")
    found = engine.store.find_active_token(hash_token(token))
    assert found is not None
    record, user = found
    assert user.name == "carol"
    assert record.token_hash == hash_token(token) and token not in repr(record)
    assert record.prefix == token[:8]


async def test_the_audit_log_is_for_admins_only(
    client: httpx.AsyncClient, engine: ChatEngine
) -> None:
    requester = add_user(engine, "dora", "requester")
    approver = add_user(engine, "erin", "approver")
    admin = add_user(engine, "fay", "admin")
    for token in (requester, approver):
        response = await client.get("/api/v1/audit", headers=bearer(token))
        assert response.status_code == 403
        assert response.json()["error"]["kind"] == "Forbidden"
    response = await client.get("/api/v1/audit", headers=bearer(admin))
    assert response.status_code == 200
    kinds = {item["kind"] for item in response.json()["items"]}
    assert {"user.created", "token.issued"} <= kinds


async def test_confirm_role_approver_refuses_requesters(tmp_path, catalog: Catalog) -> None:
    settings = make_settings(tmp_path / "data", api={"confirm_role": "approver"})
    engine = make_engine(settings, catalog)
    try:
        app = create_app(settings, engine=engine)
        requester = add_user(engine, "gus", "requester")
        approver = add_user(engine, "hal", "approver")
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://127.0.0.1", timeout=60
        ) as c:
            turn = (
                await c.post(
                    "/api/v1/messages", json={"text": S3_REQUEST}, headers=bearer(requester)
                )
            ).json()
            refused = await c.post(
                f"/api/v1/proposals/{turn['proposals'][0]['id']}/confirm",
                json={},
                headers=bearer(requester),
            )
            assert refused.status_code == 403
            assert "approver" in refused.json()["error"]["message"]
            # The approver passes the role check, then ownership: it is not their proposal.
            other = await c.post(
                f"/api/v1/proposals/{turn['proposals'][0]['id']}/confirm",
                json={},
                headers=bearer(approver),
            )
            assert other.status_code == 404
    finally:
        engine.store.close()
