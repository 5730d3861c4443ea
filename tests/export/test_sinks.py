"""CSV, GraphML and Turtle exports: each parses with a standard reader and says what the store says."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from orgraph import curation
from orgraph.export.sinks import export
from orgraph.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    curation.add_claim(
        store,
        "IOM",
        "member_of",
        "UNGA",
        role="observer",
        start="1992",
        sentence="IOM erhielt 1992 Beobachterstatus.",
    )
    curation.add_claim(store, "Weltbank", "member_of", "IASC", role="standing_invitee")
    curation.add_claim(store, "DHA", "renamed_to", "OCHA", start="1998")
    return store


def test_csv_has_one_row_per_claim_with_its_sentence(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled, "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 3
    observer = next(r for r in rows if r["role"] == "observer")
    assert (observer["subject_id"], observer["object_id"], observer["start"]) == (
        "iom",
        "unga",
        "1992",
    )
    assert observer["sentence"] == "IOM erhielt 1992 Beobachterstatus."


def test_graphml_has_organizations_as_nodes_and_claims_as_edges(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "graphml", out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(out.getvalue())
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    assert {"iom", "unga", "world-bank", "iasc", "dha", "ocha"} <= nodes
    assert len(root.findall(".//g:edge", ns)) == 3


def test_turtle_answers_sparql_in_the_org_vocabulary(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "ttl", out)
    rdf = ox.Store()
    rdf.load(out.getvalue().encode(), format=ox.RdfFormat.TURTLE)
    rows = list(
        rdf.query(
            "SELECT ?o WHERE { <https://orgraph.example/entity/iom> <http://www.w3.org/ns/org#memberOf> ?o }"
        )
    )
    assert [str(r[0]) for r in rows] == ["<https://orgraph.example/entity/unga>"]
