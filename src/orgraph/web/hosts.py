"""Trusted hosts: a request must name this server in its Host header, so that a web page of
another site cannot reach it through a DNS name rebound to this machine (DNS rebinding)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.requests import Request
from starlette.responses import Response

from orgraph.web.problems import problem

LOOPBACK = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The host of a Host header, without port or IPv6 brackets, lower case."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def trusted_hosts(listen_host: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Loopback names, the address the server listens on (unless a wildcard), and `extra`."""
    names = [*LOOPBACK, *(host_name(h) for h in extra)]
    try:
        wildcard = ipaddress.ip_address(listen_host).is_unspecified
    except ValueError:
        wildcard = False
    if not wildcard:
        names.append(host_name(listen_host))
    return tuple(dict.fromkeys(names))


def untrusted_host(request: Request) -> Response | None:
    """A 400 for a Host header that is not one of the trusted names (None: trusted)."""
    allowed: tuple[str, ...] | None = request.app.state.trusted_hosts
    if allowed is not None and host_name(request.headers.get("host", "")) not in allowed:
        return problem(request, 400, "untrusted Host header (see `orgraph serve --allow-host`)")
    return None
