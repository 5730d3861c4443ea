"""Text repair for laid-out pages: lines back into paragraphs, with offsets that stay honest.

Printed pages break sentences into lines, words at line ends ("Zusammen-" /
"arbeit"), and repeat a running header and a page number on every page. Here
running headers, footers and page numbers are dropped, lines are joined into
their paragraph (a heading, a list item and a paragraph each stay a block of
their own), and end-of-line hyphens are undone where they split a word — but
kept where the hyphen is part of it ("UN-" / "Organisation" → "UN-Organisation").
The text is built through `TextBuilder`, so every character keeps its page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from orgraph.documents.document import Kind, TextBuilder
from orgraph.documents.layout import Line, PageLines
from orgraph.model import PageSpan

_MARGIN = 0.1  # running headers and footers sit in the outer tenth of the page
_OUTERMOST = 2  # ... and are among the two outermost lines at either edge
_PAGE_NUMBER = re.compile(
    r"^(?:(?:seite|page|s\.|p\.)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?"
    r"(?:\s*(?:/|von|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# Bullets, also as PDFs often give them: an unmapped glyph "(cid:127)" or a private-use symbol.
_BULLET = re.compile(r"^(?:[•*·▪◦●○■□➢►✓]|\(cid:\d+\)|[\uf000-\uf0ff])\s*(?=\S)")
# A dash, "1." or "a)" opens an item only after a finished sentence: a line may begin with
# "– seit 2016" or "14. Dezember" in the middle of one.
_NUMBERED = re.compile(r"^(?:[-–—]|\d{1,2}[.)]|[a-z]\))\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"“”»«’)]*$")
_HYPHENS = "-\u2010"
_SOFT_HYPHEN = "\u00ad"
# A hyphen before these words stands for a word left out ("Rotkreuz- und Rothalbmond…").
_SUSPENDED = frozenset(["und", "oder", "bzw", "sowie", "bis", "noch", "and", "or", "to", "nor"])
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_WORDS = re.compile(r"\w+(?:[-\u2010]\w+)*")
_HEADING_WORDS = 14  # as in the segmenter: longer runs without final punctuation are prose


def _running_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def drop_running_lines(pages: list[PageLines]) -> int:
    """Remove running headers, footers and page numbers from every page; how many lines went."""

    def edge_lines(page: PageLines) -> list[Line]:
        by_top = sorted(page.lines, key=lambda line: line.top)
        top = [line for line in by_top[:_OUTERMOST] if line.top < _MARGIN * page.height]
        bottom = [
            line
            for line in by_top[-_OUTERMOST:]
            if line.bottom > (1 - _MARGIN) * page.height and line not in top
        ]
        return top + bottom

    edges = {page.number: edge_lines(page) for page in pages}
    recurring = Counter(
        key for lines in edges.values() for key in {_running_key(line.text) for line in lines}
    )
    needed = max(2, round(0.3 * len(pages)))
    dropped = 0
    for page in pages:
        running = [
            line
            for line in edges[page.number]
            if _PAGE_NUMBER.match(line.text.strip()) or recurring[_running_key(line.text)] >= needed
        ]
        page.lines = [line for line in page.lines if line not in running]
        dropped += len(running)
    return dropped


def clean_line(text: str) -> str:
    """One line's text: ligatures spelled out, soft hyphens inside words removed."""
    text = " ".join(text.translate(_LIGATURES).split())
    if text.endswith(_SOFT_HYPHEN):
        text = text[:-1].replace(_SOFT_HYPHEN, "") + "-"
    return text.replace(_SOFT_HYPHEN, "")


def vocabulary(texts: list[str]) -> set[str]:
    """Every word of a document, hyphenated compounds as written, lower-cased."""
    return {w.lower() for text in texts for w in _WORDS.findall(text)}


def join_lines(before: str, after: str, words: set[str]) -> tuple[str, str]:
    """How a line ending in `before` meets the next one: `before` as kept, and the separator.

    A hyphen between two lower-case letters splits a word and goes, and so does one inside
    an acronym of three letters or more ("UNI-" / "CEF"); any other hyphen ("UN-", "Nord-",
    "2003-") is part of the word and stays, without a space. Where the document spells the
    word elsewhere, with the hyphen or without, its spelling decides.
    """
    if len(before) < 2 or before[-1] not in _HYPHENS or before[-2].isspace() or not after:
        return before, " "
    head = re.match(r"[\w]+", after)
    if head is None:
        return before, ""
    if head.group().lower() in _SUSPENDED:
        return before, " "
    stem = re.search(r"\w+$", before[:-1])
    split_word = before[-2].islower() and after[0].islower()
    if stem is not None and len(stem.group()) >= 3 and stem.group().isupper():
        split_word = head.group().isupper()  # "UNI-" / "CEF"; but "UN-" / "HABITAT" stays
    if stem is not None:
        hyphenated = f"{stem.group()}-{head.group()}".lower()
        whole = f"{stem.group()}{head.group()}".lower()
        if (hyphenated in words) != (whole in words):
            split_word = whole in words
    return (before[:-1], "") if split_word else (before, "")


