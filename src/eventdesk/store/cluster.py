"""One real event from many reports: occurred events from different documents grouped by compatibility.

Two event records are compatible when they have the same ACLED event type, places within
`max_km` (or the same place name when either lacks coordinates), date intervals that overlap
(with `slack_days`), and actors that do not contradict (either side names none, or they share one;
they must share one when either place is only a country or region: on the VOA sample, attacks in
different provinces all placed at a country's centre point otherwise merged).
An event joins a cluster only when it is compatible with *every* member, so chains of loosely
similar events do not merge into one. Threatened, hypothetical and denied events never cluster:
they are not events that happened. The clusters are rebuilt from the stored events after every run,
which makes them the same whatever order documents arrived in batches. DOCS: docs/store.md
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from eventdesk.events.modality import OCCURRED

# Reports place one event at the town, its district or a nearby landmark; 50 km keeps those
# together and keeps neighbouring towns' separate clashes apart at ACLED's precision 1-2.
MAX_KM = 50.0
# ACLED's geo-precision for "a larger region" (a country's or province's centre point).
COARSE_PRECISION = 3
# "Last night" in one report is "on Monday" in another written a day later in another timezone.
SLACK_DAYS = 1
# An event with no date of its own happened shortly before its report was published.
UNDATED_LOOKBACK_DAYS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPoint:
    """What clustering needs of one stored event record."""

    id: str
    document_id: str
    event_type: str
    sub_event_type: str | None = None
    actors: frozenset[str] = frozenset()
    location: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    start: date | None = None
    end: date | None = None
    modality: str | None = None
    geo_precision: int | None = None


@dataclass(slots=True)
class Cluster:
    """Events judged to be reports of one real-world event, first member first."""

    members: list[EventPoint] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.members[0].id


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time (None when absent or unreadable)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dated(point: EventPoint, published: str | None) -> EventPoint:
    """`point` with a date interval: its own, else the days before its report was published."""
    if point.start is not None or point.end is not None:
        start = point.start or point.end
        end = point.end or point.start
        return dataclasses.replace(point, start=start, end=end)
    day = parse_day(published)
    if day is None:
        return point
    return dataclasses.replace(point, start=day - timedelta(days=UNDATED_LOOKBACK_DAYS), end=day)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def places_compatible(a: EventPoint, b: EventPoint, *, max_km: float) -> bool:
    """Within `max_km`, or the same place name (and no different country) without coordinates."""
    if a.country and b.country and a.country.casefold() != b.country.casefold():
        return False
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= max_km  # type: ignore[arg-type]
    return bool(a.location and b.location and a.location.casefold() == b.location.casefold())


def dates_compatible(a: EventPoint, b: EventPoint, *, slack_days: int) -> bool:
    """The two date intervals overlap once widened by `slack_days`; undated events never match."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    slack = timedelta(days=slack_days)
    return a.start <= b.end + slack and b.start <= a.end + slack


def actors_compatible(a: EventPoint, b: EventPoint) -> bool:
    """No contradiction: one side names no actor, or the two share at least one.

    When either event is placed only at region or country level (ACLED precision 3), its place
    says little, so the two must share a named actor.
    """
    if COARSE_PRECISION in (a.geo_precision, b.geo_precision):
        return bool(a.actors & b.actors)
    return not a.actors or not b.actors or bool(a.actors & b.actors)


def compatible(a: EventPoint, b: EventPoint, *, max_km: float, slack_days: int) -> bool:
    """Whether two event records can be reports of one real-world event."""
    return (
        a.event_type == b.event_type
        and dates_compatible(a, b, slack_days=slack_days)
        and places_compatible(a, b, max_km=max_km)
        and actors_compatible(a, b)
    )


def happened_event(point: EventPoint) -> bool:
    """Whether `point` is an event that occurred (asserted, reported, confirmed); a record
    stored without a modality (hand-made rows) counts as asserted, any other word does not."""
    return point.modality is None or point.modality in OCCURRED


def cluster_events(
    points: Iterable[EventPoint], *, max_km: float = MAX_KM, slack_days: int = SLACK_DAYS
) -> list[Cluster]:
    """Group occurred events into clusters; every occurred event is in exactly one cluster.

    Events are taken in (start date, id) order and each joins the earliest-founded open cluster
    it is compatible with in full, else founds its own; a cluster closes once events start more
    than `slack_days` after its last end, so the work per event stays bounded by the open ones.
    """
    happened = [p for p in points if happened_event(p)]
    happened.sort(key=lambda p: (p.start or date.max, p.id))
    clusters: list[Cluster] = []
    open_by_type: dict[str, list[tuple[Cluster, date | None]]] = {}
    for point in happened:
        candidates = open_by_type.setdefault(point.event_type, [])
        if point.start is not None:
            horizon = point.start - timedelta(days=slack_days)
            candidates[:] = [(c, end) for c, end in candidates if end is None or end >= horizon]
        for index, (cluster, end) in enumerate(candidates):
            if all(
                compatible(point, m, max_km=max_km, slack_days=slack_days) for m in cluster.members
            ):
                cluster.members.append(point)
                latest = max((d for d in (end, point.end) if d is not None), default=None)
                candidates[index] = (cluster, latest)
                break
        else:
            cluster = Cluster([point])
            clusters.append(cluster)
            candidates.append((cluster, point.end))
    return clusters


def most_common(values: Sequence[str | None]) -> str | None:
    """The most frequent non-empty value, ties broken by first appearance."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
