"""Stores with documents ingested, built once per set of documents and shared by the tests.

A document is named `shared:<path under ../shared>`, `demo:<file of the bundled demo>` or
`dev:<file of devcorpus/corpus>`; shared documents skip the test when ../shared is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from orgraph.ingest import ingest_text
from orgraph.store import Store
from tests.conftest import DEVCORPUS, shared_path


def document_text(name: str) -> str:
    where, _, path = name.partition(":")
    if where == "shared":
        return shared_path(path).read_text("utf-8")
    if where == "demo":
        return resources.files("orgraph.demo").joinpath(path).read_text("utf-8")
    if where == "dev":
        return (DEVCORPUS / "corpus" / path).read_text("utf-8")
    raise ValueError(f"unknown document {name!r}")


StoreFor = Callable[..., tuple[Store, Path]]


@pytest.fixture(scope="session")
def store_for(tmp_path_factory: pytest.TempPathFactory) -> StoreFor:
    """store_for(*documents) → (store, its database file), ingested once per session."""
    built: dict[tuple[str, ...], tuple[Store, Path]] = {}

    def build(*documents: str) -> tuple[Store, Path]:
        key = tuple(sorted(documents))
        if key not in built:
            texts = [(name, document_text(name)) for name in key]
            path = tmp_path_factory.mktemp("qa") / "orgraph.db"
            store = Store(path)
            store.seed()
            for name, text in texts:
                ingest_text(store, text, name)
            built[key] = (store, path)
        return built[key]

    return build
