"""Dates of a question: points and periods from the temporal tagger, plus the words it leaves
to the caller ("vor"/"before", "nach"/"after", "Stand"/"as of", "heute"/"today")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from orgraph.errors import InvalidDate
from orgraph.fuzzydate import FuzzyDate, Precision
from orgraph.names import fold
from orgraph.pipeline.timeexpr import Relation, TimeExpression, find_time_expressions, parse_date
from orgraph.qa.words import CannotParse, any_match, compiled, patterns

# A year with START/MID/END asks about that third of the year (SPEC §3 windows):
# the EDTF codes 37–39 name the thirds, so the query sees the right period.
_YEAR_THIRDS = {"START": 37, "MID": 38, "END": 39}


@dataclass(frozen=True)
class When:
    """A date of the question: a point, or the ends of a period (either may be open)."""

    relation: str  # at | range | since | until | before | after
    value: FuzzyDate | None
    until: FuzzyDate | None
    text: str


def _question_date(value: FuzzyDate) -> FuzzyDate:
    if (
        value.precision is Precision.YEAR
        and value.mod is not None
        and value.mod.value in _YEAR_THIRDS
    ):
        return FuzzyDate(value.year, _YEAR_THIRDS[value.mod.value], text=value.text)
    return value


def _word_before(text: str, start: int, words: list[str]) -> bool:
    head = fold(text[:start]).rstrip()
    return any(re.search(rf"(?<!\w){re.escape(fold(w))}\Z", head) for w in words)


# A day with a month name and a year: checked on its own so that an impossible one ("31 February
# 2006") is refused instead of silently dropped by the tagger.
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2}\.?\s+[A-Za-zÄÖÜäöüß]{3,}\.?\s+\d{4}|[A-Za-z]{3,}\.?\s+\d{1,2},?\s+\d{4})\b"
)


def find_dates(text: str, lang: str) -> list[When]:
    time_words = patterns()["time"]
    for candidate in _DAY_MONTH_YEAR.findall(text):
        try:
            parse_date(candidate)
        except InvalidDate as exc:
            if "does not exist" in str(exc):
                raise CannotParse(lang, "invalid_date", text=candidate) from None
    found = []
    for expr in find_time_expressions(text, lang):
        found.append(_when(text, expr, time_words, lang))
    return found


def _when(text: str, expr: TimeExpression, time_words: dict[str, Any], lang: str) -> When:
    if expr.relation is Relation.UNANCHORED:
        raise CannotParse(lang, "unanchored", text=expr.text)
    value = _question_date(expr.value) if expr.value is not None else None
    until = _question_date(expr.until) if expr.until is not None else None
    if expr.relation is Relation.AT and value is not None:
        # Answers repeat the question's words: "im Dezember 2007", "at the end of 2010".
        value = replace(value, text=expr.text)
    if expr.relation is Relation.OBSERVED or (
        expr.relation is Relation.SINCE and _as_of(expr.text)
    ):
        # "Stand April 2010", "as of April 2010": the state at that date, not a period.
        value = replace(value, text=expr.text) if value is not None else None
        return When("at", value, None, expr.text)
    if expr.relation is Relation.AT and _word_before(text, expr.start, time_words["before"]):
        return When("before", None, value, expr.text)
    if expr.relation is Relation.AT and _word_before(text, expr.start, time_words["after"]):
        return When("after", value, None, expr.text)
    return When(expr.relation.value, value, until, expr.text)


def _as_of(words: str) -> bool:
    lowered = words.casefold()
    return any(lowered.startswith(w) for w in patterns()["time"]["as_of"])


def asks_today(text: str) -> bool:
    return any_match(compiled(patterns()["time"]["today"]), text.casefold())


def one_date(dates: list[When], lang: str, today: bool) -> FuzzyDate | date | None:
    if not dates:
        return date.today() if today else None
    if len(dates) > 1 or dates[0].relation != "at" or dates[0].value is None:
        raise CannotParse(lang, "one_date")
    return dates[0].value


def period(dates: list[When], lang: str) -> tuple[FuzzyDate | date, FuzzyDate | date]:
    """The period of a "joined between" question: a range, one date, since, before, after."""
    if len(dates) == 2 and all(d.relation == "at" and d.value is not None for d in dates):
        first, last = dates[0].value, dates[1].value
        assert first is not None and last is not None
        return first, last
    if len(dates) != 1:
        raise CannotParse(lang, "no_date")
    when = dates[0]
    if when.relation == "range" and when.value is not None and when.until is not None:
        return when.value, when.until
    if when.relation == "at" and when.value is not None:
        return when.value, when.value
    if when.relation in ("since", "after") and when.value is not None:
        start: FuzzyDate | date = when.value
        if when.relation == "after":
            start = when.value.period()[1] + timedelta(days=1)
        return start, date.today()
    if when.relation in ("until", "before") and when.until is not None:
        end: FuzzyDate | date = when.until
        if when.relation == "before":
            end = when.until.period()[0] - timedelta(days=1)
        return date.min, end
    raise CannotParse(lang, "no_date")
