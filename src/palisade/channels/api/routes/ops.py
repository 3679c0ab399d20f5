"""Liveness, readiness and metrics: for load balancers, orchestrators and Prometheus.

None of them needs a token: they reveal no user data (metrics carry counts by route template only).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from palisade import __version__
from palisade.channels.api.deps import Context
from palisade.channels.api.metrics import CONTENT_TYPE_LATEST
from palisade.channels.api.schemas import Health, Readiness
from palisade.engine.readiness import check_readiness

router = APIRouter(tags=["ops"])


@router.get("/healthz", response_model=Health)
async def healthz() -> dict[str, str]:
    """The process is up (it does not look at dependencies: that is /readyz)."""
    return {"status": "ok", "version": __version__}


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "A dependency is not usable."}},
)
async def readyz(context: Context) -> JSONResponse:
    """200 only when the database, catalog, guard, validator and repository are all usable."""
    checks = await check_readiness(context.engine)
    ready = all(check.ok for check in checks.values())
    body = {
        "status": "ready" if ready else "not ready",
        "checks": {name: check.to_dict() for name, check in checks.items()},
    }
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format."}},
)
async def metrics(context: Context) -> Response:
    """Requests, latencies, turns, guard blocks and pull requests, in Prometheus text format."""
    return Response(context.metrics.render(), media_type=CONTENT_TYPE_LATEST)
