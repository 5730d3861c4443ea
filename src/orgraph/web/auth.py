"""Write access: every write needs the token the server was started with; reads are open."""

from __future__ import annotations

import hmac

from starlette.requests import Request

from orgraph.web.problems import Problem

HEADER = "authorization"


def require_token(request: Request) -> None:
    """A FastAPI dependency: `Authorization: Bearer TOKEN` must match, else 401."""
    expected: str | None = request.app.state.token
    challenge = {"WWW-Authenticate": 'Bearer realm="orgraph"'}
    if not expected:
        raise Problem(
            401, "writes are disabled: start the server with --token or ORGRAPH_TOKEN", challenge
        )
    scheme, _, given = request.headers.get(HEADER, "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Problem(
            401, "this write needs the server's token (Authorization: Bearer TOKEN)", challenge
        )
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Problem(401, "wrong token", challenge)
