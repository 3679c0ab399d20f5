"""A proposal as the confirmation dialog needs it, and the confirmation that opens the pull request."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from palisade.channels.api.deps import Context, CurrentUser, own_proposal, require_role
from palisade.channels.api.schemas import (
    MAX_ROW_ID,
    Confirmed,
    ConfirmProposal,
    ErrorBody,
    ProposalDetail,
)
from palisade.engine.accounts import Principal
from palisade.engine.preview import current_files, proposal_view
from palisade.errors import PalisadeError

router = APIRouter(prefix="/api/v1/proposals", tags=["proposals"])

ProposalId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or invalid token."},
    404: {"model": ErrorBody, "description": "No such proposal among yours."},
}


@router.get("/{proposal_id}", response_model=ProposalDetail, responses=_ERRORS)
async def get_proposal(
    proposal_id: ProposalId, principal: CurrentUser, context: Context
) -> dict[str, Any]:
    """The proposal, its pull request if any, and each file as it is now on the base branch."""
    engine = context.engine
    record = await asyncio.to_thread(own_proposal, context, principal, proposal_id)
    pulls = await asyncio.to_thread(engine.store.pull_requests_for_proposals, [record.id])
    files, repo = await asyncio.to_thread(current_files, engine, sorted(record.files))
    return {
        **proposal_view(engine, record, pulls.get(record.id)),
        "current_files": files,
        "current_files_repo": repo,
    }


def confirming_principal(principal: CurrentUser, context: Context) -> Principal:
    """The caller, if their role may open pull requests (``PALISADE_API__CONFIRM_ROLE``)."""
    return require_role(context.settings.confirm_role)(principal)


@router.post(
    "/{proposal_id}/confirm",
    response_model=Confirmed,
    responses={
        **_ERRORS,
        403: {"model": ErrorBody, "description": "Your role may not open pull requests."},
        409: {"model": ErrorBody, "description": "The proposal failed validation, or policy."},
    },
)
async def confirm(
    proposal_id: ProposalId,
    principal: Annotated[Principal, Depends(confirming_principal)],
    context: Context,
    body: ConfirmProposal | None = None,
) -> dict[str, Any]:
    """Open (or update) the pull request for one of your proposals."""
    await asyncio.to_thread(own_proposal, context, principal, proposal_id)
    try:
        ref = await context.engine.confirm(
            proposal_id,
            user=principal.user,
            repo=body.repo if body else None,
            exception=body.exception if body else None,
        )
    except PalisadeError:
        context.metrics.pull_requests.labels(result="failed").inc()
        raise
    context.metrics.pull_requests.labels(result="created" if ref.created else "updated").inc()
    return {"pull_request": {**ref.to_dict(), "repo": ref.repo, "commit": ref.commit}}
