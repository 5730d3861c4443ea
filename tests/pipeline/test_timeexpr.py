"""The temporal tagger: German and English time expressions, relations, non-dates."""

from __future__ import annotations

from datetime import date as Date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgraph.errors import InvalidDate
from orgraph.fuzzydate import FuzzyDate, Modifier
from orgraph.pipeline.timeexpr import (
    Relation,
    TimeExpression,
    find_time_expressions,
    parse_date,
)
from tests.strategies import fuzzy_dates

AT, SINCE, UNTIL, RANGE, UNANCHORED = (
    Relation.AT,
    Relation.SINCE,
    Relation.UNTIL,
    Relation.RANGE,
    Relation.UNANCHORED,
)

Row = tuple[str, Relation, str | None, str | None]


def tags(text: str, anchor: FuzzyDate | None = None) -> list[Row]:
    """(surface, relation, canonical value, canonical until) for every expression."""
    found = find_time_expressions(text, anchor=anchor)
    for expr in found:
        assert text[expr.start : expr.end] == expr.text
    return [
        (e.text, e.relation, str(e.value) if e.value else None, str(e.until) if e.until else None)
        for e in found
    ]


# -- the sentences of the IOM/UN corpus document (short snippets) --------------------------

CORPUS = [
    ("den die IOM 1992 erhielt (GA-Resolution A/RES/47/4).", [("1992", AT, "1992", None)]),
    ("das ebenfalls 1992 begann.", [("1992", AT, "1992", None)]),
    ("das 1996 unterzeichnet wurde", [("1996", AT, "1996", None)]),
    (
        "die sich in den letzten anderthalb Jahrzehnten zwischen IOM und",
        [("in den letzten anderthalb Jahrzehnten", UNANCHORED, None, None)],
    ),
    (
        "Seit dem Beitritt der Organisation zum System der Vereinten Nationen im September "
        "2016 nehmen IOM-Missionsleiter als offizielle Mitglieder an UN-Länderteams teil.",
        [("im September 2016", AT, "2016-09", None)],
    ),
    (
        "der Genfer Migrationsgruppe, die im April 2003 von den Leitern der IOM",
        [("im April 2003", AT, "2003-04", None)],
    ),
    (
        "Anfang 2006 wurde die Mitgliedschaft in der Genfer Migrationsgruppe erweitert.",
        [("Anfang 2006", AT, "early 2006", None)],
    ),
    (
        "Im November 2007 nahm die GMG vier weitere Mitglieder auf",
        [("Im November 2007", AT, "2007-11", None)],
    ),
    (
        "Im Jahr 2010 wurden die WHO und UN Women als Mitglieder aufgenommen, wodurch sich "
        "die Gesamtzahl der GMG-Mitglieder auf 16 Organisationen erhöht.",
        [("Im Jahr 2010", AT, "2010", None)],
    ),
    ("Gemeinsame Programm der Vereinten Nationen zu HIV/AIDS (UNAIDS)", []),
    ("Ad-hoc-Einbindung der IOM, z.B, zu Frauen und Geschlechtergleichstellung.", []),
]


@pytest.mark.parametrize(("text", "expected"), CORPUS)
def test_corpus_sentences(text: str, expected: list[Row]) -> None:
    assert tags(text) == expected


# -- points, modifiers, sub-year periods ------------------------------------------------------

