"""Fuzzy dates: a point in time kept exactly as precise as the source said it.

A year stays a year ("1992" never becomes 1992-01-01). Each value knows its
precision, an optional modifier, and derived lower/upper bounds (both inclusive).

Modifier windows are fixed (SPEC §3): START/MID/END are the first, middle and
last third of the period. For periods of whole months divisible by three the
thirds are cut at month boundaries (a year: Jan–Apr, May–Aug, Sep–Dec); a month
is cut at days 10 and 20; other periods are cut by day count. APPROX ("um",
"circa", EDTF "~") and EDTF uncertainty ("?") widen the bounds by one unit of
the precision on each side, because the source itself does not vouch for the
value.

Sub-year periods use the EDTF level-2 codes in the month slot: 21–24 seasons
(spring, summer, autumn, winter; northern meteorological seasons, winter
running December to February), 33–36 quarters, 37–39 thirds of a year,
40–41 halves.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property
from typing import Any

from orgraph.errors import InvalidDate


class Precision(StrEnum):
    YEAR = "year"
    SUBYEAR = "subyear"  # season, quarter, third or half of a year
    MONTH = "month"
    DAY = "day"

    @property
    def wikidata(self) -> int:
        """Wikidata's precision code (9 year, 10 month, 11 day); sub-year periods count as year."""
        return {"year": 9, "subyear": 9, "month": 10, "day": 11}[self.value]


class Modifier(StrEnum):
    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"


# EDTF sub-year code → (first month, number of months).
SUBYEAR_MONTHS: dict[int, tuple[int, int]] = {
    21: (3, 3),
    22: (6, 3),
    23: (9, 3),
    24: (12, 3),
    33: (1, 3),
    34: (4, 3),
    35: (7, 3),
    36: (10, 3),
    37: (1, 4),
    38: (5, 4),
    39: (9, 4),
    40: (1, 6),
    41: (7, 6),
}

_MOD_WORDS = {Modifier.START: "early", Modifier.MID: "mid", Modifier.END: "late"}
_WORD_MODS = {
    "early": Modifier.START,
    "start": Modifier.START,
    "mid": Modifier.MID,
    "late": Modifier.END,
    "end": Modifier.END,
}
_EDTF = re.compile(r"^(?P<y>-?\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%]?)$")


def shown(edtf: str, text: str = "") -> str:
    """A date as the source said it, with its value where the words alone do not say it:
    "1992 (im selben Jahr)", "Anfang 2006"."""
    if not text:
        return edtf
    return text if edtf[:4] in text else f"{edtf} ({text})"


