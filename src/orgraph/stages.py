"""Stage-by-stage measurement of extraction against gold spans (issue 9, SPEC §4).

End-to-end F1 says how much is lost, not where. Each stage here is scored on its own, on one
gold document extracted into a fresh store (`evaluate.run_extraction`):

- **mentions** — recall and precision of the pipeline's organization mentions against the gold
  mention spans: every whole-word occurrence of an entity's `forms` and `references` in the
  text, longest match first (an occurrence inside a longer one is no mention of its own:
  "Vereinten Nationen" inside "Amt der Vereinten Nationen für …" is the office's). Whitespace in
  a form matches any whitespace, so line-broken names are found; forms match in their case,
  references also with their first letter's case flipped ("the Board" opens a sentence as "The
  Board"). A predicted mention matches a gold mention when their spans overlap and the
  evaluator's `EntityMatcher` maps the predicted entity (by its names) to the gold mention's
  entity. Recall counts gold mentions some predicted mention matches; precision counts
  predicted mentions that match some gold mention.
- **candidates** — see `has_candidate`: the share of gold facts a relation reader could find at
  all, the ceiling of any relation decision.
- **relations given the candidates** — recall: of the facts that had a candidate, the share
  some claim states (without dates); precision: of the claims whose two arguments both map to
  gold entities (so the mentions were right), the share that states a gold fact — a claim on an
  organization the gold does not know is a mention error, not a relation error.
- **dates** — of the facts some claim states and whose gold has a start, the share with a claim
  whose start matches at the gold's precision.
- **end to end** — precision, recall and F1 with and without dates, as `evaluate` scores them.

A fact counts as stated when any claim matches it (`evaluate.fact_matches`); the end-to-end
score pairs claims and facts one to one, so the two can differ by a duplicate claim. Optional
facts count in no measure; a claim that matches only an optional fact counts neither way.
Measures that need spans are not available (None) for gold files without evidence.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import reduce
from pathlib import Path
from typing import Any

from orgraph.errors import UnknownEntity
from orgraph.evaluate import (
    EntityMatcher,
    Score,
    ScoredRun,
    fact_matches,
    run_extraction,
    score_run,
)
from orgraph.goldfile import GoldFact, GoldFile
from orgraph.model import Claim
from orgraph.pipeline.segment import segment

Span = tuple[int, int]


@dataclass
class Ratio:
    """A share with its counts, so that files add up to micro figures."""

    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hit + other.hit, self.total + other.total)

    def to_json(self) -> dict[str, Any]:
        value = self.value
        return {"value": None if value is None else round(value, 4), **vars(self)}


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    entities: frozenset[str]  # one string may be a form of two entities


@dataclass(frozen=True)
class PredictedMention:
    start: int
    end: int
    entity: str  # the store's entity


# Stage measures in the order the pipeline runs; None where the gold has no spans.
MEASURES = (
    "mention_recall",
    "mention_precision",
    "candidate_recall",
    "relation_precision",
    "relation_recall",
    "date_accuracy",
)


@dataclass
class Stages:
    mention_recall: Ratio | None = None
    mention_precision: Ratio | None = None
    candidate_recall: Ratio | None = None
    relation_precision: Ratio | None = None
    relation_recall: Ratio | None = None
    date_accuracy: Ratio | None = None
    unlocated: int = 0  # facts whose evidence is nowhere in the text (left out of candidates)

    def __add__(self, other: Stages) -> Stages:
        def add(a: Ratio | None, b: Ratio | None) -> Ratio | None:
            return b if a is None else a if b is None else a + b

        summed = {m: add(getattr(self, m), getattr(other, m)) for m in MEASURES}
        return Stages(**summed, unlocated=self.unlocated + other.unlocated)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in MEASURES:
            ratio = getattr(self, name)
            out[name] = ratio.to_json() if ratio is not None else None
        out["unlocated_facts"] = self.unlocated
        return out


def _add_scores(a: Score, b: Score) -> Score:
    return Score(a.tp + b.tp, a.fp + b.fp, a.fn + b.fn)


@dataclass
class StageReport:
    """The stage measures and end-to-end scores of one gold file, or of several added up."""

    gold: str
    language: str
    stages: Stages
    dated: Score
    undated: Score
    files: int = 1

    def __add__(self, other: StageReport) -> StageReport:
        return StageReport(
            self.gold,
            self.language,
            self.stages + other.stages,
            _add_scores(self.dated, other.dated),
            _add_scores(self.undated, other.undated),
            self.files + other.files,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "language": self.language,
            "files": self.files,
            **self.stages.to_json(),
            "with_dates": self.dated.to_json(),
            "without_dates": self.undated.to_json(),
        }


@dataclass
class StageSummary:
    files: list[StageReport]
    languages: dict[str, StageReport] = field(default_factory=dict)
    overall: StageReport | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [r.to_json() for r in self.files],
            "languages": {k: v.to_json() for k, v in sorted(self.languages.items())},
            "all": self.overall.to_json() if self.overall else None,
        }


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


def find_phrase(text: str, phrase: str, *, flip_first_case: bool = False) -> list[Span]:
    """Every whole-word occurrence of a phrase, any whitespace matching any whitespace."""
    if not phrase.split():
        return []
    variants = {phrase.strip()}
    if flip_first_case:
        first = phrase.strip()[0]
        variants.add((first.lower() if first.isupper() else first.upper()) + phrase.strip()[1:])
    body = "|".join(_phrase_pattern(v) for v in sorted(variants))
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def gold_mentions(gold: GoldFile, text: str) -> list[GoldMention]:
    """Every occurrence of an entity's forms and references, longest match first."""
    found: list[tuple[Span, str]] = []
    for entity in gold.entities.values():
        for form in entity.forms:
            found += [(span, entity.id) for span in find_phrase(text, form)]
        for reference in entity.references:
            spans = find_phrase(text, reference, flip_first_case=True)
            found += [(span, entity.id) for span in spans]
    found.sort(key=lambda item: (item[0][0] - item[0][1], item[0][0]))
    taken: dict[Span, set[str]] = {}
    for span, entity_id in found:
        if span in taken:
            taken[span].add(entity_id)
        elif not any(_overlap(span, other) for other in taken):
            taken[span] = {entity_id}
    return [GoldMention(s, e, frozenset(ids)) for (s, e), ids in sorted(taken.items())]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predicted_mentions(run: ScoredRun) -> list[PredictedMention]:
    rows = run.store.mentions(run.source_id)
    found = {PredictedMention(r["start"], r["end"], r["value"]) for r in rows if r["kind"] == "org"}
    return sorted(found, key=lambda m: (m.start, m.end, m.entity))


