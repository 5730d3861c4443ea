"""Plain text in any common encoding: UTF-8, UTF-16/32 with a byte-order mark, Windows-1252/Latin-1.

A text is decoded as UTF-8 when it is valid UTF-8 (almost no other text is). Otherwise
charset-normalizer measures which single-byte code page gives readable text, and a text
no encoding explains is refused, not guessed.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from orgraph.errors import BadDocument

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings of Western European text (the corpus is German and English).
_CODE_PAGES = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]


def decode_text(data: bytes, origin: str) -> str:
    """The text of a plain-text file, or BadDocument saying why it is not one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _nonempty(data.decode(encoding), origin)
            except UnicodeDecodeError:
                raise BadDocument(f"{origin}: starts like {encoding} but is not") from None
    if b"\x00" in data[:8192]:
        raise BadDocument(f"{origin}: binary file, not text")
    try:
        return _nonempty(data.decode("utf-8"), origin)
    except UnicodeDecodeError as exc:
        position = exc.start
    best = from_bytes(data, cp_isolation=_CODE_PAGES, threshold=0.2).best()
    if best is None:
        raise BadDocument(
            f"{origin}: not UTF-8 (invalid byte at position {position}) "
            "and no Western code page reads it as text"
        )
    return _nonempty(str(best), origin)


def _nonempty(text: str, origin: str) -> str:
    if not text.strip():
        raise BadDocument(f"{origin}: empty document")
    return text
