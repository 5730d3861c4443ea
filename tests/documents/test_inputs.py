"""Text in any common encoding, folders and zip archives with --glob, metadata and --as-of."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from orgraph.documents import read_bytes
from orgraph.model import Source
from orgraph.store import Store
from tests.documents.fixtures import (
    corpus_text,
    render_docx,
    render_html,
    render_odt,
    render_pdf,
    title_of,
)
from tests.documents.helpers import claim_keys, ingest, run

TEXT = corpus_text("iom-un-demo.de.txt")  # „quotes“, dashes – and umlauts


def sources(db: Path) -> dict[str, Source]:
    store = Store(db, create=False)
    try:
        return {s.origin: s for s in store.sources()}
    finally:
        store.close()


# -- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "cp1252"])
def test_text_in_any_common_encoding_reads_the_same(encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # with its byte-order mark
    document = read_bytes(data, "bericht.txt")
    assert document.text == TEXT
    plain, sid = ingest(read_bytes(TEXT.encode(), "bericht.txt"))
    store, other = ingest(document)
    assert claim_keys(store, other) == claim_keys(plain, sid)


def test_latin1_is_detected_not_guessed() -> None:
    text = "Die Weltgesundheitsorganisation (WHO) gehört seit 1948 zum System; Größe: groß.\n"
    assert read_bytes(text.encode("latin-1"), "a.txt").text == text
    windows = "„Zusammenarbeit“ – 5 € für die IOM.\n"
    assert read_bytes(windows.encode("cp1252"), "b.txt").text == windows


# -- folders, archives, --glob ------------------------------------------------------------------


def archive_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A zip archive of documents in several formats, as partners send them."""
    texts = {n: corpus_text(n) for n in ("dha-ocha.de.txt", "wfp-fao-rome.en.txt")}
    inner = archive_bytes({"x.txt": b"Text."})
    path = tmp_path / "reports.zip"
    path.write_bytes(
        archive_bytes(
            {
                "2024/dha-ocha.pdf": render_pdf(texts["dha-ocha.de.txt"]),
                "2024/wfp.html": render_html(texts["wfp-fao-rome.en.txt"], lang="en"),
                "memo.docx": render_docx("Die IOM ist seit 2016 Teil des UN-Systems.\n"),
                "photo.png": b"\x89PNG\r\n\x1a\n",
                "old.zip": inner,
                "__MACOSX/2024/._dha-ocha.pdf": b"\x00\x05\x16\x07",
            }
        )
    )
    return path


def test_zip_is_read_member_by_member(tmp_path: Path, reports: Path) -> None:
    db = tmp_path / "orgraph.db"
    result = run(db, "ingest", str(reports))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"skipped: {reports}!photo.png (not a supported format (.png;" in out
    assert f"skipped: {reports}!old.zip (an archive inside an archive is not read)" in out
    assert "__MACOSX" not in out
    assert "5 documents: 3 ingested, 2 skipped, 0 failed" in out
    found = sources(db)
    assert set(found) == {
        f"{reports}!{m}" for m in ("2024/dha-ocha.pdf", "2024/wfp.html", "memo.docx")
    }
    assert {s.format for s in found.values()} == {"pdf", "html", "docx"}

    again = run(db, "ingest", str(reports))  # idempotent: nothing new, nothing changed
    assert "0 ingested, 5 skipped, 0 failed" in again.stdout


