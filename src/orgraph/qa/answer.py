"""Structured questions and their answers: one query kind each, always with citations.

The natural-language parser (`qa.parse`) and the gold-file runner both produce
a `Question`; `answer()` runs the matching query and phrases the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from orgraph import query
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Answer
from orgraph.model import Entity, Evidence
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


@dataclass
class Question:
    kind: Kind
    body: str | None = None
    member: str | None = None
    at: FuzzyDate | date | None = None
    until: FuzzyDate | date | None = None
    part_of: str | None = None  # restrict listed organizations to units of this body
    lang: str = "en"


@dataclass
class Result:
    kind: Kind
    answer: Any
    text: str
    citations: list[dict[str, str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # the organizations the answer names

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "answer": self.answer,
            "text": self.text,
            "citations": self.citations,
        }


def cite(evidence: list[Evidence]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for ev in evidence:
        # A manual claim may carry no sentence: cite who entered it instead.
        sentence = ev.text or f"({ev.extractor.replace(':', ' by ', 1)})"
        seen.setdefault((ev.source, sentence), None)
    return [{"source": s, "sentence": t} for s, t in seen]


def _names(entities: list[Entity]) -> str:
    return ", ".join(e.label for e in entities) or "—"


def _say(lang: str, en: str, de: str) -> str:
    return de if lang == "de" else en


def _at_or_today(q: Question) -> FuzzyDate | date:
    return q.at if q.at is not None else date.today()


def _members(store: Store, q: Question) -> tuple[list[query.MemberRow], query.Members]:
    assert q.body is not None
    result = query.members_at(store, q.body, _at_or_today(q))
    return [m for m in result.members if m.answer is Answer.YES], result


def answer(store: Store, q: Question) -> Result:
    """Run the query a question asks for and phrase the answer in the question's language."""
    return _HANDLERS[q.kind](store, q)


def _members_handler(store: Store, q: Question) -> Result:
    certain, result = _members(store, q)
    uncertain = [m for m in result.members if m.answer is Answer.UNCERTAIN]
    entities = [m.entity for m in certain]
    text = _say(
        q.lang,
        f"Members of {result.body.label} at {_when(q)}: {_names(entities)}.",
        f"Mitglieder von {result.body.label} ({_when(q)}): {_names(entities)}.",
    )
    if uncertain:
        text += _say(q.lang, " Uncertain: ", " Unsicher: ") + _names([m.entity for m in uncertain]) + "."
    evidence = [e for m in result.members for c in m.claims for e in c.evidence]
    return Result(q.kind, [e.ref() for e in entities], text, cite(evidence), entities)


def _count_handler(store: Store, q: Question) -> Result:
    certain, result = _members(store, q)
    uncertain = sum(1 for m in result.members if m.answer is Answer.UNCERTAIN)
    text = _say(
        q.lang,
        f"{result.body.label} had {len(certain)} members at {_when(q)}",
        f"{result.body.label} hatte {_when(q)} {len(certain)} Mitglieder",
    )
    if uncertain:
        text += _say(q.lang, f" ({uncertain} more uncertain)", f" ({uncertain} weitere unsicher)")
    evidence = [e for m in certain for c in m.claims for e in c.evidence]
    return Result(q.kind, len(certain), text + ".", cite(evidence), [m.entity for m in certain])


def _relations_result(q: Question, rows: list[query.Relation], en: str, de: str, pick: str = "subject") -> Result:
    entities = list({(r.subject if pick == "subject" else r.object).id: (r.subject if pick == "subject" else r.object) for r in rows}.values())
    text = _say(q.lang, en, de).format(names=_names(entities))
    return Result(q.kind, [e.ref() for e in entities], text, cite([e for r in rows for e in r.claim.evidence]), entities)


def _founders_handler(store: Store, q: Question) -> Result:
    assert q.body is not None
    rows = query.founders(store, q.body)
    body = store.resolve(q.body).label
    return _relations_result(q, rows, f"{body} was founded by {{names}}.", f"{body} wurde gegründet von {{names}}.")


def _is_member_handler(store: Store, q: Question) -> Result:
    assert q.body is not None and q.member is not None
    verdict = query.is_member(store, q.member, q.body, _at_or_today(q))
    words = {"yes": ("Yes", "Ja"), "no": ("No", "Nein"), "uncertain": ("Uncertain", "Unsicher")}
    word = words[verdict.answer.value][1 if q.lang == "de" else 0]
    text = f"{word}: {verdict.member.label} / {verdict.body.label} ({_when(q)}) — {verdict.reason}."
    return Result(q.kind, verdict.answer.value, text, cite(verdict.evidence), [verdict.member])


