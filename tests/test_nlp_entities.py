"""Entity repairs and alias merging on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventdesk.nlp import aliases, components
from eventdesk.nlp.aliases import EntityCluster, cluster_entities
from eventdesk.nlp.names import (
    acronym_of,
    is_acronym,
    looks_like_demonym,
    name_key,
    sublist_index,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Al-Assad", ("assad",)),
        ("the United Nations", ("united", "nations")),
        ("Kareem’s", ("kareem",)),
        ("Salem Abu Al-Nasr", ("salem", "abu", "nasr")),
    ],
)
def test_names_key(text: str, key: tuple[str, ...]) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian", True),
        ("Shia", True),
        ("Qataris", True),
        ("Lebanese", True),
        ("Aleppo", False),
        ("Mosul", False),
        ("Kharkiv", False),
    ],
)
def test_names_demonym_shape(text: str, expected: bool) -> None:
    assert looks_like_demonym(text) is expected


def test_names_acronyms() -> None:
    assert is_acronym("OGN") and is_acronym("U.N.") and not is_acronym("Kareem")
    assert acronym_of("On the Ground News") == "OGN"
    assert acronym_of("United Nations") == "UN"


def clusters(nlp: Language, text: str) -> dict[str, tuple[str, list[str]]]:
    return {c.name: (c.label, [s.text for s in c.spans]) for c in cluster_entities(nlp(text))}


def test_entities_forename_and_surname_join_the_full_name(nlp: Language) -> None:
    text = (
        "The nurse Amira Haddad Khoury spoke from the clinic on Tuesday. "
        "Khoury said the road was closed. Later, Amira said they had no fuel left."
    )
    found = clusters(nlp, text)
    label, mentions = found["Amira Haddad Khoury"]
    assert label == "PERSON"
    assert mentions.count("Khoury") == 1 and mentions.count("Amira") == 1
    assert "Khoury" not in found and "Amira" not in found


def test_entities_acronym_joins_its_organisation(nlp: Language) -> None:
    text = (
        "Officials from the World Food Programme (WFP) arrived in the town on Monday. "
        "The WFP said it would deliver flour to 3,000 families."
    )
    found = clusters(nlp, text)
    assert "World Food Programme" in found
    assert found["World Food Programme"][1].count("WFP") >= 1
    assert "WFP" not in found


def test_entities_untagged_repeats_of_a_place_are_tagged(nlp: Language) -> None:
    text = (
        "Shells fell on the old city of Ravensk overnight. Residents of Ravensk fled west. "
        "Save Ravensk, the banners read."
    )
    found = clusters(nlp, text)
    assert found["Ravensk"][0] in {"GPE", "LOC"}
    assert len(found["Ravensk"][1]) == 3


@pytest.mark.parametrize(
    ("text", "name", "labels"),
    [
        # A street or facility the model reads as a person.
        (
            "Protesters gathered on Calle Marinero before noon, witnesses said.",
            "Calle Marinero",
            {"FAC"},
        ),
        (
            "Fighting resumed in Gao on Monday. Gao has no shelters.",
            "Gao",
            {"GPE", "LOC", "FAC"},
        ),
    ],
)
def test_entities_place_words_make_places(
    nlp: Language, text: str, name: str, labels: set[str]
) -> None:
    found = clusters(nlp, text)
    assert name in found
    assert found[name][0] in labels


@pytest.mark.parametrize(
    "text",
    ["Shells fell in Tenkodo on Sunday, residents said.", "Shelling continued in Oumar on Friday."],
)
def test_entities_one_word_name_after_in_is_a_place(nlp: Language, text: str) -> None:
    found = clusters(nlp, text)
    (name,) = [n for n in found if n in text]
    assert found[name][0] == "GPE"


def test_entities_leading_article_and_open_bracket_trimmed(nlp: Language) -> None:
    text = (
        "Fighters of the Lake Country Liberation Front (LCLF) attacked the post. "
        "The LCLF later said two of its men died."
    )
    found = clusters(nlp, text)
    assert "Lake Country Liberation Front" in found
    assert all(
        not m.startswith("the ") and "(" not in m for m in found["Lake Country Liberation Front"][1]
    )


def test_entities_title_with_of_is_not_part_of_the_name(nlp: Language) -> None:
    found = clusters(nlp, "Secretary of State Marco Rubio said the talks would resume.")
    assert "Marco Rubio" in found and found["Marco Rubio"][0] == "PERSON"


def test_entities_place_run_into_the_following_name_is_split_off(nlp: Language) -> None:
    text = (
        "Protests spread across Myanmar on Monday. “The army has increased the violence,” "
        "U.N. Resident Coordinator for Myanmar Andrew Kirkwood said. "
        "Kirkwood said more people were held in Myanmar."
    )
    doc = nlp(text)
    assert ("Andrew Kirkwood", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert [e.label_ for e in doc.ents if e.text == "Myanmar"] == ["GPE"] * 3
    found = clusters(nlp, text)
    assert "Myanmar" not in found["Andrew Kirkwood"][1]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The toll of Monday night's shelling of Gao has risen to 14, officials said.", "Gao"),
        ("Gunmen were seen about 100 kilometres south of Gao on Tuesday.", "Gao"),
        ("The group threatened to target Gao airport if the convoys kept running.", "Gao"),
        ("The man was seen in Bamako, Mali, on Sunday.", "Mali"),
    ],
)
def test_entities_words_around_a_name_that_only_places_take(
    nlp: Language, text: str, place: str
) -> None:
    assert [e.label_ for e in nlp(text).ents if e.text == place] == ["GPE"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("“We will not leave,” Chad Okafor said. Chad said the road was shut.", "Chad"),
        ("Speaking in Bamako, Amadou Keita, Mali's envoy, said the talks would go on.", "Keita"),
    ],
)
def test_entities_people_named_like_places_stay_people(
    nlp: Language, text: str, person: str
) -> None:
    labels = {e.label_ for e in nlp(text).ents if person in e.text}
    assert labels == {"PERSON"}


_WORDS = st.sampled_from(["bilal", "abdul", "kareem", "lina", "shamy"])
_KEYS = st.lists(_WORDS, min_size=1, max_size=4).map(tuple)


@settings(max_examples=300, deadline=None)
@given(st.lists(_KEYS, max_size=5), _KEYS)
def test_entities_name_parts_lookup_matches_the_scan(
    full_names: list[tuple[str, ...]], key: tuple[str, ...]
) -> None:
    """Part of a full name: the set of a document's name parts answers as scanning every name."""
    scanned = any(len(key) < len(name) and sublist_index(name, key) >= 0 for name in full_names)
    assert (key in components._name_parts(full_names)) is scanned


@settings(max_examples=300, deadline=None)
@given(_KEYS, _KEYS)
def test_entities_cluster_key_runs_match_the_scan(
    name: tuple[str, ...], key: tuple[str, ...]
) -> None:
    cluster = aliases._Open(EntityCluster(" ".join(name), "PERSON", []), name, [])
    assert cluster.mentions_key(key) is (sublist_index(name, key) >= 0)


@pytest.mark.parametrize("label", ["GPE", "LOC", "PERSON"])
def test_armed_group_tagged_as_place_or_person_is_an_organisation(
    nlp: Language, label: str
) -> None:
    from spacy.tokens import Span as SpacySpan

    from eventdesk.nlp.components import _relabel_armed_groups, _SpanNames

    doc = nlp.make_doc("Fighters of al-Shabab and of Boko Haram attacked Kidal.")
    group = SpacySpan(doc, 2, 5, label=label)  # al - Shabab
    assert group.text == "al-Shabab"
    town = SpacySpan(doc, 10, 11, label="GPE")
    fixed = _relabel_armed_groups([group, town], _SpanNames())
    assert [(e.text, e.label_) for e in fixed] == [("al-Shabab", "ORG"), ("Kidal", "GPE")]
