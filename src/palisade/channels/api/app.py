"""The HTTP API and web chat. ``create_app(settings)`` builds everything; nothing happens at import time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from palisade import __version__
from palisade.config import Settings
from palisade.engine import ChatEngine, build_engine
from palisade.errors import (
    BlueprintError,
    ConfigError,
    InputError,
    PalisadeError,
    PolicyViolationError,
    ScmError,
    UnknownBlueprintError,
)

LOCAL_USER = "local"

_STATUS: list[tuple[type[PalisadeError], int]] = [
    (InputError, 400),
    (UnknownBlueprintError, 404),
    (BlueprintError, 422),
    (PolicyViolationError, 409),
    (ScmError, 400),
    (ConfigError, 400),
]

_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class SendMessage(BaseModel):
    text: str = Field(description="What you need, in plain words.")
    conversation_id: str | None = Field(default=None, description="Continue this conversation.")


class ConfirmProposal(BaseModel):
    repo: str | None = Field(default=None, description="Local git repository path (optional).")


def error_body(kind: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": message, "details": details}}


def create_app(settings: Settings, *, engine: ChatEngine | None = None) -> FastAPI:
    chat = engine or build_engine(settings)
    app = FastAPI(title="Palisade", version=__version__, docs_url="/docs", redoc_url=None)
    static_dir = resources.files("palisade.channels") / "web" / "static"
    max_body = settings.api.max_body_bytes

    @app.middleware("http")
    async def limits_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            response: Response = JSONResponse(
                error_body(
                    "PayloadTooLarge",
                    f"The request body is larger than {max_body:,} bytes. Send the request in "
                    "plain words and validate large files with `palisade validate`.",
                ),
                status_code=413,
            )
        else:
            response = await call_next(request)
        response.headers.update(_SECURITY_HEADERS)
        return response

    @app.exception_handler(PalisadeError)
    async def palisade_error(_: Request, exc: PalisadeError) -> JSONResponse:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        details = [str(p) for p in getattr(exc, "problems", [])] or None
        return JSONResponse(error_body(type(exc).__name__, str(exc), details), status_code=status)

    @app.exception_handler(UnicodeDecodeError)
    async def bad_encoding(_: Request, exc: UnicodeDecodeError) -> JSONResponse:
        return JSONResponse(
            error_body("InputError", "The request body is not valid UTF-8 JSON."), status_code=400
        )

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/api/v1/messages", tags=["chat"])
    async def send_message(body: SendMessage) -> dict[str, Any]:
        turn = await chat.send(body.text, user=LOCAL_USER, conversation_id=body.conversation_id)
        return turn.to_dict()

    @app.post("/api/v1/proposals/{proposal_id}/confirm", tags=["chat"])
    async def confirm(proposal_id: int, body: ConfirmProposal | None = None) -> dict[str, Any]:
        repo = body.repo if body else None
        ref = await chat.confirm(proposal_id, user=LOCAL_USER, repo=repo)
        return {"pull_request": ref.to_dict()}

    @app.get("/api/v1/conversations/{conversation_id}", tags=["chat"])
    async def get_conversation(conversation_id: str) -> dict[str, Any]:
        conversation = chat.store.get_conversation(conversation_id)
        if conversation is None or conversation.user != LOCAL_USER:
            raise InputError(f"No conversation {conversation_id!r}.")
        messages = chat.store.list_messages(conversation_id)
        return {
            "id": conversation.id,
            "title": conversation.title,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
        }

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(str(static_dir / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    return app
