"""Word documents (.docx) through python-docx: paragraphs, headings, list items and table cells.

Page headers and footers live in parts of their own and are not read. The
title, language and creation date of the document's core properties become
its metadata.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from orgraph.documents.archive import open_archive
from orgraph.documents.document import Document, Kind, TextBuilder
from orgraph.documents.metadata import clean_title, language_code, parse_date
from orgraph.errors import BadDocument

_HEADING_STYLES = ("heading", "title", "überschrift", "titel", "subtitle", "untertitel")


def read_docx(data: bytes, origin: str) -> Document:
    open_archive(
        data, origin, "Word document"
    ).close()  # sizes and ratios checked before python-docx inflates
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise BadDocument(f"{origin}: corrupt Word document ({exc})") from None
    except Exception as exc:  # python-docx raises its own and lxml's errors for broken parts
        raise BadDocument(f"{origin}: corrupt Word document ({type(exc).__name__})") from None
    builder = TextBuilder()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            builder.add(_kind(block), block.text)
        elif isinstance(block, Table):
            _table(block, builder)
    text, _ = builder.build()
    if not text.strip():
        raise BadDocument(f"{origin}: empty document")
    core = document.core_properties
    return Document(
        origin,
        text,
        "docx",
        title=clean_title(core.title),
        lang=language_code(core.language),
        date=parse_date(core.created or core.modified),
    )


def _kind(paragraph: Paragraph) -> Kind:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith(_HEADING_STYLES):
        return Kind.HEADING
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.find(qn("w:numPr")) is not None
    if numbered or style.lower().startswith(("list", "liste", "aufzählung")):
        return Kind.ITEM
    return Kind.PARAGRAPH


def _table(table: Table, builder: TextBuilder) -> None:
    """Every cell its own block; a merged cell is read once."""
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                builder.add(Kind.CELL, paragraph.text)
            for inner in cell.tables:
                _table(inner, builder)
