"""Rebuild the derived tables (event clusters, their sources, reconciled figures) from stored records.

Derived tables are a pure function of the stored documents, records and near-duplicate links, so
they are dropped and rebuilt in one transaction at the end of every ingest or re-extraction run:
an interrupted run is repaired by the next one, and a run that adds nothing rewrites them identically.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eventdesk.store.cluster import (
    Cluster,
    EventPoint,
    cluster_events,
    dated,
    most_common,
    parse_day,
)
from eventdesk.store.dedup import canonical_of
from eventdesk.store.reconcile import (
    FATALITIES,
    ROLE_AFTER,
    ROLE_BEFORE,
    Claim,
    category_of,
    reconcile_all,
    role_of,
)

# Figures reconciled per event: counts of people or things (no unit, or "people"); percentages,
# durations and measures are not estimates of one event's toll and would only add noise.
COUNT_UNITS = frozenset({"", "people", "person", "persons"})

DERIVED_TABLES = ("figure_claims", "reconciled_figures", "cluster_sources", "event_clusters")


@dataclass(frozen=True, slots=True)
class DerivedSummary:
    """What a rebuild produced."""

    clusters: int
    multi_source_clusters: int
    disagreements: int


@dataclass(frozen=True, slots=True)
class _StoredEvent:
    point: EventPoint
    actor_names: tuple[str, ...]
    start: int | None
    end: int | None
    geo_precision: int | None
    plover: str | None
    asserted_by: str | None
    fatalities: tuple[float | None, float | None, float | None]
    evidence: tuple[tuple[int, int], ...] = ()


def _load_events(conn: sqlite3.Connection) -> list[_StoredEvent]:
    rows = conn.execute(
        "SELECT e.*, d.published, json_extract(e.record, '$.plover') AS plover_code, "
        "json_extract(e.record, '$.source') AS asserter FROM events e "
        "JOIN documents d ON d.id = e.document_id ORDER BY e.document_id, e.ordinal"
    ).fetchall()
    events = []
    for row in rows:
        actors = frozenset(a.strip().casefold() for a in (row["actor1"], row["actor2"]) if a)
        point = EventPoint(
            id=row["id"],
            document_id=row["document_id"],
            event_type=row["event_type"] or "",
            sub_event_type=row["sub_event_type"],
            actors=actors,
            location=row["location"],
            country=row["country"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            start=parse_day(row["date_start"]),
            end=parse_day(row["date_end"]),
            modality=row["modality"],
            geo_precision=row["geo_precision"],
        )
        events.append(
            _StoredEvent(
                point=dated(point, row["published"]),
                actor_names=tuple(a.strip() for a in (row["actor1"], row["actor2"]) if a),
                start=row["start"],
                end=row["end"],
                geo_precision=row["geo_precision"],
                plover=row["plover_code"],
                asserted_by=row["asserter"],
                fatalities=(row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]),
                evidence=_evidence_ranges(row["record"]),
            )
        )
    return events


def _evidence_ranges(record: str) -> tuple[tuple[int, int], ...]:
    spans = json.loads(record).get("evidence") or ()
    return tuple(
        (span["start"], span["end"])
        for span in spans
        if isinstance(span, dict) and isinstance(span.get("start"), int)
    )


def _copy_key(event: _StoredEvent) -> tuple[object, ...]:
    point = event.point
    return (point.event_type, point.sub_event_type, point.location, point.actors, point.modality)


def _copied_events(events: list[_StoredEvent], canonical: dict[str, str]) -> dict[str, str]:
    """Events of near-duplicate documents mapped to the same event in the first-stored copy.

    A copy's events are the original's events again: they join the original's cluster (or stay
    out with it) whatever their place or date, so a syndicated story never makes a second
    cluster, not even for events that could not be placed.
    """
    by_document: dict[str, list[_StoredEvent]] = {}
    for event in events:
        by_document.setdefault(event.point.document_id, []).append(event)
    copies: dict[str, str] = {}
    for document_id, own in by_document.items():
        root = canonical.get(document_id)
        if root is None or root == document_id:
            continue
        unmatched = list(by_document.get(root, []))
        for event in own:
            key = _copy_key(event)
            match = next((o for o in unmatched if _copy_key(o) == key), None)
            if match is not None:
                unmatched.remove(match)
                copies[event.point.id] = match.point.id
    return copies


def _attach_copies(
    clusters: list[Cluster], copies: dict[str, str], stored: dict[str, _StoredEvent]
) -> None:
    """Add each copied event to the cluster of its original (after the founder: ids stay)."""
    cluster_of = {m.id: c for c in clusters for m in c.members}
    for copy_id, original_id in sorted(copies.items()):
        cluster = cluster_of.get(original_id)
        if cluster is not None:
            cluster.members.append(stored[copy_id].point)


def _distance(figure_start: int, figure_end: int, event: _StoredEvent) -> int:
    if event.start is None or event.end is None:
        return 1 << 30
    if figure_end <= event.start:
        return event.start - figure_end
    return max(0, figure_start - event.end)


def _owner(
    start: int, end: int, clustered: list[_StoredEvent], others: list[_StoredEvent]
) -> _StoredEvent | None:
    """The event the figure at [start, end) counts for: a clustered event whose evidence holds
    it; None when only an event that did not occur holds it (a threat's figure is no event's
    count); else the nearest clustered event of the document."""
    for event in clustered:
        if any(lo <= start < hi for lo, hi in event.evidence):
            return event
    if any(lo <= start < hi for event in others for lo, hi in event.evidence):
        return None
    return min(clustered, key=lambda e: (_distance(start, end, e), e.point.id))


def _figure_owners(
    conn: sqlite3.Connection,
    events_by_document: dict[str, list[_StoredEvent]],
    unclustered: dict[str, list[_StoredEvent]],
) -> dict[str, list[tuple[sqlite3.Row, str]]]:
    """Figures with a counted noun, each with its category (counted noun and role, read in the
    document text around it) and given to its event (`_owner`)."""
    owned: dict[str, list[tuple[sqlite3.Row, str]]] = {}
    # The words around a figure, cut out by SQLite (1-based substr) rather than loading texts.
    rows = conn.execute(
        "SELECT f.id, f.document_id, f.value, f.low, f.high, f.unit, f.counted, f.asserted_by, "
        'f.start, f."end", f.text, '
        "substr(d.text, max(f.start - ?, 0) + 1, f.start - max(f.start - ?, 0)) AS before_text, "
        'substr(d.text, f."end" + 1, ?) AS after_text '
        "FROM figures f JOIN documents d ON d.id = f.document_id "
        "WHERE f.counted IS NOT NULL ORDER BY f.document_id, f.ordinal",
        (ROLE_BEFORE, ROLE_BEFORE, ROLE_AFTER),
    )
    for row in rows:
        candidates = events_by_document.get(row["document_id"])
        if not candidates or (row["unit"] or "") not in COUNT_UNITS:
            continue
        role = role_of(row["before_text"] or "", row["after_text"] or "")
        category = category_of(row["counted"], role)
        if category is None:
            continue
        start, end = row["start"] or 0, row["end"] or 0
        owner = _owner(start, end, candidates, unclustered.get(row["document_id"], []))
        if owner is not None:
            owned.setdefault(owner.point.id, []).append((row, category))
    return owned


def _cluster_claims(
    cluster: Cluster,
    stored: dict[str, _StoredEvent],
    figures: dict[str, list[tuple[sqlite3.Row, str]]],
    independent: dict[str, bool],
) -> list[Claim]:
    claims = []
    for member in cluster.members:
        event = stored[member.id]
        counted = independent[member.id]
        low, best, high = event.fatalities
        has_toll = best is not None or low is not None or high is not None
        if has_toll:
            claims.append(
                Claim(
                    category=FATALITIES,
                    document_id=member.document_id,
                    record_id=member.id,
                    asserted_by=event.asserted_by,
                    value=best,
                    low=low,
                    high=high,
                    text=None,
                    counted=counted,
                )
            )
        for row, category in figures.get(member.id, []):
            if has_toll and category == FATALITIES:
                # The event's toll already weighed its report's death figures ("risen to 14"
                # over "two of the wounded died"); each report gives one fatality claim.
                continue
            claims.append(
                Claim(
                    category=category,
                    document_id=row["document_id"],
                    record_id=row["id"],
                    asserted_by=row["asserted_by"],
                    value=row["value"],
                    low=row["low"],
                    high=row["high"],
                    text=row["text"],
                    counted=counted,
                )
            )
    return claims


def _independence(cluster: Cluster, canonical: dict[str, str]) -> dict[str, bool]:
    """Per member event: False when its document is a near-duplicate of another member's.

    Of a group of copies, the first-stored document (the group's root) counts when it is a
    member, else the first member's document.
    """
    documents = {m.document_id for m in cluster.members}
    owner_of_root: dict[str, str] = {}
    result = {}
    for member in cluster.members:
        root = canonical.get(member.document_id, member.document_id)
        fallback = root if root in documents else member.document_id
        owner = owner_of_root.setdefault(root, fallback)
        result[member.id] = owner == member.document_id
    return result


def _cluster_row(cluster: Cluster, stored: dict[str, _StoredEvent]) -> dict[str, object]:
    members = cluster.members
    placed = [m for m in members if m.latitude is not None and m.longitude is not None]
    place = min(placed or members, key=lambda m: (stored[m.id].geo_precision or 9, m.id))
    starts = [m.start for m in members if m.start is not None]
    ends = [m.end for m in members if m.end is not None]
    start, end = (max(starts), min(ends)) if starts and ends else (None, None)
    if start is not None and end is not None and start > end:  # no common day: the hull
        start, end = min(starts), max(ends)
    actor_counts = Counter(a for m in members for a in stored[m.id].actor_names)
    return {
        "id": cluster.id,
        "event_type": members[0].event_type,
        "sub_event_type": most_common([m.sub_event_type for m in members]),
        "country": most_common([m.country for m in members]),
        "location": place.location,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": stored[place.id].geo_precision,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "actors": json.dumps(sorted(actor_counts, key=lambda a: (-actor_counts[a], a))),
        "plover": most_common([stored[m.id].plover for m in members]),
    }


def _insert(conn: sqlite3.Connection, table: str, rows: Sequence[dict[str, object]]) -> None:
    if not rows:
        return
    names = list(rows[0])
    sql = (
        f"INSERT INTO {table} ({', '.join(f'[{n}]' for n in names)}) "  # noqa: S608 (own names)
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    conn.executemany(sql, [tuple(row[n] for n in names) for row in rows])


def rebuild_derived(conn: sqlite3.Connection) -> DerivedSummary:
    """Recompute clusters, cluster sources and reconciled figures in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in DERIVED_TABLES:
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
        events = _load_events(conn)
        stored = {e.point.id: e for e in events}
        canonical = canonical_of(conn)
        copies = _copied_events(events, canonical)
        clusters = cluster_events(e.point for e in events if e.point.id not in copies)
        _attach_copies(clusters, copies, stored)
        clustered = {m.id for c in clusters for m in c.members}
        by_document: dict[str, list[_StoredEvent]] = {}
        unclustered: dict[str, list[_StoredEvent]] = {}
        for event in events:
            kept = by_document if event.point.id in clustered else unclustered
            kept.setdefault(event.point.document_id, []).append(event)
        figures = _figure_owners(conn, by_document, unclustered)
        summary = _write_clusters(conn, clusters, stored, figures, canonical)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return summary


def _write_clusters(
    conn: sqlite3.Connection,
    clusters: list[Cluster],
    stored: dict[str, _StoredEvent],
    figures: dict[str, list[tuple[sqlite3.Row, str]]],
    canonical: dict[str, str],
) -> DerivedSummary:
    cluster_rows: list[dict[str, object]] = []
    source_rows: list[dict[str, object]] = []
    reconciled_rows: list[dict[str, object]] = []
    claim_rows: list[dict[str, object]] = []
    multi = disagreements = 0
    for cluster in clusters:
        independent = _independence(cluster, canonical)
        claims = _cluster_claims(cluster, stored, figures, independent)
        reconciled = {r.category: r for r in reconcile_all(claims)}
        fatalities = reconciled.get(FATALITIES)
        sources = len({m.document_id for m in cluster.members if independent[m.id]})
        multi += sources > 1
        disagreements += any(r.disagree for r in reconciled.values())
        row = _cluster_row(cluster, stored)
        row |= {
            "sources": sources,
            "fatalities_low": fatalities.low if fatalities else None,
            "fatalities_best": fatalities.best if fatalities else None,
            "fatalities_high": fatalities.high if fatalities else None,
            "fatalities_disagree": int(bool(fatalities and fatalities.disagree)),
        }
        cluster_rows.append(row)
        source_rows += [
            {
                "cluster_id": cluster.id,
                "event_id": m.id,
                "document_id": m.document_id,
                "independent": int(independent[m.id]),
            }
            for m in cluster.members
        ]
        reconciled_rows += [
            {
                "cluster_id": cluster.id,
                "category": r.category,
                "low": r.low,
                "best": r.best,
                "high": r.high,
                "claims": r.claims,
                "disagree": int(r.disagree),
            }
            for r in reconciled.values()
        ]
        seen: set[tuple[str, str]] = set()
        for c in claims:
            if (c.category, c.record_id) in seen:
                continue
            seen.add((c.category, c.record_id))
            claim_rows.append(
                {
                    "cluster_id": cluster.id,
                    "category": c.category,
                    "document_id": c.document_id,
                    "record_id": c.record_id,
                    "asserted_by": c.asserted_by,
                    "value": c.value,
                    "low": c.low,
                    "high": c.high,
                    "text": c.text,
                    "counted": int(c.counted),
                }
            )
    _insert(conn, "event_clusters", cluster_rows)
    _insert(conn, "cluster_sources", source_rows)
    _insert(conn, "reconciled_figures", reconciled_rows)
    _insert(conn, "figure_claims", claim_rows)
    return DerivedSummary(len(clusters), multi, disagreements)
