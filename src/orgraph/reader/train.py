"""`orgraph train`: the learned reader from the authored corpus (issue 9).

Labels come from the gold files' evidence: a candidate pair is a positive example of a fact
when its two mentions are the fact's two organizations and its sentence overlaps the words
that state the fact; every other pair is `none`. Pairs of an optional fact teach nothing and
are left out. Only the train split is read; the dev split chooses the threshold; the test
split is never touched here. Training is deterministic (liblinear-free lbfgs, fixed order).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from orgraph.evaluate import Score, evaluate
from orgraph.model import predicates
from orgraph.names import acronym_key, name_key
from orgraph.pipeline.extract import Extraction, extract
from orgraph.reader.features import Candidate, candidates
from orgraph.reader.model import Model, Reader, read


@dataclass
class Example:
    candidate: Candidate
    label: str  # "none", or predicate + ">" / "<"


def split_of(corpus: Path) -> dict[str, list[str]]:
    """Authors by split, from the corpus's `splits.toml`."""
    raw = tomllib.loads((corpus / "splits.toml").read_text("utf-8"))
    return {k: list(v) for k, v in raw.items() if isinstance(v, list)}


def gold_files(corpus: Path, authors: Iterable[str]) -> list[Path]:
    return [g for a in authors for g in sorted((corpus / a).glob("*.gold.json"))]


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(p) for p in text.split()))


def _spans(text: str, evidence: str | list[str]) -> list[tuple[int, int]]:
    found = []
    for part in [evidence] if isinstance(evidence, str) else evidence:
        match = _pattern(part).search(text)
        if match:
            found.append(match.span())
    return found


def _keys(text: str) -> set[str]:
    return {k for k in (name_key(text), acronym_key(text)) if k}


def _gold_entity(gold: dict[str, Any], extraction: Extraction) -> dict[str, str]:
    """Each pipeline entity → the gold entity its mentions' words name (most mentions win)."""
    by_key: dict[str, str] = {}
    for entity in gold["entities"]:
        for form in entity["forms"] + entity.get("references", []):
            for key in _keys(form):
                by_key.setdefault(key, entity["id"])
    votes: dict[str, dict[str, int]] = {}
    for mention in extraction.mentions:
        for key in _keys(mention.text):
            if key in by_key:
                tally = votes.setdefault(mention.entity, {})
                tally[by_key[key]] = tally.get(by_key[key], 0) + 1
                break
    return {e: max(t, key=t.__getitem__) for e, t in votes.items()}


def examples(gold_path: Path) -> list[Example]:
    gold = json.loads(gold_path.read_text("utf-8"))
    text = (gold_path.parent / gold["document"]).read_text("utf-8")
    extraction = extract(text, gold.get("language"))
    to_gold = _gold_entity(gold, extraction)
    facts = [(f, _spans(text, f.get("evidence", []))) for f in gold["facts"]]
    found = []
    for candidate in candidates(text, extraction):
        a, b = to_gold.get(candidate.first.entity), to_gold.get(candidate.second.entity)
        s0, s1 = candidate.sentence.start, candidate.sentence.end
        label, ambiguous = "none", False
        for fact, spans in facts:
            if not any(x < s1 and s0 < y for x, y in spans):
                continue
            if (fact["s"], fact["o"]) == (a, b):
                direction = ">"
            elif (fact["o"], fact["s"]) == (a, b):
                direction = "<"
            else:
                continue
            if fact.get("optional") or fact["r"] not in predicates():
                ambiguous = True  # hedged, or a predicate the vocabulary does not have (yet)
                continue
            label = fact["r"] + direction
            break
        if label != "none" or not ambiguous:
            found.append(Example(candidate, label))
    return found


def fit(train: list[Example], threshold: float = 0.5, c: float = 0.5) -> Model:
    """A multinomial logistic regression over the examples' feature strings."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(e.candidate.features, 1) for e in train])
    y = [e.label for e in train]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    classes = tuple(str(k) for k in model.classes_)
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:
        # Two classes are one logistic score: softmax over (0, score) gives the same odds.
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.array([0.0, intercept[0]])
    weights: dict[str, dict[int, float]] = {}
    for column, feature in enumerate(vectorizer.get_feature_names_out()):
        row = {
            i: float(coef[i, column]) for i in range(len(classes)) if abs(coef[i, column]) > 1e-3
        }
        if row:
            weights[str(feature)] = row
    info = {"examples": len(train), "positives": sum(e.label != "none" for e in train), "C": c}
    return Model(classes, tuple(float(v) for v in intercept), weights, threshold, info)


def micro_f1(golds: list[Path], reader: Reader) -> dict[str, dict[str, float]]:
    """Micro precision, recall and F1 with dates per language and overall."""
    totals: dict[str, list[int]] = {}
    for gold in golds:
        report = evaluate(gold, reader=reader)
        lang = json.loads(gold.read_text("utf-8")).get("language", "de")
        for key in (lang, "all"):
            t = totals.setdefault(key, [0, 0, 0])
            t[0] += report.dated.tp
            t[1] += report.dated.fp
            t[2] += report.dated.fn
    return {key: Score(*t).to_json() for key, t in sorted(totals.items())}


def train(corpus: Path, c: float = 1.0, threshold: float = 0.5) -> tuple[Model, dict[str, Any]]:
    """Fit on the train split; measure rules alone and rules + model on the dev split."""
    splits = split_of(corpus)
    examples_ = [e for g in gold_files(corpus, splits["train"]) for e in examples(g)]
    model = fit(examples_, threshold, c)
    dev = gold_files(corpus, splits["dev"])
    measured = {
        "train_passages": len(gold_files(corpus, splits["train"])),
        "dev_passages": len(dev),
        "examples": model.info["examples"],
        "positives": model.info["positives"],
        "dev_rules": micro_f1(dev, extract),
        "dev_rules_and_model": micro_f1(dev, partial(read, model=model)),
    }
    return model, measured
