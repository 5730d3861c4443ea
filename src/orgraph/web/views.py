"""What each page shows, as plain JSON-able data: the HTML templates and the `.json` twins
render the same dictionaries, so the two can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from orgraph import checks, query
from orgraph.documents.document import page_at
from orgraph.fuzzydate import FuzzyDate
from orgraph.lineage import lineage
from orgraph.model import Claim, Entity, Status
from orgraph.plot.layout import body_timeline, network
from orgraph.store import Store

MAX_RESULTS = 50
REVIEW_PAGE = 50  # claims per page of the review queue


class Refs:
    """Entity references with their labels per language, each entity read once per view."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, Entity] = {}
        self.latest: dict[str, str] = {}  # entity id → its current name's entity id

    def entity(self, entity_id: str) -> Entity:
        if entity_id not in self.cache:
            self.cache[entity_id] = self.store.entity(entity_id)
        return self.cache[entity_id]

    def ref(self, entity: Entity | str) -> dict[str, Any]:
        found = self.entity(entity) if isinstance(entity, str) else entity
        acronym = next((n.text for n in found.names if n.kind == "acronym"), None)
        return {**found.ref(), "type": found.type, "labels": found.labels(), "acronym": acronym}

    def current(self, entity_id: str) -> dict[str, Any] | None:
        """The body's current name when it was renamed since (None when it still has this one)."""
        if entity_id not in self.latest:  # one lineage per entity and view, not per claim
            self.latest[entity_id] = lineage(self.store, entity_id)[-1].entity_id
        latest = self.latest[entity_id]
        return self.ref(latest) if latest != entity_id else None

    def claim(self, claim: Claim) -> dict[str, Any]:
        data = query.claim_json(claim, self.entity(claim.subject), self.entity(claim.object))
        data["subject"] = self.ref(claim.subject)
        data["object"] = self.ref(claim.object)
        data["object_now"] = self.current(claim.object)
        return data


def history_json(store: Store, claim_id: str) -> list[dict[str, Any]]:
    """Every record the claim went through, oldest first (retracted ones included)."""
    refs = Refs(store)
    return [refs.claim(c) for c in store.history(claim_id)]


def search_view(store: Store, q: str) -> dict[str, Any]:
    refs = Refs(store)
    results = store.search(q, limit=MAX_RESULTS) if q.strip() else []
    return {"q": q, "results": [refs.ref(e) for e in results], "bodies": bodies(store, refs)}


def bodies(store: Store, refs: Refs) -> list[dict[str, Any]]:
    """Bodies that have members, by their current names."""
    found: dict[str, None] = {}
    for body in store.objects_of(query.membership_predicates()):  # each body's lineage once
        found.setdefault(lineage(store, body)[-1].entity_id, None)
    return sorted((refs.ref(i) for i in found), key=lambda r: str(r["label"]))


def entity_view(store: Store, name: str, as_known: date | None = None) -> dict[str, Any]:
    """An entity: its names over time, and its relations grouped by predicate and direction."""
    refs = Refs(store)
    entity = store.resolve(name)
    own = {p.entity_id for p in lineage(store, entity.id, as_known)}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for relation in query.relations(store, entity.id, as_known=as_known):
        outgoing = relation.claim.subject in own
        data = refs.claim(relation.claim)
        data["other"] = data["object"] if outgoing else data["subject"]
        data["other_now"] = refs.current(data["other"]["id"])
        groups[(relation.claim.predicate, "out" if outgoing else "in")].append(data)
    is_body = bool(
        store.claims(objects=sorted(own), predicates=query.membership_predicates(), limit=1)
    )
    conflicts = [
        {"why": c.why, "statements": [refs.claim(r.claim) for r in c.claims]}
        for c in checks.find_conflicts(store, as_known)
        if any({r.claim.subject, r.claim.object} & own for r in c.claims)
    ]
    return {
        "entity": {
            **refs.ref(entity),
            "parent": refs.ref(entity.parent) if entity.parent else None,
            "wikidata": entity.wikidata,
        },
        "names": [r.to_json() for r in query.names(store, entity.id, as_known)],
        "aliases": [{"text": n.text, "lang": n.lang, "kind": n.kind} for n in entity.names],
        "groups": [
            {"predicate": predicate, "direction": direction, "relations": rows}
            for (predicate, direction), rows in sorted(groups.items())
        ],
        "is_body": is_body,
        "conflicts": conflicts,
    }


