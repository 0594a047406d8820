"""Event clustering and low/best/high reconciliation on fictional disagreeing reports."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import store_reports as reports

from eventdesk.model import Figure
from eventdesk.settings import Settings
from eventdesk.store import Store
from eventdesk.store.cluster import EventPoint, cluster_events, compatible
from eventdesk.store.derive import rebuild_derived
from eventdesk.store.reconcile import Claim, category_of, reconcile, role_of


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store(tmp_path / "varnok.db")
    run = opened.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
    opened.write_batch(reports.all_reports(), run_id=run, extractor_version="t")
    rebuild_derived(opened.conn)
    return opened


def _varnok_cluster(store: Store) -> dict[str, object]:
    (row,) = store.conn.execute("SELECT * FROM event_clusters WHERE location = 'Varnok'").fetchall()
    return dict(row)


def test_store_cluster_one_event_from_many_reports(store: Store) -> None:
    clusters = store.conn.execute("SELECT event_type, location, sources FROM event_clusters")
    assert sorted(tuple(r) for r in clusters) == [
        ("Explosions/Remote violence", "Varnok", 3),
        ("Protests", "Port Selwyn", 1),
    ]
    cluster = _varnok_cluster(store)
    members = store.conn.execute(
        "SELECT d.source, s.independent FROM cluster_sources s JOIN documents d "
        "ON d.id = s.document_id WHERE s.cluster_id = ? ORDER BY d.number",
        (cluster["id"],),
    ).fetchall()
    assert [(Path(src).stem, independent) for src, independent in members] == [
        ("varnok_wire", 1),
        ("varnok_syndicated", 0),
        ("varnok_ministry", 1),
        ("varnok_monitor", 1),
    ]


def test_store_cluster_threatened_event_is_not_clustered(store: Store) -> None:
    threatened = store.conn.execute(
        "SELECT e.id FROM events e WHERE e.modality = 'threatened'"
    ).fetchall()
    assert len(threatened) == 1
    linked = store.conn.execute(
        "SELECT count(*) FROM cluster_sources WHERE event_id = ?", (threatened[0][0],)
    ).fetchone()[0]
    assert linked == 0


def test_store_cluster_civilians_low_best_high(store: Store) -> None:
    cluster = _varnok_cluster(store)
    civilians = store.conn.execute(
        "SELECT low, best, high, claims, disagree FROM reconciled_figures "
        "WHERE cluster_id = ? AND category = 'civilian'",
        (cluster["id"],),
    ).fetchone()
    assert tuple(civilians) == (50_000, 80_000, 100_000, 3, 1)
    claims = store.conn.execute(
        "SELECT asserted_by, value, counted FROM figure_claims "
        "WHERE cluster_id = ? AND category = 'civilian' "
        "ORDER BY value DESC, counted DESC",
        (cluster["id"],),
    ).fetchall()
    # Every source's own figure and asserter is kept; the syndicated copy's is not counted.
    assert [tuple(c) for c in claims] == [
        ("Mira Tovalen", 100_000, 1),
        ("Mira Tovalen", 100_000, 0),
        ("Aris Bellek", 80_000, 1),
        ("Independent Observatory for Freedonia", 50_000, 1),
    ]


def test_store_cluster_fatalities_disagree(store: Store) -> None:
    cluster = _varnok_cluster(store)
    assert (
        cluster["fatalities_low"],
        cluster["fatalities_best"],
        cluster["fatalities_high"],
        cluster["fatalities_disagree"],
    ) == (25, 40, 60, 1)


def test_store_cluster_near_duplicate_does_not_move_best(tmp_path: Path) -> None:
    """Ten syndicated copies of the wire story still count as one source."""
    with Store(tmp_path / "copies.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        copies = [reports.wire()]
        base = copies[0]
        for n in range(10):
            text = base.document.text + f"\n\nRepublished by partner outlet number {n}."
            doc = reports.Document(source=f"copy{n}", format="text", text=text)
            copies.append(reports.Extraction(document=doc, records=base.records))
        store.write_batch(
            [*copies, reports.ministry(), reports.monitor()], run_id=run, extractor_version="t"
        )
        rebuild_derived(store.conn)
        cluster = _varnok_cluster(store)
        assert cluster["sources"] == 3
        assert cluster["fatalities_best"] == 40
        assert store.count("near_duplicates") == 10


def _point(**changes: object) -> EventPoint:
    values: dict[str, object] = {
        "id": "a",
        "document_id": "d1",
        "event_type": "Battles",
        "actors": frozenset({"army"}),
        "location": "Varnok",
        "country": "Freedonia",
        "latitude": 46.5,
        "longitude": 29.9,
        "start": date(2031, 5, 6),
        "end": date(2031, 5, 6),
    }
    values |= changes
    return EventPoint(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, True),
        ({"latitude": 46.7}, True),  # ~22 km away
        ({"latitude": 48.5}, False),  # ~220 km away
        ({"event_type": "Protests"}, False),
        ({"start": date(2031, 5, 7), "end": date(2031, 5, 7)}, True),  # a day later: slack
        ({"start": date(2031, 5, 10), "end": date(2031, 5, 11)}, False),
        ({"actors": frozenset({"rebels"})}, False),
        ({"actors": frozenset()}, True),
        ({"actors": frozenset({"army", "rebels"})}, True),
        ({"latitude": None, "longitude": None, "location": "varnok"}, True),
        ({"latitude": None, "longitude": None, "location": "Dresk"}, False),
        ({"country": "Sylvania"}, False),
        ({"geo_precision": 3}, True),  # country-level place, but a shared actor
        ({"geo_precision": 3, "actors": frozenset()}, False),  # country-level and no actor
    ],
)
def test_store_cluster_compatible(changes: dict[str, object], expected: bool) -> None:
    assert compatible(_point(), _point(id="b", **changes), max_km=50, slack_days=1) is expected


def test_store_cluster_no_chaining() -> None:
    """b is near a and c, but a and c are 80 km apart: c must not join a's cluster."""
    a = _point(id="a", latitude=46.0)
    b = _point(id="b", latitude=46.36)
    c = _point(id="c", latitude=46.72)
    clusters = cluster_events([a, b, c])
    assert sorted(sorted(m.id for m in cl.members) for cl in clusters) == [["a", "b"], ["c"]]


