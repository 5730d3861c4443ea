"""The learned reader (issue 9): labels from gold evidence, a model file that round-trips, and
claims the rules do not make."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from orgraph.cli import main
from orgraph.pipeline.extract import extract
from orgraph.reader.features import candidates
from orgraph.reader.model import Model, learned_claims, read
from orgraph.reader.train import examples, fit

# Infobox lines under a key the field lexicon does not know: the rules read nothing in them,
# the heading above names their topic.
PASSAGE = "{head}\n\nFounded: 1948\nAllies: {a}, {b}\n\nIt works in many countries.\n"
BODIES = [
    ("World Health Organization", "WHO", "UNICEF", "UNDP"),
    ("World Food Programme", "WFP", "FAO", "IFAD"),
    ("International Labour Organization", "ILO", "UNESCO", "UNHCR"),
    ("United Nations Children's Fund", "UNICEF", "WHO", "UNFPA"),
]


def write_passage(folder: Path, index: int, head: str, acronym: str, a: str, b: str) -> Path:
    text = PASSAGE.format(head=head, a=a, b=b)
    name = f"x{index}.en.txt"
    (folder / name).write_text(text, "utf-8")
    line = f"Allies: {a}, {b}"
    gold = {
        "document": name,
        "language": "en",
        "entities": [
            {"id": "T", "forms": [head]},
            {"id": "A", "forms": [a]},
            {"id": "B", "forms": [b]},
        ],
        "facts": [
            {"s": "T", "r": "cooperates_with", "o": "A", "evidence": line},
            {"s": "T", "r": "cooperates_with", "o": "B", "evidence": line},
        ],
    }
    path = folder / f"x{index}.gold.json"
    path.write_text(json.dumps(gold), "utf-8")
    return path


def test_labels_come_from_the_evidence(tmp_path: Path) -> None:
    gold = write_passage(tmp_path, 0, *BODIES[0])
    labelled = {
        (e.candidate.first.entity, e.candidate.second.entity): e.label for e in examples(gold)
    }
    assert labelled[("who", "unicef")] == "cooperates_with>"
    assert labelled[("who", "undp")] == "cooperates_with>"
    assert labelled[("unicef", "undp")] == "none"  # both in the line, but no fact between them


def test_a_trained_model_reads_what_the_rules_miss_and_round_trips(tmp_path: Path) -> None:
    train = [
        e for i, body in enumerate(BODIES) for e in examples(write_passage(tmp_path, i, *body))
    ]
    model = fit(train, threshold=0.5, c=10.0)
    again = Model.from_json(json.loads(json.dumps(model.to_json())))
    text = PASSAGE.format(head="United Nations Development Programme", a="UNHCR", b="ILO")
    extraction = extract(text, "en")
    assert not extraction.claims  # the rules read nothing here
    for candidate in candidates(text, extraction):
        assert model.decide(candidate)[0] == again.decide(candidate)[0]
    found = {(c.subject, c.predicate, c.object) for c in learned_claims(text, extraction, again)}
    assert found == {("undp", "cooperates_with", "unhcr"), ("undp", "cooperates_with", "ilo")}
    claims = read(text, "en", "doc-x", model=again).claims
    assert all(e.extractor == "orgraph-reader/1" and e.text for c in claims for e in c.evidence)


def test_train_command_measures_on_the_dev_split(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for author, bodies in (("t1", BODIES[:3]), ("d1", BODIES[3:])):
        (corpus / author).mkdir(parents=True)
        for i, body in enumerate(bodies):
            write_passage(corpus / author, i, *body)
    (corpus / "splits.toml").write_text('train = ["t1"]\ndev = ["d1"]\ntest = []\n', "utf-8")
    out = tmp_path / "reader.json"
    result = CliRunner().invoke(
        main, ["train", "--corpus", str(corpus), "-o", str(out), "--c", "10", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    measured = json.loads(result.stdout)
    assert measured["train_passages"] == 3 and measured["dev_passages"] == 1
    assert measured["dev_rules"]["all"]["f1"] == 0.0
    assert measured["dev_rules_and_model"]["all"]["f1"] > 0.5
    assert Model.from_json(json.loads(out.read_text("utf-8"))).classes
