"""Zip files, read member by member within size and ratio limits.

The sizes an archive declares can lie, so a member is read with a cap and
refused when it grows past it; a member that declares more than MAX_RATIO
times its compressed size is refused before it is inflated. Word and
OpenDocument files are zip files too and go through the same check first.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from orgraph.errors import BadDocument

MAX_MEMBER_BYTES = 100_000_000  # as large as a single file may be
MAX_TOTAL_BYTES = 500_000_000  # everything an archive may inflate to
MAX_RATIO = 200  # text and XML compress 3-20 times; zeros and bombs a thousand times
MAX_MEMBERS = 10_000
_RATIO_FROM = 1_000_000  # tiny members say nothing by their ratio


def open_archive(source: bytes | Path, origin: str, what: str = "zip archive") -> zipfile.ZipFile:
    """An archive (its bytes, or a file) whose every member declares sizes within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise BadDocument(f"{origin}: corrupt {what} ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise BadDocument(f"{origin}: {len(infos)} members, over the limit of {MAX_MEMBERS}")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise BadDocument(
            f"{origin}: unpacks to {total / 1e6:.0f} MB, over the {MAX_TOTAL_BYTES / 1e6:.0f} MB "
            "limit (a zip bomb?)"
        )
    for info in infos:
        check_member(info, origin)
    return archive


def check_member(info: zipfile.ZipInfo, origin: str) -> None:
    where = f"{origin}!{info.filename}"
    if info.file_size > MAX_MEMBER_BYTES:
        raise BadDocument(
            f"{where}: unpacks to {info.file_size / 1e6:.0f} MB, over the "
            f"{MAX_MEMBER_BYTES / 1e6:.0f} MB limit per document"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FROM and ratio > MAX_RATIO:
        raise BadDocument(
            f"{where}: compressed {ratio:.0f} to 1, over the limit of {MAX_RATIO} to 1 "
            "(a zip bomb?)"
        )
    if info.flag_bits & 0x1:
        raise BadDocument(f"{where}: encrypted zip member")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str) -> bytes:
    """A member's bytes, read with a cap in case its declared size is a lie."""
    where = f"{origin}!{info.filename}"
    cap = min(MAX_MEMBER_BYTES, info.file_size)
    try:
        with archive.open(info) as stream:
            data = stream.read(cap + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
        raise BadDocument(f"{where}: corrupt zip member ({exc})") from None
    if len(data) > cap:
        raise BadDocument(f"{where}: inflates past its declared size (a zip bomb?)")
    return data


def members(archive: zipfile.ZipFile) -> Iterator[zipfile.ZipInfo]:
    """The files of an archive, without folders and the hidden files of packing tools."""
    for info in archive.infolist():
        parts = info.filename.split("/")
        if info.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts):
            continue
        yield info
