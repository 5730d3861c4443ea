"""The HTML pages, server-rendered; each has a JSON twin at the same path + `.json`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from orgraph.fuzzydate import shown
from orgraph.model import Status
from orgraph.reasons import role_words
from orgraph.web import svg, views
from orgraph.web.api import AsKnown, StoreDep, read_at
from orgraph.web.highlight import highlight
from orgraph.web.i18n import COOKIE, LANGS, entity_label, language, predicate_label, translator

router = APIRouter(tags=["pages"])
NameArg = Annotated[str, Path(min_length=1, max_length=200)]
SourceArg = Annotated[str, Path(min_length=1, max_length=64)]
AtArg = Annotated[str | None, Query(max_length=100, description="A date; default today")]
Q = Annotated[str, Query(max_length=200)]


def render(
    request: Request, template: str, view: dict[str, Any], json_url: str, **extra: Any
) -> Response:
    lang = language(request)

    def label(ref: dict[str, Any]) -> str:
        labels = ref.get("labels") or {}
        return str(labels.get(lang) or ref.get("label") or ref.get("id"))

    context = {
        "lang": lang,
        "t": translator(lang),
        "label": label,
        "pred": lambda p: predicate_label(p, lang),
        "view": view,
        "json_url": json_url,
        "here": _here(request),
        "entity_label": entity_label,
        "quote": lambda s: quote(str(s), safe=""),
        "shown": shown,
        "role": lambda r: role_words(r, lang),
        **extra,
    }
    response = request.app.state.templates.TemplateResponse(request, template, context)
    if request.query_params.get("lang") in LANGS:  # a switch by link is remembered
        response.set_cookie(COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response  # type: ignore[no-any-return]


def _here(request: Request) -> str:
    """This page's local URL without the ?lang= switch, for the language links to return to."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params)
    return request.url.path + (f"?{query}" if query else "")


def _at(text: str | None) -> str:
    return text.strip() if text and text.strip() else date.today().isoformat()


# A link of the pages, not part of the API: it answers with a redirect to a page.
@router.get("/lang/{code}", include_in_schema=False)
def switch_language(
    code: Annotated[str, Path(pattern="^(en|de)$")],
    next: Annotated[str, Query(max_length=500)] = "/",
) -> Response:
    # Only local paths: no open redirect.
    target = (
        next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    )
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, code, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


@router.get("/search.json", summary="JSON twin of the search page")
def search_json(store: StoreDep, q: Q = "") -> dict[str, Any]:
    return views.search_view(store, q)


@router.get("/search", response_class=HTMLResponse, summary="Search entities by any name")
def search_page(request: Request, store: StoreDep, q: Q = "") -> Response:
    ask = getattr(request.app.state, "ask", None) is not None
    return render(
        request, "search.html", views.search_view(store, q), f"/search.json?q={quote(q)}", ask=ask
    )


@router.get("/entity/{name}.json", summary="JSON twin of the entity page")
def entity_json(store: StoreDep, name: NameArg, as_known: AsKnown = None) -> dict[str, Any]:
    return views.entity_view(store, name, as_known)


@router.get("/entity/{name}", response_class=HTMLResponse, summary="Entity page")
def entity_page(
    request: Request, store: StoreDep, name: NameArg, as_known: AsKnown = None
) -> Response:
    view = views.entity_view(store, name, as_known)
    return render(
        request, "entity.html", view, f"/entity/{quote(view['entity']['id'], safe='')}.json"
    )


@router.get("/body/{name}.json", summary="JSON twin of the body page")
def body_json(
    store: StoreDep, name: NameArg, at: AtArg = None, as_known: AsKnown = None
) -> dict[str, Any]:
    return views.body_view(store, name, read_at(_at(at)), as_known)


@router.get("/body/{name}", response_class=HTMLResponse, summary="Body page: membership timeline")
def body_page(
    request: Request, store: StoreDep, name: NameArg, at: AtArg = None, as_known: AsKnown = None
) -> Response:
    when = _at(at)
    view = views.body_view(store, name, read_at(when), as_known)
    lang = language(request)
    chart = svg.gantt(view["timeline"], translator(lang), lambda r: r["label"], view["at"])
    body_id = quote(view["body"]["id"], safe="")
    return render(
        request,
        "body.html",
        view,
        f"/body/{body_id}.json?at={quote(when)}",
        chart=chart,
        at_text=when,
    )


@router.get("/network.json", summary="JSON twin of the network page")
def network_json(store: StoreDep, at: AtArg = None, as_known: AsKnown = None) -> dict[str, Any]:
    return views.network_view(store, read_at(_at(at)), as_known)


@router.get(
    "/network", response_class=HTMLResponse, summary="Network of relations with a date slider"
)
def network_page(
    request: Request, store: StoreDep, at: AtArg = None, as_known: AsKnown = None
) -> Response:
    when = _at(at) if at else str(date.today().year)
    view = views.network_view(store, read_at(when), as_known)
    lang = language(request)
    picture = svg.network(view, lambda r: str((r.get("labels") or {}).get(lang) or r["label"]))
    year = max(view["years"][0], min(view["years"][1], int(view["at"]["lower"][:4])))
    return render(
        request, "network.html", view, f"/network.json?at={quote(when)}", picture=picture, year=year
    )


@router.get("/documents.json", summary="JSON twin of the documents page")
def documents_json(store: StoreDep) -> dict[str, Any]:
    return views.documents_view(store)


@router.get("/documents", response_class=HTMLResponse, summary="The ingested documents")
def documents_page(request: Request, store: StoreDep) -> Response:
    return render(request, "documents.html", views.documents_view(store), "/documents.json")


@router.get("/document/{source_id}.json", summary="JSON twin of the document page")
def document_json(store: StoreDep, source_id: SourceArg) -> dict[str, Any]:
    return views.document_view(store, source_id)


@router.get("/document/{source_id}", response_class=HTMLResponse, summary="A document, highlighted")
def document_page(request: Request, store: StoreDep, source_id: SourceArg) -> Response:
    view = views.document_view(store, source_id)
    marked = highlight(view["document"]["text"], view["mentions"], view["claims"])
    return render(
        request, "document.html", view, f"/document/{quote(source_id, safe='')}.json", marked=marked
    )


Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page of the queue (50 a page)")]


@router.get("/review.json", summary="JSON twin of the review queue")
def review_json(
    store: StoreDep, status: Status = Status.CANDIDATE, page: Page = 1
) -> dict[str, Any]:
    return views.review_view(store, status, page)


@router.get("/review", response_class=HTMLResponse, summary="Review queue: accept, reject, edit")
def review_page(
    request: Request, store: StoreDep, status: Status = Status.CANDIDATE, page: Page = 1
) -> Response:
    view = views.review_view(store, status, page)
    return render(
        request,
        "review.html",
        view,
        f"/review.json?status={status.value}&page={view['page']}",
        statuses=list(Status),
    )