def _gold_ids(matcher: EntityMatcher, entity_id: str) -> set[str]:
    try:
        return matcher.gold_ids(entity_id)
    except UnknownEntity:  # a mention of an entity the store did not keep
        return set()


def mention_scores(
    gold: list[GoldMention], predicted: list[PredictedMention], matcher: EntityMatcher
) -> tuple[Ratio, Ratio]:
    """(recall, precision): overlapping spans whose entities the matcher maps to each other."""

    def match(g: GoldMention, p: PredictedMention) -> bool:
        return _overlap((g.start, g.end), (p.start, p.end)) and bool(
            g.entities & _gold_ids(matcher, p.entity)
        )

    recalled = sum(any(match(g, p) for p in predicted) for g in gold)
    precise = sum(any(match(g, p) for g in gold) for p in predicted)
    return Ratio(recalled, len(gold)), Ratio(precise, len(predicted))


def evidence_region(text: str, fact: GoldFact, sentences: list[Span]) -> list[Span]:
    """The sentences (as the pipeline segments the text) that hold the fact's evidence."""
    region: list[Span] = []
    for piece in fact.evidence:
        for span in find_phrase(text, piece):
            covering = [s for s in sentences if _overlap(s, span)]
            region += covering or [span]
    return sorted(set(region))


