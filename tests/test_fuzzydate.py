from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given

from orgraph.errors import InvalidDate
from orgraph.fuzzydate import FuzzyDate, Modifier, Precision
from orgraph.interval import Answer, EndState, Interval
from tests.strategies import fuzzy_dates


@given(fuzzy_dates(1800, 2100))
def test_print_parse_round_trip(value: FuzzyDate) -> None:
    assert FuzzyDate.parse(str(value)) == value


@given(fuzzy_dates(1800, 2100))
def test_json_round_trip(value: FuzzyDate) -> None:
    assert FuzzyDate.from_json(value.to_json()) == value


@given(fuzzy_dates(1800, 2100))
def test_bounds_contain_every_day_the_value_allows(value: FuzzyDate) -> None:
    lower, upper = value.bounds
    assert lower <= upper
    if value.mod in (Modifier.START, Modifier.MID, Modifier.END):
        allowed = FuzzyDate(value.year, value.month, value.day, value.mod).bounds
    else:
        allowed = value.period()
    # Every day the value allows lies within the bounds; only doubt widens them.
    assert lower <= allowed[0] and allowed[1] <= upper
    if value.mod is not Modifier.APPROX and not value.uncertain:
        assert (lower, upper) == allowed
        assert allowed[0] >= value.period()[0] and allowed[1] <= value.period()[1]


@given(fuzzy_dates(1800, 2100))
def test_thirds_partition_the_period(value: FuzzyDate) -> None:
    if value.precision is Precision.DAY:
        return
    thirds = [
        FuzzyDate(value.year, value.month, None, mod).bounds
        for mod in (Modifier.START, Modifier.MID, Modifier.END)
    ]
    first, last = value.period()
    assert thirds[0][0] == first and thirds[2][1] == last
    assert thirds[0][1] + timedelta(days=1) == thirds[1][0]
    assert thirds[1][1] + timedelta(days=1) == thirds[2][0]


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("1992", date(1992, 1, 1), date(1992, 12, 31), Precision.YEAR),
        ("2003-04", date(2003, 4, 1), date(2003, 4, 30), Precision.MONTH),
        ("2007-11-19", date(2007, 11, 19), date(2007, 11, 19), Precision.DAY),
        ("early 2006", date(2006, 1, 1), date(2006, 4, 30), Precision.YEAR),
        ("mid 2006", date(2006, 5, 1), date(2006, 8, 31), Precision.YEAR),
        ("late 2010", date(2010, 9, 1), date(2010, 12, 31), Precision.YEAR),
        ("early 2003-02", date(2003, 2, 1), date(2003, 2, 10), Precision.MONTH),
        ("2006?", date(2005, 1, 1), date(2007, 12, 31), Precision.YEAR),
        ("1995~", date(1994, 1, 1), date(1996, 12, 31), Precision.YEAR),
        ("2011-21", date(2011, 3, 1), date(2011, 5, 31), Precision.SUBYEAR),
        ("2009-35", date(2009, 7, 1), date(2009, 9, 30), Precision.SUBYEAR),
        ("2010-24", date(2010, 12, 1), date(2011, 2, 28), Precision.SUBYEAR),
    ],
)
def test_bounds(text: str, lower: date, upper: date, precision: Precision) -> None:
    value = FuzzyDate.parse(text)
    assert value.bounds == (lower, upper)
    assert value.precision is precision


def test_a_year_never_becomes_the_first_of_january() -> None:
    value = FuzzyDate.parse("1992")
    assert value.edtf == "1992" and value.to_json()["precision"] == "year"


@pytest.mark.parametrize(
    "text", ["2023-02-30", "2023-13", "92", "", "soon", "2006-00", "early early 2006", "0000"]
)
def test_impossible_or_malformed_dates_raise(text: str) -> None:
    with pytest.raises(InvalidDate):
        FuzzyDate.parse(text)


EARLY_2006 = Interval(FuzzyDate.parse("early 2006"))


@pytest.mark.parametrize(
    ("at", "answer"),
    [
        (date(2006, 3, 15), Answer.UNCERTAIN),
        (date(2006, 12, 15), Answer.YES),
        (date(2005, 12, 31), Answer.NO),
        (date(2006, 5, 1), Answer.YES),
    ],
)
def test_three_valued_check_on_early_2006(at: date, answer: Answer) -> None:
    verdict = EARLY_2006.check(at)
    assert verdict.answer is answer
    assert verdict.reason


def test_a_period_counts_when_some_day_is_certain() -> None:
    assert EARLY_2006.check_date(FuzzyDate.parse("2005")).answer is Answer.NO
    assert EARLY_2006.check_date(FuzzyDate.parse("2006")).answer is Answer.YES
    assert EARLY_2006.check_date(FuzzyDate.parse("2006-03")).answer is Answer.UNCERTAIN


def test_ongoing_and_unknown_end_differ() -> None:
    start = FuzzyDate.parse("2003-04")
    later = date(2020, 1, 1)
    assert Interval(start, end_state=EndState.ONGOING).check(later).answer is Answer.YES
    assert Interval(start, end_state=EndState.UNKNOWN).check(later).answer is Answer.UNCERTAIN
    assert Interval(start, end_state=EndState.ENDED).check(later).answer is Answer.UNCERTAIN
    ended = Interval(start, FuzzyDate.parse("2010"))
    assert ended.check(date(2011, 6, 1)).answer is Answer.NO
    assert ended.check(date(2010, 6, 1)).answer is Answer.UNCERTAIN
    assert ended.check(date(2009, 6, 1)).answer is Answer.YES


def test_unknown_start_is_never_certain() -> None:
    assert Interval().check(date(2000, 1, 1)).answer is Answer.UNCERTAIN


@given(fuzzy_dates(1800, 2100), fuzzy_dates(1800, 2100))
def test_end_before_start_is_refused(a: FuzzyDate, b: FuzzyDate) -> None:
    if b.upper < a.lower:
        with pytest.raises(Exception, match="before start"):
            Interval(a, b)
    elif a.upper < b.lower:
        Interval(a, b)
