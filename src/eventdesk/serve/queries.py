"""Read-only queries behind the workbench: events with analyst decisions applied, filtered and paged.

Every list reads one view of the events table in which the decision in force for each event is
laid over its derived columns (a correction's fields win, a rejection is a `review` value), so the
table, the map, the timeline, the API and the downloads filter and show the same corrected values.
The filters are the store's (`eventdesk.store.filters`), applied to the view as the source
`event_view`. Every value from a request is a bound parameter; the only SQL built from pieces is
fixed text. DOCS: docs/workbench.md
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from eventdesk.store.decisions import latest_sql
from eventdesk.store.filters import SOURCES, Filters, where

# Event columns a correction may override, in the order the view lists them.
CORRECTABLE_EVENT_COLUMNS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "modality",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "date_start",
    "date_end",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
)
MAX_PAGE = 500


def _overlaid(column: str) -> str:
    """The corrected value when a correction names the column (even as null), else the derived one."""
    path = f"'$.fields.{column}'"
    return (
        f"CASE WHEN json_type(r.value, {path}) IS NOT NULL "
        f"THEN json_extract(r.value, {path}) ELSE e.{column} END AS {column}"
    )


# The event view: derived columns with corrections laid over; `day` falls back to the report's
# publication day for events the extractor could not date, so every event has a place on the timeline.
EVENT_VIEW = f"""
SELECT e.id, e.document_id, e.ordinal, e.start, e."end",
  {", ".join(_overlaid(c) for c in CORRECTABLE_EVENT_COLUMNS)},
  substr(coalesce(json_extract(r.value, '$.fields.date_start'), e.date_start, d.published), 1, 10)
    AS day,
  d.title, d.published, d.number AS document_number,
  r.decision AS review, r.analyst AS reviewed_by, r.created_at AS reviewed_at,
  cs.cluster_id
FROM events e
JOIN documents d ON d.id = e.document_id
LEFT JOIN ({latest_sql("'event'")}) r ON r.subject_id = e.id
LEFT JOIN cluster_sources cs ON cs.event_id = e.id
"""  # noqa: S608 (fixed column names)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows and the total matching count."""

    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def _paging(filters: Filters) -> tuple[int, int]:
    """The filters' limit and offset, clamped to a page the workbench serves."""
    return max(1, min(filters.limit or MAX_PAGE, MAX_PAGE)), max(0, filters.offset)


def events(
    conn: sqlite3.Connection,
    filters: Filters,
    *,
    paged: bool = True,
    cap: int | None = None,
    placed: bool = False,
) -> Page:
    """Events matching `filters`, newest day first, with the total count.

    `paged` applies the filters' limit and offset; otherwise every match comes back, or the newest
    `cap` of them. `placed` keeps only events with coordinates.
    """
    limit, offset = _paging(filters)
    clause, params = where(filters, SOURCES["event_view"])
    if placed:
        clause += (
            " AND " if clause else " WHERE "
        ) + "latitude IS NOT NULL AND longitude IS NOT NULL"
    view = f"WITH v AS ({EVENT_VIEW}) SELECT * FROM v{clause}"  # noqa: S608
    # Unfiltered (every landing page), the count needs none of the view's joins.
    count_sql = f"SELECT count(*) FROM ({view})" if clause else "SELECT count(*) FROM events"  # noqa: S608
    total = int(conn.execute(count_sql, params).fetchone()[0])
    order = " ORDER BY day DESC, document_number, ordinal"
    if paged:
        params |= {"limit": limit, "offset": offset}
        order += " LIMIT :limit OFFSET :offset"
    elif cap is not None:
        params |= {"limit": cap, "offset": 0}
        order += " LIMIT :limit OFFSET :offset"
    rows = [dict(row) for row in conn.execute(view + order, params)]
    return Page(rows, total, limit, offset)


