"""Time-aware questions over the store (SPEC §3), each answer with its evidence.

Every function takes an optional `as_known` date: the graph as it was recorded
on that day (transaction time), for audits of what was said before a correction.
Query dates are fuzzy: "2006" asks about the whole year, and an organization
counts as a member when it certainly was one on some day of that period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from orgraph.errors import InvalidClaim, InvalidDate
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Answer, EndState, Interval, Verdict
from orgraph.lineage import NamePeriod, lineage, name_at
from orgraph.model import Claim, Entity, Evidence, predicates
from orgraph.reasons import Fact
from orgraph.statements import contradicts
from orgraph.store import Store

Period = tuple[date, date]
Q = TypeVar("Q", bound=Callable[..., Any])


def _answer(question: Q) -> Q:
    """Answer from one read snapshot: every statement of the answer on one connection."""

    @wraps(question)
    def answered(store: Store, *args: Any, **kwargs: Any) -> Any:
        with store.snapshot():
            return question(store, *args, **kwargs)

    return answered  # type: ignore[return-value]


def period_of(at: FuzzyDate | date) -> Period:
    """The days a query date covers: "Anfang 2007" is January–April, not the whole year."""
    return (at, at) if isinstance(at, date) else at.asked_period()


def date_json(at: FuzzyDate | date) -> dict[str, Any]:
    fuzzy = at if isinstance(at, FuzzyDate) else FuzzyDate.from_date(at)
    return fuzzy.to_json()


def membership_predicates() -> list[str]:
    return [p.name for p in predicates().values() if p.membership]


def interval_json(claim: Claim) -> dict[str, Any]:
    interval = claim.interval
    if interval.end is not None:
        end: dict[str, Any] | None = interval.end.to_json()
    elif interval.end_state.value == "ongoing":
        end = {"open": True}
    elif interval.end_state.value == "ended":
        end = {"ended": True}
    else:
        end = None
    return {"start": interval.start.to_json() if interval.start else None, "end": end}


def evidence_json(evidence: list[Evidence] | tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [e.to_json() for e in evidence]


def reasons_json(verdict: Verdict) -> dict[str, Any]:
    """The reason in English (`reason`) and in every language the answers speak."""
    return {
        "reason": verdict.reason,
        "reasons": {lang: verdict.explain(lang) for lang in ("en", "de")},
    }


class Verdicted:
    """An answer that rests on a verdict: its answer and (English) reason."""

    verdict: Verdict

    @property
    def answer(self) -> Answer:
        return self.verdict.answer

    @property
    def reason(self) -> str:
        return self.verdict.reason


@dataclass
class MemberRow(Verdicted):
    entity: Entity
    verdict: Verdict
    claims: list[Claim]
    body_then: list[Entity]

    def to_json(self) -> dict[str, Any]:
        best = self.claims[0]
        return {
            "entity": self.entity.ref(),
            "answer": self.answer.value,
            **reasons_json(self.verdict),
            "role": best.role,
            "roles": sorted({c.role or "member" for c in self.claims}),
            **interval_json(best),
            "body_then": [b.ref() for b in self.body_then],
            "evidence": evidence_json([e for c in self.claims for e in c.evidence]),
        }


@dataclass
class Members:
    body: Entity
    at: FuzzyDate | date
    members: list[MemberRow]
    names_then: list[Entity] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body.ref(),
            "at": date_json(self.at),
            "body_then": [b.ref() for b in self.names_then],
            "members": [m.to_json() for m in self.members],
        }


@dataclass
class MembershipVerdict(Verdicted):
    member: Entity
    body: Entity
    at: FuzzyDate | date
    verdict: Verdict
    evidence: list[Evidence]
    names_then: list[Entity] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # the roles the answer rests on

    def to_json(self) -> dict[str, Any]:
        return {
            "member": self.member.ref(),
            "body": self.body.ref(),
            "at": date_json(self.at),
            "answer": self.answer.value,
            **reasons_json(self.verdict),
            "roles": self.roles,
            "body_then": [b.ref() for b in self.names_then],
            "evidence": evidence_json(self.evidence),
        }


def _best(verdicts: list[tuple[Verdict, Claim]]) -> tuple[Verdict, list[Claim]]:
    """The strongest verdict among a member's claims, and the claims that support it."""
    top = max(v.answer.rank for v, _ in verdicts)
    # Among equals, a dated claim gives the more telling reason.
    chosen = sorted(
        ((v, c) for v, c in verdicts if v.answer.rank == top),
        key=lambda vc: vc[1].interval.start is None,
    )
    return chosen[0][0], [c for _, c in chosen]


