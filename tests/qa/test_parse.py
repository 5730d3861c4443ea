"""The parser: kinds, organizations in any language and inflection, dates, languages."""

from __future__ import annotations

from datetime import date

import pytest

from orgraph.fuzzydate import FuzzyDate
from orgraph.qa import CannotParse, Kind, parse
from orgraph.qa.parse import detect_language
from orgraph.store import Store


@pytest.fixture(scope="module")
def gazetteer() -> Store:
    """Only the gazetteer: the parser needs names, not claims."""
    store = Store()
    store.seed()
    return store


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wer war im Dezember 2007 Mitglied der GMG?", "de"),
        ("Who were the members of the GMG in December 2007?", "en"),
        ("War UNICEF 2006 Mitglied der GMG?", "de"),
        ("Was UNICEF a member of the GMG in 2006?", "en"),
        ("Seit wann ist die IOM im IASC?", "de"),
        ("How many members did UNAIDS have?", "en"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "kind", "body", "member"),
    [
        ("Wer war im Dezember 2007 Mitglied der GMG?", Kind.MEMBERS, "gmg", None),
        (
            "Which organizations belonged to the Global Migration Group in 2008?",
            Kind.MEMBERS,
            "gmg",
            None,
        ),
        ("Wie viele Mitglieder hatte die GMG Ende 2010?", Kind.COUNT, "gmg", None),
        ("How many cosponsors did UNAIDS have in June 1997?", Kind.COUNT, "unaids", None),
        ("Welche Organisationen gründeten UNAIDS?", Kind.FOUNDERS, "unaids", None),
        (
            "Who founded the Joint United Nations Programme on HIV/AIDS?",
            Kind.FOUNDERS,
            "unaids",
            None,
        ),
        ("War die Weltbank im Jahr 2006 Mitglied der GMG?", Kind.IS_MEMBER, "gmg", "world-bank"),
        ("Was the World Bank a member of the GMG in 2006?", Kind.IS_MEMBER, "gmg", "world-bank"),
        ("Gehörte der Weltbank 2006 der GMG an?", Kind.IS_MEMBER, "gmg", "world-bank"),
        ("War das UNO-Flüchtlingshilfswerk 2004 Mitglied der GMG?", Kind.IS_MEMBER, "gmg", "unhcr"),
        (
            "Seit wann hat die IOM Beobachterstatus in der UN-Generalversammlung?",
            Kind.SINCE,
            "unga",
            "iom",
        ),
        (
            "Since when has IOM had observer status in the UN General Assembly?",
            Kind.SINCE,
            "unga",
            "iom",
        ),
        (
            "Seit wann sind IOM-Missionsleiter Mitglieder der UN-Länderteams?",
            Kind.SINCE,
            "unct",
            "iom",
        ),
        ("Wann trat UNICEF der GMG bei?", Kind.SINCE, "gmg", "unicef"),
        (
            "Welchen Cluster leitet die Internationale Organisation für Migration?",
            Kind.LEADS,
            None,
            "iom",
        ),
        ("Which clusters does the World Food Programme lead?", Kind.LEADS, None, "wfp"),
        ("Wie hieß die GMG vor 2006?", Kind.FORMER_NAME, "gmg", None),
        ("What was OCHA called before 1998?", Kind.FORMER_NAME, "ocha", None),
        ("Welche Rollen hat die IOM im IASC?", Kind.ROLES, "iasc", "iom"),
        ("What are the relations between IOM and the United Nations?", Kind.RELATIONS, "un", "iom"),
    ],
)
def test_kind_and_organizations(
    gazetteer: Store, text: str, kind: Kind, body: str | None, member: str | None
) -> None:
    question = parse(gazetteer, text)
    assert (question.kind, question.body, question.member) == (kind, body, member)


