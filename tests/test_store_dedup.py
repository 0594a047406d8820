"""Near-duplicate documents: syndicated and lightly edited copies of a fictional report are linked."""

from __future__ import annotations

from pathlib import Path

import pytest
import store_reports as reports

from eventdesk.model import Document, Extraction
from eventdesk.settings import Settings
from eventdesk.store import Store
from eventdesk.store.dedup import NEAR_DUPLICATE_JACCARD, shingles, signature, similarity


def _jaccard(left: str, right: str) -> float:
    a, b = shingles(left), shingles(right)
    return len(a & b) / len(a | b)


def _copies(text: str) -> dict[str, str]:
    """Copies an outlet might run: a new dateline, an edited word, a dropped paragraph."""
    paragraphs = text.split("\n\n")
    return {
        "appended": text + "\n\nCopyright Coastline Media. All rights reserved.",
        "edited": text.replace("Tuesday", "Tuesday morning").replace("medics", "doctors"),
        "dropped_paragraph": "\n\n".join(paragraphs[:-1]),
        "new_dateline": text.replace("(Northwind Wire)", "(Coastline Media)"),
    }


def test_store_dedup_signature_estimates_jaccard() -> None:
    wire = reports.document("varnok_wire").text
    for copy in _copies(wire).values():
        estimated = similarity(signature(wire), signature(copy))
        assert abs(estimated - _jaccard(wire, copy)) < 0.2


def test_store_dedup_signatures_are_stable() -> None:
    text = reports.document("harbour_protest").text
    assert signature(text).tobytes() == signature(str(text)).tobytes()
    assert len(set(signature(text).tolist())) > 32  # not a degenerate signature


@pytest.mark.parametrize("kind", ["appended", "edited", "dropped_paragraph", "new_dateline"])
def test_store_dedup_links_copies(tmp_path: Path, kind: str) -> None:
    wire = reports.document("varnok_wire")
    copy = Document(source=f"{kind}.txt", format="text", text=_copies(wire.text)[kind])
    with Store(tmp_path / "d.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        result = store.write_batch(
            [Extraction(document=wire), Extraction(document=copy)],
            run_id=run,
            extractor_version="t",
        )
        assert result.near_duplicates == 1
        (link,) = store.conn.execute("SELECT * FROM near_duplicates").fetchall()
        assert (link["document_id"], link["duplicate_of"]) == (copy.id, wire.id)
        assert link["similarity"] >= NEAR_DUPLICATE_JACCARD


def test_store_dedup_different_reports_on_one_event_are_not_copies(tmp_path: Path) -> None:
    """The four Varnok reports share a topic and names, but they are independent sources."""
    names = ["varnok_wire", "varnok_ministry", "varnok_monitor", "harbour_protest"]
    documents = [reports.document(n) for n in names]
    with Store(tmp_path / "d.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch(
            [Extraction(document=d) for d in documents], run_id=run, extractor_version="t"
        )
        assert store.count("near_duplicates") == 0
    for other in documents[1:]:
        assert _jaccard(documents[0].text, other.text) < 0.2


def test_store_dedup_chain_points_to_first_copy(tmp_path: Path) -> None:
    wire = reports.document("varnok_wire")
    texts = [wire.text + "\n\nEdition 1.", wire.text + "\n\nEdition 1.\n\nEdition 2."]
    copies = [Document(source=f"c{i}", format="text", text=t) for i, t in enumerate(texts)]
    with Store(tmp_path / "d.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch(
            [Extraction(document=d) for d in (wire, *copies)], run_id=run, extractor_version="t"
        )
        roots = {r[0] for r in store.conn.execute("SELECT duplicate_of FROM near_duplicates")}
        assert roots == {wire.id}


def test_store_dedup_demo_corpus_syndicated_copy(tmp_path: Path) -> None:
    """The demo's Harmattan Daily page is the CPS wire story lightly edited: linked, and only it."""
    import spacy

    from eventdesk.store import ingest

    demo = Path(__file__).resolve().parents[1] / "demo"
    if not demo.is_dir():
        pytest.skip("demo corpus absent")
    folders = [demo / name for name in ("html", "text", "jsonl", "warc")]
    with Store(tmp_path / "demo.db") as store:
        summary = ingest(
            folders,
            store=store,
            nlp=spacy.blank("en"),
            settings=Settings(extractors=("entities",)),
        )
        assert summary.added == 12
        links = store.conn.execute(
            "SELECT a.source, b.source FROM near_duplicates n JOIN documents a "
            "ON a.id = n.document_id JOIN documents b ON b.id = n.duplicate_of"
        ).fetchall()
    # html/ is read before jsonl/, so the wire story links to the page stored first.
    assert [(Path(a).name, Path(b).name) for a, b in links] == [
        ("reports.jsonl:1", "gao-wire-harmattan-daily.html")
    ]
