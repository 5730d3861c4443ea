"""Positioned words of a page (a PDF's text layer, or OCR) into lines in reading order.

A page set in two columns has an empty vertical band — the gutter — between
them. Lines are built within each column; a line that crosses the gutter (a
title over both columns, a centred page number) cuts the page into bands, and
each band is read left column first, then right.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

_GUTTER_MIN = 6.0  # points: narrower gaps are word spaces, not a gutter
_GUTTER_ZONE = (0.25, 0.75)  # where on the page a column gutter may lie (share of the width)
_MIN_SIDE = 0.2  # each column holds at least this share of the words


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str = ""  # font name and size, when the format knows them
    size: float = 0.0

    @property
    def size_pt(self) -> float:
        """The letter height: the font size where known, else the box's height."""
        return self.size or (self.bottom - self.top)


@dataclass
class Line:
    words: list[Word]
    column: int = 0  # 0 left (or the only column), 1 right, -1 across the gutter

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return median(w.bottom - w.top for w in self.words)

    @property
    def font(self) -> tuple[str, float]:
        """The font most of the line's letters are set in (bold headings differ from prose)."""
        weight: dict[tuple[str, float], int] = {}
        for w in self.words:
            key = (w.font, round(w.size, 1))
            weight[key] = weight.get(key, 0) + len(w.text)
        return max(weight, key=lambda k: weight[k])


@dataclass
class PageLines:
    """One page: its lines in reading order, and where its columns lie."""

    number: int
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False
    columns: tuple[tuple[float, float], ...] = ()  # x extent of each column


def find_gutter(words: list[Word], width: float) -> float | None:
    """The x position of the gap between two columns, or None on a one-column page."""
    if len(words) < 20 or width <= 0:
        return None
    cover = [0] * (int(width) + 2)
    for w in words:
        for x in range(max(0, int(w.x0)), min(len(cover), int(w.x1) + 1)):
            cover[x] += 1
    # A few words may cross the gutter (a centred page number, a title over both columns).
    allowed = max(1, len(words) // 50)
    lo, hi = int(width * _GUTTER_ZONE[0]), int(width * _GUTTER_ZONE[1])
    best: tuple[int, int] | None = None
    run_start: int | None = None
    for x in range(lo, hi + 1):
        if cover[x] <= allowed:
            run_start = x if run_start is None else run_start
            if best is None or x - run_start > best[1] - best[0]:
                best = (run_start, x)
        else:
            run_start = None
    if best is None or best[1] - best[0] < _GUTTER_MIN:
        return None
    middle = (best[0] + best[1]) / 2
    left = sum(w.x1 <= middle for w in words)
    right = sum(w.x0 >= middle for w in words)
    if min(left, right) < _MIN_SIDE * len(words):
        return None
    return middle


def group_lines(words: list[Word], column: int = 0) -> list[Line]:
    """Words on the same baseline band make a line, read left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        centre = (word.top + word.bottom) / 2
        for line in reversed(lines[-3:]):
            if line.top <= centre <= line.bottom:
                line.words.append(word)
                break
        else:
            lines.append(Line([word], column))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def reading_order(
    words: list[Word], width: float
) -> tuple[list[Line], tuple[tuple[float, float], ...]]:
    """The page's lines in the order a reader takes them, and the columns found."""
    gutter = find_gutter(words, width)
    if gutter is None:
        lines = group_lines(words)
        extent = ((min(w.x0 for w in words), max(w.x1 for w in words)),) if words else ()
        return lines, extent
    left: list[Line] = []
    right: list[Line] = []
    across: list[Line] = []
    for row in group_lines(words):
        if any(w.x0 < gutter < w.x1 for w in row.words):
            across.append(Line(row.words, -1))  # a title over both columns, a page number
            continue
        for side, column, keep in ((left, 0, True), (right, 1, False)):
            part = [w for w in row.words if (w.x1 <= gutter) == keep]
            if part:
                side.append(Line(part, column))
    ordered: list[Line] = []
    previous = float("-inf")
    for cut in [*sorted(across, key=lambda line: line.top), None]:
        limit = cut.top if cut is not None else float("inf")
        ordered += [line for line in left if previous <= line.top < limit]
        ordered += [line for line in right if previous <= line.top < limit]
        if cut is not None:
            ordered.append(cut)
            previous = cut.top
    columns = tuple(
        (min(line.x0 for line in side), max(line.x1 for line in side))
        for side in (left, right)
        if side
    )
    return ordered, columns
