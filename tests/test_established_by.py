"""`established_by` (SPEC §2, issue 9): accepted wherever predicates are, exported as a founding.

The web forms are covered in tests/web/test_api.py; the extraction in tests/pipeline.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from orgraph import curation
from orgraph.cli import main
from orgraph.export.jsonl import write_jsonl
from orgraph.export.sinks import export
from orgraph.model import predicate
from orgraph.store import Store
from tests.test_stages import write_gold

ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
ENTITY = "https://orgraph.example/entity/"


@pytest.fixture
def founded(store: Store) -> Store:
    curation.add_claim(
        store,
        "UN Women",
        "established_by",
        "UNGA",
        start="2010-07",
        sentence="UN Women was established by the General Assembly in July 2010.",
    )
    return store


def test_vocabulary_entry() -> None:
    entry = predicate("established_by")
    assert entry.wikidata == "P112" and entry.event and not entry.roles
    assert not entry.membership and not entry.symmetric
    assert entry.label == {"en": "established by", "de": "eingerichtet von"}


def test_cli_add_then_relations_and_a_role_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "o.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "init"]).exit_code == 0
    added = runner.invoke(
        main, ["--db", db, "add", "UN Women", "established_by", "UNGA", "--start", "2010-07"]
    )
    assert added.exit_code == 0, added.output
    shown = runner.invoke(main, ["--db", db, "relations", "UN Women", "--format", "json"])
    rows = json.loads(shown.output)
    assert [(r["predicate"], r["object"]["id"], r["start"]["edtf"]) for r in rows] == [
        ("established_by", "unga", "2010-07")
    ]
    refused = runner.invoke(
        main, ["--db", db, "add", "UNICEF", "established_by", "UNGA", "--role", "member"]
    )
    assert refused.exit_code == 2 and "allowed: none" in refused.output


def test_jsonl_export_and_import_round_trip(founded: Store, tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(founded, out)
    line = json.loads(path.read_text("utf-8").splitlines()[0])
    assert (line["subject"]["id"], line["predicate"], line["object"]["id"]) == (
        "un-women",
        "established_by",
        "unga",
    )
    db = str(tmp_path / "copy.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "import", str(path)]).exit_code == 0
    copy = Store(tmp_path / "copy.db")
    assert [(c.subject, c.predicate, c.object) for c in copy.claims()] == [
        ("un-women", "established_by", "unga")
    ]


def test_turtle_makes_the_founding_an_event_the_organ_carried_out(founded: Store) -> None:
    out = io.StringIO()
    export(founded, "ttl", out)
    rdf = ox.Store()
    rdf.load(out.getvalue().encode(), format=ox.RdfFormat.TURTLE)
    query = f"""SELECT ?founder WHERE {{
        <{ENTITY}un-women> <{ORG}resultedFrom> ?event .
        ?event a <{ORG}ChangeEvent> ; <{PROV}wasAssociatedWith> ?founder }}"""
    assert [str(r[0]) for r in rdf.query(query)] == [f"<{ENTITY}unga>"]
    # the organ is not made an event: no org:resultedFrom straight to it
    direct = f"ASK {{ <{ENTITY}un-women> <{ORG}resultedFrom> <{ENTITY}unga> }}"
    assert not rdf.query(direct)


def test_quickstatements_say_founded_by(founded: Store) -> None:
    out = io.StringIO()
    export(founded, "quickstatements", out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    women, unga = founded.entity("un-women").wikidata, founded.entity("unga").wikidata
    assert [r[:3] for r in rows] == [[women, "P112", unga]]
    assert rows[0][3:5] == ["P580", "+2010-07-00T00:00:00Z/10"]


def test_eval_scores_established_by(tmp_path: Path) -> None:
    text = "The Ocean Data Centre was founded in 1999 by UNESCO.\n"
    entities = [
        {"id": "ODC", "forms": ["Ocean Data Centre"]},
        {"id": "UNESCO", "forms": ["UNESCO"]},
    ]
    facts = [{"s": "ODC", "r": "established_by", "o": "UNESCO", "start": "1999"}]
    path = write_gold(tmp_path, "t04-founding", "en", text, entities, facts)
    result = CliRunner().invoke(main, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["with_dates"]["f1"] == 1.0
