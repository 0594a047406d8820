"""Score and rank each name's gazetteer candidates against the places chosen for the others.

`rank(decisions, context, weights)` takes a document's names (`Decision`: mentions, candidates,
qualifiers), picks a context-free best for each, then re-ranks every name against the places
chosen for the other names (and the `context` places) for `weights.rounds` rounds, and returns the
final ranking of each. The score terms are described in `eventdesk.geo.resolve`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventdesk.geo.gazetteer import Place
from eventdesk.geo.names import COUNTRY_ALIASES, COUNTY_SUFFIXES, place_key
from eventdesk.geo.variants import CITY_HEAD, CITY_KINDS
from eventdesk.model import Span

# Kinds whose name, shared by a town, is hardly ever the town (`Canadian`, Texas; `White House`,
# Tennessee): see `Decision.names_an_area`.
_AREA_KINDS = frozenset({"country", "continent", "region", "site"})
# Places precise enough to stand in for an unknown street or building near them in the text.
LOCAL_KINDS = frozenset({"city", "capital", "admin2", "site"})
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


def _contains(outer: Place, inner: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country and inner.place_id != outer.place_id
    if outer.kind == "admin1":
        return inner.country == outer.country and inner.admin1 == outer.admin1 != ""
    return False


class Decision:
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
        # counted; and the last ranking with the places it was made against (see `_rank_all`).
        self.fixed: list[float] = []
        self.ranked_against: tuple[Place | None, ...] | None = None
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


def rank(
    decisions: list[Decision], context: Sequence[Place], weights: Weights
) -> list[list[tuple[float, Place]]]:
    """Each decision's candidates as (score, place), best first, once the rounds are done."""
    _count_support(decisions, weights)
    for decision in decisions:  # context-free first pass
        priors = [_prior(p, decision.key, weights) for p in decision.candidates]
        decision.best = decision.candidates[max(range(len(priors)), key=priors.__getitem__)]
        decision.fixed = [
            _fixed_score(p, prior, decision, weights)
            for p, prior in zip(decision.candidates, priors, strict=True)
        ]
    for _ in range(weights.rounds):  # each round re-reads the context the last one chose
        rankings = _rank_all(decisions, context, weights)
        for decision, ranked in zip(decisions, rankings, strict=True):
            decision.best = ranked[0][1]
    return _rank_all(decisions, context, weights)


