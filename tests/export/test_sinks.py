"""CSV, GraphML and Turtle exports: each parses with a standard reader and says what the store says."""

from __future__ import annotations

import csv
import io
import json
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


def test_jsonld_is_the_same_graph_as_turtle(filled: Store) -> None:
    turtle, jsonld = io.StringIO(), io.StringIO()
    export(filled, "ttl", turtle)
    assert export(filled, "jsonld", jsonld) == 3
    assert isinstance(json.loads(jsonld.getvalue()), list | dict)
    a = set(ox.parse(turtle.getvalue().encode(), format=ox.RdfFormat.TURTLE))
    b = set(ox.parse(jsonld.getvalue().encode(), format=ox.RdfFormat.JSON_LD))
    assert a == b and len(a) > 10


def test_popolo_lists_organizations_and_memberships_at_their_precision(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "popolo", out)
    data = json.loads(out.getvalue())
    ids = {o["id"] for o in data["organizations"]}
    assert {"iom", "unga", "world-bank", "iasc"} <= ids
    assert all(o["name"] for o in data["organizations"])
    observer = next(m for m in data["memberships"] if m["role"] == "observer")
    assert (observer["member"]["id"], observer["organization_id"]) == ("iom", "unga")
    assert observer["start_date"] == "1992"
    assert observer["sources"][0]["note"].endswith("IOM erhielt 1992 Beobachterstatus.")
    assert len(data["memberships"]) == 2  # the renaming is no membership


def test_quickstatements_only_for_entities_wikidata_knows(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "quickstatements", out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    iom, unga = filled.entity("iom").wikidata, filled.entity("unga").wikidata
    assert iom and unga
    assert not any(r[0] == iom and r[2] == unga for r in rows)  # an observer is no member
    curation.add_claim(
        filled, "IOM", "member_of", "UNGA", start="2016-09", sentence="Die IOM trat 2016 bei."
    )
    out = io.StringIO()
    export(filled, "quickstatements", out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    member = next(r for r in rows if r[0] == iom and r[2] == unga)
    assert member[1] == "P463"
    assert member[3:5] == ["P580", "+2016-09-00T00:00:00Z/10"]
    assert member[5:] == ["S1683", 'de:"Die IOM trat 2016 bei."']
    assert all(r[0].startswith("Q") and r[2].startswith("Q") for r in rows)


def test_quickstatements_time_keeps_the_precision() -> None:
    from orgraph.export.wikidata import wikidata_time
    from orgraph.fuzzydate import FuzzyDate

    assert wikidata_time(FuzzyDate.parse("2016-09")) == "+2016-09-00T00:00:00Z/10"
    assert wikidata_time(FuzzyDate.parse("2016-09-19")) == "+2016-09-19T00:00:00Z/11"


def test_popolo_and_quickstatements_leave_out_what_a_reviewer_rejected(filled: Store) -> None:
    from orgraph.model import Status

    curation.add_claim(
        filled, "IOM", "member_of", "UNGA", start="2016-09", sentence="Die IOM trat 2016 bei."
    )
    member = next(c for c in filled.claims() if c.role in (None, "member") and c.subject == "iom")
    filled.set_status(member.id, Status.REJECTED)
    popolo, statements = io.StringIO(), io.StringIO()
    export(filled, "popolo", popolo)
    export(filled, "quickstatements", statements)
    memberships = json.loads(popolo.getvalue())["memberships"]
    assert all(m["id"] != member.id for m in memberships)
    assert "+2016-09" not in statements.getvalue()
