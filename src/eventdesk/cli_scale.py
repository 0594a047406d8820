"""The scale commands of `eventdesk`: `load`, and `ingest --engine dask` (called from cli_store).

A thin click layer over `eventdesk.scale`; `eventdesk.cli` adds `COMMANDS` to its group.
DOCS: docs/performance.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eventdesk.errors import EventdeskError
from eventdesk.settings import Settings


def dask_ingest(
    paths: tuple[Path, ...],
    *,
    scheduler: str | None,
    out: Path | None,
    settings: Settings,
    db_path: Path | None,
    quiet: bool,
) -> None:
    """`eventdesk ingest --engine dask`: extract on a cluster into Parquet parts under `out`,
    then, when `--db` is given too, load them into the store."""
    from eventdesk.scale import TaskResult, run_dask

    if scheduler is None or out is None:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS|local:N and --out DIR")

    def report(result: TaskResult) -> None:
        if not quiet:
            click.echo(
                f"{result.path}: {result.documents} documents, {result.errors} errors/skips "
                f"in {result.seconds:.1f} s",
                err=True,
            )

    try:
        run = run_dask(list(paths), out=out, scheduler=scheduler, settings=settings, on_task=report)
    except EventdeskError as e:
        raise click.ClickException(str(e)) from e
    if not quiet:
        click.echo(
            f"{run.planned} tasks: {len(run.done)} done, {run.skipped} already done, "
            f"{len(run.failed)} failed; {run.documents} documents, {run.errors} errors/skips "
            f"in {run.seconds:.1f} s on {run.workers} workers (peak RSS "
            f"{run.worker_peak_rss_mb:.0f} MB); parts in {out}",
            err=True,
        )
    for path, reason in run.failed:
        click.echo(f"failed: {path}: {reason}", err=True)
    if db_path is not None and not run.failed:
        _load(out, db_path=db_path, quiet=quiet)
    if run.failed:
        sys.exit(1)


@click.command("load")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store file (created when missing).",
)
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
def load_command(out: Path, db_path: Path, quiet: bool) -> None:
    """Merge the Parquet results of `eventdesk ingest --engine dask` into a SQLite store.

    Documents already stored are skipped, so loading twice changes nothing; event clusters and
    reconciled figures are rebuilt afterwards, as after a local ingest.
    """
    _load(out, db_path=db_path, quiet=quiet)


def _load(out: Path, *, db_path: Path, quiet: bool) -> None:
    from eventdesk.scale import load_results
    from eventdesk.store import Store

    try:
        with Store(db_path) as store:
            summary = load_results(out, store=store)
    except (OSError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    if not quiet:
        derived = summary.derived
        click.echo(
            f"run {summary.run_id}: {summary.added} documents stored, {summary.known} already "
            f"stored, {summary.errors} errors/skips in {summary.seconds:.1f} s; "
            f"{derived.clusters} event clusters, {derived.multi_source_clusters} with several "
            f"sources, {derived.disagreements} with disagreeing figures",
            err=True,
        )


COMMANDS = (load_command,)
