"""The web app and HTTP API (`orgraph serve`)."""

from orgraph.web.app import create_app

__all__ = ["create_app"]
