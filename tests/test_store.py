"""The corpus store: schema and migrations, idempotent and resumable ingest, re-extraction."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import spacy
import store_reports as reports
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventdesk.model import Document, Entity, Extraction, ReadError, Span
from eventdesk.settings import Settings
from eventdesk.store import Store, ingest, reextract
from eventdesk.store.ingest import RunProgress
from eventdesk.store.schema import SCHEMA_VERSION, StoreVersionError, connect, schema_version

# Entities only, on a blank pipeline: the store's behaviour, without the cost of the model.
FAST = Settings(extractors=("entities",))


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def _corpus(folder: Path, count: int) -> Path:
    """`count` distinct fictional reports (the store fixtures, numbered) plus one bad input."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(reports.DATA.glob("*.txt"))
    for n in range(count):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        (folder / f"report{n:03}.txt").write_text(f"{text}\nBulletin {n}.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not a report \xff\xfe")
    return folder


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every content table's rows, sorted; run bookkeeping (ingest_runs, run_id) left out."""
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if r[0] != "ingest_runs" and not r[0].startswith("documents_fts")
    ]
    result = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[1] != "run_id"]
        listed = ", ".join(f"[{c}]" for c in columns)
        result[table] = sorted(conn.execute(f"SELECT {listed} FROM [{table}]").fetchall(), key=repr)
    result["fts"] = sorted(conn.execute("SELECT rowid, title FROM documents_fts").fetchall())
    conn.close()
    return result


def test_store_schema_created_and_reopened(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    expected = "documents entities quotes figures events event_clusters cluster_sources "
    expected += "ingest_runs errors analyst_decisions reconciled_figures figure_claims"
    assert set(expected.split()) <= names
    assert {"documents_fts", "documents_ai", "documents_ad", "documents_au"} <= names
    conn.close()
    assert schema_version(connect(path)) == SCHEMA_VERSION  # reopening migrates nothing


def test_store_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreVersionError):
        connect(path)


