"""A cache of read responses, valid until the store changes.

Every page and JSON answer is a function of the request and the store's contents (and of
today's date, for pages that default to it). SQLite counts commits: `PRAGMA data_version`,
asked on one connection kept for the purpose, changes whenever any other connection — a
write of this server, or another process's `orgraph ingest` — commits. So a cached answer
is served only while that number is unchanged; the first commit empties the cache.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from orgraph.web.i18n import language

ENTRIES = 1024
BUDGET = 64_000_000  # bytes kept in all
LARGEST = 8_000_000  # bytes; larger answers are made anew each time
UNCACHED = ("/static", "/docs", "/redoc", "/api/export", "/api/ask", "/ask")


class ReadCache:
    """Answers by request, for one store file; thread-safe."""

    def __init__(self, path: Path) -> None:
        # Never used to read data, only to ask how many commits other connections made.
        self.watch = sqlite3.connect(path, check_same_thread=False)
        self.lock = threading.Lock()
        self.version = -1
        self.size = 0
        self.entries: OrderedDict[tuple[str, ...], tuple[int, bytes, dict[str, str]]] = (
            OrderedDict()
        )

    def _current(self) -> None:
        """Empty the cache when the store has changed since it was filled."""
        version = int(self.watch.execute("PRAGMA data_version").fetchone()[0])
        if version != self.version:
            self.entries.clear()
            self.size = 0
            self.version = version

    def get(self, key: tuple[str, ...]) -> Response | None:
        with self.lock:
            self._current()
            found = self.entries.get(key)
            if found is None:
                return None
            self.entries.move_to_end(key)
        status, body, headers = found
        return Response(body, status, headers)

    def put(self, key: tuple[str, ...], version: int, response: Response, body: bytes) -> None:
        with self.lock:
            if version != self.version:  # the store changed while the answer was made
                return
            headers = {k: v for k, v in response.headers.items() if k != "content-length"}
            if key in self.entries:
                self.size -= len(self.entries[key][1])
            self.entries[key] = (response.status_code, body, headers)
            self.size += len(body)
            while len(self.entries) > ENTRIES or self.size > BUDGET:
                _key, (_status, dropped, _headers) = self.entries.popitem(last=False)
                self.size -= len(dropped)

    def close(self) -> None:
        self.watch.close()


def cache_key(request: Request) -> tuple[str, ...]:
    accept = request.headers.get("accept", "")
    return (
        request.url.path,
        request.url.query,
        "html" if "text/html" in accept else "other",
        language(request),
        date.today().isoformat(),  # pages that default to today change at midnight
    )


async def cached_reads(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Serve a GET from the cache, or make the answer (`call_next`) and keep it."""
    cache: ReadCache | None = request.app.state.read_cache
    if cache is None or request.method != "GET" or request.url.path.startswith(UNCACHED):
        return await call_next(request)
    key = cache_key(request)
    hit = cache.get(key)
    if hit is not None:
        return hit
    version = cache.version
    response = await call_next(request)
    if response.status_code != 200 or "set-cookie" in response.headers:
        return response
    body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
    if len(body) <= LARGEST:
        cache.put(key, version, response, body)
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    return Response(body, response.status_code, headers)
