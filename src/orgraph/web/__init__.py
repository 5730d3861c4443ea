"""The web app and HTTP API (`orgraph serve`)."""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the command line loads FastAPI only when it serves.
    if name == "create_app":
        from orgraph.web.app import create_app

        return create_app
    raise AttributeError(name)
