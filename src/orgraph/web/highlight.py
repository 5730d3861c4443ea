"""A document's text as safe HTML: claim sentences, organization and date mentions marked.

Every character of the source goes through `markupsafe.escape`; only our own
`<span>`/`<a>`/`<mark>` tags are added, so a document can never inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape


def _non_overlapping(spans: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Spans sorted by start; a span overlapping an earlier kept one is dropped."""
    kept: list[tuple[int, int, Any]] = []
    for start, end, data in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < end and (not kept or start >= kept[-1][1]):
            kept.append((start, end, data))
    return kept


def _marks(text: str, offset: int, mentions: list[tuple[int, int, Any]]) -> Markup:
    """Escaped `text` (which starts at `offset` in the document) with mentions marked."""
    out = Markup()
    cursor = offset
    for start, end, mention in mentions:
        if start < cursor or end > offset + len(text):
            continue
        out += escape(text[cursor - offset : start - offset])
        kind = "org" if mention["kind"] == "org" else "time"
        target = mention["value"]
        body = escape(text[start - offset : end - offset])
        if kind == "org":
            out += Markup('<a class="mention mention-org" href="/entity/{}">{}</a>').format(
                quote(target, safe=""), body
            )
        else:
            out += Markup('<mark class="mention mention-time" title="{}">{}</mark>').format(
                target, body
            )
        cursor = end
    return out + escape(text[cursor - offset :])


def highlight(text: str, mentions: list[dict[str, Any]], claims: list[dict[str, Any]]) -> Markup:
    """The whole document as HTML: sentences that claims rest on become anchored spans."""
    sentences: dict[tuple[int, int], list[str]] = {}
    for claim in claims:
        for ev in claim["evidence"]:
            if 0 <= ev["start"] < ev["end"] <= len(text):
                sentences.setdefault((ev["start"], ev["end"]), []).append(claim["id"])
    outer = _non_overlapping((s, e, ids) for (s, e), ids in sentences.items())
    inner = _non_overlapping(
        (m["start"], m["end"], m) for m in mentions if 0 <= m["start"] < m["end"] <= len(text)
    )
    out = Markup()
    cursor = 0
    for start, end, ids in outer:
        out += _marks(
            text[cursor:start], cursor, [m for m in inner if cursor <= m[0] and m[1] <= start]
        )
        inside = [m for m in inner if start <= m[0] and m[1] <= end]
        out += Markup('<span class="claim-sentence" id="ev-{}" data-claims="{}">{}</span>').format(
            start, " ".join(ids), _marks(text[start:end], start, inside)
        )
        cursor = end
    return out + _marks(text[cursor:], cursor, [m for m in inner if cursor <= m[0]])