@pytest.mark.parametrize(
    ("counted", "category"),
    [
        ("civilians", "civilian"),
        ("people killed", "fatalities"),
        ("dead", "fatalities"),
        ("families", "family"),
        ("days", None),
        ("stock indexes", "stock index"),
        ("churches", "church"),
        ("deaths", "fatalities"),
        ("wounded", "wounded"),
        ("hostages", "hostage"),
        ("injured people", "people (injured)"),
        ("civilians killed", "civilian (killed)"),
        ("killed civilians", "civilian (killed)"),
        ("the dead", "fatalities"),
        ("displaced families", "family (displaced)"),
        (None, None),
    ],
)
def test_store_reconcile_category(counted: str | None, category: str | None) -> None:
    assert category_of(counted) == category


@pytest.mark.parametrize(
    ("before", "figure", "after", "counted", "category"),
    [
        (
            "The ferry sank, and ",
            "40 passengers",
            " were killed.",
            "passengers",
            "passenger (killed)",
        ),
        (
            "The ferry carried ",
            "310 people",
            " on board when it sank.",
            "people",
            "people",
        ),
        ("The blast killed ", "3 people", " and wounded 12 others.", "people", "fatalities"),
        ("The blast killed 3 people and wounded ", "12 others", ".", "others", "other (injured)"),
        (
            "Shelling has displaced ",
            "9,000 residents",
            " since May.",
            "residents",
            "resident (displaced)",
        ),
        ("Police arrested ", "45 students", " at the gates.", "students", "student (detained)"),
        ("Gunmen abducted ", "14 students", " from a school.", "students", "student (abducted)"),
        (
            "",
            "Almost 100,000 civilians",
            " are trapped in the pocket",
            "civilians",
            "civilian",
        ),
        (
            "said ",
            "80,000 civilians",
            " remained in the old town",
            "civilians",
            "civilian",
        ),
        (
            "",
            "50,000 civilians",
            " were still inside the besieged quarter",
            "civilians",
            "civilian",
        ),
        ("The group counted ", "60 dead", ", most of them civilians.", "dead", "fatalities"),
        ("Relief workers found ", "7 wounded", " in the cellar.", "wounded", "wounded"),
        ("The town has ", "12,000 inhabitants", " and one clinic.", "inhabitants", "inhabitant"),
    ],
)
def test_store_reconcile_category_by_role(
    before: str, figure: str, after: str, counted: str, category: str
) -> None:
    assert category_of(counted, role_of(before, after)) == category