def _membership_verdicts(
    store: Store,
    body_ids: list[str],
    at: FuzzyDate | date,
    as_known: date | None,
    member: list[str] | None = None,
) -> dict[str, list[tuple[Verdict, Claim]]]:
    """Each member's verdicts, one per statement. Without `member`, statements certainly
    outside the period are left out in SQL: they can only answer no, and members-at lists no
    one for a no."""
    period = period_of(at)
    by_member: dict[str, list[tuple[Verdict, Claim]]] = defaultdict(list)
    ended = _body_end(store, body_ids[-1], as_known) if body_ids else None
    kinds = membership_predicates()
    if member is not None:
        claims = store.claims(
            subjects=member, objects=body_ids, predicates=kinds, as_known=as_known
        )
    else:
        claims = store.claims(objects=body_ids, predicates=kinds, during=period, as_known=as_known)
        # An end stated by another statement of the same membership can close an ongoing one
        # past what its sources vouch for (`_stated_end`): those members' statements in full.
        vouched = sorted({c.subject for c in claims if c.interval.attested is not None})
        if vouched:
            seen = {c.id for c in claims}
            claims += [
                c
                for c in store.claims(
                    subjects=vouched, objects=body_ids, predicates=kinds, as_known=as_known
                )
                if c.id not in seen
            ]
    for claim in claims:
        interval = claim.interval
        # Nobody stays a member of a body that was replaced or merged away, nor past an end
        # that a later source states. (A claim that starts after the end stays as it is.)
        end = ended or _stated_end(claim, claims)
        if end is not None and interval.end_state is EndState.ONGOING:
            with suppress(InvalidClaim):
                interval = Interval(interval.start, end)
        verdict = _observed(claim, period) or _began_within(claim, period)
        by_member[claim.subject].append((verdict or interval.check(*period, asked=at), claim))
    return by_member


def _stated_end(claim: Claim, claims: list[Claim]) -> FuzzyDate | None:
    """The end another statement of the same membership gives, when it lies past what the
    claim's own sources vouch for ("member since 2007" in 2010; "left in 2018" in 2020)."""
    attested = claim.interval.attested
    if attested is None:
        return None
    ends = [
        c.interval.end
        for c in claims
        if c.subject == claim.subject
        and (c.predicate, c.role) == (claim.predicate, claim.role)
        and c.interval.end is not None
        and c.interval.end.upper >= attested.lower
    ]
    return max(ends, key=lambda e: e.lower, default=None)


def _began_within(claim: Claim, period: Period) -> Verdict | None:
    """ "In den 1990er-Jahren trat X bei": begun some time in that span, and not said to end."""
    span = claim.qualifiers.get("began_within", "")
    first, _, last = span.partition("/")
    if not last or claim.interval.end_state is not EndState.ONGOING:
        return None
    with suppress(InvalidDate):
        low, high = FuzzyDate.parse(first).period()[0], FuzzyDate.parse(last).period()[1]
        if period[0] > high:
            return Verdict(Answer.YES, "began_within_yes", {"span": span})
        if period[1] < low:
            return Verdict(Answer.NO, "began_within_no", {"span": span})
        return Verdict(Answer.UNCERTAIN, "began_within", {"span": span})
    return None


def _observed(claim: Claim, period: Period) -> Verdict | None:
    """ "Stand 2023 gehörten ihm … an": the source saw the membership at some time in 2023; asked
    about a period that holds all of that time, the answer is yes whatever the unknown start."""
    as_of = claim.qualifiers.get("as_of")
    if not as_of:
        return None
    with suppress(InvalidDate):
        seen = FuzzyDate.parse(as_of)
        low, high = seen.period()
        if period[0] <= low and high <= period[1]:
            return Verdict(Answer.YES, "observed", {"as_of": seen})
    return None