POINTS = [
    ("1996", "1996"),
    ("im Jahre 2010", "2010"),
    ("in 2008", "2008"),
    ("in the year 2010", "2010"),
    ("during 2005", "2005"),
    ("März 2006", "2006-03"),
    ("Jänner 2001", "2001-01"),
    ("Sept. 2005", "2005-09"),
    ("Jan. 2001", "2001-01"),
    ("Okt. 2003", "2003-10"),
    ("Dec. 2004", "2004-12"),
    ("May 2005", "2005-05"),
    ("19. November 2007", "2007-11-19"),
    ("am 19. November 2007", "2007-11-19"),
    ("19 November 2007", "2007-11-19"),
    ("November 19, 2007", "2007-11-19"),
    ("19th of November 2007", "2007-11-19"),
    ("2007-11-19", "2007-11-19"),
    ("19.11.2007", "2007-11-19"),
    ("2003-04", "2003-04"),
    ("Anfang 2006", "early 2006"),
    ("Beginn 2006", "early 2006"),
    ("zu Beginn des Jahres 2006", "early 2006"),
    ("early 2006", "early 2006"),
    ("the beginning of 2006", "early 2006"),
    ("Anfang März 2006", "early 2006-03"),
    ("Mitte 2005", "mid 2005"),
    ("mid-2005", "mid 2005"),
    ("the middle of 2005", "mid 2005"),
    ("Ende 2010", "late 2010"),
    ("Ausgang 2010", "late 2010"),
    ("gegen Ende 2010", "late 2010"),
    ("late 2010", "late 2010"),
    ("the end of 2010", "late 2010"),
    ("um 1995", "1995~"),
    ("circa 1995", "1995~"),
    ("ca. 1995", "1995~"),
    ("etwa 1995", "1995~"),
    ("gegen 1995", "1995~"),
    ("around 1995", "1995~"),
    ("about 1995", "1995~"),
    ("c. 1995", "1995~"),
    ("Frühjahr 2011", "2011-21"),
    ("im Frühling 2011", "2011-21"),
    ("Sommer 2011", "2011-22"),
    ("Herbst 2011", "2011-23"),
    ("Winter 2011", "2011-24"),
    ("spring 2011", "2011-21"),
    ("summer of 2011", "2011-22"),
    ("autumn 2011", "2011-23"),
    ("fall 2011", "2011-23"),
    ("3. Quartal 2009", "2009-35"),
    ("im ersten Quartal 2009", "2009-33"),
    ("viertes Quartal 2009", "2009-36"),
    ("Q3 2009", "2009-35"),
    ("in the second quarter of 2009", "2009-34"),
    ("erste Hälfte 2008", "2008-40"),
    ("in der zweiten Hälfte des Jahres 2008", "2008-41"),
    ("2. Halbjahr 2008", "2008-41"),
    ("first half of 2008", "2008-40"),
    ("H2 2008", "2008-41"),
]


@pytest.mark.parametrize(("text", "value"), POINTS)
def test_points(text: str, value: str) -> None:
    assert tags(f"Es geschah {text} in Genf.") == [(text, AT, value, None)]


def test_value_keeps_surface_text() -> None:
    (expr,) = find_time_expressions("Der Vertrag wurde im April 2003 unterzeichnet.")
    assert expr.text == "im April 2003"
    assert expr.value is not None
    assert expr.value.text == "April 2003"
    assert expr.value == FuzzyDate(2003, 4)


# -- since, until, ranges --------------------------------------------------------------------

RELATIONS = [
    ("seit September 2016", SINCE, "2016-09", None),
    ("ab 2005", SINCE, "2005", None),
    ("seit dem 1. Januar 2005", SINCE, "2005-01-01", None),
    ("seit Anfang 2006", SINCE, "early 2006", None),
    ("since 2004", SINCE, "2004", None),
    ("as of 2004", SINCE, "2004", None),
    ("from 2004 onwards", SINCE, "2004", None),
    ("bis 2010", UNTIL, None, "2010"),
    ("bis Ende 2010", UNTIL, None, "late 2010"),
    ("bis zum 15. März 2006", UNTIL, None, "2006-03-15"),
    ("bis zum Jahr 2010", UNTIL, None, "2010"),
    ("until 2018", UNTIL, None, "2018"),
    ("till 2018", UNTIL, None, "2018"),
    ("up to 2018", UNTIL, None, "2018"),
    ("von 2001 bis 2005", RANGE, "2001", "2005"),
    ("zwischen 2001 und 2005", RANGE, "2001", "2005"),
    ("from 2001 to 2005", RANGE, "2001", "2005"),
    ("between 2001 and 2005", RANGE, "2001", "2005"),
    ("2001–2005", RANGE, "2001", "2005"),
    ("2001-2005", RANGE, "2001", "2005"),
    ("2001 bis 2005", RANGE, "2001", "2005"),
    ("1998-99", RANGE, "1998", "1999"),
    ("von März 2005 bis Mai 2006", RANGE, "2005-03", "2006-05"),
    ("von Anfang 2001 bis Ende 2005", RANGE, "early 2001", "late 2005"),
    ("in den 1990er Jahren", RANGE, "1990", "1999"),
    ("in the 1990s", RANGE, "1990", "1999"),
    ("Anfang der 1990er Jahre", RANGE, "1990", "1993"),
    ("in the late 1990s", RANGE, "1997", "1999"),
    ("seit den 1990er Jahren", SINCE, "1990", None),
]


