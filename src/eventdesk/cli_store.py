"""The corpus-store commands of `eventdesk`: ingest, reextract, query, export. DOCS: docs/cli.md

A thin click layer over `eventdesk.store`; `eventdesk.cli` adds these to its group.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from eventdesk import extract
from eventdesk.errors import EventdeskError
from eventdesk.settings import Settings, load_settings
from eventdesk.store import FORMATS, KINDS, Filters, RunProgress, RunSummary, Store
from eventdesk.store import export as export_clusters
from eventdesk.store import ingest as ingest_paths
from eventdesk.store import query as run_query
from eventdesk.store import reextract as reextract_documents
from eventdesk.store.filters import FilterError, day_bound
from eventdesk.store.ingest import DEFAULT_BATCH_SIZE
from eventdesk.store.query import SUMMARY_COLUMNS, Kind

DB_OPTION = click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store file (created when missing).",
)


class _ProgressLine:
    """Documents/s and error count on stderr: redrawn in place on a terminal, a line every 5 s
    otherwise (logs stay readable)."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        # The first line after one interval: a line of zeros at the start said nothing.
        self.last = time.perf_counter()

    def __call__(self, progress: RunProgress) -> None:
        now = time.perf_counter()
        if self.quiet or now - self.last < (0.5 if self.tty else 5.0):
            return
        self.last = now
        line = (
            f"{progress.added} stored, {progress.known} already stored, "
            f"{progress.errors} errors, {progress.rate:.1f} docs/s"
        )
        click.echo(f"\r{line}" if self.tty else line, err=True, nl=not self.tty)

    def done(self, summary: RunSummary) -> None:
        if self.quiet:
            return
        if self.tty:
            click.echo("", err=True)
        derived = summary.derived
        click.echo(
            f"run {summary.run_id}: {summary.added} documents stored, {summary.known} already "
            f"stored, {summary.errors} errors/skips, {summary.near_duplicates} near-duplicates "
            f"in {summary.seconds:.1f} s ({summary.rate:.1f} docs/s); {derived.clusters} event "
            f"clusters, {derived.multi_source_clusters} with several sources, "
            f"{derived.disagreements} with disagreeing figures",
            err=True,
        )


def _settings(settings_path: Path | None, extractors: str | None) -> Settings:
    names = tuple(n.strip() for n in extractors.split(",") if n.strip()) if extractors else None
    try:
        settings = load_settings(settings_path, extractors=names)
        extract.resolve(settings.extractors)
    except (EventdeskError, KeyError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    return settings


SETTINGS_OPTION = click.option(
    "--settings",
    "settings_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML settings file layered over the defaults.",
)
EXTRACTORS_OPTION = click.option(
    "--extractors", help="Comma-separated extractors to run (default: all)."
)
BATCH_OPTION = click.option(
    "--batch-size",
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    type=click.IntRange(min=1),
    help="Documents per committed transaction.",
)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store file (created when missing); with --engine dask, loaded after the run.",
)
@SETTINGS_OPTION
@EXTRACTORS_OPTION
@BATCH_OPTION
@click.option("--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: extract in this process into --db; dask: on a Dask cluster into --out.",
)
@click.option("--scheduler", help="With --engine dask: a scheduler address, or local:N workers.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --engine dask: the folder of Parquet results (`eventdesk load` reads it).",
)
def ingest_command(
    paths: tuple[Path, ...],
    db_path: Path | None,
    settings_path: Path | None,
    extractors: str | None,
    batch_size: int,
    quiet: bool,
    engine: str,
    scheduler: str | None,
    out: Path | None,
) -> None:
    """Extract reports (files or folders of HTML, text, WARC, JSONL, feeds) into a SQLite store.

    Idempotent and resumable: documents already stored (same text) are skipped, so running it
    again after an interruption goes on where it stopped. Failed inputs go to the errors table.
    With --engine dask the work runs on a cluster and lands as Parquet under --out.
    """
    from eventdesk.nlp import load_pipeline

    settings = _settings(settings_path, extractors)
    if engine == "dask":
        from eventdesk.cli_scale import dask_ingest

        dask_ingest(
            paths, scheduler=scheduler, out=out, settings=settings, db_path=db_path, quiet=quiet
        )
        return
    if db_path is None:
        raise click.UsageError("Missing option '--db'.")
    progress = _ProgressLine(quiet=quiet)
    with Store(db_path) as store:
        summary = ingest_paths(
            list(paths),
            store=store,
            nlp=load_pipeline(),
            settings=settings,
            batch_size=batch_size,
            on_progress=progress,
        )
    progress.done(summary)