def has_candidate(
    fact: GoldFact,
    region: list[Span],
    predicted: list[PredictedMention],
    matcher: EntityMatcher,
) -> bool:
    """Whether a relation reader could state the fact: a **candidate** is a pair of distinct
    entities the pipeline mentions (names, learned names, units or resolved references) within
    the sentences holding the fact's evidence, one of which the matcher maps to the fact's
    subject and the other to its object (or to the parent of a gold unit, as claims are scored).
    Sentences the pipeline does not read give no mentions, and so no candidates."""
    inside = [m for m in predicted if any(_overlap((m.start, m.end), r) for r in region)]
    subjects = {m.entity for m in inside if matcher.matches(m.entity, fact.s, allow_parent=True)}
    objects = {m.entity for m in inside if matcher.matches(m.entity, fact.o, allow_parent=True)}
    return any(s != o for s in subjects for o in objects)


def _stated(claims: list[Claim], fact: GoldFact, matcher: EntityMatcher, dated: bool) -> bool:
    return any(fact_matches(c, fact, matcher, dated) for c in claims)


def relation_precision(run: ScoredRun) -> Ratio:
    """Of the claims on two gold entities, the share that states a (non-optional) gold fact."""
    correct = wrong = 0
    for claim in run.claims:
        if not (_gold_ids(run.matcher, claim.subject) and _gold_ids(run.matcher, claim.object)):
            continue
        matched = [f for f in run.gold.facts if fact_matches(claim, f, run.matcher, False)]
        if any(not f.optional for f in matched):
            correct += 1
        elif not matched:
            wrong += 1
    return Ratio(correct, correct + wrong)


def measure_run(run: ScoredRun) -> Stages:
    """The stage measures of one extracted gold document."""
    gold, text, matcher = run.gold, run.text, run.matcher
    facts = [f for f in gold.facts if not f.optional]
    stated = {id(f) for f in facts if _stated(run.claims, f, matcher, dated=False)}
    dated = [f for f in facts if id(f) in stated and f.start is not None]
    stages = Stages(
        relation_precision=relation_precision(run),
        date_accuracy=Ratio(
            sum(_stated(run.claims, f, matcher, dated=True) for f in dated), len(dated)
        ),
    )
    if not gold.has_spans:
        return stages
    predicted = predicted_mentions(run)
    stages.mention_recall, stages.mention_precision = mention_scores(
        gold_mentions(gold, text), predicted, matcher
    )
    sentences = [(s.start, s.end) for s in segment(text)]
    with_candidate = []
    located = 0
    for fact in facts:
        region = evidence_region(text, fact, sentences)
        if not region:
            continue
        located += 1
        if has_candidate(fact, region, predicted, matcher):
            with_candidate.append(fact)
    stages.unlocated = len(facts) - located
    stages.candidate_recall = Ratio(len(with_candidate), located)
    stages.relation_recall = Ratio(
        sum(id(f) in stated for f in with_candidate), len(with_candidate)
    )
    return stages


def measure(gold_path: str | Path) -> StageReport:
    """Extract one gold document and measure every stage and the end-to-end score."""
    run = run_extraction(gold_path)
    scored = score_run(run)
    return StageReport(
        str(gold_path), run.gold.language, measure_run(run), scored.dated, scored.undated
    )


def _total(reports: list[StageReport], name: str) -> StageReport:
    total = reduce(operator.add, reports)
    return replace(total, gold=f"({name})", language=name)


def summarize(reports: Iterable[StageReport]) -> StageSummary:
    """Per file, per language and micro over all (counts added up, then divided)."""
    files = list(reports)
    by_lang: dict[str, list[StageReport]] = {}
    for report in files:
        by_lang.setdefault(report.language, []).append(report)
    return StageSummary(
        files,
        {lang: _total(group, lang) for lang, group in sorted(by_lang.items())},
        _total(files, "all") if files else None,
    )
