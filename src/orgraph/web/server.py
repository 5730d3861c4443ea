"""Running the app: `orgraph serve` and `orgraph demo` call `serve()`."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from orgraph.web.app import TOKEN_ENV, create_app


def write_token(given: str | None) -> tuple[str, bool]:
    """The token writes need: --token, else $ORGRAPH_TOKEN, else a fresh random one (True)."""
    token = given or os.environ.get(TOKEN_ENV)
    if token:
        return token, False
    return secrets.token_urlsafe(18), True


def serve(
    db: str | Path, host: str, port: int, token: str | None, echo: Callable[[str], None]
) -> None:
    """Serve the web app and API on host:port until interrupted."""
    import uvicorn

    secret, generated = write_token(token)
    app = create_app(db, secret)
    shown = f"[{host}]" if ":" in host else host
    echo(
        f"orgraph is serving {db} at http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)"
    )
    if generated:
        echo(f"write token for this run (reviews, uploads): {secret}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