@pytest.mark.parametrize(("text", "relation", "value", "until"), RELATIONS)
def test_relations(text: str, relation: Relation, value: str | None, until: str | None) -> None:
    assert tags(f"Das galt {text} so.") == [(text, relation, value, until)]


def test_range_words_alone_do_not_join_points() -> None:
    assert tags("1992 und 1996 unterzeichnet") == [
        ("1992", AT, "1992", None),
        ("1996", AT, "1996", None),
    ]
    # "von" alone is "of": the point is the year, the word is not part of it.
    assert tags("die Resolution von 1992") == [("1992", AT, "1992", None)]


# -- relative and vague expressions ----------------------------------------------------------

RELATIVE = [
    ("im selben Jahr", "1996"),
    ("im gleichen Jahr", "1996"),
    ("im folgenden Jahr", "1997"),
    ("im darauffolgenden Jahr", "1997"),
    ("im Vorjahr", "1995"),
    ("ein Jahr später", "1997"),
    ("zwei Jahre später", "1998"),
    ("drei Jahre danach", "1999"),
    ("in the same year", "1996"),
    ("the following year", "1997"),
    ("a year later", "1997"),
    ("two years later", "1998"),
    ("five years earlier", "1991"),
    ("Ende des Jahres", "late 1996"),
]


@pytest.mark.parametrize(("phrase", "value"), RELATIVE)
def test_relative_years_anchor_to_preceding_date(phrase: str, value: str) -> None:
    text = f"Das Abkommen wurde 1996 unterzeichnet; {phrase} folgte das Büro."
    assert tags(text) == [("1996", AT, "1996", None), (phrase, AT, value, None)]


def test_relative_uses_anchor_argument_and_chains() -> None:
    assert tags("Im selben Jahr trat sie bei.", anchor=FuzzyDate(2003)) == [
        ("Im selben Jahr", AT, "2003", None)
    ]
    assert tags("von 2001 bis 2005; im folgenden Jahr; ein Jahr später") == [
        ("von 2001 bis 2005", RANGE, "2001", "2005"),
        ("im folgenden Jahr", AT, "2006", None),
        ("ein Jahr später", AT, "2007", None),
    ]


def test_relative_without_anchor_is_unanchored() -> None:
    assert tags("Im selben Jahr trat sie bei.") == [("Im selben Jahr", UNANCHORED, None, None)]


@pytest.mark.parametrize(
    "phrase",
    [
        "in den letzten anderthalb Jahrzehnten",
        "in den letzten Jahren",
        "in den vergangenen zehn Jahren",
        "seit Jahrzehnten",
        "seit vielen Jahren",
        "in recent years",
        "over the past two decades",
        "for decades",
    ],
)
def test_vague_spans_are_unanchored(phrase: str) -> None:
    assert tags(f"Die Zusammenarbeit ist {phrase} gewachsen.") == [(phrase, UNANCHORED, None, None)]


# -- things that are not dates ---------------------------------------------------------------

NON_DATES = [
    "GA-Resolution A/RES/47/4",
    "Resolution 46/182",
    "ISO 9001",
    "ISO 9001:2015",
    "auf 16 Organisationen",
    "2000 Mitglieder",
    "1500 Euro",
    "2000 US-Dollar",
    "2010 members",
    "etwa 2000 Mitarbeiter",
    "um 2000 Mitglieder erweitert",
    "up to 2000 people",
    "2000 %",
    "Nr. 2005",
    "No. 2005",
    "Artikel 2001",
    "zwischen 2000 und 3000 Personen",
    "am 15. des Monats",
    "12345",
    "1750 und 2150",
    "2005/2006",
    "1.2005",
    "im März",
    "30. Februar 2023",
]


@pytest.mark.parametrize("text", NON_DATES)
def test_non_dates(text: str) -> None:
    assert tags(f"Siehe {text} im Anhang.") == []


def test_no_digit_and_no_year_word_is_nothing() -> None:
    assert find_time_expressions("Die IOM unterhält enge Beziehungen zu UNHCR.") == []


# -- parse_date ------------------------------------------------------------------------------

