"""The web app: `create_app(store, token)` builds the FastAPI application `orgraph serve` runs.

Server-rendered pages (Jinja2) and a JSON API over one Store; the only JS and CSS
are the project's own files in static/ and the API docs bundled by `fastapi-offline`,
so the app works with no network at all.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.requests import Request
from starlette.responses import Response

from orgraph.store import Store
from orgraph.web import api, home, pages, problems

HERE = Path(__file__).parent
TOKEN_ENV = "ORGRAPH_TOKEN"
# Our pages load only our own files; the API docs page (Swagger UI) needs its inline script.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _ask_function() -> Callable[..., Any] | None:
    """`orgraph.qa.ask(store, text, lang=None)` when the question answerer is installed."""
    try:
        module = importlib.import_module("orgraph.qa")
    except ImportError:
        return None
    found = getattr(module, "ask", None)
    return found if callable(found) else None


def create_app(store: Store | str | Path, token: str | None = None) -> FastAPI:
    """The application over `store` (a Store or a database path). Writes need `token`."""
    app = FastAPIOffline(
        title="orgraph",
        version="0.1.0",
        description="A temporal, source-linked knowledge graph of organizations. "
        "Reads are open; writes need `Authorization: Bearer TOKEN`.",
    )
    app.state.store = store if isinstance(store, Store) else Store(store)
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    # Autoescape everything: document text and names are data, never markup.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    app.state.templates = Jinja2Templates(env=env)
    app.state.ask = _ask_function()
    problems.install(app)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    # >>> QA: /api/ask and the start page's question box appear when orgraph.qa.ask exists.
    if app.state.ask is not None:
        from orgraph.web.ask import router as ask_router

        app.include_router(ask_router)
    # <<< QA
    app.include_router(home.router)
    app.include_router(pages.router)
    return app