def _since_handler(store: Store, q: Question) -> Result:
    assert q.body is not None and q.member is not None
    rows = [r for r in query.since(store, q.member, q.body) if r.claim.interval.start is not None]
    if not rows:
        return Result(q.kind, None, _say(q.lang, "The sources give no start date.", "Die Quellen nennen keinen Beginn."))
    first = rows[0]
    start = first.claim.interval.start
    assert start is not None
    role = f" ({first.claim.role})" if first.claim.role else ""
    text = _say(
        q.lang,
        f"{first.subject.label} {first.claim.predicate}{role} {first.object.label} since {start.text or start}.",
        f"{first.subject.label} → {first.object.label}{role} seit {start.text or start}.",
    )
    return Result(q.kind, start.edtf, text, cite(first.claim.evidence), [first.object])


def _leads_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = query.leads(store, q.member)
    result = _relations_result(q, rows, "It leads {names}.", "Sie leitet {names}.", pick="object")
    contexts = sorted({r.claim.qualifiers.get("context", "") for r in rows} - {""})
    if contexts:
        result.text = result.text[:-1] + f" ({'; '.join(contexts)})."
    return result


def _former_name_handler(store: Store, q: Question) -> Result:
    assert q.body is not None
    records = query.former_names(store, q.body)
    entities = [r.entity for r in records]
    evidence = [e for r in records for e in r.evidence]
    text = _say(q.lang, f"Former names: {_names(entities)}.", f"Frühere Namen: {_names(entities)}.")
    return Result(q.kind, [e.ref() for e in entities], text, cite(evidence), entities)


def _joined_between_handler(store: Store, q: Question) -> Result:
    assert q.body is not None and q.at is not None and q.until is not None
    rows = [r for r, a in query.joined_between(store, q.body, q.at, q.until) if a is Answer.YES]
    return _relations_result(q, rows, "Joined in that period: {names}.", "In diesem Zeitraum beigetreten: {names}.")


def _filter_part_of(store: Store, rows: list[query.Relation], part_of: str | None) -> list[query.Relation]:
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
    return any(c.object == parent for c in store.claims(subjects=[entity.id], predicates=["part_of"]))


def _liaises_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = query.relations(store, q.member, predicate="liaises_with")
    rows = _filter_part_of(store, rows, q.part_of)
    return _relations_result(q, rows, "Liaises with {names}.", "Hält Verbindung mit {names}.", pick="object")


def _relations_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = query.relations(store, q.member, q.body)
    lines = [f"{r.subject.label} {r.claim.predicate} {r.object.label}" for r in rows]
    text = "; ".join(lines) or _say(q.lang, "No relation is recorded.", "Keine Beziehung erfasst.")
    answer_rows = [r.to_json() for r in rows]
    return Result(q.kind, answer_rows, text, cite([e for r in rows for e in r.claim.evidence]))


def _roles_handler(store: Store, q: Question) -> Result:
    assert q.member is not None
    rows = query.relations(store, q.member, q.body)
    rows = [r for r in rows if r.claim.role or r.claim.predicate in ("leads", "member_of")]
    roles = [f"{r.claim.role or r.claim.predicate} — {r.object.label}" for r in rows]
    return Result(q.kind, roles, "; ".join(roles) or "—", cite([e for r in rows for e in r.claim.evidence]))


def _when(q: Question) -> str:
    if q.at is None:
        return _say(q.lang, "today", "heute")
    return str(q.at.text or q.at) if isinstance(q.at, FuzzyDate) else q.at.isoformat()


_HANDLERS = {
    Kind.MEMBERS: _members_handler,
    Kind.COUNT: _count_handler,
    Kind.FOUNDERS: _founders_handler,
    Kind.IS_MEMBER: _is_member_handler,
    Kind.SINCE: _since_handler,
    Kind.LEADS: _leads_handler,
    Kind.FORMER_NAME: _former_name_handler,
    Kind.JOINED_BETWEEN: _joined_between_handler,
    Kind.LIAISES: _liaises_handler,
    Kind.RELATIONS: _relations_handler,
    Kind.ROLES: _roles_handler,
}
