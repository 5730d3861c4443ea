"""Which date governs a claim, and the interval it gives."""

from __future__ import annotations

import re
from functools import cache

from orgraph.interval import EndState, Interval
from orgraph.names import fold
from orgraph.pipeline.lexicon import lexicon
from orgraph.pipeline.timeexpr import Relation, TimeExpression


def interval_of(expr: TimeExpression | None) -> Interval:
    if expr is None:
        return Interval()
    if expr.relation is Relation.UNTIL:
        return Interval(None, expr.until, EndState.DATED)
    if expr.relation is Relation.RANGE:
        return Interval(expr.value, expr.until, EndState.DATED)
    return Interval(expr.value)


_RELATIVE = re.compile(r",\s+(?:der|die|das|dem|den|deren|dessen|which|who|whose)\b")


def in_force_date(times: list[TimeExpression], anchor: int, text: str) -> TimeExpression | None:
    """The date the instrument named at `anchor` took effect, when its sentence says so ("ist
    seit dem 1. Januar 1986 in Kraft", "entered into force on 21 March 1994"): the agreement
    holds from then, not from its approval or signature. Only the first such date after the
    instrument, with no other instrument between ("… mit UNICEF, das 1997 in Kraft trat, und
    1999 eines mit der FAO")."""
    for t in times:
        if t.relation is Relation.UNANCHORED or t.start < anchor:
            continue
        near = fold(text[max(anchor, t.start - 30) : t.end + 30])
        if _in_force().search(near):
            return t
    return None


@cache
def _in_force() -> re.Pattern[str]:
    marks = sorted(lexicon().words["in_force_marks"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(m) for m in marks) + r")\b")


def governing_date(
    times: list[TimeExpression], anchor: int, text: str = ""
) -> TimeExpression | None:
    """The date that governs a trigger: the nearest one before it in the sentence, else the nearest after.

    German puts the date before the verb ("Anfang 2006 wurde … erweitert"); a date after a
    trigger is often in a later clause ("…, which became operational in April 2011").
    """
    dated = [t for t in times if t.relation is not Relation.UNANCHORED]

    def clause_gap(a: int, b: int) -> bool:  # a comma or semicolon outside parentheses between them
        between = re.sub(r"\([^()]*\)", "", text[a:b])
        return "," in between or ";" in between

    # A date in the trigger's own clause wins: "Die IOM, die 1951 gegründet wurde, trat im
    # September 2016 … bei" is dated 2016.
    own = [t for t in dated if not clause_gap(min(t.end, anchor), max(t.start, anchor))]
    if own:
        return min(own, key=lambda t: abs(t.start - anchor))
    before = [t for t in dated if t.end <= anchor and ";" not in text[t.end : anchor]]
    if before:
        return before[-1]

    # A relative clause right after the trigger's phrase still speaks of it ("der Beobachterstatus
    # in der X, den die IOM 1992 erhielt"); one hanging off a later apposition does not
    # ("löste … die Wiener Gruppe ab, einen Verbund von Agenturen, der seit 1997 bestanden hatte").
    def hanging(between: str) -> bool:
        between = re.sub(r"\([^()]*\)", "", between)  # commas inside "(…, ERC)" do not count
        return bool(_RELATIVE.search(between)) and between.count(",") >= 2

    after = [t for t in dated if not hanging(text[anchor : t.start])]
    return min(after, key=lambda t: abs(t.start - anchor), default=None)
