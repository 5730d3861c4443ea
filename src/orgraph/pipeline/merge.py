"""One claim per statement: duplicates pool their evidence, weaker claims give way to firmer ones."""

from __future__ import annotations

from orgraph.model import Claim


def merge_claims(claims: list[Claim], borrowed: frozenset[int] = frozenset()) -> list[Claim]:
    """The document's claims without repeats, weaker duplicates or claims about one entity.

    `borrowed` holds the ids of claims whose date came from another sentence ("seither …"): such
    a claim gives way to a twin the text dates itself ("Seit September 2016 gehört …")."""
    pooled = _pool(_drop_subsumed(claims))
    own: dict[tuple[str, str, str, str | None], Claim] = {}
    for c in pooled:
        if id(c) not in borrowed and c.interval.start is not None:
            own.setdefault(_relation(c), c)
    result = []
    for claim in pooled:
        twin = own.get(_relation(claim))
        if id(claim) in borrowed and twin is not None and twin is not claim:
            _absorb(twin, claim)
        else:
            result.append(claim)
    return [c for c in result if c.subject != c.object]


def _relation(c: Claim) -> tuple[str, str, str, str | None]:
    return (c.subject, c.predicate, c.object, c.role)


def _pool(claims: list[Claim]) -> list[Claim]:
    """One claim per statement: duplicates pool evidence; an undated twin joins a dated one."""
    merged: dict[tuple[object, ...], Claim] = {}
    for claim in claims:
        key = claim.content_key()
        if key in merged:
            _absorb(merged[key], claim)
        else:
            merged[key] = claim
    dated: dict[tuple[str, str, str, str | None], Claim] = {}
    for c in merged.values():
        if c.interval.start is not None:
            dated.setdefault(_relation(c), c)
    result = []
    for claim in merged.values():
        twin = dated.get(_relation(claim)) if claim.interval.start is None else None
        if twin is not None:
            _absorb(twin, claim)
        else:
            result.append(claim)
    return result


def _absorb(into: Claim, other: Claim) -> None:
    spans = {(e.source, e.start, e.end) for e in into.evidence}
    for ev in other.evidence:
        if (ev.source, ev.start, ev.end) not in spans:
            into.evidence.append(ev)
    into.confidence = max(into.confidence, other.confidence)
    for key, value in other.qualifiers.items():
        into.qualifiers.setdefault(key, value)


def _drop_subsumed(claims: list[Claim]) -> list[Claim]:
    """A firm agreement already says two organizations cooperate, a membership that one takes
    part in the other ("nehmen als Mitglieder an UN-Länderteams teil"): drop the weaker claim."""
    agreed = {
        frozenset((c.subject, c.object))
        for c in claims
        if c.predicate == "agreement_with" and "hedge" not in c.qualifiers
    }
    belongs = {(c.subject, c.object) for c in claims if c.predicate in ("member_of", "part_of")}
    return [
        c
        for c in claims
        if not (c.predicate == "cooperates_with" and frozenset((c.subject, c.object)) in agreed)
        and not (c.predicate == "participates_in" and (c.subject, c.object) in belongs)
    ]
