"""Hostile content stays inert in a real headless Chromium (issue 9).

`tests/test_serve_e2e.py::test_serve_e2e_script_in_a_report_is_inert` checks a `<script>` in a
report's text and title on its document page. Here the hostile parts are everywhere a report can
put text: `javascript:` URLs as the document's URL and inside its text, event handlers in the
title, site and author, script in a quotation and a speaker's name, an input file whose name is
markup (shown on the errors page). Every page that shows them is opened; none may run a script,
open a dialog or hold a `javascript:` link.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).is_file():
    pytest.skip(f"headless Chromium not found at {CHROMIUM}", allow_module_level=True)

import playwright.sync_api as playwright_sync  # noqa: E402

pytestmark = pytest.mark.model

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PWN = "window.pwned = '{where}'"
HOSTILE = [
    {
        "id": "hostile-1",
        "url": f"javascript:{PWN.format(where='url')}",
        "title": f'<img src=x onerror="{PWN.format(where="title")}">Night raid on Veltava',
        "site": f'<svg onload="{PWN.format(where="site")}"></svg>',
        "author": f'<a href="javascript:{PWN.format(where="author")}">Staff</a>',
        "published": "2031-04-02",
        "text": (
            "FICTIONAL TEST REPORT. Gunmen attacked the market in Veltava on Tuesday night and "
            "killed 4 people, the district governor said. "
            f"“<script>{PWN.format(where='quote')}</script> We ran when the shooting started,” "
            "said Mira Osten, a teacher. Readers were told to see "
            f'<a href="javascript:{PWN.format(where="link")}">the full story</a> and '
            f'<iframe src="javascript:{PWN.format(where="iframe")}"></iframe> for more.'
        ),
    },
    {
        "id": "hostile-2",
        "html": (
            "<html><head><title>Convoy hit near Korrin</title></head><body><article>"
            "<h1>Convoy hit near Korrin</h1><p>FICTIONAL. A roadside bomb struck an aid convoy "
            "near Korrin on Monday, killing two drivers, the relief agency said.</p><p>"
            f'<a href="javascript:{PWN.format(where="html-link")}">Read more</a> '
            f"<script>{PWN.format(where='html-script')}</script></p></article></body></html>"
        ),
        "url": f"javascript:{PWN.format(where='html-url')}",
    },
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from eventdesk.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "reports.jsonl").write_text(
        "\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8"
    )
    (folder / f'<img src=x onerror="{PWN.format(where="file")}">.txt').write_text("")
    db = folder / "hostile.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def base_url(hostile_db: Path) -> Iterator[str]:
    import uvicorn

    from eventdesk.serve import create_app

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(hostile_db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _pages(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        documents = [r[0] for r in conn.execute("SELECT id FROM documents")]
        events = [r[0] for r in conn.execute("SELECT id FROM events")]
        speakers = [r[0] for r in conn.execute("SELECT DISTINCT speaker FROM quotes") if r[0]]
    return [
        "/",
        "/events",
        "/timeline",
        "/speakers",
        "/errors",
        *(f"/documents/{d}" for d in documents),
        *(f"/events/{e}" for e in events),
        *(f"/speaker?name={quote(s)}" for s in speakers),
    ]


def test_hardening_hostile_content_is_inert_in_chromium(hostile_db: Path, base_url: str) -> None:
    pages = _pages(hostile_db)
    assert sum(p.startswith("/documents/") for p in pages) == 2
    assert any(p.startswith("/events/") for p in pages)
    assert any(p.startswith("/speaker?") for p in pages)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(base_url=base_url)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        shown: dict[str, str] = {}
        try:
            for path in pages:
                response = page.goto(path)
                assert response is not None and response.status == 200, path
                assert page.evaluate("() => window.pwned === undefined"), path
                links = page.eval_on_selector_all(
                    "a[href], iframe[src], img[src]",
                    "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))",
                )
                assert not [x for x in links if x.strip().lower().startswith("javascript:")], path
                assert page.locator("main script, main iframe, main svg[onload]").count() == 0
                shown[path] = page.inner_text("body")
            # The hostile text is shown as text, on the pages that show it.
            document_text = " ".join(v for k, v in shown.items() if k.startswith("/documents/"))
            assert "javascript:window.pwned = 'url'" in document_text
            assert "<script>window.pwned = 'quote'</script>" in document_text
            assert "onerror" in shown["/errors"]
        finally:
            context.close()
            browser.close()
    assert dialogs == [] and errors == []
