"""The web app: REST API (api.py), offline API docs at /docs, the dashboard at /.

    uvicorn.run(create_app("sitrep.db", write_token=None))

Everything the browser loads is in static/ (no CDN, no map tiles): the page may load nothing
from elsewhere, and its Content-Security-Policy says so.
"""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from .. import __version__
from .api import router
from .db import Database
from .limits import DEFAULT_MAX_BODY, BodySizeLimit, error_body

STATIC = Path(__file__).parent / "static"
#: the pages may use their own origin only (and data: URLs for the favicon)
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
DESCRIPTION = """Conflict events extracted from news articles, linked across sources, with the
evidence behind every field. Read-only unless the server was started with a write token
(`sitrep serve --write-token ...` or SITREP_WRITE_TOKEN), which `POST /api/ingest` needs as
`Authorization: Bearer <token>`. Errors are JSON: `{"status", "error", "detail"}`."""


class Assets(StaticFiles):
    """The page's files, revalidated on every load (a cheap 304): after an upgrade a browser must
    not mix cached modules of the old version with new ones."""

    def file_response(self, *args, **kwargs) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def create_app(db_path: str | os.PathLike, write_token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app over the store at `db_path` (created empty when missing). With `write_token`,
    POST /api/ingest accepts articles that carry it; without, the API is read-only."""
    app = FastAPI(title="sitrep", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.db = Database(db_path)
    app.state.write_token = write_token or None
    app.state.max_body = max_body
    app.include_router(router)
    _add_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodySizeLimit, max_bytes=max_body)  # outermost: refuses before anything reads

    app.mount("/static", Assets(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers=PAGE_HEADERS)

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", headers=PAGE_HEADERS)

    return app


def _add_error_handlers(app: FastAPI) -> None:
    from http import HTTPStatus

    def phrase(status: int) -> str:
        try:
            return HTTPStatus(status).phrase
        except ValueError:
            return "Error"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return Response(error_body(exc.status_code, phrase(exc.status_code), exc.detail),
                        status_code=exc.status_code, media_type="application/json", headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        return Response(error_body(422, phrase(422), detail), status_code=422, media_type="application/json")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return Response(error_body(500, phrase(500), "internal error (see the server log)"), status_code=500,
                        media_type="application/json")
