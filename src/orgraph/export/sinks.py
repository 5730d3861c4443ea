"""Exports for the tools people already use: CSV (spreadsheets), GraphML (Gephi), Turtle and
JSON-LD (RDF), Popolo (membership data), QuickStatements (Wikidata).

Each format is a small sink: `write(claim, subject, object)` per claim, then `finalize()`.
JSONL, the re-importable format, lives in `jsonl.py`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any, Protocol
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from orgraph.export.popolo import PopoloSink
from orgraph.export.wikidata import QuickStatementsSink
from orgraph.model import Claim, Entity, predicate
from orgraph.store import Store

ORGRAPH = "https://orgraph.example/"  # our own namespace for entities, claims and sources
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"


class Sink(Protocol):
    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None: ...
    def finalize(self) -> None: ...


def _start(claim: Claim) -> str:
    return claim.interval.start.edtf if claim.interval.start else ""


def _end(claim: Claim) -> str:
    if claim.interval.end is not None:
        return claim.interval.end.edtf
    return claim.interval.end_state.value


class CsvSink:
    """One row per claim, with its first citation: for spreadsheets."""

    COLUMNS = (
        "id",
        "subject_id",
        "subject",
        "predicate",
        "role",
        "object_id",
        "object",
        "start",
        "end",
        "status",
        "confidence",
        "qualifiers",
        "source",
        "sentence",
    )

    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.writer(out)
        self.writer.writerow(self.COLUMNS)

    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None:
        ev = claim.evidence[0] if claim.evidence else None
        qualifiers = "; ".join(f"{k}={v}" for k, v in sorted(claim.qualifiers.items()))
        self.writer.writerow(
            (
                claim.id,
                subject.id,
                subject.label,
                claim.predicate,
                claim.role or "",
                obj.id,
                obj.label,
                _start(claim),
                _end(claim),
                claim.status.value,
                claim.confidence,
                qualifiers,
                ev.source if ev else "",
                ev.text if ev else "",
            )
        )

    def finalize(self) -> None:
        return None


class GraphmlSink:
    """Organizations as nodes, claims as edges with their dates: for Gephi."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.nodes: dict[str, Entity] = {}
        self.edges: list[str] = []

    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None:
        self.nodes[subject.id] = subject
        self.nodes[obj.id] = obj
        data = {
            "predicate": claim.predicate,
            "role": claim.role or "",
            "start": _start(claim),
            "end": _end(claim),
            "status": claim.status.value,
            "sentence": claim.evidence[0].text if claim.evidence else "",
        }
        cells = "".join(f'<data key="{k}">{escape(v)}</data>' for k, v in data.items())
        self.edges.append(
            f"<edge id={quoteattr(claim.id)} source={quoteattr(subject.id)} "
            f"target={quoteattr(obj.id)}>{cells}</edge>"
        )

    def finalize(self) -> None:
        keys = ["predicate", "role", "start", "end", "status", "sentence"]
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        self.out.write('<key id="label" for="node" attr.name="label" attr.type="string"/>\n')
        for key in keys:
            self.out.write(f'<key id="{key}" for="edge" attr.name="{key}" attr.type="string"/>\n')
        self.out.write('<graph edgedefault="directed">\n')
        for node in self.nodes.values():
            self.out.write(
                f'<node id={quoteattr(node.id)}><data key="label">{escape(node.label)}</data></node>\n'
            )
        for edge in self.edges:
            self.out.write(edge + "\n")
        self.out.write("</graph>\n</graphml>\n")


