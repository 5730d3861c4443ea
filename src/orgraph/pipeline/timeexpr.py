"""Temporal tagger: time expressions in German and English prose (SPEC §3, §4.3).

`find_time_expressions` returns every time expression of a text with its character span,
how it relates to the claim it will date (AT, SINCE, UNTIL, RANGE, UNANCHORED), and
FuzzyDates that keep the surface text. `parse_date` reads one whole string as one date
(CLI and question input).

Design, for speed over large corpora: every word list lives in `lexicon/time.toml` and is
compiled once, at import, into one main regex with three top-level alternatives -- DT
(prepositions + one date, or two for a range), REL (relative years: "im selben Jahr") and
VAG (vague spans: "in den letzten Jahren"). A sentence costs one cheap prefilter search
and at most one `finditer`; Python code runs per match, never per word. The date pattern
occurs twice in DT (both ends of a range), so `_date_pattern(tag)` generates it with
tag-prefixed group names: Python's `re` forbids repeating a group name.

Both languages are always matched: German documents quote English names and vice versa,
and no word in the lexicon means different things in the two languages.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib.resources import files
from typing import Any

from orgraph.errors import InvalidDate
from orgraph.fuzzydate import FuzzyDate, Modifier


class Relation(StrEnum):
    AT = "at"
    SINCE = "since"
    UNTIL = "until"
    RANGE = "range"
    OBSERVED = "observed"  # "Stand 2023": holds then, began at some earlier time
    UNANCHORED = "unanchored"


@dataclass(frozen=True)
class TimeExpression:
    """One time expression; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    relation: Relation
    value: FuzzyDate | None  # the point, the start of a range, the since-date
    until: FuzzyDate | None = None  # the end of a RANGE or UNTIL


# -- lexicon -------------------------------------------------------------------------------


def _load() -> dict[str, Any]:
    # importlib.resources, not a path next to __file__, so it also works from a wheel/zip.
    resource = files("orgraph").joinpath("lexicon").joinpath("time.toml")
    return tomllib.loads(resource.read_text(encoding="utf-8"))


_LEX = _load()
_PREP: dict[str, list[str]] = _LEX["prepositions"]
_REL_LEX: dict[str, Any] = _LEX["relative"]


def _key(text: str) -> str:
    """Lookup key of a matched word or phrase: lower case, single spaces, no final dot."""
    return " ".join(text.lower().split()).rstrip(".")


