"""One statement, many sources (issue 10): corroboration, what a source can vouch for, conflicts,
withdrawn evidence, and the statement model in every interface."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph import checks, query
from orgraph.cli import main
from orgraph.export import sinks
from orgraph.export.jsonl import export_lines
from orgraph.fuzzydate import FuzzyDate
from orgraph.ingest import ingest_text
from orgraph.store import Store
from orgraph.store.schema import entities
from orgraph.web.app import create_app
from tests.conftest import shared_path
from tests.web.conftest import Client

REPORT_2010 = "Jahresbericht\n\nDie UNESCO ist seit 2007 Mitglied der Global Migration Group.\n"
REPORT_2015 = (
    "Bericht\n\nDie UNESCO ist seit 2007 Mitglied der Global Migration Group. "
    "Der UNHCR leitet seit 2005 den Schutzcluster.\n"
)
OTHER_START = "Notiz\n\nDie UNESCO ist seit 2009 Mitglied der Global Migration Group.\n"


def cli(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture
def two_reports(tmp_path: Path) -> Path:
    """A store with the same fact stated by two documents, dated 2010 and 2015."""
    db = tmp_path / "s.db"
    for name, text, as_of in (("a.txt", REPORT_2010, "2010"), ("b.txt", REPORT_2015, "2015")):
        (tmp_path / name).write_text(text, "utf-8")
        cli(db, "ingest", "--as-of", as_of, str(tmp_path / name))
    return db


def unesco_statements(store: Store) -> list[query.Relation]:
    return [r for r in query.relations(store, "UNESCO", "GMG") if r.claim.predicate == "member_of"]


def test_two_documents_stating_one_fact_give_one_statement_with_both_sources(
    two_reports: Path,
) -> None:
    store = Store(two_reports)
    (statement,) = unesco_statements(store)
    assert len({e.source for e in statement.claim.evidence}) == 2
    timeline = json.loads(cli(two_reports, "timeline", "UNESCO", "--format", "json"))
    rows = [r for r in timeline if r["predicate"] == "member_of"]
    assert len(rows) == 1 and len({e["source"] for e in rows[0]["evidence"]}) == 2


def test_what_a_source_can_vouch_for(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    (tmp_path / "a.txt").write_text(REPORT_2010, "utf-8")
    cli(db, "ingest", "--as-of", "2010", str(tmp_path / "a.txt"))
    assert cli(db, "is-member", "UNESCO", "GMG", "--at", "2009").startswith("yes")
    later = cli(db, "is-member", "UNESCO", "GMG", "--at", "2019")
    assert later.startswith("uncertain") and "only until 2010" in later
    # A document of 2015 stating the same moves the horizon.
    (tmp_path / "b.txt").write_text(REPORT_2015, "utf-8")
    cli(db, "ingest", "--as-of", "2015", str(tmp_path / "b.txt"))
    assert cli(db, "is-member", "UNESCO", "GMG", "--at", "2014").startswith("yes")
    later = cli(db, "is-member", "UNESCO", "GMG", "--at", "2019")
    assert later.startswith("uncertain") and "only until 2015" in later


def test_a_document_without_a_given_date_vouches_up_to_the_latest_date_it_states() -> None:
    store = Store()
    store.seed()
    text = (
        "Im März 2012 berichtete die Gruppe über ihre Arbeit.\n\n"
        "Die UNESCO ist seit 2007 Mitglied der Global Migration Group.\n"
    )
    report = ingest_text(store, text, "note.txt")
    source = store.source(report.source_id)
    assert source.as_of == FuzzyDate(2012, 3) and source.as_of_inferred
    verdict = query.is_member(store, "UNESCO", "GMG", FuzzyDate(2013))
    assert verdict.answer.value == "uncertain" and "March 2012" in verdict.reason
    assert "März 2012" in verdict.verdict.explain("de")


def test_a_later_end_ends_an_open_statement(tmp_path: Path) -> None:
    store = Store()
    store.seed()
    ingest_text(store, REPORT_2010, "a.txt", as_of=FuzzyDate(2010))
    ended = "Bericht\n\nDie UNESCO war von 2007 bis 2012 Mitglied der Global Migration Group.\n"
    ingest_text(store, ended, "b.txt", as_of=FuzzyDate(2020))
    assert query.is_member(store, "UNESCO", "GMG", FuzzyDate(2011)).answer.value == "yes"
    assert query.is_member(store, "UNESCO", "GMG", FuzzyDate(2019)).answer.value == "no"


def test_conflicting_starts_are_one_conflict_everywhere(two_reports: Path, tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(OTHER_START, "utf-8")
    cli(two_reports, "ingest", "--as-of", "2016", str(tmp_path / "c.txt"))
    store = Store(two_reports)
    assert len(unesco_statements(store)) == 2  # disagreeing statements stay separate
    conflicts = checks.find_conflicts(store)
    assert len(conflicts) == 1 and "2007" in conflicts[0].why and "2009" in conflicts[0].why
    said = cli(two_reports, "check")
    assert "conflict" in said and "seit 2007" in said and "seit 2009" in said
    answer = cli(two_reports, "ask", "Seit wann ist die UNESCO Mitglied der GMG?")
    assert answer.startswith("Die Quellen widersprechen sich") and "2009" in answer
    verdict = query.is_member(store, "UNESCO", "GMG", FuzzyDate(2008))
    assert verdict.answer.value == "uncertain" and "disagree" in verdict.reason
    client = Client(create_app(store))
    page = client.get("/entity/UNESCO").text
    assert 'class="conflicts"' in page and "seit 2009" in page and "seit 2007" in page
    view = client.get("/entity/UNESCO.json").json()
    assert len(view["conflicts"]) == 1 and len(view["conflicts"][0]["statements"]) == 2


def test_withdrawing_a_document_removes_only_its_evidence(two_reports: Path) -> None:
    store = Store(two_reports)
    (statement,) = unesco_statements(store)
    first, second = sorted({e.source for e in statement.claim.evidence})
    before = datetime.now(UTC)
    cli(two_reports, "retract-document", first)
    (kept,) = unesco_statements(store)
    assert {e.source for e in kept.claim.evidence} == {second}
    said = cli(two_reports, "retract-document", second)
    assert said.endswith("1 statements retracted\n")
    assert unesco_statements(store) == []
    # The history keeps what the graph said.
    (then,) = [r for r in query.relations(store, "UNESCO", "GMG", as_known=before)]
    assert len({e.source for e in then.claim.evidence}) == 2


def test_one_piece_of_evidence_can_be_rejected_over_the_api(two_reports: Path) -> None:
    store = Store(two_reports)
    (statement,) = unesco_statements(store)
    piece = statement.claim.evidence[0]
    client = Client(create_app(store, "t"), "t")
    url = f"/api/claims/{statement.claim.id}/evidence/{piece.id}/reject"
    assert Client(create_app(store)).post(url).status_code == 401
    done = client.post(url).json()
    assert done == {"evidence": 1, "statements": [statement.claim.id], "retracted": []}
    (kept,) = unesco_statements(store)
    assert piece.source not in {e.source for e in kept.claim.evidence}


def test_body_page_shows_one_row_per_member(two_reports: Path) -> None:
    client = Client(create_app(Store(two_reports)))
    bars = client.get("/body/GMG.json").json()["timeline"]["bars"]
    members = [b["member"]["id"] for b in bars]
    assert len(members) == len(set(members))
    page = client.get("/body/GMG").text
    assert page.count('data-member="unesco"') == 1


def test_exports_carry_one_statement_with_every_source(two_reports: Path) -> None:
    store = Store(two_reports)
    lines = [json.loads(line) for line in export_lines(store)]
    unesco = [line for line in lines if line["subject"]["id"] == "unesco"]
    assert len(unesco) == 1 and len({e["source"] for e in unesco[0]["evidence"]}) == 2

    def written(fmt: str) -> str:
        out = io.StringIO()
        sinks.export(store, fmt, out)
        return out.getvalue()

    turtle = written("ttl")
    statement = unesco[0]["id"]
    derived = [
        line for line in turtle.splitlines() if "wasDerivedFrom" in line or "source/doc-" in line
    ]
    assert sum(f"source/{s}" in turtle for s in {e["source"] for e in unesco[0]["evidence"]}) == 2
    assert derived and f"claim/{statement}" in turtle and "org#Membership" in turtle
    popolo = json.loads(written("popolo"))
    (membership,) = [m for m in popolo["memberships"] if m["id"] == statement]
    assert len(membership["sources"]) == 2
    # QuickStatements: one line (one reference) per source, for bodies that have a Wikidata id.
    with store.transaction() as conn:
        conn.execute(entities.update().where(entities.c.id == "gmg").values(wikidata="Q1"))
    quick = [line for line in written("quickstatements").splitlines() if "\tQ1\t" in line]
    assert len(quick) == 2 and all("S1683" in line for line in quick)


def test_quickstatements_say_what_they_left_out(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    cli(db, "init")
    cli(db, "add", "IOM", "member_of", "IASC", "--role", "standing_invitee", "--start", "1992")
    result = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "quickstatements"])
    assert result.exit_code == 0
    assert "skipped 1 statements Wikidata cannot take" in result.stderr
    assert "role standing_invitee" in result.stderr


def test_reference_phrases_are_no_names() -> None:
    store = Store()
    store.seed()
    text = (
        "Die Internationale Organisation für Migration (IOM) wurde 1951 gegründet. "
        "Die Organisation ist seit 1992 Beobachterin in der Generalversammlung."
    )
    ingest_text(store, text, "r.txt")
    assert "Die Organisation" not in store.entity("iom").aliases()
    assert all(n.kind != "reference" for n in store.entity("iom").names)


def test_every_lineage_of_the_gazetteer_is_one_complete_chain() -> None:
    store = Store()
    store.seed()
    renamed = [s for s in store.successions() if s.change == "renamed"]
    assert renamed
    for succession in renamed:
        chain = query.names(store, succession.successor)
        ids = [r.entity.id for r in chain]
        assert succession.predecessor in ids and len(ids) == len(set(ids))
        for earlier, later in pairwise(chain):
            assert earlier.until == later.since  # no gap, no overlap
            if earlier.until is not None and earlier.since is not None:
                assert earlier.since.lower <= earlier.until.upper
    iom = [r.entity.id for r in query.names(store, "IOM")]
    assert iom == ["picmme", "icem", "icm", "iom"]


def test_dates_from_anaphora_show_their_value() -> None:
    from orgraph.fuzzydate import shown

    assert shown("1992", "im selben Jahr") == "1992 (im selben Jahr)"
    assert shown("2006", "Anfang 2006") == "Anfang 2006"


@pytest.fixture
def demo_and_shared(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "d.db")
    store.seed()
    demo = resources.files("orgraph.demo").joinpath("iom-un-demo.de.txt").read_text("utf-8")
    ingest_text(store, demo, "demo")
    shared_text = shared_path("corpus/iom-un-relations.de.txt").read_text("utf-8")
    ingest_text(store, shared_text, "shared")
    yield store


def test_demo_and_shared_corpus_give_one_row_per_gmg_member(demo_and_shared: Store) -> None:
    client = Client(create_app(demo_and_shared))
    bars = client.get("/body/GMG.json").json()["timeline"]["bars"]
    members = [b["member"]["id"] for b in bars]
    assert len(members) == len(set(members)) == 16
    iom = next(b for b in bars if b["member"]["id"] == "iom")
    assert iom["roles"] == ["founding_member", "member"]
    for relation in query.relations(demo_and_shared, "GMG"):
        if relation.claim.predicate == "member_of" and relation.claim.interval.start:
            assert len({e.source for e in relation.claim.evidence}) == 2


def test_the_network_draws_a_renamed_body_as_one_node_named_as_it_was_then(
    demo_and_shared: Store,
) -> None:
    client = Client(create_app(demo_and_shared))
    early = client.get("/network.json", params={"at": "2004"}).json()
    late = client.get("/network.json", params={"at": "2008"}).json()
    for view in (early, late):
        ids = [n["id"] for n in view["nodes"]]
        assert "gmg" in ids and "geneva-migration-group" not in ids
        assert all(e["predicate"] != "renamed_to" for e in view["edges"])
    label = {
        v: next(n["label"] for n in view["nodes"] if n["id"] == "gmg")
        for v, view in (("early", early), ("late", late))
    }
    assert label == {"early": "Geneva Migration Group", "late": "Global Migration Group"}
    # Memberships stated under the former name are edges of the one node.
    assert any(e["object"] == "gmg" and e["subject"] == "ilo" for e in early["edges"])


def _store_with(*texts: tuple[str, str]) -> Store:
    store = Store()
    store.seed()
    for text, as_of in texts:
        ingest_text(store, text, f"{as_of}.txt", as_of=FuzzyDate.parse(as_of))
    return store


def test_leaving_and_joining_again_is_no_disagreement() -> None:
    store = _store_with(
        (
            "Bericht\n\nDie UNESCO war von 1995 bis 2000 Mitglied der Global Migration Group.\n",
            "2001",
        ),
        (
            "Bericht\n\nDie UNESCO war von 2005 bis 2010 Mitglied der Global Migration Group.\n",
            "2011",
        ),
    )
    assert query.is_member(store, "UNESCO", "GMG", FuzzyDate(1997)).answer.value == "yes"
    assert query.is_member(store, "UNESCO", "GMG", FuzzyDate(2002)).answer.value == "no"
    assert not checks.find_conflicts(store)


def test_an_end_in_another_role_does_not_end_a_membership() -> None:
    store = _store_with(
        ("Bericht\n\nDie UNESCO ist seit 2007 Mitglied der Global Migration Group.\n", "2010"),
        (
            "Bericht\n\nDie UNESCO war von 1995 bis 2018 Beobachter der Global Migration Group.\n",
            "2020",
        ),
    )
    verdict = query.is_member(store, "UNESCO", "GMG", FuzzyDate(2019))
    assert verdict.answer.value == "uncertain" and "only until 2010" in verdict.reason


def test_members_and_is_member_agree_when_sources_disagree() -> None:
    store = _store_with(
        ("Bericht\n\nDie UNESCO ist seit 2007 Mitglied der Global Migration Group.\n", "2010"),
        ("Bericht\n\nDie UNESCO ist seit 2009 Mitglied der Global Migration Group.\n", "2012"),
    )
    at = FuzzyDate(2008)
    (row,) = [m for m in query.members_at(store, "GMG", at).members if m.entity.id == "unesco"]
    assert row.answer.value == query.is_member(store, "UNESCO", "GMG", at).answer.value
    assert row.answer.value == "uncertain" and "disagree" in row.reason


def test_an_undated_document_does_not_lift_the_horizon() -> None:
    store = Store()
    store.seed()
    ingest_text(store, REPORT_2010, "a.txt", as_of=FuzzyDate(2010))
    ingest_text(store, "Notiz\n\nDie UNESCO ist Mitglied der Global Migration Group.\n", "b.txt")
    verdict = query.is_member(store, "UNESCO", "GMG", FuzzyDate(2030))
    assert verdict.answer.value == "uncertain" and "only until 2010" in verdict.reason


def test_importing_the_same_file_twice_adds_no_statement(two_reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    cli(two_reports, "export", "-o", str(out))
    target = tmp_path / "t.db"
    (tmp_path / "a.txt").write_text(REPORT_2010, "utf-8")
    cli(target, "ingest", "--as-of", "2010", str(tmp_path / "a.txt"))
    for _ in range(3):
        cli(target, "import", str(out))
    assert len(unesco_statements(Store(target))) == 1


def test_a_member_is_found_under_its_former_name() -> None:
    from orgraph.curation import add_claim

    store = Store()
    store.seed()
    # The gazetteer knows ICM as IOM's name until 1989.
    add_claim(store, "ICM", "member_of", "IASC", role="observer", start="1985", sentence="s1")
    verdict = query.is_member(store, "IOM", "IASC", FuzzyDate(1986))
    assert verdict.answer.value == "yes"
    add_claim(store, "IOM", "member_of", "IASC", role="observer", start="1985", sentence="s2")
    rows = [m for m in query.members_at(store, "IASC", FuzzyDate(1986)).members]
    assert [m.entity.id for m in rows] == ["iom"]  # one member, named as it is called now


def test_a_rename_recorded_later_is_not_known_before() -> None:
    from orgraph.curation import add_claim
    from orgraph.model import Entity, Name

    store = Store()
    store.seed()
    for entity_id, label in (("x-old", "Old Working Body"), ("x-new", "New Working Body")):
        store.add_entity(Entity(entity_id, "organization", label, [Name(label, "en", "label")]))
    add_claim(store, "UNICEF", "member_of", "x-old", start="2000", sentence="joined")
    before = datetime.now(UTC)
    add_claim(store, "x-old", "renamed_to", "x-new", start="2005", sentence="renamed")
    assert [m.entity.id for m in query.members_at(store, "x-new", FuzzyDate(2001)).members] == [
        "unicef"
    ]
    assert query.members_at(store, "x-new", FuzzyDate(2001), as_known=before).members == []
