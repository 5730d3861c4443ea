"""Structured questions and their answers: one query kind each, always with citations.

The natural-language parser (`qa.parse`) and the gold-file runner both produce
a `Question`; `answer()` runs the matching query and phrases the result in the
question's language (German or English), naming each organization by its label
in that language and a body by the name it had then as well as now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from orgraph import query
from orgraph.errors import OrgraphError
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Answer
from orgraph.model import Claim, Entity, Evidence, predicates
from orgraph.reasons import date_words, role_words
from orgraph.statements import contradicts
from orgraph.store import Store


class Kind(StrEnum):
    MEMBERS = "members"
    COUNT = "count"
    FOUNDERS = "founders"
    IS_MEMBER = "is_member"
    SINCE = "since"
    LEADS = "leads"
    FORMER_NAME = "former_name"
    JOINED_BETWEEN = "joined_between"
    RELATIONS = "relations"
    ROLES = "roles"
    LIAISES = "liaises"
    LEADER = "leader"
    WHAT_IS = "what_is"
    RELATION_KIND = "relation_kind"
    EVENT = "event"
    PART_OF = "part_of"
    # Not a query: the honest refusal of a question that parses into none of the above.
    CANNOT_ANSWER = "cannot_answer"


ANSWERABLE = tuple(k for k in Kind if k is not Kind.CANNOT_ANSWER)


@dataclass
class Question:
    kind: Kind
    body: str | None = None
    member: str | None = None
    at: FuzzyDate | date | None = None
    until: FuzzyDate | date | None = None
    part_of: str | None = None  # restrict listed organizations to units of this body
    lang: str = "en"
    role: str | None = None  # restrict memberships to a role ("member" = full members)
    topic: str | None = None  # the predicate or event a question of one kind asks about


@dataclass
class Result:
    kind: Kind
    answer: Any
    text: str
    citations: list[dict[str, str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # the organizations the answer names
    reason: str | None = None  # why "uncertain" (or "no"), and why a question is refused
    # A refusal's offer: what can be asked, each with an example question that runs.
    examples: list[dict[str, str]] = field(default_factory=list)
    # A refusal's close matches for a name it did not know, each with the question rewritten.
    suggestions: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "answer": self.answer,
            "text": self.text,
            "citations": self.citations,
        }
        if self.reason is not None:
            data["reason"] = self.reason
        if self.examples:
            data["examples"] = self.examples
        if self.suggestions:
            data["suggestions"] = self.suggestions
        return data


def cite(evidence: list[Evidence]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for ev in evidence:
        # A manual claim may carry no sentence: cite who entered it instead.
        sentence = ev.text or f"({ev.extractor.replace(':', ' by ', 1)})"
        seen.setdefault((ev.source, sentence), None)
    return [{"source": s, "sentence": t} for s, t in seen]


# -- phrasing --------------------------------------------------------------------------------


def say(lang: str, en: str, de: str) -> str:
    return de if lang == "de" else en


def label(entity: Entity, lang: str) -> str:
    """The entity's label in the language, else any of its names in it, else its main label."""
    named = next((n.text for n in entity.names if n.lang == lang and n.kind != "seen"), None)
    return entity.labels().get(lang) or named or entity.label


def short(entity: Entity, lang: str) -> str:
    """A short name for lists: the acronym where there is one."""
    acronym = next((n.text for n in entity.names if n.kind == "acronym"), None)
    return acronym or label(entity, lang)


def _names(entities: list[Entity], lang: str) -> str:
    return ", ".join(short(e, lang) for e in entities) or "—"


def _when(q: Question) -> str:
    if q.at is None:
        return say(q.lang, "today", "heute")
    if isinstance(q.at, FuzzyDate):
        return q.at.text or str(q.at)
    if q.at == date.today():
        return say(q.lang, "today", "heute")
    return say(q.lang, f"on {q.at.isoformat()}", f"am {q.at.isoformat()}")


def _body_name(body: Entity, then: list[Entity], lang: str) -> str:
    """The body as called now, and as called then when that differs."""
    name = label(body, lang)
    former = [label(e, lang) for e in then if e.id != body.id]
    if former:
        name += say(lang, f" (then: {', '.join(former)})", f" (damals: {', '.join(former)})")
    return name


def _at_or_today(q: Question) -> FuzzyDate | date:
    return q.at if q.at is not None else date.today()


# Which claim roles a role named in a question admits ("full member" includes founders).
_ROLE_FAMILIES = {
    "member": {None, "member", "founding_member", "cosponsor"},
}


def _role_ok(claims: list[Claim], role: str | None) -> bool:
    if role is None:
        return True
    admitted = _ROLE_FAMILIES.get(role, {role})
    return any(c.role in admitted for c in claims)


