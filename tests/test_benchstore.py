"""`python -m orgraph.benchstore --quick`: the synthetic graph and the report, never timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from orgraph import benchstore
from orgraph.benchgraph import Graph, jsonl_line, org_triples
from orgraph.export.jsonl import parse_line
from orgraph.fuzzydate import Precision


def test_the_graph_has_every_kind_of_date_and_end_and_renames() -> None:
    graph = Graph(3000)
    facts = list(graph.facts())
    assert facts == list(Graph(3000).facts())  # seeded
    memberships = [f for f in facts if f.predicate == "member_of"]
    assert len(memberships) == 3000
    assert graph.renamed and len(facts) == 3000 + len(graph.renamed)
    starts = [f.start for f in memberships]
    assert None in starts
    assert {s.precision for s in starts if s} >= {
        Precision.YEAR,
        Precision.SUBYEAR,
        Precision.MONTH,
        Precision.DAY,
    }
    assert {s.mod.value for s in starts if s and s.mod} == {"START", "MID", "END", "APPROX"}
    assert any(s.uncertain for s in starts if s)
    assert {f.end_state for f in memberships} == {"dated", "ended", "ongoing", "unknown"}
    renamed_objects = {new for new, _ in graph.renamed.values()}
    assert any(f.object in renamed_objects for f in memberships)  # members under the new name


def test_each_fact_is_a_valid_import_line_and_an_org_membership() -> None:
    for fact in list(Graph(500).facts())[:200]:
        claim, _, _ = parse_line(jsonl_line(fact))
        assert (claim.subject, claim.predicate, claim.object) == (
            fact.subject,
            fact.predicate,
            fact.object,
        )
        assert claim.interval.start == fact.start
        triples = list(org_triples(fact))
        if fact.predicate == "member_of":
            assert (f"https://orgraph.example/claim/{fact.id}",) == tuple(
                {s for s, _, _ in triples}
            )
            assert any(p.endswith("org#organization") for _, p, _ in triples)


def test_quick_run_imports_answers_alike_and_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("# Benchmarks\n\nkept\n", encoding="utf-8")
    args = ["--quick", "--work", str(tmp_path / "work"), "--report", str(report)]
    results = benchstore.main([*args, "--json", str(tmp_path / "r.json")])
    [result] = results
    assert result.import_ok, result.note
    assert result.lines == 2000 + len(Graph(2000).renamed)
    assert result.db_mb > 0 and result.import_rss_mb > 0
    for kind in benchstore.KINDS:
        assert result.orgraph[kind].wall_p50 > 0 and result.oxigraph[kind].wall_p50 > 0
    # Both engines hold the same graph: a timeline lists the same memberships.
    assert result.orgraph["timeline"].rows == result.oxigraph["timeline"].rows > 0
    assert result.orgraph["members_at"].rows > 0
    text = report.read_text(encoding="utf-8")
    assert "kept" in text and text.count(benchstore.BEGIN) == 1
    assert "| 2,000 | members_at |" in text
    benchstore.write_report(report, "second run")
    text = report.read_text(encoding="utf-8")
    assert text.count(benchstore.BEGIN) == 1 and "second run" in text and "kept" in text
    assert json.loads((tmp_path / "r.json").read_text())[0]["size"] == 2000


def test_cli_start_up_leaves_heavy_modules_unloaded() -> None:
    """`orgraph --help` imports neither SQLAlchemy nor rich nor the temporal tagger."""
    probe = (
        "import sys\nfrom click.testing import CliRunner\nfrom orgraph.cli import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0\n"
        "print(sorted(m for m in ('sqlalchemy', 'rich', 'orgraph.pipeline.timeexpr', "
        "'orgraph.store', 'pyoxigraph') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
