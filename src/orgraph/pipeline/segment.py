"""Segmentation: paragraphs, headings, list items and sentences, with exact character offsets.

A line without final punctuation is a heading, never the start of the next
sentence. A line starting with a dash, bullet or number is a list item.
Sentences end at . ! ? followed by white space and an upper-case letter, a
digit or a quote — except after abbreviations (z.B., u.a., Nr.) and ordinal
day numbers ("am 19. November").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Block(StrEnum):
    HEADING = "heading"
    ITEM = "item"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    block: Block
    paragraph: int  # index of the line/paragraph block it belongs to


ABBREVIATIONS = frozenset(
    [
        "z.b",
        "u.a",
        "d.h",
        "bzw",
        "ca",
        "nr",
        "vgl",
        "sog",
        "inkl",
        "abs",
        "art",
        "dr",
        "prof",
        "st",
        "usw",
        "etc",
        "evtl",
        "ggf",
        "insb",
        "mio",
        "mrd",
        "jan",
        "feb",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
        "e.v",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "vs",
        "no",
        "mr",
        "mrs",
        "ms",
        "jr",
        "co",
        "inc",
        "corp",
        "ltd",
        "dept",
        "approx",
        "fig",
        "resp",
        "s.a",
        "o.ä",
        "u.ä",
        "z.t",
        "gen",
        "bzw.",
    ]
)
_LIST_MARK = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)]|[a-z][.)])\s+")
_BOUNDARY = re.compile(r"[.!?…]+[\"“”»«’)]*\s+(?=[\"„“»«(]?[A-ZÄÖÜ0-9])")
_FINAL = re.compile(r"[.!?:;…\"“”»«)]\s*$")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]+[\"“”»«’)]*\s*$")


def _is_heading(line: str) -> bool:
    words = line.split()
    return bool(words) and len(words) <= 14 and not _FINAL.search(line)


def _ends_sentence(text: str, cut: int) -> bool:
    """Whether the punctuation just before `cut` really ends a sentence."""
    match = _WORD_BEFORE.search(text[max(0, cut - 40) : cut].rstrip())
    if not match:
        return True
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    # "am 19. November", "3. Quartal": a one- or two-digit number is an ordinal.
    return not (word.isdigit() and len(word) <= 2)


MAX_SENTENCE = 1500  # longer runs (tables, dumps without punctuation) are cut at clause marks


def _bounded(sentence: Sentence) -> list[Sentence]:
    """Cut an over-long sentence at ';' or ',' (else at a space), so reading stays linear."""
    if len(sentence.text) <= MAX_SENTENCE:
        return [sentence]
    pieces = []
    text, start = sentence.text, 0
    while len(text) - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = start + (cut + 1 if cut > 0 else MAX_SENTENCE)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    result = []
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            first = sentence.start + a + lead
            result.append(
                Sentence(first, first + len(body), body, sentence.block, sentence.paragraph)
            )
    return result


def split_sentences(text: str, offset: int, block: Block, paragraph: int) -> list[Sentence]:
    return [piece for s in _split(text, offset, block, paragraph) for piece in _bounded(s)]


def _split(text: str, offset: int, block: Block, paragraph: int) -> list[Sentence]:
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.end()
        if not _ends_sentence(text, match.start() + len(match.group().rstrip())):
            continue
        piece = text[start:cut].rstrip()
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            sentences.append(
                Sentence(
                    offset + start + lead,
                    offset + start + len(piece),
                    piece.strip(),
                    block,
                    paragraph,
                )
            )
        start = cut
    piece = text[start:].rstrip()
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        sentences.append(
            Sentence(
                offset + start + lead, offset + start + len(piece), piece.strip(), block, paragraph
            )
        )
    return sentences


def segment(text: str, wanted: Callable[[int, int], bool] | None = None) -> list[Sentence]:
    """All sentences of a document, in order, each with its block kind and offsets into `text`.

    With `wanted`, a prose paragraph it turns down (by its start and end offset) is not split
    into sentences at all: a long report is mostly about other things. It still counts as a
    paragraph, so the numbering is the same either way."""
    sentences: list[Sentence] = []
    position = 0
    paragraph = 0
    buffer_start: int | None = None
    buffer_end = 0

    def flush() -> None:
        nonlocal buffer_start, paragraph
        if buffer_start is not None and (wanted is None or wanted(buffer_start, buffer_end)):
            sentences.extend(
                split_sentences(
                    text[buffer_start:buffer_end], buffer_start, Block.PARAGRAPH, paragraph
                )
            )
        if buffer_start is not None:
            paragraph += 1
            buffer_start = None

    for line in text.splitlines(keepends=True):
        line_start, position = position, position + len(line)
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            flush()
            continue
        mark = _LIST_MARK.match(body)
        if mark:
            flush()
            sentences.extend(
                split_sentences(body[mark.end() :], line_start + mark.end(), Block.ITEM, paragraph)
            )
            paragraph += 1
        elif _is_heading(stripped):
            flush()
            lead = len(body) - len(body.lstrip())
            sentences.append(
                Sentence(
                    line_start + lead,
                    line_start + lead + len(stripped),
                    stripped,
                    Block.HEADING,
                    paragraph,
                )
            )
            paragraph += 1
        else:
            # Every line of prose is its own paragraph when the text is one-line-per-paragraph;
            # wrapped lines join the running paragraph.
            if buffer_start is not None and _FINAL.search(text[buffer_start:buffer_end].rstrip()):
                flush()
            if buffer_start is None:
                buffer_start = line_start
            buffer_end = line_start + len(body)
    flush()
    return sentences