class TurtleSink:
    """W3C ORG in RDF: a claim is an org:Membership-like node with its time and provenance."""

    FORMAT = ox.RdfFormat.TURTLE

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.quads: list[ox.Quad] = []
        self.seen: set[str] = set()

    def _entity(self, entity: Entity) -> ox.NamedNode:
        node = ox.NamedNode(ORGRAPH + "entity/" + entity.id)
        if entity.id not in self.seen:
            self.seen.add(entity.id)
            self.quads.append(ox.Quad(node, RDF_TYPE, ox.NamedNode(ORG + "Organization")))
            label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
            self.quads.append(ox.Quad(node, label, ox.Literal(entity.label, language="en")))
        return node

    def write(self, claim: Claim, subject: Entity, obj: Entity) -> None:
        s, o = self._entity(subject), self._entity(obj)
        entry = predicate(claim.predicate)
        term = ox.NamedNode(ORG + entry.org.removeprefix("org:"))
        node = ox.NamedNode(ORGRAPH + "claim/" + claim.id)
        add = self.quads.append
        if entry.event:
            # "UN Women was established by the General Assembly": the body resulted from a
            # founding event (org:ChangeEvent, a prov:Activity) the organ carried out; an
            # org:resultedFrom straight to the organ would make the organ an event.
            add(ox.Quad(s, term, node))
            add(ox.Quad(node, RDF_TYPE, ox.NamedNode(ORG + "ChangeEvent")))
            add(ox.Quad(node, ox.NamedNode(PROV + "wasAssociatedWith"), o))
        else:
            add(ox.Quad(s, term, o))
        add(ox.Quad(node, RDF_TYPE, ox.NamedNode(ORGRAPH + "Claim")))
        add(ox.Quad(node, ox.NamedNode(ORGRAPH + "subject"), s))
        add(ox.Quad(node, ox.NamedNode(ORGRAPH + "predicate"), ox.Literal(claim.predicate)))
        add(ox.Quad(node, ox.NamedNode(ORGRAPH + "object"), o))
        if claim.role:
            add(ox.Quad(node, ox.NamedNode(ORG + "role"), ox.Literal(claim.role)))
        if claim.interval.start:
            add(ox.Quad(node, ox.NamedNode(ORGRAPH + "start"), ox.Literal(_start(claim))))
        add(ox.Quad(node, ox.NamedNode(ORGRAPH + "end"), ox.Literal(_end(claim))))
        add(ox.Quad(node, ox.NamedNode(ORGRAPH + "status"), ox.Literal(claim.status.value)))
        if predicate(claim.predicate).membership:
            add(ox.Quad(node, RDF_TYPE, ox.NamedNode(ORG + "Membership")))
            add(ox.Quad(node, ox.NamedNode(ORG + "member"), s))
            add(ox.Quad(node, ox.NamedNode(ORG + "organization"), o))
        # One statement, several sources: one prov:wasDerivedFrom per document, and each
        # sentence as its own evidence node pointing at its document.
        for index, ev in enumerate(claim.evidence):
            source = ox.NamedNode(ORGRAPH + "source/" + ev.source)
            add(ox.Quad(node, ox.NamedNode(PROV + "wasDerivedFrom"), source))
            evidence = ox.NamedNode(f"{ORGRAPH}claim/{claim.id}/evidence/{index}")
            add(ox.Quad(node, ox.NamedNode(ORGRAPH + "evidence"), evidence))
            add(ox.Quad(evidence, ox.NamedNode(PROV + "value"), ox.Literal(ev.text)))
            add(ox.Quad(evidence, ox.NamedNode(PROV + "wasQuotedFrom"), source))

    def finalize(self) -> None:
        data = ox.serialize(self.quads, format=self.FORMAT)
        assert data is not None
        self.out.write(data.decode("utf-8"))


class JsonLdSink(TurtleSink):
    """The same RDF graph as JSON-LD, for tools that read JSON."""

    FORMAT = ox.RdfFormat.JSON_LD


SINKS: dict[str, type[Any]] = {
    "csv": CsvSink,
    "graphml": GraphmlSink,
    "ttl": TurtleSink,
    "jsonld": JsonLdSink,
    "popolo": PopoloSink,
    "quickstatements": QuickStatementsSink,
}


def claims_with_entities(store: Store) -> Iterator[tuple[Claim, Entity, Entity]]:
    cache: dict[str, Entity] = {}
    for claim in store.claims(include_rejected=True):
        for entity_id in (claim.subject, claim.object):
            if entity_id not in cache:
                cache[entity_id] = store.entity(entity_id)
        yield claim, cache[claim.subject], cache[claim.object]


def export(store: Store, fmt: str, out: IO[str], notes: list[str] | None = None) -> int:
    """Write the current statements in one of the sink formats; returns how many were read.

    What a sink could not take (QuickStatements: statements without Wikidata ids …) is added
    to `notes`, for the user."""
    sink: Sink = SINKS[fmt](out)
    count = 0
    for claim, subject, obj in claims_with_entities(store):
        sink.write(claim, subject, obj)
        count += 1
    sink.finalize()
    summary = getattr(sink, "summary", None)
    if notes is not None and summary is not None and (said := summary()):
        notes.append(said)
    return count
