"""The LLM Guard API (version 0.0.10) served by Palisade's guard: same paths, bodies and status codes.

Differences that fix what goes wrong in LLM Guard API (docs/guard-api.md lists them):

- the rate limit is checked after authentication and keyed on the authenticated client; it can be shared
  by several processes through Redis, and a store that does not answer means 503, never an uncounted scan;
- ``/readyz`` answers 200 only once every scanner has loaded and passed a warm-up scan; until then the scan
  routes answer 503 instead of failing on every request;
- a scan that overruns ``scan_*_timeout`` is answered 408 at the deadline and abandoned (it stops before its
  next scanner) instead of being awaited;
- fail-fast still runs every sanitizing scanner on ``/analyze/*``, so a secret is never returned unredacted.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from fastapi import Depends, FastAPI, Request, Security
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from palisade.guard.base import Stage, Verdict
from palisade.guard.compat import to_llm_guard_scores
from palisade.guard.pipeline import Guard
from palisade.guard.server.auth import Authenticator, ClientIdentity
from palisade.guard.server.config import ServerConfig
from palisade.guard.server.errors import ApiError
from palisade.guard.server.metrics import CONTENT_TYPE, ServerMetrics
from palisade.guard.server.middleware import BodyLimitMiddleware, RequestMetricsMiddleware
from palisade.guard.server.ratelimit import ClientRateLimiter, RateLimitStoreUnavailable
from palisade.guard.server.schemas import (
    AnalyzeOutputRequest,
    AnalyzeOutputResponse,
    AnalyzePromptRequest,
    AnalyzePromptResponse,
    ScanOutputRequest,
    ScanOutputResponse,
    ScanPromptRequest,
    ScanPromptResponse,
)

__all__ = ["API_VERSION", "MAX_BODY_BYTES", "create_app"]

logger = logging.getLogger(__name__)

API_VERSION = "0.0.10"
MAX_BODY_BYTES = 4 * 1024 * 1024
WARM_UP_TEXT = "Palisade guard readiness check: please create a private bucket."
ROUTES = frozenset(
    {
        "/",
        "/healthz",
        "/readyz",
        "/metrics",
        "/analyze/prompt",
        "/scan/prompt",
        "/analyze/output",
        "/scan/output",
    }
)

Readiness = Literal["loading", "ready", "failed"]
_POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD


@dataclass
class _State:
    """What the routes share: the guards, their worker threads and whether they are ready."""

    config: ServerConfig
    input_guard: Guard
    output_guard: Guard
    metrics: ServerMetrics
    executor: ThreadPoolExecutor
    limiter: ClientRateLimiter | None
    readiness: Readiness = "loading"
    problem: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def warm_up(self) -> None:
        """Run each guard once; a scanner that raises leaves the server not ready (and says which)."""
        failures: list[str] = []
        for guard in (self.input_guard, self.output_guard):
            try:
                verdict = guard.scan(WARM_UP_TEXT, prompt=WARM_UP_TEXT)
            except (
                Exception
            ):  # the pipeline catches scanner errors; this is a bug, so say so loudly
                logger.exception("the %s guard crashed during its warm-up scan", guard.stage)
                failures.append(f"{guard.stage} pipeline")
                continue
            failures += [
                f"{guard.stage} {r.scanner}"
                for r in verdict.results
                if r.reason.startswith("scanner-error:")
            ]
        with self.lock:
            if failures:
                self.readiness = "failed"
                self.problem = "scanner(s) failed their warm-up scan: " + ", ".join(failures)
                logger.error("guard API not ready: %s; see the errors above", self.problem)
            else:
                self.readiness = "ready"
                logger.info(
                    "guard API ready: input %s; output %s",
                    ", ".join(self.input_guard.names) or "(none)",
                    ", ".join(self.output_guard.names) or "(none)",
                )
        self.metrics.ready.set(1 if self.readiness == "ready" else 0)

    def require_ready(self) -> None:
        if self.readiness == "ready":
            return
        if self.readiness == "loading":
            raise ApiError(
                503, "Scanners are still loading; retry shortly.", headers={"Retry-After": "1"}
            )
        raise ApiError(503, f"Scanners are not available: {self.problem}.")


def create_app(
    config: ServerConfig,
    *,
    input_guard: Guard,
    output_guard: Guard,
    workers: int = 4,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The ASGI app. ``workers`` threads run scans; one stuck past its deadline holds its thread only until
    the guard's per-scanner budget ends it."""
    state = _State(
        config=config,
        input_guard=input_guard,
        output_guard=output_guard,
        metrics=ServerMetrics(),
        executor=ThreadPoolExecutor(max_workers=workers, thread_name_prefix="guard-api"),
        limiter=_rate_limiter(config),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.executor.submit(state.warm_up)  # not awaited: /healthz answers while scanners load
        try:
            yield
        finally:
            state.executor.shutdown(wait=False, cancel_futures=True)
            input_guard.close()
            output_guard.close()
            if state.limiter is not None:
                await state.limiter.aclose()

    app = FastAPI(
        title=config.app.name,
        description="API to run LLM Guard scanners.",
        version=API_VERSION,
        lifespan=lifespan,
    )
    app.state.guard_api = state
    _install_error_handlers(app)
    _install_routes(app, state)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(RequestMetricsMiddleware, metrics=state.metrics, routes=ROUTES)
    return app


def _rate_limiter(config: ServerConfig) -> ClientRateLimiter | None:
    """The configured limiter; a shared store is only connected to on the first request (``guard
    serve`` checks it before binding, see ``run.verify_rate_limit_store``)."""
    section = config.rate_limit
    if not section.enabled:
        return None
    return ClientRateLimiter(
        section.limit, storage_uri=section.storage_uri, key_prefix=section.key_prefix
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"message": str(exc.detail), "details": None},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        body = {"message": "Validation failed", "details": jsonable_encoder(exc.errors())}
        return JSONResponse(body, status_code=422)


@dataclass(frozen=True, slots=True)
class _ScanRoute:
    """One of the four scan routes: they differ only in these fields, so one handler serves them all."""

    path: str
    name: str  # the handler name LLM Guard API uses, which FastAPI turns into the operationId
    request: type[AnalyzePromptRequest] | type[AnalyzeOutputRequest]
    response: type[ScanPromptResponse] | type[ScanOutputResponse]
    stage: Stage
    sanitize: (
        bool  # analyze: each scanner sees the previous one's sanitized text, which is returned
    )
    description: str


_SCAN_ROUTES = (
    _ScanRoute(
        "/analyze/prompt",
        "submit_analyze_prompt",
        AnalyzePromptRequest,
        AnalyzePromptResponse,
        "input",
        True,
        "Analyze a prompt and return the sanitized prompt and the results of the scanners",
    ),
    _ScanRoute(
        "/scan/prompt",
        "submit_scan_prompt",
        ScanPromptRequest,
        ScanPromptResponse,
        "input",
        False,
        "Scans a prompt: every scanner sees the original text, nothing is sanitized",
    ),
    _ScanRoute(
        "/analyze/output",
        "submit_analyze_output",
        AnalyzeOutputRequest,
        AnalyzeOutputResponse,
        "output",
        True,
        "Analyze an output and return the sanitized output and the results of the scanners",
    ),
    _ScanRoute(
        "/scan/output",
        "submit_scan_output",
        ScanOutputRequest,
        ScanOutputResponse,
        "output",
        False,
        "Scans an output: every scanner sees the original text, nothing is sanitized",
    ),
)


def _install_routes(app: FastAPI, state: _State) -> None:
    config = state.config
    authenticator = Authenticator(config.auth)
    limiter = state.limiter
    # Declares the bearer scheme in the OpenAPI document, as LLM Guard API does; the check itself is ours.
    bearer_doc = (
        [Security(HTTPBearer(auto_error=False))]
        if authenticator.required and config.auth is not None and config.auth.type == "http_bearer"
        else []
    )

    async def client(request: Request) -> ClientIdentity:
        identity = authenticator.identify(request)  # 401/403 first: strangers never touch a bucket
        if limiter is not None:
            try:
                retry_after = await limiter.check(identity.key)
            except RateLimitStoreUnavailable as exc:
                state.metrics.rate_limit_store_errors.inc()
                logger.error("%s; refusing the request (503) because it cannot be counted", exc)
                raise ApiError(
                    503,
                    "The rate-limit store is unreachable, so the request cannot be counted; "
                    "retry shortly.",
                    headers={"Retry-After": "1"},
                ) from None
            if retry_after is not None:
                state.metrics.rate_limited.inc()
                logger.warning("rate limit hit by %s", identity.key)
                raise ApiError(
                    429,
                    "Rate limit exceeded",
                    headers={"Retry-After": str(retry_after)},
                    body={"error": f"Rate limit exceeded: {limiter.description}"},
                )
        return identity

    async def scan(
        route: _ScanRoute, text: str, prompt: str | None, suppress: list[str]
    ) -> Verdict:
        """Run the route's guard in a worker thread, answer 408 at the deadline, and count the results."""
        state.require_ready()
        guard = state.input_guard if route.stage == "input" else state.output_guard
        budget_seconds = (
            config.app.scan_prompt_timeout
            if route.stage == "input"
            else config.app.scan_output_timeout
        )
        cancel = threading.Event()
        work = functools.partial(
            guard.scan,
            text,
            prompt=prompt,
            suppress=frozenset(suppress),
            sanitize=route.sanitize,
            cancel=cancel,
        )
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            verdict = await asyncio.wait_for(
                loop.run_in_executor(state.executor, work), budget_seconds
            )
        except TimeoutError:
            cancel.set()  # the worker stops before its next scanner; nobody waits for it
            state.metrics.timeouts.labels(route.path).inc()
            logger.warning(
                "%s: scan abandoned at its %gs deadline (408)", route.path, budget_seconds
            )
            raise ApiError(408, "Request timeout.") from None
        finally:
            state.metrics.scan_seconds.labels(route.path).observe(time.perf_counter() - started)
        for result in verdict.results:
            state.metrics.scanners_valid.labels(
                guard.stage, str(result.valid), result.scanner
            ).inc()
        logger.debug(
            "%s: valid=%s scores=%s",
            route.path,
            verdict.valid,
            to_llm_guard_scores(verdict.results),
        )
        return verdict

    def scan_endpoint(route: _ScanRoute) -> Callable[..., Awaitable[BaseModel]]:
        async def endpoint(
            request: AnalyzePromptRequest | AnalyzeOutputRequest, _: ClientIdentity
        ) -> BaseModel:
            if isinstance(request, AnalyzeOutputRequest):
                text, prompt = request.output, request.prompt
            else:
                text, prompt = request.prompt, None
            verdict = await scan(route, text, prompt, request.scanners_suppress)
            body: dict[str, Any] = {
                "is_valid": verdict.valid,
                "scanners": to_llm_guard_scores(verdict.results),
            }
            if route.sanitize:
                body["sanitized_prompt" if route.stage == "input" else "sanitized_output"] = (
                    verdict.sanitized
                )
            return route.response.model_validate(body)

        # FastAPI reads the body model and the auth dependency from the signature; one handler serves
        # four routes, so each copy gets its route's concrete request type.
        cast(Any, endpoint).__signature__ = inspect.Signature(
            [
                inspect.Parameter("request", _POSITIONAL, annotation=route.request),
                inspect.Parameter(
                    "_", _POSITIONAL, default=Depends(client), annotation=ClientIdentity
                ),
            ],
            return_annotation=route.response,
        )
        return endpoint

    @app.get("/", tags=["Main"])
    async def read_root() -> dict[str, str]:
        return {"name": "LLM Guard API"}

    @app.get("/healthz", tags=["Health"])
    async def read_healthcheck() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", tags=["Health"], response_model=None)
    async def read_liveliness() -> dict[str, str] | JSONResponse:
        if state.readiness == "ready":
            return {"status": "ready"}
        body: dict[str, Any] = {"status": "not ready", "reason": state.problem or "loading"}
        return JSONResponse(body, status_code=503)

    @app.get("/metrics", tags=["Metrics"])
    async def read_metrics() -> Response:
        return Response(state.metrics.render(), media_type=CONTENT_TYPE)

    for route in _SCAN_ROUTES:
        app.add_api_route(
            route.path,
            scan_endpoint(route),
            methods=["POST"],
            name=route.name,
            tags=["Analyze"],
            dependencies=bearer_doc,
            description=route.description,
            response_model=route.response,
        )
