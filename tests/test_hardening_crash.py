"""Crash safety: `eventdesk ingest` killed with SIGKILL at random points, resumed each time (issue 9).

`tests/test_store.py::test_store_resume_after_kill` kills one run once, after four documents are
stored. Here the kill lands at random times (model loading, mid-batch, mid-commit, during the
derived-table rebuild), many times over one store: after every kill the file passes
`PRAGMA integrity_check`, no record lacks its document, every stored document has exactly the
records a clean run gives it (no half-written document), nothing stored before is lost; after the
final resumed run the store equals a clean run's, every document present exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import store_reports as reports

from eventdesk.store.derive import DERIVED_TABLES

KILLS = int(os.environ.get("EVENTDESK_CRASH_KILLS", "10"))
DOCUMENTS = 24


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(reports.DATA.glob("*.txt"))
    for n in range(DOCUMENTS):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        (folder / f"report{n:03}.txt").write_text(f"{text}\nBulletin {n}.\n", encoding="utf-8")
    (folder / "broken.bin").write_bytes(bytes(range(256)) * 8)
    return folder


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventdesk", "ingest", str(corpus), "--db", str(db)]
    return subprocess.Popen(
        [*command, "--batch-size", "2", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _record_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables whose rows belong to one document (they have a document_id column), written with it.

    The derived tables (clusters, reconciled figures) are rebuilt at the end of each run, so a
    killed run leaves them as the previous run did; they are compared after the final run.
    """
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return sorted(
        t
        for t in tables
        if not t.startswith("documents_fts")
        and t not in DERIVED_TABLES
        and any(r[1] == "document_id" for r in conn.execute(f"PRAGMA table_info([{t}])"))
    )


def _per_document(db: Path) -> dict[str, Counter[str]]:
    """For each stored document: how many rows of each record table it has."""
    conn = sqlite3.connect(db)
    try:
        found: dict[str, Counter[str]] = {
            r[0]: Counter() for r in conn.execute("SELECT id FROM documents")
        }
        for table in _record_tables(conn):
            for document_id, count in conn.execute(
                f"SELECT document_id, count(*) FROM [{table}] GROUP BY document_id"
            ):
                if document_id in found:
                    found[document_id][table] = count
        return found
    finally:
        conn.close()


def _check_after_kill(db: Path, reference: dict[str, Counter[str]]) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
        assert len(ids) == len(set(ids))
        for table in _record_tables(conn):
            orphans = conn.execute(
                f"SELECT count(*) FROM [{table}] WHERE document_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0, table
    finally:
        conn.close()
    stored = _per_document(db)
    for document_id, counts in stored.items():
        assert counts == reference[document_id], f"half-written document {document_id}"
    return set(stored)


def _content(db: Path) -> dict[str, Any]:
    """Documents and records (run bookkeeping left out), comparable across stores."""
    conn = sqlite3.connect(db)
    try:
        tables = ["documents", "errors", *_record_tables(conn), *DERIVED_TABLES]
        result: dict[str, Any] = {}
        for table in dict.fromkeys(tables):
            columns = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info([{table}])")
                if r[1] not in ("number", "run_id")
            ]
            listed = ", ".join(f"[{c}]" for c in columns)
            rows = conn.execute(f"SELECT {listed} FROM [{table}]").fetchall()
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        conn.close()


@pytest.mark.model
def test_hardening_ingest_survives_random_kills(tmp_path: Path) -> None:
    _survives_kills(tmp_path, KILLS)


@pytest.mark.slow
@pytest.mark.model
def test_hardening_ingest_survives_many_random_kills(tmp_path: Path) -> None:
    _survives_kills(tmp_path, 4 * KILLS)


def _survives_kills(tmp_path: Path, kills_wanted: int) -> None:
    corpus = _corpus(tmp_path / "in")
    clean = tmp_path / "clean.db"
    started = time.monotonic()
    process = _ingest(corpus, clean)
    assert process.wait(timeout=300) == 0, process.stderr.read() if process.stderr else ""
    clean_seconds = time.monotonic() - started
    reference = _per_document(clean)
    assert len(reference) == DOCUMENTS

    db = tmp_path / "killed.db"
    rng = random.Random(20260509)
    kept: set[str] = set()
    kills = finished = 0
    attempts = 0
    while kills < kills_wanted and attempts < 3 * kills_wanted:
        attempts += 1
        process = _ingest(corpus, db)
        # Anywhere from start-up to the end of a whole clean run.
        try:
            process.wait(timeout=rng.uniform(0.2, clean_seconds))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            kills += 1
        else:
            assert process.returncode == 0
            finished += 1
            db.unlink()  # a finished run: start again, so every kill lands on a run with work left
            for suffix in ("-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            kept = set()
            continue
        if db.exists():
            now = _check_after_kill(db, reference)
            assert kept <= now, "a kill lost documents stored before it"
            kept = now
    process = _ingest(corpus, db)
    assert process.wait(timeout=300) == 0
    assert _check_after_kill(db, reference) == set(reference)
    assert _content(db) == _content(clean)
    print(
        f"{kills} kills, {finished} runs finished before their kill; clean run {clean_seconds:.1f} s"
    )
