"""Questions in German or English (`orgraph.qa.ask`), answered with citations."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from orgraph.web.api import StoreDep

router = APIRouter(prefix="/api", tags=["api"])


@router.get(
    "/ask", summary="Answer a question (de/en) from the graph, with the sentences it rests on"
)
def ask(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    lang: Literal["de", "en"] | None = None,
) -> dict[str, Any]:
    answer = request.app.state.ask(store, q, lang=lang)
    result: dict[str, Any] = answer.to_json()
    return result
