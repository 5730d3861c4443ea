"""What every format reader returns: normalized text, its metadata, and its page map.

Readers hand their content over as blocks (a heading, a paragraph, a list item, a
table cell), each built from pieces that remember their page. `TextBuilder`
lays the blocks out one per paragraph (blank line between them), so the
segmenter sees each as its own segment, and records where every page's text
lies, so that evidence offsets into the stored text can be traced to a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from orgraph.fuzzydate import FuzzyDate
from orgraph.model import PageSpan


class Kind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    CELL = "cell"


@dataclass(frozen=True)
class Document:
    """One document as read from its file: the text orgraph stores and cites, and metadata."""

    origin: str
    text: str
    format: str  # txt | md | html | pdf | docx | odt
    title: str | None = None
    lang: str | None = None  # "de" / "en" when the document says so
    date: FuzzyDate | None = None  # from the document's metadata: the source's as-of date
    pages: tuple[PageSpan, ...] = ()
    warnings: tuple[str, ...] = ()  # read, but with something the user should know

    def page_at(self, offset: int) -> PageSpan | None:
        return page_at(self.pages, offset)


def page_at(pages: tuple[PageSpan, ...] | list[PageSpan], offset: int) -> PageSpan | None:
    """The page a character offset of the normalized text came from (None without a page map)."""
    for span in pages:
        if span.start <= offset < span.end:
            return span
    return None


BLOCK_BREAK = "\n\n"
ITEM_MARK = "- "  # how the segmenter recognises a list item


@dataclass
class TextBuilder:
    """Normalized text assembled block by block, with the page of every piece recorded."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[PageSpan] = field(default_factory=list)
    _item: bool = False
    _fresh: bool = False  # the current block has no text yet (an empty block leaves no trace)

    def block(self, kind: Kind) -> None:
        """Start a new block."""
        self._item = kind is Kind.ITEM
        self._fresh = True

    def append(self, text: str, page: int | None = None, ocr: bool = False) -> None:
        """Text of the current block, from `page` of the original (None: a format without pages)."""
        if not text:
            return
        if self._fresh:
            self._fresh = False
            if self.length:
                self._add(BLOCK_BREAK, None, False)
            if self._item:
                self._add(ITEM_MARK, page, ocr)
        self._add(text, page, ocr)

    def _add(self, text: str, page: int | None, ocr: bool) -> None:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        last = self.spans[-1] if self.spans else None
        if page is None:
            if last is not None and last.end == start:  # separators belong to the page before
                self.spans[-1] = PageSpan(last.start, self.length, last.page, last.ocr)
            return
        if last is not None and last.page == page and last.ocr == ocr and last.end == start:
            self.spans[-1] = PageSpan(last.start, self.length, page, ocr)
        else:
            self.spans.append(PageSpan(start, self.length, page, ocr))

    def add(self, kind: Kind, text: str, page: int | None = None, ocr: bool = False) -> None:
        """A whole block in one go (formats without line repair)."""
        text = " ".join(text.split())
        if text:
            self.block(kind)
            self.append(text, page, ocr)

    def build(self) -> tuple[str, tuple[PageSpan, ...]]:
        text = "".join(self.parts)
        return (text + "\n" if text else ""), tuple(self.spans)
