"""Tests of rule-based speaker resolution (`eventdesk.nlp.coref`) on sentences written for them."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token

from eventdesk.nlp.aliases import EntityCluster, cluster_entities
from eventdesk.nlp.coref import SpeakerResolver
from eventdesk.nlp.names import has_personal_name_shape
from eventdesk.nlp.role_phrases import roles_of

pytestmark = pytest.mark.model


def _token(doc: Doc, text: str, nth: int = 0) -> Token:
    return [t for t in doc if t.text == text][nth]


@pytest.mark.parametrize(
    ("text", "head", "nth", "name", "kind", "mention"),
    [
        # surname and forename resolve to the full name given earlier
        (
            "Viktor Hallan fixed the pump. Later Hallan left.",
            "Hallan",
            1,
            "Viktor Hallan",
            "person",
            "Hallan",
        ),
        (
            "Greta Solberg stayed. Then Greta left town.",
            "Greta",
            1,
            "Greta Solberg",
            "person",
            "Greta",
        ),
        # pronouns: the nearest sentence's subject first, else its most recent person
        (
            "Marcus Delane met Peter Smith at noon. He left at one.",
            "He",
            0,
            "Marcus Delane",
            "person",
            "He",
        ),
        (
            "The prize went to Marcus Delane and later to Peter Smith. He left at one.",
            "He",
            0,
            "Peter Smith",
            "person",
            "He",
        ),
        (
            "Nina Castell told Peter Smith she would stay.",
            "she",
            0,
            "Nina Castell",
            "person",
            "she",
        ),
        # a possessive `his` holds a statement noun (`his promise to …`) like `he`
        (
            "Marcus Delane spoke at noon. His promise to stay won applause.",
            "His",
            0,
            "Marcus Delane",
            "person",
            "His",
        ),
        # a given name the tagger left out of a one-word name (`Ana Brel's` tagged `Brel` ORG)
        # is part of the name, and the whole is a person's
        (
            "Ana Brel's claim that the levy was unfair angered the council.",
            "Brel",
            0,
            "Ana Brel",
            "person",
            "Brel",
        ),
        # a name holding an organisation's word stays an organisation
        (
            "Radio Aren said the pier had closed.",
            "Aren",
            0,
            "Radio Aren",
            "organisation",
            "Radio Aren",
        ),
        # organisations and their acronyms
        (
            "The Northern Relief Agency (NRA) opened a camp. The NRA left.",
            "NRA",
            1,
            "Northern Relief Agency",
            "organisation",
            "NRA",
        ),
        (
            "The United Nations met. Later the UN left.",
            "UN",
            0,
            "United Nations",
            "organisation",
            "UN",
        ),
    ],
)
def test_coref_resolves_names(
    nlp: Language, text: str, head: str, nth: int, name: str, kind: str, mention: str
) -> None:
    doc = nlp(text)
    speaker = SpeakerResolver(doc).resolve(_token(doc, head, nth))
    assert speaker is not None
    assert (speaker.name, speaker.kind) == (name, kind)
    assert speaker.mention is not None
    assert speaker.mention.text == mention
    assert speaker.mention.holds_in(text)


@pytest.mark.parametrize(
    ("text", "head", "name", "role"),
    [
        # a definite nominal resolves to the person holding that role
        (
            "The dentist Ramon Ekker treated twelve people. Then the dentist slept.",
            "dentist",
            "Ramon Ekker",
            "dentist",
        ),
        (
            "The wells are dry, said Lena Varga, a surgeon from the district hospital. "
            "At night the surgeon worked alone.",
            "surgeon",
            "Lena Varga",
            "surgeon from the district hospital",
        ),
    ],
)
def test_coref_resolves_role_nominals(
    nlp: Language, text: str, head: str, name: str, role: str
) -> None:
    doc = nlp(text)
    speaker = SpeakerResolver(doc).resolve(_token(doc, head, 1))
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.kind) == (name, role, "person")


@pytest.mark.parametrize(
    ("text", "head", "kind", "role", "mention"),
    [
        ("One of the old women wept.", "One", "unnamed", "old woman", "One of the old women"),
        ("Two young men, clearly afraid, ran.", "men", "group", "young men", "Two young men"),
        ("The ministry refused.", "ministry", "organisation", "ministry", "The ministry"),
        ("A local teacher spoke.", "teacher", "unnamed", "local teacher", "A local teacher"),
    ],
)
def test_coref_keeps_unnamed_speakers(
    nlp: Language, text: str, head: str, kind: str, role: str, mention: str
) -> None:
    doc = nlp(text)
    speaker = SpeakerResolver(doc).resolve(_token(doc, head))
    assert speaker is not None
    assert speaker.name is None
    assert (speaker.kind, speaker.role) == (kind, role)
    assert speaker.mention is not None
    assert speaker.mention.text == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Those surveyed said the ferry should run.", "Those surveyed"),
        ("Those close to the mayor say she will not run.", "Those close to the mayor"),
    ],
)
def test_coref_those_described_is_a_group(nlp: Language, text: str, mention: str) -> None:
    doc = nlp(text)
    speaker = SpeakerResolver(doc).resolve(_token(doc, "Those"))
    assert speaker is not None
    assert (speaker.name, speaker.kind) == (None, "group")
    assert speaker.mention is not None
    assert speaker.mention.text == mention


def test_coref_bare_those_is_no_group(nlp: Language) -> None:
    # `Those` alone points back at things, not at people.
    doc = nlp("The harbour has two cranes. Those are old.")
    speaker = SpeakerResolver(doc).resolve(_token(doc, "Those"))
    assert speaker is None or speaker.kind != "group"


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Yesterday dentist Ramon Ekker spoke.", ["dentist"]),
        ("We met Turkish President Ilker Demirtas.", ["Turkish President"]),
        (
            "Anna Lindqvist, an engineer from Malmo Water (MW), spoke.",
            ["engineer from Malmo Water (MW)"],
        ),
        (
            "A frightened resident of the port, Anna Lindqvist, spoke.",
            ["frightened resident of the port"],
        ),
        ("Anna Lindqvist, clearly tired, spoke.", []),
        ("Anna Lindqvist, who was tired, spoke.", []),
    ],
)
def test_coref_roles_from_premodifiers_and_appositions(
    nlp: Language, text: str, roles: list[str]
) -> None:
    doc = nlp(text)
    people = [e for e in doc.ents if e.label_ in {"PERSON", "ORG"} and len(e) >= 2]
    assert people, [(e.text, e.label_) for e in doc.ents]
    assert [r.text for r in roles_of(people[0])] == roles


def test_coref_pronoun_skips_names_inside_quotes(nlp: Language) -> None:
    text = "Pia Holm spoke. “Karl Ost is gone,” she said."
    doc = nlp(text)
    inside = {t.i for t in doc if 16 <= t.idx < 36}
    resolver = SpeakerResolver(doc, in_quote=lambda i: i in inside)
    speaker = resolver.resolve(_token(doc, "she"))
    assert speaker is not None
    assert speaker.name == "Pia Holm"


def test_coref_first_person_is_no_speaker(nlp: Language) -> None:
    doc = nlp("I left early.")
    assert SpeakerResolver(doc).resolve(doc[0]) is None


def _clusters_as_data(clusters: list[EntityCluster]) -> list[tuple[str, str, list[str]]]:
    return [(c.name, c.label, [s.text for s in c.spans]) for c in clusters]


def test_cluster_entities_shared_once_per_doc(nlp: Language) -> None:
    """The entities step and the speaker resolver share one clustering of a doc."""
    doc = nlp("Viktor Hallan fixed the pump. Later Hallan left for Oskar.")
    first = cluster_entities(doc)
    again = cluster_entities(doc)
    assert _clusters_as_data(again) == _clusters_as_data(first)
    assert [[s.start for s in c.spans] for c in again] == [
        [s.start for s in c.spans] for c in first
    ]
    resolver = SpeakerResolver(doc)
    assert _clusters_as_data(resolver.clusters) == _clusters_as_data(first)


def test_cluster_entities_memo_follows_changed_entities(nlp: Language) -> None:
    """A doc whose entities changed after clustering is clustered afresh, never from the memo."""
    doc = nlp("Viktor Hallan fixed the pump. Later Hallan left.")
    before = _clusters_as_data(cluster_entities(doc))
    doc.ents = [e for e in doc.ents if e.start > 2]
    after = _clusters_as_data(cluster_entities(doc))
    assert after != before
    assert all(name != "Viktor Hallan" for name, _, _ in after)


def test_cluster_entities_memo_survives_docbin(nlp: Language) -> None:
    """The memo is plain data, so a doc still serialises with its user data."""
    doc = nlp("Viktor Hallan fixed the pump. Later Hallan left.")
    expected = _clusters_as_data(cluster_entities(doc))
    store = DocBin(store_user_data=True)
    store.add(doc)
    (loaded,) = DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab)
    assert _clusters_as_data(cluster_entities(loaded)) == expected


@pytest.mark.parametrize(
    ("name", "personal"),
    [
        ("Ilse Varga", True),
        ("Ada O'Neil", True),
        ("Radio Aren", False),
        ("Al Jazeera", False),
        ("Port Aren", False),
        ("Amnesty International", False),
        ("Reporters Without Borders", False),
        ("UNICEF", False),
        ("Ilse", False),
    ],
)
def test_personal_name_shape(name: str, personal: bool) -> None:
    assert has_personal_name_shape(name) is personal


@pytest.mark.parametrize(
    ("text", "head", "nth", "role", "kind"),
    [
        # `they` stands for the nearest plural subject when no named one is as near
        (
            "Dock workers marched to the hall. They said the levy was unfair.",
            "They",
            0,
            "Dock workers",
            "group",
        ),
        # a named organisation that is no subject loses to the subject's organisation noun
        (
            "The harbour board cited the Aren Ferry Line, which it said had failed.",
            "it",
            0,
            "harbour board",
            "organisation",
        ),
    ],
)
def test_coref_pronoun_stands_for_a_nominal_subject(
    nlp: Language, text: str, head: str, nth: int, role: str, kind: str
) -> None:
    doc = nlp(text)
    speaker = SpeakerResolver(doc).resolve(_token(doc, head, nth))
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.kind) == (None, role, kind)
    assert speaker.mention is not None and speaker.mention.text == head


def test_coref_named_subject_is_still_the_antecedent(nlp: Language) -> None:
    doc = nlp("The Aren Harbour Union met on Monday. It said the levy was unfair.")
    speaker = SpeakerResolver(doc).resolve(_token(doc, "It"))
    assert speaker is not None and speaker.name == "Aren Harbour Union"
