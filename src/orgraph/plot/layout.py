"""Chart geometry shared by the web app's SVG and the report charts: pure data, no drawing.

A membership is drawn as up to three segments: the start's window of uncertainty,
the span in which it certainly held, and the end's window. The windows are
exactly the bounds the as-of queries use (`Interval.start_window/end_window`),
so the picture never claims more certainty than the answers do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import pairwise
from typing import Any

from orgraph.fuzzydate import MAX_DATE, MIN_DATE, FuzzyDate
from orgraph.interval import Answer, EndState
from orgraph.lineage import NamePeriod, lineage, name_at
from orgraph.model import Claim, Entity
from orgraph.query import membership_predicates
from orgraph.store import Store

Days = tuple[date, date]


@dataclass(frozen=True)
class Segment:
    kind: str  # "window" (uncertain) or "certain"
    first: date
    last: date


@dataclass
class Bar:
    """One member on the body's timeline: all its membership statements in one row."""

    member: Entity
    claims: list[Claim]
    bodies_then: list[Entity]
    segments: list[Segment]  # windows first, so that certain spans are drawn over them
    ongoing: bool

    @property
    def roles(self) -> list[str]:
        return sorted({c.role or "member" for c in self.claims})

    @property
    def label(self) -> str:
        special = [r.replace("_", " ") for r in self.roles if r != "member"]
        return self.member.label + (f" ({', '.join(special)})" if special else "")


@dataclass(frozen=True)
class RenameMark:
    old: Entity
    new: Entity
    window: Days
    at: FuzzyDate | None


@dataclass
class BodyTimeline:
    body: Entity
    axis: Days
    bars: list[Bar] = field(default_factory=list)
    renames: list[RenameMark] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body.ref(),
            "axis": [self.axis[0].isoformat(), self.axis[1].isoformat()],
            "bars": [
                {
                    "claims": [c.id for c in bar.claims],
                    "member": bar.member.ref(),
                    "roles": bar.roles,
                    "bodies_then": [b.ref() for b in bar.bodies_then],
                    "ongoing": bar.ongoing,
                    "segments": [
                        {"kind": s.kind, "first": s.first.isoformat(), "last": s.last.isoformat()}
                        for s in bar.segments
                    ],
                }
                for bar in self.bars
            ],
            "renames": [
                {
                    "old": r.old.ref(),
                    "new": r.new.ref(),
                    "first": r.window[0].isoformat(),
                    "last": r.window[1].isoformat(),
                    "text": r.at.text if r.at else None,
                }
                for r in self.renames
            ],
        }


def _segments(claim: Claim, axis: Days) -> tuple[list[Segment], bool]:
    s_low, s_high = claim.interval.start_window()
    e_low, e_high = claim.interval.end_window()
    first, last = axis

    def clip(day: date) -> date:
        return min(max(day, first), last)

    parts = []
    if s_low < s_high:
        parts.append(Segment("window", clip(s_low), clip(s_high)))
    if s_high <= e_low:
        parts.append(Segment("certain", clip(s_high), clip(e_low)))
    if e_low < e_high:
        parts.append(Segment("window", clip(max(e_low, s_high)), clip(e_high)))
    ongoing = claim.interval.end_state is EndState.ONGOING
    return [p for p in parts if p.first <= p.last], ongoing


def _axis(claims: list[Claim], marks: list[Days], today: date) -> Days:
    days = [d for c in claims for d in (*c.interval.start_window(), *c.interval.end_window())]
    days += [d for m in marks for d in m]
    known = [d for d in days if d not in (MIN_DATE, MAX_DATE)]
    first = min(known, default=date(today.year - 10, 1, 1))
    last = max([*known, today])
    return date(first.year - 1, 1, 1), date(last.year, 12, 31)


def body_timeline(
    store: Store, body: str, as_known: date | None = None, today: date | None = None
) -> BodyTimeline:
    """The body's memberships (across its renames) as bars, and its renames as marks."""
    entity = store.resolve(body)
    periods = lineage(store, entity.id, as_known)
    names = {p.entity_id: store.entity(p.entity_id) for p in periods}
    claims = store.claims(
        objects=list(names), predicates=membership_predicates(), as_known=as_known
    )
    renames = [
        RenameMark(names[prev.entity_id], names[nxt.entity_id], nxt.since.bounds, nxt.since)
        for prev, nxt in pairwise(periods)
        if nxt.since is not None
    ]
    axis = _axis(claims, [r.window for r in renames], today or date.today())
    by_member: dict[str, list[Claim]] = {}
    for claim in claims:
        by_member.setdefault(claim.subject, []).append(claim)
    bars = []
    for member_id, own in by_member.items():
        parts = [_segments(c, axis) for c in own]
        segments = sorted(
            (s for segs, _ in parts for s in segs), key=lambda s: (s.kind != "window", s.first)
        )
        bodies = list(dict.fromkeys(c.object for c in own))
        bars.append(
            Bar(
                store.entity(member_id),
                own,
                [names[b] for b in bodies],
                segments,
                any(ongoing for _, ongoing in parts),
            )
        )
    bars.sort(key=lambda b: (min(c.interval.start_window()[0] for c in b.claims), b.member.label))
    return BodyTimeline(entity, axis, bars, renames)


