"""The demo: the bundled IOM–UN account (and ../shared/corpus when it is beside the project)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from orgraph import query
from orgraph.curation import read_date
from orgraph.ingest import ingest_paths, ingest_text
from orgraph.store import Store

SHARED_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


def demo_documents() -> list[tuple[str, str]]:
    """(name, text) of the bundled demo documents."""
    folder = resources.files("orgraph.demo")
    return [
        (entry.name, entry.read_text("utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".txt")
    ]


def build_demo(store: Store) -> list[str]:
    """Ingest the demo documents; returns what was done, one line per document."""
    lines = []
    for name, text in demo_documents():
        report = ingest_text(store, text, f"demo/{name}")
        lines.append(f"{report.status}: demo/{name} ({report.claims} claims)")
    if SHARED_CORPUS.is_dir():
        for doc in ingest_paths(store, [SHARED_CORPUS]).documents:
            lines.append(f"{doc.status}: {doc.origin} ({doc.claims} claims) {doc.message}".rstrip())
    return lines


def run_demo(store: Store, echo: Callable[[str], None]) -> None:
    for line in build_demo(store):
        echo(line)
    stats = store.stats()
    echo(
        f"\nstore: {stats['sources']} documents, {stats['entities']} entities, {stats['claims']} claims\n"
    )
    at = read_date("Dezember 2007")
    assert at is not None
    members = query.members_at(store, "GMG", at)
    names = ", ".join(m.entity.label for m in members.members if m.answer.value == "yes")
    echo(f"Members of the Global Migration Group in December 2007: {names}")
    for when in ("März 2006", "Dezember 2006"):
        day = read_date(when)
        assert day is not None
        verdict = query.is_member(store, "UNDP", "Genfer Migrationsgruppe", day)
        echo(
            f"Was UNDP a member of the Geneva Migration Group in {when}? {verdict.answer.value} — {verdict.reason}"
        )
        if verdict.evidence:
            echo(f"   “{verdict.evidence[0].text}”")
    for record in query.former_names(store, "GMG"):
        echo(f"The GMG was formerly called: {record.entity.label}")