@dataclass
class _Block:
    kind: Kind
    pieces: list[tuple[str, int, bool]] = field(default_factory=list)  # text, page, ocr
    last: Line | None = None
    page: PageLines | None = None

    @property
    def text(self) -> str:
        return " ".join(p[0] for p in self.pieces)


@dataclass
class _Layout:
    """What the paragraph decisions need to know about the document's pages."""

    columns: dict[tuple[int, int], tuple[float, float]]
    gap: float

    def right(self, page: PageLines, line: Line) -> float:
        """Where the column of `line` ends."""
        key = (len(page.columns), line.column)
        two = self.columns.get((2, 0))
        if key == (1, 0) and two is not None and page.columns[0][1] <= two[1] + 5:
            key = (2, 0)  # the last page of a two-column text, its right column empty
        return self.columns.get(key, (line.x0, line.x1))[1]


def _column_extents(pages: list[PageLines]) -> dict[tuple[int, int], tuple[float, float]]:
    """Where each column lies, over all pages of the same layout (a page with one short line
    says nothing about how wide its column is)."""
    extent: dict[tuple[int, int], tuple[float, float]] = {}
    for page in pages:
        for line in page.lines:
            key = (len(page.columns), line.column)
            x0, x1 = extent.get(key, (line.x0, line.x1))
            extent[key] = (min(x0, line.x0), max(x1, line.x1))
    # The rightmost column ends where the margin mirrors the left one (the text may not say);
    # with two columns, a page of one column is mostly one filled only on the left.
    for page in pages[: 0 if (2, 0) in extent else 1]:
        for (count, column), (x0, x1) in list(extent.items()):
            if column == max(count - 1, 0) or column == -1:
                left = extent.get((count, 0), (x0, x1))[0]
                extent[(count, column)] = (x0, max(x1, page.width - left))
    return extent


def _typical_gap(pages: list[PageLines]) -> float:
    """The usual white space between two lines of one paragraph (the most common gap)."""
    gaps = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            if a.column == b.column and 0 <= b.top - a.bottom < 2 * a.height:
                gaps.append(round(b.top - a.bottom))
    return Counter(gaps).most_common(1)[0][0] if gaps else 2.0


def _starts_block(block: _Block, page: PageLines, line: Line, layout: _Layout) -> bool:
    """Whether `line` begins a new paragraph rather than continuing `block`."""
    last, last_page = block.last, block.page
    assert last is not None and last_page is not None
    ended = bool(_SENTENCE_END.search(block.pieces[-1][0]))
    fonts_known = bool(last.font[0] and line.font[0])
    if fonts_known and last.font != line.font:
        return True  # a heading is set apart by its font
    # Did the sentence end its paragraph? Only if the next word would have fit after it.
    first = line.words[0]
    fits = layout.right(last_page, last) - last.x1 > (first.x1 - first.x0) + 2 * first.size_pt
    if last_page is not page or last.column != line.column or line.top < last.top:
        # Across a column or page break, only an unfinished paragraph goes on.
        if ended:
            return fits
        if fonts_known:
            return False
        prose = len(block.text.split()) > _HEADING_WORDS
        return not (prose or block.pieces[-1][0].endswith("-") or line.text[:1].islower())
    height = min(last.height, line.height)
    # More white space than between the lines of a paragraph (few lines: judged by the height).
    if line.top - last.bottom > min(layout.gap, 0.5 * height) + 0.5 * height:
        return True
    if ended and fits:
        return True
    return ended and line.x0 > last.x0 + 1.5 * last.height  # a first-line indent


def _flush(block: _Block | None, builder: TextBuilder, words: set[str]) -> None:
    if block is None or not block.pieces:
        return
    builder.block(block.kind)
    pieces = block.pieces
    for i, (text, page, ocr) in enumerate(pieces):
        if i + 1 < len(pieces):
            kept, separator = join_lines(text, pieces[i + 1][0], words)
            builder.append(kept + separator, page, ocr)
        else:
            builder.append(text, page, ocr)


def paragraphs(pages: list[PageLines]) -> tuple[str, tuple[PageSpan, ...]]:
    """Normalized text of laid-out pages (headers and footers already dropped) and its page map."""
    for page in pages:
        for line in page.lines:
            line.words = [w for w in line.words if w.text.strip()]
        page.lines = [line for line in page.lines if line.words]
    words = vocabulary([clean_line(line.text) for page in pages for line in page.lines])
    layout = _Layout(_column_extents(pages), _typical_gap(pages))
    builder = TextBuilder()
    block: _Block | None = None
    for page in pages:
        for line in page.lines:
            text = clean_line(line.text)
            if not text:
                continue
            mark = _BULLET.match(text) or (
                _NUMBERED.match(text)
                if block is None or _SENTENCE_END.search(block.pieces[-1][0])
                else None
            )
            if block is None or mark or _starts_block(block, page, line, layout):
                _flush(block, builder, words)
                block = _Block(Kind.ITEM if mark else Kind.PARAGRAPH)
                text = text[mark.end() :] if mark else text
            block.pieces.append((text, page.number, page.ocr))
            block.last, block.page = line, page
    _flush(block, builder, words)
    return builder.build()
