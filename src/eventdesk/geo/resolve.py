"""Rank gazetteer candidates for the toponyms of one document, using the document as context.

Each distinct name in a document is one decision ("one sense per discourse": every `Paris` of an
article is the same Paris). A candidate's score adds
- a prior for its kind (a country or state name usually means the country or state),
- its population (the famous place wins when nothing says otherwise: London is London, UK),
- how much of the rest of the document points into its country and its first-level region,
- a qualifier right after a mention (`Paris, Texas`, `London, Ont.`, `Athens, Ga.`), which beats
  everything else, and closeness to the other places the document names.
Context comes from a first, context-free pass over the other names; a name never votes for itself.
The weights are calibrated on the first half of LGL and GeoWebNews (benchmarks/geo.py --tune-half).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventdesk.geo.gazetteer import Gazetteer, Place
from eventdesk.geo.names import (
    COUNTRY_ALIASES,
    COUNTY_SUFFIXES,
    US_STATE_ABBREVIATIONS,
    place_key,
)
from eventdesk.geo.variants import CITY_HEAD, CITY_KINDS, loose_candidates, shorter_name
from eventdesk.geo.variants import candidates_for as candidates_for  # re-exported: extract/events
from eventdesk.model import Span

# `Town, Qualifier`: up to three capitalised words or a dotted abbreviation after a comma.
_QUALIFIER = re.compile(r",\s+((?:[A-Z][\w.]*\.?)(?:\s+[A-Z][\w.]*){0,2})")
# What follows a qualifier that is really the next item of a list (`Washington, New York and
# Boston`): `and`/`or` and a capitalised word.
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+[A-Z]")
_POSTAL_CODES = frozenset(US_STATE_ABBREVIATIONS.values())
# Kinds whose name, shared by a town, is hardly ever the town (`Canadian`, Texas; `White House`,
# Tennessee): see `_Decision.names_an_area`.
_AREA_KINDS = frozenset({"country", "continent", "region", "site"})
# Places precise enough to stand in for an unknown street or building near them in the text.
_LOCAL_KINDS = frozenset({"city", "capital", "admin2", "site"})
# Places that can hold an unknown street or building named right before them (`X in Y`, `X, Y`).
_HOST_KINDS = _LOCAL_KINDS | {"admin1"}
_CONTAINED_IN = re.compile(r",\s*|\s+(?:in|at|near|outside)\s+(?:the\s+)?")
# Town candidates per name that take part in co-location, biggest first (bounds the work for
# names with hundreds of namesakes), and the most supporting names counted.
_SUPPORT_CANDIDATES = 80
_SUPPORT_CAP = 3
_EARTH_DIAMETER_KM = 12_742.0
# Kilometres of arc per degree of latitude, and the slack the latitude prefilter of `_within_km`
# leaves for rounding in the haversine (far above it: a part in a million).
_KM_PER_DEGREE = _EARTH_DIAMETER_KM / 2 * math.pi / 180
_PREFILTER_MARGIN = 1.000001
# Everyday names of countries (`Palestine`, `Holland`): a town so named is a country namesake,
# as `Mexico`, Missouri is, not a demonym's namesake (`Canadian`, Texas).
_COUNTRY_NAME_KEYS = frozenset(place_key(name) for name in COUNTRY_ALIASES)


@dataclass(frozen=True, slots=True, kw_only=True)
class Weights:
    """Scoring weights (see module docstring); tuned on half of LGL and GeoWebNews."""

    country_prior: float = 4.0
    continent_prior: float = 7.0
    admin1_prior: float = 3.0
    admin2_prior: float = 3.0
    bare_county: float = 0.0
    capital_prior: float = 1.0
    metropolis: float = 1.0  # cities of a million or more
    population: float = 0.6
    region_population: float = 0.2  # a region's population is the sum of its towns'
    primary_name: float = 1.0
    context_country: float = 6.0
    context_region: float = 1.0
    qualifier: float = 12.0
    listed_qualifier: float = 2.0  # `Washington, New York and Boston`: maybe a list, maybe not
    nearby: float = 1.0
    nearby_km: float = 100.0
    near_area_km: float = 300.0  # a town near another country's point
    support: float = 1.0
    country_namesake: float = 1.0
    area_namesake: float = 6.0
    support_km: float = 30.0
    # A small town named like a far bigger city abroad (London, Ohio; Toronto, Ohio) takes only
    # this share of the country-context bonus unless its region or a neighbour is named too.
    namesake_context: float = 0.0
    namesake_ratio: float = 20.0
    rounds: int = 3


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    """The place chosen for one toponym mention, with its score and its lead over the runner-up.

    `inferred` marks a name the gazetteer lacks that took the nearest town of the document.
    """

    mention: Span
    place: Place
    score: float
    margin: float
    inferred: bool = False


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return _EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, a)))


def _within_km(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """`distance_km(...) < km`, skipping the trigonometry for pairs whose latitudes alone are
    farther apart: an arc is never shorter than its latitude difference. The margin keeps every
    pair the haversine could still put inside `km` (rounding) on the exact path."""
    if abs(lat2 - lat1) * _KM_PER_DEGREE > km * _PREFILTER_MARGIN:
        return False
    return distance_km(lat1, lon1, lat2, lon2) < km


def _any_within(lat: float, lon: float, points: Iterable[tuple[float, float]], km: float) -> bool:
    """`_within_km` of any of `points`, with the same test inlined (called for every candidate
    against every chosen town)."""
    limit = km * _PREFILTER_MARGIN
    for other_lat, other_lon in points:
        if abs(other_lat - lat) * _KM_PER_DEGREE > limit:
            continue
        if distance_km(lat, lon, other_lat, other_lon) < km:
            return True
    return False


def _qualifier_places(gazetteer: Gazetteer, text: str, mention: Span) -> tuple[list[Place], bool]:
    """Regions or countries named right after `mention` (`Gainesville, Ga.`), and whether the
    list goes on after them (`Washington, New York and Boston`), which makes them a weak cue."""
    match = _QUALIFIER.match(text, mention.end)
    if match is None:
        return [], False
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size])
        end = match.start(1) + len(phrase)
        listed = _LIST_GOES_ON.match(text, end) is not None
        if phrase.rstrip(".") in _POSTAL_CODES and phrase.isupper():
            region = gazetteer.region("US", phrase.rstrip("."))
            return ([region] if region else []), listed
        found = [p for p in gazetteer.candidates(phrase) if p.kind in ("admin1", "country")]
        if found:
            return found, listed
    return [], False


def _contains(outer: Place, inner: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country and inner.place_id != outer.place_id
    if outer.kind == "admin1":
        return inner.country == outer.country and inner.admin1 == outer.admin1 != ""
    return False


class _Decision:
    """One distinct name of the document: its mentions, candidates and qualifiers."""

    def __init__(self, key: str, mentions: list[Span], candidates: tuple[Place, ...]) -> None:
        self.key = key
        self.mentions = mentions
        self.candidates = candidates
        self.qualifiers: list[Place] = []
        self.listed_qualifiers: list[Place] = []
        self.best: Place | None = None
        self.support: dict[int, int] = {}
        cities = [p for p in candidates if p.kind in CITY_KINDS]
        biggest = max(cities, key=lambda p: p.population, default=None)
        self.famous = biggest if biggest is not None and biggest.population >= CITY_HEAD else None
        self.names_a_country = any(
            p.kind in ("country", "continent")
            and (place_key(p.name) == key or key in _COUNTRY_NAME_KEYS)
            for p in candidates
        )
        # `Canadian`, `Pacific`, `Middle East`: a demonym, alias or world-region name that also
        # names a town; unlike a country's own name (`Mexico`, `Lebanon`) it is hardly ever the town.
        self.names_an_area = not self.names_a_country and any(
            p.kind in _AREA_KINDS for p in candidates
        )
        # Each candidate's score before the context (see `_fixed_score`), set once the support is
        # counted; and the last ranking with the places it was made against (see `_rank`).
        self.fixed: list[float] = []
        self.ranked_against: tuple[Place, ...] | None = None
        self.ranking: list[tuple[float, Place]] = []


def _prior(place: Place, key: str, weights: Weights) -> float:
    kind_prior = {
        "country": weights.country_prior,
        "continent": weights.continent_prior,
        "region": weights.continent_prior,
        "site": weights.continent_prior,
        "admin1": weights.admin1_prior,
        "admin2": weights.admin2_prior,
        "capital": weights.capital_prior,
    }.get(place.kind, 0.0)
    size = weights.region_population if place.kind == "admin1" else weights.population
    score = kind_prior + size * math.log10(place.population + 1)
    if place.population >= 1_000_000 and place.kind in CITY_KINDS:
        score += weights.metropolis
    name_key = place_key(place.name)
    if name_key == key:
        score += weights.primary_name
    elif place.kind == "admin2" and not key.endswith(COUNTY_SUFFIXES):
        score += weights.bare_county
    return score


def resolve_mentions(
    text: str,
    mentions: Sequence[Span],
    *,
    gazetteer: Gazetteer,
    context: Sequence[Place] = (),
    weights: Weights = DEFAULT_WEIGHTS,
    infer_unknown: bool = True,
) -> dict[Span, Resolved]:
    """Resolve toponym `mentions` of `text` to gazetteer places.

    `context` holds places already known from the document (they vote like resolved mentions).
    A name the gazetteer lacks is tried without a leading compass word (`West Surrey`) and by its
    leading words (`Birmingham City`, `Arizona State University`); a name still unknown takes the
    nearest town the document resolved around it (`Royal Street` -> the article's New Orleans),
    marked `inferred` (with `infer_unknown=False` it is left out). On the geoparsing corpora this
    fallback is worth 2-4 points of accuracy: their gold marks many streets and buildings.
    """
    groups: dict[str, list[Span]] = defaultdict(list)
    for mention in mentions:
        groups[place_key(mention.text)].append(mention)
    decisions = []
    unknown: list[Span] = []
    for key, spans in groups.items():
        variant, found = key, candidates_for(gazetteer, spans[0].text)
        if not found:
            variant, found = shorter_name(gazetteer, spans[0].text)
        if not found:
            found = loose_candidates(gazetteer, spans[0].text)
        if not found:
            unknown += spans
            continue
        decision = _Decision(variant, spans, found)
        for span in spans:
            places, listed = _qualifier_places(gazetteer, text, span)
            (decision.listed_qualifiers if listed else decision.qualifiers).extend(places)
        decisions.append(decision)
    _count_support(decisions, weights)
    for decision in decisions:  # context-free first pass
        priors = [_prior(p, decision.key, weights) for p in decision.candidates]
        decision.best = decision.candidates[max(range(len(priors)), key=priors.__getitem__)]
        decision.fixed = [
            _fixed_score(p, prior, decision, weights)
            for p, prior in zip(decision.candidates, priors, strict=True)
        ]
    for _ in range(weights.rounds):  # each round re-reads the context the last one chose
        rankings = [_rank(decision, decisions, context, weights) for decision in decisions]
        for decision, ranked in zip(decisions, rankings, strict=True):
            decision.best = ranked[0][1]
    resolved: dict[Span, Resolved] = {}
    for decision in decisions:
        ranked = _rank(decision, decisions, context, weights)
        score, place = ranked[0]
        margin = score - ranked[1][0] if len(ranked) > 1 else math.inf
        for span in decision.mentions:
            resolved[span] = Resolved(mention=span, place=place, score=score, margin=margin)
    if infer_unknown:
        towns = sorted(
            (r for r in resolved.values() if r.place.kind in _LOCAL_KINDS),
            key=lambda r: r.mention.start,
        )
        towns = _in_main_region(towns, list(resolved.values()))
        starts = {r.mention.start: r for r in resolved.values() if r.place.kind in _HOST_KINDS}
        for span in unknown:
            near = _container(text, span, starts) or _nearest(towns, span)
            if near is not None:
                resolved[span] = Resolved(
                    mention=span, place=near.place, score=0.0, margin=0.0, inferred=True
                )
    return resolved


def _count_support(decisions: list[_Decision], weights: Weights) -> None:
    """For each town candidate, how many other names of the document have a candidate near it.

    `Paris` with `Henry County` and `Whitlock` is Paris, Tennessee, where all three have
    namesakes side by side, before any of them is decided. Candidates sit in one-degree cells, so
    each check reads the neighbouring cells only.
    """
    cells: dict[tuple[int, int], list[tuple[int, Place]]] = defaultdict(list)
    local = [
        sorted((p for p in d.candidates if p.kind in _LOCAL_KINDS), key=lambda p: -p.population)[
            :_SUPPORT_CANDIDATES
        ]
        for d in decisions
    ]
    for index, places in enumerate(local):
        for place in places:
            cells[(int(place.latitude), int(place.longitude))].append((index, place))
    for index, (decision, places) in enumerate(zip(decisions, local, strict=True)):
        for place in places:
            lat, lon = int(place.latitude), int(place.longitude)
            supporters = {
                owner
                for dlat in (-1, 0, 1)
                for dlon in (-2, -1, 0, 1, 2)
                for owner, other in cells.get((lat + dlat, lon + dlon), ())
                if owner != index
                and _within_km(
                    place.latitude, place.longitude, other.latitude, other.longitude,
                    weights.support_km,
                )
            }  # fmt: skip
            decision.support[place.place_id] = len(supporters)


def _in_main_region(towns: list[Resolved], resolved: list[Resolved]) -> list[Resolved]:
    """The towns in the first-level region most of the document's place mentions fall in.

    An unknown street is far likelier in the report's own region (`Louisiana`, and towns there)
    than beside a stray namesake (`Bourbon` as Bourbon County, Kentucky) that happens to stand
    next to it in the text.
    """
    regions = Counter(
        (r.place.country, r.place.admin1)
        for r in resolved
        if r.place.admin1 and r.place.kind in ("city", "capital", "admin1", "admin2")
    )
    if not regions:
        return towns
    (main, count), *rest = regions.most_common(2)
    if count < 2 or (rest and rest[0][1] == count):
        return towns
    inside = [r for r in towns if (r.place.country, r.place.admin1) == main]
    return inside or towns


def _container(text: str, span: Span, starts: dict[int, Resolved]) -> Resolved | None:
    """The place named right after an unknown name as where it is: `Palais des Nations in
    Geneva`, `Knockhill, Fife`, `Collins Avenue in Miami Beach`."""
    link = _CONTAINED_IN.match(text, span.end)
    return starts.get(link.end()) if link else None


def _nearest(towns: list[Resolved], span: Span) -> Resolved | None:
    """The resolved town mention closest to `span` in the text, preceding ones first on ties."""
    if not towns:
        return None
    return min(
        towns, key=lambda r: (abs(r.mention.start - span.start), r.mention.start > span.start)
    )


def _rank(
    decision: _Decision, decisions: list[_Decision], context: Sequence[Place], weights: Weights
) -> list[tuple[float, Place]]:
    """The candidates of `decision`, best first, given the places chosen for the other names.

    The ranking depends on nothing else, and after a round or two the choices settle: against
    the same places it is the last ranking again (a ranking is never mutated by its readers).
    """
    others = (*(d.best for d in decisions if d is not decision and d.best is not None), *context)
    if others == decision.ranked_against:
        return decision.ranking
    chosen = _Chosen.of(others)
    ranking = sorted(
        (
            (_score(p, fixed, decision, chosen, weights), p)
            for p, fixed in zip(decision.candidates, decision.fixed, strict=True)
        ),
        key=lambda pair: (-pair[0], pair[1].place_id),
    )
    decision.ranked_against, decision.ranking = others, ranking
    return ranking


@dataclass(frozen=True, slots=True)
class _Chosen:
    """What the places chosen for the other names say, tallied once per ranking: every candidate
    of a name is scored against the same others, so counting them per candidate was wasted."""

    countries: Counter[str]
    regions: Counter[tuple[str, str]]
    total: int
    town_points: tuple[tuple[float, float], ...]
    areas: tuple[Place, ...]
    empty: bool

    @classmethod
    def of(cls, others: Sequence[Place]) -> _Chosen:
        countries = Counter(p.country for p in others if p.country)
        return cls(
            countries=countries,
            regions=Counter(
                (p.country, p.admin1) for p in others if p.kind != "country" and p.admin1
            ),
            total=sum(countries.values()),
            town_points=tuple(
                (p.latitude, p.longitude)
                for p in others
                if p.kind in CITY_KINDS or p.kind == "admin2"
            ),
            areas=tuple(p for p in others if p.kind in ("country", "admin1")),
            empty=not others,
        )


def _named_after_its_city(region: Place, decision: _Decision) -> bool:
    """`Aleppo`, `New York`: a region that shares its name with a big city inside it."""
    return any(
        p.kind in CITY_KINDS
        and p.population >= 100_000
        and (p.country, p.admin1) == (region.country, region.admin1)
        for p in decision.candidates
    )


def _fixed_score(place: Place, prior: float, decision: _Decision, weights: Weights) -> float:
    """The part of a candidate's score the other names' places do not change: its prior, the
    namesake penalties, its qualifiers and its support (added in `_score`'s order)."""
    score = prior
    if place.kind in CITY_KINDS and place.population < 1_000_000 and decision.names_a_country:
        # `Mexico` is the country, whatever the report's country: towns named after countries
        # (Mexico, Missouri; Lebanon, Indiana) need a qualifier or strong local support.
        score -= weights.country_namesake
    if place.kind in CITY_KINDS and place.population < 1_000_000 and decision.names_an_area:
        score -= weights.area_namesake
    if place.kind == "admin1" and _named_after_its_city(place, decision):
        # Said alone, such a name means the city; `Aleppo province` finds no city candidate.
        score -= weights.admin1_prior
    if any(_contains(q, place) for q in decision.qualifiers):
        score += weights.qualifier
    elif any(_contains(q, place) for q in decision.listed_qualifiers):
        score += weights.listed_qualifier
    score += weights.support * min(decision.support.get(place.place_id, 0), _SUPPORT_CAP)
    return score


def _score(
    place: Place, fixed: float, decision: _Decision, others: _Chosen, weights: Weights
) -> float:
    """A candidate's score: its `_fixed_score` plus what the places chosen for the other names
    say (country and region context, nearness)."""
    score = fixed
    if place.kind == "continent" or others.empty:
        return score
    in_region = place.kind != "country" and others.regions[(place.country, place.admin1)] > 0
    lat, lon = place.latitude, place.longitude
    near = (place.kind in CITY_KINDS or place.kind == "admin2") and _any_within(
        lat, lon, others.town_points, weights.nearby_km
    )
    if not near and place.kind in CITY_KINDS:
        # A town beside the point of a country or region the report names (`Gaza` in a report
        # on Israel is Gaza, not the Mozambican province).
        near = _any_within(
            lat,
            lon,
            ((p.latitude, p.longitude) for p in others.areas if p.country != place.country),
            weights.near_area_km,
        )
    if others.total:
        share = weights.context_country * others.countries[place.country] / others.total
        famous = decision.famous
        if (
            famous is not None
            and place.kind in CITY_KINDS
            and famous.country != place.country
            and place.population * weights.namesake_ratio < famous.population
            and not in_region
            and not near
            and not decision.support.get(place.place_id, 0)
        ):
            share *= weights.namesake_context
        score += share
    score += weights.context_region if in_region else 0.0
    score += weights.nearby if near else 0.0
    return score
