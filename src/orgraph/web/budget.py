"""Extraction of an uploaded document off the server's event loop, within a budget.

Each upload is extracted in a child process (forked from a small server process that has
the pipeline imported), so that the web server's threads and its GIL stay free for other
requests. The child gets an address-space limit and a deadline: a document that needs more
is refused with a clear 413 or 422, and the child is killed, never left running.
"""

from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line reads the defaults without loading the pipeline
    from orgraph.pipeline.extract import Extraction

MB = 1024 * 1024
# Extraction needs ~30 MB of memory per MB of text (issue 12's probe); a 2 MB upload took
# about 20 s on the reference machine (BENCHMARKS.md). A 20 MB document fits neither default.
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Budget:
    """What one upload may cost: wall-clock seconds and address space of its extraction."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    def extract(self, text: str, lang: str | None, source_id: str) -> Extraction:
        """`pipeline.extract` in a child process; Problem 413/422 when over budget."""
        from orgraph.web.problems import Problem

        context = multiprocessing.get_context("forkserver")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_extract_in_child,
            args=(send, text, lang, source_id, self.memory_mb),
            daemon=True,
        )
        child.start()
        send.close()  # the child holds the only writing end: EOF if it dies
        try:
            if not receive.poll(self.seconds):
                raise Problem(
                    422, f"extraction took longer than the {self.seconds:g} s budget per document"
                )
            try:
                kind, value = receive.recv()
            except EOFError:
                kind, value = "died", child.exitcode
        finally:
            receive.close()
            if child.is_alive():
                child.kill()
            child.join()
        if kind == "ok":
            result: Extraction = value
            return result
        if kind == "memory":
            raise Problem(
                413,
                f"extraction needs more than the {self.memory_mb} MB memory budget per document",
            )
        raise Problem(422, f"extraction failed ({value})")


def _extract_in_child(
    send: Connection, text: str, lang: str | None, source_id: str, memory_mb: int
) -> None:
    from orgraph.pipeline.extract import extract

    limit = memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    outcome: tuple[str, Any]
    try:
        outcome = ("ok", extract(text, lang, source_id))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # reported to the server as a 422, never a traceback
        outcome = ("error", f"{type(exc).__name__}: {exc}")
    try:
        send.send(outcome)
    except MemoryError:
        send.send(("memory", None))
    finally:
        send.close()


def preload() -> None:
    """Let the fork server import the pipeline once, so that each child starts warm."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(["orgraph.pipeline.extract"])