def body_view(
    store: Store, name: str, at: FuzzyDate, as_known: date | None = None
) -> dict[str, Any]:
    """A body's membership timeline, and who was a member on the chosen date."""
    refs = Refs(store)
    chart = body_timeline(store, name, as_known)
    members = query.members_at(store, chart.body.id, at, as_known)
    listing = members.to_json()
    for row in listing["members"]:
        row["entity"] = refs.ref(row["entity"]["id"])
    return {
        "body": refs.ref(chart.body),
        "at": listing["at"],
        "body_then": listing["body_then"],
        "members": listing["members"],
        "counts": {
            answer: sum(1 for m in listing["members"] if m["answer"] == answer)
            for answer in ("yes", "uncertain")
        },
        "timeline": chart.to_json(),
    }


def network_view(store: Store, at: FuzzyDate, as_known: date | None = None) -> dict[str, Any]:
    """Organizations and their relations; each edge says whether it holds at the date."""
    refs = Refs(store)
    graph = network(store, as_known)
    first, last = at.period()
    states = {id(edge): edge.state(first, last).value for edge in graph.edges}
    return {
        "at": at.to_json(),
        "years": list(graph.years),
        "nodes": [
            {
                # One node per body: its id is the current name's, its label the name it bore then.
                **refs.ref(graph.name_then(i, first, last)),
                "id": i,
                "x": round(graph.positions[i][0], 4),
                "y": round(graph.positions[i][1], 4),
            }
            for i in sorted(graph.nodes)
        ],
        "edges": [
            {
                "claim": edge.claim.id,
                "subject": graph.node_of(edge.claim.subject),
                "object": graph.node_of(edge.claim.object),
                "predicate": edge.claim.predicate,
                "role": edge.claim.role,
                "start_window": [d.isoformat() for d in edge.start],
                "end_window": [d.isoformat() for d in edge.end],
                "state": states[id(edge)],
                **query.interval_json(edge.claim),
            }
            for edge in graph.edges
        ],
    }


def documents_view(store: Store) -> dict[str, Any]:
    return {
        "documents": [
            {
                "id": s.id,
                "title": s.title,
                "origin": s.origin,
                "lang": s.lang,
                "sha256": s.sha256,
                "chars": len(s.text),
                "claims": len(store.claims(source=s.id)),
            }
            for s in store.sources()
        ]
    }


def document_view(store: Store, source_id: str) -> dict[str, Any]:
    """A document's text, its organization and date mentions, and the claims drawn from it.

    For a paged original (a PDF), each evidence record of this document carries the page its
    sentence came from, and whether that page was read by OCR.
    """
    refs = Refs(store)
    source = store.source(source_id)
    pages = store.pages(source.id)
    mentions = [
        {k: m[k] for k in ("start", "end", "kind", "value", "text")}
        for m in store.mentions(source.id)
    ]
    claims = [refs.claim(c) for c in store.claims(source=source.id, include_rejected=True)]
    for claim in claims:
        for ev in claim["evidence"]:
            span = page_at(pages, ev["start"]) if ev["source"] == source.id else None
            if span is not None:
                ev["page"], ev["ocr"] = span.page, span.ocr
    return {
        "document": {
            "id": source.id,
            "title": source.title,
            "origin": source.origin,
            "lang": source.lang,
            "format": source.format,
            "as_of": source.as_of.edtf if source.as_of else None,
            "sha256": source.sha256,
            "text": source.text,
        },
        "pages": [vars(p) for p in pages],
        "mentions": mentions,
        "claims": claims,
    }


def review_view(store: Store, status: Status, page: int = 1) -> dict[str, Any]:
    """One page of the claims of one status, with their histories, for accepting, rejecting
    or editing. A page is bounded work however long the queue is."""
    refs = Refs(store)
    counts = store.claim_counts()
    pages = max(1, -(-counts[status.value] // REVIEW_PAGE))
    page = min(page, pages)
    rows = []
    for claim in store.claims(status=status, limit=REVIEW_PAGE, offset=(page - 1) * REVIEW_PAGE):
        data = refs.claim(claim)
        data["history"] = [refs.claim(c) for c in store.history(claim.id)]
        rows.append(data)
    return {
        "status": status.value,
        "counts": counts,
        "page": page,
        "pages": pages,
        "per_page": REVIEW_PAGE,
        "claims": rows,
    }
