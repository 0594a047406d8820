"""The workbench end to end in a real headless Chromium: the demo corpus ingested with `eventdesk
ingest`, served by uvicorn, driven by Playwright. Screenshots of the main pages go to
`test-artifacts/` (gitignored) for a person to look at.

Needs Debian's `chromium` (at /usr/bin/chromium, or $EVENTDESK_CHROMIUM) and the `playwright`
Python package; Playwright's own browser download is never used (it cannot run offline).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("EVENTDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "e2e-write-token"

if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"headless Chromium not found at {CHROMIUM} (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
# Chromium present but Playwright missing is a broken install, not a reason to skip: fail loudly.
import playwright.sync_api as playwright_sync  # noqa: E402

pytestmark = pytest.mark.model

# A fictional report whose text and title carry markup and scripts: they must show as text.
HOSTILE_REPORT = {
    "id": "forum-repost-1",
    "url": "https://forum.example/t/1",
    "title": "<script>window.pwned = 'title'</script>Repost: night in Gao",
    "published": "2026-03-04T09:00:00Z",
    "text": (
        "FICTIONAL TEST REPORT. A reader reposted the story about the shelling of Gao and added "
        "this markup to it: <script>window.pwned = 'body'</script> and "
        '<img src="x" onerror="window.pwned = \'img\'"> before the comment thread closed. '
        "Residents said the night had been quiet since the shelling ended on Tuesday, and the "
        "market reopened on Wednesday morning."
    ),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus and the hostile report, ingested with the `eventdesk ingest` command."""
    from eventdesk import extract
    from eventdesk.cli import main

    if "events" not in extract.available():  # until the events extractor is a built-in
        import eventdesk.extract.events  # noqa: F401

    folder = tmp_path_factory.mktemp("workbench")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_REPORT) + "\n", encoding="utf-8")
    empty = folder / "empty.txt"  # an input that gives no document, for the errors page
    empty.write_text("", encoding="utf-8")
    db = folder / "demo.db"
    result = CliRunner().invoke(
        main,
        ["ingest", str(REPO / "demo"), str(hostile), str(empty), "--db", str(db), "--quiet"],
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def server(demo_db: Path) -> Iterator[str]:
    """uvicorn serving the workbench on a free loopback port, in a thread."""
    import uvicorn

    from eventdesk.serve import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(demo_db, write_token=TOKEN), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.set_default_timeout(10_000)
    yield opened
    context.close()
    assert not dialogs, f"a page opened dialogs: {dialogs}"


def _shot(page: Any, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def test_serve_e2e_map_shows_markers(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#map[data-markers]")
    markers = int(page.get_attribute("#map", "data-markers"))
    assert markers > 0
    assert page.locator("path.event-marker").count() == markers
    placed = page.request.get("/api/events.geojson?placed=true").json()["features"]
    assert int(page.get_attribute("#map", "data-events")) == len(placed)
    # Without tiles, country outlines from package data lie under the markers.
    page.wait_for_selector("#map[data-outlines]")
    outlines = int(page.get_attribute("#map", "data-outlines"))
    assert outlines >= 150 and page.locator("path.country-outline").count() >= outlines
    page.locator("path.event-marker").last.click()
    page.wait_for_selector(".leaflet-popup-content .popup-list a")
    page.wait_for_timeout(400)  # the popup fades in
    _shot(page, "map", full_page=False)


def test_serve_e2e_bad_date_shows_a_form_error(page: Any) -> None:
    page.goto("/events?since=2026-13-40&type=Protests")
    error = page.locator("#filter-errors")
    assert error.is_visible() and "since" in error.inner_text()
    assert page.locator("input[name=since][aria-invalid=true]").count() == 1
    assert page.locator("table tbody tr").count() > 0  # the other filters still apply
    _shot(page, "filter-error")


def test_serve_e2e_filter_and_search(page: Any) -> None:
    page.goto("/events")
    everything = int(page.inner_text("#result-count"))
    assert everything > 0
    page.select_option("select[name=type]", "Protests")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*type=Protests*")
    protests = int(page.inner_text("#result-count"))
    assert 0 < protests < everything
    types = page.locator("table.events a.event-link").all_inner_texts()
    assert types and set(types) == {"Protests"}
    page.goto("/events")
    page.fill("input[name=q]", "dockworkers")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/events?*q=dockworkers*")
    found = int(page.inner_text("#result-count"))
    assert 0 < found < everything
    _shot(page, "events")


def test_serve_e2e_event_page_highlights_evidence(page: Any) -> None:
    # An event reported by several sources, found through the API the pages use.
    events = page.request.get("/api/events?limit=500").json()["items"]
    clustered = [e for e in events if e["cluster_id"]]
    assert clustered
    page.goto(f"/events/{clustered[0]['id']}")
    evidence = page.locator("article.source.this .excerpt mark.hl-evidence-this")
    assert evidence.count() > 0
    assert evidence.first.is_visible()
    color = evidence.first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert color not in {"rgba(0, 0, 0, 0)", "transparent"}
    _shot(page, "event")


def test_serve_e2e_correct_a_field_and_reload(page: Any) -> None:
    events = page.request.get("/api/events?type=Battles&limit=1").json()["items"]
    event_id = events[0]["id"]
    page.goto("/login")
    page.fill("input[name=analyst]", "E2E Analyst")
    page.fill("input[name=token]", TOKEN)
    page.click("form.login button[type=submit]")
    page.wait_for_url("**/events")
    page.goto(f"/events/{event_id}")
    page.fill("input[name=field_actor1]", "Harbour Guard (fictional)")
    page.fill("input[name=note]", "named in the second paragraph")
    page.click("button[value=correct]")
    page.wait_for_url(f"**/events/{event_id}")
    page.reload()
    assert page.inner_text("dd[data-field=actor1]") == "Harbour Guard (fictional)"
    assert "corrected by E2E Analyst" in page.inner_text("#review-state")
    _shot(page, "event-corrected")
    page.goto("/events?actor=harbour+guard")
    assert int(page.inner_text("#result-count")) == 1


def test_serve_e2e_script_in_a_report_is_inert(page: Any, demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        (document_id,) = conn.execute(
            "SELECT id FROM documents WHERE text LIKE '%window.pwned%'"
        ).fetchone()
    page.goto(f"/documents/{document_id}")
    text = page.inner_text("#document-text")
    assert "<script>window.pwned = 'body'</script>" in text
    assert "<script>window.pwned = 'title'</script>" in page.inner_text("h1")
    assert page.evaluate("() => window.pwned === undefined")
    assert page.locator("#document-text script, #document-text img").count() == 0
    _shot(page, "document-hostile")


def test_serve_e2e_screenshots_of_the_other_pages(page: Any) -> None:
    page.goto("/timeline")
    assert page.locator("svg#timeline rect.bar").count() > 0
    _shot(page, "timeline")
    documents = page.request.get("/api/events?q=Gao&limit=1").json()["items"]
    page.goto(f"/documents/{documents[0]['document_id']}")
    assert page.locator("#document-text mark.hl-quote").count() > 0
    _shot(page, "document")
    page.goto("/speakers")
    first = page.locator("table a").first
    first.click()
    page.wait_for_url("**/speaker?name=*")
    assert page.locator("blockquote.quote").count() > 0
    _shot(page, "speaker")
    page.goto("/errors")
    assert "empty.txt" in page.inner_text("table")
    _shot(page, "errors")
