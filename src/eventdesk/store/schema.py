"""The corpus store's SQLite schema: versioned DDL, applied in order by `migrate`.

The schema version is SQLite's `PRAGMA user_version`; `MIGRATIONS[n]` takes a database from version
`n` to `n + 1`, so a file written by an older eventdesk is upgraded in place when it is opened, and a
file from a newer eventdesk is refused rather than misread. Never edit a released migration: append one.

Record tables keep a few key columns (for filters, joins and Datasette facets) plus `record`, the
full record as JSON, so fields the extractors add later are stored without a schema change.
The full-text index over documents is built exactly as sqlite-utils' `enable_fts(...,
create_triggers=True)` builds it (`documents_fts`, external content, triggers `documents_ai/ad/au`),
so `datasette eventdesk.db` offers search on the documents table unchanged. DOCS: docs/store.md
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventdesk.errors import EventdeskError


class StoreVersionError(EventdeskError):
    """The database was written by a newer eventdesk than this one."""


# Columns of the documents table indexed for full-text search, in FTS column order.
FTS_COLUMNS = ("title", "text")

_V1_TABLES = """
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                -- ingest | reextract
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,              -- running | complete (a killed run stays 'running')
    eventdesk_version TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    settings TEXT NOT NULL,            -- JSON
    inputs TEXT NOT NULL,              -- JSON list of paths
    documents_added INTEGER NOT NULL DEFAULT 0,
    documents_known INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);

-- `number` is an explicit rowid alias so that the FTS index, keyed by rowid, survives VACUUM.
CREATE TABLE documents (
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,           -- content hash of text
    source TEXT NOT NULL,
    source_id TEXT,
    format TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    published_precision TEXT,
    site TEXT,
    author TEXT,
    language TEXT,
    text TEXT NOT NULL,
    metadata TEXT NOT NULL,            -- JSON: the Document without its text (spans included)
    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
    extractor_version TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);

-- Every place a document was read from: the same text read from two files is one document.
CREATE TABLE document_sources (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (document_id, source)
) WITHOUT ROWID;

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    country TEXT,
    latitude REAL,
    longitude REAL,
    record TEXT NOT NULL
);
CREATE INDEX entities_document ON entities(document_id);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    kind TEXT,
    speaker TEXT,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    record TEXT NOT NULL
);
CREATE INDEX quotes_document ON quotes(document_id);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    unit TEXT,
    counted TEXT,
    asserted_by TEXT,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    record TEXT NOT NULL
);
CREATE INDEX figures_document ON figures(document_id);

CREATE TABLE date_mentions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    start_time TEXT,
    end_time TEXT,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    record TEXT NOT NULL
);
CREATE INDEX date_mentions_document ON date_mentions(document_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    actor2 TEXT,
    modality TEXT,
    country TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    date_start TEXT,
    date_end TEXT,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    start INTEGER,                     -- first evidence span
    "end" INTEGER,
    record TEXT NOT NULL
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_type_country ON events(event_type, country);

-- Records of extractors the store has no table for (plugins), kept whole.
CREATE TABLE other_records (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    extractor TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX other_records_document ON other_records(document_id);

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
    UNIQUE (source, code, reason)
);

-- Near-duplicates: MinHash signatures, LSH band buckets, and the link to the first-stored copy.
CREATE TABLE document_minhash (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE lsh_buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, document_id)
) WITHOUT ROWID;
CREATE TABLE near_duplicates (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    duplicate_of TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX near_duplicates_of ON near_duplicates(duplicate_of);

-- One real-world event reported by one or more documents (rebuilt after every run).
CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    sub_event_type TEXT,
    country TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    date_start TEXT,
    date_end TEXT,
    actors TEXT NOT NULL,              -- JSON list
    sources INTEGER NOT NULL,          -- independent documents (near-duplicates count once)
    fatalities_low REAL,
    fatalities_best REAL,
    fatalities_high REAL,
    fatalities_disagree INTEGER NOT NULL DEFAULT 0,
    plover TEXT
);
CREATE TABLE cluster_sources (
    cluster_id TEXT NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    independent INTEGER NOT NULL,      -- 0 when a near-duplicate of another source in the cluster
    PRIMARY KEY (cluster_id, event_id)
) WITHOUT ROWID;
CREATE INDEX cluster_sources_event ON cluster_sources(event_id);

-- Reconciled figures per cluster and what they were reconciled from (UCDP GED's low/best/high).
CREATE TABLE reconciled_figures (
    cluster_id TEXT NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    category TEXT NOT NULL,            -- what is counted, e.g. 'fatalities', 'civilian'
    low REAL,
    best REAL,
    high REAL,
    claims INTEGER NOT NULL,
    disagree INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, category)
) WITHOUT ROWID;
CREATE TABLE figure_claims (
    cluster_id TEXT NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    record_id TEXT NOT NULL,           -- figures.id or events.id it came from
    asserted_by TEXT,
    value REAL,
    low REAL,
    high REAL,
    text TEXT,
    counted INTEGER NOT NULL,          -- 0: a near-duplicate copy's claim, kept but not counted
    PRIMARY KEY (cluster_id, category, record_id)
) WITHOUT ROWID;

-- Analyst decisions (workbench issue) about records, keyed by their stable ids; never rebuilt.
CREATE TABLE analyst_decisions (
    id INTEGER PRIMARY KEY,
    subject_kind TEXT NOT NULL,        -- document | entity | quote | figure | event | cluster
    subject_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    value TEXT,                        -- JSON
    analyst TEXT,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX analyst_decisions_subject ON analyst_decisions(subject_kind, subject_id);
"""


def _fts_sql(table: str, columns: tuple[str, ...]) -> str:
    """The FTS5 table and triggers sqlite-utils' `enable_fts(create_triggers=True)` creates."""
    listed = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    fts = f"[{table}_fts]"
    return f"""
CREATE VIRTUAL TABLE {fts} USING FTS5 (
    {listed},
    content=[{table}]
);
CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN
  INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new});
END;
CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN
  INSERT INTO {fts} ({fts}, rowid, {listed}) VALUES('delete', old.rowid, {old});
END;
CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN
  INSERT INTO {fts} ({fts}, rowid, {listed}) VALUES('delete', old.rowid, {old});
  INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new});
END;
"""  # noqa: S608 (table and column names are this module's constants)


# MIGRATIONS[n] upgrades a database at user_version n to n + 1.
MIGRATIONS: tuple[str, ...] = (_V1_TABLES + _fts_sql("documents", FTS_COLUMNS),)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's schema version (0 for a new, empty file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration the database lacks, each in its own transaction; returns the version."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"database schema version {version} is newer than this eventdesk's ({SCHEMA_VERSION})"
        )
    for target, script in enumerate(MIGRATIONS[version:], start=version + 1):
        # executescript commits first; BEGIN ... COMMIT makes the DDL and the version bump atomic.
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {target};\nCOMMIT;")
    return SCHEMA_VERSION


def connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """Open (and create or upgrade) a store: WAL journal, foreign keys on, NORMAL sync."""
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a committed batch survives a process kill (not a power cut).
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    elif schema_version(conn) != SCHEMA_VERSION:
        raise StoreVersionError(
            f"database schema version {schema_version(conn)} is not {SCHEMA_VERSION}; "
            "open it once for writing to upgrade it"
        )
    return conn
