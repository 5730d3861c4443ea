"""Time in queries (SPEC §3): as-known audits, renames, non-exclusive relations, three values."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph import query
from orgraph.cli import main
from orgraph.curation import read_date
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import EndState, Interval
from orgraph.model import Claim, Entity, Evidence, Name, Status
from orgraph.store import Store

PAST = datetime(2020, 1, 1, 12, tzinfo=UTC)  # when the first record was made
BETWEEN = date(2021, 6, 1)  # a day after the first record and before the correction


def year(text: str) -> Interval:
    return Interval(read_date(text), None, EndState.ONGOING)


def manual(sentence: str) -> list[Evidence]:
    return [Evidence("manual", 0, len(sentence), sentence, "manual:test")]


def record(
    store: Store,
    subject: str,
    obj: str,
    start: str | None,
    *,
    predicate: str = "member_of",
    role: str | None = None,
    interval: Interval | None = None,
    status: Status = Status.CANDIDATE,
) -> Claim:
    """A claim recorded back in 2020, so that later corrections fall on a later day."""
    claim = Claim(
        subject=subject,
        predicate=predicate,
        object=obj,
        role=role,
        interval=interval or Interval(read_date(start), None),
        status=status,
        evidence=manual(f"{subject} {predicate} {obj} {start}"),
        recorded_at=PAST,
    )
    return store.add_claim(claim)


def on(text: str) -> FuzzyDate:
    """A date as a user types it ('Anfang 2006', '2006-03-15')."""
    value = read_date(text)
    assert value is not None
    return value


def answer(store: Store, member: str, body: str, at: str, as_known: date | None = None) -> str:
    return query.is_member(store, member, body, on(at), as_known).answer.value


# -- bitemporal: corrections never overwrite ---------------------------------------------------


def test_correction_is_seen_only_from_its_day_on(store: Store) -> None:
    old = record(store, "undp", "gmg", "2007", status=Status.ACCEPTED)
    assert answer(store, "UNDP", "GMG", "2006-06-15") == "no"

    fixed = replace(old, interval=Interval(read_date("Anfang 2006"), None))
    new = store.correct(old.id, fixed)

    assert new.id != old.id
    assert answer(store, "UNDP", "GMG", "2006-12-15") == "yes"
    assert answer(store, "UNDP", "GMG", "2006-12-15", as_known=BETWEEN) == "no"
    assert answer(store, "UNDP", "GMG", "2006-12-15", as_known=date(2019, 12, 31)) == "uncertain"

    history = store.history(new.id)
    assert [c.id for c in history] == [old.id, new.id]
    assert history == store.history(old.id)
    assert [str(c.interval.start) for c in history] == ["2007", "early 2006"]
    assert history[0].retracted_at is not None and history[1].retracted_at is None
    assert history[0].evidence == history[1].evidence  # the correction keeps the citation

    ever = {c.id: c for c in store.all_claims_ever()}
    assert set(ever) == {old.id, new.id}
    assert ever[old.id].recorded_at == PAST  # the old row is untouched except for retracted_at
    assert ever[old.id].interval == old.interval
    assert [c.id for c in store.claims()] == [new.id]
    assert [c.id for c in store.claims(as_known=BETWEEN)] == [old.id]


def test_as_known_accepts_an_exact_moment_within_one_day(store: Store) -> None:
    first = store.add_claim(Claim("iom", "member_of", "gmg", interval=year("2006")))
    moment = datetime.now(UTC)
    second = store.correct(first.id, replace(first, interval=year("2007")))
    assert [c.id for c in store.claims(as_known=moment)] == [first.id]
    assert [c.id for c in store.claims(as_known=datetime.now(UTC))] == [second.id]
    assert store.claims(as_known=PAST) == []


def test_a_retracted_claim_cannot_be_corrected_again(store: Store) -> None:
    from orgraph.errors import NotFound

    old = record(store, "iom", "gmg", "2006")
    store.correct(old.id, replace(old, role="member"))
    with pytest.raises(NotFound, match="already retracted"):
        store.correct(old.id, replace(old, role="observer"))
    assert len(store.all_claims_ever()) == 2


@pytest.mark.parametrize(
    ("status", "listed_now"), [(Status.ACCEPTED, True), (Status.REJECTED, False)]
)
def test_accept_and_reject_re_record(store: Store, status: Status, listed_now: bool) -> None:
    candidate = record(store, "undp", "gmg", "2006", status=Status.CANDIDATE)
    decided = store.set_status(candidate.id, status)

    assert decided.id != candidate.id and decided.status is status
    assert [c.status for c in store.history(candidate.id)] == [Status.CANDIDATE, status]
    members_now = [m.entity.id for m in query.members_at(store, "GMG", on("2008")).members]
    members_then = [
        m.entity.id for m in query.members_at(store, "GMG", on("2008"), BETWEEN).members
    ]
    assert ("undp" in members_now) is listed_now
    assert members_then == ["undp"]
    assert store.claims(include_rejected=True, as_known=BETWEEN)[0].status is Status.CANDIDATE
    assert len(store.all_claims_ever()) == 2


def test_cli_as_known_shows_what_the_graph_said_then(tmp_path: Path) -> None:
    db = tmp_path / "orgraph.db"
    store = Store(db)
    store.seed()
    old = record(store, "undp", "gmg", "2007")
    store.correct(old.id, replace(old, interval=Interval(read_date("Anfang 2006"), None)))

    def ask(*extra: str) -> dict[str, object]:
        result = CliRunner().invoke(
            main,
            [
                "--db",
                str(db),
                "is-member",
                "UNDP",
                "GMG",
                "--at",
                "2006-12-15",
                "--format",
                "json",
                *extra,
            ],
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    assert ask()["answer"] == "yes"
    assert ask("--as-known", BETWEEN.isoformat())["answer"] == "no"
    # The day the correction was recorded (computed now, not at import: a run may cross midnight).
    corrected_on = max(c.recorded_at for c in store.all_claims_ever() if c.recorded_at).date()
    assert ask("--as-known", corrected_on.isoformat())["answer"] == "yes"


# -- renames: one body across its names ---------------------------------------------------------


def add_renamed_body(store: Store) -> Store:
    """A body founded in April 2003 and renamed in 2006 (fictional, so the gazetteer cannot interfere)."""
    store.add_entity(
        Entity("kgm", "inter_agency_body", "Koordinierungsgruppe Migration",
               [Name("Koordinierungsgruppe Migration", "de", "label"), Name("KGM", "", "acronym")])
    )  # fmt: skip
    store.add_entity(
        Entity("fmr", "inter_agency_body", "Forum für Migration und Rückkehr",
               [Name("Forum für Migration und Rückkehr", "de", "label"), Name("FMR", "", "acronym")])
    )  # fmt: skip
    record(store, "ilo", "kgm", "2003-04", role="founding_member")
    record(store, "unhcr", "kgm", "2003-04", role="founding_member")
    record(store, "kgm", "fmr", "2006", predicate="renamed_to")
    record(store, "undp", "fmr", "Anfang 2006")
    return store


@pytest.fixture
def renamed(store: Store) -> Store:
    return add_renamed_body(store)


@pytest.mark.parametrize(
    "asked_as", ["FMR", "des Forums für Migration und Rückkehr", "Koordinierungsgruppe Migration"]
)
def test_members_continue_across_a_rename(renamed: Store, asked_as: str) -> None:
    in_2004 = query.members_at(renamed, asked_as, on("2004"))
    assert sorted(m.entity.id for m in in_2004.members) == ["ilo", "unhcr"]
    assert [b.id for b in in_2004.names_then] == ["kgm"]

    in_2008 = query.members_at(renamed, asked_as, on("2008"))
    assert {m.entity.id: m.answer.value for m in in_2008.members} == {
        "ilo": "yes", "unhcr": "yes", "undp": "yes",
    }  # fmt: skip
    assert [b.id for b in in_2008.names_then] == ["fmr"]
    rows = {m.entity.id: m for m in in_2008.members}
    assert [b.id for b in rows["ilo"].body_then] == ["kgm"]  # the name it joined under

    # In the year of the rename, both names may apply.
    in_2006 = query.members_at(renamed, asked_as, on("2006"))
    assert [b.id for b in in_2006.names_then] == ["kgm", "fmr"]


def test_is_member_across_a_rename(renamed: Store) -> None:
    assert answer(renamed, "ILO", "FMR", "2010") == "yes"
    assert answer(renamed, "UNDP", "Koordinierungsgruppe Migration", "2005") == "no"
    assert answer(renamed, "ILO", "FMR", "2002") == "no"


def test_names_lists_both_names_with_dates(renamed: Store) -> None:
    for asked_as in ("FMR", "KGM"):
        records = query.names(renamed, asked_as)
        assert [r.entity.id for r in records] == ["kgm", "fmr"]
        assert records[0].since is None and str(records[0].until) == "2006"
        assert str(records[1].since) == "2006" and records[1].until is None
        assert records[1].evidence, "the rename is cited"
    assert [r.entity.id for r in query.former_names(renamed, "FMR")] == ["kgm"]
    # Before the rename was recorded, the graph knew two unrelated bodies.
    assert [r.entity.id for r in query.names(renamed, "FMR", as_known=date(2019, 1, 1))] == ["fmr"]


def test_cli_names_prints_both_names(tmp_path: Path) -> None:
    db = tmp_path / "orgraph.db"
    store = Store(db)
    store.seed()
    add_renamed_body(store)
    result = CliRunner().invoke(main, ["--db", str(db), "names", "FMR", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(r["entity"]["label"], r["since"], r["until"]) for r in data] == [
        ("Koordinierungsgruppe Migration", None, on("2006").to_json()),
        ("Forum für Migration und Rückkehr", on("2006").to_json(), None),
    ]


# -- non-exclusive relations ----------------------------------------------------------------------


def test_member_of_two_bodies_and_two_roles_in_one(store: Store) -> None:
    record(store, "iom", "unga", "1992", role="observer")
    record(store, "iom", "iasc", "1992", role="standing_invitee")
    record(store, "iom", "iasc", "2016", role="member")
    record(store, "iom", "gmg", "2006")

    for body in ("UNGA", "IASC", "GMG"):
        assert answer(store, "IOM", body, "2020") == "yes"
    iasc = {m.entity.id: m.to_json() for m in query.members_at(store, "IASC", on("2020")).members}
    assert iasc["iom"]["roles"] == ["member", "standing_invitee"]
    iasc_2000 = query.members_at(store, "IASC", on("2000")).members
    assert [m.to_json()["roles"] for m in iasc_2000] == [["standing_invitee"]]
    # Nothing closed the earlier claims.
    assert all(c.interval.end_state is EndState.ONGOING for c in store.claims(subjects=["iom"]))
    assert len(query.since(store, "IOM", "IASC")) == 2


# -- three-valued membership -----------------------------------------------------------------------

CASES = [
    # start, end, end_state, asked at, answer
    (None, None, EndState.ONGOING, "2010", "uncertain"),  # unknown start
    (None, "2008", EndState.DATED, "2010", "no"),  # unknown start, but ended before
    ("2003", None, EndState.ONGOING, "2002", "no"),
    ("2003", None, EndState.ONGOING, "2020", "yes"),  # ongoing
    ("2003", None, EndState.ENDED, "2020", "uncertain"),  # ended, nobody said when
    ("2003", None, EndState.UNKNOWN, "2020", "uncertain"),  # nothing known about an end
    ("2003", None, EndState.ENDED, "2002", "no"),
    ("2003", "2008", EndState.DATED, "2005", "yes"),
    ("2003", "2008", EndState.DATED, "2008-06", "uncertain"),  # inside the end's year
    ("2003", "2008", EndState.DATED, "2010", "no"),
    ("Anfang 2006", None, EndState.ONGOING, "2006-03-15", "uncertain"),  # inside the window
    ("Anfang 2006", None, EndState.ONGOING, "2006-12-15", "yes"),
    ("Anfang 2006", None, EndState.ONGOING, "2005", "no"),
    ("Anfang 2006", None, EndState.ONGOING, "2006", "yes"),  # certainly a member on some day
    ("März 2006", None, EndState.ONGOING, "2006-03-30", "uncertain"),
    ("März 2006", None, EndState.ONGOING, "2006-03-31", "yes"),  # it began by then at the latest
    ("2006-03-15", None, EndState.ONGOING, "2006-03-15", "yes"),
    ("2006-03-15", None, EndState.ONGOING, "2006-03-14", "no"),
]


@pytest.mark.parametrize(("start", "end", "end_state", "at", "expected"), CASES)
def test_three_valued_membership(
    store: Store, start: str | None, end: str | None, end_state: EndState, at: str, expected: str
) -> None:
    interval = Interval(read_date(start), read_date(end), end_state)
    record(store, "undp", "gmg", start, interval=interval)
    verdict = query.is_member(store, "UNDP", "GMG", on(at))
    assert verdict.answer.value == expected, verdict.reason
    assert verdict.reason
    assert verdict.evidence, "every answer about a recorded claim cites it"


def test_no_claim_at_all_is_uncertain_not_no(store: Store) -> None:
    verdict = query.is_member(store, "UNICEF", "GMG", date(2010, 1, 1))
    assert verdict.answer.value == "uncertain"
    assert verdict.evidence == []


def test_ongoing_and_end_unknown_are_different_values(store: Store) -> None:
    ongoing = record(store, "undp", "gmg", "2006", interval=Interval(read_date("2006"), None))
    unknown = record(
        store, "unfpa", "gmg", "2006", interval=Interval(read_date("2006"), None, EndState.UNKNOWN)
    )
    stored = {c.id: c.interval.end_state for c in store.claims()}
    assert stored == {ongoing.id: EndState.ONGOING, unknown.id: EndState.UNKNOWN}
    assert answer(store, "UNDP", "GMG", "2030") == "yes"
    assert answer(store, "UNFPA", "GMG", "2030") == "uncertain"
    then = query.members_at(store, "GMG", date(2030, 1, 1) - timedelta(days=1))
    assert {m.entity.id: m.to_json()["end"] for m in then.members} == {
        "undp": {"open": True},
        "unfpa": None,
    }


def test_a_query_date_with_a_modifier_asks_about_its_third(store: Store) -> None:
    from orgraph import curation
    from orgraph.query import is_member

    curation.add_claim(store, "UNHCR", "member_of", "IASC", start="Ende 2007")
    early, october, late = (
        curation.read_date(d) for d in ("Anfang 2007", "Oktober 2007", "Ende 2007")
    )
    assert early is not None and october is not None and late is not None
    assert is_member(store, "UNHCR", "IASC", early).answer.value == "no"  # Jan–Apr, before Sep
    assert is_member(store, "UNHCR", "IASC", october).answer.value == "uncertain"
    assert is_member(store, "UNHCR", "IASC", late).answer.value == "yes"  # by 31 December


def test_membership_ends_when_the_body_is_replaced(store: Store) -> None:
    from orgraph import curation
    from orgraph.query import is_member

    curation.add_claim(store, "UNICEF", "member_of", "IASC", start="2007")
    curation.add_claim(store, "IASC", "replaced_by", "UNSDG", start="2018")
    when = {d: curation.read_date(d) for d in ("2010", "2018", "2020")}
    answers = {d: is_member(store, "UNICEF", "IASC", w).answer.value for d, w in when.items() if w}
    assert answers == {"2010": "yes", "2018": "yes", "2020": "no"}


def test_a_state_observed_at_a_date_answers_for_that_date_only() -> None:
    """ "Stand 2023 gehörten dem NMF … an": true in 2023, begun at some unknown earlier time."""
    from orgraph.ingest import ingest_text

    store = Store()
    store.seed()
    text = (
        "Das Netzwerk für Meeresfragen (NMF) tagt in Genf. Stand 2023 gehörten dem NMF neun "
        "Organisationen an, darunter die FAO und die WHO.\n"
    )
    ingest_text(store, text, "nmf.txt")
    claim = next(c for c in store.claims() if c.subject == "fao")
    assert claim.interval.start is None and claim.qualifiers["as_of"] == "2023"
    answers = {
        at: query.is_member(store, "FAO", "NMF", FuzzyDate.parse(at)).answer.value
        for at in ("2023", "2020", "2023-05-01")
    }
    assert answers == {"2023": "yes", "2020": "uncertain", "2023-05-01": "uncertain"}


def test_an_event_dated_by_a_span_began_somewhere_inside_it() -> None:
    from orgraph.ingest import ingest_text

    store = Store()
    store.seed()
    ingest_text(
        store, "In den 1990er-Jahren trat die FAO der Umweltmanagementgruppe (EMG) bei.\n", "e.txt"
    )
    answers = {
        at: query.is_member(store, "FAO", "EMG", FuzzyDate.parse(at)).answer.value
        for at in ("2005", "1995", "1985")
    }
    assert answers == {"2005": "yes", "1995": "uncertain", "1985": "no"}