def _body_end(store: Store, body_id: str, as_known: date | None) -> FuzzyDate | None:
    """When a body ceased: replaced or merged into another, as a source (or a person) says.

    The gazetteer's successions are not used here: an answer must rest on a citable sentence.
    """
    for claim in store.claims(
        subjects=[body_id], predicates=["replaced_by", "merged_into"], as_known=as_known
    ):
        if claim.interval.start is not None:
            return claim.interval.start
    return None


def _body(store: Store, body: str, as_known: date | None = None) -> tuple[Entity, list[NamePeriod]]:
    """The body under its current name (whatever name it was asked by), and its names in time,
    as the graph knew them on `as_known`."""
    entity = store.resolve(body)
    periods = lineage(store, entity.id, as_known)
    current = periods[-1].entity_id
    return (entity if current == entity.id else store.entity(current)), periods


@_answer
def members_at(
    store: Store, body: str, at: FuzzyDate | date, as_known: date | None = None
) -> Members:
    """Who was a member (any role) of the body, across its renames, on some day of `at`."""
    entity, periods = _body(store, body, as_known)
    period = period_of(at)
    found = _membership_verdicts(store, [p.entity_id for p in periods], at, as_known)
    # A member under two of its names is one member, named as it is called now.
    identity = store.rename_identity() if found else {}
    groups: dict[str, list[tuple[Verdict, Claim]]] = defaultdict(list)
    for member_id, verdicts in found.items():
        groups[identity.get(member_id, member_id)] += verdicts
    current = {
        root: lineage(store, root, as_known)[-1].entity_id if root in identity.values() else root
        for root in groups
    }
    # Where the sources disagree, the member is listed as uncertain, never settled silently.
    best = {
        current[root]: _disagreement(periods, verdicts) or _best(verdicts)
        for root, verdicts in groups.items()
    }
    best = {m: vc for m, vc in best.items() if vc[0].answer is not Answer.NO}
    then = name_at(periods, *period)
    # Every entity the answer names, in one batch.
    known = store.entities_by_id(
        [*best, *(c.object for _, claims in best.values() for c in claims), *then]
    )
    rows = [
        MemberRow(known[m], verdict, claims, [known[c.object] for c in claims])
        for m, (verdict, claims) in best.items()
    ]
    rows.sort(key=lambda r: (r.answer is not Answer.YES, _start_key(r.claims[0]), r.entity.label))
    return Members(entity, at, rows, [known[i] for i in then])


def _disagreement(
    periods: list[NamePeriod], verdicts: list[tuple[Verdict, Claim]]
) -> tuple[Verdict, list[Claim]] | None:
    """Statements that contradict each other and answer differently: the sources disagree, and
    the answer says so instead of choosing one (SPEC §1)."""
    # The statements share their member; only the body's names need to be one identity.
    identity = {p.entity_id: periods[0].entity_id for p in periods}
    for index, (va, a) in enumerate(verdicts):
        for vb, b in verdicts[index + 1 :]:
            if va.answer is not vb.answer and contradicts(a, b, identity):
                one, other = sorted((a, b), key=_start_key)
                if one.interval.start != other.interval.start:
                    facts: dict[str, Fact] = {
                        "one": one.interval.start or "?",
                        "other": other.interval.start or "?",
                    }
                    return Verdict(Answer.UNCERTAIN, "disagree", facts), [one, other]
                ends = {"one": _end_fact(one), "other": _end_fact(other)}
                return Verdict(Answer.UNCERTAIN, "disagree_end", ends), [one, other]
    return None


def _end_fact(claim: Claim) -> Fact:
    """The end a statement gives, for the reason's words (a date, or the word for none)."""
    return claim.interval.end or f"@{claim.interval.end_state.value}"


def _start_key(claim: Claim) -> date:
    return claim.interval.start.lower if claim.interval.start else date.max


