"""Documents in: every format orgraph reads, turned into normalized text with metadata.

`entries(path)` names the documents a file holds (one, or a zip archive's members),
each with a `load()` that reads it into a `Document` or raises `BadDocument` with a
one-line reason. The format is what the content is, checked against what the name
claims; sizes are limited before anything is read.
"""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from orgraph.documents.archive import members, open_archive, read_member
from orgraph.documents.document import Document, page_at
from orgraph.documents.plaintext import decode_text
from orgraph.documents.sniff import CLAIMS, NAMES, describe, mismatch, sniff
from orgraph.errors import BadDocument

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TEXT_BYTES",
    "SUFFIXES",
    "Document",
    "Entry",
    "entries",
    "matches",
    "page_at",
    "read_bytes",
    "read_file",
]

SUFFIXES = tuple(CLAIMS)
MAX_TEXT_BYTES = 20_000_000  # a plain-text file (and what orgraph stores of any document)
MAX_FILE_BYTES = 100_000_000  # a PDF, Word or OpenDocument file, images included


@dataclass(frozen=True)
class Entry:
    """One document found on disk or in an archive: read it with `load()`, unless skipped."""

    origin: str
    load: Callable[[], Document]
    skipped: str = ""  # why it is not read at all (a format orgraph does not read)


def matches(relative: str, patterns: Iterable[str]) -> bool:
    """Whether a file (its path relative to the folder or archive) is chosen by `--glob`."""
    chosen = list(patterns)
    name = PurePosixPath(relative).name
    return not chosen or any(
        fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in chosen
    )


def _limit(claimed: str) -> int:
    return MAX_TEXT_BYTES if claimed in ("text", "html") else MAX_FILE_BYTES


def _too_big(origin: str, size: int, limit: int) -> BadDocument:
    return BadDocument(
        f"{origin}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit per document"
    )


def _unsupported(suffix: str) -> str:
    return f"not a supported format ({suffix or 'no suffix'}; reads {', '.join(SUFFIXES)})"


def read_bytes(data: bytes, name: str, origin: str | None = None, ocr: bool = False) -> Document:
    """A document from its bytes; `name` (a file name) says which format it claims to be.

    A name without a suffix (an upload) claims nothing: the content decides.
    """
    origin = origin or name
    suffix = PurePosixPath(name).suffix.lower()
    actual = sniff(data)
    if not suffix:
        claimed: str | None = actual if actual in NAMES and actual != "zip" else "text"
    else:
        claimed = CLAIMS.get(suffix)
    if claimed is None or claimed == "zip":
        raise BadDocument(f"{origin}: {_unsupported(suffix)}")
    if len(data) > _limit(claimed):
        raise _too_big(origin, len(data), _limit(claimed))
    if mismatch(claimed, actual):
        if claimed == "text" and actual not in NAMES:
            raise BadDocument(f"{origin}: binary file, not text ({actual})")
        raise BadDocument(f"{origin}: named {suffix} but the content is {describe(actual)}")
    if claimed == "pdf":
        from orgraph.documents.pdf import read_pdf

        return read_pdf(data, origin, ocr)
    if claimed == "html":
        from orgraph.documents.webpage import read_html

        return read_html(data, origin)
    if claimed == "docx":
        from orgraph.documents.word import read_docx

        return read_docx(data, origin)
    if claimed == "odt":
        from orgraph.documents.opendocument import read_odt

        return read_odt(data, origin)
    text = decode_text(data, origin)
    return Document(origin, text, "md" if suffix in (".md", ".markdown") else "txt")


def read_file(path: Path, ocr: bool = False) -> Document:
    """A document from a file, refused by its size before it is read."""
    claimed = CLAIMS.get(path.suffix.lower(), "text")
    try:
        size = path.stat().st_size
        if size > _limit(claimed):
            raise _too_big(str(path), size, _limit(claimed))
        data = path.read_bytes()
    except OSError as exc:
        raise BadDocument(f"{path}: cannot read ({exc.strerror})") from None
    return read_bytes(data, path.name, str(path), ocr)


def entries(path: Path, patterns: Iterable[str] = (), ocr: bool = False) -> Iterator[Entry]:
    """The documents a file holds: itself, or each member of a zip archive `--glob` chooses."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        yield from _archive_entries(path, list(patterns), ocr)
    elif suffix in CLAIMS or not path.exists():
        yield Entry(str(path), lambda: read_file(path, ocr))
    else:
        yield Entry(str(path), lambda: read_file(path, ocr), _unsupported(suffix))


def _archive_entries(path: Path, patterns: list[str], ocr: bool) -> Iterator[Entry]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES * 5:
            raise _too_big(str(path), size, MAX_FILE_BYTES * 5)
        archive = open_archive(path, str(path))
    except (BadDocument, OSError) as exc:
        message = str(exc) if isinstance(exc, BadDocument) else f"{path}: cannot read ({exc})"

        def refuse() -> Document:
            raise BadDocument(message)

        yield Entry(str(path), refuse)
        return
    with archive:
        for info in members(archive):
            if not matches(info.filename, patterns):
                continue
            origin = f"{path}!{info.filename}"
            member_suffix = PurePosixPath(info.filename).suffix.lower()

            def load(info_: zipfile.ZipInfo = info, origin_: str = origin) -> Document:
                data = read_member(archive, info_, str(path))
                return read_bytes(data, PurePosixPath(info_.filename).name, origin_, ocr)

            if member_suffix == ".zip":
                yield Entry(origin, load, "an archive inside an archive is not read")
            elif member_suffix not in CLAIMS:
                yield Entry(origin, load, _unsupported(member_suffix))
            else:
                yield Entry(origin, load)