PARSED = [
    ("Anfang 2006", FuzzyDate(2006, mod=Modifier.START)),
    ("early 2006", FuzzyDate(2006, mod=Modifier.START)),
    ("März 2006", FuzzyDate(2006, 3)),
    ("im Dezember 2007", FuzzyDate(2007, 12)),
    ("15. März 2006", FuzzyDate(2006, 3, 15)),
    ("March 15, 2006", FuzzyDate(2006, 3, 15)),
    ("2006-03-15", FuzzyDate(2006, 3, 15)),
    ("Ende 2010", FuzzyDate(2010, mod=Modifier.END)),
    ("end of 2010", FuzzyDate(2010, mod=Modifier.END)),
    ("in 2008", FuzzyDate(2008)),
    ("3. Quartal 2009", FuzzyDate(2009, 35)),
    ("Q3 2009", FuzzyDate(2009, 35)),
    ("Frühjahr 2011", FuzzyDate(2011, 21)),
    ("spring 2011", FuzzyDate(2011, 21)),
    ("erste Hälfte 2008", FuzzyDate(2008, 40)),
    ("um 1995", FuzzyDate(1995, mod=Modifier.APPROX)),
    ("circa 1995", FuzzyDate(1995, mod=Modifier.APPROX)),
    ("1992", FuzzyDate(1992)),
    ("2003-04", FuzzyDate(2003, 4)),
    ("1995~", FuzzyDate(1995, mod=Modifier.APPROX)),
    ("2006?", FuzzyDate(2006, uncertain=True)),
    ("Mitte Juni 2004", FuzzyDate(2004, 6, mod=Modifier.MID)),
]


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_parse_date(text: str, expected: FuzzyDate) -> None:
    parsed = parse_date(f" {text} ")
    assert parsed == expected
    assert parsed.text == text


@pytest.mark.parametrize(
    "text",
    [
        "30. Februar 2023",
        "31. April 2020",
        "2023-02-30",
        "2006-13",
        "",
        "irgendwann",
        "16",
        "seit 2004",
        "1990er Jahre",
        "im selben Jahr",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(InvalidDate) as error:
        parse_date(text)
    assert "\n" not in str(error.value)


# -- properties ------------------------------------------------------------------------------

GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


@given(fuzzy_dates())
def test_parse_date_reads_canonical_text(date: FuzzyDate) -> None:
    assert parse_date(str(date)) == date


@given(st.dates(min_value=Date(1000, 1, 1), max_value=Date(9998, 12, 31)))
def test_german_long_dates_round_trip(day: Date) -> None:
    text = f"{day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"
    assert parse_date(text) == FuzzyDate(day.year, day.month, day.day)
    (expr,) = find_time_expressions(f"Am {text} wurde es unterzeichnet.")
    assert expr.value == FuzzyDate(day.year, day.month, day.day)


_PIECES = st.sampled_from(
    [
        "1992",
        "im April 2003",
        "Anfang 2006",
        "seit",
        "bis",
        "von",
        "und",
        "–",
        "-",
        "Ende",
        "im selben Jahr",
        "2005",
        "Jahren",
        "in den letzten",
        "16 Organisationen",
        "A/RES/47/4",
        "Q3",
        "März",
        "15.",
        "Mitglieder",
        "between",
        "and",
        "the following year",
        "1990er",
        ",",
        ".",
    ]
)


@given(st.lists(_PIECES | st.text(max_size=6), max_size=14).map(" ".join))
def test_spans_are_exact_ordered_and_disjoint(text: str) -> None:
    found: list[TimeExpression] = find_time_expressions(text)
    previous_end = 0
    for expr in found:
        assert text[expr.start : expr.end] == expr.text
        assert expr.start >= previous_end
        assert expr.end > expr.start
        previous_end = expr.end
        if expr.relation is Relation.UNANCHORED:
            assert expr.value is None and expr.until is None
        if expr.relation is Relation.UNTIL:
            assert expr.value is None and expr.until is not None


@pytest.mark.parametrize(
    "text", ["Stand 2023 gehörten ihm neun an.", "Zum Stand März 2023 waren es neun."]
)
def test_an_observation_date_is_no_start(text: str) -> None:
    (expr,) = find_time_expressions(text, "de")
    assert expr.relation is Relation.OBSERVED and expr.value is not None
    assert expr.value.year == 2023


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Die Generalversammlung schuf es im Dezember desselben Jahres.", "de", "1972-12"),
        ("Sie billigte es im September jenes Jahres.", "de", "1972-09"),
        ("It was approved in December of that year.", "en", "1972-12"),
    ],
)
def test_a_month_of_the_year_just_named(text: str, lang: str, value: str) -> None:
    from orgraph.fuzzydate import FuzzyDate

    (expr,) = find_time_expressions(text, lang, FuzzyDate(1972))
    assert expr.value is not None and expr.value.edtf == value
