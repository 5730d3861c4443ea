"""The JSON API: everything the CLI answers, plus the writes of the review queue.

Reads are open; writes need the server's token (`orgraph.web.auth`). Names are
resolved like on the command line (any alias, acronym or inflected form); dates
are read like there too ("Anfang 2006", "2010-12-31").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from orgraph import checks, curation, query
from orgraph.documents import SUFFIXES, read_bytes
from orgraph.errors import InvalidClaim, InvalidDate
from orgraph.export.jsonl import export_lines
from orgraph.fuzzydate import FuzzyDate
from orgraph.ingest import DocumentReport, ingest_document
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Status, predicates
from orgraph.store import Store
from orgraph.web import views
from orgraph.web.auth import require_token
from orgraph.web.budget import Budget
from orgraph.web.problems import Problem

router = APIRouter(prefix="/api", tags=["api"])


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]
Writer = [Depends(require_token)]
NameArg = Annotated[str, Path(min_length=1, max_length=200, description="Any name, acronym or id")]
DateArg = Annotated[
    str,
    Query(
        min_length=1,
        max_length=100,
        description="e.g. 2010-12-31, 2006, 'Anfang 2006', 'Ende 2010'",
    ),
]


def iso_day(value: object) -> object:
    """Only an ISO day (2024-05-01) is a day: not a number of seconds, nor a timestamp."""
    if value is not None and not (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
AsKnown = Annotated[
    date | None,
    BeforeValidator(iso_day),
    Query(description="Answer from what the graph said on that day (YYYY-MM-DD)"),
]
ClaimId = Annotated[str, Path(min_length=1, max_length=64)]


def read_at(text: str) -> FuzzyDate:
    """A date typed by a user; InvalidDate (400) when it cannot be read."""
    value = curation.read_date(text.strip())
    if value is None:
        raise InvalidDate("a date is needed, e.g. 2010-12-31 or 'Anfang 2006'")
    return value


def check_predicate(name: str | None) -> str | None:
    if name is not None and name not in predicates():
        raise InvalidClaim(f"unknown predicate {name!r} (known: {', '.join(sorted(predicates()))})")
    return name


@router.get("/search", summary="Entities by any name or acronym, in any language")
def search(store: StoreDep, q: Annotated[str, Query(max_length=200)] = "") -> dict[str, Any]:
    view = views.search_view(store, q)
    return {"q": q, "results": view["results"]}


@router.get("/entities/{name}", summary="An entity: names over time, relations by predicate")
def entity(store: StoreDep, name: NameArg, as_known: AsKnown = None) -> dict[str, Any]:
    return views.entity_view(store, name, as_known)


@router.get("/members", summary="Members of a body at a date (yes / uncertain, with evidence)")
def members(
    store: StoreDep,
    body: Annotated[str, Query(min_length=1, max_length=200)],
    at: DateArg,
    as_known: AsKnown = None,
) -> dict[str, Any]:
    return query.members_at(store, body, read_at(at), as_known).to_json()


@router.get("/is-member", summary="Was ORG a member of BODY at a date? yes / no / uncertain")
def is_member(
    store: StoreDep,
    org: Annotated[str, Query(min_length=1, max_length=200)],
    body: Annotated[str, Query(min_length=1, max_length=200)],
    at: DateArg,
    as_known: AsKnown = None,
) -> dict[str, Any]:
    return query.is_member(store, org, body, read_at(at), as_known).to_json()


@router.get("/timeline/{name}", summary="Every claim involving the entity, by start date")
def timeline(store: StoreDep, name: NameArg, as_known: AsKnown = None) -> list[dict[str, Any]]:
    return [r.to_json() for r in query.timeline(store, name, as_known)]


@router.get("/relations/{name}", summary="Relations of an entity (with another one, when given)")
def relations(
    store: StoreDep,
    name: NameArg,
    other: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    predicate: Annotated[str | None, Query(max_length=50)] = None,
    as_known: AsKnown = None,
) -> list[dict[str, Any]]:
    rows = query.relations(store, name, other, check_predicate(predicate), as_known)
    return [r.to_json() for r in rows]


@router.get("/names/{name}", summary="A body's names over time (renames followed)")
def names(store: StoreDep, name: NameArg, as_known: AsKnown = None) -> list[dict[str, Any]]:
    return [r.to_json() for r in query.names(store, name, as_known)]


@router.get("/check", summary="Stated counts versus derived membership; conflicting claims")
def check(store: StoreDep, as_known: AsKnown = None) -> dict[str, Any]:
    return {
        "counts": [c.to_json() for c in checks.check_counts(store, as_known)],
        "conflicts": [c.to_json() for c in checks.find_conflicts(store, as_known)],
    }


@router.get("/bodies/{name}", summary="A body's membership timeline and its members at a date")
def body(store: StoreDep, name: NameArg, at: DateArg, as_known: AsKnown = None) -> dict[str, Any]:
    return views.body_view(store, name, read_at(at), as_known)


@router.get("/network", summary="Organizations and relations; which relations hold at a date")
def network(store: StoreDep, at: DateArg, as_known: AsKnown = None) -> dict[str, Any]:
    return views.network_view(store, read_at(at), as_known)


@router.get("/documents", summary="The ingested documents")
def documents(store: StoreDep) -> dict[str, Any]:
    return views.documents_view(store)


@router.get("/documents/{source_id}", summary="A document: text, mentions and its claims")
def document(
    store: StoreDep, source_id: Annotated[str, Path(min_length=1, max_length=64)]
) -> dict[str, Any]:
    return views.document_view(store, source_id)


@router.post(
    "/documents",
    status_code=201,
    dependencies=Writer,
    summary="Upload a document (text, Markdown, HTML, PDF, DOCX, ODT) and ingest it (needs the token)",
    responses={
        413: {"description": "Over the size or memory budget"},
        422: {"description": "Not a readable document, or over the time budget"},
    },
)
async def upload(
    request: Request,
    store: StoreDep,
    file: Annotated[UploadFile, File()],
    lang: Annotated[Literal["de", "en"] | None, Form()] = None,
) -> dict[str, Any]:
    limit: int = request.app.state.upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise Problem(413, f"documents are limited to {limit / 1_000_000:g} MB")
    name = PurePath(file.filename or "upload.txt").name[:200] or "upload.txt"
    if PurePath(name).suffix.lower() not in SUFFIXES:  # as `orgraph ingest` reads them
        raise Problem(422, f"{name}: not a supported format (reads {', '.join(SUFFIXES)})")
    budget: Budget = request.app.state.budget

    def ingest() -> DocumentReport:
        # Scanned pages are not recognised here: OCR takes minutes, too long for a request.
        document = read_bytes(data, name, f"upload/{name}")
        return ingest_document(store, document, lang, reader=budget.extract)

    # Off the event loop: a worker thread reads the file, waits for the extraction in a child
    # process and then writes; other requests are served meanwhile.
    report = await anyio.to_thread.run_sync(ingest)
    return vars(report)


@router.delete(
    "/documents/{source_id}",
    dependencies=Writer,
    summary="Withdraw a document's evidence; statements left with none are retracted (needs the token)",
)
def withdraw_document(
    store: StoreDep, source_id: Annotated[str, Path(min_length=1, max_length=64)]
) -> dict[str, Any]:
    return store.withdraw(source=source_id).to_json()


@router.post(
    "/claims/{claim_id}/evidence/{evidence_id}/reject",
    dependencies=Writer,
    summary="Reject one piece of a statement's evidence; the statement keeps the rest (needs the token)",
)
def reject_evidence(
    store: StoreDep, claim_id: ClaimId, evidence_id: Annotated[int, Path(ge=1)]
) -> dict[str, Any]:
    if evidence_id not in {e.id for e in store.claim(claim_id).evidence}:
        raise Problem(404, f"claim {claim_id!r} has no current evidence {evidence_id}")
    return store.withdraw(evidence_id=evidence_id).to_json()


@router.get("/claims", summary="Current claims, filtered (rejected ones only when asked)")
def claims(
    store: StoreDep,
    status: Status | None = None,
    entity: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    predicate: Annotated[str | None, Query(max_length=50)] = None,
    source: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    as_known: AsKnown = None,
) -> list[dict[str, Any]]:
    involving = [store.resolve(entity).id] if entity else None
    preds = [p] if (p := check_predicate(predicate)) else None
    found = store.claims(
        involving=involving,
        predicates=preds,
        source=source,
        status=status,
        as_known=as_known,
        limit=limit,
    )
    refs = views.Refs(store)
    return [refs.claim(c) for c in found]


@router.get("/claims/{claim_id}", summary="One claim record (retracted ones too)")
def claim(store: StoreDep, claim_id: ClaimId) -> dict[str, Any]:
    return views.Refs(store).claim(store.claim(claim_id))


@router.get("/claims/{claim_id}/history", summary="Every record the claim went through")
def history(store: StoreDep, claim_id: ClaimId) -> list[dict[str, Any]]:
    store.claim(claim_id)  # 404 for an unknown id
    return views.history_json(store, claim_id)


class NewClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored

    subject: str = Field(min_length=1, max_length=200)
    predicate: str = Field(min_length=1, max_length=50)
    object: str = Field(min_length=1, max_length=200)
    role: str | None = Field(None, max_length=50)
    start: str | None = Field(None, max_length=100)
    end: str | None = Field(None, max_length=100)
    ended: bool = False
    qualifiers: dict[str, str] = Field(default_factory=dict, max_length=20)
    sentence: str = Field("", max_length=5000)
    by: str = Field("web", min_length=1, max_length=100)


@router.post("/claims", status_code=201, dependencies=Writer, summary="Record a manual claim")
def add(store: StoreDep, new: NewClaim) -> dict[str, Any]:
    made = curation.add_claim(
        store,
        new.subject,
        new.predicate,
        new.object,
        role=new.role or None,
        start=new.start or None,
        end=new.end or None,
        end_state=EndState.ENDED if new.ended else None,
        qualifiers=new.qualifiers,
        by=new.by,
        sentence=new.sentence,
    )
    return views.Refs(store).claim(made)


@router.post(
    "/claims/{claim_id}/accept",
    dependencies=Writer,
    summary="Accept a claim: retracts the record and re-records it as accepted",
)
def accept(store: StoreDep, claim_id: ClaimId) -> dict[str, Any]:
    return views.Refs(store).claim(store.set_status(claim_id, Status.ACCEPTED))


@router.post(
    "/claims/{claim_id}/reject",
    dependencies=Writer,
    summary="Reject a claim: retracts the record and re-records it as rejected",
)
def reject(store: StoreDep, claim_id: ClaimId) -> dict[str, Any]:
    return views.Refs(store).claim(store.set_status(claim_id, Status.REJECTED))


class ClaimEdit(BaseModel):
    """Fields to change; absent fields keep their value. `start`/`end` "" clears a date."""

    model_config = ConfigDict(extra="forbid")

    subject: str | None = Field(None, min_length=1, max_length=200)
    predicate: str | None = Field(None, min_length=1, max_length=50)
    object: str | None = Field(None, min_length=1, max_length=200)
    role: str | None = Field(None, max_length=50)
    start: str | None = Field(None, max_length=100)
    end: str | None = Field(None, max_length=100)
    ended: bool | None = None
    status: Status = Status.ACCEPTED


def edited(store: Store, old: Claim, edit: ClaimEdit) -> Claim:
    given = edit.model_fields_set
    interval = old.interval
    if given & {"start", "end", "ended"}:
        start = curation.read_date(edit.start) if "start" in given else interval.start
        end = curation.read_date(edit.end) if "end" in given else interval.end
        state = (
            EndState.DATED
            if end
            else EndState.ENDED
            if edit.ended
            else (EndState.ONGOING if "end" in given or edit.ended is False else interval.end_state)
        )
        interval = Interval(start, end, state)
    return Claim(
        subject=store.resolve(edit.subject).id if edit.subject else old.subject,
        predicate=edit.predicate or old.predicate,
        object=store.resolve(edit.object).id if edit.object else old.object,
        role=(edit.role or None) if "role" in given else old.role,
        qualifiers=dict(old.qualifiers),
        interval=interval,
        status=edit.status,
        confidence=old.confidence,
        evidence=list(old.evidence),
    )


@router.post(
    "/claims/{claim_id}/edit",
    dependencies=Writer,
    summary="Correct a claim: the old record is retracted, the edit recorded (never overwritten)",
)
def edit(store: StoreDep, claim_id: ClaimId, change: ClaimEdit) -> dict[str, Any]:
    replacement = edited(store, store.claim(claim_id), change)
    replacement.validate()
    return views.Refs(store).claim(store.correct(claim_id, replacement))


@router.get(
    "/export",
    summary="The claims as JSONL (one claim a line)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
def export(store: StoreDep, history: bool = False) -> StreamingResponse:
    lines = list(export_lines(store, history=history))  # read before streaming: errors stay clean

    def body() -> Iterator[str]:
        for line in lines:
            yield line + "\n"

    return StreamingResponse(body(), media_type="application/x-ndjson")
