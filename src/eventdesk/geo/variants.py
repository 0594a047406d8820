"""Names as news writes them, and the gazetteer names they stand for.

`candidates_for` looks a mention up with the forms the gazetteer does not store (`Idlib
Province`, bare county names, `Qamishli` for `Al Qamishli`); `shorter_name` is the fallback for
a name still unknown (demonyms of regions, institutions and sites named after a place, leading
words). `is_local_feature` says whether an unknown name is a street or building.
"""

from __future__ import annotations

import functools
import re

from eventdesk.geo.gazetteer import Gazetteer, Place
from eventdesk.geo.names import (
    ADMIN_SUFFIXES,
    AMBIGUOUS_ABBREVIATIONS,
    COUNTY_SUFFIXES,
    US_STATE_ABBREVIATIONS,
    loose_key,
    place_key,
)

CITY_KINDS = frozenset({"city", "capital"})
_NOTABLE_HEAD = 10_000
CITY_HEAD = 100_000
_APOSTROPHES = "\u2018\u2019\u02bf\u02bc\u02bb"
_AREA_KINDS = frozenset({"admin1", "country", "region"})
# Arabic articles as transliterated (`al-Qamishli`, `ad-Dana`, `el-Arish`); keys hold `al qamishli`.
_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "ath ")
# Endings of a people's name and what its place's name ends with instead, tried in order:
# Iowans, Ohioans -> Iowa, Ohio; Texan -> Texas; Ontarians -> Ontario; Sicilian -> Sicily;
# Floridians -> Florida; Abkhaz, Serb -> Abkhazia, Serbia.
_DEMONYM_ENDINGS = (
    ("ians", "ia"), ("ians", "io"), ("ians", "y"), ("ians", "a"), ("ian", "ia"), ("ian", "io"),
    ("ian", "y"), ("ian", "a"), ("ans", "a"), ("ans", ""), ("an", "a"), ("an", ""), ("ans", "as"),
    ("an", "as"), ("ns", ""), ("n", ""), ("s", ""), ("", "ia"),
)  # fmt: skip
_DEMONYM_SHAPE = re.compile(r"^[A-Z][a-z]{3,}$")

# Words that make an unknown name a local feature (`is_local_feature`).
_FEATURE_WORDS = frozenset(
    """street st road rd avenue ave boulevard blvd lane drive highway square plaza park church
    cathedral mosque temple school college university hospital airport station stadium arena
    center centre market bridge river lake creek canal harbour harbor port beach island quarter
    district neighborhood neighbourhood estate village camp prison court hall building tower
    house palace castle hill mountain mount valley forest base""".split()
)
# First words of institutions named after their place (`Bank of England`): never a place.
_INSTITUTION_WORDS = frozenset(
    """university college bank council embassy consulate ministry department institute academy
    school hospital museum federal central national royal state church cathedral""".split()
)
_COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central upper lower greater".split()
)


# Cached: one name is looked up when its entity is taken as a toponym, again when it is
# resolved, and again by the events' locations; the gazetteer is read-only, so the answer for a
# (gazetteer, text) pair never changes.
@functools.lru_cache(maxsize=16_384)
def candidates_for(gazetteer: Gazetteer, text: str) -> tuple[Place, ...]:
    """Places a mention may name, trying `X Province`-style forms as `X` for regions."""
    key = place_key(text)
    if "." in text and text in US_STATE_ABBREVIATIONS:
        # `La.`, `Pa.`, `Wash.`: AP's dotted state abbreviations never name a town (`L.A.`).
        state = gazetteer.region("US", US_STATE_ABBREVIATIONS[text])
        return (state,) if state else ()
    found = gazetteer.lookup(key) or _without_or_with_article(gazetteer, key)
    if text.isupper() and len(text) <= 3:
        # `OAS`, `CHU`: a short acronym is an organisation, not the small town spelled like it.
        found = tuple(p for p in found if p.kind not in CITY_KINDS or p.population >= CITY_HEAD)
    if key in AMBIGUOUS_ABBREVIATIONS:
        found = tuple(p for p in found if p.kind not in ("admin1", "admin2"))
    if " " not in key and found and all(p.kind in CITY_KINDS for p in found):
        # A bare county name (`DeKalb`, `Oconee`) is as often the county as a town.
        for suffix in COUNTY_SUFFIXES[:2]:
            found = (*found, *gazetteer.lookup(key + suffix))
    elif " " not in key and not found:
        found = tuple(p for s in COUNTY_SUFFIXES[:2] for p in gazetteer.lookup(key + s))
    for suffix in ADMIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            regions = [p for p in gazetteer.lookup(key[: -len(suffix)]) if p.kind != "city"]
            found = tuple(dict.fromkeys((*found, *regions)))
    return found


