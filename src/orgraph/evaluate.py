"""`orgraph eval`: extraction scored against a gold file (SPEC §6).

The gold's document is ingested into a fresh in-memory store. A claim matches
a gold fact when subject, predicate (and role, where the gold gives one) and
object match by surface form, and — for the dated score — the start matches
at the gold's precision. A claim about a unit's parent matches a gold fact
about the unit (`unit_of`). Optional gold facts count neither for nor against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgraph.errors import OrgraphError
from orgraph.goldfile import GoldFact, GoldFile, load_gold
from orgraph.ingest import ingest_text, read_document
from orgraph.model import Claim, Entity, predicate
from orgraph.names import acronym_key, name_key
from orgraph.reader.model import Reader, read
from orgraph.store import Store


@dataclass
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class EvalReport:
    gold: str
    dated: Score
    undated: Score
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "with_dates": self.dated.to_json(),
            "without_dates": self.undated.to_json(),
            "misses": self.misses,
            "false_positives": self.false_positives,
            "stated_counts": self.counts,
        }


def _keys(text: str) -> set[str]:
    return {k for k in (name_key(text), acronym_key(text)) if k}


class EntityMatcher:
    """Which gold entities a store entity stands for, by shared surface forms."""

    def __init__(self, gold: GoldFile, store: Store) -> None:
        self.gold = gold
        self.store = store
        self.by_key: dict[str, set[str]] = {}
        for entity in gold.entities.values():
            for form in entity.forms:
                for key in _keys(form):
                    self.by_key.setdefault(key, set()).add(entity.id)
        self.cache: dict[str, set[str]] = {}

    def gold_ids(self, entity_id: str) -> set[str]:
        if entity_id not in self.cache:
            entity: Entity = self.store.entity(entity_id)
            votes: Counter[str] = Counter()
            for name in entity.names:
                for key in _keys(name.text):
                    for gid in self.by_key.get(key, ()):
                        votes[gid] += 2 if name.kind == "seen" else 1
            for key in _keys(entity.label):
                for gid in self.by_key.get(key, ()):
                    votes[gid] += 1
            top = max(votes.values(), default=0)
            self.cache[entity_id] = {g for g, v in votes.items() if v == top} if top else set()
        return self.cache[entity_id]

    def matches(self, entity_id: str, gold_id: str, *, allow_parent: bool) -> bool:
        if gold_id in self.gold_ids(entity_id):
            return True
        unit_of = self.gold.entities[gold_id].unit_of
        return allow_parent and unit_of is not None and unit_of in self.gold_ids(entity_id)


def fact_matches(claim: Claim, fact: GoldFact, matcher: EntityMatcher, dated: bool) -> bool:
    if claim.predicate != fact.r or (fact.role and claim.role != fact.role):
        return False
    forward = matcher.matches(claim.subject, fact.s, allow_parent=True) and matcher.matches(
        claim.object, fact.o, allow_parent=True
    )
    # A symmetric relation ("agreement between A and B") holds in either direction.
    backward = (
        predicate(fact.r).symmetric
        and matcher.matches(claim.subject, fact.o, allow_parent=True)
        and matcher.matches(claim.object, fact.s, allow_parent=True)
    )
    if not (forward or backward):
        return False
    if dated and fact.start is not None:
        start = claim.interval.start
        return start is not None and start.matches_at_precision(fact.start)
    return True


def _score(
    claims: list[Claim], gold: GoldFile, matcher: EntityMatcher, dated: bool
) -> tuple[Score, list[GoldFact], list[Claim]]:
    unmatched_facts = list(gold.facts)
    tp = fp = 0
    false_positives = []
    for claim in claims:
        fact = next((f for f in unmatched_facts if fact_matches(claim, f, matcher, dated)), None)
        if fact is None:
            if any(fact_matches(claim, f, matcher, dated) for f in gold.facts):
                continue  # a second claim for a fact already matched: neither for nor against
            fp += 1
            false_positives.append(claim)
            continue
        unmatched_facts.remove(fact)
        if not fact.optional:
            tp += 1
    misses = [f for f in unmatched_facts if not f.optional]
    return Score(tp, fp, len(misses)), misses, false_positives


def _claim_row(store: Store, claim: Claim) -> dict[str, Any]:
    return {
        "subject": store.entity(claim.subject).label,
        "predicate": claim.predicate + (f" ({claim.role})" if claim.role else ""),
        "role": claim.role,
        "object": store.entity(claim.object).label,
        "start": str(claim.interval.start) if claim.interval.start else None,
        "sentence": claim.evidence[0].text if claim.evidence else "",
    }


@dataclass
class ScoredRun:
    """One gold document extracted into a fresh store: what every measure reads."""

    gold: GoldFile
    text: str
    store: Store
    source_id: str
    claims: list[Claim]
    matcher: EntityMatcher


def run_extraction(
    gold_path: str | Path, lang: str | None = None, reader: Reader = read
) -> ScoredRun:
    """Ingest the gold's document into a fresh in-memory store (read by `reader`: the rules
    with the shipped model, by default)."""
    gold = load_gold(gold_path)
    text = read_document(gold.document)
    store = Store()
    store.seed()
    report = ingest_text(store, text, str(gold.document), lang or gold.language, reader=reader)
    claims = store.claims(source=report.source_id)
    return ScoredRun(gold, text, store, report.source_id, claims, EntityMatcher(gold, store))


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files named, and the `*.gold.json` files below folders named (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.rglob("*.gold.json"))
            if not inside:
                raise OrgraphError(f"{path}: no *.gold.json files in this folder")
            found += inside
        else:
            found.append(path)
    return found


def evaluate(gold_path: str | Path, lang: str | None = None, reader: Reader = read) -> EvalReport:
    """Ingest the gold's document into a fresh store and score the extraction."""
    return score_run(run_extraction(gold_path, lang, reader))


def score_run(run: ScoredRun) -> EvalReport:
    """Precision, recall and F1 with and without dates, misses, false positives, counts."""
    gold, store, claims, matcher = run.gold, run.store, run.claims, run.matcher
    dated, misses, fps = _score(claims, gold, matcher, dated=True)
    undated, _, _ = _score(claims, gold, matcher, dated=False)
    found_counts = store.stated_counts()
    counts = [
        {
            "body": c["body"],
            "count": c["count"],
            "at": c.get("at"),
            "found": any(
                s.count == c["count"] and c["body"] in matcher.gold_ids(s.body)
                for s in found_counts
            ),
        }
        for c in gold.stated_counts
    ]
    return EvalReport(
        str(gold.path),
        dated,
        undated,
        misses=[{k: v for k, v in f.raw.items()} for f in misses],
        false_positives=[_claim_row(store, c) for c in fps],
        counts=counts,
    )
