"""The learned reader: a multinomial logistic model over candidate pairs, stored as JSON.

Classes are `none` or a predicate with its direction (`member_of>`: the first mention is the
subject; `member_of<`: the second is). The file holds, per feature string, its weight for
each class — portable, inspectable, no pickle. `read` adds to the rules' claims what the
model finds with at least `threshold` probability and the rules did not say.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from orgraph.interval import Interval
from orgraph.model import Claim, Evidence, predicate
from orgraph.pipeline.extract import Extraction, extract
from orgraph.reader.features import Candidate, candidates

EXTRACTOR = "orgraph-reader/1"
# text, language, source id → extraction: the rules alone (`extract`) or with the model (`read`)
Reader = Callable[[str, str | None, str], Extraction]
DEFAULT_ROLES = {"member_of": "member", "leads": "lead"}


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, dict[int, float]]  # feature → {class index: weight}
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict, compare=False)

    def probabilities(self, features: tuple[str, ...]) -> list[float]:
        scores = list(self.intercept)
        for feature in features:
            for index, weight in self.weights.get(feature, {}).items():
                scores[index] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def decide(self, candidate: Candidate) -> tuple[str, float]:
        probs = self.probabilities(candidate.features)
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.classes[best], probs[best]

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "intercept": [round(x, 5) for x in self.intercept],
            "threshold": self.threshold,
            "info": self.info,
            "weights": {
                f: {str(i): round(w, 5) for i, w in sorted(ws.items())}
                for f, ws in sorted(self.weights.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        return cls(
            tuple(data["classes"]),
            tuple(float(x) for x in data["intercept"]),
            {f: {int(i): float(w) for i, w in ws.items()} for f, ws in data["weights"].items()},
            float(data.get("threshold", 0.5)),
            dict(data.get("info", {})),
        )


MODEL_FILE = "model.json"


def save(model: Model, path: Path) -> None:
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=0), "utf-8")


@cache
def shipped() -> Model | None:
    """The model trained by `orgraph train` and shipped with the package, if there is one."""
    resource = resources.files("orgraph.reader").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    return Model.from_json(json.loads(resource.read_text("utf-8")))


def learned_claims(
    text: str, extraction: Extraction, model: Model, source_id: str = ""
) -> list[Claim]:
    """Claims the model reads that the rules did not make (same pair and predicate)."""
    said = {(c.subject, c.predicate, c.object) for c in extraction.claims}
    found: dict[tuple[str, str, str], Claim] = {}
    for candidate in candidates(text, extraction):
        label, probability = model.decide(candidate)
        if label == "none" or probability < model.threshold:
            continue
        name, direction = label[:-1], label[-1]
        first, second = candidate.first.entity, candidate.second.entity
        subject, obj = (first, second) if direction == ">" else (second, first)
        key = (subject, name, obj)
        symmetric = predicate(name).symmetric and (obj, name, subject) in said
        if key in said or key in found or symmetric:
            continue
        sentence = candidate.sentence
        start = next(
            (
                t.value
                for t in extraction.times
                if sentence.start <= t.start < sentence.end and t.value
            ),
            None,
        )
        found[key] = Claim(
            subject=subject,
            predicate=name,
            object=obj,
            role=DEFAULT_ROLES.get(name),
            interval=Interval(start),
            confidence=round(probability, 3),
            evidence=[Evidence(source_id, sentence.start, sentence.end, sentence.text, EXTRACTOR)],
        )
    return list(found.values())


def read(
    text: str, lang: str | None = None, source_id: str = "", model: Model | None = None
) -> Extraction:
    """The rules' extraction, with what the learned reader adds (when a model is shipped)."""
    extraction = extract(text, lang, source_id)
    model = model or shipped()
    if model is not None:
        extraction.claims += learned_claims(text, extraction, model, source_id)
    return extraction
