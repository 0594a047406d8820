"""The timeline chart: events per day, stacked by type, laid out as SVG rectangles on the server.

Drawing on the server keeps the page free of chart libraries and of inline scripts; the template
only places the rectangles and labels computed here (all text is escaped by the template).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# One colour per ACLED event type (colour-blind-safe Okabe-Ito palette), grey for anything else.
TYPE_COLOURS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#CC79A7",
    "Violence against civilians": "#000000",
    "Protests": "#0072B2",
    "Riots": "#E69F00",
    "Strategic developments": "#009E73",
}
OTHER_COLOUR = "#999999"
# Days shown at most: longer spans are cut to their most recent days (the table has the rest).
MAX_DAYS = 120
WIDTH, HEIGHT, MARGIN = 960, 260, 36


def colour(event_type: str | None) -> str:
    """The chart and map colour of an event type."""
    return TYPE_COLOURS.get(event_type or "", OTHER_COLOUR)


@dataclass(frozen=True, slots=True)
class Bar:
    """One rectangle: the events of one type on one day."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str
    day: str
    event_type: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the template draws."""

    bars: list[Bar]
    ticks: list[tuple[float, str]]
    peak: int
    legend: list[tuple[str, str]]
    days: int
    cut: bool
    width: int = WIDTH
    height: int = HEIGHT
    margin: int = MARGIN


def _parse(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day) if day else None
    except ValueError:
        return None


def timeline_chart(rows: Sequence[dict[str, Any]]) -> Chart:
    """Stacked bars from (day, event_type, events) rows; undated events are left out."""
    per_day: dict[date, list[tuple[str, int]]] = {}
    for row in rows:
        day = _parse(row["day"])
        if day is not None:
            per_day.setdefault(day, []).append((row["event_type"] or "?", int(row["events"])))
    if not per_day:
        return Chart([], [], 0, [], 0, cut=False)
    last = max(per_day)
    first = max(min(per_day), last - timedelta(days=MAX_DAYS - 1))
    days = (last - first).days + 1
    slot = (WIDTH - 2 * MARGIN) / days
    peak = max(sum(n for _, n in per_day[d]) for d in per_day if d >= first)
    scale = (HEIGHT - 2 * MARGIN) / peak
    bars = []
    types: set[str] = set()
    for day, counts in sorted(per_day.items()):
        if day < first:
            continue
        x = MARGIN + (day - first).days * slot
        y: float = HEIGHT - MARGIN
        for event_type, count in sorted(counts):
            height = count * scale
            y -= height
            types.add(event_type)
            bars.append(
                Bar(
                    x=round(x + slot * 0.1, 2),
                    y=round(y, 2),
                    width=round(max(slot * 0.8, 1.0), 2),
                    height=round(height, 2),
                    colour=colour(event_type),
                    label=f"{day.isoformat()}: {count} {event_type}",
                    day=day.isoformat(),
                    event_type=event_type,
                )
            )
    step = max(1, days // 8)
    ticks = [
        (round(MARGIN + (i + 0.5) * slot, 2), (first + timedelta(days=i)).isoformat())
        for i in range(0, days, step)
    ]
    legend = [(t, colour(t)) for t in sorted(types)]
    return Chart(bars, ticks, peak, legend, days, cut=min(per_day) < first)
