"""Charts for reports: a body's membership timeline and the network at a date, as SVG or PNG.

`orgraph plot timeline BODY -o FILE.svg` and `orgraph plot network --at DATE -o FILE.png`
call these. The geometry comes from `orgraph.plot.layout`, the same the web app draws.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from orgraph.errors import OrgraphError
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Answer
from orgraph.outfile import written_whole
from orgraph.plot.layout import BodyTimeline, Network, body_timeline, network
from orgraph.store import Store

__all__ = ["FORMATS", "plot_network", "plot_timeline"]

FORMATS = ("svg", "png")
CERTAIN = "#2b6cb0"
WINDOW = "#90cdf4"


def _format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise OrgraphError(f"{path}: the file name must end in .svg or .png")
    return suffix


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display, no GUI toolkit: files only
    import matplotlib.pyplot as plt

    return plt


def _save(figure: Any, path: Path) -> Path:
    fmt = _format(path)
    # A fixed date in the SVG metadata keeps the output reproducible.
    metadata = {"Date": None} if fmt == "svg" else {}
    try:
        with written_whole(path, binary=True) as out:
            figure.savefig(out, format=fmt, bbox_inches="tight", dpi=150, metadata=metadata)
    finally:
        _pyplot().close(figure)
    return path


def _num(day: date) -> float:
    """Matplotlib's date number: days since its epoch, 1970-01-01."""
    return float((day - date(1970, 1, 1)).days)


def draw_timeline(chart: BodyTimeline) -> Any:
    """A Gantt chart: solid where membership is certain, hatched in windows of uncertainty."""
    plt = _pyplot()
    rows = max(len(chart.bars), 1)
    figure, axes = plt.subplots(figsize=(11, 1.2 + 0.32 * rows))
    for index, bar in enumerate(chart.bars):
        y = rows - 1 - index
        for seg in bar.segments:
            left, right = _num(seg.first), _num(seg.last)
            if seg.kind == "certain":
                axes.barh(y, right - left, left=left, height=0.6, color=CERTAIN)
            else:
                axes.barh(
                    y,
                    right - left,
                    left=left,
                    height=0.6,
                    color=WINDOW,
                    hatch="///",
                    edgecolor=CERTAIN,
                    linewidth=0,
                )
        if bar.ongoing and bar.segments:
            axes.annotate(
                "▶", (_num(bar.segments[-1].last), y), va="center", fontsize=7, color=CERTAIN
            )
    for mark in chart.renames:
        left, right = _num(mark.window[0]), _num(mark.window[1])
        axes.axvspan(left, right, color="#f6ad55", alpha=0.35, linewidth=0)
        axes.annotate(f"→ {mark.new.label}", (right, rows - 0.4), fontsize=8, color="#9c4221")
    axes.set_yticks(range(rows), [b.label for b in reversed(chart.bars)] or [""], fontsize=8)
    axes.set_xlim(_num(chart.axis[0]), _num(chart.axis[1]))
    axes.xaxis_date()
    axes.set_title(f"{chart.body.label}: members over time (hatched: uncertain)")
    axes.grid(axis="x", color="#e2e8f0")
    return figure


def draw_network(graph: Network, first: date, last: date, title: str) -> Any:
    """The organizations and the relations that hold (solid) or may hold (dashed) then."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(12, 10))
    active = graph.at(first, last)
    ends = {
        id(e): (graph.node_of(e.claim.subject), graph.node_of(e.claim.object)) for e, _ in active
    }
    linked = {node for pair in ends.values() for node in pair}
    for edge, state in active:
        (x0, y0), (x1, y1) = (graph.positions[node] for node in ends[id(edge)])
        style = "-" if state is Answer.YES else "--"
        axes.plot([x0, x1], [y0, y1], style, color=CERTAIN, linewidth=1, alpha=0.7)
    for node_id, entity in graph.nodes.items():
        x, y = graph.positions[node_id]
        on = node_id in linked
        axes.scatter([x], [y], s=40, color=CERTAIN if on else "#cbd5e0", zorder=3)
        short = next((n.text for n in entity.names if n.kind == "acronym"), entity.label)
        axes.annotate(
            short,
            (x, y),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=7,
            color="#1a202c" if on else "#a0aec0",
        )
    axes.set_axis_off()
    axes.set_title(title)
    return figure


def plot_timeline(store: Store, body: str, path: str | Path) -> Path:
    """Write BODY's membership timeline to an .svg or .png file."""
    target = Path(path)
    _format(target)
    return _save(draw_timeline(body_timeline(store, body)), target)


def plot_network(store: Store, at: FuzzyDate, path: str | Path) -> Path:
    """Write the network of relations that hold at a date to an .svg or .png file."""
    target = Path(path)
    _format(target)
    first, last = at.period()
    figure = draw_network(network(store), first, last, f"Relations in {at.text or at}")
    return _save(figure, target)
