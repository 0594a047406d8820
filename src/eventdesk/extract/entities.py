"""The `entities` extractor: named entities with in-document aliases merged and every mention kept.

Place entities (and demonyms that name a country) carry the coordinates, country and GeoNames id
the offline gazetteer resolved for them (`eventdesk.geo`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from eventdesk.extract import register
from eventdesk.extract.doc_text import doc_text
from eventdesk.geo.document import geocode_document, with_places
from eventdesk.geo.gazetteer import GazetteerUnavailable
from eventdesk.model import Document, Entity, Span
from eventdesk.nlp.aliases import cluster_entities

LOGGER = logging.getLogger(__name__)


@register("entities", record_type=Entity)
def entities(doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]) -> Iterator[Entity]:
    """One `Entity` per alias cluster, mentions in document order, places geocoded."""
    text = doc_text(doc, document)
    records = [
        Entity(
            name=cluster.name,
            label=cluster.label,
            mentions=tuple(
                Span(s.start_char, s.end_char, text[s.start_char : s.end_char])
                for s in cluster.spans
            ),
        )
        for cluster in cluster_entities(doc)
    ]
    try:
        geocoded = geocode_document(doc, document, records)
    except GazetteerUnavailable as error:
        # Entities stay useful without coordinates; say once why they have none.
        _warn_once(str(error))
        yield from records
        return
    yield from with_places(records, geocoded)


@functools.cache
def _warn_once(reason: str) -> None:
    LOGGER.warning("place entities are not geocoded: %s", reason)
