"""The question parser: German or English text → a structured `Question`, or a refusal.

Three steps, each with data from files, not code: the kind of question from the
keyword patterns of `qa/patterns.toml`; the organizations it names from the
gazetteer matcher run over every name the store knows (any inflected form,
acronyms, units such as "das Beobachterbüro der IOM"); its dates from the temporal
tagger, plus "vor/before" and "nach/after", which the tagger leaves to the caller.

Nothing is guessed: a question whose kind is unclear, or that lacks what its kind
needs (an organization, a date), raises `CannotParse` with the reason.
"""

from __future__ import annotations

import re
import tomllib
import weakref
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from orgraph.errors import InvalidDate, OrgraphError
from orgraph.fuzzydate import FuzzyDate, Precision
from orgraph.model import Entity, Name
from orgraph.names import fold
from orgraph.pipeline.mentions import Mention, NameIndex, default_index, find_mentions
from orgraph.pipeline.timeexpr import Relation, TimeExpression, find_time_expressions, parse_date
from orgraph.pipeline.tokens import ARTICLE_KEY, Token, name_keys, token_key, tokenize
from orgraph.qa.answer import Kind, Question
from orgraph.store import Store

LANGS = ("de", "en")
# A year with START/MID/END asks about that third of the year (SPEC §3 windows):
# the EDTF codes 37–39 name the thirds, so the query sees the right period.
_YEAR_THIRDS = {"START": 37, "MID": 38, "END": 39}
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


class CannotParse(OrgraphError):
    """The question is not one the parser can turn into a query; `reason` says why."""

    def __init__(self, lang: str, reason: str, **details: Any) -> None:
        self.lang = lang
        self.reason = reason
        self.details = details
        super().__init__(reason)


@cache
def patterns() -> dict[str, Any]:
    resource = files("orgraph").joinpath("qa").joinpath("patterns.toml")
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def _compiled(values: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(v) for v in values]


@dataclass(frozen=True)
class KindRule:
    kind: Kind
    match: dict[str, list[re.Pattern[str]]]
    unless: dict[str, list[re.Pattern[str]]]
    needs_date: bool


@cache
def _rules() -> list[KindRule]:
    return [
        KindRule(
            Kind(raw["name"]),
            {lang: _compiled(raw.get(lang, [])) for lang in LANGS},
            {lang: _compiled(raw.get(f"unless_{lang}", [])) for lang in LANGS},
            bool(raw.get("needs_date")),
        )
        for raw in patterns()["kind"]
    ]


@cache
def _role_rules() -> dict[str, list[re.Pattern[str]]]:
    return {role: _compiled(values) for role, values in patterns()["roles"].items()}


def _any(rules: list[re.Pattern[str]], text: str) -> bool:
    return any(rule.search(text) for rule in rules)


