"""Part of, through the hierarchy: "Is the IOM part of the UN system?", "Gehört UNICEF zu den
Vereinten Nationen?". The path runs over part_of statements (with their sentences and dates)
and the gazetteer's parents; a question the hierarchy does not settle is a membership question.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Answer
from orgraph.model import Claim
from orgraph.qa.answer import Kind, Question, Result, cite, is_member_handler, label, say
from orgraph.qa.profile import gazetteer_note, lineage_ids, type_words
from orgraph.qa.words import patterns
from orgraph.reasons import date_words
from orgraph.store import Store


def _path_up(store: Store, start: str, goal: set[str]) -> list[Claim | str] | None:
    """The steps from `start` up to any of `goal`: part_of claims, or a parent id (gazetteer)."""
    frontier: list[tuple[str, list[Claim | str]]] = [(start, [])]
    seen = {start}
    while frontier:
        current, path = frontier.pop(0)
        steps: list[tuple[str, Claim | str]] = [
            (c.object, c) for c in store.claims(subjects=[current], predicates=["part_of"])
        ]
        parent = store.entity(current).parent
        if parent:
            steps.append((parent, parent))
        for nxt, step in steps:
            if nxt in goal:
                return [*path, step]
            if nxt not in seen and len(path) < 6:
                seen.add(nxt)
                frontier.append((nxt, [*path, step]))
    return None


def part_of_handler(store: Store, q: Question) -> Result:
    assert q.member is not None and q.body is not None
    member, body = store.resolve(q.member), store.resolve(q.body)
    whole = store.entity(patterns()["part_of"]["same_as"].get(body.id, body.id))
    goal = set(lineage_ids(store, whole)) | {body.id}
    path = _path_up(store, member.id, goal)
    if path is None:
        return is_member_handler(store, replace(q, kind=Kind.IS_MEMBER))
    claims = [s for s in path if isinstance(s, Claim)]
    verdict, start = Answer.YES, None
    at: FuzzyDate | date | None = q.at
    for claim in claims:
        if at is not None:
            check = claim.interval.check_date(at).answer
            verdict = check if check.rank < verdict.rank else verdict
        start = claim.interval.start or start
    since = ""
    if start is not None:
        words = date_words(start, q.lang)
        since = (
            say(q.lang, f" since {words}", f" seit {words}")
            if verdict is Answer.YES
            else say(q.lang, f" — only since {words}", f" — erst seit {words}")
        )
    m, w = label(member, q.lang), label(whole, q.lang)
    yes = {
        Answer.YES: say(q.lang, f"Yes: {m} is part of the {w}", f"Ja: {m} gehört zu {w}"),
        Answer.NO: say(
            q.lang,
            f"No: {m} was not part of the {w} then",
            f"Nein: {m} gehörte damals nicht zu {w}",
        ),
        Answer.UNCERTAIN: say(
            q.lang,
            f"Uncertain whether {m} was part of the {w} then",
            f"Unsicher, ob {m} damals zu {w} gehörte",
        ),
    }[verdict]
    text = f"{yes} ({type_words(member, q.lang)}){since}."
    citations = cite([e for c in claims for e in c.evidence])
    if any(isinstance(s, str) for s in path):
        citations.append(gazetteer_note(q.lang))
    return Result(q.kind, verdict.value, text, citations, [member])
