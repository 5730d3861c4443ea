"""Smoke test of `python -m orgraph.bench`: structure of the results, never timing thresholds."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from orgraph import bench
from orgraph.pipeline.extract import extract
from orgraph.pipeline.segment import segment

TINY = ["--quick", "--dense-mb", "0.02", "--mixed-mb", "0.06", "--repeats", "1"]


def test_filler_is_german_prose_without_relations() -> None:
    rng = random.Random(7)
    text = "\n".join(bench.filler_paragraph(rng, 5) for _ in range(40))
    assert bench.filler_paragraph(random.Random(7), 5) == text.split("\n")[0]  # seeded
    result = extract(text, "de")
    assert result.claims == []
    assert result.mentions == []
    assert len(segment(text)) >= 150
    assert len(result.sentences) < 50  # most paragraphs skipped without being split


def test_corpora_are_deterministic_and_sized() -> None:
    sources = bench.default_sources()
    assert any(s.name.endswith("iom-un-demo.de.txt") for s in sources)
    assert len({s.paragraphs for s in sources}) == len(sources)  # the demo text only once
    dense = bench.dense_corpus(sources, 50_000)
    mixed = bench.mixed_corpus(sources, 80_000)
    assert dense.bytes >= 50_000 and mixed.bytes >= 80_000
    assert mixed.documents == bench.mixed_corpus(sources, 80_000).documents
    for doc in dense.documents + mixed.documents:
        assert doc.lang in {"de", "en"}
        assert len(doc.text.encode("utf-8")) < bench.DOC_BYTES + 5_000  # cut at paragraphs
    dense_share = bench.relation_share(dense.documents).share
    mixed_share = bench.relation_share(mixed.documents).share
    assert 0 < mixed_share < dense_share


def test_quick_run_reports_both_corpora(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert bench.main([*TINY, "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "dense" in printed and "mixed" in printed and "ratio" in printed

    report = json.loads(out.read_text("utf-8"))
    assert report["quick"] is True and report["repeats"] == 1
    assert report["machine"]["nproc"] >= 1 and report["machine"]["python"]
    results = {r["corpus"]: r for r in report["results"]}
    assert set(results) == {"dense", "mixed"}
    for name, r in results.items():
        for key in ("mb", "words", "sentences", "orgraph_mb_s", "orgraph_words_s"):
            assert r[key] > 0, (name, key)
        for key in ("reference_mb_s", "reference_words_s", "reference_sentences"):
            assert r[key] > 0, (name, key)
        assert r["ratio"] == pytest.approx(r["orgraph_mb_s"] / r["reference_mb_s"])
        assert r["target"] == bench.TARGETS[name]
        assert r["passed"] == (r["ratio"] >= r["target"])
        assert 0 <= r["relation_share"] <= 1
    assert results["dense"]["claims"] > 0
    assert results["mixed"]["relation_share"] < results["dense"]["relation_share"]