def is_local_feature(name: str) -> bool:
    """`Royal Street`, `Al-Nuri Mosque`: a name of a street, building or site within a town."""
    return bool(_FEATURE_WORDS.intersection(place_key(name).split()))


def shorter_name(gazetteer: Gazetteer, text: str) -> tuple[str, tuple[Place, ...]]:
    """A name the gazetteer lacks, tried as a shorter or related name: the region of a demonym
    (`Iowans`), the place of an institution (`Bank of Japan`), a town after a site word, the
    name without a compass word (`West Surrey`), or its leading words (`Birmingham City`)."""
    words = text.split()
    region = _region_of_demonym(gazetteer, text)
    if region:
        return region
    if len(words) > 2 and words[0].lower() in _INSTITUTION_WORDS:
        # `Bank of Japan`, `University of Alberta`: the place follows the last `of`; the head
        # word is never the place (`University`, Florida; `Bank`, India).
        lowered = [w.lower() for w in words]
        if "of" in lowered:
            tail = words[len(lowered) - lowered[::-1].index("of") :]
            if tail and tail[0].lower() == "the":
                tail = tail[1:]
            found = candidates_for(gazetteer, " ".join(tail)) if tail else ()
            if found:
                return place_key(" ".join(tail)), found
        return place_key(text), ()
    lowered = [w.lower() for w in words]
    marks = [i for i, w in enumerate(lowered) if w in _INSTITUTION_WORDS or w in _FEATURE_WORDS]
    tail = words[marks[-1] + 1 :] if marks else []
    if tail and all(w[:1].isupper() for w in tail):
        # `Robinson College Cambridge`, `British Embassy Tokyo`: a town after the institution.
        found = candidates_for(gazetteer, " ".join(tail))
        if found:
            return place_key(" ".join(tail)), found
    if len(words) > 1 and words[0].lower() in _COMPASS_WORDS:
        found = candidates_for(gazetteer, " ".join(words[1:]))
        if found:
            return place_key(" ".join(words[1:])), found
    named_site = any(w in _FEATURE_WORDS or w in _INSTITUTION_WORDS for w in lowered)
    for size in range(len(words) - 1, 0, -1):
        head = words[:size]
        if not all(w[:1].isupper() for w in head) or head[0].lower() in _COMPASS_WORDS:
            continue
        # Only a notable head: `Birmingham City`, not the hamlet `Meadow` of `Meadow Grove`; and
        # before a site word only a region or a city (`Arizona State University`), since
        # `Rogers Centre` and `Stonewall Golf Club` are named after people, not towns.
        least = CITY_HEAD if named_site else _NOTABLE_HEAD
        found = tuple(
            p
            for p in candidates_for(gazetteer, " ".join(head))
            if (p.kind not in CITY_KINDS and not (named_site and p.kind == "admin2"))
            or p.population >= least
        )
        if found:
            return place_key(" ".join(head)), found
    return place_key(text), ()


def _without_or_with_article(gazetteer: Gazetteer, key: str) -> tuple[Place, ...]:
    """`Qamishli` as `Al Qamishli`, `al-Bab` as `Bab`: Arabic place names are written with and
    without their article, and GeoNames keeps only some of the forms."""
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            found = gazetteer.lookup(key[len(article) :])
            if found:
                return found
    if " " in key or len(key) < 4:
        return ()
    return gazetteer.lookup("al " + key) or gazetteer.lookup("el " + key)


def _region_of_demonym(gazetteer: Gazetteer, text: str) -> tuple[str, tuple[Place, ...]] | None:
    """`Iowans` -> Iowa, `Texan` -> Texas: a people's name whose place is a region or country
    (countries' own demonyms are in the index already)."""
    if not _DEMONYM_SHAPE.match(text):
        return None
    for ending, replacement in _DEMONYM_ENDINGS:
        if not text.endswith(ending) or (ending == "s" and text.endswith("as")):
            continue  # `Americas` is not the people of America
        stem = text[: len(text) - len(ending)] + replacement
        found = tuple(p for p in gazetteer.candidates(stem) if p.kind in _AREA_KINDS)
        if found and len(stem) >= 4:
            return place_key(stem), found
    return None


def loose_candidates(gazetteer: Gazetteer, text: str) -> tuple[Place, ...]:
    """The last resort for a name nothing else found: a spelling-blind match among the
    transliterated names of Arabic-, Persian- and Pashto-speaking countries (`Deir ez Zor`,
    `Ras al-Ain`; GeoNames gives many of their towns no population, so none is required)."""
    key = loose_key(text)
    # News spells these names in plain ASCII, with at most curly apostrophes (`Ra’s`); `Rügen`
    # is a German name, not a spelling of Rudan.
    if len(key) < 6 or not all(c.isascii() or c in _APOSTROPHES for c in text):
        return ()
    return gazetteer.lookup(key)