def _count_support(decisions: list[Decision], weights: Weights) -> None:
    """For each town candidate, how many other names of the document have a candidate near it.

    `Paris` with `Henry County` and `Whitlock` is Paris, Tennessee, where all three have
    namesakes side by side, before any of them is decided. Candidates sit in one-degree cells, so
    each check reads the neighbouring cells only.
    """
    cells: dict[tuple[int, int], list[tuple[int, Place]]] = defaultdict(list)
    local = [
        sorted((p for p in d.candidates if p.kind in LOCAL_KINDS), key=lambda p: -p.population)[
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


def _rank_all(
    decisions: list[Decision], context: Sequence[Place], weights: Weights
) -> list[list[tuple[float, Place]]]:
    """Each decision's candidates, best first, given the places chosen for the other names.

    A ranking depends on nothing else, and after a round or two the choices settle: against the
    same places it is the last ranking again (a ranking is never mutated by its readers). The
    chosen places are tallied once for the pass (`_Chosen`); each name is scored against all of
    them but its own choice.
    """
    bests = tuple(d.best for d in decisions)
    chosen: _Chosen | None = None
    rankings = []
    for index, decision in enumerate(decisions):
        others = bests[:index] + bests[index + 1 :]
        if others != decision.ranked_against:
            chosen = chosen or _Chosen.of(bests, context)
            view = _Others(chosen, index, decision.best)
            decision.ranking = sorted(
                (
                    (_score(p, fixed, decision, view, weights), p)
                    for p, fixed in zip(decision.candidates, decision.fixed, strict=True)
                ),
                key=lambda pair: (-pair[0], pair[1].place_id),
            )
            decision.ranked_against = others
        rankings.append(decision.ranking)
    return rankings


@dataclass(frozen=True, slots=True)
class _Chosen:
    """The places chosen for a document's names, and the context places, tallied once per
    ranking pass: countries, first-level regions, town points and areas, each point and area
    with the index of the decision that chose it (-1 for context)."""

    countries: Counter[str]
    regions: Counter[tuple[str, str]]
    total: int  # places with a country
    count: int  # places
    town_points: tuple[tuple[float, float], ...]
    town_owners: tuple[int, ...]
    areas: tuple[Place, ...]
    area_owners: tuple[int, ...]

    @classmethod
    def of(cls, bests: Sequence[Place | None], context: Sequence[Place]) -> _Chosen:
        owned = [(i, p) for i, p in enumerate(bests) if p is not None]
        owned += [(-1, p) for p in context]
        countries = Counter(p.country for _, p in owned if p.country)
        towns = [(i, p) for i, p in owned if p.kind in CITY_KINDS or p.kind == "admin2"]
        areas = [(i, p) for i, p in owned if p.kind in ("country", "admin1")]
        return cls(
            countries=countries,
            regions=Counter(
                (p.country, p.admin1) for _, p in owned if p.kind != "country" and p.admin1
            ),
            total=sum(countries.values()),
            count=len(owned),
            town_points=tuple((p.latitude, p.longitude) for _, p in towns),
            town_owners=tuple(i for i, _ in towns),
            areas=tuple(p for _, p in areas),
            area_owners=tuple(i for i, _ in areas),
        )


class _Others:
    """`_Chosen` as one decision sees it: every chosen place but its own choice `own` (index
    `index`), which the tallies give back one count of."""

    __slots__ = (
        "_areas",
        "_towns",
        "chosen",
        "empty",
        "index",
        "own_country",
        "own_region",
        "total",
    )

    def __init__(self, chosen: _Chosen, index: int, own: Place | None) -> None:
        self.chosen = chosen
        self.index = index
        self.own_country = own.country if own is not None else ""
        self.total = chosen.total - (1 if self.own_country else 0)
        self.empty = chosen.count - (own is not None) == 0
        counted = own is not None and own.kind != "country" and own.admin1
        self.own_region = (own.country, own.admin1) if counted and own is not None else None
        # The other names' town points and areas, filtered when a candidate first needs them.
        self._towns: tuple[tuple[float, float], ...] | None = None
        self._areas: tuple[Place, ...] | None = None

    def in_country(self, country: str) -> int:
        """How many other places lie in `country` (never counting places without one)."""
        mine = 1 if self.own_country and country == self.own_country else 0
        return self.chosen.countries[country] - mine

    def in_region(self, region: tuple[str, str]) -> int:
        return self.chosen.regions[region] - (1 if region == self.own_region else 0)

    def town_points(self) -> tuple[tuple[float, float], ...]:
        if self._towns is None:
            chosen, index = self.chosen, self.index
            self._towns = tuple(
                point
                for point, owner in zip(chosen.town_points, chosen.town_owners, strict=True)
                if owner != index
            )
        return self._towns

    def areas(self) -> tuple[Place, ...]:
        if self._areas is None:
            chosen, index = self.chosen, self.index
            self._areas = tuple(
                area
                for area, owner in zip(chosen.areas, chosen.area_owners, strict=True)
                if owner != index
            )
        return self._areas


def _named_after_its_city(region: Place, decision: Decision) -> bool:
    """`Aleppo`, `New York`: a region that shares its name with a big city inside it."""
    return any(
        p.kind in CITY_KINDS
        and p.population >= 100_000
        and (p.country, p.admin1) == (region.country, region.admin1)
        for p in decision.candidates
    )


def _fixed_score(place: Place, prior: float, decision: Decision, weights: Weights) -> float:
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
    place: Place, fixed: float, decision: Decision, others: _Others, weights: Weights
) -> float:
    """A candidate's score: its `_fixed_score` plus what the places chosen for the other names
    say (country and region context, nearness)."""
    score = fixed
    if place.kind == "continent" or others.empty:
        return score
    in_region = place.kind != "country" and others.in_region((place.country, place.admin1)) > 0
    lat, lon = place.latitude, place.longitude
    near = (place.kind in CITY_KINDS or place.kind == "admin2") and _any_within(
        lat, lon, others.town_points(), weights.nearby_km
    )
    if not near and place.kind in CITY_KINDS:
        # A town beside the point of a country or region the report names (`Gaza` in a report
        # on Israel is Gaza, not the Mozambican province).
        near = _any_within(
            lat,
            lon,
            ((p.latitude, p.longitude) for p in others.areas() if p.country != place.country),
            weights.near_area_km,
        )
    if others.total:
        share = weights.context_country * others.in_country(place.country) / others.total
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
