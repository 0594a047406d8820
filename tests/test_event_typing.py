"""Event typing: ACLED taxonomy strings, the cue typer on own sentences, several events per
sentence, out-of-scope reports, and the events extractor on own fictional ACLED-style notes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.events.taxonomy import (
    EVENT_TYPES,
    PLOVER_OF_SUB_EVENT,
    SUB_EVENT_TYPES,
    event_type_of,
    normalise_plover,
    plover_of,
)
from eventdesk.events.typing import classify_text, is_acled, type_sentence
from eventdesk.model import Document


def test_taxonomy_has_acled_six_types_and_twenty_five_sub_types() -> None:
    assert list(EVENT_TYPES) == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    assert len(SUB_EVENT_TYPES) == len(set(SUB_EVENT_TYPES)) == 25
    assert event_type_of("Shelling/artillery/missile attack") == "Explosions/Remote violence"
    assert event_type_of("Remote explosive/landmine/IED") == "Explosions/Remote violence"
    assert event_type_of("Abduction/forced disappearance") == "Violence against civilians"
    assert set(PLOVER_OF_SUB_EVENT) == set(SUB_EVENT_TYPES)


def test_taxonomy_plover_mapping_and_legacy_names() -> None:
    assert plover_of("Peaceful protest") == "PROTEST"
    assert plover_of("Arrests") == "COERCE"
    assert normalise_plover("fight") == "ASSAULT"
    assert normalise_plover("DEMAND") == "REQUEST"
    with pytest.raises(KeyError):
        event_type_of("Shelling")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Government warplanes struck a market in the northern town of Qarvan.",
            "Air/drone strike",
        ),
        ("A drone strike hit a car near the border crossing.", "Air/drone strike"),
        (
            "Rebel mortar shells landed on the old quarter overnight.",
            "Shelling/artillery/missile attack",
        ),
        ("A suicide bomber blew himself up at the checkpoint.", "Suicide bomb"),
        ("A roadside bomb exploded as the patrol passed.", "Remote explosive/landmine/IED"),
        ("Unknown men hurled a hand grenade into the tea shop.", "Grenade"),
        ("Witnesses said chlorine gas filled the basement after the attack.", "Chemical weapon"),
        ("Gunmen stormed the village and executed six farmers.", "Attack"),
        ("Militiamen abducted the mayor of Telvar on Sunday.", "Abduction/forced disappearance"),
        ("Soldiers raped two women at the camp, the report found.", "Sexual violence"),
        ("Heavy clashes broke out between the army and the rebels.", "Armed clash"),
        (
            "Hundreds of teachers marched to the ministry to demand higher wages.",
            "Peaceful protest",
        ),
        (
            "Police fired tear gas to disperse the protesters outside parliament.",
            "Protest with intervention",
        ),
        (
            "Security forces opened fire on protesters, killing four.",
            "Excessive force against protesters",
        ),
        ("Rioters torched cars and threw stones at police.", "Violent demonstration"),
        ("An angry mob lynched a man accused of theft.", "Mob violence"),
        ("The two factions agreed to a ceasefire on Friday.", "Agreement"),
        ("Police arrested twelve members of the opposition party.", "Arrests"),
        ("The army deployed reinforcements to the northern front.", "Change to group/activity"),
        ("Soldiers seized a cache of weapons and ammunition in a raid.", "Disrupted weapons use"),
        ("The army set up a new military base near the river.", "Headquarters or base established"),
        ("Looters ransacked shops in the market district.", "Looting/property destruction"),
    ],
)
def test_typing_types_own_sentences(sentence: str, expected: str) -> None:
    assert classify_text(sentence).best == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Government troops recaptured the town of Belmor from the rebels.",
            "Government regains territory",
        ),
        (
            "Insurgents seized control of the district headquarters.",
            "Non-state actor overtakes territory",
        ),
        (
            "The army withdrew and the militia took over the town without a fight.",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_typing_territory_depends_on_who_gains(sentence: str, expected: str) -> None:
    assert classify_text(sentence).best == expected


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A magnitude 6 earthquake flattened houses in the valley.", "natural disaster"),
        ("Toxic fumes spread after a chemical leak at the fertiliser plant.", "man-made disaster"),
        ("The government expelled two diplomats over the affair.", "diplomacy"),
        ("The group claimed responsibility for the bombing.", "attribution"),
        ("Police broke up a drug smuggling ring at the port.", "crime"),
    ],
)
def test_typing_out_of_scope_reports_are_not_acled_events(sentence: str, kind: str) -> None:
    typing = classify_text(sentence)
    assert typing.best == kind
    assert not is_acled(typing.best)


def test_typing_finds_two_events_of_different_types_in_one_sentence() -> None:
    typing = type_sentence(
        "The militias are committing atrocities in the districts they recaptured last week."
    )
    assert "Attack" in typing.labels
    assert any(label.endswith("territory") for label in typing.labels)


def test_typing_shelling_that_kills_is_one_shelling() -> None:
    typing = type_sentence("Artillery shelled the village, killing three civilians.")
    assert typing.labels == ("Shelling/artillery/missile attack",)


def test_typing_triggers_point_into_the_text() -> None:
    sentence = "A car bomb exploded near the stadium."
    typing = type_sentence(sentence)
    assert typing.triggers
    for trigger in typing.triggers:
        assert 0 <= trigger.start < trigger.end <= len(sentence)


def test_typing_victims_alone_make_no_event() -> None:
    assert type_sentence("Thousands of civilians live in the old city.").best is None


def _run_events(nlp: Any, text: str, published: str | None = "2020-05-04") -> list[Any]:
    from eventdesk.extract.entities import entities
    from eventdesk.extract.events import events

    document = Document(text=text, source="test", format="text", published=published)
    doc = nlp(text)
    found = {"entities": tuple(entities(doc, document, {}))}
    return list(events(doc, document, found))


@pytest.mark.model
def test_events_extractor_codes_an_acled_note(nlp: Any) -> None:
    text = (
        "On 3 May 2020, Syrian regime forces shelled the village of Kafr Nabl, killing 2 civilians."
    )
    (event,) = _run_events(nlp, text)
    assert event.event_type == "Explosions/Remote violence"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Syria (2000-)"
    assert event.inter1 == 1
    assert event.actor2 == "Civilians (Syria)"
    assert event.inter2 == 7
    assert event.modality == "asserted"
    assert event.source is None
    assert event.fatalities is not None and event.fatalities.best == 2
    assert event.plover == "ASSAULT"
    assert all(span.holds_in(text) for span in (*event.evidence, *event.actor_mentions))


@pytest.mark.model
def test_events_extractor_finds_several_events_in_one_report(nlp: Any) -> None:
    text = (
        "Police arrested fifteen students in Dorvan on Monday. "
        "Separately, a roadside bomb exploded near a military convoy on the coastal road."
    )
    kinds = {e.sub_event_type for e in _run_events(nlp, text)}
    assert kinds == {"Arrests", "Remote explosive/landmine/IED"}


@pytest.mark.model
def test_events_extractor_keeps_an_unknown_actor_as_written(nlp: Any) -> None:
    text = "The Black Lantern Brigade shelled the outskirts of Rimaz on Tuesday."
    (event,) = _run_events(nlp, text)
    assert event.actor1 == "Black Lantern Brigade"
    assert event.inter1 is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The ship carried a missile propellant ingredient bound for the port.",
        "The ministers held talks on a possible ceasefire.",
        "The two party leaders clashed over the budget on television.",
        "Tanks and jets took part in the anniversary parade.",
    ],
)
def test_typing_words_of_weapons_and_talks_alone_make_no_event(sentence: str) -> None:
    assert not is_acled(type_sentence(sentence).best)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "",
        "“Unbalanced quotation: the militia shelled the camp, he said.",
        "No event here at all, only a bland remark about the weather.",
        "Shelled. Shelled. Shelled.",
    ],
)
def test_events_extractor_survives_odd_texts(nlp: Any, text: str) -> None:
    for event in _run_events(nlp, text, published=None):
        assert all(span.holds_in(text) for span in (*event.evidence, *event.actor_mentions))
        assert event.date is None or event.date.start is not None or event.date.end is not None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_typing_triggers_lie_in_any_text(text: str) -> None:
    for trigger in type_sentence(text).triggers:
        assert 0 <= trigger.start < trigger.end <= len(text)
