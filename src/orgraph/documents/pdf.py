"""PDF: the text layer with positions (pdfplumber), repaired into paragraphs; scans via OCR.

A page without a text layer but with an image is a scan: it is reported, or, with
`ocr=True`, recognised with Tesseract and marked as OCR text in the page map.
Encrypted and corrupt files are refused with a reason.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
from pdfminer.pdftypes import resolve1

from orgraph.documents import ocr as tesseract
from orgraph.documents.document import Document
from orgraph.documents.layout import PageLines, Word, reading_order
from orgraph.documents.metadata import clean_title, language_code, parse_date
from orgraph.documents.repair import drop_running_lines, paragraphs
from orgraph.errors import BadDocument

_SUBSET = re.compile(r"^[A-Z]{6}\+")


def read_pdf(data: bytes, origin: str, ocr: bool = False) -> Document:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return _read(pdf, origin, ocr)
    except BadDocument:
        raise
    except Exception as exc:  # any failure of the PDF parser means the file cannot be read
        raise BadDocument(_why_unreadable(exc, origin)) from None


def _why_unreadable(exc: Exception, origin: str) -> str:
    chain = f"{type(exc).__name__} {exc} {type(exc.__cause__).__name__} {exc.__cause__}"
    if "Password" in chain or "Encrypt" in chain or "decrypt" in chain.lower():
        return f"{origin}: encrypted PDF (needs a password); save an unprotected copy"
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{origin}: corrupt PDF ({reason[:120]})"


def _read(pdf: Any, origin: str, ocr: bool) -> Document:
    info = pdf.metadata or {}
    lang = language_code(_catalog_lang(pdf))
    pages: list[PageLines] = []
    scans: list[int] = []
    for page in pdf.pages:
        words = [_word(w) for w in page.extract_words(extra_attrs=["fontname", "size"])]
        recognised = False
        if not words and page.images:
            if not ocr:
                scans.append(page.page_number)
                continue
            image = page.to_image(resolution=tesseract.RESOLUTION).original
            words, recognised = tesseract.recognise(image, lang), True
        if not words:
            continue
        lines, columns = reading_order(words, float(page.width))
        pages.append(
            PageLines(
                page.page_number, float(page.width), float(page.height), lines, recognised, columns
            )
        )
    if not pages:
        if scans:
            raise BadDocument(
                f"{origin}: no page has a text layer ({len(scans)} scanned "
                f"page{'s' if len(scans) > 1 else ''}); read it with --ocr"
            )
        raise BadDocument(f"{origin}: empty document (no text in the PDF)")
    drop_running_lines(pages)
    text, spans = paragraphs(pages)
    if not text.strip():
        raise BadDocument(f"{origin}: empty document (no text in the PDF)")
    warnings = tuple(
        f"{origin}: page {number} has no text layer (a scan; read it with --ocr)"
        for number in scans
    )
    return Document(
        origin,
        text,
        "pdf",
        title=clean_title(_text(info.get("Title"))),
        lang=lang,
        date=parse_date(_text(info.get("CreationDate")) or _text(info.get("ModDate"))),
        pages=spans,
        warnings=warnings,
    )


def _word(raw: dict[str, Any]) -> Word:
    return Word(
        raw["text"],
        float(raw["x0"]),
        float(raw["x1"]),
        float(raw["top"]),
        float(raw["bottom"]),
        _SUBSET.sub("", str(raw.get("fontname", ""))),
        float(raw.get("size", 0.0)),
    )


def _text(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            return value.decode("utf-16", "replace")
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _catalog_lang(pdf: Any) -> str:
    try:
        return _text(pdf.doc.catalog.get("Lang"))
    except (AttributeError, KeyError, TypeError):
        return ""
