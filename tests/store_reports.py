"""Fictional reports (tests/data/store) with hand-made records, for the corpus-store tests.

Four reports of one shelling of the fictional town of Varnok disagree on the dead (40 / 25 / 60)
and on the civilians trapped (almost 100,000 / no less than 80,000 / more than 50,000); one of them
also has a syndicated copy. A fifth report is an unrelated protest elsewhere. Records are built
directly (the events and figures extractors are written elsewhere), with spans found in the text.
"""

from __future__ import annotations

from pathlib import Path

from eventdesk.ingest import read_path
from eventdesk.model import (
    DateInterval,
    Document,
    Event,
    Extraction,
    Fatalities,
    Figure,
    Location,
    Span,
)

DATA = Path(__file__).resolve().parent / "data" / "store"
ARMY = "Military Forces of Freedonia"
REBELS = "Lantern Front"
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
VARNOK = ("Varnok", 46.512, 29.871)
PORT_SELWYN = ("Port Selwyn", 44.1, 33.6)
TUESDAY = "2031-05-06"


def document(name: str) -> Document:
    """The fictional report `name` as eventdesk's text reader stores it."""
    (found,) = [d for d in read_path(DATA / f"{name}.txt") if isinstance(d, Document)]
    return found


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.within(text, start, start + len(words))


def event(
    doc: Document,
    *,
    evidence: str,
    kind: tuple[str, str] = SHELLING,
    actors: tuple[str | None, str | None] = (ARMY, REBELS),
    place: tuple[str, float, float] = VARNOK,
    day: str = TUESDAY,
    dead: tuple[int | None, int | None, int | None] | None = None,
    modality: str = "reported",
    source: str | None = None,
) -> Event:
    name, lat, lon = place
    return Event(
        event_type=kind[0],
        sub_event_type=kind[1],
        actor1=actors[0],
        actor2=actors[1],
        assoc_actor_1=None,
        assoc_actor_2=None,
        inter1=1 if actors[0] == ARMY else None,
        inter2=2 if actors[1] == REBELS else None,
        actor_mentions=(),
        location=Location(
            name=name,
            latitude=lat,
            longitude=lon,
            country="Freedonia",
            admin1=None,
            geonameid=None,
            precision=1,
        ),
        date=DateInterval(start=day, end=day, precision=1),
        fatalities=Fatalities(low=dead[0], best=dead[1], high=dead[2]) if dead else None,
        modality=modality,  # type: ignore[arg-type]
        source=source,
        evidence=(span(doc.text, evidence),),
        plover="ASSAULT",
    )


def figure(
    doc: Document,
    words: str,
    *,
    value: float,
    low: float | None,
    high: float | None,
    counted: str,
    asserted_by: str,
) -> Figure:
    found = span(doc.text, words)
    return Figure(
        text=found.text,
        start=found.start,
        end=found.end,
        value=value,
        low=low,
        high=high,
        qualifier=words.split()[0].lower(),
        unit=None,
        counted=counted,
        asserted_by=asserted_by,
    )


def wire(name: str = "varnok_wire") -> Extraction:
    doc = document(name)
    return Extraction(
        document=doc,
        records={
            "events": (
                event(doc, evidence="Artillery fire struck", dead=(40, 40, None), source="medics"),
            ),
            "figures": (
                figure(
                    doc,
                    "Almost 100,000 civilians",
                    value=100_000,
                    low=None,
                    high=100_000,
                    counted="civilians",
                    asserted_by="Mira Tovalen",
                ),
            ),
        },
    )


def ministry() -> Extraction:
    doc = document("varnok_ministry")
    return Extraction(
        document=doc,
        records={
            "events": (
                event(
                    doc,
                    evidence="artillery strikes",
                    dead=(25, 25, 25),
                    source="Freedonian defence ministry",
                ),
                # A threat is not an event that happened: it must not join the cluster.
                event(doc, evidence="threatened further strikes", modality="threatened"),
            ),
            "figures": (
                figure(
                    doc,
                    "no less than 80,000 civilians",
                    value=80_000,
                    low=80_000,
                    high=None,
                    counted="civilians",
                    asserted_by="Aris Bellek",
                ),
            ),
        },
    )


def monitor() -> Extraction:
    doc = document("varnok_monitor")
    return Extraction(
        document=doc,
        records={
            "events": (
                event(
                    doc,
                    evidence="heavy shelling",
                    actors=(ARMY, None),
                    dead=(60, 60, 60),
                    source="Independent Observatory for Freedonia",
                ),
            ),
            "figures": (
                figure(
                    doc,
                    "more than 50,000 civilians",
                    value=50_000,
                    low=50_000,
                    high=None,
                    counted="civilians",
                    asserted_by="Independent Observatory for Freedonia",
                ),
            ),
        },
    )


def protest() -> Extraction:
    doc = document("harbour_protest")
    return Extraction(
        document=doc,
        records={
            "events": (
                event(
                    doc,
                    evidence="marched through Port Selwyn",
                    kind=("Protests", "Peaceful protest"),
                    actors=("Protesters (Freedonia)", None),
                    place=PORT_SELWYN,
                    day="2031-05-03",
                ),
            ),
        },
    )


def all_reports() -> list[Extraction]:
    """In storage order: the wire story, its syndicated copy, the ministry, the monitor, the protest."""
    return [wire(), wire("varnok_syndicated"), ministry(), monitor(), protest()]
