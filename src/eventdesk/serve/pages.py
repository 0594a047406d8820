"""The workbench's HTML pages: map, timeline, event table, event, document, speakers, errors,
and the sign-in and review forms. DOCS: docs/workbench.md
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from eventdesk.serve import queries
from eventdesk.serve.app import reader, render, writer
from eventdesk.serve.filter_params import FilterForm, PageFilters, query_parameters
from eventdesk.serve.highlight import Highlight, excerpt, highlight
from eventdesk.serve.security import SESSION_COOKIE, WriteGuard, set_session_cookie
from eventdesk.serve.timeline import timeline_chart
from eventdesk.store.decisions import DecisionError, history, record_decision

router = APIRouter(include_in_schema=False)

# Markers the map draws at most: beyond a few thousand, the GeoJSON (about 0.6 KB an event) and
# Leaflet's SVG layer make the page slow, and an analyst narrows the filters anyway.
MAP_CAP = 5000
# Source documents an event page shows, and quotes a speaker page lists: syndicated stories and
# much-quoted officials run to hundreds, which no one reads on one page (the API has them all).
SOURCES_SHOWN = 25
SPEAKER_QUOTES_SHOWN = 200

Reader = Annotated[sqlite3.Connection, Depends(reader)]

# Event fields the correction form offers, with their labels, in form order.
EVENT_FORM_FIELDS = (
    ("event_type", "Event type"),
    ("sub_event_type", "Sub-event type"),
    ("actor1", "Actor 1"),
    ("actor2", "Actor 2"),
    ("modality", "Modality"),
    ("location", "Location"),
    ("country", "Country"),
    ("latitude", "Latitude"),
    ("longitude", "Longitude"),
    ("date_start", "Date (start)"),
    ("date_end", "Date (end)"),
    ("fatalities_low", "Fatalities low"),
    ("fatalities_best", "Fatalities best"),
    ("fatalities_high", "Fatalities high"),
)


def _common(conn: sqlite3.Connection, form: FilterForm) -> dict[str, Any]:
    return {
        "filters": form.filters,
        "filter_errors": form.errors,
        "facets": queries.facets(conn),
        "query_string": urlencode(query_parameters(form.filters)),
    }


@router.get("/")
def map_page(request: Request, conn: Reader, form: PageFilters) -> Response:
    context = _common(conn, form) | {"page": "map"}
    context["total"] = queries.events(conn, form.filters).total
    context["map_cap"] = MAP_CAP
    return render(request, "map.html", context)


@router.get("/timeline")
def timeline_page(request: Request, conn: Reader, form: PageFilters) -> Response:
    chart = timeline_chart(queries.timeline(conn, form.filters))
    return render(
        request, "timeline.html", _common(conn, form) | {"page": "timeline", "chart": chart}
    )


@router.get("/events")
def events_page(request: Request, conn: Reader, form: PageFilters) -> Response:
    page = queries.events(conn, form.filters)
    context = _common(conn, form) | {"page": "events", "result": page}
    base = query_parameters(form.filters)
    if page.offset > 0:
        context["previous"] = urlencode(base | {"offset": max(0, page.offset - page.limit)})
    if page.offset + page.limit < page.total:
        context["next"] = urlencode(base | {"offset": page.offset + page.limit})
    return render(request, "events.html", context)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str, conn: Reader) -> Response:
    found = queries.event(conn, event_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no such event")
    cluster = queries.cluster(conn, found["cluster_id"]) if found["cluster_id"] else None
    # Every source document of the cluster (or the event's alone), with the evidence of each of
    # its member events marked: the paragraphs holding evidence first, the whole text on request.
    source_ids = [s["event_id"] for s in cluster["source_events"]] if cluster else [event_id]
    # This event's own report first; past SOURCES_SHOWN documents the rest are only counted.
    source_ids = [event_id, *(i for i in source_ids if i != event_id)]
    hidden: set[str] = set()
    by_document: dict[str, dict[str, Any]] = {}
    for source_event_id in source_ids:
        source_event = (
            found if source_event_id == event_id else queries.event(conn, source_event_id)
        )
        if source_event is None:
            continue
        entry = by_document.get(source_event["document_id"])
        if entry is None and len(by_document) >= SOURCES_SHOWN:
            hidden.add(source_event["document_id"])
            continue
        if entry is None:
            document = queries.document(conn, source_event["document_id"])
            if document is None:
                continue
            claims = [
                c for c in (cluster or {}).get("claims", []) if c["document_id"] == document["id"]
            ]
            entry = {"document": document, "events": [], "claims": claims, "spans": []}
            by_document[document["id"]] = entry
        entry["events"].append(source_event)
        kind = "evidence-this" if source_event_id == event_id else "evidence"
        for span in source_event["record"].get("evidence") or []:
            label = f"evidence: {source_event['event_type']} ({source_event['modality']})"
            entry["spans"].append(Highlight(span["start"], span["end"], kind, label))
    sources = []
    for entry in by_document.values():
        text = entry["document"]["text"]
        entry["excerpt"] = excerpt(text, entry["spans"])
        entry["text"] = highlight(text, entry["spans"])
        entry["this"] = any(e["id"] == event_id for e in entry["events"])
        sources.append(entry)
    sources.sort(key=lambda e: not e["this"])
    decisions = history(conn, "event", event_id)
    context = {
        "page": "events",
        "event": found,
        "cluster": cluster,
        "sources": sources,
        "sources_hidden": len(hidden),
        "decisions": decisions,
        "corrected": decisions[-1].fields if decisions else {},
        "form_fields": EVENT_FORM_FIELDS,
        "facets": queries.facets(conn),
    }
    return render(request, "event.html", context)


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str, conn: Reader) -> Response:
    document = queries.document(conn, document_id)
    if document is None:
        raise HTTPException(status_code=404, detail="no such document")
    quotes = queries.records(conn, "quotes", document_id)
    figures = queries.records(conn, "figures", document_id)
    events = queries.records(conn, "events", document_id)
    spans: list[Highlight] = []
    for quote in quotes:
        content = quote["record"]["content"]
        speaker = quote["speaker"] or "unattributed"
        spans.append(
            Highlight(
                content["start"], content["end"], "quote", f"quote: {speaker}", f"q-{quote['id']}"
            )
        )
    for figure in figures:
        label = f"figure: {figure['value']:g} {figure['counted'] or ''} ({figure['asserted_by'] or '?'})"
        spans.append(
            Highlight(figure["start"], figure["end"], "figure", label, f"f-{figure['id']}")
        )
    for event in events:
        for evidence in event["record"].get("evidence") or []:
            label = f"event: {event['event_type']}"
            spans.append(Highlight(evidence["start"], evidence["end"], "evidence", label))
    context = {
        "page": "documents",
        "document": document,
        "text": highlight(document["text"], spans),
        "quotes": quotes,
        "figures": figures,
        "events": events,
    }
    return render(request, "document.html", context)


@router.get("/speakers")
def speakers_page(request: Request, conn: Reader) -> Response:
    return render(
        request, "speakers.html", {"page": "speakers", "speakers": queries.speakers(conn)}
    )


@router.get("/speaker")
def speaker_page(request: Request, conn: Reader, name: str) -> Response:
    quotes = queries.speaker_quotes(conn, name, limit=SPEAKER_QUOTES_SHOWN)
    roles = sorted({r for q in quotes if (r := (q["record"].get("speaker") or {}).get("role"))})
    full = len(quotes) == SPEAKER_QUOTES_SHOWN
    total = queries.speaker_quote_count(conn, name) if full else None
    context = {"page": "speakers", "name": name, "quotes": quotes, "roles": roles, "total": total}
    return render(request, "speaker.html", context)


@router.get("/errors")
def errors_page(request: Request, conn: Reader) -> Response:
    return render(request, "errors.html", {"page": "errors", "errors": queries.errors(conn)})


# -- sign-in and review ----------------------------------------------------------------------


def _require_csrf(request: Request, submitted: str) -> WriteGuard:
    guard: WriteGuard = request.app.state.guard
    if not guard.csrf_valid(request, submitted):
        raise HTTPException(
            status_code=403, detail="the form is stale or was not sent by this site"
        )
    return guard


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html", {"page": "login", "failed": False})


@router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form()],
    analyst: Annotated[str, Form(max_length=100)],
    csrf_token: Annotated[str, Form()],
) -> Response:
    guard = _require_csrf(request, csrf_token)
    if not guard.writes_enabled or not guard.token_matches(token) or not analyst.strip():
        return render(request, "login.html", {"page": "login", "failed": True}, status_code=403)
    response = RedirectResponse("/events", status_code=303)
    set_session_cookie(response, guard.open_session(analyst.strip()))
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()]) -> Response:
    guard = _require_csrf(request, csrf_token)
    guard.close_session(request)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/review/{kind}/{subject_id}")
async def review(request: Request, kind: str, subject_id: str) -> Response:
    """A review form: `decision` (confirm / correct / reject), optional note, corrected fields."""
    form = await request.form()
    guard = _require_csrf(request, str(form.get("csrf_token", "")))
    session = guard.session(request)
    if session is None:
        raise HTTPException(status_code=401, detail="sign in with the write token first")
    submitted = {
        name.removeprefix("field_"): value
        for name, value in form.multi_items()
        if name.startswith("field_") and isinstance(value, str)
    }
    target = str(form.get("next", "")) or (f"/events/{subject_id}" if kind == "event" else "/")
    if not target.startswith("/") or target[1:2] in {"/", "\\"} or "\\" in target:
        target = "/"  # never redirect off this site (browsers read a backslash as a slash)
    # SQLite connections stay on the thread that opened them: store the decision on a worker.
    await run_in_threadpool(
        _store_review,
        request,
        kind=kind,
        subject_id=subject_id,
        decision=str(form.get("decision", "")),
        submitted=submitted,
        analyst=session.analyst,
        note=str(form.get("note", "")).strip() or None,
    )
    return RedirectResponse(target, status_code=303)


def _store_review(
    request: Request,
    *,
    kind: str,
    subject_id: str,
    decision: str,
    submitted: dict[str, str],
    analyst: str,
    note: str | None,
) -> None:
    for conn in writer(request):
        fields: dict[str, Any] = {}
        if decision == "correct":
            original = (queries.event(conn, subject_id) if kind == "event" else None) or {}
            # Only the fields the analyst changed are a correction; the rest stay derived.
            fields = {k: v for k, v in submitted.items() if _changed(original.get(k), v)}
        try:
            record_decision(
                conn,
                kind=kind,
                subject_id=subject_id,
                decision=decision,
                fields=fields,
                analyst=analyst,
                note=note,
            )
        except DecisionError as e:
            raise HTTPException(status_code=422, detail=str(e)) from e


def _changed(original: Any, submitted: str) -> bool:
    if original is None:
        return bool(submitted.strip())
    if isinstance(original, float | int):
        try:
            return float(submitted) != float(original)
        except ValueError:
            return True
    return str(original) != submitted.strip()
