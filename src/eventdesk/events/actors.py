"""Actors: surface forms and aliases mapped to canonical ACLED-style actors, country and inter code.

The dictionary is a data file shipped in the package (`data/actors.tsv`, maintained by hand; see its
header). Generic forms ("civilians", "security forces") carry a `{country}` slot filled from a
demonym next to them ("Syrian troops"), else from the country the document speaks of most
(`data/countries.tsv`). A phrase that the dictionary does not know is kept as its surface text with
no inter code: an unknown actor is never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventdesk.events.prefix_index import PrefixIndex

# Words after a leader's name that make the phrase that leader's forces ("Assad's troops").
_LEADER_TAILS = r"regime|forces|troops|army|gangs|loyalists|soldiers|militias|jets|warplanes"
_ARTICLE = r"(?:(?:al|el)[-‐‑ ])?"
ANY_COUNTRY = "*"
# Country names ACLED writes with "the" ("Military Forces of the United States").
_COUNTRIES_WITH_THE = frozenset(
    {
        "United States",
        "United Kingdom",
        "Philippines",
        "Democratic Republic of Congo",
        "Central African Republic",
        "Netherlands",
        "United Arab Emirates",
    }
)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary row: a surface form and the canonical actor it names."""

    surface: str
    canonical: str
    country: str | None
    inter: int | None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found in a text: where, what it says, and the canonical actor it resolves to."""

    start: int
    end: int
    text: str
    name: str
    country: str | None
    inter: int | None
    known: bool


def _data_lines(name: str) -> list[list[str]]:
    text = (resources.files("eventdesk") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(country, pattern of its names and demonyms) for every country of `countries.tsv`."""
    table = []
    for country, names in _data_lines("countries.tsv"):
        alternatives = "|".join(
            re.escape(n) for n in sorted(names.split("|"), key=len, reverse=True)
        )
        table.append((country, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)))
    return tuple(table)


@lru_cache(maxsize=1)
def _country_index() -> PrefixIndex:
    """The country patterns indexed by the first letters of their names."""
    return PrefixIndex(pattern for _, pattern in countries())


@lru_cache(maxsize=4096)
def country_mentions(text: str) -> Counter[str]:
    """How often each known country is named in `text` (by name, demonym or main city), as
    `findall` of its pattern counts. Cached: do not mutate the result."""
    counts: Counter[str] = Counter()
    table = countries()
    for index, matches in _country_index().matches(text).items():
        counts[table[index][0]] = len(matches)
    return counts


def main_country(text: str) -> str | None:
    """The country a text speaks of most, or None when it names none."""
    counts = country_mentions(text)
    return counts.most_common(1)[0][0] if counts else None


class ActorDictionary:
    """Surface forms to canonical actors, matched longest first on whole words."""

    def __init__(self, entries: list[ActorEntry]) -> None:
        self.entries = tuple(entries)
        self._by_surface: dict[str, ActorEntry] = {}
        plain: list[str] = []
        self._leaders: list[tuple[re.Pattern[str], ActorEntry]] = []
        for entry in entries:
            if entry.surface.startswith("@"):
                name = re.escape(entry.surface[1:])
                rx = rf"\b{_ARTICLE}{name}(?:'s|’s)?\s+(?:{_LEADER_TAILS})\b"
                self._leaders.append((re.compile(rx, re.IGNORECASE), entry))
                continue
            self._by_surface[entry.surface.lower()] = entry
            plain.append(entry.surface)
        # "Military Forces of Syria" filled from a template is the dictionary's dated name.
        self._dated: dict[str, str] = {
            e.canonical.split(" (")[0]: e.canonical
            for e in entries
            if e.canonical.endswith("-)") and "{" not in e.canonical
        }
        plain.sort(key=len, reverse=True)
        body = "|".join(re.escape(s) for s in plain)
        self._pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
        # Where the leaders' patterns and the alternation of surfaces can match, by prefix:
        # the alternation would be entered branch by branch at every word start.
        self._leader_index = PrefixIndex(pattern for pattern, _ in self._leaders)
        self._surface_index = PrefixIndex([self._pattern])

    def entry_for(self, surface: str) -> ActorEntry | None:
        """The entry whose surface form is exactly `surface` (case-insensitive), if any."""
        return self._by_surface.get(surface.lower().strip())

    def find(self, text: str, *, country: str | None = None) -> list[ActorMention]:
        """Every known actor named in `text`, longest match first, without overlaps, in order.

        `country` fills the `{country}` slot of generic actors that carry no demonym of their own.
        """
        found: list[ActorMention] = []
        for index, matches in self._leader_index.matches(text).items():
            entry = self._leaders[index][1]
            found.extend(self._mention(text, m.start(), m.end(), entry, country) for m in matches)
        for match in self._surface_index.matches(text).get(0, ()):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            entry = self._by_surface[match.group(0).lower()]
            found.append(self._mention(text, match.start(), match.end(), entry, country))
        return sorted(found, key=lambda m: m.start)

    def resolve(self, text: str, *, country: str | None = None) -> ActorMention:
        """The canonical actor a phrase names: its longest known actor, else the phrase itself."""
        known = self.find(text, country=country)
        if known:
            return max(known, key=lambda m: (m.end - m.start, -m.start))
        surface = text.strip()
        return ActorMention(0, len(text), text, surface, country, None, known=False)

    def _mention(
        self, text: str, start: int, end: int, entry: ActorEntry, country: str | None
    ) -> ActorMention:
        own = entry.country if entry.country not in (None, ANY_COUNTRY) else None
        # A demonym just before a generic form names its country ("Iraqi troops").
        before = main_country(text[max(0, start - 25) : start])
        place = own or before or country
        name = entry.canonical
        if "{country}" in name:
            name = name.replace("{country}", place) if place else name.replace(" ({country})", "")
            name = name.replace(" of {country}", "")
            name = self._dated.get(name, name)
            if place in _COUNTRIES_WITH_THE:
                name = name.replace(f" of {place}", f" of the {place}")
        return ActorMention(start, end, text[start:end], name, place, entry.inter, known=True)


def _int_or_none(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


@lru_cache(maxsize=1)
def load_actors() -> ActorDictionary:
    """The packaged actor dictionary (read once)."""
    entries = [
        ActorEntry(surface.strip(), canonical.strip(), country.strip() or None, _int_or_none(inter))
        for surface, canonical, country, inter in _data_lines("actors.tsv")
    ]
    return ActorDictionary(entries)
