"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from orgraph.fuzzydate import SUBYEAR_MONTHS, FuzzyDate, Modifier


@st.composite
def fuzzy_dates(draw: st.DrawFn, min_year: int = 1, max_year: int = 9998) -> FuzzyDate:
    """Any valid fuzzy date: year, sub-year period, month or day, with or without a modifier."""
    year = draw(st.integers(min_year, max_year))
    shape = draw(st.sampled_from(["year", "subyear", "month", "day"]))
    month = day = None
    if shape == "subyear":
        month = draw(st.sampled_from(sorted(SUBYEAR_MONTHS)))
    elif shape in ("month", "day"):
        month = draw(st.integers(1, 12))
    if shape == "day":
        assert month is not None
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    mod = draw(st.sampled_from([None, *Modifier]))
    return FuzzyDate(year, month, day, mod, draw(st.booleans()))
