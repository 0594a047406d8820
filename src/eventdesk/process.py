"""The one entry point: Documents in, Extractions out, through one spaCy pipeline run with `nlp.pipe`."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language

from eventdesk import extract
from eventdesk.limits import ExtractionTimeout, refusal, time_limit
from eventdesk.model import Document, Extraction, ReadError
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)


def process(
    items: Iterable[Document | ReadError], *, nlp: Language, settings: Settings
) -> Iterator[Extraction | ReadError]:
    """Parse every Document once and run the extractors over it; ReadErrors pass through.

    An extractor that fails on one document turns that document into a ReadError with the reason,
    and the batch goes on. Documents over the parse limits are refused before spaCy sees them, and
    extraction past `max_document_seconds` is a recorded timeout (`eventdesk.limits`).
    """
    plan = extract.resolve(settings.extractors)
    waiting: deque[ReadError] = deque()

    def texts() -> Iterator[tuple[str, Document]]:
        for item in items:
            if isinstance(item, ReadError):
                waiting.append(item)
            elif (
                refused := refusal(item, settings=settings, max_length=nlp.max_length)
            ) is not None:
                waiting.append(refused)
            else:
                yield item.text, item

    for doc, document in nlp.pipe(texts(), as_tuples=True, batch_size=settings.batch_size):
        while waiting:
            yield waiting.popleft()
        try:
            with time_limit(settings.max_document_seconds, what=f"extraction of {document.source}"):
                records = extract.run(doc, document, plan)
        except ExtractionTimeout as e:
            yield ReadError(source=document.source, reason=str(e), code="timeout")
            continue
        except Exception as e:  # one document's failure must not stop the batch
            LOGGER.debug("extraction failed on %s", document.source, exc_info=True)
            yield ReadError(
                source=document.source,
                reason=f"extraction failed: {type(e).__name__}: {e}",
                code="extraction_failed",
            )
            continue
        yield Extraction(document=document, records=records)
    while waiting:
        yield waiting.popleft()
