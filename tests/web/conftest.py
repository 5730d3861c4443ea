"""Web fixtures: a real SQLite file with the IOM–UN document, the app in-process
(httpx over ASGI), and the real server (`orgraph serve`) on a free loopback port.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from orgraph.ingest import ingest_text
from orgraph.store import Store
from orgraph.web import create_app
from tests.conftest import PROJECT, shared_path

TOKEN = "test-token-0123456789"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT / "test-artifacts"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the gazetteer and the IOM–UN document (built once, copied per test)."""
    text = shared_path("corpus/iom-un-relations.de.txt").read_text("utf-8")
    path = tmp_path_factory.mktemp("corpus") / "orgraph.db"
    store = Store(path)
    store.seed()
    report = ingest_text(store, text, "iom-un-relations.de.txt")
    assert report.status == "ingested", report
    store.close()
    return path


@pytest.fixture
def db_file(corpus_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "orgraph.db"
    shutil.copy(corpus_db, target)
    return target


class Client:
    """A synchronous in-process HTTP client over the ASGI app (real requests, no server)."""

    def __init__(self, app: Any, token: str | None = None) -> None:
        self.app = app
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}

        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.request(method, url, headers=headers, **kwargs)

        return anyio.run(go)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture
def app(db_file: Path) -> Any:
    return create_app(db_file, TOKEN)


@pytest.fixture
def client(app: Any) -> Client:
    """Reads, without the token."""
    return Client(app)


@pytest.fixture
def writer(app: Any) -> Client:
    """The same app, sending the token."""
    return Client(app, TOKEN)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`orgraph serve` as a user runs it, on 127.0.0.1 and a free port; yields the base URL."""
    db = tmp_path_factory.mktemp("live") / "orgraph.db"
    shutil.copy(corpus_db, db)
    port = free_port()
    env = {**os.environ, "ORGRAPH_TOKEN": TOKEN}
    cli = [
        sys.executable,
        "-m",
        "orgraph.cli",
        "--db",
        str(db),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        cli, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"server exited: {process.stdout.read() if process.stdout else ''}"
                )
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def chromium_path() -> Path:
    """Debian's chromium; a skip with the reason where it is absent, a failure in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have chromium at {CHROMIUM} (.ci/run installs it)")
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium to run the browser tests")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