def _members(store: Store, q: Question) -> tuple[list[query.MemberRow], query.Members]:
    assert q.body is not None
    result = query.members_at(store, q.body, _at_or_today(q))
    result.members = [m for m in result.members if _role_ok(m.claims, q.role)]
    return [m for m in result.members if m.answer is Answer.YES], result


def answer(store: Store, q: Question) -> Result:
    """Run the query a question asks for and phrase the answer in the question's language."""
    return _HANDLERS[q.kind](store, q)


def _members_handler(store: Store, q: Question) -> Result:
    certain, result = _members(store, q)
    uncertain = [m for m in result.members if m.answer is Answer.UNCERTAIN]
    entities = [m.entity for m in certain]
    body = _body_name(result.body, result.names_then, q.lang)
    text = say(
        q.lang,
        f"Members of the {body}, {_when(q)}: {_names(entities, q.lang)}.",
        f"Mitglieder von {body}, {_when(q)}: {_names(entities, q.lang)}.",
    )
    if uncertain:
        text += say(q.lang, " Uncertain: ", " Unsicher: ")
        text += "; ".join(
            f"{short(m.entity, q.lang)} ({m.verdict.explain(q.lang)})" for m in uncertain
        )
        text += "."
    evidence = [e for m in result.members for c in m.claims for e in c.evidence]
    return Result(q.kind, [e.ref() for e in entities], text, cite(evidence), entities)


def _count_handler(store: Store, q: Question) -> Result:
    certain, result = _members(store, q)
    uncertain = sum(1 for m in result.members if m.answer is Answer.UNCERTAIN)
    body = _body_name(result.body, result.names_then, q.lang)
    names = _names([m.entity for m in certain], q.lang)
    text = say(
        q.lang,
        f"The {body} had {len(certain)} members {_when(q)} ({names})",
        f"{body} hatte {_when(q)} {len(certain)} Mitglieder ({names})",
    )
    if uncertain:
        text += say(q.lang, f"; {uncertain} more uncertain", f"; {uncertain} weitere unsicher")
    evidence = [e for m in certain for c in m.claims for e in c.evidence]
    return Result(q.kind, len(certain), text + ".", cite(evidence), [m.entity for m in certain])


def _relations_result(
    q: Question, rows: list[query.Relation], en: str, de: str, pick: str = "subject"
) -> Result:
    chosen = [r.subject if pick == "subject" else r.object for r in rows]
    entities = list({e.id: e for e in chosen}.values())
    text = say(q.lang, en, de).format(names=_names(entities, q.lang))
    evidence = [e for r in rows for e in r.claim.evidence]
    return Result(q.kind, [e.ref() for e in entities], text, cite(evidence), entities)


def _founders_handler(store: Store, q: Question) -> Result:
    assert q.body is not None
    rows = query.founders(store, q.body)
    body = label(store.resolve(q.body), q.lang)
    if not rows:
        return Result(
            q.kind,
            [],
            say(
                q.lang,
                f"The sources name no founders of the {body}.",
                f"Die Quellen nennen keine Gründer von {body}.",
            ),
        )
    return _relations_result(
        q, rows, f"The {body} was founded by {{names}}.", f"{body} wurde gegründet von {{names}}."
    )


# {r}: the role the answer rests on ("standing invitee", not "member", where that is all it is).
_VERDICT_TODAY = {
    Answer.YES: ("Yes: {m} is a {r} of the {b} {w}", "Ja: {m} ist {w} {r} von {b}"),
    Answer.NO: (
        "No: {m} is not a {r} of the {b} {w}",
        "Nein: {m} ist {w} kein {r} von {b}",
    ),
    Answer.UNCERTAIN: (
        "Uncertain whether {m} is a {r} of the {b} {w}",
        "Unsicher, ob {m} {w} {r} von {b} ist",
    ),
}
_VERDICT = {
    Answer.YES: ("Yes: {m} was a {r} of the {b} {w}", "Ja: {m} war {w} {r} von {b}"),
    Answer.NO: (
        "No: {m} was not a {r} of the {b} {w}",
        "Nein: {m} war {w} kein {r} von {b}",
    ),
    Answer.UNCERTAIN: (
        "Uncertain whether {m} was a {r} of the {b} {w}",
        "Unsicher, ob {m} {w} {r} von {b} war",
    ),
}


def is_member_handler(store: Store, q: Question) -> Result:
    assert q.body is not None and q.member is not None
    verdict = query.is_member(store, q.member, q.body, _at_or_today(q))
    today = q.at is None or q.at == date.today()
    template = (_VERDICT_TODAY if today else _VERDICT)[verdict.answer][1 if q.lang == "de" else 0]
    body = _body_name(verdict.body, verdict.names_then, q.lang)
    reason = verdict.verdict.explain(q.lang)
    roles = verdict.roles or ["member"]
    role = say(q.lang, " and ", " und ").join(role_words(r, q.lang) for r in roles)
    text = (
        template.format(m=label(verdict.member, q.lang), b=body, w=_when(q), r=role)
        + f" — {reason}."
    )
    return Result(
        q.kind, verdict.answer.value, text, cite(verdict.evidence), [verdict.member], reason
    )


