"""Running the app: `orgraph serve` and `orgraph demo` call `serve()`.

The socket is bound before anything is printed, so a bad --host or a port in use is one
clear error; the write token is never printed unless asked (`--show-token`).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from orgraph.errors import OrgraphError
from orgraph.web.app import TOKEN_ENV, create_app
from orgraph.web.budget import Budget, preload
from orgraph.web.hosts import trusted_hosts

READ_TOKEN_ENV = "ORGRAPH_READ_TOKEN"


@dataclass
class Settings:
    """How `orgraph serve` runs: where it listens, who may read and write, what uploads cost."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    token_file: Path | None = None
    show_token: bool = False
    read_token: str | None = None
    allow_hosts: Iterable[str] = field(default_factory=tuple)
    budget: Budget = field(default_factory=Budget)


def write_token(given: str | None, token_file: Path | None = None) -> tuple[str, bool]:
    """The token writes need: --token, else --token-file, else $ORGRAPH_TOKEN, else a fresh
    random one (True)."""
    if given:
        return given, False
    if token_file is not None:
        try:
            found = token_file.read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise OrgraphError(f"--token-file {token_file}: cannot read ({exc})") from None
        if not found:
            raise OrgraphError(f"--token-file {token_file}: the file is empty")
        return found, False
    token = os.environ.get(TOKEN_ENV)
    if token:
        return token, False
    return secrets.token_urlsafe(18), True


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or OrgraphError saying why not."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise OrgraphError(f"--host {host!r}: not an address to listen on ({exc})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise OrgraphError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def serve(db: str | Path, settings: Settings, echo: Callable[[str], None]) -> None:
    """Serve the web app and API until interrupted."""
    import uvicorn

    secret, generated = write_token(settings.token, settings.token_file)
    sock = listen(settings.host, settings.port)
    preload()
    app = create_app(
        db,
        secret,
        read_token=settings.read_token or os.environ.get(READ_TOKEN_ENV),
        trusted_hosts=trusted_hosts(settings.host, settings.allow_hosts),
        budget=settings.budget,
    )
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    base = f"http://{shown}:{settings.port}"
    echo(f"orgraph is serving {db} at {base}/  (API docs: {base}/docs)")
    if generated and settings.show_token:
        echo(f"write token for this run (reviews, uploads): {secret}")
    elif generated:
        echo("writes need a token: this run made one; --show-token prints it, or set --token-file")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
