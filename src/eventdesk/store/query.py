"""Reading the store with filters: events, clusters, documents, quotes or figures.

The filters are `eventdesk.store.filters.Filters`, shared with the workbench: event type, country
(a name or the stored ISO code), actor (a substring of either actor, case-insensitive), modality, a
date range the record's dates must overlap, and full-text search over document titles and texts
(FTS5 query syntax). Rows come back as dicts, `record` columns decoded. DOCS: docs/store.md
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventdesk.store.filters import KINDS, SOURCES, FilterError, Filters, Kind, where

__all__ = ["KINDS", "SUMMARY_COLUMNS", "FilterError", "Filters", "Kind", "query", "select_sql"]

# Columns shown by the table view of each kind (JSONL output has every column).
SUMMARY_COLUMNS: dict[Kind, tuple[str, ...]] = {
    "events": ("id", "date_start", "event_type", "country", "location", "actor1", "modality"),
    "clusters": (
        "id",
        "date_start",
        "event_type",
        "country",
        "location",
        "sources",
        "fatalities_best",
    ),
    "documents": ("id", "published", "title", "source"),
    "quotes": ("id", "document_id", "speaker", "text"),
    "figures": ("id", "document_id", "value", "counted", "asserted_by", "text"),
}


def select_sql(filters: Filters) -> tuple[str, dict[str, Any]]:
    """The SQL `query` runs for `filters` and its named parameters."""
    base = {
        "events": "SELECT * FROM events",
        "clusters": "SELECT * FROM event_clusters",
        "documents": "SELECT * FROM documents",
        "quotes": "SELECT x.* FROM quotes x JOIN documents d ON d.id = x.document_id",
        "figures": "SELECT x.* FROM figures x JOIN documents d ON d.id = x.document_id",
    }[filters.kind]
    order = {
        "events": "date_start, id",
        "clusters": "date_start, id",
        "documents": "number",
        "quotes": "d.number, x.ordinal",
        "figures": "d.number, x.ordinal",
    }[filters.kind]
    clause, params = where(filters, SOURCES[filters.kind])
    page = ""
    if filters.limit is not None:
        page = " LIMIT :limit OFFSET :offset" if filters.offset else " LIMIT :limit"
    params |= {"limit": filters.limit, "offset": filters.offset}
    return f"{base}{clause} ORDER BY {order}{page}", params


def query(conn: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Rows matching `filters`, as dicts; JSON columns (`record`, `metadata`, `actors`) decoded."""
    rows = conn.execute(*select_sql(filters)).fetchall()
    result = []
    for row in rows:
        values = dict(row)
        for column in ("record", "metadata", "actors"):
            if isinstance(values.get(column), str):
                values[column] = json.loads(values[column])
        result.append(values)
    return result