@click.command("reextract")
@DB_OPTION
@SETTINGS_OPTION
@EXTRACTORS_OPTION
@BATCH_OPTION
@click.option(
    "--all", "everything", is_flag=True, help="Re-extract every document, not only stale ones."
)
@click.option("--quiet", is_flag=True, help="No progress or summary on stderr.")
def reextract_command(
    db_path: Path,
    settings_path: Path | None,
    extractors: str | None,
    batch_size: int,
    everything: bool,
    quiet: bool,
) -> None:
    """Re-derive records from stored documents with the current extractors (inputs not re-read).

    Documents extracted by another extractor version are redone (all with --all); documents and
    analyst decisions are kept.
    """
    from eventdesk.nlp import load_pipeline

    if not db_path.exists():
        raise click.ClickException(f"no store at {db_path}")
    settings = _settings(settings_path, extractors)
    progress = _ProgressLine(quiet=quiet)
    with Store(db_path) as store:
        summary = reextract_documents(
            store=store,
            nlp=load_pipeline(),
            settings=settings,
            everything=everything,
            batch_size=batch_size,
            on_progress=progress,
        )
    progress.done(summary)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An ISO year, month or day, checked as the store's filters check it."""
    if value is None:
        return None
    try:
        day_bound(value, field="value")
    except FilterError as e:
        raise click.BadParameter(e.reason) from e
    return value


# The store's event filters (`eventdesk.store.filters`), shared by `query` and `export`.
_FILTER_OPTIONS = (
    click.option("--type", "event_type", help="ACLED event type, e.g. 'Battles'."),
    click.option("--country", help="Country name or ISO code."),
    click.option("--actor", help="Part of an actor's name (case-insensitive)."),
    click.option("--since", callback=_iso_date, help="Earliest date: YYYY-MM-DD, YYYY-MM or YYYY."),
    click.option("--until", callback=_iso_date, help="Latest date: YYYY-MM-DD, YYYY-MM or YYYY."),
    click.option("--search", "text", help="Full-text query over document titles and texts (FTS5)."),
)


def _with_filter_options(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_FILTER_OPTIONS):
        command = option(command)
    return command


@click.command("query")
@DB_OPTION
@click.option("--what", "kind", type=click.Choice(KINDS), default="events", show_default=True)
@_with_filter_options
@click.option("--modality", help="Event modality, e.g. 'reported' or 'denied' (not clusters).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1))
@click.option("--jsonl", "as_jsonl", is_flag=True, help="JSON Lines with every column.")
def query_command(
    db_path: Path,
    kind: str,
    event_type: str | None,
    country: str | None,
    actor: str | None,
    modality: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    limit: int,
    as_jsonl: bool,
) -> None:
    """Select events, clusters, documents, quotes or figures from a store, with filters."""
    if not db_path.exists():
        raise click.ClickException(f"no store at {db_path}")
    filters = Filters(
        kind=_KIND_BY_NAME[kind],
        event_type=event_type,
        country=country,
        actor=actor,
        modality=modality,
        since=since,
        until=until,
        text=text,
        limit=limit,
    )
    with Store(db_path, read_only=True) as store:
        try:
            rows = run_query(store.conn, filters)
        except Exception as e:  # an FTS5 syntax error names the bad query
            raise click.ClickException(f"query failed: {e}") from e
    if as_jsonl:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    columns = SUMMARY_COLUMNS[filters.kind]
    table = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for cells in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip())


def _cell(value: object, width: int = 60) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (stdout when absent; required for parquet).",
)
@_with_filter_options
def export_command(
    db_path: Path,
    fmt: str,
    output: Path | None,
    event_type: str | None,
    country: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
) -> None:
    """Export the store's event clusters (one real event each) as ACLED CSV, GeoJSON, JSONL,
    Parquet or PLOVER JSON lines; the filters select clusters as `query --what clusters` does."""
    if not db_path.exists():
        raise click.ClickException(f"no store at {db_path}")
    filters = Filters(
        kind="clusters",
        event_type=event_type,
        country=country,
        actor=actor,
        since=since,
        until=until,
        text=text,
        limit=None,
    )
    with Store(db_path, read_only=True) as store:
        try:
            count = export_clusters(store.conn, fmt, output, sys.stdout, filters=filters)
        except ValueError as e:
            raise click.ClickException(str(e)) from e
        except sqlite3.Error as e:  # an FTS5 syntax error names the bad query
            raise click.ClickException(f"export failed: {e}") from e
    if output is not None:
        click.echo(f"{count} clusters written to {output}", err=True)


_KIND_BY_NAME: dict[str, Kind] = {
    k: k for k in KINDS
}  # click.Choice gives a str; this gives the Literal

COMMANDS = (ingest_command, reextract_command, query_command, export_command)
