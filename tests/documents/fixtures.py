"""Test documents made from the project's own dev-corpus texts, in every format orgraph reads.

Each renderer takes a plain text (one paragraph, heading or "- " list item a line, as
the dev corpus is written) and lays it out the way real documents come: a PDF in two
columns with a running header, page numbers and hyphenation; a web page inside
navigation, a cookie banner and a footer; a Word and an OpenDocument file with real
heading and list styles; and a scan, a PDF whose pages are only images.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image

DEVCORPUS = Path(__file__).resolve().parents[2] / "devcorpus" / "corpus"
_FINAL = re.compile(r"[.!?:;…\"“”»«)]\s*$")


def corpus_text(name: str) -> str:
    return (DEVCORPUS / name).read_text("utf-8")


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) for each line: heading, item or paragraph (as the segmenter reads them)."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            found.append(("item", line[2:]))
        elif len(line.split()) <= 14 and not _FINAL.search(line):
            found.append(("heading", line))
        else:
            found.append(("paragraph", line))
    return found


def _font() -> str:
    """A Unicode TrueType font that is there wherever the project installs (matplotlib's)."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in (("DejaVu", "DejaVuSans.ttf"), ("DejaVu-Bold", "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    return "DejaVu"


def render_pdf(
    text: str,
    *,
    title: str = "",
    lang: str = "de",
    columns: int = 2,
    header: str = "Jahresbericht 2024 · Vereinte Nationen",
    hyphenate: bool = True,
    created: datetime | None = None,
    font_size: float = 9,
    encrypt: str | None = None,
) -> bytes:
    """A report as PDF: A5 pages, `columns` columns, a running header and "Seite N" below."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    _font()
    width, height = A5
    margin, gutter = 36.0, 14.0
    column = (width - 2 * margin - (columns - 1) * gutter) / columns
    frames = [
        Frame(margin + i * (column + gutter), margin, column, height - 2 * margin, id=f"c{i}")
        for i in range(columns)
    ]

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.setFont("DejaVu", 7)
        if header:
            canvas.drawString(margin, height - 24, header)
        canvas.drawCentredString(width / 2, 20, f"Seite {doc.page}")

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A5,
        pageTemplates=[PageTemplate("report", frames, onPage=furniture)],
        title=title,
        lang=lang,
        encrypt=encrypt,
        invariant=1,
    )
    hyphenation = {"hyphenationLang": "de_DE" if lang == "de" else "en_US"} if hyphenate else {}
    body = ParagraphStyle(
        "body", fontName="DejaVu", fontSize=font_size, leading=font_size * 1.3,
        spaceAfter=font_size * 0.8, alignment=4, embeddedHyphenation=1, **hyphenation,
    )  # fmt: skip
    heading = ParagraphStyle(
        "heading", fontName="DejaVu-Bold", fontSize=font_size + 1.5,
        leading=(font_size + 1.5) * 1.3, spaceBefore=4, spaceAfter=font_size * 0.6,
    )  # fmt: skip
    item = ParagraphStyle(
        "item", parent=body, leftIndent=10, bulletIndent=0, alignment=0, bulletFontName="DejaVu"
    )
    story = []
    for kind, line in blocks(text):
        style = {"heading": heading, "item": item}.get(kind, body)
        bullet = "•" if kind == "item" else None
        story.append(Paragraph(escape(line), style, bulletText=bullet))
    doc.build(story)
    data = out.getvalue()
    if created is not None:
        stamp = created.strftime("D:%Y%m%d%H%M%S")
        data = re.sub(rb"/CreationDate \([^)]*\)", f"/CreationDate ({stamp})".encode(), data)
    return data


def render_scan(text: str, *, lang: str = "de", resolution: int = 200) -> bytes:
    """A scanned report: each page of a one-column PDF rasterised, then put back as an image."""
    import pypdfium2
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    printed = render_pdf(text, lang=lang, columns=1, hyphenate=False, font_size=10)
    images: list[Image.Image] = []
    pdf = pypdfium2.PdfDocument(printed)
    try:
        for page in pdf:
            images.append(page.render(scale=resolution / 72).to_pil().convert("L"))
    finally:
        pdf.close()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A5, invariant=1)
    for image in images:
        canvas.drawImage(ImageReader(image), 0, 0, width=A5[0], height=A5[1])
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_html(text: str, *, lang: str = "de", date: str = "2024-05-02") -> bytes:
    """A saved web page: the article inside navigation, a cookie banner, a sidebar and a footer.

    The text's first line is the article's title (`<h1>`, and in `<title>` with the site's name).
    """
    (_, title), *rest = blocks(text)
    body = []
    in_list = False
    for kind, line in rest:
        if kind == "item" and not in_list:
            body.append("<ul>")
        if kind != "item" and in_list:
            body.append("</ul>")
        in_list = kind == "item"
        tag = {"heading": "h2", "item": "li"}.get(kind, "p")
        body.append(f"<{tag}>{escape(line)}</{tag}>")
    if in_list:
        body.append("</ul>")
    article = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)} | UN-Portal</title>
<meta name="viewport" content="width=device-width"></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>Wir verwenden Cookies, um Ihnen das beste
Nutzungserlebnis zu bieten. Mit der Nutzung dieser Website stimmen Sie dem zu.</p>
<button>Alle akzeptieren</button> <button>Einstellungen</button></div>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/themen">Themen</a></li>
<li><a href="/presse">Presse</a></li><li><a href="/kontakt">Kontakt</a></li></ul></nav></header>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">Veröffentlicht am <time datetime="{date}">{date}</time></p>
{article}
</article>
<aside><h3>Das könnte Sie auch interessieren</h3><ul><li><a href="/a">Weitere Berichte</a></li>
<li><a href="/b">Newsletter abonnieren</a></li></ul></aside></main>
<footer><p>© 2024 UN-Portal · <a href="/impressum">Impressum</a> ·
<a href="/datenschutz">Datenschutz</a> · <a href="/barrierefreiheit">Barrierefreiheit</a></p>
</footer></body></html>""".encode()


def render_docx(
    text: str, *, title: str = "", lang: str = "de", created: datetime | None = None
) -> bytes:
    """A Word file with heading and list styles, a page header and footer, and core properties."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Partnerorganisation · Interner Bericht"
    section.footer.paragraphs[0].text = "Seite 1"
    for kind, line in blocks(text):
        if kind == "heading":
            document.add_heading(line, level=2)
        elif kind == "item":
            document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph(line)
    document.core_properties.title = title
    document.core_properties.language = lang
    document.core_properties.created = created or datetime(2024, 5, 2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_odt(text: str, *, title: str = "", lang: str = "de") -> bytes:
    """An OpenDocument text with headings, a bulleted list and metadata."""
    from odf import dc, meta
    from odf import text as odftext
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text=lang))
    document.meta.addElement(meta.CreationDate(text="2024-05-02T10:00:00"))
    current_list = None
    for kind, line in blocks(text):
        if kind == "item":
            if current_list is None:
                current_list = odftext.List()
                document.text.addElement(current_list)
            entry = odftext.ListItem()
            entry.addElement(odftext.P(text=line))
            current_list.addElement(entry)
            continue
        current_list = None
        if kind == "heading":
            document.text.addElement(odftext.H(outlinelevel=2, text=line))
        else:
            document.text.addElement(odftext.P(text=line))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def title_of(text: str) -> str:
    """The first line of a dev-corpus text is its title."""
    return text.strip().splitlines()[0].strip()


def need_tesseract() -> None:
    """Skip without Tesseract, with the reason; in CI (CI=true) it must be there."""
    import os

    import pytest

    from orgraph.documents.ocr import missing

    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have Tesseract (.ci/run installs it): {reason}")
        pytest.skip(reason)


def render_lines(
    pages: list[list[list[str]]],
    *,
    header: str | None = None,
    page_numbers: bool = True,
    title: str | None = None,
) -> bytes:
    """A PDF set line by line, exactly as given: each page a list of columns, each a list of lines.

    Lines are drawn top down at a fixed leading; an empty string leaves a paragraph gap.
    `title` is set across both columns above them on the first page.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    _font()
    width, height = A4
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    margin, gutter = 56.0, 24.0
    for number, columns in enumerate(pages, start=1):
        if header:
            canvas.setFont("DejaVu", 8)
            canvas.drawString(margin, height - 30, header)
        if page_numbers:
            canvas.setFont("DejaVu", 8)
            canvas.drawCentredString(width / 2, 28, f"– {number} –")
        top = height - 70
        if title and number == 1:
            canvas.setFont("DejaVu-Bold", 14)
            canvas.drawCentredString(width / 2, top, title)
            top -= 30
        column_width = (width - 2 * margin - gutter * (len(columns) - 1)) / len(columns)
        for index, lines in enumerate(columns):
            x = margin + index * (column_width + gutter)
            y = top
            canvas.setFont("DejaVu", 10)
            for line in lines:
                if line:
                    canvas.drawString(x, y, line)
                    y -= 13
                else:
                    y -= 10
        canvas.showPage()
    canvas.save()
    return out.getvalue()
