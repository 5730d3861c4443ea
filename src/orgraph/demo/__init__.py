"""The demo: the bundled IOM–UN account (and ../shared/corpus when it is beside the project)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from orgraph.ingest import ingest_paths, ingest_text
from orgraph.qa import ask
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


def demo_questions() -> list[str]:
    """The example questions of `examples.toml`."""
    text = resources.files("orgraph.demo").joinpath("examples.toml").read_text("utf-8")
    return list(tomllib.loads(text)["questions"])


def run_demo(store: Store, echo: Callable[[str], None]) -> None:
    """Build the demo store, then answer the example questions with their citations."""
    for line in build_demo(store):
        echo(line)
    stats = store.stats()
    echo(
        f"\nstore: {stats['sources']} documents, {stats['entities']} entities, {stats['claims']} claims"
    )
    for question in demo_questions():
        result = ask(store, question)
        echo(f"\n? {question}\n  {result.text}")
        for citation in result.citations[:2]:
            echo(f"  “{citation['sentence']}”")
