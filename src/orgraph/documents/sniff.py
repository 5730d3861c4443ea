"""What a file really is, from its first bytes, and what its name claims it is.

A file named `report.pdf` that is really an HTML error page, or `notes.txt` that is
a PNG, is reported, not fed to the wrong reader.
"""

from __future__ import annotations

import io
import zipfile

# The formats orgraph reads, by the suffix that claims them.
CLAIMS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".zip": "zip",
}

# Formats orgraph does not read, by their magic bytes, named the way a person would.
_FOREIGN = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls; save it as .docx)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)

NAMES = {
    "text": "plain text",
    "html": "HTML",
    "pdf": "a PDF",
    "docx": "a Word (.docx) document",
    "odt": "an OpenDocument text (.odt)",
    "zip": "a zip archive",
}
_ODT = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> str:
    """The format the bytes are: a key of NAMES, or the description of a foreign format."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    for magic, name in _FOREIGN:
        if data.startswith(magic):
            return name
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<?xml") and b"<html" in head
    ):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    """docx and odt are zip files too; their members say which."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").strip() == _ODT:
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        pass  # a broken archive: the zip reader says what is wrong with it
    return "zip"


def mismatch(claimed: str, actual: str) -> bool:
    """Whether content of kind `actual` cannot be read as the `claimed` format."""
    if claimed == actual:
        return False
    # HTML fragments often lack a doctype; a broken docx/odt is reported by its own reader.
    return not (claimed == "html" and actual == "text") and not (
        claimed in ("docx", "odt") and actual == "zip"
    )


def describe(kind: str) -> str:
    return NAMES.get(kind, kind)
