"""The workbench application: `create_app(db_path)` builds the FastAPI app over one store file.

Pages (`eventdesk.serve.pages`) and the JSON API under `/api` (`eventdesk.serve.api`) read the
store through a read-only SQLite connection per request, so the server never blocks an ingest run
writing the same file; only analyst decisions open it for writing. DOCS: docs/workbench.md
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from eventdesk import __version__
from eventdesk.errors import EventdeskError
from eventdesk.serve.assets import Asset, load_assets
from eventdesk.serve.limits import RequestLimits
from eventdesk.serve.security import BROWSER_COOKIE, WriteGuard, ensure_browser_cookie
from eventdesk.store.decisions import reattach
from eventdesk.store.schema import connect

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeConfig:
    """What one workbench serves and how; fixed when the server starts."""

    db_path: Path
    tile_url: str | None = None
    tile_attribution: str = ""


def _content_security_policy(tile_url: str | None) -> str:
    """Scripts only from this server; map tiles only from the configured tile host."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'none'; object-src 'none'"
    )


class _SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: Any, *, policy: str) -> None:
        super().__init__(app)
        self.policy = policy

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def templates() -> Jinja2Templates:
    """Jinja2 templates from the package, autoescaping every template (also `.txt` and `.svg`)."""
    env = Environment(
        loader=PackageLoader("eventdesk.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def reader(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store for one request (a FastAPI dependency)."""
    config: ServeConfig = request.app.state.config
    conn = connect(config.db_path, read_only=True)
    try:
        yield conn
    finally:
        conn.close()


def writer(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-write connection for storing one decision (a FastAPI dependency)."""
    config: ServeConfig = request.app.state.config
    conn = connect(config.db_path)
    conn.execute("PRAGMA busy_timeout = 5000")  # an ingest run may hold the write lock briefly
    try:
        yield conn
    finally:
        conn.close()


def create_app(
    db_path: Path | str,
    *,
    write_token: str | None = None,
    tile_url: str | None = None,
    tile_attribution: str = "",
) -> FastAPI:
    """The workbench over the store at `db_path`; writes (decisions) only when `write_token` is set.

    `tile_url` is a Leaflet tile URL template (`https://{s}.example/{z}/{x}/{y}.png`); without
    one the map draws markers over a plain graticule, which needs no network.
    """
    from eventdesk.serve import api, pages

    path = Path(db_path)
    if not path.is_file():
        raise EventdeskError(
            f"no store at {path}; fill one with `eventdesk ingest PATH --db {path}`"
        )
    if write_token:
        conn = connect(path)  # upgrades the schema once, so per-request readers need not
        try:
            moved = reattach(conn)
        finally:
            conn.close()
        if moved:
            LOGGER.info("reattached %d analyst decisions to re-extracted records", moved)
    else:
        connect(path, read_only=True).close()  # fail now, not on the first request
    app = FastAPI(
        title="eventdesk workbench",
        version=__version__,
        description="Events, sources, figures and testimony from the corpus store, "
        "with analyst review. Writes need `Authorization: Bearer TOKEN`.",
        docs_url=None,  # FastAPI's docs page loads its scripts from a CDN: ours is offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.config = ServeConfig(
        db_path=path, tile_url=tile_url or None, tile_attribution=tile_attribution
    )
    app.state.guard = WriteGuard(write_token or None)
    app.state.templates = templates()
    app.state.assets = load_assets()
    app.add_middleware(_SecurityHeaders, policy=_content_security_policy(tile_url))
    app.add_middleware(RequestLimits)  # outermost: oversized requests never reach the app
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str, request: Request) -> Response:
        assets: dict[str, Asset] = request.app.state.assets
        asset = assets.get(name)
        if asset is None:
            raise HTTPException(status_code=404)
        if request.headers.get("if-none-match") == asset.etag:
            return Response(status_code=304)
        headers = {"ETag": asset.etag, "Cache-Control": "no-cache"}
        return Response(asset.body, media_type=asset.media_type, headers=headers)

    return app


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> Response:
    """A page: `template` with `context` plus what every page shows (sign-in state, CSRF token)."""
    guard: WriteGuard = request.app.state.guard
    # A browser's first page gives it the random cookie its CSRF token is an HMAC of.
    fresh = guard.session(request) is None and BROWSER_COOKIE not in request.cookies
    browser_id = secrets.token_urlsafe(24) if fresh else None
    full = {
        "session": guard.session(request),
        "writes_enabled": guard.writes_enabled,
        "csrf_token": guard.csrf_token(request, browser_id=browser_id),
        "config": request.app.state.config,
        "version": __version__,
        **context,
    }
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, full, status_code=status_code
    )
    ensure_browser_cookie(request, response, browser_id)
    return response
