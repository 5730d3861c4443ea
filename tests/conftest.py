"""Shared fixtures: real SQLite stores, real files, and the ../shared corpus when present."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from orgraph.store import Store

PROJECT = Path(__file__).resolve().parents[1]
SHARED = (PROJECT.parent / "shared").resolve()
DEVCORPUS = PROJECT / "devcorpus"


def shared_path(relative: str) -> Path:
    """A file of ../shared; skipped with a reason in a plain clone, a failure in CI."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have ../shared beside the project, missing {path}")
        pytest.skip(f"{path} is absent (plain clone without ../shared)")
    return path


@pytest.fixture
def shared_gold() -> dict[str, Any]:
    return json.loads(shared_path("eval/iom-un-relations.gold.json").read_text("utf-8"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A real SQLite file, seeded with the gazetteer."""
    db = Store(tmp_path / "orgraph.db")
    db.seed()
    return db
