"""Geocode a parsed document: find its toponyms, resolve them, and hand places to the extractors.

Three entry points:
- `toponym_spans(doc)`: the place mentions eventdesk geocodes (GPE and LOC entities, and NORP
  demonyms that name a country: `Syrian` -> Syria, as the geoparsing corpora annotate them);
- `geocode_document(doc, document, entities)`: entity/mention -> resolved place, in one pass;
- `location_for(name, entities)`: the `Location` of an event named by a place in its evidence,
  for the events extractor, with ACLED's precision code.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventdesk.geo.gazetteer import Gazetteer, Place, load_gazetteer
from eventdesk.geo.names import place_key
from eventdesk.geo.resolve import Resolved, resolve_mentions
from eventdesk.geo.variants import candidates_for, is_local_feature
from eventdesk.model import Document, Entity, Location, Span

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Prepositions after which a proper noun is a place (as in eventdesk.nlp.components).
LOCATIVE_PREPOSITIONS = frozenset("in of from to at near outside into toward towards".split())
# A town this big is worth taking out of a mislabelled entity; smaller namesakes are too often
# surnames (`Nelson`, `Harrison`).
NOTABLE_TOWN = 10_000
_REGION_KINDS = frozenset({"country", "admin1", "admin2", "capital", "continent"})
# A NORP counts as a toponym only when it names one of these (demonyms of countries, continents).
_DEMONYM_KINDS = frozenset({"country", "continent", "region"})
# ACLED geo-precision by what was resolved: 1 the town itself, 2 a district around it, 3 a region.
_PRECISION_BY_KIND = {"site": 1, "city": 1, "capital": 1, "admin2": 2, "admin1": 3, "country": 3}


@dataclass(frozen=True, slots=True, kw_only=True)
class GeocodedDocument:
    """Every resolved toponym mention of a document, and the place of each place entity."""

    mentions: dict[Span, Resolved]
    entities: dict[str, Place]


def toponym_spans(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[Span]:
    """The toponym mentions of `doc` as `Span`s, in document order.

    Besides GPE and LOC entities and country demonyms, two repairs of the small model's labels:
    a PERSON or ORG that is a known place and sits where places sit (`in Mansfield`,
    `Alexandria, La.`) is a place; and an ORG or FAC that starts with a region or town name
    (`the Shreveport Police Department`) contains that toponym, as geoparsing gold marks it.
    """
    gazetteer = gazetteer or load_gazetteer()
    spans = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            if not any(p.kind in _DEMONYM_KINDS for p in candidates_for(gazetteer, ent.text)):
                continue
        elif ent.label_ in ("PERSON", "ORG") and _placed_like_a_place(ent, gazetteer):
            pass
        elif ent.label_ in ("ORG", "FAC"):
            embedded = _leading_place(ent, gazetteer)
            if embedded is not None:
                spans.append(embedded)
            continue
        elif ent.label_ not in PLACE_LABELS:
            continue
        spans.append(Span(ent.start_char, ent.end_char, ent.text))
    return spans


def _is_notable(place: Place) -> bool:
    return place.kind != "city" or place.population >= NOTABLE_TOWN


def _placed_like_a_place(ent: SpacySpan, gazetteer: Gazetteer) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before not in LOCATIVE_PREPOSITIONS:
        # `Alexandria, La.`: a comma and a GPE right after it (tokens read one by one: slicing
        # the doc for two tokens cost more than the rest of this test).
        end = ent.end
        if not (end + 2 <= len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE"):
            return False
    return any(_is_notable(p) for p in candidates_for(gazetteer, ent.text))


def _leading_place(ent: SpacySpan, gazetteer: Gazetteer) -> Span | None:
    if len(ent) < 2:
        return None  # a one-word name has no leading part (and its tokens need not be read)
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    for size in range(min(3, len(tokens) - 1), 0, -1):
        words = tokens[:size]
        if not all(t.is_title for t in words):
            continue
        text = ent.doc[words[0].i : words[-1].i + 1]
        found = candidates_for(gazetteer, text.text)
        if any(p.kind in _REGION_KINDS or _is_notable(p) for p in found):
            return Span(text.start_char, text.end_char, text.text)
    return None


def geocode_document(
    doc: Doc,
    document: Document,
    entities: Sequence[Entity] = (),
    *,
    gazetteer: Gazetteer | None = None,
) -> GeocodedDocument:
    """Resolve the toponyms of `doc` (the parse of `document.text`).

    Returns each resolved mention, and for each place entity (by name) the place its mentions
    agree on (the highest total score when they disagree).
    """
    gazetteer = gazetteer or load_gazetteer()
    spans = toponym_spans(doc, gazetteer=gazetteer)
    resolved = resolve_mentions(document.text, spans, gazetteer=gazetteer)
    by_entity: dict[str, Place] = {}
    for entity in entities:
        votes: dict[int, float] = defaultdict(float)
        places: dict[int, Place] = {}
        for mention in entity.mentions:
            found = resolved.get(mention)
            # An inferred place (the nearest town) is kept for streets and buildings only:
            # `Quran` mistagged as a place must not get the coordinates of the town beside it.
            if found is not None and (not found.inferred or is_local_feature(mention.text)):
                votes[found.place.place_id] += found.score
                places[found.place.place_id] = found.place
        if votes:
            by_entity[entity.name] = places[max(votes, key=lambda pid: votes[pid])]
    return GeocodedDocument(mentions=resolved, entities=by_entity)


def with_places(entities: Sequence[Entity], geocoded: GeocodedDocument) -> list[Entity]:
    """`entities` with coordinates, country and GeoNames id filled in for the resolved places."""
    enriched = []
    for entity in entities:
        place = geocoded.entities.get(entity.name)
        if place is not None:
            entity = dataclasses.replace(
                entity,
                latitude=place.latitude,
                longitude=place.longitude,
                country=place.country or None,
                geonameid=place.geonameid,
            )
        enriched.append(entity)
    return enriched


def location_of(
    place: Place, *, precision: int = 1, gazetteer: Gazetteer | None = None
) -> Location:
    """The event `Location` of a resolved place.

    `precision` is what the evidence says (1 at the place, 2 near it); a region or country can
    never be better than 3, a district never better than 2, as ACLED codes them.
    """
    gazetteer = gazetteer or load_gazetteer()
    region = gazetteer.region(place.country, place.admin1) if place.admin1 else None
    if place.kind == "admin1":
        region = place
    return Location(
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        country=place.country or None,
        admin1=region.name if region else None,
        geonameid=place.geonameid,
        precision=max(precision, _PRECISION_BY_KIND.get(place.kind, 3)),
    )


def location_for(
    name: str,
    entities: Sequence[Entity] = (),
    *,
    precision: int = 1,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """The `Location` of a place named `name` in a document whose entities are `entities`.

    For the events extractor: pass the place text of the event's evidence (`"Aleppo"`,
    `"eastern Ghouta"` is looked up as written) and `found["entities"]`. A name that is one of the
    document's resolved place entities (its canonical name or any mention) gets that entity's
    place, so events and entities agree; any other name is resolved with the document's resolved
    places as context. None when the gazetteer has no such place.
    """
    gazetteer = gazetteer or load_gazetteer()
    key = place_key(name)
    for entity in entities:
        keys = {place_key(entity.name), *(place_key(m.text) for m in entity.mentions)}
        if key in keys:
            for place in _places_of(entity, gazetteer):
                return location_of(place, precision=precision, gazetteer=gazetteer)
    context = [place for entity in entities for place in _places_of(entity, gazetteer)]
    mention = Span(0, len(name), name)
    resolved = resolve_mentions(name, [mention], gazetteer=gazetteer, context=context)
    if mention not in resolved:
        return None
    return location_of(resolved[mention].place, precision=precision, gazetteer=gazetteer)


def _places_of(entity: Entity, gazetteer: Gazetteer) -> list[Place]:
    """The gazetteer place an enriched entity was resolved to (matched on its point)."""
    if entity.latitude is None:
        return []
    return [
        place
        for mention in {entity.name, *(m.text for m in entity.mentions)}
        for place in candidates_for(gazetteer, mention)
        if (place.latitude, place.longitude) == (entity.latitude, entity.longitude)
    ][:1]
