"""The web chat page, its static files, and the interactive API docs, all served from this process.

Nothing is fetched from a CDN: the Swagger UI files come from the ``fastapi-offline`` package, and
the docs page loads its settings from a script file, not an inline script, so the strict
Content-Security-Policy holds on every page.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)

_WEB = Path(str(resources.files("palisade.channels") / "web" / "static"))
_SWAGGER = Path(str(resources.files("fastapi_offline") / "static"))

_DOCS_HTML = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Palisade API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" href="/docs/assets/favicon.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
"""

_DOCS_JS = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
"""


@router.get("/")
async def index() -> FileResponse:
    return FileResponse(_WEB / "index.html", media_type="text/html")


@router.get("/docs")
async def docs() -> HTMLResponse:
    return HTMLResponse(_DOCS_HTML)


@router.get("/docs/init.js")
async def docs_init() -> Response:
    return Response(_DOCS_JS, media_type="text/javascript")


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=_WEB), name="static")
    app.mount("/docs/assets", StaticFiles(directory=_SWAGGER), name="docs-assets")