def detect_language(text: str) -> str:
    """`de` or `en`: whichever language has more of its common words in the text."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    lexicon = patterns()["language"]
    de = sum(1 for w in words if w in lexicon["de"])
    en = sum(1 for w in words if w in lexicon["en"])
    if de != en:
        return "de" if de > en else "en"
    return "de" if re.search("[äöüß]", text.casefold()) else "en"


# -- organizations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """An organization named in the question, with its token span."""

    entity: str
    first: int
    last: int
    text: str


_INDEXES: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], NameIndex]] = (
    weakref.WeakKeyDictionary()
)


def _usable(name: Name, generic: frozenset[tuple[str, ...]]) -> bool:
    """Drop reference forms a document resolved ("die Organisation") and bare generic nouns."""
    words = name.text.split()
    if name.kind == "seen" and len(words) <= 2 and words and token_key(words[0]) == ARTICLE_KEY:
        return False
    return name_keys(name.text) not in generic


def question_index(store: Store) -> NameIndex:
    """A name index over every entity of the store (cached until the store grows)."""
    entities = store.entities()
    fingerprint = (len(entities), sum(len(e.names) for e in entities))
    cached = _INDEXES.get(store)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    generic = frozenset(name_keys(word) for word in patterns()["names"]["generic"])
    base = default_index()
    known = {e.id for e in entities}
    index = NameIndex(weak=base.weak, context={k: v for k, v in base.context.items() if k in known})
    for entity in entities:
        index.types[entity.id] = entity.type
        index.labels[entity.id] = entity.label
        if entity.parent:
            index.parents[entity.id] = entity.parent
        for name in entity.names:
            if not _usable(name, generic):
                continue
            if name.kind == "acronym":
                index.add_acronym(name.text, entity.id)
            else:
                index.add_name(name.text, entity.id)
    _INDEXES[store] = (fingerprint, index)
    return index


def _span_keys(tokens: list[Token], first: int, last: int) -> tuple[str, ...]:
    return tuple(t.key for t in tokens[first : last + 1])


def _contains(keys: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return n > 0 and any(keys[i : i + n] == part for i in range(len(keys) - n + 1))


def _unit_groups() -> list[list[tuple[str, ...]]]:
    return [[name_keys(w) for w in group] for group in patterns()["names"]["units"]]


def _unit_cue(tokens: list[Token], found: Found) -> tuple[list[tuple[str, ...]], str] | None:
    """The unit words next to an organization: "Beobachterbüro der IOM", "IOM observer office"."""
    skip = {ARTICLE_KEY, "of", "von", "vom"}
    before = found.first
    while before > 0 and tokens[before - 1].key in skip:
        before -= 1
    for group in _unit_groups():
        for cue in sorted(group, key=len, reverse=True):
            n = len(cue)
            if before >= n and _span_keys(tokens, before - n, before - 1) == cue:
                return group, " ".join(t.text for t in tokens[before - n : found.last + 1])
            after = found.last + 1
            if _span_keys(tokens, after, after + n - 1) == cue:
                return group, " ".join(t.text for t in tokens[found.first : after + n])
    return None


def _resolve_unit(store: Store, parent: str, group: list[tuple[str, ...]]) -> str | None:
    """The parent's unit whose name holds a word of the group; one with claims is preferred."""
    units = [
        e
        for e in store.entities()
        if e.parent == parent
        and any(_contains(name_keys(n.text), cue) for n in e.names for cue in group)
    ]
    if not units:
        return None
    return max(units, key=lambda e: (len(store.claims(involving=[e.id])), e.id)).id


def find_organizations(store: Store, text: str, lang: str) -> tuple[list[Found], list[Token]]:
    """Organizations named in the question, in order, each once, units resolved."""
    tokens = tokenize(text)
    mentions: list[Mention] = find_mentions(text, tokens, 0, question_index(store))
    found: list[Found] = []
    for mention in mentions:
        item = Found(mention.entity, mention.first_token, mention.last_token, mention.text)
        cue = _unit_cue(tokens, item)
        if cue is not None:
            unit = _resolve_unit(store, mention.entity, cue[0])
            if unit is None:
                raise CannotParse(lang, "unknown_unit", text=cue[1])
            item = Found(unit, item.first, item.last, cue[1])
        if all(f.entity != item.entity for f in found):
            found.append(item)
    return found, tokens


def _preceded_by(
    tokens: list[Token], found: Found, cues: frozenset[str], skip: frozenset[str] = frozenset()
) -> bool:
    """Is the organization right after a cue word (articles and `skip` words passed over)?"""
    i = found.first - 1
    while i >= 0 and (tokens[i].key == ARTICLE_KEY or tokens[i].key in skip):
        i -= 1
    return i >= 0 and tokens[i].key in cues


def _cue_keys(key: str) -> frozenset[str]:
    return frozenset(token_key(w) for w in patterns()["names"][key])


def _member_and_body(tokens: list[Token], orgs: list[Found]) -> tuple[str, str]:
    """Which is the member, which the body: the body follows a cue ("member of", "Mitglied der")."""
    first, second = orgs
    cues = _cue_keys("body_cues")
    if _preceded_by(tokens, first, cues) and not _preceded_by(tokens, second, cues):
        first, second = second, first
    return first.entity, second.entity


# -- dates -----------------------------------------------------------------------------------


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
    if expr.relation is Relation.AT and _word_before(text, expr.start, time_words["before"]):
        return When("before", None, value, expr.text)
    if expr.relation is Relation.AT and _word_before(text, expr.start, time_words["after"]):
        return When("after", value, None, expr.text)
    return When(expr.relation.value, value, until, expr.text)


def _asks_today(text: str) -> bool:
    return _any(_compiled(patterns()["time"]["today"]), text.casefold())


def _one_date(dates: list[When], lang: str, today: bool) -> FuzzyDate | date | None:
    if not dates:
        return date.today() if today else None
    if len(dates) > 1 or dates[0].relation != "at" or dates[0].value is None:
        raise CannotParse(lang, "one_date")
    return dates[0].value


def _period(dates: list[When], lang: str) -> tuple[FuzzyDate | date, FuzzyDate | date]:
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