@_answer
def is_member(
    store: Store, member: str, body: str, at: FuzzyDate | date, as_known: date | None = None
) -> MembershipVerdict:
    """Three-valued: was `member` a member of `body` on some day of `at`? With reason and evidence."""
    org = store.resolve(member)
    entity, periods = _body(store, body, as_known)
    period = period_of(at)
    then = name_at(periods, *period)
    known = {entity.id: entity} if set(then) == {entity.id} else store.entities_by_id(then)
    names_then = [known[i] for i in then]
    # The member under any of its names: a statement may name it as it was called then.
    names = [p.entity_id for p in lineage(store, org.id, as_known)]
    found = _membership_verdicts(store, [p.entity_id for p in periods], at, as_known, names)
    mine = [v for name in names for v in found.get(name, [])]
    if mine:
        verdict, claims = _best(mine)
        disagreement = _disagreement(periods, mine)
        if disagreement is not None:
            verdict, claims = disagreement
        evidence = [e for c in claims for e in c.evidence]
        roles = sorted({c.role or "member" for c in claims})
        return MembershipVerdict(org, entity, at, verdict, evidence, names_then, roles)
    closed = _complete_at(store, periods, at, as_known)
    if closed is not None:
        return MembershipVerdict(org, entity, at, closed[0], closed[1], names_then)
    return MembershipVerdict(org, entity, at, Verdict(Answer.UNCERTAIN, "unlinked"), [], names_then)


def _complete_at(
    store: Store,
    periods: list[NamePeriod],
    at: FuzzyDate | date,
    as_known: date | None,
) -> tuple[Verdict, list[Evidence]] | None:
    """A stated count (or complete list) for that date that the certain members already fill."""
    first, last = period_of(at)
    certain: int | None = None  # counted only when a stated count is there to compare with
    for stated in store.stated_counts([p.entity_id for p in periods], as_known):
        if stated.at is None or not (stated.at.lower <= last and first <= stated.at.upper):
            continue
        if certain is None:
            everyone = _membership_verdicts(store, [p.entity_id for p in periods], at, as_known)
            certain = sum(1 for v in everyone.values() if _best(v)[0].answer is Answer.YES)
        if stated.count == certain or stated.complete:
            evidence = [stated.evidence] if stated.evidence else []
            return Verdict(Answer.NO, "complete", {"count": stated.count}), evidence
    return None


@dataclass
class Relation:
    claim: Claim
    subject: Entity
    object: Entity

    def to_json(self) -> dict[str, Any]:
        return claim_json(self.claim, self.subject, self.object)


def claim_json(claim: Claim, subject: Entity, obj: Entity) -> dict[str, Any]:
    """The JSONL export line of SPEC §5 (one claim)."""
    return {
        "id": claim.id,
        "subject": subject.ref(),
        "predicate": claim.predicate,
        "role": claim.role,
        "object": obj.ref(),
        "qualifiers": claim.qualifiers,
        **interval_json(claim),
        "status": claim.status.value,
        "confidence": claim.confidence,
        "corroboration": {"documents": len(claim.documents), "confidence": claim.corroborated},
        "recorded_at": claim.recorded_at.isoformat() if claim.recorded_at else None,
        "retracted_at": claim.retracted_at.isoformat() if claim.retracted_at else None,
        # In document order, whichever document stated it first.
        "evidence": evidence_json(sorted(claim.evidence, key=lambda e: (e.source, e.start))),
    }


def _relations_of(store: Store, claims: list[Claim]) -> list[Relation]:
    known = store.entities_by_id(e for c in claims for e in (c.subject, c.object))
    return [Relation(c, known[c.subject], known[c.object]) for c in claims]


@_answer
def relations(
    store: Store,
    entity: str,
    other: str | None = None,
    predicate: str | None = None,
    as_known: date | None = None,
) -> list[Relation]:
    """All current claims involving the entity (and `other`, when given), in time order."""
    first = store.resolve(entity)
    ids = [p.entity_id for p in lineage(store, first.id)]
    claims = store.claims(
        involving=ids, predicates=[predicate] if predicate else None, as_known=as_known
    )
    if other is not None:
        second = store.resolve(other)
        others = {p.entity_id for p in lineage(store, second.id)}
        claims = [c for c in claims if c.subject in others or c.object in others]
    claims.sort(key=lambda c: (_start_key(c), c.predicate))
    return _relations_of(store, claims)


