"""The workbench's JSON API and pages, in process (no browser): filters, paging, downloads, events
with sources and reconciled figures, review with token, session and CSRF, and escaping.

The store is filled with the corpus-store tests' fictional Varnok reports (records built by hand,
no model), plus one fictional report whose text carries markup and a script.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import store_reports as reports
from fastapi.testclient import TestClient

from eventdesk.model import Document, Extraction
from eventdesk.serve import create_app
from eventdesk.serve.highlight import Highlight, highlight
from eventdesk.settings import Settings
from eventdesk.store import Store, export
from eventdesk.store.decisions import reattach, record_decision
from eventdesk.store.derive import rebuild_derived
from eventdesk.store.filters import fts_words as fts_query

TOKEN = "correct horse battery staple"
HOSTILE_TEXT = (
    "FICTIONAL. Residents of Port Selwyn pasted this into a forum: "
    '<script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> '
    "before the march on 2031-05-03."
)


def _hostile() -> Extraction:
    return Extraction(
        document=Document(
            source="hostile.jsonl",
            format="jsonl",
            title="<b>Forum</b> post",
            published="2031-05-04",
            text=HOSTILE_TEXT,
        )
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "varnok.db"
    with Store(path) as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch([*reports.all_reports(), _hostile()], run_id=run, extractor_version="t")
        rebuild_derived(store.conn)
        store.finish_run(run, added=6, known=0, errors=0)
    return path


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, write_token=TOKEN))


def _event_id(client: TestClient, **params: str) -> str:
    items = client.get("/api/events", params=params).json()["items"]
    return str(items[0]["id"])


def test_serve_api_lists_events_with_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == 6  # 5 events in the Varnok reports' documents + 1 protest
    assert client.get("/api/events", params={"type": "Protests"}).json()["total"] == 1
    assert client.get("/api/events", params={"country": "freedonia"}).json()["total"] == 6
    assert client.get("/api/events", params={"actor": "lantern"}).json()["total"] == 4
    assert client.get("/api/events", params={"modality": "threatened"}).json()["total"] == 1
    assert client.get("/api/events", params={"since": "2031-05-04"}).json()["total"] == 5
    assert client.get("/api/events", params={"until": "2031-05-03"}).json()["total"] == 1
    searched = client.get("/api/events", params={"q": "observatory"}).json()
    assert searched["total"] == 1
    page = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (6, 2, 4, 2)
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("words", ['"unbalanced', "AND OR NOT", "*", "near(", "'"])
def test_serve_api_search_never_fails_on_fts_syntax(client: TestClient, words: str) -> None:
    response = client.get("/api/events", params={"q": words})
    assert response.status_code == 200


def test_serve_fts_query_quotes_every_word() -> None:
    assert fts_query('shelling "Varnok') == '"shelling" "Varnok"'
    assert fts_query("!!!") is None


def test_serve_api_csv_and_geojson_follow_the_filters(client: TestClient) -> None:
    text = client.get("/api/events.csv", params={"type": "Protests"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["location"] for r in rows] == ["Port Selwyn"]
    collection = client.get("/api/events.geojson", params={"actor": "lantern"}).json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 4
    point = collection["features"][0]["geometry"]
    assert point == {"type": "Point", "coordinates": [29.871, 46.512]}
    capped = client.get("/api/events.geojson", params={"cap": 2, "placed": "true"})
    assert len(capped.json()["features"]) == 2 and capped.headers["X-Total-Count"] == "6"


def test_serve_api_event_has_sources_and_reconciled_figures(client: TestClient) -> None:
    body = client.get(f"/api/events/{_event_id(client, q='medics')}").json()
    cluster = body["cluster"]
    assert cluster is not None and cluster["sources"] == 3  # the syndicated copy counts once
    fatalities = next(f for f in cluster["figures"] if f["category"] == "fatalities")
    assert (fatalities["low"], fatalities["best"], fatalities["high"]) == (25, 40, 60)
    asserters = {c["asserted_by"] for c in cluster["claims"] if c["category"] == "civilian"}
    assert {"Mira Tovalen", "Aris Bellek"} <= asserters
    assert client.get("/api/events/no-such-id").status_code == 404


def test_serve_event_page_highlights_evidence_in_every_source(client: TestClient) -> None:
    html = client.get(f"/events/{_event_id(client, q='medics')}").text
    marks = re.findall(r'<mark class="hl hl-evidence[-a-z]*"[^>]*>([^<]*)</mark>', html)
    assert "Artillery fire struck" in marks and "heavy shelling" in marks
    assert "Mira Tovalen" in html and "sources disagree" in html


def test_serve_pages_render(client: TestClient, db: Path) -> None:
    for url in ("/", "/timeline", "/events", "/speakers", "/errors", "/login", "/api/docs"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response.headers
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events.csv", "/api/events.geojson", "/api/decisions"} <= set(
        spec["paths"]
    )
    assert client.get("/static/leaflet/leaflet.js").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/app.css/../x"],
)
def test_serve_static_never_reads_a_request_path(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_serve_document_text_is_escaped(client: TestClient) -> None:
    page = client.get("/api/events").json()  # the hostile report has no events: find it by search
    assert page["total"] == 6
    with Store(client.app.state.config.db_path, read_only=True) as store:  # type: ignore[attr-defined]
        (document_id,) = [
            row[0] for row in store.conn.execute("SELECT id FROM documents WHERE format = 'jsonl'")
        ]
    html = client.get(f"/documents/{document_id}").text
    assert "<script>window.pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "&lt;b&gt;Forum&lt;/b&gt; post" in html


def test_serve_highlight_overlapping_spans_and_escaping() -> None:
    text = "a <b> c"
    html = highlight(text, [Highlight(0, 5, "quote"), Highlight(2, 7, "figure", 'x"y')])
    assert str(html) == (
        '<mark class="hl hl-quote">a </mark>'
        '<mark class="hl hl-figure hl-quote" title="x&#34;y">&lt;b&gt;</mark>'
        '<mark class="hl hl-figure" title="x&#34;y"> c</mark>'
    )


def test_serve_api_writes_need_the_token(client: TestClient, db: Path) -> None:
    event_id = _event_id(client, type="Protests")
    body = {"id": event_id, "decision": "correct", "fields": {"actor1": "Dockworkers"}}
    assert client.post("/api/decisions", json=body).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/decisions", json=body, headers=wrong).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    created = client.post("/api/decisions", json=body | {"analyst": "Ines"}, headers=auth)
    assert created.status_code == 201 and created.json()["analyst"] == "Ines"
    bad = body | {"fields": {"no_such_field": "x"}}
    assert client.post("/api/decisions", json=bad, headers=auth).status_code == 422
    shown = client.get(f"/api/events/{event_id}").json()
    assert shown["event"]["actor1"] == "Dockworkers" and shown["event"]["review"] == "correct"
    # The correction is what the filters see, too.
    assert client.get("/api/events", params={"actor": "dockworkers"}).json()["total"] == 1
    # A read-only server refuses every write.
    read_only = TestClient(create_app(db))
    assert read_only.post("/api/decisions", json=body, headers=auth).status_code == 403


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


def test_serve_review_form_needs_session_and_csrf(client: TestClient) -> None:
    event_id = _event_id(client, type="Protests")
    token = _csrf(client.get("/login").text)
    refused = client.post("/login", data={"token": "guess", "analyst": "Ines", "csrf_token": token})
    assert refused.status_code == 403
    no_csrf = client.post("/login", data={"token": TOKEN, "analyst": "Ines", "csrf_token": "0"})
    assert no_csrf.status_code == 403
    signed_in = client.post(
        "/login",
        data={"token": TOKEN, "analyst": "Ines", "csrf_token": token},
        follow_redirects=False,
    )
    assert signed_in.status_code == 303
    form = {"decision": "correct", "field_fatalities_best": "3", "field_actor1": ""}
    page = client.get(f"/events/{event_id}").text
    assert client.post(f"/review/event/{event_id}", data=form).status_code == 403
    foreign = {"Origin": "http://evil.example"}
    assert (
        client.post(
            f"/review/event/{event_id}", data=form | {"csrf_token": _csrf(page)}, headers=foreign
        ).status_code
        == 403
    )
    done = client.post(
        f"/review/event/{event_id}",
        data=form | {"csrf_token": _csrf(page), "note": "per the organisers"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    decisions = client.get("/api/decisions", params={"kind": "event", "id": event_id}).json()
    assert decisions[-1]["fields"] == {"fatalities_best": 3, "actor1": None}  # emptied: cleared
    assert decisions[-1]["analyst"] == "Ines" and decisions[-1]["note"] == "per the organisers"
    # Confirming afterwards keeps the correction in force.
    confirm = {"decision": "confirm", "csrf_token": _csrf(client.get(f"/events/{event_id}").text)}
    client.post(f"/review/event/{event_id}", data=confirm)
    event = client.get(f"/api/events/{event_id}").json()["event"]
    assert event["review"] == "confirm" and event["fatalities_best"] == 3
    assert event["actor1"] is None


def test_serve_decisions_survive_reextraction_and_show_in_exports(db: Path) -> None:
    with Store(db) as store:
        (event_id,) = [
            r[0] for r in store.conn.execute("SELECT id FROM events WHERE event_type = 'Protests'")
        ]
        record_decision(
            store.conn, kind="event", subject_id=event_id, decision="correct",
            fields={"location": "Port Selwyn harbour"}, analyst="Ines",
        )  # fmt: skip
        # Re-extraction that changes the record gives it a new id; the decision follows its anchor.
        changed = reports.protest()
        event = changed.records["events"][0]
        changed = Extraction(
            document=changed.document,
            records={"events": (type(event)(**{**_fields(event), "actor1": "Dockworkers"}),)},
        )
        store.replace_records([changed], extractor_version="t2")
        rebuild_derived(store.conn)
        assert reattach(store.conn) == 1
        stream = io.StringIO()
        export(store.conn, "jsonl", None, stream)
    clusters = [json.loads(line) for line in stream.getvalue().splitlines()]
    protest = next(c for c in clusters if c["event_type"] == "Protests")
    assert protest["location"] == "Port Selwyn harbour"
    assert protest["review"]["decision"] == "correct" and protest["review"]["analyst"] == "Ines"


def test_serve_rejected_events_leave_the_acled_export(db: Path) -> None:
    with Store(db) as store:
        (event_id,) = [
            r[0] for r in store.conn.execute("SELECT id FROM events WHERE event_type = 'Protests'")
        ]
        record_decision(store.conn, kind="event", subject_id=event_id, decision="reject")
        stream = io.StringIO()
        export(store.conn, "acled-csv", None, stream)
    assert "Port Selwyn" not in stream.getvalue() and "Varnok" in stream.getvalue()


def _fields(record: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]


def test_serve_cli_binds_loopback_and_keeps_the_token_out_of_sight(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from click.testing import CliRunner

    from eventdesk.cli import main

    started: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    result = CliRunner().invoke(
        main, ["serve", "--db", str(db)], env={"EVENTDESK_WRITE_TOKEN": TOKEN}
    )
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1"
    assert TOKEN not in result.output and TOKEN not in repr(started["app"].state.guard)  # type: ignore[attr-defined]
    missing = CliRunner().invoke(main, ["serve", "--db", str(db.with_name("missing.db"))])
    assert missing.exit_code != 0 and "does not exist" in missing.output


def test_serve_document_page_reviews_quotes_and_figures(client: TestClient) -> None:
    token = _csrf(client.get("/login").text)
    client.post("/login", data={"token": TOKEN, "analyst": "Ines", "csrf_token": token})
    document_id = client.get("/api/events", params={"q": "medics"}).json()["items"][0][
        "document_id"
    ]
    figure_id = client.get(f"/api/documents/{document_id}").json()["figures"][0]["id"]
    page = client.get(f"/documents/{document_id}").text
    assert f'action="/review/figure/{figure_id}"' in page
    done = client.post(
        f"/review/figure/{figure_id}",
        data={"decision": "reject", "csrf_token": _csrf(page), "next": f"/documents/{document_id}"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/documents/{document_id}"
    figures = client.get(f"/api/documents/{document_id}").json()["figures"]
    assert figures[0]["review"] == "reject"
    assert "b-reject" in client.get(f"/documents/{document_id}").text


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/"])
def test_serve_review_never_redirects_off_site(client: TestClient, target: str) -> None:
    token = _csrf(client.get("/login").text)
    client.post("/login", data={"token": TOKEN, "analyst": "Ines", "csrf_token": token})
    event_id = _event_id(client, type="Protests")
    page = client.get(f"/events/{event_id}").text
    done = client.post(
        f"/review/event/{event_id}",
        data={"decision": "confirm", "csrf_token": _csrf(page), "next": target},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/"
