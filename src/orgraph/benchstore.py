"""`make bench-store` (`python -m orgraph.benchstore`): the store and its queries at scale.

For each size, a synthetic graph (`orgraph.benchgraph`) is written as JSONL and imported by
the real `orgraph import` in a child process (wall and CPU time, peak RSS, database size).
Then the same few hundred random questions — members at a date, is-member, timeline — are
asked of orgraph (in process, warm) and, in the same run, of pyoxigraph holding the same
graph as W3C ORG triples. Both answer on the same machine under the same load, so the ratio
is the figure that matters. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from orgraph.benchgraph import Graph, jsonl_line, org_triples, sparql_members_at, sparql_timeline

IN_MEMORY = 200_000  # memberships up to which pyoxigraph holds its graph in memory
KINDS = ("members_at", "is_member", "timeline")
BEGIN, END = "<!-- bench-store:begin -->", "<!-- bench-store:end -->"


@dataclass
class Timing:
    """p50 and p99 of one question kind, in milliseconds of wall and CPU time."""

    wall_p50: float
    wall_p99: float
    cpu_p50: float
    cpu_p99: float
    rows: float  # mean result rows, so that both engines are seen to answer alike

    @classmethod
    def of(cls, walls: list[float], cpus: list[float], rows: list[int]) -> Timing:
        return cls(
            _pct(walls, 50), _pct(walls, 99), _pct(cpus, 50), _pct(cpus, 99),
            statistics.fmean(rows) if rows else 0.0,
        )  # fmt: skip


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return 1000 * ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@dataclass
class SizeResult:
    size: int
    lines: int
    import_ok: bool = False
    import_wall: float = 0.0
    import_cpu: float = 0.0
    import_rss_mb: float = 0.0
    db_mb: float = 0.0
    oxigraph_load: float = 0.0
    orgraph: dict[str, Timing] = field(default_factory=dict)
    oxigraph: dict[str, Timing] = field(default_factory=dict)
    note: str = ""

    @property
    def claims_per_s(self) -> float:
        return self.lines / self.import_wall if self.import_ok and self.import_wall else 0.0


def write_graph(graph: Graph, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for fact in graph.facts():
            out.write(jsonl_line(fact) + "\n")
            count += 1
    return count


def timed_import(jsonl: Path, db: Path, timeout: float) -> tuple[bool, float, float, float, str]:
    """`orgraph --db DB import JSONL` in a child: ok, wall s, CPU s, peak RSS MB, note."""
    command = [sys.executable, "-c", "from orgraph.cli import main; main()"]
    started = time.perf_counter()
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            [*command, "--db", str(db), "import", str(jsonl)],
            stdout=subprocess.DEVNULL,
            stderr=errors,
        ) as child,
    ):
        while not (waited := os.wait4(child.pid, os.WNOHANG))[0]:
            if time.perf_counter() > started + timeout:
                child.kill()
                waited = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(waited[1])  # reaped here, not by Popen
        errors.seek(0)
        error = errors.read().decode(errors="replace").strip()
    wall = time.perf_counter() - started
    usage = waited[2]
    cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    if wall > timeout:
        return False, wall, cpu, rss, f"import stopped after {wall:.0f} s"
    ok = child.returncode == 0
    return ok, wall, cpu, rss, "" if ok else error[:200]


def _measure(ask: Callable[[Any], int], questions: list[Any]) -> Timing:
    ask(questions[0])  # warm: caches, pages, compiled statements
    walls, cpus, rows = [], [], []
    for question in questions:
        wall, cpu = time.perf_counter(), time.process_time()
        rows.append(ask(question))
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing.of(walls, cpus, rows)


def orgraph_timings(db: Path, questions: list[tuple[str, str, date]]) -> dict[str, Timing]:
    from orgraph import query
    from orgraph.store import Store

    store = Store(db, create=False)
    try:
        asks: dict[str, Callable[[Any], int]] = {
            "members_at": lambda q: len(query.members_at(store, q[1], q[2]).members),
            "is_member": lambda q: len(query.is_member(store, q[0], q[1], q[2]).evidence),
            "timeline": lambda q: len(query.timeline(store, q[0])),
        }
        return {kind: _measure(asks[kind], questions) for kind in KINDS}
    finally:
        store.close()


def oxigraph_timings(
    graph: Graph, where: Path, questions: list[tuple[str, str, date]]
) -> tuple[float, dict[str, Timing]]:
    import pyoxigraph as ox

    def term(value: str | tuple[str, str]) -> Any:
        if isinstance(value, tuple):
            text, kind = value
            return ox.Literal(text, datatype=ox.NamedNode(kind)) if kind else ox.Literal(text)
        return ox.NamedNode(value)

    def quads() -> Any:
        for fact in graph.facts():
            for s, p, o in org_triples(fact):
                yield ox.Quad(ox.NamedNode(s), ox.NamedNode(p), term(o))

    shutil.rmtree(where, ignore_errors=True)
    # In memory where it fits (as orgraph's file sits in the page cache); on disk at 1M.
    store = ox.Store(str(where)) if graph.size > IN_MEMORY else ox.Store()
    started = time.perf_counter()
    store.bulk_extend(quads())
    store.optimize()
    load = time.perf_counter() - started
    asks: dict[str, Callable[[Any], int]] = {
        "members_at": lambda q: _count(store.query(sparql_members_at(q[1], q[2]))),
        "is_member": lambda q: _count(store.query(sparql_members_at(q[1], q[2], q[0]))),
        "timeline": lambda q: _count(store.query(sparql_timeline(q[0]))),
    }
    timings = {kind: _measure(asks[kind], questions) for kind in KINDS}
    return load, timings


def _count(solutions: Any) -> int:
    return sum(1 for _ in solutions)


def run_size(size: int, work: Path, count: int, timeout: float, oxigraph: bool) -> SizeResult:
    graph = Graph(size)
    jsonl, db = work / f"graph-{size}.jsonl", work / f"store-{size}.db"
    for stale in work.glob(f"store-{size}.db*"):
        stale.unlink()
    result = SizeResult(size, write_graph(graph, jsonl))
    ok, wall, cpu, rss, note = timed_import(jsonl, db, timeout)
    result.import_ok, result.import_wall, result.import_cpu = ok, wall, cpu
    result.import_rss_mb, result.note = rss, note
    result.db_mb = sum(p.stat().st_size for p in work.glob(f"store-{size}.db*")) / 1e6
    questions = graph.questions(count)
    if ok:
        result.orgraph = orgraph_timings(db, questions)
    if oxigraph:
        result.oxigraph_load, result.oxigraph = oxigraph_timings(
            graph, work / f"oxigraph-{size}", questions
        )
    return result


def _ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def report(results: list[SizeResult], questions: int, label: str) -> str:
    """The Markdown block written into BENCHMARKS.md."""
    load = os.getloadavg()
    lines = [
        f"Run: {label}, {time.strftime('%Y-%m-%d %H:%M')} UTC, {platform.python_version()}, "
        f"{os.cpu_count()} cores, load {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; "
        f"{questions} questions per kind.",
        "",
        "| memberships | import | claims/s | CPU | peak RSS | DB | oxigraph load |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        state = f"{r.import_wall:.1f} s" if r.import_ok else f"failed: {r.note}"
        lines.append(
            f"| {r.size:,} | {state} | {r.claims_per_s:,.0f} | {r.import_cpu:.1f} s | "
            f"{r.import_rss_mb:.0f} MB | {r.db_mb:.0f} MB | {r.oxigraph_load:.1f} s |"
        )
    lines += [
        "",
        "| memberships | question | orgraph p50 / p99 ms (CPU p50) | pyoxigraph p50 / p99 ms "
        "(CPU p50) | rows orgraph / oxigraph | orgraph ÷ oxigraph (p50 wall) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        for kind in KINDS:
            mine, theirs = r.orgraph.get(kind), r.oxigraph.get(kind)
            a = (
                f"{_ms(mine.wall_p50)} / {_ms(mine.wall_p99)} ({_ms(mine.cpu_p50)})"
                if mine
                else "–"
            )
            b = f"{_ms(theirs.wall_p50)} / {_ms(theirs.wall_p99)} ({_ms(theirs.cpu_p50)})" if theirs else "–"  # fmt: skip
            rows = f"{mine.rows if mine else 0:.1f} / {theirs.rows if theirs else 0:.1f}"
            ratio = f"{mine.wall_p50 / theirs.wall_p50:.2f}" if mine and theirs else "–"
            lines.append(f"| {r.size:,} | {kind} | {a} | {b} | {rows} | {ratio} |")
    return "\n".join(lines)


def write_report(path: Path, block: str) -> None:
    """Replace the marked block in BENCHMARKS.md (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    fenced = f"{BEGIN}\n{block}\n{END}"
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: fenced, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + fenced + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> list[SizeResult]:
    parser = argparse.ArgumentParser(prog="python -m orgraph.benchstore", description=__doc__)
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="memberships, comma-separated"
    )
    parser.add_argument("--questions", type=int, default=300, help="questions per kind")
    parser.add_argument("--quick", action="store_true", help="2,000 memberships, 30 questions")
    parser.add_argument("--work", type=Path, default=Path(".bench-store"), help="scratch folder")
    parser.add_argument("--report", type=Path, default=None, help="BENCHMARKS.md to update")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--label", default="make bench-store", help="what this run measured")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per import")
    parser.add_argument("--no-oxigraph", action="store_true", help="orgraph only")
    args = parser.parse_args(argv)
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",")]
    count = 30 if args.quick else args.questions
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        result = run_size(size, args.work, count, args.timeout, not args.no_oxigraph)
        results.append(result)
        print(report([result], count, args.label).split("\n", 1)[1], flush=True)
    block = report(results, count, args.label)
    if args.report:
        write_report(args.report, block)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