# -- the parser ------------------------------------------------------------------------------


def _kind(text: str, lang: str, has_date: bool) -> Kind:
    lowered = text.casefold()
    for rule in _rules():
        if not _any(rule.match[lang], lowered):
            continue
        if rule.needs_date and not has_date:
            raise CannotParse(lang, "no_date")
        if _any(rule.unless[lang], lowered):
            raise CannotParse(lang, "no_kind")
        return rule.kind
    raise CannotParse(lang, "no_kind")


def role_of(text: str) -> str | None:
    """The role a question names ("Vollmitglied", "standing invitee"), if any."""
    lowered = text.casefold()
    for role, rules in _role_rules().items():
        if _any(rules, lowered):
            return role
    return None


_NEEDS = {
    # kind → (fewest, most) organizations
    Kind.MEMBERS: (1, 1),
    Kind.COUNT: (1, 1),
    Kind.FOUNDERS: (1, 1),
    Kind.FORMER_NAME: (1, 1),
    Kind.JOINED_BETWEEN: (1, 1),
    Kind.LEADS: (1, 1),
    Kind.IS_MEMBER: (2, 2),
    Kind.SINCE: (2, 2),
    Kind.LIAISES: (1, 2),
    Kind.RELATIONS: (1, 2),
    Kind.ROLES: (1, 2),
}


def parse(store: Store, text: str, lang: str | None = None) -> Question:
    """The structured question a German or English text asks; CannotParse when unclear."""
    stripped = (text or "").strip()
    lang = lang if lang in LANGS else detect_language(stripped)
    assert lang is not None
    if not stripped:
        raise CannotParse(lang, "empty")
    limit = int(patterns()["max_length"])
    if len(stripped) > limit:
        raise CannotParse(lang, "too_long", max=limit)
    clean = _POSSESSIVE.sub("  ", stripped)
    dates = find_dates(clean, lang)
    kind = _kind(clean, lang, has_date=bool(dates))
    orgs, tokens = find_organizations(store, clean, lang)
    fewest, most = _NEEDS[kind]
    if not orgs:
        raise CannotParse(lang, "no_organization")
    if not fewest <= len(orgs) <= most:
        raise CannotParse(lang, "organizations", need=(fewest, most), found=orgs)
    question = Question(kind=kind, lang=lang, role=role_of(clean))
    today = _asks_today(clean)
    if kind in (Kind.MEMBERS, Kind.COUNT, Kind.FOUNDERS, Kind.FORMER_NAME, Kind.JOINED_BETWEEN):
        question.body = orgs[0].entity
    if kind in (Kind.MEMBERS, Kind.COUNT):
        question.at = _one_date(dates, lang, today)
    elif kind is Kind.JOINED_BETWEEN:
        question.at, question.until = _period(dates, lang)
    elif kind in (Kind.IS_MEMBER, Kind.SINCE):
        if kind is Kind.IS_MEMBER and not _any(
            _compiled(patterns()["membership"][lang]), clean.casefold()
        ):
            raise CannotParse(lang, "not_membership")
        question.member, question.body = _member_and_body(tokens, orgs)
        if kind is Kind.IS_MEMBER:
            question.at = _one_date(dates, lang, today)
    elif kind is Kind.LIAISES:
        _liaison(question, tokens, orgs)
        question.at = _one_date(dates, lang, today) if (dates or today) else None
    elif kind in (Kind.LEADS, Kind.RELATIONS, Kind.ROLES):
        question.member = orgs[0].entity
        question.body = orgs[1].entity if len(orgs) > 1 else None
        question.at = _one_date(dates, lang, today) if (dates or today) else None
    return question


_OF = frozenset({"of", "von", "vom"})


def _liaison(question: Question, tokens: list[Token], orgs: list[Found]) -> None:
    """Who liaises, and (optionally) the body whose units are asked about."""
    cues = _cue_keys("part_of_cues")
    scoped = [o for o in orgs if _preceded_by(tokens, o, cues, _OF)]
    if len(orgs) == 2 and len(scoped) == 1:
        question.part_of = scoped[0].entity
        question.member = next(o.entity for o in orgs if o is not scoped[0])
    elif len(orgs) == 1:
        question.member = orgs[0].entity
    else:
        raise CannotParse(question.lang, "organizations", need=(1, 1), found=orgs)


def describe_found(entities: list[Found] | list[Entity]) -> str:
    return ", ".join(f.text if isinstance(f, Found) else f.label for f in entities) or "—"