def test_store_fts_follows_documents(tmp_path: Path) -> None:
    with Store(tmp_path / "f.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        store.write_batch([reports.wire(), reports.protest()], run_id=run, extractor_version="t")
        match = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
        assert store.conn.execute(match, ("Tovalen",)).fetchone()[0] == 1
        assert store.conn.execute(match, ("harbour",)).fetchone()[0] == 1
        store.conn.execute("DELETE FROM documents WHERE source LIKE '%harbour%'")
        assert store.conn.execute(match, ("harbour",)).fetchone()[0] == 0


def test_store_records_keep_spans(tmp_path: Path) -> None:
    with Store(tmp_path / "spans.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        store.write_batch(reports.all_reports(), run_id=run, extractor_version="t")
        rows = store.conn.execute(
            'SELECT d.text, f.start, f."end", f.text FROM figures f '
            "JOIN documents d ON d.id = f.document_id"
        ).fetchall()
        assert len(rows) == 4
        for text, start, end, covered in rows:
            assert text[start:end] == covered
        (document,) = store.documents(store.document_ids()[:1])
        assert document == reports.wire().document  # the Document round-trips whole


def test_store_ingest_twice_is_identical(tmp_path: Path, blank: Language) -> None:
    corpus = _corpus(tmp_path / "in", 8)
    path = tmp_path / "twice.db"
    with Store(path) as store:
        first = ingest([corpus], store=store, nlp=blank, settings=FAST, batch_size=3)
    before = dump(path)
    with Store(path) as store:
        second = ingest([corpus], store=store, nlp=blank, settings=FAST, batch_size=3)
    assert (first.added, first.known, first.errors) == (8, 0, 1)
    assert (second.added, second.known) == (0, 8)
    assert dump(path) == before
    assert before["errors"] and "broken.txt" in before["errors"][0][1]


def test_store_resume_after_interruption(tmp_path: Path, blank: Language) -> None:
    corpus = _corpus(tmp_path / "in", 10)
    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        ingest([corpus], store=store, nlp=blank, settings=FAST, batch_size=3)

    def stop_after_two_batches(progress: RunProgress) -> None:
        if progress.added >= 6:
            raise KeyboardInterrupt

    resumed = tmp_path / "resumed.db"
    with Store(resumed) as store, pytest.raises(KeyboardInterrupt):
        ingest(
            [corpus],
            store=store,
            nlp=blank,
            settings=FAST,
            batch_size=3,
            on_progress=stop_after_two_batches,
        )
    with Store(resumed) as store:
        assert store.count("documents") == 6
        summary = ingest([corpus], store=store, nlp=blank, settings=FAST, batch_size=3)
        assert (summary.added, summary.known) == (4, 6)
        statuses = [r[0] for r in store.conn.execute("SELECT status FROM ingest_runs")]
        assert statuses == ["interrupted", "complete"]
    assert dump(resumed) == dump(clean)


@pytest.mark.model
def test_store_resume_after_kill(tmp_path: Path) -> None:
    """A SIGKILL mid-run loses no stored document and duplicates none."""
    corpus = _corpus(tmp_path / "in", 24)
    path = tmp_path / "killed.db"
    command = [sys.executable, "-m", "eventdesk", "ingest", str(corpus), "--db", str(path)]
    process = subprocess.Popen(
        [*command, "--batch-size", "2", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if path.exists():
            try:
                with sqlite3.connect(path, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 4:
                break
    if process.poll() is not None:
        pytest.fail("the ingest finished before it could be killed")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(path) as conn:
        kept = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM entities WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
    assert 4 <= kept < 24 and orphans == 0
    result = subprocess.run([*command, "--quiet"], check=True, capture_output=True)
    assert result.returncode == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 24
        assert conn.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0] == 24


def _decide(store: Store, subject_id: str) -> None:
    store.conn.execute(
        "INSERT INTO analyst_decisions (subject_kind, subject_id, decision, created_at) "
        "VALUES ('figure', ?, 'confirmed', '2031-05-08T10:00:00+00:00')",
        (subject_id,),
    )


def test_store_reextract_keeps_documents_and_decisions(tmp_path: Path, blank: Language) -> None:
    corpus = _corpus(tmp_path / "in", 4)
    path = tmp_path / "re.db"
    with Store(path) as store:
        ingest([corpus], store=store, nlp=blank, settings=FAST)
        store.conn.execute("UPDATE documents SET extractor_version = 'old'")
        _decide(store, "some-figure-id")
        documents = store.conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
        summary = reextract(store=store, nlp=blank, settings=FAST)
        assert summary.added == 4
        assert store.conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall() == (
            documents
        )
        versions = {r[0] for r in store.conn.execute("SELECT extractor_version FROM documents")}
        assert "old" not in versions and len(versions) == 1
        assert store.count("analyst_decisions") == 1
        # Nothing is stale any more: a second re-extraction has nothing to do.
        assert reextract(store=store, nlp=blank, settings=FAST).added == 0


def test_store_reextract_replaces_records(tmp_path: Path) -> None:
    """Re-extraction swaps a document's records; an unchanged record keeps its id."""
    with Store(tmp_path / "swap.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        first = reports.ministry()
        store.write_batch([first], run_id=run, extractor_version="t")
        before = {r[0] for r in store.conn.execute("SELECT id FROM events")}
        one_event = dataclasses.replace(
            first, records={**first.records, "events": first.records["events"][:1]}
        )
        store.replace_records([one_event], extractor_version="t2")
        after = {r[0] for r in store.conn.execute("SELECT id FROM events")}
        assert len(before) == 2 and len(after) == 1 and after <= before


def test_store_same_text_from_two_sources_is_one_document(tmp_path: Path) -> None:
    with Store(tmp_path / "two.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        original = reports.protest()
        copy = Extraction(
            document=dataclasses.replace(original.document, source="elsewhere/copy.txt"),
            records=original.records,
        )
        result = store.write_batch([original, copy], run_id=run, extractor_version="t")
        assert result.documents_added == 1
        assert store.count("events") == 1


def test_store_errors_stored_once(tmp_path: Path) -> None:
    error = ReadError(source="feeds/bad.xml", reason="truncated feed", code="truncated")
    with Store(tmp_path / "e.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        store.write_batch([error], run_id=run, extractor_version="t")
        store.write_batch([error], run_id=run, extractor_version="t")
        rows = store.conn.execute("SELECT source, code, reason FROM errors").fetchall()
        assert [tuple(r) for r in rows] == [("feeds/bad.xml", "truncated", "truncated feed")]


def test_store_document_roundtrip_keeps_unknown_metadata_out(tmp_path: Path) -> None:
    document = Document(source="x", format="text", text="A fictional line of report text here.")
    with Store(tmp_path / "r.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        store.write_batch([Extraction(document=document)], run_id=run, extractor_version="t")
        assert list(store.documents([document.id])) == [document]


@settings(max_examples=30, deadline=None)
@given(text=st.text(min_size=1, max_size=300), title=st.none() | st.text(max_size=40))
def test_store_document_roundtrip_property(text: str, title: str | None) -> None:
    """Whatever the text, a stored document reads back equal, and its entity spans still hold."""
    document = Document(source="p", format="text", text=text, title=title)
    entity = Entity(name="x", label="ORG", mentions=(Span.within(text, 0, len(text)),))
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "p.db") as store:
        run = store.begin_run(kind="ingest", settings=FAST, extractor_version="t", inputs=[])
        store.write_batch(
            [Extraction(document=document, records={"entities": (entity,)})],
            run_id=run,
            extractor_version="t",
        )
        assert list(store.documents([document.id])) == [document]
        (stored,) = store.conn.execute('SELECT start, "end", record FROM entities').fetchall()
        mention = json.loads(stored["record"])["mentions"][0]
        assert text[stored["start"] : stored["end"]] == mention["text"] == text


def test_store_plain_matches_to_json() -> None:
    from eventdesk.model import to_json
    from eventdesk.store.rows import plain

    for extraction in reports.all_reports():
        assert plain(extraction.document) == to_json(extraction.document)
        for records in extraction.records.values():
            assert [plain(r) for r in records] == [to_json(r) for r in records]
