"""OpenDocument text (.odt) through odfpy: headings, paragraphs, list items and table cells."""

from __future__ import annotations

import io
from typing import Any

from odf import dc, meta, teletype
from odf.element import Element
from odf.namespaces import TABLENS, TEXTNS
from odf.opendocument import load

from orgraph.documents.archive import open_archive
from orgraph.documents.document import Document, Kind, TextBuilder
from orgraph.documents.metadata import clean_title, language_code, parse_date
from orgraph.errors import BadDocument

_HEADING = (TEXTNS, "h")
_PARAGRAPH = (TEXTNS, "p")
_ITEM = (TEXTNS, "list-item")
_CELL = (TABLENS, "table-cell")


def read_odt(data: bytes, origin: str) -> Document:
    open_archive(
        data, origin, "OpenDocument file"
    ).close()  # sizes and ratios checked before odfpy inflates
    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises zipfile's, xml's and its own errors
        raise BadDocument(f"{origin}: corrupt OpenDocument file ({type(exc).__name__})") from None
    builder = TextBuilder()
    _walk(document.text, builder, Kind.PARAGRAPH)
    text, _ = builder.build()
    if not text.strip():
        raise BadDocument(f"{origin}: empty document")
    return Document(
        origin,
        text,
        "odt",
        title=clean_title(_meta(document, dc.Title)),
        lang=language_code(_meta(document, dc.Language)),
        date=parse_date(_meta(document, meta.CreationDate) or _meta(document, dc.Date)),
    )


def _walk(node: Any, builder: TextBuilder, context: Kind) -> None:
    """Blocks in document order; a paragraph inside a list item or cell takes its kind."""
    for child in node.childNodes:
        if not isinstance(child, Element):
            continue
        if child.qname == _HEADING:
            builder.add(Kind.HEADING, teletype.extractText(child))
        elif child.qname == _PARAGRAPH:
            builder.add(context, teletype.extractText(child))
        elif child.qname == _ITEM:
            _walk(child, builder, Kind.ITEM)
        elif child.qname == _CELL:
            _walk(child, builder, Kind.CELL)
        else:
            _walk(child, builder, context)


def _meta(document: Any, kind: Any) -> str:
    found = document.meta.getElementsByType(kind)
    return teletype.extractText(found[0]).strip() if found else ""
