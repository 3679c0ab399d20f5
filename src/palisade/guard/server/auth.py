"""Who is calling: the credential check, and the identity that keys the caller's rate-limit bucket.

Status codes follow LLM Guard API 0.0.10 (FastAPI's security classes of that time): bearer mode answers a
missing or malformed header with 403 and a wrong token with 401 ``Invalid API key``; basic mode answers 401
with a ``WWW-Authenticate`` challenge. The identity is derived from the credential, never from headers a
client may set freely (``X-Forwarded-For``). Without auth every caller shares one ``anonymous`` bucket: the
server then only listens on loopback, and the peer address is no identity (uvicorn even rewrites it from
``X-Forwarded-For`` for loopback peers unless proxy headers are off).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass

from starlette.requests import Request

from palisade.guard.server.config import AuthSection
from palisade.guard.server.errors import ApiError

__all__ = ["Authenticator", "ClientIdentity"]

_BASIC_CHALLENGE = {"WWW-Authenticate": "Basic"}


@dataclass(frozen=True, slots=True)
class ClientIdentity:
    """``key`` names the caller without revealing its credential (``token:3f2a…``, ``user:ci``,
    ``anonymous``)."""

    key: str


def _fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


class Authenticator:
    """Checks one request against the configured ``auth`` section (or lets everyone in without one)."""

    def __init__(self, auth: AuthSection | None) -> None:
        self._auth = auth if auth is not None and auth.configured else None
        self._tokens = self._auth.bearer_tokens() if self._auth is not None else ()
        self._username = (self._auth.username or "") if self._auth is not None else ""
        password = self._auth.password if self._auth is not None else None
        self._password = password.get_secret_value() if password is not None else ""

    @property
    def required(self) -> bool:
        return self._auth is not None

    def identify(self, request: Request) -> ClientIdentity:
        """The caller's identity, or an ``ApiError`` saying why the credential was refused."""
        if self._auth is None:
            return ClientIdentity("anonymous")
        header = request.headers.get("authorization", "")
        scheme, _, param = header.strip().partition(" ")
        if self._auth.type == "http_bearer":
            return self._bearer(header, scheme, param.strip())
        return self._basic(header, scheme, param.strip())

    def _bearer(self, header: str, scheme: str, token: str) -> ClientIdentity:
        if not header:
            raise ApiError(403, "Not authenticated")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(403, "Invalid authentication credentials")
        matched = None
        for (
            expected
        ) in self._tokens:  # compare with every token so timing does not tell which is close
            if _same(token, expected):
                matched = expected
        if matched is None:
            raise ApiError(401, "Invalid API key")
        return ClientIdentity(f"token:{_fingerprint(matched)}")

    def _basic(self, header: str, scheme: str, param: str) -> ClientIdentity:
        if not header or scheme.lower() != "basic":
            raise ApiError(401, "Not authenticated", headers=_BASIC_CHALLENGE)
        try:
            username, sep, password = (
                base64.b64decode(param, validate=True).decode("utf-8").partition(":")
            )
        except (binascii.Error, UnicodeDecodeError):
            raise ApiError(
                401, "Invalid authentication credentials", headers=_BASIC_CHALLENGE
            ) from None
        if not sep:
            raise ApiError(401, "Invalid authentication credentials", headers=_BASIC_CHALLENGE)
        user_ok = _same(username, self._username)
        password_ok = _same(password, self._password)
        if not (user_ok and password_ok):
            raise ApiError(401, "Invalid Username or Password", headers=_BASIC_CHALLENGE)
        return ClientIdentity(f"user:{username}")
