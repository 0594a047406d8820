"""The one event-filter model (`eventdesk.store.filters`): ISO date bounds, refusals, and the same
filters giving the same events from `eventdesk query` and from the workbench's event view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import store_reports as reports
from click.testing import CliRunner

from eventdesk.cli import main
from eventdesk.serve import queries
from eventdesk.settings import Settings
from eventdesk.store import Store, query
from eventdesk.store.derive import rebuild_derived
from eventdesk.store.filters import KINDS, SOURCES, FilterError, Filters, day_bound, where


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "varnok.db"
    with Store(path) as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch(reports.all_reports(), run_id=run, extractor_version="t")
        rebuild_derived(store.conn)
        store.finish_run(run, added=5, known=0, errors=0)
    return path


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2031", "2031-01-01", "2031-12-31"),
        ("2031-02", "2031-02-01", "2031-02-28"),
        ("2032-02", "2032-02-01", "2032-02-29"),
        ("2031-05-04", "2031-05-04", "2031-05-04"),
        (" 2031-05-04 ", "2031-05-04", "2031-05-04"),
        ("2031-05-04T23:30", "2031-05-04", "2031-05-04"),
        ("2031-05-04 08:00:00+02:00", "2031-05-04", "2031-05-04"),
    ],
)
def test_store_filters_day_bound(value: str, first: str, last: str) -> None:
    assert (day_bound(value), day_bound(value, last=True)) == (first, last)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("' OR 1=1 --", "is not an ISO date"),
        ("yesterday", "is not an ISO date"),
        ("05/04/2031", "is not an ISO date"),
        ("2031-5-4", "is not an ISO date"),
        ("20310504", "is not an ISO date"),
        ("2031-05-04T25:00", "is not an ISO date"),
        ("\x00", "is not an ISO date"),
        ("2031-13", "no such month"),
        ("2031-02-29", "no such day"),
        ("2031-04-31", "no such day"),
        ("0000", "no year 0000"),
    ],
)
def test_store_filters_refuse_dates_that_are_not_iso(value: str, says: str) -> None:
    for field in ("since", "until"):
        with pytest.raises(FilterError, match=says) as raised:
            Filters(**{field: value})
        assert raised.value.field == field


def test_store_filters_blank_dates_filter_nothing() -> None:
    assert Filters(since="", until="  ").day_range() == (None, None)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"since": "2031"}, 6),
        ({"until": "2030"}, 0),
        ({"until": "2031-05"}, 6),  # a month is inclusive: every day of May
        ({"since": "2031-05", "until": "2031-05"}, 6),
        ({"since": "2031-06"}, 0),
        ({"until": "2031-05-03T18:00"}, 1),  # the time of day is ignored
    ],
)
def test_store_filters_partial_dates_cover_their_whole_period(
    db: Path, filters: dict[str, Any], expected: int
) -> None:
    with Store(db, read_only=True) as store:
        assert len(query(store.conn, Filters(kind="events", **filters))) == expected
        view = queries.events(store.conn, Filters(**filters), paged=False)
        assert view.total == expected


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"event_type": "protests"},
        {"country": "Freedonia"},
        {"country": "freedonia", "actor": "lantern"},
        {"modality": "threatened"},
        {"text": "Bellek"},
        {"words": "observatory"},
        {"words": "!!!"},
        {"since": "2031-05-04", "until": "2031-05-06"},
    ],
)
def test_store_filters_cli_and_workbench_select_the_same_events(
    db: Path, filters: dict[str, Any]
) -> None:
    """Without analyst decisions, the event table and the workbench's view agree on every filter
    (every event of these reports has a day, so the view's publication-day fallback is unused)."""
    with Store(db, read_only=True) as store:
        from_cli = {row["id"] for row in query(store.conn, Filters(kind="events", **filters))}
        page = queries.events(store.conn, Filters(**filters), paged=False)
    assert from_cli == {row["id"] for row in page.rows}


@pytest.mark.parametrize("kind", KINDS)
def test_store_filters_every_filter_runs_on_every_kind(db: Path, kind: str) -> None:
    every = Filters(
        kind=kind,  # type: ignore[arg-type]
        event_type="Battles",
        country="Freedonia",
        actor="army",
        modality=None if kind == "clusters" else "reported",
        since="2031-05",
        until="2031-05-31",
        text="Varnok",
        words="Varnok shelling",
    )
    with Store(db, read_only=True) as store:
        assert isinstance(query(store.conn, every), list)


def test_store_filters_refuse_what_a_source_cannot_apply() -> None:
    with pytest.raises(FilterError, match="modality"):
        where(Filters(kind="clusters", modality="denied"), SOURCES["clusters"])
    with pytest.raises(FilterError, match="review"):
        where(Filters(review="confirm"), SOURCES["events"])
    with pytest.raises(FilterError, match="review: must be one of"):
        Filters(review="maybe")
    assert "review" in where(Filters(review="confirm"), SOURCES["event_view"])[0]


def test_store_filters_values_are_bound_never_spliced() -> None:
    hostile = "x'; DROP TABLE events; --"
    filters = Filters(event_type=hostile, country=hostile, actor=hostile, text=hostile)
    for source in SOURCES.values():
        sql, params = where(filters, source)
        assert hostile not in sql and params["actor"] == hostile


def test_store_query_cli_checks_dates(db: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["query", "--db", str(db), "--since", "' OR 1=1 --"])
    assert bad.exit_code == 2 and "is not an ISO date" in bad.output and "--since" in bad.output
    month = runner.invoke(main, ["query", "--db", str(db), "--until", "2031-05", "--jsonl"])
    assert month.exit_code == 0 and len(month.output.splitlines()) == 6
    denied = runner.invoke(main, ["query", "--db", str(db), "--modality", "threatened", "--jsonl"])
    assert denied.exit_code == 0 and len(denied.output.splitlines()) == 1
    clusters = runner.invoke(
        main, ["query", "--db", str(db), "--what", "clusters", "--modality", "denied"]
    )
    assert clusters.exit_code == 1 and "no modality" in clusters.output
