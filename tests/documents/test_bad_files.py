"""Bad files: each is reported on one line, counted in the summary, nothing of it is stored,
and the rest of the run goes on."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest

from orgraph.documents import MAX_FILE_BYTES, read_bytes
from orgraph.errors import BadDocument
from orgraph.store import Store
from tests.documents.fixtures import corpus_text, render_docx, render_pdf
from tests.documents.helpers import run

GOOD = "Die IOM ist seit 2016 Teil des Systems der Vereinten Nationen.\n"
MB = 1_000_000


def zeros_zip(name: str, size: int) -> bytes:
    """An archive with one member of `size` zero bytes: it deflates about a thousand to one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, bytes(size))
    return out.getvalue()


def forged_zip(declared: int) -> bytes:
    """An archive whose directory claims a member of `declared` bytes (it holds a few)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bericht.txt", GOOD)
    data = bytearray(out.getvalue())
    entry = data.index(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = struct.pack("<I", declared)
    return bytes(data)


def scan_pdf(pages_with_text: list[bool]) -> bytes:
    """Pages of text, and pages that are only a picture (a scan)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for has_text in pages_with_text:
        if has_text:
            canvas.drawString(72, 700, GOOD.strip())
        else:
            canvas.drawImage(ImageReader(Image.new("L", (200, 280), 255)), 0, 0, 595, 842)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


BAD = {
    "encrypted.pdf": "encrypted PDF",
    "corrupt.pdf": "corrupt PDF",
    "scan.pdf": "no page has a text layer",
    "bomb.zip": "!zeros.txt: compressed",
    "forged.zip": "unpacks to 600 MB, over the 500 MB limit",
    "menu.html": "no main text found",
    "huge.pdf": f"200.0 MB is over the {MAX_FILE_BYTES // MB} MB limit",
    "fake.pdf": "named .pdf but the content is HTML",
    "fake.docx": "named .docx but the content is a PDF",
    "picture.txt": "binary file, not text (a PNG image)",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD, "utf-8")
    text = corpus_text("dha-ocha.de.txt")
    (docs / "encrypted.pdf").write_bytes(render_pdf(text, encrypt="geheim"))
    (docs / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    (docs / "scan.pdf").write_bytes(scan_pdf([False, False]))
    (docs / "bomb.zip").write_bytes(zeros_zip("zeros.txt", 50 * MB))
    (docs / "forged.zip").write_bytes(forged_zip(600 * MB))
    (docs / "menu.html").write_text(
        "<html><body><nav><a href='/'>Start</a> <a href='/a'>Über uns</a></nav>"
        "<footer>© 2024 Impressum</footer></body></html>",
        "utf-8",
    )
    with (docs / "huge.pdf").open("wb") as out:
        out.truncate(200 * MB)  # sparse: refused by its size before a byte is read
    (docs / "fake.pdf").write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    (docs / "fake.docx").write_bytes(render_pdf(text))
    (docs / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    return docs


def test_each_bad_file_one_line_nothing_stored_run_goes_on(tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "orgraph.db"
    result = run(db, "ingest", str(folder))

    # Bad documents: one line each in the report, one error line at the end, exit 2; the rest
    # goes in.
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert f"{len(BAD) - 1} more documents failed" in result.stderr
    failed = [line for line in result.stdout.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(BAD), result.stdout
    for name, reason in BAD.items():
        [line] = [e for e in failed if f"{folder / name}" in e]
        assert reason in line, line
    assert f"{len(BAD) + 1} documents: 1 ingested, 0 skipped, {len(BAD)} failed" in result.stdout
    store = Store(db, create=False)
    assert [Path(s.origin).name for s in store.sources()] == ["good.txt"]
    assert store.stats()["sources"] == 1
    store.close()


def test_bomb_inside_a_word_file_is_refused_before_inflating() -> None:
    data = zeros_zip("word/document.xml", 50 * MB)
    with pytest.raises(BadDocument, match="a zip bomb"):
        read_bytes(data, "memo.docx")


def test_archive_member_that_inflates_past_its_declared_size(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", GOOD * 2000)
    data = bytearray(out.getvalue())
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local and central
        entry = data.index(signature)
        data[entry + at : entry + at + 4] = struct.pack("<I", 100)
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(data))
    db = tmp_path / "orgraph.db"
    result = run(db, "ingest", str(path))
    assert result.exit_code == 2  # bad documents: exit 2 after the run (the rest goes in)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {path}!a.txt: ")
    assert "0 ingested" in result.stdout


def test_scanned_page_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(scan_pdf([True, False, True]))
    db = tmp_path / "orgraph.db"
    result = run(db, "ingest", str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {path}: page 2 has no text layer (a scan; read it with --ocr)"
    ]
    assert "1 ingested" in result.stdout


def test_ocr_without_tesseract_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    db = tmp_path / "orgraph.db"
    result = run(db, "ingest", "--ocr", str(path))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "make ocr" in line and "tesseract-ocr-deu" in line
    assert not db.exists()


def test_a_good_word_file_beside_them_goes_in(tmp_path: Path) -> None:
    """The guard on Word files lets ordinary ones through."""
    document = read_bytes(render_docx(GOOD), "memo.docx")
    assert document.text == GOOD
