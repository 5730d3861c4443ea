"""The document view of a PDF: each claim's sentence with the page it came from; uploads of
any format."""

from __future__ import annotations

from pathlib import Path

from orgraph.documents import read_bytes
from orgraph.ingest import ingest_document
from orgraph.store import Store
from orgraph.web import create_app
from tests.documents.fixtures import corpus_text, render_docx, render_pdf, title_of
from tests.web.conftest import TOKEN, Client

TEXT = corpus_text("iom-un-demo.de.txt")


def test_document_view_shows_each_sentences_page(tmp_path: Path) -> None:
    db = tmp_path / "orgraph.db"
    store = Store(db)
    store.seed()
    document = read_bytes(render_pdf(TEXT, title=title_of(TEXT)), "bericht.pdf")
    sid = ingest_document(store, document).source_id
    store.close()
    client = Client(create_app(db, TOKEN))

    view = client.get(f"/document/{sid}.json").json()
    assert view["document"]["format"] == "pdf"
    assert [p["page"] for p in view["pages"]] == [1, 2]
    evidence = [ev for c in view["claims"] for ev in c["evidence"]]
    assert evidence and all(ev["page"] in (1, 2) for ev in evidence)
    for ev in evidence:  # the page is the one whose stretch of text holds the sentence
        [page] = [p for p in view["pages"] if p["start"] <= ev["start"] < p["end"]]
        assert page["page"] == ev["page"] and not ev["ocr"]
    assert {ev["page"] for ev in evidence} == {1, 2}

    page = client.get(f"/document/{sid}", headers={"Accept-Language": "de"}).text
    assert '<span class="page" title="Seite 2">S. 2</span>' in page or (
        '<span class="page" title="page 2">p. 2</span>' in page
    )


def test_upload_reads_the_format_of_the_file(tmp_path: Path) -> None:
    db = tmp_path / "orgraph.db"
    seeded = Store(db)
    seeded.seed()
    seeded.close()
    writer = Client(create_app(db, TOKEN), TOKEN)
    files = {"file": ("memo.docx", render_docx(TEXT, title="Memo"), "application/octet-stream")}
    report = writer.post("/api/documents", files=files)
    assert report.status_code == 201 and report.json()["status"] == "ingested", report.text
    doc = writer.get(f"/api/documents/{report.json()['source_id']}").json()["document"]
    assert doc["format"] == "docx" and doc["title"] == "Memo"
    assert doc["text"].startswith(title_of(TEXT) + "\n\n")

    fake = {"file": ("memo.docx", b"%PDF-1.4 not really", "application/octet-stream")}
    problem = writer.post("/api/documents", files=fake)
    assert problem.status_code == 422
    assert "named .docx but the content is a PDF" in problem.json()["detail"]