def timeline(conn: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Events per day and type: rows of (day, event_type, events), in day order."""
    clause, params = where(filters, SOURCES["event_view"])
    sql = (
        f"WITH v AS ({EVENT_VIEW}) SELECT day, event_type, count(*) AS events FROM v{clause} "  # noqa: S608
        "GROUP BY day, event_type ORDER BY day, event_type"
    )
    return [dict(row) for row in conn.execute(sql, params)]


def facets(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The values each select filter offers: event types, countries and modalities present.

    Read from the events table's own columns (indexed, no join) plus the values corrections
    introduced, rather than from the event view, which joins every row.
    """
    result = {}
    for column in ("event_type", "country", "modality"):
        sql = (
            f"SELECT {column} FROM events WHERE {column} IS NOT NULL "  # noqa: S608 (fixed names)
            f"UNION SELECT json_extract(value, '$.fields.{column}') FROM analyst_decisions "
            f"WHERE subject_kind = 'event' AND json_extract(value, '$.fields.{column}') IS NOT NULL "
            "ORDER BY 1"
        )
        result[column] = [row[0] for row in conn.execute(sql)]
    return result


def event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event from the view, with its full record decoded, or None."""
    row = conn.execute(f"WITH v AS ({EVENT_VIEW}) SELECT * FROM v WHERE id = ?", (event_id,))  # noqa: S608
    found = row.fetchone()
    if found is None:
        return None
    result = dict(found)
    record = conn.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
    result["record"] = json.loads(record[0])
    return result


def cluster(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any] | None:
    """A cluster (one real event) with reconciled figures, every claim and every source event."""
    row = conn.execute("SELECT * FROM event_clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        return None
    result = dict(row)
    result["actors"] = json.loads(result["actors"] or "[]")
    result["figures"] = [
        dict(r)
        for r in conn.execute(
            "SELECT category, low, best, high, claims, disagree FROM reconciled_figures "
            "WHERE cluster_id = ? ORDER BY category = 'fatalities' DESC, category",
            (cluster_id,),
        )
    ]
    result["claims"] = [
        dict(r)
        for r in conn.execute(
            "SELECT c.category, c.document_id, c.record_id, c.asserted_by, c.value, c.low, "
            "c.high, c.text, c.counted, d.title FROM figure_claims c "
            "JOIN documents d ON d.id = c.document_id WHERE c.cluster_id = ? "
            "ORDER BY c.category, d.number, c.record_id",
            (cluster_id,),
        )
    ]
    result["source_events"] = [
        dict(r)
        for r in conn.execute(
            "SELECT s.event_id, s.document_id, s.independent, d.title, d.url, d.site, "
            "d.published FROM cluster_sources s JOIN documents d ON d.id = s.document_id "
            "WHERE s.cluster_id = ? ORDER BY d.number, s.event_id",
            (cluster_id,),
        )
    ]
    return result


def document(conn: sqlite3.Connection, document_id: str) -> dict[str, Any] | None:
    """A document row (text included) with its sources, or None."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        return None
    result = dict(row)
    result["metadata"] = json.loads(result["metadata"])
    result["sources"] = [
        r[0]
        for r in conn.execute(
            "SELECT source FROM document_sources WHERE document_id = ? ORDER BY source",
            (document_id,),
        )
    ]
    return result


def records(conn: sqlite3.Connection, table: str, document_id: str) -> list[dict[str, Any]]:
    """The records of one kind (`quotes`, `figures`, `entities`, `events`) of one document."""
    if table not in {"quotes", "figures", "entities", "events", "date_mentions"}:
        raise ValueError(f"not a record table: {table!r}")
    kind = {"quotes": "quote", "figures": "figure", "entities": "entity", "events": "event"}
    sql = (
        f"SELECT x.*, r.decision AS review FROM [{table}] x "  # noqa: S608 (checked above)
        f"LEFT JOIN ({latest_sql(':kind')}) r ON r.subject_id = x.id "
        "WHERE x.document_id = :document ORDER BY x.ordinal"
    )
    rows = conn.execute(sql, {"kind": kind.get(table, ""), "document": document_id})
    result = []
    for row in rows:
        values = dict(row)
        values["record"] = json.loads(values["record"])
        result.append(values)
    return result


def speaker_quotes(
    conn: sqlite3.Connection, name: str, *, limit: int | None = None
) -> list[dict[str, Any]]:
    """The quotes attributed to `name` (the first `limit`), with their documents, oldest first."""
    rows = conn.execute(
        "SELECT q.*, d.title, d.published FROM quotes q JOIN documents d ON d.id = q.document_id "
        "WHERE q.speaker = ? ORDER BY d.published, d.number, q.ordinal LIMIT ?",
        (name, -1 if limit is None else limit),
    )
    result = []
    for row in rows:
        values = dict(row)
        values["record"] = json.loads(values["record"])
        result.append(values)
    return result


def speaker_quote_count(conn: sqlite3.Connection, name: str) -> int:
    """How many quotes are attributed to `name`."""
    row = conn.execute("SELECT count(*) FROM quotes WHERE speaker = ?", (name,)).fetchone()
    return int(row[0])


def speakers(conn: sqlite3.Connection, *, limit: int = 200) -> list[dict[str, Any]]:
    """Speakers by number of quotes, most quoted first."""
    rows = conn.execute(
        "SELECT speaker, count(*) AS quotes, count(DISTINCT document_id) AS documents "
        "FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY quotes DESC, speaker "
        "LIMIT ?",
        (limit,),
    )
    return [dict(row) for row in rows]


def errors(conn: sqlite3.Connection, *, limit: int = 500) -> list[dict[str, Any]]:
    """Inputs that gave no document, with the run that met them, newest first."""
    rows = conn.execute(
        "SELECT e.source, e.code, e.reason, e.run_id, r.started_at FROM errors e "
        "LEFT JOIN ingest_runs r ON r.id = e.run_id ORDER BY e.id DESC LIMIT ?",
        (limit,),
    )
    return [dict(row) for row in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts shown in the page header."""
    result = {}
    for table in ("documents", "events", "event_clusters", "quotes", "errors"):
        result[table] = int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])  # noqa: S608
    return result
