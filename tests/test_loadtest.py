"""`make loadtest` on a tiny scale: the stores it builds and one short run against a real
server. The structure of the figures is checked, never the timings."""

from __future__ import annotations

import sys
from pathlib import Path

from orgraph.store import Store
from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "benchmarks"))
import loadtest


def test_a_short_run_against_a_real_server(tmp_path: Path) -> None:
    db = loadtest.large_store(tmp_path, 300)
    store = Store(db, create=False)
    assert store.stats()["claims"] == 300
    assert all(c.evidence for c in store.claims(limit=20))
    store.close()

    figures = loadtest.measure("large", db, 300, clients=2, seconds=1.0, warmup=0.0)
    assert figures["errors"] == 0
    assert isinstance(figures["requests"], int) and figures["requests"] > 0
    assert {"req_per_s", "p50_ms", "p99_ms", "cold_p50_ms"} <= set(figures)


def test_the_mix_for_large_stores_leaves_out_whole_store_pages() -> None:
    every, scaling = loadtest.request_mix(), loadtest.request_mix(whole_store_pages=False)
    assert set(scaling) < set(every)
    assert "/" not in scaling and not any(u.startswith("/entity/") for u in scaling)