MIN_DATE = date.min
MAX_DATE = date.max


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A date at year, sub-year, month or day precision, with an optional modifier."""

    year: int
    month: int | None = None
    day: int | None = None
    mod: Modifier | None = None
    uncertain: bool = False
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9998:
            raise InvalidDate(f"year {self.year} is outside 1..9998")
        if self.month is not None and not (1 <= self.month <= 12 or self.month in SUBYEAR_MONTHS):
            raise InvalidDate(f"month {self.month} does not exist")
        if self.day is not None:
            if self.month is None or self.month > 12:
                raise InvalidDate("a day needs a calendar month")
            if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
                raise InvalidDate(f"{self.year:04d}-{self.month:02d}-{self.day:02d} does not exist")
        if self.mod is not None and not isinstance(self.mod, Modifier):
            object.__setattr__(self, "mod", Modifier(self.mod))

    # -- derived ---------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is None:
            return Precision.YEAR
        return Precision.MONTH if self.month <= 12 else Precision.SUBYEAR

    @property
    def edtf(self) -> str:
        """The EDTF value: `1992`, `2003-04`, `2007-11-19`, `2006-21`, `2006?`, `1995~`."""
        value = f"{self.year:04d}"
        if self.month is not None:
            value += f"-{self.month:02d}"
        if self.day is not None:
            value += f"-{self.day:02d}"
        approx = self.mod is Modifier.APPROX
        if self.uncertain and approx:
            return value + "%"
        if self.uncertain:
            return value + "?"
        return value + ("~" if approx else "")

    def period(self) -> tuple[date, date]:
        """The whole period the value names, before modifiers: (first day, last day)."""
        if self.day is not None and self.month is not None:
            d = date(self.year, self.month, self.day)
            return d, d
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.month <= 12:
            return date(self.year, self.month, 1), _month_end(self.year, self.month)
        first, count = SUBYEAR_MONTHS[self.month]
        end_year, end_month = _add_months(self.year, first, count - 1)
        return date(self.year, first, 1), _month_end(end_year, end_month)

    def asked_period(self) -> tuple[date, date]:
        """The days a question about this date covers: its third for early/mid/late, else the
        whole period named (a question "um 2006" asks about 2006, not about its doubt)."""
        if self.mod in (Modifier.START, Modifier.MID, Modifier.END):
            return self._third(*self.period())
        return self.period()

    @cached_property
    def bounds(self) -> tuple[date, date]:
        """Earliest and latest day the value allows (inclusive); computed once per value (every
        interval test and every stored row reads them)."""
        lower, upper = self.period()
        if self.mod in (Modifier.START, Modifier.MID, Modifier.END):
            lower, upper = self._third(lower, upper)
        if self.mod is Modifier.APPROX or self.uncertain:
            lower, upper = self._widen(lower, upper)
        return lower, upper

    @property
    def lower(self) -> date:
        return self.bounds[0]

    @property
    def upper(self) -> date:
        return self.bounds[1]

    def _third(self, lower: date, upper: date) -> tuple[date, date]:
        index = {Modifier.START: 0, Modifier.MID: 1, Modifier.END: 2}[self.mod]  # type: ignore[index]
        if self.precision is Precision.DAY:
            return lower, upper
        if self.precision is Precision.MONTH:
            cuts = [(1, 10), (11, 20), (21, upper.day)][index]
            return lower.replace(day=cuts[0]), lower.replace(day=cuts[1])
        months = (upper.year - lower.year) * 12 + upper.month - lower.month + 1
        if months % 3 == 0:
            step = months // 3
            y0, m0 = _add_months(lower.year, lower.month, step * index)
            y1, m1 = _add_months(lower.year, lower.month, step * (index + 1) - 1)
            return date(y0, m0, 1), _month_end(y1, m1)
        days = (upper - lower).days + 1
        start = lower + timedelta(days=round(days * index / 3))
        end = lower + timedelta(days=round(days * (index + 1) / 3) - 1)
        return start, end

    def _widen(self, lower: date, upper: date) -> tuple[date, date]:
        # Widening stops at the edges of the calendar (year 1, year 9999).
        precision = self.precision
        if precision is Precision.DAY:
            early = lower - timedelta(days=1) if lower > MIN_DATE else lower
            late = upper + timedelta(days=1) if upper < MAX_DATE else upper
            return early, late
        if precision is Precision.YEAR:
            return (
                date(max(lower.year - 1, 1), 1, 1),
                date(min(upper.year + 1, 9999), 12, 31),
            )
        y0, m0 = _add_months(lower.year, lower.month, -1)
        y1, m1 = _add_months(upper.year, upper.month, 1)
        first = date(y0, m0, 1) if y0 >= 1 else MIN_DATE
        return first, _month_end(y1, m1) if y1 <= 9999 else MAX_DATE

    # -- text forms --------------------------------------------------------------

    def __str__(self) -> str:
        """Canonical text: the EDTF value, preceded by early/mid/late where a third is meant."""
        word = _MOD_WORDS.get(self.mod) if self.mod else None
        return f"{word} {self.edtf}" if word else self.edtf

    @classmethod
    def parse(cls, value: str) -> FuzzyDate:
        """Parse the canonical text form (`1992`, `2003-04`, `early 2006`, `1995~`, `2006?`).

        Natural-language dates ("Anfang 2006", "March 2006") are the temporal tagger's job
        (`orgraph.pipeline.timeexpr.parse_date`), which also accepts these forms.
        """
        raw = value
        text = value.strip()
        mod: Modifier | None = None
        head, _, rest = text.partition(" ")
        if rest and head.lower() in _WORD_MODS:
            mod = _WORD_MODS[head.lower()]
            text = rest.strip()
        match = _EDTF.match(text)
        if not match:
            raise InvalidDate(f"cannot read date {raw!r} (expected e.g. 1992, 2003-04, 2007-11-19)")
        qualifier = match["q"]
        if qualifier in ("~", "%"):
            if mod is not None:
                raise InvalidDate(f"date {raw!r} has two modifiers")
            mod = Modifier.APPROX
        return cls(
            year=int(match["y"]),
            month=int(match["m"]) if match["m"] else None,
            day=int(match["d"]) if match["d"] else None,
            mod=mod,
            uncertain=qualifier in ("?", "%"),
            text=raw,
        )

    @classmethod
    def from_date(cls, day: date, text: str = "") -> FuzzyDate:
        return cls(day.year, day.month, day.day, text=text or day.isoformat())

    def to_json(self) -> dict[str, Any]:
        """The export shape: `{"edtf","text","lower","upper","precision","mod"}`."""
        return {
            "edtf": self.edtf,
            "text": self.text or str(self),
            "lower": self.lower.isoformat(),
            "upper": self.upper.isoformat(),
            "precision": self.precision.value,
            "mod": self.mod.value if self.mod else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FuzzyDate:
        parsed = cls.parse(str(data["edtf"]))
        mod = data.get("mod")
        if mod and mod != "APPROX":
            parsed = cls(parsed.year, parsed.month, parsed.day, Modifier(mod), parsed.uncertain)
        return cls(
            parsed.year,
            parsed.month,
            parsed.day,
            parsed.mod,
            parsed.uncertain,
            data.get("text") or "",
        )

    def matches_at_precision(self, gold: FuzzyDate) -> bool:
        """True when this date agrees with `gold` at gold's precision (evaluation rule, SPEC §6)."""
        if self.year != gold.year:
            return False
        if gold.month is not None and self.month != gold.month:
            return False
        if gold.day is not None and self.day != gold.day:
            return False
        return gold.mod is None or gold.mod == self.mod
