"""The event filters, one model for every reader of the store: `eventdesk query`, the workbench's
pages and its JSON API (with its CSV and GeoJSON downloads).

`Filters` says what to select; `where` turns it into the WHERE clause and bound parameters for one
kind of row (`SOURCES`: the store's tables, or the workbench's event view with analyst decisions
laid over). Every filter is optional and they combine with AND. Dates are checked when a `Filters`
is made: an ISO year, month or day (`2026`, `2026-03`, `2026-03-05`; a time after the day is
ignored), anything else raises `FilterError`. Every value is a bound parameter; the only SQL built
from pieces is this module's own fixed text. DOCS: docs/store.md
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from eventdesk.store.countries import country_code

Kind = Literal["events", "clusters", "documents", "quotes", "figures"]
KINDS: tuple[Kind, ...] = ("events", "clusters", "documents", "quotes", "figures")
REVIEW_STATES = ("unreviewed", "confirm", "correct", "reject")

_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FTS_TOKEN = re.compile(r"[\w'-]+", re.UNICODE)


class FilterError(ValueError):
    """A filter value that cannot be used (a date that is not an ISO date): the field, and the
    reason without the field's name (each reader names the field in its own words)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def day_bound(value: str, *, last: bool = False, field: str = "date") -> str:
    """The first day (or with `last`, the last day) an ISO year, month or day covers, YYYY-MM-DD.

    `2026` -> 2026-01-01 (last: 2026-12-31), `2026-02` -> 2026-02-01 (last: 2026-02-28);
    a full ISO date-time counts as its day. Raises FilterError for anything else.
    """
    text = value.strip()
    found = _DAY.fullmatch(text)
    if found is None and len(text) > 10 and text[10] in "T ":
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            pass  # refused below with the same message as any other bad date
    if found is None:
        raise FilterError(field, f"{text[:40]!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(found[1])
    month, day = (int(part) if part else None for part in found.groups()[1:])
    if year == 0:
        raise FilterError(field, "there is no year 0000")
    if month is not None and not 1 <= month <= 12:
        raise FilterError(field, f"{text!r} has no such month")
    month = month or (12 if last else 1)
    days_in_month = calendar.monthrange(year, month)[1]
    if day is not None and not 1 <= day <= days_in_month:
        raise FilterError(field, f"{text!r} has no such day")
    day = day or (days_in_month if last else 1)
    return f"{year:04d}-{month:02d}-{day:02d}"


def fts_words(text: str) -> str | None:
    """A user's search words as a safe FTS5 query: every word quoted, all required (AND).

    FTS5 syntax errors would otherwise surface as server errors; operators are not offered.
    None when `text` holds no word.
    """
    words = _FTS_TOKEN.findall(text)
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """What to select; None or an empty string means no filter on that field.

    `kind` picks the rows `eventdesk query` returns (the workbench always reads events). `text` is
    an FTS5 query (operators allowed, a syntax error fails the query); `words` are plain words,
    all required, quoted so that no input is a syntax error. `limit` None means every row.
    """

    kind: Kind = "events"
    event_type: str | None = None
    country: str | None = None
    actor: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    words: str | None = None
    review: str | None = None
    limit: int | None = 100
    offset: int = 0

    def __post_init__(self) -> None:
        # Refused here, so that no reader holds filters it cannot apply.
        self.day_range()
        if self.review and self.review not in REVIEW_STATES:
            raise FilterError("review", f"must be one of {', '.join(REVIEW_STATES)}")

    def day_range(self) -> tuple[str | None, str | None]:
        """The first and last day selected (YYYY-MM-DD), None where open."""
        since = self.since.strip() if self.since else None
        until = self.until.strip() if self.until else None
        return (
            day_bound(since, field="since") if since else None,
            day_bound(until, last=True, field="until") if until else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where the filters find their columns in one kind of row (fixed SQL text, never a value).

    `first_day`/`last_day` are the first and last day a row covers (a row is kept when they
    overlap the filters' range); `search_scope` keeps the rows of the documents that
    `{documents}` (a subquery of document ids) selects. Rows without event columns of their own
    (`event_columns` False) are kept when an event of their document `document_id` matches.
    """

    first_day: str
    last_day: str
    search_scope: str
    event_columns: bool = True
    document_id: str = "document_id"
    actors: str = "coalesce(actor1, '') || '|' || coalesce(actor2, '')"  # searched by `actor`
    modality: bool = True
    review: bool = False


# An event or cluster covers date_start..date_end; a missing bound takes the other's value.
_FIRST_DAY = "substr(coalesce(date_start, date_end), 1, 10)"
_LAST_DAY = "substr(coalesce(date_end, date_start), 1, 10)"
# Quotes and figures: records of one document, filtered by that document's day and text.
_DOCUMENT_RECORD = Source(
    first_day="substr(d.published, 1, 10)",
    last_day="substr(d.published, 1, 10)",
    search_scope="x.document_id IN ({documents})",
    event_columns=False,
    document_id="x.document_id",
)

SOURCES: dict[str, Source] = {
    "events": Source(
        first_day=_FIRST_DAY, last_day=_LAST_DAY, search_scope="document_id IN ({documents})"
    ),
    "clusters": Source(
        first_day=_FIRST_DAY,
        last_day=_LAST_DAY,
        search_scope="id IN (SELECT cluster_id FROM cluster_sources WHERE document_id IN "
        "({documents}))",
        actors="actors",
        modality=False,
    ),
    "documents": Source(
        first_day="substr(published, 1, 10)",
        last_day="substr(published, 1, 10)",
        search_scope="id IN ({documents})",
        event_columns=False,
        document_id="documents.id",
    ),
    "quotes": _DOCUMENT_RECORD,
    "figures": _DOCUMENT_RECORD,
    # The workbench's event view: `day` is the (corrected) first day, else the report's day, so
    # that the timeline's bars and a filter on their day select the same events.
    "event_view": Source(
        first_day="day",
        last_day="day",
        search_scope="document_number IN ({fts_rows})",
        review=True,
    ),
}

_EVENT_ACTORS = "coalesce({prefix}actor1, '') || '|' || coalesce({prefix}actor2, '')"
_FTS_ROWS = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :{param}"
_DOCUMENTS = "SELECT id FROM documents WHERE number IN ({fts_rows})"


def _event_clauses(filters: Filters, source: Source, prefix: str) -> list[str]:
    """Conditions on event columns (`prefix` names the events table, or is empty)."""
    clauses = []
    if filters.event_type:
        clauses.append(f"{prefix}event_type = :event_type COLLATE NOCASE")
    if filters.country:
        clauses.append(f"{prefix}country COLLATE NOCASE IN (:country, :country_code)")
    if filters.modality:
        if not source.modality:
            raise FilterError("modality", "clusters have no modality to filter on")
        clauses.append(f"{prefix}modality = :modality COLLATE NOCASE")
    if filters.actor:
        actors = _EVENT_ACTORS.format(prefix=prefix) if prefix else source.actors
        clauses.append(f"instr(lower({actors}), lower(:actor)) > 0")
    return clauses


def _search_clause(source: Source, param: str) -> str:
    fts_rows = _FTS_ROWS.format(param=param)
    return source.search_scope.format(
        documents=_DOCUMENTS.format(fts_rows=fts_rows), fts_rows=fts_rows
    )


def where(filters: Filters, source: Source) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (" WHERE ...", or "" when nothing is filtered) and its named parameters
    (all of them, used or not: sqlite3 reads only the names the SQL holds)."""
    clauses: list[str] = []
    since, until = filters.day_range()
    if since:
        clauses.append(f"{source.last_day} >= :since")
    if until:
        clauses.append(f"{source.first_day} <= :until")
    if source.event_columns:
        clauses += _event_clauses(filters, source, "")
    else:
        matching = _event_clauses(filters, source, "e.")
        if matching:
            # Documents, quotes and figures: those of documents with a matching event.
            clauses.append(
                f"EXISTS (SELECT 1 FROM events e WHERE e.document_id = {source.document_id} "  # noqa: S608
                f"AND {' AND '.join(matching)})"
            )
    if filters.review:
        if not source.review:
            raise FilterError("review", "only the workbench's event view has review decisions")
        clauses.append("review IS NULL" if filters.review == "unreviewed" else "review = :review")
    if filters.text:
        clauses.append(_search_clause(source, "text"))
    words = fts_words(filters.words) if filters.words else None
    if filters.words and words is None:
        clauses.append("0")  # a search of punctuation alone matches nothing
    elif words:
        clauses.append(_search_clause(source, "words"))
    params = {
        "event_type": filters.event_type,
        "country": filters.country,
        "country_code": country_code(filters.country) if filters.country else None,
        "modality": filters.modality,
        "actor": filters.actor,
        "since": since,
        "until": until,
        "review": filters.review,
        "text": filters.text,
        "words": words,
    }
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params