@pytest.mark.parametrize(
    ("text", "edtf", "period"),
    [
        ("Wer war im Dezember 2007 Mitglied der GMG?", "2007-12", ("2007-12-01", "2007-12-31")),
        ("Who were the members of the GMG in 2008?", "2008", ("2008-01-01", "2008-12-31")),
        ("Wer war am 15. März 2006 Mitglied der GMG?", "2006-03-15", ("2006-03-15", "2006-03-15")),
        # Anfang/Mitte/Ende of a year ask about its first/middle/last third (SPEC §3).
        ("Wie viele Mitglieder hatte die GMG Ende 2010?", "2010-39", ("2010-09-01", "2010-12-31")),
        (
            "How many members did the GMG have in early 2006?",
            "2006-37",
            ("2006-01-01", "2006-04-30"),
        ),
        ("Wer war im Frühjahr 2003 Mitglied der GMG?", "2003-21", ("2003-03-01", "2003-05-31")),
    ],
)
def test_dates(gazetteer: Store, text: str, edtf: str, period: tuple[str, str]) -> None:
    at = parse(gazetteer, text).at
    assert isinstance(at, FuzzyDate)
    assert at.edtf == edtf
    assert tuple(d.isoformat() for d in at.period()) == period


def test_answers_repeat_the_question_words(gazetteer: Store) -> None:
    at = parse(gazetteer, "Wer war im Dezember 2007 Mitglied der GMG?").at
    assert isinstance(at, FuzzyDate) and at.text == "im Dezember 2007"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        (
            "Welche Organisationen traten der GMG zwischen 2007 und 2010 bei?",
            "2007-01-01",
            "2010-12-31",
        ),
        (
            "Which organizations joined the GMG between June 2006 and the end of 2010?",
            "2006-06-01",
            "2010-12-31",
        ),
        ("Which organizations joined the GMG in 2010?", "2010-01-01", "2010-12-31"),
        ("Wer ist der GMG vor 2006 beigetreten?", "0001-01-01", "2005-12-31"),
        ("Which organizations joined the GMG before 2006?", "0001-01-01", "2005-12-31"),
        (
            "Welche Organisationen sind der GMG nach 2007 beigetreten?",
            "2008-01-01",
            date.today().isoformat(),
        ),
        (
            "Which organizations have joined the GMG since 2007?",
            "2007-01-01",
            date.today().isoformat(),
        ),
    ],
)
def test_joined_between_periods(gazetteer: Store, text: str, first: str, last: str) -> None:
    question = parse(gazetteer, text)
    assert question.kind is Kind.JOINED_BETWEEN
    assert question.at is not None and question.until is not None
    low = question.at.period()[0] if isinstance(question.at, FuzzyDate) else question.at
    high = question.until.period()[1] if isinstance(question.until, FuzzyDate) else question.until
    assert (low.isoformat(), high.isoformat()) == (first, last)


def test_today(gazetteer: Store) -> None:
    assert parse(gazetteer, "Welchen Cluster leitet die FAO heute?").at == date.today()
    assert parse(gazetteer, "Which cluster does FAO lead?").at is None


def test_liaison_scope(gazetteer: Store) -> None:
    question = parse(gazetteer, "Mit welchen Stellen des UN-Sekretariats hält OCHA Verbindung?")
    assert (question.kind, question.member, question.part_of) == (
        Kind.LIAISES,
        "ocha",
        "un-secretariat",
    )


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Wie viele Vollmitglieder hatte der IASC im Jahr 2012?", "member"),
        ("How many full members did the IASC have in 2012?", "member"),
        ("Since when has IOM been a standing invitee of the IASC?", "standing_invitee"),
        ("Wie viele Mitglieder hatte der IASC 2012?", None),
    ],
)
def test_roles_named(gazetteer: Store, text: str, role: str | None) -> None:
    assert parse(gazetteer, text).role == role


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("x" * 501, "too_long"),
        ("Wie ist das Wetter?", "no_kind"),
        ("Who were the members of the Foobar Alliance?", "no_organization"),
        ("War UNICEF 2006 Mitglied?", "organizations"),
        ("Who were the members of the GMG between 2006 and 2008?", "one_date"),
        ("Was UNICEF a member of the GMG before 2008?", "one_date"),
        ("Which organizations joined the GMG?", "no_date"),
        ("War UNICEF im selben Jahr Mitglied der GMG?", "unanchored"),
        ("Was UNICEF happy with the GMG in 2008?", "not_membership"),
        (
            "Which parts of the UN Secretariat does the IOM liaison office liaise with?",
            "unknown_unit",
        ),
    ],
)
def test_refusal_reasons(gazetteer: Store, text: str, reason: str) -> None:
    with pytest.raises(CannotParse) as refused:
        parse(gazetteer, text)
    assert refused.value.reason == reason
