"""Reading the store with filters: events, clusters, documents, quotes or figures.

Every filter is optional and they combine with AND: event type, country (a name or the stored
ISO code), actor (a substring of
either actor, case-insensitive), a date range the record's dates must overlap, and full-text search
over document titles and texts (FTS5 query syntax). Rows come back as dicts, `record` columns decoded.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from eventdesk.store.countries import country_code

Kind = Literal["events", "clusters", "documents", "quotes", "figures"]
KINDS: tuple[Kind, ...] = ("events", "clusters", "documents", "quotes", "figures")

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """What to select; None means no filter on that field."""

    kind: Kind = "events"
    event_type: str | None = None
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    limit: int | None = 100


# Ids of the documents whose title or text matches the full-text query :text.
_MATCHING_DOCUMENTS = (
    "SELECT id FROM documents WHERE number IN "
    "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH :text)"
)


def _document_match(column: str) -> str:
    return f"{column} IN ({_MATCHING_DOCUMENTS})"


def _where(filters: Filters) -> list[str]:
    kind = filters.kind
    clauses: list[str] = []
    dated = {
        "events": ("date_start", "date_end"),
        "clusters": ("date_start", "date_end"),
        "documents": ("published", "published"),
    }
    start, end = dated.get(kind, ("d.published", "d.published"))
    if filters.since:
        clauses.append(f"substr(coalesce({end}, {start}), 1, 10) >= :since")
    if filters.until:
        clauses.append(f"substr(coalesce({start}, {end}), 1, 10) <= :until")
    if kind in ("events", "clusters"):
        if filters.event_type:
            clauses.append("event_type = :event_type COLLATE NOCASE")
        if filters.country:
            clauses.append("country COLLATE NOCASE IN (:country, :country_code)")
        if filters.actor:
            actor_columns = (
                "actors"
                if kind == "clusters"
                else "coalesce(actor1,'') || '|' || coalesce(actor2,'')"
            )
            clauses.append(f"instr(lower({actor_columns}), lower(:actor)) > 0")
    elif filters.event_type or filters.country or filters.actor:
        # Documents, quotes and figures: those of documents with a matching event.
        owner = "documents.id" if kind == "documents" else "x.document_id"
        sub = ["1"]
        if filters.event_type:
            sub.append("e.event_type = :event_type COLLATE NOCASE")
        if filters.country:
            sub.append("e.country COLLATE NOCASE IN (:country, :country_code)")
        if filters.actor:
            sub.append(
                "instr(lower(coalesce(e.actor1,'') || '|' || coalesce(e.actor2,'')), lower(:actor)) > 0"
            )
        clauses.append(
            f"EXISTS (SELECT 1 FROM events e WHERE e.document_id = {owner} AND {' AND '.join(sub)})"  # noqa: S608
        )
    if filters.text:
        if kind == "clusters":
            sources = (
                f"SELECT cluster_id FROM cluster_sources WHERE {_document_match('document_id')}"  # noqa: S608
            )
            clauses.append(f"id IN ({sources})")
        elif kind == "documents":
            clauses.append(_document_match("id"))
        else:
            clauses.append(_document_match("x.document_id" if kind != "events" else "document_id"))
    return clauses


def select_sql(filters: Filters) -> str:
    """The SQL `query` runs for `filters` (named parameters)."""
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
    clauses = _where(filters)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    limit = " LIMIT :limit" if filters.limit is not None else ""
    return f"{base}{where} ORDER BY {order}{limit}"


def query(conn: sqlite3.Connection, filters: Filters) -> list[dict[str, Any]]:
    """Rows matching `filters`, as dicts; JSON columns (`record`, `metadata`, `actors`) decoded."""
    params = {
        "event_type": filters.event_type,
        "country": filters.country,
        "country_code": country_code(filters.country) if filters.country else None,
        "actor": filters.actor,
        "since": filters.since,
        "until": filters.until,
        "text": filters.text,
        "limit": filters.limit,
    }
    rows = conn.execute(select_sql(filters), params).fetchall()
    result = []
    for row in rows:
        values = dict(row)
        for column in ("record", "metadata", "actors"):
            if isinstance(values.get(column), str):
                values[column] = json.loads(values[column])
        result.append(values)
    return result
