"""The `eventdesk` command: a thin click layer over the Python API. DOCS: docs/cli.md"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from eventdesk import __version__, extract
from eventdesk.cli_scale import COMMANDS as SCALE_COMMANDS
from eventdesk.cli_serve import COMMANDS as SERVE_COMMANDS
from eventdesk.cli_store import COMMANDS as STORE_COMMANDS
from eventdesk.errors import EventdeskError
from eventdesk.ingest import read_paths
from eventdesk.model import ReadError
from eventdesk.schema import extraction_line, output_schema
from eventdesk.settings import load_settings

# Error codes that mean "read fine, deliberately not extracted"; they do not make a run fail.
NOT_FAILURES = frozenset({"language", "skipped"})


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventdesk")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """eventdesk: conflict reports in, sourced records out (testimonies, figures, events)."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file that appears whole: written beside its name, renamed when complete."""
    if path is None:
        yield sys.stdout
        return
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8") as stream:
        yield stream
    partial.replace(path)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write JSON Lines here instead of stdout.",
)
@click.option(
    "--settings",
    "settings_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML settings file layered over the defaults.",
)
@click.option(
    "--extractors",
    help="Comma-separated extractors to run (default: all). See `eventdesk extractors`.",
)
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
def extract_command(
    paths: tuple[Path, ...],
    output: Path | None,
    settings_path: Path | None,
    extractors: str | None,
    quiet: bool,
) -> None:
    """Extract records from reports: files or folders of HTML, text, WARC(.gz), JSONL or feeds.

    Writes JSON Lines, one object per document (or one `{"error": ...}` per unreadable input);
    the exit status is 1 only when nothing could be read.
    """
    from eventdesk.nlp import load_pipeline
    from eventdesk.process import process

    names = tuple(n.strip() for n in extractors.split(",") if n.strip()) if extractors else None
    try:
        settings = load_settings(settings_path, extractors=names)
        extract.resolve(settings.extractors)
    except (EventdeskError, KeyError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    started = time.perf_counter()
    documents = errors = failures = 0
    nlp = load_pipeline()
    with _output(output) as stream:
        for item in process(read_paths(paths, settings=settings), nlp=nlp, settings=settings):
            stream.write(json.dumps(extraction_line(item), ensure_ascii=False) + "\n")
            if isinstance(item, ReadError):
                errors += 1
                failures += item.code not in NOT_FAILURES
            else:
                documents += 1
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(f"{documents} documents, {errors} errors/skips in {seconds:.1f} s", err=True)
    if documents == 0 and failures > 0:
        sys.exit(1)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one line of `extract` output."""
    click.echo(json.dumps(output_schema(), indent=2))


@main.command("extractors")
def extractors_command() -> None:
    """List the registered extractors, in the order they run, with what each needs."""
    for extractor in extract.resolve(None):
        needs = f" (needs {', '.join(extractor.requires)})" if extractor.requires else ""
        click.echo(f"{extractor.name}: {extractor.record_type.__name__}{needs}")


# The corpus-store commands (ingest, reextract, query, export) live in their own module.
for _command in (*STORE_COMMANDS, *SCALE_COMMANDS, *SERVE_COMMANDS):
    main.add_command(_command)