@_answer
def timeline(store: Store, entity: str, as_known: date | None = None) -> list[Relation]:
    """The entity's dated history: every claim involving it (or its former names), by start date."""
    return relations(store, entity, as_known=as_known)


@dataclass
class NameRecord:
    entity: Entity
    since: FuzzyDate | None
    until: FuzzyDate | None
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity.ref(),
            "since": self.since.to_json() if self.since else None,
            "until": self.until.to_json() if self.until else None,
            "evidence": evidence_json(self.evidence),
        }


@_answer
def names(store: Store, entity: str, as_known: date | None = None) -> list[NameRecord]:
    """The body's names over time, oldest first, with the sentences that say so."""
    first = store.resolve(entity)
    periods = lineage(store, first.id, as_known)
    known = store.entities_by_id(p.entity_id for p in periods)
    return [NameRecord(known[p.entity_id], p.since, p.until, p.evidence) for p in periods]


@_answer
def former_names(store: Store, entity: str, as_known: date | None = None) -> list[NameRecord]:
    first = store.resolve(entity)
    records = names(store, first.id, as_known)
    index = next(i for i, r in enumerate(records) if r.entity.id == first.id)
    return records[:index]


@_answer
def founders(store: Store, body: str, as_known: date | None = None) -> list[Relation]:
    """Members recorded with the role founding_member, across the body's names."""
    _, periods = _body(store, body, as_known)
    claims = store.claims(
        objects=[p.entity_id for p in periods], predicates=["member_of"], as_known=as_known
    )
    return _relations_of(store, [c for c in claims if c.role == "founding_member"])


@_answer
def joined_between(
    store: Store,
    body: str,
    first: FuzzyDate | date,
    last: FuzzyDate | date,
    as_known: date | None = None,
) -> list[tuple[Relation, Answer]]:
    """Members whose membership began within [first, last]: yes when certainly, uncertain when the start window straddles."""
    _, periods = _body(store, body, as_known)
    low, high = period_of(first)[0], period_of(last)[1]
    claims = store.claims(
        objects=[p.entity_id for p in periods],
        predicates=membership_predicates(),
        as_known=as_known,
    )
    # A member already before the period (by any claim) did not join in it.
    earliest: dict[str, date] = {}
    for claim in claims:
        if claim.interval.start is not None:
            upper = claim.interval.start.upper
            earliest[claim.subject] = min(upper, earliest.get(claim.subject, upper))
    found: dict[str, tuple[Claim, Answer]] = {}
    for claim in claims:
        start = claim.interval.start
        if start is None or start.upper < low or start.lower > high:
            continue
        if earliest[claim.subject] < low:
            continue
        answer = Answer.YES if low <= start.lower and start.upper <= high else Answer.UNCERTAIN
        previous = found.get(claim.subject)
        if previous is None or answer.rank > previous[1].rank:
            found[claim.subject] = (claim, answer)
    rows = _relations_of(store, [c for c, _ in found.values()])
    return [(r, found[r.subject.id][1]) for r in sorted(rows, key=lambda r: _start_key(r.claim))]


@_answer
def since(store: Store, member: str, body: str, as_known: date | None = None) -> list[Relation]:
    """The membership claims of `member` in `body` (all roles), earliest start first."""
    org = store.resolve(member)
    _, periods = _body(store, body, as_known)
    claims = store.claims(
        subjects=[org.id],
        objects=[p.entity_id for p in periods],
        predicates=[*membership_predicates(), "part_of", "participates_in", "leads"],
        as_known=as_known,
    )
    claims.sort(key=_start_key)
    return _relations_of(store, claims)


@_answer
def leads(store: Store, member: str, as_known: date | None = None) -> list[Relation]:
    org = store.resolve(member)
    return _relations_of(
        store, store.claims(subjects=[org.id], predicates=["leads"], as_known=as_known)
    )
