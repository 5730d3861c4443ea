"""The start page: what the store holds (counts), questions that run on a click, the latest
documents, and the bodies with members; `/home.json` is its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from orgraph.model import Status
from orgraph.qa import offer
from orgraph.store import Store
from orgraph.web import views
from orgraph.web.api import StoreDep
from orgraph.web.i18n import language
from orgraph.web.pages import render

router = APIRouter(tags=["pages"])
RECENT = 5


def home_view(store: Store, lang: str) -> dict[str, Any]:
    claims = store.claims()
    sources = store.sources()  # oldest first
    named = {c.subject for c in claims} | {c.object for c in claims}
    view = views.search_view(store, "")
    return {
        "counts": {
            "documents": len(sources),
            "organizations": len(named),
            "statements": len(claims),
            "pending": sum(1 for c in claims if c.status is Status.CANDIDATE),
        },
        "examples": offer(lang),
        "recent": [
            {"id": s.id, "title": s.title or s.origin, "lang": s.lang, "origin": s.origin}
            for s in reversed(sources[-RECENT:])
        ],
        "bodies": view["bodies"],
        "q": "",
    }


@router.get("/home.json", summary="JSON twin of the start page")
def home_json(request: Request, store: StoreDep) -> dict[str, Any]:
    return home_view(store, language(request))


@router.get("/", response_class=HTMLResponse, summary="Start page: counts, questions, documents")
def home_page(request: Request, store: StoreDep) -> Response:
    ask = getattr(request.app.state, "ask", None) is not None
    return render(request, "home.html", home_view(store, language(request)), "/home.json", ask=ask)
