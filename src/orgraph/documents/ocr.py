"""Optical character recognition of page images with Tesseract (Debian's tesseract-ocr).

Tesseract is an optional system package (`make ocr`); without it, `--ocr` says how to
get it. Recognised words come back with their positions, in points, so that a scanned
page goes through the same column, header and paragraph repair as a text layer.
"""

from __future__ import annotations

import shutil

from PIL.Image import Image

from orgraph.documents.layout import Word
from orgraph.errors import BadDocument

RESOLUTION = 300  # dots per inch at which a page is rendered for recognition
LANGUAGES = ("deu", "eng")
_INSTALL = (
    "OCR needs Tesseract with German and English data: run `make ocr` "
    "(apt-get install tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng)"
)


def missing() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if shutil.which("tesseract") is None:
        return _INSTALL
    import pytesseract

    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):
        return _INSTALL
    lacking = [lang for lang in LANGUAGES if lang not in have]
    return f"{_INSTALL}; missing language data: {', '.join(lacking)}" if lacking else None


def recognise(image: Image, lang: str | None = None, resolution: int = RESOLUTION) -> list[Word]:
    """The words Tesseract reads on a page image, placed in points (1/72 inch)."""
    import pytesseract

    reason = missing()
    if reason:
        raise BadDocument(reason)
    order = sorted(LANGUAGES, key=lambda code: code[:2] != (lang or "de")[:2])
    try:
        found = pytesseract.image_to_data(
            image, lang="+".join(order), output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, RuntimeError) as exc:
        raise BadDocument(f"OCR failed: {str(exc).splitlines()[0]}") from None
    scale = 72 / resolution
    words = []
    for i, text in enumerate(found["text"]):
        if not text or not text.strip() or float(found["conf"][i]) < 0:
            continue
        left, top = found["left"][i] * scale, found["top"][i] * scale
        words.append(
            Word(
                text.strip(),
                left,
                left + found["width"][i] * scale,
                top,
                top + found["height"][i] * scale,
            )
        )
    return words
