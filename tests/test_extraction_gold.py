"""German extraction acceptance: the scored document, its questions, and the project's dev corpus."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from orgraph.evaluate import evaluate
from orgraph.goldfile import load_gold, question_of, resolve_gold_entity
from orgraph.ingest import ingest_text, read_document
from orgraph.qa.answer import answer
from orgraph.store import Store
from tests.conftest import DEVCORPUS, PROJECT, shared_path

SEED_GOLD = "eval/iom-un-relations.gold.json"


@pytest.mark.shared
def test_seed_document_f1_with_dates() -> None:
    report = evaluate(shared_path(SEED_GOLD))
    assert report.dated.f1 >= 0.95, (report.misses, report.false_positives)
    assert all(count["found"] for count in report.counts)


@pytest.mark.shared
@pytest.mark.parametrize("lang", ["de", "en"])
def test_seed_questions_after_ingest(lang: str) -> None:
    gold = load_gold(shared_path(SEED_GOLD))
    store = Store()
    store.seed()
    ingest_text(store, read_document(gold.document), str(gold.document))
    ids = {}
    for entity in gold.entities.values():
        found = resolve_gold_entity(store, entity)
        assert found is not None, entity.forms
        ids[entity.id] = found
    # The liaison question asks for parts of the UN Secretariat only.
    secretariat = ids["UN-SECRETARIAT"]
    for item in gold.questions:
        question = question_of(item, lang, ids)
        if item["kind"] == "liaises":
            question.part_of = secretariat
        result = answer(store, question)
        expected = item["answer"]
        if isinstance(expected, list):
            assert sorted(ids[g] for g in expected) == sorted(e["id"] for e in result.answer), item[
                lang
            ]
        else:
            assert expected == result.answer, (item[lang], result.text)
        if expected not in ([], "no"):
            assert result.citations, item[lang]


DEV_GOLDS = sorted((DEVCORPUS / "eval").glob("*.gold.json"))
# Texts written by a separate author as a check on prose the rules were not developed on; their
# first-contact figures are in devcorpus/README.md.
HELDOUT_GOLDS = sorted((DEVCORPUS / "heldout" / "eval").glob("*.gold.json"))


def _micro_f1(paths: list[Path]) -> tuple[float, list[tuple[str, float]]]:
    reports = [evaluate(path) for path in paths]
    tp = sum(r.dated.tp for r in reports)
    fp = sum(r.dated.fp for r in reports)
    fn = sum(r.dated.fn for r in reports)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall), [(r.gold, r.dated.f1) for r in reports]


def test_dev_corpus_has_enough_varied_texts() -> None:
    assert len(DEV_GOLDS) >= 8 and len(HELDOUT_GOLDS) >= 8
    for gold_path in DEV_GOLDS + HELDOUT_GOLDS:
        gold = load_gold(gold_path)
        words = len(gold.document.read_text("utf-8").split())
        assert 150 <= words <= 620, (gold_path.name, words)
        assert gold.facts and gold.questions


def test_dev_corpus_f1() -> None:
    """The issue's target over the dev corpus (micro F1 with dates); per text in the README."""
    f1, per_text = _micro_f1(DEV_GOLDS)
    assert f1 >= 0.9, per_text
    assert all(score >= 0.6 for _, score in per_text), per_text


def test_heldout_f1_does_not_fall() -> None:
    """A regression guard a little under today's figure, not a target: micro 0.40 over 40 texts
    (0.52 over the first 22; the three batches added last started from first contacts of 0.19,
    0.21 and 0.09)."""
    f1, per_text = _micro_f1(HELDOUT_GOLDS)
    assert f1 >= 0.37, per_text


# Rules must be general: no string in the extraction code names an organization, a year or a
# phrase of a scored or dev document. Knowledge lives in the gazetteer and lexicon data files.
CODE = sorted((PROJECT / "src" / "orgraph" / "pipeline").glob("*.py"))


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _document_names() -> set[str]:
    names: set[str] = set()
    golds = [*DEV_GOLDS, *HELDOUT_GOLDS]
    seed = PROJECT.parent / "shared" / SEED_GOLD
    if seed.exists():
        golds.append(seed)
    for path in golds:
        for entity in load_gold(path).entities.values():
            names.update(f for f in entity.forms if len(f) >= 4 and not f.islower())
    return names


def test_no_rule_names_an_organization_or_a_year() -> None:
    names = _document_names()
    year = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
    offenders = []
    for path in CODE:
        for value in _string_constants(path):
            if "e.g." in value:
                continue  # an example in a user-facing message, not a rule
            if year.search(value) or any(re.search(rf"\b{re.escape(n)}\b", value) for n in names):
                offenders.append((path.name, value[:60]))
    assert not offenders