# -- the network ----------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    claim: Claim
    start: Days
    end: Days

    def state(self, first: date, last: date) -> Answer:
        """Whether the relation holds during [first, last]: the as-of verdict of its claim."""
        return self.claim.interval.check(first, last).answer


@dataclass
class Network:
    """One node per body across its renames (keyed by its current name's entity)."""

    nodes: dict[str, Entity]
    positions: dict[str, tuple[float, float]]
    edges: list[Edge]
    years: tuple[int, int]
    names: dict[str, list[NamePeriod]] = field(default_factory=dict)

    def node_of(self, entity_id: str) -> str:
        return self.body.get(entity_id, entity_id)

    @cached_property
    def body(self) -> dict[str, str]:
        return {p.entity_id: node for node, periods in self.names.items() for p in periods}

    def name_then(self, node: str, first: date, last: date) -> str:
        """The entity whose name the body bore then (its current one when never renamed)."""
        periods = self.names.get(node)
        return name_at(periods, first, last)[0] if periods else node

    def at(self, first: date, last: date) -> list[tuple[Edge, Answer]]:
        states = [(edge, edge.state(first, last)) for edge in self.edges]
        return [(e, s) for e, s in states if s is not Answer.NO]


def force_layout(
    nodes: list[str], links: list[tuple[str, str]], rounds: int = 150
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold from a circle: deterministic, positions in [0, 1]²."""
    count = max(len(nodes), 1)
    pos = {
        n: [
            0.5 + 0.4 * math.cos(2 * math.pi * i / count),
            0.5 + 0.4 * math.sin(2 * math.pi * i / count),
        ]
        for i, n in enumerate(nodes)
    }
    k = math.sqrt(1.0 / count)
    heat = 0.1
    for _ in range(rounds):
        moves = {n: [0.0, 0.0] for n in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 1e-4)
                push = k * k / dist
                moves[a][0] += dx / dist * push
                moves[a][1] += dy / dist * push
                moves[b][0] -= dx / dist * push
                moves[b][1] -= dy / dist * push
        for a, b in links:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 1e-4)
            pull = dist * dist / k
            moves[a][0] -= dx / dist * pull
            moves[a][1] -= dy / dist * pull
            moves[b][0] += dx / dist * pull
            moves[b][1] += dy / dist * pull
        for n in nodes:
            dx, dy = moves[n]
            length = max(math.hypot(dx, dy), 1e-9)
            step = min(length, heat)
            pos[n][0] += dx / length * step
            pos[n][1] += dy / length * step
        heat *= 0.97
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return {n: ((p[0] - min(xs)) / span_x, (p[1] - min(ys)) / span_y) for n, p in pos.items()}


_LAYOUTS: dict[tuple[tuple[str, str], ...], dict[str, tuple[float, float]]] = {}


def network(store: Store, as_known: date | None = None, today: date | None = None) -> Network:
    """Every organization in a current claim, and each claim as an edge with its time windows."""
    # A renamed body is one node: renames are no edges, and its statements under any name meet.
    claims = [c for c in store.claims(as_known=as_known) if c.predicate != "renamed_to"]
    renamed = set(store.rename_identity())
    names: dict[str, list[NamePeriod]] = {}
    body: dict[str, str] = {}
    for entity_id in {e for c in claims for e in (c.subject, c.object)}:
        if entity_id in renamed and entity_id not in body:
            periods = lineage(store, entity_id, as_known)
            names[periods[-1].entity_id] = periods
            body.update({p.entity_id: periods[-1].entity_id for p in periods})
    nodes: dict[str, Entity] = {}
    for claim in claims:
        for entity_id in (claim.subject, claim.object):
            node = body.get(entity_id, entity_id)
            if node not in nodes:
                nodes[node] = store.entity(node)
    edges = [Edge(c, c.interval.start_window(), c.interval.end_window()) for c in claims]
    links = tuple(
        sorted({(body.get(c.subject, c.subject), body.get(c.object, c.object)) for c in claims})
    )
    if links not in _LAYOUTS:
        _LAYOUTS.clear()  # one graph at a time is plenty; a new claim means a new layout
        _LAYOUTS[links] = force_layout(sorted(nodes), list(links))
    years = [d.year for e in edges for d in (*e.start, *e.end) if d not in (MIN_DATE, MAX_DATE)]
    now = (today or date.today()).year
    return Network(
        nodes, _LAYOUTS[links], edges, (min(years, default=now - 10), max([*years, now])), names
    )
