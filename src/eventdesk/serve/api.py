"""The JSON API under `/api`: events with the pages' filters, paging, CSV and GeoJSON downloads,
events' sources and figures, documents with their records, speakers, errors, and decisions.

OpenAPI at `/api/openapi.json`, read as a page at `/api/docs`. DOCS: docs/workbench.md
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from eventdesk.serve import queries
from eventdesk.serve.app import reader, render, writer
from eventdesk.serve.filter_params import ApiFilters
from eventdesk.serve.security import WriteGuard
from eventdesk.store.decisions import SUBJECT_TABLES, DecisionError, history, record_decision

router = APIRouter(tags=["api"])

Reader = Annotated[sqlite3.Connection, Depends(reader)]


class EventPage(BaseModel):
    """One page of events and how many match in all."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class DecisionIn(BaseModel):
    """An analyst's verdict on one record; `fields` holds a correction's new values."""

    kind: Literal["event", "quote", "figure", "entity"] = "event"
    id: str = Field(min_length=1, max_length=100)
    decision: Literal["confirm", "correct", "reject"]
    fields: dict[str, str | float | int | None] = Field(default_factory=dict)
    analyst: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=2000)


@router.get("/events", response_model=EventPage, summary="Events, filtered and paged")
def list_events(conn: Reader, filters: ApiFilters) -> EventPage:
    page = queries.events(conn, filters)
    return EventPage(total=page.total, limit=page.limit, offset=page.offset, items=page.rows)


CSV_COLUMNS = (
    "id day event_type sub_event_type actor1 actor2 modality country location latitude "
    "longitude fatalities_low fatalities_best fatalities_high review reviewed_by cluster_id "
    "document_id title"
).split()


def _csv_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe (OWASP)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


@router.get("/events.csv", summary="Events matching the filters, as CSV (not paged)")
def events_csv(conn: Reader, filters: ApiFilters) -> Response:
    rows = queries.events(conn, filters, paged=False).rows
    stream = io.StringIO()
    writer_ = csv.DictWriter(
        stream, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"
    )
    writer_.writeheader()
    for row in rows:
        writer_.writerow({k: _csv_cell(v) for k, v in row.items()})
    headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
    return Response(stream.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _features(rows: list[dict[str, Any]], *, chunk: int = 1000) -> Iterator[str]:
    """The FeatureCollection in chunks of `chunk` features (each chunk is one thread hop)."""
    yield '{"type":"FeatureCollection","features":['
    for first in range(0, len(rows), chunk):
        features = []
        for row in rows[first : first + chunk]:
            lat, lon = row.get("latitude"), row.get("longitude")
            geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
            properties = {k: v for k, v in row.items() if k not in {"latitude", "longitude"}}
            feature = {"type": "Feature", "id": row["id"], "geometry": geometry}
            feature["properties"] = properties
            features.append(json.dumps(feature, ensure_ascii=False))
        yield ("," if first else "") + ",".join(features)
    yield "]}\n"


@router.get("/events.geojson", summary="Events matching the filters, as GeoJSON (not paged)")
def events_geojson(
    conn: Reader,
    filters: ApiFilters,
    placed: Annotated[bool, Query(description="only events with coordinates")] = False,
    cap: Annotated[int | None, Query(ge=1, description="at most this many, newest first")] = None,
) -> StreamingResponse:
    page = queries.events(conn, filters, paged=False, cap=cap, placed=placed)
    headers = {"X-Total-Count": str(page.total)}
    return StreamingResponse(
        _features(page.rows), media_type="application/geo+json", headers=headers
    )


@router.get("/timeline", summary="Events per day and type")
def timeline(conn: Reader, filters: ApiFilters) -> list[dict[str, Any]]:
    return queries.timeline(conn, filters)


@router.get("/facets", summary="Values the filters offer")
def facets(conn: Reader) -> dict[str, list[str]]:
    return queries.facets(conn)


@router.get("/events/{event_id}", summary="One event: its cluster, sources, figures, decisions")
def get_event(event_id: str, conn: Reader) -> dict[str, Any]:
    found = queries.event(conn, event_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no such event")
    cluster = queries.cluster(conn, found["cluster_id"]) if found["cluster_id"] else None
    decisions = [_decision_json(d) for d in history(conn, "event", event_id)]
    return {"event": found, "cluster": cluster, "decisions": decisions}


@router.get("/documents/{document_id}", summary="One document with its records")
def get_document(document_id: str, conn: Reader) -> dict[str, Any]:
    found = queries.document(conn, document_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no such document")
    for table in ("entities", "quotes", "figures", "events"):
        found[table] = queries.records(conn, table, document_id)
    return found


@router.get("/speakers", summary="Speakers, most quoted first")
def list_speakers(
    conn: Reader, limit: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 200
) -> list[dict[str, Any]]:
    return queries.speakers(conn, limit=limit)


@router.get("/quotes", summary="Every quote of one speaker")
def speaker_quotes(
    conn: Reader,
    speaker: Annotated[str, Query(min_length=1)],
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[Any]:
    return queries.speaker_quotes(conn, speaker, limit=limit)


@router.get("/errors", summary="Inputs that gave no document")
def list_errors(conn: Reader) -> list[dict[str, Any]]:
    return queries.errors(conn)


def _decision_json(decision: Any) -> dict[str, Any]:
    return {
        "id": decision.id,
        "kind": decision.subject_kind,
        "subject_id": decision.subject_id,
        "decision": decision.decision,
        "fields": decision.fields,
        "analyst": decision.analyst,
        "note": decision.note,
        "at": decision.created_at,
    }


@router.get("/decisions", summary="Every decision about one record, oldest first")
def get_decisions(
    conn: Reader,
    kind: Annotated[Literal["event", "quote", "figure", "entity"], Query()],
    id: Annotated[str, Query(min_length=1)],
) -> list[dict[str, Any]]:
    return [_decision_json(d) for d in history(conn, kind, id)]


@router.post(
    "/decisions",
    status_code=201,
    summary="Confirm, correct or reject a record (needs Authorization: Bearer TOKEN)",
)
def post_decision(
    body: DecisionIn,
    request: Request,
    conn: Annotated[sqlite3.Connection, Depends(writer)],
) -> dict[str, Any]:
    guard: WriteGuard = request.app.state.guard
    if not guard.writes_enabled:
        raise HTTPException(status_code=403, detail="this server was started read-only")
    if not guard.bearer_matches(request):
        raise HTTPException(
            status_code=401,
            detail="a write needs Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if body.kind not in SUBJECT_TABLES:
        raise HTTPException(status_code=422, detail="unknown kind")
    try:
        decision = record_decision(
            conn,
            kind=body.kind,
            subject_id=body.id,
            decision=body.decision,
            fields=dict(body.fields),
            analyst=body.analyst,
            note=body.note,
        )
    except DecisionError as e:
        raise HTTPException(status_code=422, detail=str(e)) from e
    return _decision_json(decision)


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The OpenAPI description as a plain page (FastAPI's own page needs a CDN)."""
    spec = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [p["name"] for p in operation.get("parameters", [])],
        }
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    return render(request, "api_docs.html", {"endpoints": endpoints, "spec": spec})
