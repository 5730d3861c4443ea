"""Several processes on one store: no spurious failures, nothing stored twice, nothing half
stored when a writer is killed, and the same documents give the same store in any order."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from orgraph.gazetteer import load_gazetteer
from orgraph.store import Store
from tests.conftest import DEVCORPUS

LIMIT = 300  # seconds any process may take before the test gives up on it


def documents() -> list[Path]:
    found = sorted((DEVCORPUS / "corpus").glob("*.txt")) + sorted(
        (DEVCORPUS / "heldout").rglob("*.txt")
    )
    if len(found) < 20:
        pytest.skip("the dev corpus is not beside the tests")
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder with the dev and held-out texts (flat, so that names give the order)."""
    target = tmp_path_factory.mktemp("corpus")
    for number, path in enumerate(documents()):
        (target / f"{number:03d}-{path.name}").write_bytes(path.read_bytes())
    return target


def orgraph(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "orgraph.cli", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=LIMIT)
    return process.returncode, out, err


def normalized_export(db: Path) -> list[str]:
    """The JSONL export without what names a moment or a random id: claim ids, transaction
    times. Sorted, because the export lists claims in the order they were recorded."""
    code, out, err = finish(orgraph(db, "export"))
    assert code == 0, err
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for line in out.splitlines():
        claim = json.loads(line)
        for key in ("id", "recorded_at", "retracted_at"):
            claim.pop(key)
        relation = (claim["predicate"], claim["subject"]["id"], claim["object"]["id"])
        groups.setdefault((*relation, str(claim["role"])), []).append(claim)
    lines = []
    for statements in groups.values():
        if len(statements) > 1:
            # Sources that disagree (two start years) are separate statements; which of them an
            # undated sentence corroborates depends on which came first. Compare what the
            # sources say together: the dates stated and all the sentences.
            evidence = sorted(
                (e for s in statements for e in s.pop("evidence")),
                key=lambda e: (e["source"], e["start"]),
            )
            sides = {side: statements[0][side] for side in ("subject", "object")}
            for s in statements:
                s.pop("corroboration"), s.pop("confidence")
            statements = [
                {
                    **sides,
                    "statements": sorted(json.dumps(s, sort_keys=True) for s in statements),
                    "evidence": evidence,
                }
            ]
        lines += [json.dumps(s, sort_keys=True, ensure_ascii=False) for s in statements]
    return sorted(lines)


@pytest.fixture(scope="module")
def reference(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The folder ingested by one process alone, and how long that took."""
    db = tmp_path_factory.mktemp("reference") / "orgraph.db"
    started = time.monotonic()
    code, _out, err = finish(orgraph(db, "ingest", str(folder)))
    assert code == 0, err
    return db, time.monotonic() - started


def test_two_ingests_of_one_folder_both_succeed_and_store_each_document_once(
    folder: Path, reference: tuple[Path, float], tmp_path: Path
) -> None:
    db = tmp_path / "orgraph.db"  # missing: both processes also race to create it
    first, second = orgraph(db, "ingest", str(folder)), orgraph(db, "ingest", str(folder))
    results = [finish(first), finish(second)]

    for code, _out, err in results:
        assert code == 0, err
        assert err == ""
    count = len(list(folder.iterdir()))
    ingested = [int(out.rsplit("documents: ", 1)[1].split(" ingested")[0]) for _, out, _ in results]
    assert sum(ingested) == count  # each document stored by exactly one of them
    store = Store(db, create=False)
    try:
        sources = store.sources()
        assert len(sources) == count == len({s.sha256 for s in sources})
    finally:
        store.close()
    assert normalized_export(db) == normalized_export(reference[0])


def test_the_order_of_ingestion_leaves_no_trace(folder: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in folder.iterdir())
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    assert finish(orgraph(forward, "ingest", *files))[0] == 0
    assert finish(orgraph(backward, "ingest", *reversed(files)))[0] == 0
    exported = normalized_export(forward)
    assert exported == normalized_export(backward)
    # Entities learned from the texts are in it, so the test is not won by leaving them out.
    known = {e.id for e in load_gazetteer().entities}
    learned = {
        json.loads(line)[side]["id"] for line in exported for side in ("subject", "object")
    } - known
    assert len(learned) >= 5, learned


def claims_per_source(db: Path) -> dict[str, int]:
    raw = sqlite3.connect(db)
    try:
        rows = raw.execute(
            # A document's current evidence: one piece per fact it states, whichever statement
            # (its own, or one another document made first) holds it.
            "SELECT s.id, (SELECT count(*) FROM evidence e JOIN claims c ON c.id = e.claim_id "
            "WHERE e.source_id = s.id AND e.retracted_at IS NULL AND c.retracted_at IS NULL) "
            "FROM sources s"
        ).fetchall()
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    return dict(rows)


# Fractions of the time a whole ingest took alone: late enough to have stored some documents,
# early enough (also on a loaded machine) not to have stored them all.
@pytest.mark.parametrize("fraction", [0.2, 0.4, 0.6])
def test_a_killed_writer_never_leaves_a_partly_stored_document(
    folder: Path, reference: tuple[Path, float], tmp_path: Path, fraction: float
) -> None:
    reference_db, seconds = reference
    expected = claims_per_source(reference_db)
    db = tmp_path / "orgraph.db"
    assert finish(orgraph(db, "init"))[0] == 0
    writer = orgraph(db, "ingest", str(folder))
    time.sleep(seconds * fraction)
    os.kill(writer.pid, signal.SIGKILL)
    writer.communicate(timeout=LIMIT)
    assert writer.returncode == -signal.SIGKILL

    stored = claims_per_source(db)  # after recovery: the WAL's committed documents only
    assert len(stored) < len(expected), "the writer finished before it was killed"
    for source_id, claims in stored.items():
        assert claims == expected[source_id], source_id  # every stored document is whole

    code, _out, err = finish(orgraph(db, "ingest", str(folder)))  # and the rest goes in
    assert code == 0, err
    assert claims_per_source(db) == expected
    assert normalized_export(db) == normalized_export(reference_db)


def test_durable_stores_sync_every_commit(tmp_path: Path) -> None:
    normal, durable = Store(tmp_path / "a.db"), Store(tmp_path / "b.db", durable=True)
    try:
        with normal.engine.connect() as a, durable.engine.connect() as b:
            assert a.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert b.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        normal.close()
        durable.close()
