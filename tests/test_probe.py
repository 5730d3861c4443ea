"""The false-positive probe (issue 9): ordinary sentences that name organizations but state no
relation, written for the project by a helper author, and controls that do state one.

A hedged claim ("could cooperate", "it was proposed that …") is a candidate, not a stated fact,
and does not count. First contact: 6 of 80 sentences gave a claim (5 of them unhedged), 6 of
15 controls were read. The floors below guard today's figures; the issue's target is 2 of 80.
"""

from __future__ import annotations

import json

from orgraph.pipeline.extract import extract
from tests.conftest import DEVCORPUS

PROBE = json.loads((DEVCORPUS / "probe" / "probe.json").read_text("utf-8"))


def stated(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [
        (c.subject, c.predicate, c.object)
        for c in extract(text, lang).claims
        if "hedge" not in c.qualifiers
    ]


def test_ordinary_sentences_state_no_relation() -> None:
    assert len(PROBE["sentences"]) == 80
    false = [s["text"] for s in PROBE["sentences"] if stated(s["text"], s["lang"])]
    assert len(false) <= 4, false


def test_controls_are_read() -> None:
    read = [
        s for s in PROBE["controls"] if any(p == s["r"] for _, p, _ in stated(s["text"], s["lang"]))
    ]
    assert len(read) >= 6
