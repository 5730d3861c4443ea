"""Opening a store file: a new one appears whole, a file that is not ours is refused, and
damage anywhere in the file is found before anything reads or writes it.

All checks here only read: a foreign or damaged file is left byte for byte as it was.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from orgraph.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
# `PRAGMA quick_check` reads every page: 0.15–0.19 s for a 40 MB store of 100,000 claims on
# the reference machine (BENCHMARKS.md), so about 1 s at this limit. Above it the check is
# skipped on open; damage is then still found by SQLite on the pages a command touches, and
# reported in one line like any other database error.
QUICK_CHECK_LIMIT = 256 * 1024 * 1024
BUSY_TIMEOUT = 30.0  # seconds a command waits for another process's write to finish


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # 0 bytes, or a SQLite database without any table
    FOREIGN = "foreign"  # a SQLite database with tables that are not orgraph's
    STORE = "store"


def _checked(path: Path, message: str) -> StoreError:
    return StoreError(f"{path}: {message}")


def inspect(path: Path, *, quick_check: bool = True) -> FileKind:
    """What the file at `path` is; StoreError when it is not a database or is damaged."""
    if not path.exists():
        if not path.parent.is_dir():
            raise _checked(path, f"no directory {path.parent}")
        return FileKind.MISSING
    if path.is_dir():
        raise _checked(path, "is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
        size = path.stat().st_size
    except OSError as exc:
        raise _checked(path, f"cannot read ({exc.strerror})") from None
    if size == 0:
        return FileKind.EMPTY
    if header != SQLITE_MAGIC:
        raise _checked(path, "not a SQLite database (damaged, or another kind of file)")
    try:
        tables = _tables_and_check(path, quick_check and size <= QUICK_CHECK_LIMIT)
    except sqlite3.Error as exc:
        raise _checked(
            path, f"damaged database ({_reason(exc)}); nothing was read or written"
        ) from None
    if not tables:
        return FileKind.EMPTY
    return FileKind.STORE if "migrations" in tables and "claims" in tables else FileKind.FOREIGN


def _tables_and_check(path: Path, quick_check: bool) -> set[str]:
    raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
    try:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if quick_check:
            found = [
                line for r in raw.execute("PRAGMA quick_check(3)") for line in r[0].split("\n")
            ]
            if found != ["ok"]:
                details = [f for f in found if not f.startswith("***")] or found
                raise sqlite3.DatabaseError("; ".join(details[:2]))
        return tables
    finally:
        raw.close()


def _reason(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return lines[0] if lines else type(exc).__name__


def refuse_unless_ours(path: Path, kind: FileKind, *, adopt: bool) -> None:
    """Only `orgraph init` (adopt) gives orgraph's tables to an empty or foreign file."""
    if kind is FileKind.EMPTY and not adopt:
        raise _checked(path, "empty file, not an orgraph store (`orgraph init` makes it one)")
    if kind is FileKind.FOREIGN and not adopt:
        raise _checked(
            path, "a SQLite database of another program, not an orgraph store (left unchanged)"
        )


def create_whole(path: Path, build: Callable[[Path], None]) -> None:
    """Build a new store beside `path` and link it into place in one step.

    No other process ever sees a half-made or 0-byte store; when two create the same file at
    once, one link wins and the other process opens the winner's file.
    """
    scratch = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    try:
        build(scratch)
        try:
            os.link(scratch, path)
        except FileExistsError:
            pass
        except OSError:
            # A file system without hard links: a rename is atomic too (it may replace a store
            # another process made in the same instant; both are new and empty).
            if not path.exists():
                os.replace(scratch, path)
    finally:
        for leftover in (scratch, *(scratch.with_name(scratch.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
