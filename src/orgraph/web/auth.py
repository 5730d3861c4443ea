"""Who may do what: every write needs the write token; on a private store (a read token is
set) every read needs the read token or the write token too.

A token comes as `Authorization: Bearer TOKEN`, or — so that a browser can open the pages
of a private store — as the password of HTTP Basic authentication (any user name).
"""

from __future__ import annotations

import base64
import binascii
import hmac

from starlette.requests import Request
from starlette.responses import Response

from orgraph.web.problems import Problem, problem

HEADER = "authorization"
OPEN_PATHS = ("/static/",)  # style sheets and scripts hold no data


def given_token(request: Request) -> str | None:
    """The token a request carries (Bearer, or the Basic password), if any."""
    scheme, _, value = request.headers.get(HEADER, "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def matches(given: str | None, *expected: str | None) -> bool:
    return given is not None and any(
        e and hmac.compare_digest(given.encode(), e.encode()) for e in expected
    )


def require_token(request: Request) -> None:
    """A FastAPI dependency: the write token must match, else 401."""
    expected: str | None = request.app.state.token
    challenge = {"WWW-Authenticate": 'Bearer realm="orgraph"'}
    if not expected:
        raise Problem(
            401, "writes are disabled: start the server with --token or ORGRAPH_TOKEN", challenge
        )
    given = given_token(request)
    if given is None:
        raise Problem(
            401, "this write needs the server's token (Authorization: Bearer TOKEN)", challenge
        )
    if not matches(given, expected):
        raise Problem(401, "wrong token", challenge)


def private_refusal(request: Request) -> Response | None:
    """On a private store, a 401 for a request without a token (None: it may read)."""
    read_token: str | None = request.app.state.read_token
    if (
        read_token
        and not request.url.path.startswith(OPEN_PATHS)
        and not matches(given_token(request), read_token, request.app.state.token)
    ):
        challenge = {"WWW-Authenticate": 'Basic realm="orgraph", charset="UTF-8"'}
        return problem(
            request, 401, "this store is private: a read token is needed", None, challenge
        )
    return None
