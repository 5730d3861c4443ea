"""Web pages (HTML, XHTML): the article, without navigation, cookie banners and footers.

trafilatura finds the main text and gives it as structured XML (headings,
paragraphs, list items, table cells), which becomes one block each. The date
comes only from the page's own metadata (`<time>`, meta tags), never from a
date in the article's prose.
"""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml import etree

from orgraph.documents.document import Document, Kind, TextBuilder
from orgraph.documents.metadata import clean_title, language_code, parse_date
from orgraph.errors import BadDocument

_KINDS = {"head": Kind.HEADING, "p": Kind.PARAGRAPH, "item": Kind.ITEM, "cell": Kind.CELL}
_DATES = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, origin: str) -> Document:
    try:
        found = trafilatura.extract(
            data,
            output_format="xml",
            include_tables=True,
            include_comments=False,
            include_images=False,
            with_metadata=True,
            date_extraction_params=_DATES,
        )
    except (ValueError, etree.LxmlError) as exc:
        raise BadDocument(f"{origin}: unreadable HTML ({exc})") from None
    if not found:
        raise BadDocument(
            f"{origin}: no main text found in the page (only navigation or boilerplate?)"
        )
    root = etree.fromstring(found.encode("utf-8"))
    builder = TextBuilder()
    main = root.find("main")
    for element in (main if main is not None else root).iter(*_KINDS):
        if element.tag == "p" and _inside(element, ("item", "cell")):
            continue  # its text belongs to the item or cell around it
        builder.add(_KINDS[str(element.tag)], " ".join(element.itertext()))
    text, _ = builder.build()
    if not text.strip():
        raise BadDocument(
            f"{origin}: no main text found in the page (only navigation or boilerplate?)"
        )
    return Document(
        origin,
        text,
        "html",
        title=clean_title(root.get("title")),
        lang=_page_language(data),
        date=parse_date(root.get("date")),
    )


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(parent.tag in tags for parent in element.iterancestors())


def _page_language(data: bytes) -> str | None:
    """The language the page declares (`<html lang>` or a content-language meta tag)."""
    try:
        page = lxml.html.document_fromstring(data)
    except (ValueError, etree.LxmlError):
        return None
    # XHTML says xml:lang, which the HTML parser keeps as a plain attribute name.
    declared = page.get("lang") or page.get("xml:lang")
    if not declared:
        for meta in page.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content")
    return language_code(declared)
