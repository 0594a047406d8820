"""`eventdesk reextract` keeps analyst decisions: they follow their record to its re-derived copy."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import store_reports as reports

from eventdesk.model import Document, Extraction, ReadError
from eventdesk.settings import Settings
from eventdesk.store import Store
from eventdesk.store.decisions import record_decision
from eventdesk.store.derive import rebuild_derived

# The module, not the `ingest` function that eventdesk.store re-exports under the same name.
store_ingest = importlib.import_module("eventdesk.store.ingest")


def test_store_reextract_moves_decisions_to_the_new_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    protest = reports.protest()
    with Store(tmp_path / "s.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch([protest], run_id=run, extractor_version="t")
        rebuild_derived(store.conn)
        store.finish_run(run, added=1, known=0, errors=0)
        (old_id,) = [r[0] for r in store.conn.execute("SELECT id FROM events")]
        record_decision(
            store.conn, kind="event", subject_id=old_id, decision="correct",
            fields={"location": "Port Selwyn harbour"}, analyst="Ines",
        )  # fmt: skip

        # A newer extractor reads the same document into a changed record (so a new record id).
        def newer_extractor(
            items: Iterable[Document | ReadError], **_: Any
        ) -> Iterator[Extraction | ReadError]:
            event = protest.records["events"][0]
            for item in items:
                assert isinstance(item, Document)
                changed = dataclasses.replace(event, actor1="Dockworkers")
                yield Extraction(document=item, records={"events": (changed,)})

        monkeypatch.setattr(store_ingest, "process", newer_extractor)
        store_ingest.reextract(store=store, nlp=None, settings=Settings(), everything=True)  # type: ignore[arg-type]
        (new_id,) = [r[0] for r in store.conn.execute("SELECT id FROM events")]
        assert new_id != old_id
        (subject,) = [r[0] for r in store.conn.execute("SELECT subject_id FROM analyst_decisions")]
    assert subject == new_id
