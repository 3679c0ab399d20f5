"""Users, roles and API tokens: who is asking, and what they may do.

A token is ``pal_`` plus 43 URL-safe characters (256 random bits). Only its SHA-256 is stored, so a
leaked database cannot be replayed as credentials and a lost token is replaced, never recovered.
Because the token carries full entropy, an unsalted hash is enough (the same reasoning GitHub uses
for its tokens); the lookup is by hash, and the stored hash is compared again in constant time.

This lives in the engine (not a channel) because channels never open the store themselves: the CLI's
``palisade users`` and the HTTP API both come through here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Literal, cast

from palisade.config import Settings
from palisade.errors import InputError, StorageError
from palisade.storage import Store, UserRecord

__all__ = [
    "LOCAL_USER",
    "ROLES",
    "TOKEN_PREFIX",
    "Accounts",
    "Principal",
    "Role",
    "UserRecord",
    "hash_token",
    "open_accounts",
]

Role = Literal["requester", "approver", "admin"]
ROLES: tuple[Role, ...] = ("requester", "approver", "admin")  # each includes the rights before it
TOKEN_PREFIX = "pal_"
LOCAL_USER = "local"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_TOKEN = re.compile(r"^pal_[A-Za-z0-9_-]{20,200}$")


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of one request."""

    user: str
    role: Role
    auth: Literal["token", "local"]

    def has_role(self, minimum: Role) -> bool:
        return ROLES.index(self.role) >= ROLES.index(minimum)


LOCAL_PRINCIPAL = Principal(user=LOCAL_USER, role="admin", auth="local")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_role(role: str) -> Role:
    if role not in ROLES:
        raise InputError(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")
    return cast(Role, role)


class Accounts:
    """User and token management over a :class:`~palisade.storage.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add_user(self, name: str, role: str, *, actor: str) -> UserRecord:
        if not _NAME.match(name):
            raise InputError(
                f"{name!r} is not a usable user name: use 1-100 letters, digits, '.', '_', '@' or "
                "'-', starting with a letter or digit."
            )
        checked = _check_role(role)
        try:
            return self.store.create_user(name, checked, actor=actor)
        except StorageError as exc:
            if self.store.get_user(name) is not None:
                raise InputError(
                    f"User {name!r} already exists. Issue a token with `palisade users token {name}`."
                ) from exc
            raise

    def set_role(self, name: str, role: str, *, actor: str) -> UserRecord:
        checked = _check_role(role)
        if self.store.get_user(name) is None:
            raise InputError(f"No user {name!r}. See `palisade users list`.")
        return self.store.set_user_role(name, checked, actor=actor)

    def list_users(self) -> list[UserRecord]:
        return self.store.list_users()

    def has_users(self) -> bool:
        return self.store.has_users()

    def issue_token(self, name: str, *, actor: str) -> str:
        """Create a new token for ``name`` and return it; this is the only time it is visible."""
        if self.store.get_user(name) is None:
            raise InputError(
                f"No user {name!r}. Add it first: palisade users add {name} --role ROLE"
            )
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.store.add_api_token(name, hash_token(token), token[:8], actor=actor)
        return token

    def revoke(self, name: str, *, actor: str) -> int:
        """Revoke every token of ``name``; the user stays (issue a new token to let them back in)."""
        if self.store.get_user(name) is None:
            raise InputError(f"No user {name!r}. See `palisade users list`.")
        return self.store.revoke_tokens(name, actor=actor)

    def authenticate(self, token: str) -> Principal | None:
        """The principal a bearer token stands for, or None when it is malformed, unknown or revoked."""
        if not _TOKEN.match(token):
            return None
        digest = hash_token(token)
        found = self.store.find_active_token(digest)
        if found is None:
            return None
        record, user = found
        if not hmac.compare_digest(record.token_hash, digest):
            return None  # pragma: no cover - the lookup was by this very hash
        return Principal(user=user.name, role=_check_role(user.role), auth="token")


def open_accounts(settings: Settings) -> Accounts:
    """Accounts on the configured database (for ``palisade users`` and ``palisade serve``)."""
    return Accounts(Store(settings.resolved_database_url))
