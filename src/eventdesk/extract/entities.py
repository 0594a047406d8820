"""The `entities` extractor: named entities with in-document aliases merged and every mention kept.

Place entities (and demonyms that name a country) carry the coordinates, country and GeoNames id
the offline gazetteer resolved for them (`eventdesk.geo`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from eventdesk.extract import register
from eventdesk.geo.document import geocode_document, with_places
from eventdesk.model import Document, Entity, Span
from eventdesk.nlp.aliases import cluster_entities


@register("entities", record_type=Entity)
def entities(doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]) -> Iterator[Entity]:
    """One `Entity` per alias cluster, mentions in document order, places geocoded."""
    records = [
        Entity(
            name=cluster.name,
            label=cluster.label,
            mentions=tuple(Span(s.start_char, s.end_char, s.text) for s in cluster.spans),
        )
        for cluster in cluster_entities(doc)
    ]
    yield from with_places(records, geocode_document(doc, document, records))