def _alt(words: Iterable[str], optional_dot: bool = False) -> str:
    """A non-capturing alternation, longest first; a space matches any whitespace."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        pattern = r"\s+".join(re.escape(token) for token in word.split())
        parts.append(pattern + "?" if optional_dot and word.endswith(".") else pattern)
    return "(?:" + "|".join(parts) + ")"


def _ci(pattern: str) -> str:
    """Case-insensitive group: "Im"/"im", "Early"/"early" at sentence start or not."""
    return f"(?i:{pattern})"


def _index(table: dict[str, list[str]]) -> dict[str, int]:
    return {_key(word): int(number) for number, words in table.items() for word in words}


_MONTHS = _index(_LEX["months"])
_SEASONS = _index(_LEX["seasons"])
_ORDINALS = _index(_LEX["ordinals"])
_MODS = {_key(w): Modifier(name) for name, ws in _LEX["modifiers"].items() for w in ws}
_NUMBERS: dict[str, int] = {_key(word): value for word, value in _LEX["numbers"].items()}
_SINCE = {_key(w) for w in _PREP["since"]}
_UNTIL = {_key(w) for w in _PREP["until"]}
_AT = {_key(w) for w in _PREP["at"]}
_OBSERVED = {_key(w) for w in _PREP["observed"]}
_FIXED = {_key(p): int(v) for p, v in _REL_LEX["fixed"].items()}
_WITH_MOD = {_key(p): int(v) for p, v in _REL_LEX["with_modifier"].items()}
_LATER = {_key(w) for w in _REL_LEX["counted"]["later"]}
# Decade thirds ("Anfang der 1990er Jahre" → 1990..1993), as year offsets.
_DECADE_PARTS = {Modifier.START: (0, 3), Modifier.MID: (4, 6), Modifier.END: (7, 9)}

# -- patterns ------------------------------------------------------------------------------

# Months stay case-sensitive so the verbs "may"/"march" are no months.
_MONTH = _alt((w for ws in _LEX["months"].values() for w in ws), optional_dot=True) + r"(?!\w)"
_SEASON = _ci(_alt(w for ws in _LEX["seasons"].values() for w in ws)) + r"(?!\w)"
_ORD = _ci(_alt(w for ws in _LEX["ordinals"].values() for w in ws))
_QUARTER = _ci(_alt(_LEX["periods"]["quarter"]))
_HALF = _ci(_alt(_LEX["periods"]["half"]))
_MOD = _ci(_alt(w for ws in _LEX["modifiers"].values() for w in ws))
_OF = _ci(_alt(_PREP["of_year"]))
_ART = _ci(_alt(_PREP["articles"]))
_YEARW = _ci(_alt(_PREP["year_words"]))
_PRE = _ci(
    _alt(_PREP["at"] + _PREP["since"] + _PREP["until"] + _PREP["range_from"] + _PREP["observed"])
)
_BETWEEN = _ci(_alt(_PREP["between"]))
_TO = _ci(_alt(_PREP["range_to"]))
_AND = _ci(_alt(_PREP["range_and"]))
_ONWARDS = _ci(_alt(_PREP["onwards"]))
_NUM = _ci(rf"(?:[0-9]{{1,2}}|{_alt(_NUMBERS)})")
_COUNT = _ci(rf"(?:[0-9]{{1,2}}|{_alt([*_NUMBERS, *_LEX['vague']['counts']])})")
_DASH = r"[–—-]"
# A year must not continue into an identifier or a number: "2005/06", "2005,5", "2005er",
# "9001:2015" are no years ("1990er" is caught by the decade branch first).
_YEAR_END = r"(?![\w/]|[.,:][0-9])"
# "1990er Jahre", "1990er-Jahren", "1990ern"; the two-digit form only in German ("90er").
_DEC_TAIL = r"(?:n|(?:\s+|-)Jahren?|-Jahrzehnts?)?"


def _date_pattern(t: str) -> str:
    """One date, optionally modified; every group name starts with the tag `t`."""
    period = "|".join(
        (
            rf"(?P<{t}d>[0-9]{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?P<{t}m>{_MONTH})",
            rf"(?P<{t}m2>{_MONTH})\s+(?P<{t}d2>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9]),?",
            rf"(?P<{t}m3>{_MONTH})",
            rf"(?P<{t}s>{_SEASON})",
            rf"(?:(?P<{t}qo>{_ORD})\s+|(?P<{t}qd>[1-4])\.\s*){_QUARTER}",
            rf"(?:(?P<{t}ho>{_ORD})\s+|(?P<{t}hd>[12])\.\s*){_HALF}",
            rf"[Qq](?P<{t}qq>[1-4])",
            rf"[Hh](?P<{t}hh>[12])",
        )
    )
    return (
        rf"(?P<{t}>(?:(?P<{t}mod>{_MOD})(?:\s+|-)(?:{_OF}\s+)?)?(?:"
        rf"(?P<{t}iy>[0-9]{{4}})-(?P<{t}im>0[1-9]|1[0-2])(?:-(?P<{t}id>[0-9]{{2}}))?"
        rf"|(?P<{t}nd>[0-9]{{1,2}})\.(?P<{t}nm>[0-9]{{1,2}})\.(?P<{t}ny>[0-9]{{4}})"
        rf"|(?:{_ci('den|der|die|the')}\s+)?(?:(?P<{t}dec>1[89][0-9]0|20[0-9]0)"
        rf"(?:er{_DEC_TAIL}|'?s)|(?P<{t}dec2>[3-9]0)er{_DEC_TAIL})"
        rf"|(?:{period})(?:\s*/\s*|\s+(?:{_OF}\s+)?)(?P<{t}y>[0-9]{{4}})"
        # A bare number is a year only in 1800–2099.
        rf"|(?P<{t}by>1[89][0-9]{{2}}|20[0-9]{{2}})"
        rf"){_YEAR_END})"
    )


# Preposition (+ article + "Jahr") in front of a date: "bis zum Jahr 2010".
_LEAD = rf"(?:{_ART}\s+)?(?:{_YEARW}\s+)?"
_DT = (
    rf"(?P<DT>(?<![\w/.:\-])(?:(?:(?P<btw>{_BETWEEN})|(?P<pre>{_PRE}))\s+{_LEAD})?"
    + _date_pattern("a")
    # Second end: "zwischen … und …" only after "zwischen"/"between"; dash or "bis" always.
    + rf"(?:(?(btw)(?:\s+{_AND}\s+|\s*{_DASH}\s*)|(?:\s*{_DASH}\s*|\s+{_TO}\s+)){_LEAD}"
    + _date_pattern("b")
    + rf"|{_DASH}(?P<sy>[0-9]{{2}}){_YEAR_END})?(?P<onw>\s+{_ONWARDS}(?!\w))?)"
)
_RYEAR = _ci(_alt(_REL_LEX["counted"]["year_words"]))
_DIRECTION = _ci(_alt(_REL_LEX["counted"]["later"] + _REL_LEX["counted"]["earlier"]))
_REL = (
    rf"(?P<REL>(?<!\w)(?:(?P<rmod>{_MOD})\s+(?P<rwm>{_ci(_alt(_REL_LEX['with_modifier']))})"
    # "im Dezember desselben Jahres", "in December of that year"
    rf"|(?P<rmonth>{_MONTH})\s+(?P<rwm2>{_ci(_alt(_REL_LEX['with_modifier']))})"
    rf"|(?P<rfix>{_ci(_alt(_REL_LEX['fixed']))})"
    rf"|(?P<rn>{_NUM})\s+{_RYEAR}\s+(?P<rdir>{_DIRECTION})"
    rf"|{_ci(_alt(_REL_LEX['counted']['after']))}\s+(?P<rn2>{_NUM})\s+{_RYEAR})(?!\w))"
)


def _phrase(template: str) -> str:
    """A vague phrase: words, "{n}" a count, "{n?}" an optional count."""
    out = ""
    for token in template.split():
        if token == "{n?}":
            out += rf"(?:{_COUNT}\s+)?"  # glued to the next word, which follows the count
        else:
            out += (_COUNT if token == "{n}" else _ci(re.escape(token))) + r"\s+"
    return out.removesuffix(r"\s+")


_VAG = (
    r"(?P<VAG>(?<!\w)(?:"
    + "|".join(_phrase(p) for p in sorted(_LEX["vague"]["phrases"], key=len, reverse=True))
    + r")(?!\w))"
)
# `(?<!\w)` first: positions inside a word are rejected before any alternative is tried.
_MAIN = re.compile(rf"(?<!\w)(?:{_DT}|{_REL}|{_VAG})")
_SINGLE = re.compile(rf"\s*(?:{_ci(_alt(_PREP['at']))}\s+{_LEAD})?" + _date_pattern("a") + r"\s*")

_PREFILTER_WORDS: list[str] = _LEX["prefilter"]["words"]
_PREFILTER = re.compile(r"[0-9]|" + _ci(_alt(_PREFILTER_WORDS)))
for _phrase_text in [*_FIXED, *_WITH_MOD, *_LEX["vague"]["phrases"]]:
    # Every date needs a digit; phrases without one must carry a prefilter word.
    if not any(word in _phrase_text.lower() for word in _PREFILTER_WORDS):
        raise RuntimeError(f"time.toml: {_phrase_text!r} contains no prefilter word")

_BLOCK_BEFORE = re.compile(rf"(?<!\w){_alt(_LEX['block']['before'])}\s*\Z")
_BLOCK_AFTER = re.compile(
    rf"\s*{_ci(_alt(_LEX['block']['after']))}(?!\w)"
    # "2000 bis 3000 Mitglieder": a bare year followed by a non-year number is a quantity.
    rf"|\s*(?:{_TO}|{_AND}|{_DASH})\s*(?!(?:1[89]|20)[0-9]{{2}}(?![0-9]))[0-9]"
)

# -- building values -----------------------------------------------------------------------


def _ordinal(word: str) -> int:
    return int(word) if word.isdigit() else _ORDINALS[_key(word)]


def _month_and_day(m: re.Match[str], t: str) -> tuple[int | None, int | None]:
    g = m.group
    if g(t + "m"):
        return _MONTHS[_key(g(t + "m"))], int(g(t + "d"))
    if g(t + "m2"):
        return _MONTHS[_key(g(t + "m2"))], int(g(t + "d2"))
    if g(t + "m3"):
        return _MONTHS[_key(g(t + "m3"))], None
    if g(t + "s"):
        return _SEASONS[_key(g(t + "s"))], None
    if quarter := g(t + "qo") or g(t + "qd") or g(t + "qq"):
        return 32 + _ordinal(quarter), None  # EDTF 33–36
    if half := g(t + "ho") or g(t + "hd") or g(t + "hh"):
        return 39 + _ordinal(half), None  # EDTF 40–41
    return None, None


def _period(m: re.Match[str], t: str) -> tuple[FuzzyDate, FuzzyDate]:
    """The date of tag `t` as (first, last): equal, except for a decade (first/last year)."""
    g = m.group
    text = g(t)
    mod = _MODS[_key(g(t + "mod"))] if g(t + "mod") else None
    if g(t + "dec") or g(t + "dec2"):
        first = int(g(t + "dec")) if g(t + "dec") else 1900 + int(g(t + "dec2"))
        low, high = _DECADE_PARTS.get(mod, (0, 9)) if mod else (0, 9)
        return FuzzyDate(first + low, text=text), FuzzyDate(first + high, text=text)
    if g(t + "iy"):
        day = g(t + "id")
        date = FuzzyDate(int(g(t + "iy")), int(g(t + "im")), int(day) if day else None, mod)
    elif g(t + "ny"):
        date = FuzzyDate(int(g(t + "ny")), int(g(t + "nm")), int(g(t + "nd")), mod)
    else:
        month, day = _month_and_day(m, t)
        date = FuzzyDate(int(g(t + "y") or g(t + "by")), month, day, mod)
    date = replace(date, text=text)
    return date, date


def _is_bare(m: re.Match[str], t: str) -> bool:
    """A bare number: no month etc. and no modifier but "etwa" ("etwa 2000 Mitarbeiter")."""
    mod = m.group(t + "mod")
    return m.group(t + "by") is not None and (mod is None or _MODS[_key(mod)] is Modifier.APPROX)


def _blocked(m: re.Match[str], text: str) -> bool:
    """A bare year that is really a number: "Nr. 2005", "2000 Mitglieder", "2000 bis 3000"."""
    unled = m["pre"] is None and m["btw"] is None
    if unled and _is_bare(m, "a") and _BLOCK_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return True
    last_bare = _is_bare(m, "b") if m["b"] else m["sy"] is not None or _is_bare(m, "a")
    return last_bare and m["onw"] is None and _BLOCK_AFTER.match(text, m.end()) is not None


def _datetime_expression(m: re.Match[str], text: str) -> TimeExpression | None:
    if _blocked(m, text):
        return None
    first, last = _period(m, "a")
    start, end = m.start(), m.end()
    if m["b"] is not None or m["sy"] is not None:
        if m["b"] is not None:
            stop = _period(m, "b")[1]
        else:  # "1998-99", "2001–05": the century of the first year, or the next one
            year = last.year // 100 * 100 + int(m["sy"])
            stop = FuzzyDate(year if year > last.year else year + 100, text=m["sy"])
        return TimeExpression(start, end, text[start:end], Relation.RANGE, first, stop)
    pre = _key(m["pre"] or "")
    if m["onw"] is not None or pre in _SINCE:
        return TimeExpression(start, end, text[start:end], Relation.SINCE, first)
    if pre in _UNTIL:
        return TimeExpression(start, end, text[start:end], Relation.UNTIL, None, last)
    if pre in _OBSERVED:
        return TimeExpression(start, end, text[start:end], Relation.OBSERVED, first, last)
    if pre not in _AT:
        # "die Resolution von 1992", "zwischen 2001 …": the word belongs to no point.
        start = m.start("a")
    if last != first:  # a decade is a range of years
        return TimeExpression(start, end, text[start:end], Relation.RANGE, first, last)
    return TimeExpression(start, end, text[start:end], Relation.AT, first)


def _relative_expression(m: re.Match[str], anchor_year: int | None) -> TimeExpression:
    surface = m["REL"]
    if m["rn"]:
        sign = 1 if _key(m["rdir"]) in _LATER else -1
        offset = sign * _count(m["rn"])
    elif m["rn2"]:
        offset = _count(m["rn2"])
    elif m["rfix"]:
        offset = _FIXED[_key(m["rfix"])]
    elif m["rwm2"]:
        offset = _WITH_MOD[_key(m["rwm2"])]
    else:
        offset = _WITH_MOD[_key(m["rwm"])]
    if anchor_year is None:
        return TimeExpression(m.start(), m.end(), surface, Relation.UNANCHORED, None)
    mod = _MODS[_key(m["rmod"])] if m["rmod"] else None
    month = _MONTHS[_key(m["rmonth"])] if m["rmonth"] else None
    value = FuzzyDate(anchor_year + offset, month, mod=mod, text=surface)
    return TimeExpression(m.start(), m.end(), surface, Relation.AT, value)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[_key(word)]


# -- public API ----------------------------------------------------------------------------


def find_time_expressions(
    text: str, lang: str = "de", anchor: FuzzyDate | None = None
) -> list[TimeExpression]:
    """All time expressions in text, in order, non-overlapping, longest match wins.

    Relative years ("im selben Jahr", "two years later") count from the nearest preceding
    absolute date in `text` (the end of a range), else from `anchor`; with neither they are
    UNANCHORED. `lang` is accepted for symmetry with the other stages; both languages are
    always matched. Impossible dates ("30. Februar 2023") are skipped.
    """
    if not _PREFILTER.search(text):
        return []
    found: list[TimeExpression] = []
    anchor_year = anchor.year if anchor else None
    for m in _MAIN.finditer(text):
        try:
            if m["DT"] is not None:
                expr = _datetime_expression(m, text)
            elif m["REL"] is not None:
                expr = _relative_expression(m, anchor_year)
            else:
                expr = TimeExpression(m.start(), m.end(), m[0], Relation.UNANCHORED, None)
        except InvalidDate:
            continue
        if expr is None:
            continue
        found.append(expr)
        if (latest := expr.until or expr.value) is not None:
            anchor_year = latest.year
    return found


def parse_date(text: str, lang: str | None = None) -> FuzzyDate:
    """A whole string as ONE date: "Anfang 2006", "March 15, 2006", "Q3 2009", "1995~".

    Accepts the canonical forms of `FuzzyDate.parse` and every single date the tagger
    reads, optionally after "im"/"in"/"am" ("im Dezember 2007", "in 2008"). Raises
    InvalidDate (one line) for anything else, for decades and for impossible dates.
    `lang` is accepted for symmetry; both languages are always read.
    """
    stripped = text.strip()
    try:
        return FuzzyDate.parse(stripped)
    except InvalidDate:
        pass
    m = _SINGLE.fullmatch(stripped)
    if m is None:
        raise InvalidDate(
            f"cannot read date {text!r} (try e.g. 'März 2006', 'Anfang 2006', '2006-03-15')"
        )
    try:
        first, last = _period(m, "a")
    except InvalidDate as error:
        raise InvalidDate(f"{text!r} is not a valid date: {error}") from None
    if first != last:
        raise InvalidDate(f"{text!r} names a decade, not one date")
    return replace(first, text=stripped)