def _disagreement(q: Question, rows: list[query.Relation]) -> Result:
    """Sources that disagree on a start: every one of them, none chosen."""
    starts = [r.claim.interval.start for r in rows if r.claim.interval.start is not None]
    said = "; ".join(
        f"{date_words(s, q.lang)} ({', '.join(sorted({e.source for e in r.claim.evidence}))})"
        for s, r in zip(starts, rows, strict=True)
    )
    text = say(q.lang, f"The sources disagree: {said}.", f"Die Quellen widersprechen sich: {said}.")
    evidence = [e for r in rows for e in r.claim.evidence]
    return Result(q.kind, [s.edtf for s in starts], text, cite(evidence), [rows[0].object])


def _since_handler(store: Store, q: Question) -> Result:
    assert q.body is not None and q.member is not None
    rows = [
        r
        for r in query.since(store, q.member, q.body)
        if r.claim.interval.start is not None and _role_ok([r.claim], q.role)
    ]
    if not rows:
        return Result(
            q.kind,
            None,
            say(q.lang, "The sources give no start date.", "Die Quellen nennen keinen Beginn."),
        )
    identity = store.rename_identity()
    clash = [b for b in rows[1:] if contradicts(rows[0].claim, b.claim, identity)]
    if clash:
        return _disagreement(q, [rows[0], *clash])
    first = rows[0]
    start = first.claim.interval.start
    assert start is not None
    role = _relation_words(first.claim, q.lang)
    subject, obj = label(first.subject, q.lang), label(first.object, q.lang)
    when = date_words(start, q.lang)
    text = say(
        q.lang,
        f"{subject} — {role} — {obj}: since {when}.",
        f"{subject} — {role} — {obj}: seit {when}.",
    )
    instrument = first.claim.qualifiers.get("instrument")
    if instrument:
        text = text[:-1] + f" ({instrument})."
    return Result(q.kind, start.edtf, text, cite(first.claim.evidence), [first.object])


def holding(rows: list[query.Relation], q: Question) -> list[query.Relation]:
    """Rows that may hold at the question's date (all rows when it names none)."""
    if q.at is None:
        return rows
    at = q.at
    return [r for r in rows if r.claim.interval.check_date(at).answer is not Answer.NO]


def _leads_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = holding(query.leads(store, q.member), q)
    who = label(store.resolve(q.member), q.lang)
    result = _relations_result(
        q, rows, f"{who} leads {{names}}.", f"{who} leitet {{names}}.", pick="object"
    )
    contexts = sorted({r.claim.qualifiers.get("context", "") for r in rows} - {""})
    if contexts:
        result.text = result.text[:-1] + f" ({'; '.join(contexts)})."
    return result


def _former_name_handler(store: Store, q: Question) -> Result:
    assert q.body is not None
    records = query.former_names(store, q.body)
    entities = [r.entity for r in records]
    evidence = [e for r in records for e in r.evidence]
    citations = cite(evidence)
    if any(not r.evidence for r in records):
        # A rename the gazetteer knows but no ingested sentence states: say where it is from.
        citations.append(
            {
                "source": "gazetteer",
                "sentence": say(
                    q.lang,
                    "(the orgraph gazetteer records the rename)",
                    "(der orgraph-Gazetteer verzeichnet die Umbenennung)",
                ),
            }
        )
    body = label(store.resolve(q.body), q.lang)
    former = ", ".join(label(e, q.lang) for e in entities)
    if not entities:
        text = say(
            q.lang,
            f"The sources give the {body} no former name.",
            f"Die Quellen nennen keinen früheren Namen von {body}.",
        )
    else:
        text = say(
            q.lang, f"Former names of the {body}: {former}.", f"Frühere Namen von {body}: {former}."
        )
    return Result(q.kind, [e.ref() for e in entities], text, citations, entities)


def _period_text(q: Question) -> str:
    def one(value: FuzzyDate | date | None) -> str:
        if isinstance(value, FuzzyDate):
            return value.text or str(value)
        if value is None or value == date.min:
            return "…"
        if value == date.today():
            return say(q.lang, "today", "heute")
        return value.isoformat()

    return f"{one(q.at)} – {one(q.until)}"


