"""Valid-time intervals of claims, and the three-valued as-of check (SPEC §3).

An interval has a start (a fuzzy date, or unknown) and an end that is one of:
a fuzzy date; `ongoing` (the source presents the relation as still holding);
`ended` (it ended, nobody said when); or `unknown` (nothing is known about an
end). "Still ongoing" and "end unknown" are deliberately different values.

A relation holds on day d when start ≤ d ≤ end. Asked about a period [a, b]
(a year, a month, a day), the answer is:
  yes        – some day of the period is certainly inside the interval;
  no         – every day of the period is certainly outside it;
  uncertain  – neither: the period touches a bound's window of uncertainty,
               or the interval lacks the information.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from orgraph.errors import InvalidClaim
from orgraph.fuzzydate import MAX_DATE, MIN_DATE, FuzzyDate
from orgraph.reasons import Fact, explain


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNCERTAIN = "uncertain"

    @property
    def rank(self) -> int:
        return {"no": 0, "uncertain": 1, "yes": 2}[self.value]


class EndState(StrEnum):
    DATED = "dated"
    ONGOING = "ongoing"
    ENDED = "ended"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verdict:
    """An answer and why: a reason key of `lexicon/reasons.toml` with its facts."""

    answer: Answer
    why: str
    facts: dict[str, Fact] = field(default_factory=dict, compare=False)

    def explain(self, lang: str = "en") -> str:
        return explain(self.why, self.facts, lang)

    @property
    def reason(self) -> str:
        return self.explain("en")


@dataclass(frozen=True)
class Interval:
    """When a claim holds: a fuzzy start and an end of one of four kinds."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    end_state: EndState = EndState.ONGOING
    # What the sources can vouch for (SPEC §3): an ongoing relation is certain only up to the
    # latest as-of date of its sources, and uncertain after it. Derived when read, never stored.
    attested: FuzzyDate | None = field(default=None, compare=False)
    attested_by: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.end is not None and self.end_state is not EndState.DATED:
            object.__setattr__(self, "end_state", EndState.DATED)
        if self.end is None and self.end_state is EndState.DATED:
            raise InvalidClaim("a dated end needs a date")
        if self.start and self.end and self.end.upper < self.start.lower:
            raise InvalidClaim(f"end {self.end} is before start {self.start}")

    # The windows in which the relation began / ended (inclusive days).
    def start_window(self) -> tuple[date, date]:
        return self.start.bounds if self.start is not None else (MIN_DATE, MAX_DATE)

    def end_window(self) -> tuple[date, date]:
        if self.end is not None:
            return self.end.bounds
        if self.end_state is EndState.ONGOING:
            return (self.attested.lower if self.attested else MAX_DATE), MAX_DATE
        start_lower = self.start_window()[0]
        return start_lower, MAX_DATE  # ended at some unknown time, or nothing known

    def check(
        self, first: date, last: date | None = None, asked: FuzzyDate | date | None = None
    ) -> Verdict:
        """Does the interval hold on some day of [first, last]? Three-valued, with the reason.

        `asked` is the date as the question put it (for the reason's words)."""
        last = last or first
        s_low, s_high = self.start_window()
        e_low, e_high = self.end_window()
        facts: dict[str, Fact] = {"asked": asked or (first if first == last else f"{first}–{last}")}
        if self.start is not None:
            facts["start"] = self.start
        if self.end is not None:
            facts["end"] = self.end
        if last < s_low:
            return Verdict(Answer.NO, "before_start", facts)
        if first > e_high:
            return Verdict(Answer.NO, "after_end", facts)
        if self.start is None:
            return Verdict(Answer.UNCERTAIN, "no_start", facts)
        if max(first, s_high) <= min(last, e_low):
            return Verdict(Answer.YES, "within_until" if self.end else "within", facts)
        if last < s_high:
            return Verdict(
                Answer.UNCERTAIN, "start_window", {**facts, "low": s_low, "high": s_high}
            )
        if self.end_state is EndState.ENDED:
            return Verdict(Answer.UNCERTAIN, "ended_no_date", facts)
        if self.end_state is EndState.UNKNOWN:
            return Verdict(Answer.UNCERTAIN, "end_unknown", facts)
        if self.end_state is EndState.ONGOING and self.attested is not None:
            return Verdict(
                Answer.UNCERTAIN,
                "unattested",
                {**facts, "attested": self.attested, "by": self.attested_by},
            )
        return Verdict(Answer.UNCERTAIN, "end_window", {**facts, "low": e_low, "high": e_high})

    def check_date(self, at: FuzzyDate | date) -> Verdict:
        if isinstance(at, date):
            return self.check(at, asked=at)
        return self.check(*at.asked_period(), asked=at)

    def _start_text(self) -> str:
        if self.start is None:
            return "unknown start"
        return f"since {self.start.text or self.start}"

    def _end_text(self) -> str:
        if self.end is not None:
            return f"until {self.end.text or self.end}"
        return {
            EndState.ONGOING: "ongoing",
            EndState.ENDED: "ended, date unknown",
            EndState.UNKNOWN: "end unknown",
        }[self.end_state]

    def describe(self) -> str:
        return f"{self._start_text()}, {self._end_text()}"
