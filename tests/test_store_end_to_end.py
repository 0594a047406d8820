"""End to end: `eventdesk ingest` with every registered extractor, then query and export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import store_reports as reports
from click.testing import CliRunner
from spacy.language import Language

from eventdesk import extract
from eventdesk.cli import main
from eventdesk.ingest import read_path
from eventdesk.model import Extraction, to_json
from eventdesk.process import process
from eventdesk.settings import Settings
from eventdesk.store.rows import TABLE_OF_KEY, plain


@pytest.mark.model
def test_store_end_to_end_registered_extractors(tmp_path: Path, nlp: Language) -> None:
    db = tmp_path / "e2e.db"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(reports.DATA), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 documents stored" in result.output and "1 near-duplicates" in result.output

    # The store holds exactly what `process` extracts from the same inputs, key by key.
    expected: dict[str, int] = {}
    for item in process(read_path(reports.DATA), nlp=nlp, settings=Settings()):
        assert isinstance(item, Extraction)
        for key, records in item.records.items():
            expected[key] = expected.get(key, 0) + len(records)
            assert [plain(r) for r in records] == [to_json(r) for r in records]
    conn = sqlite3.connect(db)
    for extractor in extract.resolve(None):
        table = TABLE_OF_KEY.get(extractor.name, "other_records")
        where = " WHERE extractor = ?" if table == "other_records" else ""
        params = (extractor.name,) if where else ()
        stored = conn.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()[0]
        assert stored == expected.get(extractor.name, 0), extractor.name
    # Every stored span still points at its text.
    for text, start, end, covered in conn.execute(
        'SELECT d.text, e.start, e."end", e.record FROM entities e '
        "JOIN documents d ON d.id = e.document_id"
    ):
        mention = json.loads(covered)["mentions"][0]
        assert (start, end) == (mention["start"], mention["end"])
        assert text[start:end] == mention["text"]
    conn.close()

    again = runner.invoke(main, ["ingest", str(reports.DATA), "--db", str(db)])
    assert again.exit_code == 0 and "0 documents stored, 5 already stored" in again.output
    found = runner.invoke(
        main, ["query", "--db", str(db), "--what", "documents", "--search", "Varnok"]
    )
    assert found.exit_code == 0 and found.output.count("varnok_") == 4
    for fmt in ("acled-csv", "geojson", "jsonl", "plover"):
        exported = runner.invoke(main, ["export", "--db", str(db), "--format", fmt])
        assert exported.exit_code == 0, exported.output
