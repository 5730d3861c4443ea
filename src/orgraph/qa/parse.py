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
import weakref
from dataclasses import dataclass
from functools import cache

from orgraph.model import Entity, Name
from orgraph.pipeline.mentions import Mention, NameIndex, default_index, find_mentions
from orgraph.pipeline.tokens import ARTICLE_KEY, Token, name_keys, token_key, tokenize
from orgraph.qa.answer import Kind, Question
from orgraph.qa.dates import asks_today, find_dates, one_date, period
from orgraph.qa.words import CannotParse, any_match, compiled, patterns
from orgraph.store import Store

__all__ = ["CannotParse", "Found", "detect_language", "find_organizations", "parse", "patterns"]

LANGS = ("de", "en")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


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
            {lang: compiled(raw.get(lang, [])) for lang in LANGS},
            {lang: compiled(raw.get(f"unless_{lang}", [])) for lang in LANGS},
            bool(raw.get("needs_date")),
        )
        for raw in patterns()["kind"]
    ]


@cache
def _role_rules() -> dict[str, list[re.Pattern[str]]]:
    return {role: compiled(values) for role, values in patterns()["roles"].items()}


def detect_language(text: str, hint: str | None = None) -> str:
    """`de` or `en`: whichever language has more of its common words in the question.

    The question decides, not the page it was typed on: `hint` (the UI language) settles
    only a question with no telling words at all ("IOM?").
    """
    words = re.findall(r"[^\W\d_]+", text.casefold())
    lexicon = patterns()["language"]
    de = sum(1 for w in words if w in lexicon["de"])
    en = sum(1 for w in words if w in lexicon["en"])
    if de != en:
        return "de" if de > en else "en"
    if re.search("[äöüß]", text.casefold()):
        return "de"
    return hint if hint in LANGS and de == en == 0 else "en"


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


# -- the parser ------------------------------------------------------------------------------


def _kind(text: str, lang: str, has_date: bool) -> Kind:
    lowered = text.casefold()
    for rule in _rules():
        if not any_match(rule.match[lang], lowered):
            continue
        if rule.needs_date and not has_date:
            raise CannotParse(lang, "no_date")
        if any_match(rule.unless[lang], lowered):
            raise CannotParse(lang, "no_kind")
        return rule.kind
    raise CannotParse(lang, "no_kind")


def role_of(text: str) -> str | None:
    """The role a question names ("Vollmitglied", "standing invitee"), if any."""
    lowered = text.casefold()
    for role, rules in _role_rules().items():
        if any_match(rules, lowered):
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
    Kind.LEADER: (1, 1),
    Kind.WHAT_IS: (1, 1),
    Kind.RELATION_KIND: (1, 2),
    Kind.EVENT: (1, 1),
    Kind.PART_OF: (2, 2),
}


def _topic(
    text: str, table: dict[str, list[str]] | dict[str, dict[str, list[str]]], lang: str
) -> str:
    """The first entry of a table ([events], [relation_kinds]) whose words the question has."""
    lowered = text.casefold()
    for topic, words in table.items():
        rules = words if isinstance(words, list) else words[lang]
        if any_match(compiled(rules), lowered):
            return topic
    raise CannotParse(lang, "no_kind")


def parse(store: Store, text: str, lang: str | None = None) -> Question:
    """The structured question a German or English text asks; CannotParse when unclear."""
    stripped = (text or "").strip()
    lang = detect_language(stripped, lang)
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
        raise CannotParse(lang, "no_organization", suggest=clean)
    if not fewest <= len(orgs) <= most:
        raise CannotParse(lang, "organizations", need=(fewest, most), found=orgs)
    question = Question(kind=kind, lang=lang, role=role_of(clean))
    today = asks_today(clean)
    if kind in (Kind.MEMBERS, Kind.COUNT, Kind.FOUNDERS, Kind.FORMER_NAME, Kind.JOINED_BETWEEN):
        question.body = orgs[0].entity
    if kind in (Kind.MEMBERS, Kind.COUNT):
        question.at = one_date(dates, lang, today)
    elif kind is Kind.JOINED_BETWEEN:
        question.at, question.until = period(dates, lang)
    elif kind is Kind.PART_OF:
        question.member, question.body = _member_and_body(tokens, orgs)
        question.at = one_date(dates, lang, today) if dates else None
    elif kind in (Kind.IS_MEMBER, Kind.SINCE):
        if kind is Kind.IS_MEMBER and not any_match(
            compiled(patterns()["membership"][lang]), clean.casefold()
        ):
            raise CannotParse(lang, "not_membership")
        question.member, question.body = _member_and_body(tokens, orgs)
        if kind is Kind.IS_MEMBER:
            question.at = one_date(dates, lang, today)
    elif kind is Kind.LIAISES:
        _liaison(question, tokens, orgs)
        question.at = one_date(dates, lang, today) if (dates or today) else None
    elif kind in (Kind.LEADS, Kind.RELATIONS, Kind.ROLES):
        question.member = orgs[0].entity
        question.body = orgs[1].entity if len(orgs) > 1 else None
        question.at = one_date(dates, lang, today) if (dates or today) else None
    elif kind is Kind.LEADER:
        question.body = orgs[0].entity
        question.at = one_date(dates, lang, today) if (dates or today) else None
    elif kind in (Kind.WHAT_IS, Kind.EVENT, Kind.RELATION_KIND):
        question.member = orgs[0].entity
        question.body = orgs[1].entity if len(orgs) > 1 else None
        if kind is Kind.EVENT:
            question.topic = _topic(clean, patterns()["events"], lang)
        if kind is Kind.RELATION_KIND:
            question.topic = _topic(clean, patterns()["relation_kinds"], lang)
            question.at = one_date(dates, lang, today) if (dates or today) else None
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
