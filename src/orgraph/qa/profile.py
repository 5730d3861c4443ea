"""Questions about one organization as a reader of a passage asks them: who leads it, what it
is, its relations of one kind, and what happened to it (founded, renamed, merged).

Each handler takes the store and a `Question` and returns a `Result` in the question's
language; words of answers (types, agreement kinds) are data in `qa/patterns.toml`.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from orgraph import query
from orgraph.fuzzydate import FuzzyDate
from orgraph.lineage import lineage
from orgraph.model import Claim, Entity, Evidence, predicates
from orgraph.qa.answer import (
    Kind,
    Question,
    Result,
    cite,
    holding,
    label,
    relation_line,
    say,
    short,
)
from orgraph.qa.words import patterns
from orgraph.reasons import date_words, role_words
from orgraph.store import Store

Handler = Callable[[Store, Question], Result]

# Roles of a membership that make the member its leader.
_LEADING_ROLES = ("lead", "co_lead", "chair")
# The relations a summary names first, in this order.
_KEY_PREDICATES = ("part_of", "member_of", "leads", "agreement_with", "established_by")
_KEY_RELATIONS = 4


def gazetteer_note(lang: str) -> dict[str, str]:
    return {
        "source": "gazetteer",
        "sentence": say(
            lang,
            "(the orgraph gazetteer records it)",
            "(der orgraph-Gazetteer verzeichnet es)",
        ),
    }


def lineage_ids(store: Store, entity: Entity) -> list[str]:
    return [p.entity_id for p in lineage(store, entity.id)]


def _none(q: Question, answer: Any, en: str, de: str) -> Result:
    """An answer that the sources hold nothing of the kind asked: said, with no citation."""
    return Result(q.kind, answer, say(q.lang, en, de))


def type_words(entity: Entity, lang: str) -> str:
    entry = patterns()["types"].get(entity.type) or patterns()["types"]["other"]
    return str(entry["de" if lang == "de" else "en"])


# -- who leads a body ------------------------------------------------------------------------


def leader_handler(store: Store, q: Question) -> Result:
    assert q.body is not None
    body = store.resolve(q.body)
    claims = store.claims(objects=lineage_ids(store, body), predicates=["leads", "member_of"])
    claims = [c for c in claims if c.predicate == "leads" or c.role in _LEADING_ROLES]
    rows = holding(
        [query.Relation(c, store.entity(c.subject), store.entity(c.object)) for c in claims], q
    )
    name = label(body, q.lang)
    if not rows:
        return _none(
            q,
            [],
            f"The sources name no one who leads the {name}.",
            f"Die Quellen nennen niemanden, der {name} leitet.",
        )
    parts = []
    for r in rows:
        role = role_words(r.claim.role or "lead", q.lang)
        context = r.claim.qualifiers.get("context")
        parts.append(f"{label(r.subject, q.lang)} ({role}{'; ' + context if context else ''})")
    leaders = list({r.subject.id: r.subject for r in rows}.values())
    text = say(
        q.lang, f"The {name} is led by {', '.join(parts)}.", f"{name} leitet: {', '.join(parts)}."
    )
    evidence = [e for r in rows for e in r.claim.evidence]
    return Result(q.kind, [e.ref() for e in leaders], text, cite(evidence), leaders)


# -- what an organization is -----------------------------------------------------------------


def what_is_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    entity = store.resolve(q.member)
    lang = q.lang
    name = label(entity, lang)
    acronym = short(entity, lang)
    head = f"{name} ({acronym})" if acronym != name else name
    sentences = [
        say(lang, f"{head} is {type_words(entity, lang)}", f"{head} ist {type_words(entity, lang)}")
    ]
    if entity.parent:
        parent = label(store.entity(entity.parent), lang)
        sentences[0] += say(lang, f", within the {parent}", f", innerhalb von {parent}")
    other_names = sorted(
        {
            n.text
            for n in entity.names
            if n.lang in (lang, None) and n.kind != "seen" and n.text not in (name, acronym)
        }
    )[:4]
    if other_names:
        sentences.append(say(lang, "Also called: ", "Auch genannt: ") + ", ".join(other_names))
    former = query.former_names(store, entity.id)
    if former:
        sentences.append(
            say(lang, "Formerly: ", "Früher: ") + ", ".join(label(r.entity, lang) for r in former)
        )
    rows = [
        r
        for r in query.relations(store, entity.id)
        if r.claim.predicate in _KEY_PREDICATES and r.subject.id in lineage_ids(store, entity)
    ]
    rows.sort(key=lambda r: _KEY_PREDICATES.index(r.claim.predicate))
    rows = rows[:_KEY_RELATIONS]
    if rows:
        sentences.append(
            say(lang, "Key relations: ", "Wichtige Beziehungen: ")
            + "; ".join(relation_line(r, lang) for r in rows)
        )
    if entity.wikidata:
        sentences.append(f"Wikidata: {entity.wikidata}")
    citations = cite([e for r in rows for e in r.claim.evidence]) or [gazetteer_note(lang)]
    summary: dict[str, Any] = {
        "entity": entity.ref(),
        "type": entity.type,
        "type_words": type_words(entity, lang),
        "parent": entity.parent,
        "wikidata": entity.wikidata,
        "former_names": [r.entity.ref() for r in former],
        "relations": [r.to_json() for r in rows],
    }
    return Result(q.kind, summary, ". ".join(sentences) + ".", citations, [entity])


# -- relations of one kind -------------------------------------------------------------------

_SYMMETRIC = ("cooperates_with", "agreement_with", "liaises_with")


def _agreement_words(claim: Claim, lang: str) -> str:
    details = []
    kind = patterns()["agreement_kinds"].get(claim.qualifiers.get("kind", ""))
    if kind:
        details.append(kind["de" if lang == "de" else "en"])
    if claim.qualifiers.get("instrument"):
        details.append(claim.qualifiers["instrument"])
    if claim.interval.start is not None:
        details.append(date_words(claim.interval.start, lang))
    return f" ({', '.join(details)})" if details else ""


def relation_kind_handler(store: Store, q: Question) -> Result:
    assert q.member is not None and q.topic is not None
    member = store.resolve(q.member)
    own = set(lineage_ids(store, member))
    rows = holding(query.relations(store, member.id, q.body, predicate=q.topic), q)
    # A symmetric relation names the other side, whichever way it was recorded.
    others = [
        (r.object if r.subject.id in own else r.subject, r)
        for r in rows
        if q.topic in _SYMMETRIC or r.subject.id in own
    ]
    who = label(member, q.lang)
    verb = predicates()[q.topic].label["de" if q.lang == "de" else "en"]
    if not others:
        return _none(
            q,
            [],
            f"The sources record no “{verb}” relation of {who}.",
            f"Die Quellen nennen keine Beziehung „{verb}“ von {who}.",
        )
    items = [f"{short(o, q.lang)}{_agreement_words(r.claim, q.lang)}" for o, r in others]
    text = f"{who} — {verb}: {'; '.join(dict.fromkeys(items))}."
    entities = list({o.id: o for o, _ in others}.values())
    evidence = [e for _, r in others for e in r.claim.evidence]
    return Result(q.kind, [e.ref() for e in entities], text, cite(evidence), entities)


# -- events of one organization --------------------------------------------------------------


def at_words(value: FuzzyDate, lang: str) -> str:
    """A date with its preposition: "in April 2003", "im April 2003", "on 3 May 2010", "2006"."""
    words = date_words(value, lang)
    if value.day is not None:
        return say(lang, f"on {words}", f"am {words}")
    if value.month is not None and value.mod is None:
        return say(lang, f"in {words}", f"im {words}")
    return say(lang, f"in {words}", words)


def _when_words(value: FuzzyDate | None, lang: str) -> str:
    if value is None:
        return say(lang, "at a date the sources do not give", "zu einem nicht genannten Zeitpunkt")
    return date_words(value, lang)


def _with_gazetteer(
    evidence: list[Evidence] | tuple[Evidence, ...], lang: str
) -> list[dict[str, str]]:
    return cite(list(evidence)) or [gazetteer_note(lang)]


def _renamed(store: Store, q: Question, entity: Entity) -> Result:
    records = query.names(store, entity.id)
    steps = list(pairwise(records))
    # The rename the question is about: out of the name asked for, else into it.
    mine = [s for s in steps if s[0].entity.id == entity.id] or [
        s for s in steps if s[1].entity.id == entity.id
    ]
    if not mine:
        return _none(
            q,
            None,
            f"The sources record no rename of the {label(entity, q.lang)}.",
            f"Die Quellen nennen keine Umbenennung von {label(entity, q.lang)}.",
        )
    old, new = mine[0]
    when = new.since or old.until
    old_name, new_name = label(old.entity, q.lang), label(new.entity, q.lang)
    words = at_words(when, q.lang) if when else _when_words(None, q.lang)
    text = say(
        q.lang,
        f"The {old_name} was renamed {new_name} {words}.",
        f"{old_name} wurde {words} in {new_name} umbenannt.",
    )
    citations = _with_gazetteer(new.evidence or old.evidence, q.lang)
    return Result(q.kind, when.edtf if when else None, text, citations, [new.entity])


def _first_name(store: Store, q: Question, entity: Entity) -> Result:
    first = query.names(store, entity.id)[0]
    name = label(first.entity, q.lang)
    until = (
        say(
            q.lang,
            f" until {date_words(first.until, q.lang)}",
            f" bis {date_words(first.until, q.lang)}",
        )
        if first.until
        else ""
    )
    text = say(
        q.lang,
        f"The {label(entity, q.lang)} was first called {name}{until}.",
        f"{label(entity, q.lang)} hieß zuerst {name}{until}.",
    )
    citations = _with_gazetteer(first.evidence, q.lang)
    return Result(q.kind, [first.entity.ref()], text, citations, [first.entity])


def _founded(store: Store, q: Question, entity: Entity) -> Result:
    ids = lineage_ids(store, entity)
    claims = [
        c
        for c in store.claims(subjects=ids, predicates=["established_by"])
        + store.claims(objects=ids, predicates=["member_of"])
        if c.predicate == "established_by" or c.role == "founding_member"
    ]
    dated = sorted((c for c in claims if c.interval.start), key=lambda c: c.interval.start.lower)  # type: ignore[union-attr]
    name = label(entity, q.lang)
    if not dated:
        return _none(
            q,
            None,
            f"The sources give no founding date of the {name}.",
            f"Die Quellen nennen kein Gründungsdatum von {name}.",
        )
    start = dated[0].interval.start
    assert start is not None
    founders = [store.entity(c.subject) for c in dated if c.role == "founding_member"]
    founders += [store.entity(c.object) for c in dated if c.predicate == "established_by"]
    by = ", ".join(dict.fromkeys(short(f, q.lang) for f in founders))
    words = at_words(start, q.lang)
    text = say(
        q.lang,
        f"The {name} was founded {words}" + (f" by {by}." if by else "."),
        f"{name} wurde {words} gegründet" + (f", von {by}." if by else "."),
    )
    evidence = [e for c in dated if c.interval.start == start for e in c.evidence]
    return Result(q.kind, start.edtf, text, cite(evidence), [entity])


def _merged(store: Store, q: Question, entity: Entity) -> Result:
    ids = set(lineage_ids(store, entity))
    merged = [s for s in store.successions() if s.successor in ids and s.change == "merged"]
    claims = store.claims(objects=sorted(ids), predicates=["merged_into"])
    parts = {s.predecessor: s.until for s in merged} | {c.subject: c.interval.start for c in claims}
    entities = [store.entity(i) for i in parts]
    name = label(entity, q.lang)
    if not entities:
        return _none(
            q,
            [],
            f"The sources record no organizations that merged into the {name}.",
            f"Die Quellen nennen keine Organisationen, die in {name} aufgingen.",
        )
    dates = {v for v in parts.values() if v is not None}
    when = " " + at_words(min(dates, key=lambda d: d.lower), q.lang) if dates else ""
    names = ", ".join(label(e, q.lang) for e in entities)
    text = say(
        q.lang,
        f"Merged into the {name}{when}: {names}.",
        f"In {name} aufgegangen ({when.strip()}): {names}."
        if when
        else f"In {name} aufgegangen: {names}.",
    )
    citations = cite([e for c in claims for e in c.evidence])
    if len(claims) < len(entities):
        citations.append(gazetteer_note(q.lang))
    return Result(q.kind, [e.ref() for e in entities], text, citations, entities)


_EVENTS: dict[str, Callable[[Store, Question, Entity], Result]] = {
    "renamed": _renamed,
    "first_name": _first_name,
    "founded": _founded,
    "merged": _merged,
}


def event_handler(store: Store, q: Question) -> Result:
    assert q.member is not None and q.topic is not None
    return _EVENTS[q.topic](store, q, store.resolve(q.member))


HANDLERS: dict[Kind, Handler] = {
    Kind.LEADER: leader_handler,
    Kind.WHAT_IS: what_is_handler,
    Kind.RELATION_KIND: relation_kind_handler,
    Kind.EVENT: event_handler,
}
