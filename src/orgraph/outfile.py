"""Output files written whole or not at all: an export or a chart that fails halfway (a full
disk, a damaged store) leaves no truncated file behind, and an older file stays as it was."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from orgraph.errors import OrgraphError


@contextmanager
def written_whole(target: str | Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A file to write to; it replaces `target` only when the block ends without an error.

    "-" is stdout. A target that is not a regular file (a device, a pipe) is written directly.
    Missing directories are an error, never created.
    """
    if str(target) == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise OrgraphError(f"{path}: no directory {path.parent}")
    if path.is_dir():
        raise OrgraphError(f"{path}: is a directory")
    direct = path.exists() and not path.is_file()
    scratch = path if direct else path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with scratch.open("wb") if binary else scratch.open("w", encoding="utf-8") as out:
            yield out
        if not direct:
            os.replace(scratch, path)
    except OSError as exc:
        raise OrgraphError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if not direct:
            scratch.unlink(missing_ok=True)