def _ferry_reports() -> list[reports.Extraction]:
    """Two own reports of one missile strike on a ferry; they count the dead, the wounded, the
    people on board and the displaced, and one also reports a threat with a figure of its own."""
    port = ("Port Amsel", 41.2, 30.4)
    first = reports.Document(
        source="ferry-a",
        format="text",
        text=(
            "A missile struck the ferry Kestrel near Port Amsel on Tuesday. 40 passengers were "
            "killed and 65 passengers were wounded, the coast guard said. The ferry carried 310 "
            "people on board. The governor threatened to execute 20 crew members of the "
            "launch crew."
        ),
    )
    second = reports.Document(
        source="ferry-b",
        format="text",
        text=(
            "Rescuers said 52 passengers were killed when the Kestrel was hit near Port Amsel. "
            "About 280 people were on board. Shelling of the harbour later displaced 1,200 "
            "residents."
        ),
    )

    def figure(doc: reports.Document, words: str, value: float, counted: str) -> Figure:
        return reports.figure(
            doc, words, value=value, low=value, high=value, counted=counted, asserted_by="x"
        )

    return [
        reports.Extraction(
            document=first,
            records={
                "events": (
                    reports.event(
                        first, evidence="A missile struck the ferry", place=port, dead=(40, 40, 40)
                    ),
                    reports.event(
                        first,
                        evidence="threatened to execute 20 crew members",
                        place=port,
                        modality="threatened",
                    ),
                ),
                "figures": (
                    figure(first, "40 passengers", 40, "passengers"),
                    figure(first, "65 passengers", 65, "passengers"),
                    figure(first, "310 people", 310, "people"),
                    figure(first, "20 crew members", 20, "crew members"),
                ),
            },
        ),
        reports.Extraction(
            document=second,
            records={
                "events": (
                    reports.event(
                        second, evidence="the Kestrel was hit", place=port, dead=(52, 52, 52)
                    ),
                ),
                "figures": (
                    figure(second, "52 passengers", 52, "passengers"),
                    figure(second, "About 280 people", 280, "people"),
                    figure(second, "1,200 residents", 1200, "residents"),
                ),
            },
        ),
    ]