def _joined_between_handler(store: Store, q: Question) -> Result:
    assert q.body is not None and q.at is not None and q.until is not None
    rows = [r for r, a in query.joined_between(store, q.body, q.at, q.until) if a is Answer.YES]
    body = label(store.resolve(q.body), q.lang)
    period = _period_text(q)
    return _relations_result(
        q,
        rows,
        f"Joined the {body} ({period}): {{names}}.",
        f"{body} beigetreten ({period}): {{names}}.",
    )


def _filter_part_of(
    store: Store, rows: list[query.Relation], part_of: str | None
) -> list[query.Relation]:
    if part_of is None:
        return rows
    parent = store.resolve(part_of).id
    return [r for r in rows if _is_part_of(store, r.object, parent)]


def _is_part_of(store: Store, entity: Entity, parent: str) -> bool:
    seen = set()
    current: Entity | None = entity
    while current is not None and current.parent and current.id not in seen:
        if current.parent == parent:
            return True
        seen.add(current.id)
        current = store.entity(current.parent)
    return any(
        c.object == parent for c in store.claims(subjects=[entity.id], predicates=["part_of"])
    )


def _liaises_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = holding(query.relations(store, q.member, predicate="liaises_with"), q)
    member = store.resolve(q.member)
    # The relation is symmetric: name the other side whichever way it was recorded.
    rows = [
        r if r.subject.id == member.id else query.Relation(r.claim, r.object, r.subject)
        for r in rows
    ]
    rows = _filter_part_of(store, rows, q.part_of)
    who = label(member, q.lang)
    return _relations_result(
        q,
        rows,
        f"{who} liaises with {{names}}.",
        f"{who} hält Verbindung mit {{names}}.",
        pick="object",
    )


def _relation_words(claim: Claim, lang: str) -> str:
    """The relation as a reader says it: the role where there is one, else the predicate."""
    if claim.role:
        return role_words(claim.role, lang)
    return predicates()[claim.predicate].label.get(lang, claim.predicate.replace("_", " "))


def relation_line(r: query.Relation, lang: str) -> str:
    predicate = predicates()[r.claim.predicate].label.get(lang, r.claim.predicate)
    role = f" ({role_words(r.claim.role, lang)})" if r.claim.role else ""
    start = r.claim.interval.start
    since = ""
    if start is not None:
        words = date_words(start, lang)
        since = say(lang, f" since {words}", f" seit {words}")
    return f"{short(r.subject, lang)} {predicate}{role} {short(r.object, lang)}{since}"


def _relations_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = holding(query.relations(store, q.member, q.body), q)
    lines = [relation_line(r, q.lang) for r in rows]
    text = (
        "; ".join(lines) + "."
        if lines
        else say(q.lang, "No relation is recorded.", "Keine Beziehung erfasst.")
    )
    answer_rows = [r.to_json() for r in rows]
    return Result(q.kind, answer_rows, text, cite([e for r in rows for e in r.claim.evidence]))


def _roles_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = holding(query.relations(store, q.member, q.body), q)
    member = store.resolve(q.member)
    rows = [
        r
        for r in rows
        if r.object.id != member.id
        and (r.claim.role or r.claim.predicate in ("leads", "member_of"))
    ]
    roles = [{"role": r.claim.role or r.claim.predicate, "body": r.object.ref()} for r in rows]
    lines = [f"{_relation_words(r.claim, q.lang)} — {short(r.object, q.lang)}" for r in rows]
    text = (
        "; ".join(lines) + "."
        if lines
        else say(q.lang, "No role is recorded.", "Keine Rolle erfasst.")
    )
    entities = list({r.object.id: r.object for r in rows}.values())
    return Result(q.kind, roles, text, cite([e for r in rows for e in r.claim.evidence]), entities)


def _not_a_query(store: Store, q: Question) -> Result:
    raise OrgraphError("cannot_answer is the refusal, not a query kind")


_HANDLERS = {
    Kind.MEMBERS: _members_handler,
    Kind.COUNT: _count_handler,
    Kind.FOUNDERS: _founders_handler,
    Kind.IS_MEMBER: is_member_handler,
    Kind.SINCE: _since_handler,
    Kind.LEADS: _leads_handler,
    Kind.FORMER_NAME: _former_name_handler,
    Kind.JOINED_BETWEEN: _joined_between_handler,
    Kind.LIAISES: _liaises_handler,
    Kind.RELATIONS: _relations_handler,
    Kind.ROLES: _roles_handler,
    Kind.CANNOT_ANSWER: _not_a_query,
}


# The newer kinds about one organization live in their own module, which builds on this one.
from orgraph.qa.hierarchy import part_of_handler  # noqa: E402
from orgraph.qa.profile import HANDLERS as _PROFILE  # noqa: E402

_HANDLERS.update(_PROFILE)
_HANDLERS[Kind.PART_OF] = part_of_handler
