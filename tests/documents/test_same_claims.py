"""Every format of a dev-corpus text ingests to the same claims as its plain text.

The documents are made here from `devcorpus/corpus`: a PDF in two columns with a
running header, page numbers and hyphenation; a web page inside navigation, a cookie
banner and a footer; Word and OpenDocument files; and a scan (an image-only PDF)
read by OCR.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from orgraph.documents import read_bytes, read_file
from orgraph.ingest import OCR_MARK
from tests.documents.fixtures import (
    DEVCORPUS,
    corpus_text,
    need_tesseract,
    render_docx,
    render_html,
    render_odt,
    render_pdf,
    render_scan,
    title_of,
)
from tests.documents.helpers import assert_offsets_point_at_sentences, claim_keys, ingest

CORPUS = sorted(p.name for p in DEVCORPUS.glob("*.txt"))
RENDER: dict[str, Callable[[str, str], bytes]] = {
    "report.pdf": lambda text, lang: render_pdf(text, title=title_of(text), lang=lang),
    "page.html": lambda text, lang: render_html(text, lang=lang),
    "memo.docx": lambda text, lang: render_docx(text, title=title_of(text), lang=lang),
    "memo.odt": lambda text, lang: render_odt(text, title=title_of(text), lang=lang),
}


@pytest.fixture(scope="module")
def plain_claims() -> dict[str, object]:
    found: dict[str, object] = {}
    for name in CORPUS:
        store, sid = ingest(read_file(DEVCORPUS / name))
        found[name] = claim_keys(store, sid)
        store.close()
    return found


@pytest.mark.parametrize("name", CORPUS)
@pytest.mark.parametrize("filename", list(RENDER))
def test_format_gives_the_claims_of_the_plain_text(
    filename: str, name: str, plain_claims: dict[str, object]
) -> None:
    text = corpus_text(name)
    lang = name.split(".")[1]
    document = read_bytes(RENDER[filename](text, lang), filename)

    store, sid = ingest(document)

    expected = plain_claims[name]
    assert expected, f"{name} has claims to compare"
    assert claim_keys(store, sid) == expected
    assert assert_offsets_point_at_sentences(store, sid) > 0
    source = store.source(sid)
    assert source.format == Path(filename).suffix[1:]
    assert source.title == title_of(text)
    assert source.lang == lang


def test_pdf_evidence_knows_its_page() -> None:
    text = corpus_text("iom-un-demo.de.txt")
    document = read_bytes(render_pdf(text, title=title_of(text)), "report.pdf")
    store, sid = ingest(document)
    pages = store.pages(sid)
    assert [p.page for p in pages] == list(range(1, len(pages) + 1)) and len(pages) >= 2
    spans = [document.page_at(ev.start) for c in store.claims(source=sid) for ev in c.evidence]
    assert spans and None not in spans
    assert len({span.page for span in spans if span}) >= 2  # sentences of more than one page


@pytest.mark.ocr
def test_scan_read_by_ocr_gives_the_claims_of_the_plain_text(
    plain_claims: dict[str, object],
) -> None:
    need_tesseract()
    name = "iasc-members.de.txt"
    scan = render_scan(corpus_text(name), resolution=300)

    document = read_bytes(scan, "scan.pdf", ocr=True)
    store, sid = ingest(document)

    assert claim_keys(store, sid) == plain_claims[name]
    assert assert_offsets_point_at_sentences(store, sid) > 0
    assert all(page.ocr for page in store.pages(sid))
    extractors = [ev.extractor for c in store.claims(source=sid) for ev in c.evidence]
    assert extractors and all(e.startswith(OCR_MARK) for e in extractors)