def test_store_reconcile_counts_by_role_and_event(tmp_path: Path) -> None:
    """The killed, the wounded, the people on board and the displaced of one strike reconcile
    apart; a threat's figure is no count of the strike."""
    with Store(tmp_path / "ferry.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch(_ferry_reports(), run_id=run, extractor_version="t")
        rebuild_derived(store.conn)
        rows = store.conn.execute(
            "SELECT category, low, best, high, claims FROM reconciled_figures ORDER BY category"
        ).fetchall()
    assert [tuple(row) for row in rows] == [
        ("fatalities", 40, 40, 52, 2),
        ("passenger (injured)", 65, 65, 65, 1),
        ("passenger (killed)", 40, 40, 52, 2),
        ("people", 280, 280, 310, 2),
        ("resident (displaced)", 1200, 1200, 1200, 1),
    ]


def _claim(value: float, document: str, counted: bool = True) -> Claim:
    return Claim(
        category="civilian",
        document_id=document,
        record_id=f"{document}{value}",
        asserted_by=None,
        value=value,
        low=None,
        high=None,
        text=None,
        counted=counted,
    )


def test_store_reconcile_agreeing_sources_do_not_disagree() -> None:
    result = reconcile("civilian", [_claim(300, "a"), _claim(312, "b"), _claim(305, "c")])
    assert (result.low, result.best, result.high, result.disagree) == (300, 305, 312, False)


def test_store_reconcile_uncounted_and_repeated_claims() -> None:
    result = reconcile(
        "civilian",
        [_claim(10, "a"), _claim(10, "a"), _claim(1000, "copy", counted=False), _claim(20, "b")],
    )
    assert (result.low, result.best, result.high, result.claims) == (10, 10, 20, 2)


def test_store_cluster_copies_of_unplaced_event_make_one_cluster(tmp_path: Path) -> None:
    """An event with no place clusters with nothing, but its syndicated copies join it."""
    base = reports.wire()
    unplaced = dataclasses.replace(base.records["events"][0], location=None)
    original = reports.Extraction(document=base.document, records={"events": (unplaced,)})
    copies = [
        reports.Extraction(
            document=reports.Document(
                source=f"copy{n}", format="text", text=f"{base.document.text}\n\nEdition {n}."
            ),
            records=original.records,
        )
        for n in range(3)
    ]
    with Store(tmp_path / "unplaced.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch([original, *copies], run_id=run, extractor_version="t")
        summary = rebuild_derived(store.conn)
        assert summary.clusters == 1
        rows = store.conn.execute("SELECT independent FROM cluster_sources").fetchall()
        assert sorted(r[0] for r in rows) == [0, 0, 0, 1]
        assert store.conn.execute("SELECT sources FROM event_clusters").fetchone()[0] == 1


@pytest.mark.parametrize("modality", ["threatened", "hypothetical", "denied", "rumoured"])
def test_store_cluster_events_that_did_not_occur_never_cluster(modality: str) -> None:
    happened = _point(id="a", modality="asserted")
    other = _point(id="b", document_id="d2", modality=modality)
    clusters = cluster_events([happened, other])
    assert [[m.id for m in c.members] for c in clusters] == [["a"]]


@pytest.mark.parametrize("modality", ["reported", "confirmed", None])
def test_store_cluster_occurred_events_cluster(modality: str | None) -> None:
    clusters = cluster_events(
        [_point(id="a", modality="asserted"), _point(id="b", document_id="d2", modality=modality)]
    )
    assert [sorted(m.id for m in c.members) for c in clusters] == [["a", "b"]]


@pytest.mark.parametrize(
    ("after", "role"),
    [
        (" are trapped in the pocket", "present"),
        (" remained in the old town", "present"),
        (" were still inside the besieged quarter", "present"),
        (" on board when it sank", "present"),
        (" were killed and 12 wounded", "killed"),
        (" were wounded, and 3 died", "injured"),
        (" fled to the hills", "displaced"),
        (" are missing after the raid", "missing"),
        (" live in the district", "present"),
        (" voted in the election", None),
    ],
)
def test_store_reconcile_role_after_the_figure(after: str, role: str | None) -> None:
    assert role_of("", after) == role


_TARVO_REPORTS = {
    "tarvo_wire.txt": (
        "Rebels shell Tarvo market\n\n"
        "TARVO, Freedonia - Rebel artillery shelled the central market of Tarvo on Monday, "
        "killing 6 civilians, medics said. The rebel commander threatened to execute 30 "
        "prisoners if the army advanced on the town. Residents fear that the militia could "
        "storm the hospital. The army denied that its troops had looted shops in the old town.\n"
    ),
    "tarvo_radio.txt": (
        "Shelling of Tarvo market kills seven\n\n"
        "TARVO, Freedonia - Rebel shells struck the market of Tarvo on Monday, killing 7 people, "
        "according to the hospital director. If the siege continues, the rebels will shell the "
        "hospital, aid workers said.\n"
    ),
}


@pytest.mark.model
def test_store_cluster_only_occurred_events_from_real_extraction(tmp_path: Path, nlp: Any) -> None:
    """Own reports through the real extractors into the store: threats, fears, conditionals and
    denials are stored with their modality, never clustered, and their figures count nowhere."""
    from eventdesk.events.modality import OCCURRED
    from eventdesk.store import ingest

    corpus = tmp_path / "tarvo"
    corpus.mkdir()
    for name, text in _TARVO_REPORTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "tarvo.db") as store:
        ingest([corpus], store=store, nlp=nlp, settings=Settings())
        events = store.conn.execute(
            "SELECT e.id, e.modality, s.cluster_id FROM events e "
            "LEFT JOIN cluster_sources s ON s.event_id = e.id"
        ).fetchall()
        values = {row[0] for row in store.conn.execute("SELECT value FROM figure_claims")}
    kinds = {modality for _, modality, _ in events}
    assert {"threatened", "hypothetical", "denied"} <= kinds
    assert all((cluster is not None) == (modality in OCCURRED) for _, modality, cluster in events)
    assert 30 not in values  # the threatened executions' figure is no count of the shelling
    assert {6, 7} <= values


def test_store_cluster_report_toll_is_one_claim(tmp_path: Path) -> None:
    """A report whose event carries a toll gives that toll as its one fatality claim: the death
    figures it weighed ("two people died" inside a toll "risen to 14") are not claims again."""
    path = tmp_path / "varnok_update.txt"
    path.write_text(
        "Varnok toll rises\n\nVARNOK, Freedonia (Northwind Wire) - The number of people killed by "
        "Tuesday's shelling of Varnok has risen to 14 after two people died in the clinic, "
        "medics said.\n",
        encoding="utf-8",
    )
    (doc,) = [d for d in reports.read_path(path) if isinstance(d, reports.Document)]
    update = reports.Extraction(
        document=doc,
        records={
            "events": (reports.event(doc, evidence="shelling of Varnok", dead=(14, 14, 14)),),
            "figures": (
                reports.figure(
                    doc,
                    "two people",
                    value=2,
                    low=2,
                    high=2,
                    counted="people",
                    asserted_by="medics",
                ),
            ),
        },
    )
    store = Store(tmp_path / "update.db")
    run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
    store.write_batch([reports.wire(), update], run_id=run, extractor_version="t")
    rebuild_derived(store.conn)
    (cluster,) = store.conn.execute(
        "SELECT fatalities_low, fatalities_best, fatalities_high FROM event_clusters "
        "WHERE location = 'Varnok'"
    ).fetchall()
    assert tuple(cluster) == (14, 14, 40)
