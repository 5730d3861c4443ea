"""The web app: `create_app(store, token)` builds the FastAPI application `orgraph serve` runs.

Server-rendered pages (Jinja2) and a JSON API over one Store; the only JS and CSS
are the project's own files in static/ and the API docs bundled by `fastapi-offline`,
so the app works with no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import os
import re
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

from orgraph.ingest import MAX_BYTES
from orgraph.store import Store
from orgraph.web import api, home, pages, problems
from orgraph.web.auth import private_refusal
from orgraph.web.budget import Budget
from orgraph.web.cache import ReadCache, cached_reads
from orgraph.web.hosts import untrusted_host

HERE = Path(__file__).parent
TOKEN_ENV = "ORGRAPH_TOKEN"
# Our pages load only our own files; the API docs page (Swagger UI) adds its inline scripts
# by hash (`docs_policy`).
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)
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


def create_app(
    store: Store | str | Path,
    token: str | None = None,
    *,
    read_token: str | None = None,
    trusted_hosts: tuple[str, ...] | None = None,
    budget: Budget | None = None,
    upload_bytes: int = MAX_BYTES,
    cache: bool = True,
) -> FastAPI:
    """The application over `store` (a Store or a database path). Writes need `token`; with
    `read_token`, reads need a token too; with `trusted_hosts`, other Host headers get 400.
    Read answers are cached until the store changes (`cache`)."""
    app = FastAPIOffline(
        title="orgraph",
        version="0.1.0",
        description="A temporal, source-linked knowledge graph of organizations. "
        "Reads are open (unless the store is private); writes need "
        "`Authorization: Bearer TOKEN`. Every error is an RFC 9457 problem+json body.",
    )
    app.state.store = store if isinstance(store, Store) else Store(store)
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    app.state.read_token = read_token or None
    app.state.trusted_hosts = trusted_hosts
    app.state.budget = budget or Budget()
    app.state.upload_bytes = upload_bytes
    path = app.state.store.path
    app.state.read_cache = ReadCache(path) if cache and path is not None else None
    # Autoescape everything: document text and names are data, never markup.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    app.state.templates = Jinja2Templates(env=env)
    app.state.ask = _ask_function()
    problems.install(app)

    @app.middleware("http")
    async def gate(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """One middleware layer (each costs time on every request): the Host check, the read
        token, the read cache, then the security headers on whatever is answered."""
        refused = untrusted_host(request) or private_refusal(request)
        response = refused or await cached_reads(request, call_next)
        return await with_security_headers(request, response)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    # >>> QA: /api/ask and the start page's question box appear when orgraph.qa.ask exists.
    if app.state.ask is not None:
        from orgraph.web.ask import router as ask_router

        app.include_router(ask_router)
    # <<< QA
    app.include_router(home.router)
    app.include_router(pages.router)
    problems.document(app)
    return app


async def with_security_headers(request: Request, response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.url.path.startswith(("/docs", "/redoc")):
        return await docs_policy(response)
    response.headers.setdefault("Content-Security-Policy", CSP)
    return response


async def docs_policy(response: Response) -> Response:
    """The API docs page with a CSP that allows exactly its own inline scripts (by hash)."""
    if not response.headers.get("content-type", "").startswith("text/html"):
        return response
    body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in INLINE_SCRIPT.findall(body)
    )
    headers = dict(response.headers)
    # Swagger UI sets styles from its script; styles cannot run code.
    headers["Content-Security-Policy"] = CSP.replace(
        "script-src 'self'", f"script-src 'self' {hashes}"
    ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    headers.pop("content-length", None)
    return Response(body, response.status_code, headers)
