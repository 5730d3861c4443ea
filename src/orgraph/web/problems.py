"""Errors as RFC 9457 problem bodies (JSON) or a plain error page, never a traceback."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Match

from orgraph.errors import OrgraphError, UnknownEntity
from orgraph.web.i18n import language, translator

log = logging.getLogger("orgraph.web")
PROBLEM = "application/problem+json"


class ProblemBody(BaseModel):
    """An RFC 9457 problem: what every 4xx and 5xx answer of the API carries."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    suggestions: list[str] | None = None
    errors: list[dict[str, Any]] | None = None


# The failures every operation may answer with (documented in the OpenAPI description).
COMMON = {
    400: "Bad input: a date, name or value that cannot be read, or an untrusted Host",
    401: "A token is needed (writes; reads of a private store)",
    404: "No such entity, claim or document",
    422: "A parameter or body that does not validate",
    500: "The store cannot be read; the server log has the details",
}


class Problem(Exception):
    """An HTTP error raised on purpose by the web layer (401 without a token, 413 too large...)."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def wants_json(request: Request) -> bool:
    """API routes, .json twins and clients that do not ask for HTML get JSON problems."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json":
        return True
    return "text/html" not in request.headers.get("accept", "")


def problem(
    request: Request,
    status: int,
    detail: str,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    if not wants_json(request):
        templates = request.app.state.templates
        lang = language(request)
        return templates.TemplateResponse(  # type: ignore[no-any-return]
            request,
            "error.html",
            {
                "status": status,
                "title": title,
                "detail": detail,
                "lang": lang,
                "t": translator(lang),
                "json_url": None,
                "here": "/",
                "quote": lambda s: quote(str(s), safe=""),
            },
            status_code=status,
            headers=headers,
        )
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        **(extra or {}),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))}
        for err in exc.errors()
    ]


def allowed_methods(request: Request) -> list[str]:
    """The methods some route answers for this request's path (asked of the router itself)."""
    return [
        method
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
        )
    ]


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into a clean 4xx (or a bare 500)."""

    @app.exception_handler(OrgraphError)
    async def orgraph_error(request: Request, exc: OrgraphError) -> Response:
        extra = {"suggestions": exc.suggestions} if isinstance(exc, UnknownEntity) else None
        status = exc.status if 400 <= exc.status < 600 else 400
        if status >= 500:
            log.error("store error: %s", exc)
        return problem(request, status, str(exc), extra)

    @app.exception_handler(Problem)
    async def web_problem(request: Request, exc: Problem) -> Response:
        return problem(request, exc.status, exc.detail, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid request"
        return problem(request, 422, detail, {"errors": errors})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # every method of the path, not only the first route's
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem(request, exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Logged on the server for the operator; the client sees no internals.
        log.exception("unexpected error on %s", request.url.path)
        return problem(request, 500, "internal error; the server log has the details")


def document(app: FastAPI) -> None:
    """Describe the problem+json answers of every operation in the OpenAPI document, so that
    clients (and schemathesis) know every status and content type the server may send."""
    plain = app.openapi

    def described() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = plain()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = ProblemBody.model_json_schema()
        body = {"schema": {"$ref": "#/components/schemas/Problem"}}
        page = {"schema": {"type": "string"}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                extra = {int(code) for code in responses if str(code).isdigit()} - {200, 201}
                for status in sorted(set(COMMON) | extra):
                    entry = responses.setdefault(str(status), {})
                    entry.setdefault("description", COMMON.get(status, HTTPStatus(status).phrase))
                    if status >= 400:
                        entry["content"] = {PROBLEM: body, "text/html": page}
        app.openapi_schema = schema
        return schema

    app.openapi = described  # type: ignore[method-assign]