def test_glob_chooses_in_folders_and_archives(tmp_path: Path, reports: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Die IOM ist seit 2016 Teil des UN-Systems.\n")
    (folder / "sub" / "b.odt").write_bytes(
        render_odt("Die ILO ist seit 1946 Sonderorganisation.\n")
    )
    (folder / "notes.md").write_text("# Notizen\n")
    reports.rename(folder / "reports.zip")

    db = tmp_path / "orgraph.db"
    result = run(db, "ingest", "--glob", "*.pdf", "--glob", "sub/*", str(folder))
    assert result.exit_code == 0, result.output
    origins = {Path(o.replace("!", "/")).name for o in sources(db)}
    assert origins == {"b.odt"}  # the archive's name does not match: it is not opened

    result = run(db, "ingest", "--glob", "*.zip", "--glob", "*.pdf", str(folder))
    assert {Path(o.replace("!", "/")).name for o in sources(db)} == {"b.odt", "dha-ocha.pdf"}


# -- metadata and --as-of ---------------------------------------------------------------------


def test_metadata_becomes_title_language_and_as_of(tmp_path: Path) -> None:
    rba, unodc = corpus_text("wfp-fao-rome.en.txt"), corpus_text("unodc-history.en.txt")
    dha, iasc = corpus_text("dha-ocha.de.txt"), corpus_text("iasc-members.de.txt")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(
        render_pdf(rba, title="Rome-Based Agencies 2023", lang="en", created=datetime(2023, 9, 14))
    )
    (folder / "b.html").write_bytes(render_html(unodc, lang="en", date="2022-03-01"))
    (folder / "c.docx").write_bytes(
        render_docx(dha, title="Vom UNDRO zum OCHA", lang="de", created=datetime(2021, 6, 30))
    )
    (folder / "d.odt").write_bytes(render_odt(iasc, title="IASC", lang="de"))
    db = tmp_path / "orgraph.db"
    assert run(db, "ingest", str(folder)).exit_code == 0
    found = {Path(k).name: v for k, v in sources(db).items()}
    got = {n: (s.title, s.lang, s.as_of.edtf if s.as_of else None) for n, s in found.items()}
    assert got == {
        "a.pdf": ("Rome-Based Agencies 2023", "en", "2023-09-14"),
        "b.html": (title_of(unodc), "en", "2022-03-01"),
        "c.docx": ("Vom UNDRO zum OCHA", "de", "2021-06-30"),
        "d.odt": ("IASC", "de", "2024-05-02"),
    }


def test_as_of_overrides_the_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(render_pdf(TEXT, created=datetime(2023, 9, 14)))
    db = tmp_path / "orgraph.db"
    assert run(db, "ingest", "--as-of", "2024-05", str(path)).exit_code == 0
    [source] = sources(db).values()
    assert source.as_of.edtf == "2024-05"

    bad = run(tmp_path / "other.db", "ingest", "--as-of", "someday", str(path))
    assert bad.exit_code == 2 and bad.stderr.startswith("error: cannot read date 'someday'")


def test_store_from_before_page_maps_is_migrated(tmp_path: Path) -> None:
    """A store made before migration 2 gets the format column and the page table on opening."""
    db = tmp_path / "orgraph.db"
    assert run(db, "ingest", str(_write(tmp_path / "a.txt", TEXT))).exit_code == 0
    raw = sqlite3.connect(db)
    raw.executescript(
        "DROP TABLE source_pages; ALTER TABLE sources DROP COLUMN format;"
        "DELETE FROM migrations WHERE version = 2;"
    )
    raw.commit()
    raw.close()

    [old] = sources(db).values()
    assert old.format == "txt"
    pdf = _write(tmp_path / "b.pdf", b"")
    pdf.write_bytes(render_pdf(corpus_text("dha-ocha.de.txt")))
    assert run(db, "ingest", str(pdf)).exit_code == 0
    store = Store(db, create=False)
    [new] = [s for s in store.sources() if s.format == "pdf"]
    assert len(store.pages(new.id)) == 2
    store.close()


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    return path


def test_xhtml_is_read_as_a_web_page() -> None:
    page = (
        "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n"
        "<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='de'><head><title>IOM</title></head>"
        "<body><nav><a href='/'>Start</a></nav><article><h1>Die IOM im UN-System</h1>"
        "<p>Die Internationale Organisation für Migration (IOM) ist seit September 2016 Teil "
        "des Systems der Vereinten Nationen. Ihr Sitz ist Genf.</p></article>"
        "<footer>Impressum</footer></body></html>"
    )
    document = read_bytes(page.encode(), "iom.xhtml")
    assert document.format == "html" and document.lang == "de"
    assert document.text == (
        "Die IOM im UN-System\n\nDie Internationale Organisation für Migration (IOM) ist seit "
        "September 2016 Teil des Systems der Vereinten Nationen. Ihr Sitz ist Genf.\n"
    )
