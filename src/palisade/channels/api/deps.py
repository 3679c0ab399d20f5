"""Who is calling: bearer tokens, the implied local user, roles and ownership.

Every API route depends on ``current_principal``. A request that carries an ``Authorization`` header
must carry a valid, unrevoked ``Bearer pal_...`` token, always. A request without one is served as
the implied ``local`` admin only while no user exists and the app is bound to a loopback address
(development); otherwise it is refused with 401. Another user's conversation or proposal answers
404, exactly like one that does not exist, so ids cannot be probed.

The dependencies are coroutines: who a token stands for comes from ``AuthCache`` (a few seconds at
most, see auth_cache.py), which asks the database in the thread pool only when it does not know.
A plain-function dependency would cost a thread hand-off on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from palisade.channels.api.context import ApiContext, get_context
from palisade.channels.api.errors import ApiError
from palisade.engine.accounts import LOCAL_PRINCIPAL, Principal, Role
from palisade.engine.preview import ConversationRecord, ProposalRecord

__all__ = [
    "Context",
    "CurrentUser",
    "current_principal",
    "own_conversation",
    "own_proposal",
    "require_role",
]

# Declared for the OpenAPI document (the "Authorize" button of /docs); the header is checked below.
_bearer = HTTPBearer(auto_error=False, description="An API token: `palisade users token NAME`.")

Context = Annotated[ApiContext, Depends(get_context)]

_HOW_TO_GET_A_TOKEN = (
    "Send `Authorization: Bearer <token>`; an admin issues tokens with `palisade users token NAME`."
)


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "Unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


async def current_principal(
    request: Request,
    context: Context,
    _: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> Principal:
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _sep, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized(
                f"The Authorization header is not a bearer token. {_HOW_TO_GET_A_TOKEN}"
            )
        principal = await context.auth.principal(token.strip())
        if principal is None:
            raise _unauthorized(
                "The token is not valid (mistyped, or revoked). Ask an admin for a new one: "
                "`palisade users token NAME`."
            )
    elif context.local_mode and not await context.auth.has_users():
        principal = LOCAL_PRINCIPAL
    else:
        raise _unauthorized(f"This endpoint needs an API token. {_HOW_TO_GET_A_TOKEN}")
    request.state.user = principal.user  # for the access log
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_role(minimum: Role) -> Callable[..., Principal]:
    """A dependency that lets through ``minimum`` and the roles above it (requester < approver < admin)."""

    def check(principal: CurrentUser) -> Principal:
        if not principal.has_role(minimum):
            raise ApiError(
                403,
                "Forbidden",
                f"This needs the {minimum!r} role; you are {principal.role!r}. "
                f"An admin can change it: `palisade users role NAME {minimum}`.",
            )
        return principal

    return check


def own_conversation(
    context: ApiContext, principal: Principal, conversation_id: str
) -> ConversationRecord:
    """The caller's conversation record, or 404 (also for someone else's)."""
    record = context.engine.store.get_conversation(conversation_id)
    if record is None or record.user != principal.user:
        raise ApiError(
            404,
            "NotFound",
            f"No conversation {conversation_id!r} among yours. List them with GET /api/v1/conversations.",
        )
    return record


def own_proposal(context: ApiContext, principal: Principal, proposal_id: int) -> ProposalRecord:
    """The caller's proposal record, or 404 (also for someone else's)."""
    record = context.engine.store.get_proposal(proposal_id)
    if record is not None:
        owner = context.engine.store.get_conversation(record.conversation_id)
        if owner is not None and owner.user == principal.user:
            return record
    raise ApiError(
        404, "NotFound", f"No proposal {proposal_id} among yours. Ask for what you need first."
    )
