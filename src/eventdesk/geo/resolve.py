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
The scoring and ranking live in `eventdesk.geo.ranking`; this module finds each name's candidates
and qualifiers, and places the names the gazetteer lacks.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from eventdesk.geo.gazetteer import Gazetteer, Place
from eventdesk.geo.names import US_STATE_ABBREVIATIONS, place_key
from eventdesk.geo.ranking import DEFAULT_WEIGHTS, LOCAL_KINDS, Decision, Weights, rank
from eventdesk.geo.ranking import distance_km as distance_km  # re-exported: tests, benchmarks
from eventdesk.geo.variants import candidates_for as candidates_for  # re-exported: extract/events
from eventdesk.geo.variants import loose_candidates, shorter_name
from eventdesk.model import Span

# `Town, Qualifier`: up to three capitalised words or a dotted abbreviation after a comma.
_QUALIFIER = re.compile(r",\s+((?:[A-Z][\w.]*\.?)(?:\s+[A-Z][\w.]*){0,2})")
# What follows a qualifier that is really the next item of a list (`Washington, New York and
# Boston`): `and`/`or` and a capitalised word.
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+[A-Z]")
_POSTAL_CODES = frozenset(US_STATE_ABBREVIATIONS.values())
# Places that can hold an unknown street or building named right before them (`X in Y`, `X, Y`).
_HOST_KINDS = LOCAL_KINDS | {"admin1"}
_CONTAINED_IN = re.compile(r",\s*|\s+(?:in|at|near|outside)\s+(?:the\s+)?")


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
    decisions: list[Decision] = []
    unknown: list[Span] = []
    loose: set[int] = set()  # decisions whose candidates only a spelling-blind key found
    for key, spans in groups.items():
        variant, found = key, candidates_for(gazetteer, spans[0].text)
        if not found:
            variant, found = shorter_name(gazetteer, spans[0].text)
        if not found:
            found = loose_candidates(gazetteer, spans[0].text)
            if found:
                loose.add(len(decisions))
        if not found:
            unknown += spans
            continue
        decision = Decision(variant, spans, found)
        for span in spans:
            places, listed = _qualifier_places(gazetteer, text, span)
            (decision.listed_qualifiers if listed else decision.qualifiers).extend(places)
        decisions.append(decision)
    resolved: dict[Span, Resolved] = {}
    rankings = rank(decisions, context, weights)
    # A spelling-blind match stands only in a country the document already speaks of: a
    # village the gazetteer lacks (`near the village of Tacharane`, in a report on Mali) is
    # not Tehran because one of Tehran's spellings folds to the same key.
    known = {p.country for p in context if p.country} | {
        ranked[0][1].country
        for number, ranked in enumerate(rankings)
        if number not in loose and ranked[0][1].country
    }
    for number, (decision, ranked) in enumerate(zip(decisions, rankings, strict=True)):
        score, place = ranked[0]
        if number in loose and known and place.country not in known:
            unknown += decision.mentions
            continue
        margin = score - ranked[1][0] if len(ranked) > 1 else math.inf
        for span in decision.mentions:
            resolved[span] = Resolved(mention=span, place=place, score=score, margin=margin)
    if infer_unknown:
        towns = sorted(
            (r for r in resolved.values() if r.place.kind in LOCAL_KINDS),
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
