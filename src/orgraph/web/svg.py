"""Server-side SVG for the web pages: the body's Gantt chart and the network.

Drawn from `orgraph.plot.layout` (the same geometry as the report charts). All
text goes through `markupsafe`; styling is by class (see static/orgraph.css) so
the pages need no inline styles. The network's edges carry their time windows
as data attributes, and static/network.js shows or hides them as the slider moves.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from orgraph.web.i18n import Translate

WIDTH = 980
LABEL_WIDTH = 300
ROW = 22
TOP = 34


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _ticks(first: date, last: date) -> list[int]:
    years = list(range(first.year, last.year + 1))
    step = max(1, len(years) // 12 + (1 if len(years) % 12 else 0))
    return years[::step]


def gantt(
    chart: dict[str, Any], t: Translate, label: Any, at: dict[str, Any] | None = None
) -> Markup:
    """The membership timeline: solid where certain, hatched in windows of uncertainty."""
    first, last = _day(chart["axis"][0]), _day(chart["axis"][1])
    span = max((last - first).days, 1)
    plot_width = WIDTH - LABEL_WIDTH - 24

    def x(day: date | str) -> float:
        value = _day(day) if isinstance(day, str) else day
        return round(LABEL_WIDTH + (value - first).days / span * plot_width, 1)

    bars = chart["bars"]
    height = TOP + ROW * max(len(bars), 1) + 24
    parts = [
        Markup(
            '<svg class="gantt" role="img" viewBox="0 0 {} {}" width="100%" '
            'xmlns="http://www.w3.org/2000/svg">'
        ).format(WIDTH, height),
        Markup(
            '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#bee3f8"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#2b6cb0" stroke-width="2"/></pattern></defs>'
        ),
    ]
    for year in _ticks(first, last):
        tx = x(date(year, 1, 1))
        parts.append(
            Markup(
                '<line class="grid" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>'
                '<text class="tick" x="{0}" y="{3}">{4}</text>'
            ).format(tx, TOP - 6, height - 20, TOP - 12, year)
        )
    for mark in chart["renames"]:
        x0, x1 = x(mark["first"]), x(mark["last"])
        parts.append(
            Markup(
                '<g class="rename"><rect class="rename-window" x="{}" y="{}" width="{}" height="{}">'
                '<title>{} → {} ({})</title></rect><text class="rename-label" x="{}" y="{}">{} → {}</text></g>'
            ).format(
                x0,
                TOP - 4,
                max(x1 - x0, 2),
                height - TOP - 16,
                label(mark["old"]),
                label(mark["new"]),
                mark["text"] or "",
                x1 + 3,
                height - 8,
                t("renamed"),
                label(mark["new"]),
            )
        )
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        special = [r.replace("_", " ") for r in bar["roles"] if r != "member"]
        name = label(bar["member"]) + (f" ({', '.join(special)})" if special else "")
        parts.append(
            Markup(
                '<g class="bar" data-claims="{}" data-member="{}">'
                '<a href="/entity/{}"><text class="bar-label" x="{}" y="{}">{}</text></a>'
            ).format(
                " ".join(bar["claims"]),
                bar["member"]["id"],
                quote(bar["member"]["id"], safe=""),
                LABEL_WIDTH - 6,
                y + ROW * 0.65,
                name if len(name) <= 46 else name[:45] + "…",
            )
        )
        for seg in bar["segments"]:
            x0, x1 = x(seg["first"]), x(seg["last"])
            kind = "seg-certain" if seg["kind"] == "certain" else "seg-window"
            tip = t("certain") if seg["kind"] == "certain" else t("uncertain_window")
            parts.append(
                Markup(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {} – {}</title></rect>"
                ).format(
                    kind, x0, y + 4, max(x1 - x0, 1.5), ROW - 8, tip, seg["first"], seg["last"]
                )
            )
        if bar["ongoing"] and bar["segments"]:
            tip_x = x(bar["segments"][-1]["last"])
            parts.append(
                Markup('<polygon class="ongoing" points="{},{} {},{} {},{}"/>').format(
                    tip_x, y + 4, tip_x + 7, y + ROW / 2, tip_x, y + ROW - 4
                )
            )
        parts.append(Markup("</g>"))
    if at is not None:
        ax = x(max(first, min(last, _day(at["lower"]))))
        parts.append(
            Markup('<line class="asof-line" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>').format(
                ax, TOP - 6, height - 20
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


NET_W, NET_H, MARGIN = 980, 700, 60


def network(view: dict[str, Any], label: Any) -> Markup:
    """Nodes at their layout positions; each edge with its windows for the slider script."""
    pos = {
        n["id"]: (
            round(MARGIN + n["x"] * (NET_W - 2 * MARGIN), 1),
            round(MARGIN + n["y"] * (NET_H - 2 * MARGIN), 1),
        )
        for n in view["nodes"]
    }
    parts = [
        Markup(
            '<svg id="network" class="network" role="img" viewBox="0 0 {} {}" width="100%" '
            'xmlns="http://www.w3.org/2000/svg"><g class="edges">'
        ).format(NET_W, NET_H)
    ]
    for edge in view["edges"]:
        (x0, y0), (x1, y1) = pos[edge["subject"]], pos[edge["object"]]
        parts.append(
            Markup(
                '<line class="edge is-{}" x1="{}" y1="{}" x2="{}" y2="{}" data-claim="{}" data-s0="{}" '
                'data-s1="{}" data-e0="{}" data-e1="{}" data-subject="{}" data-object="{}">'
                "<title>{} {} {}</title></line>"
            ).format(
                edge["state"],
                x0,
                y0,
                x1,
                y1,
                edge["claim"],
                *edge["start_window"],
                *edge["end_window"],
                edge["subject"],
                edge["object"],
                edge["subject"],
                edge["predicate"],
                edge["object"],
            )
        )
    parts.append(Markup('</g><g class="nodes">'))
    for node in view["nodes"]:
        x, y = pos[node["id"]]
        short = node["acronym"] or label(node)
        parts.append(
            Markup(
                '<a href="/entity/{}" class="node" data-node="{}"><circle r="6" cx="{}" cy="{}"><title>{}</title>'
                '</circle><text x="{}" y="{}">{}</text></a>'
            ).format(
                quote(node["id"], safe=""), node["id"], x, y, label(node), x + 8, y - 6, short[:28]
            )
        )
    parts.append(Markup("</g></svg>"))
    return Markup("").join(parts)
