"""One act, one event, typed by its most specific act and told by a real speaker (session 3,
round 2). Reports are fictional, written for these tests; places are real towns so that the
geocoder can place them.

- An attack on police or soldiers is an armed clash, on anyone else an attack on civilians:
  one trigger gives one event, typed by its target (ACLED's definitions, docs/events.md).
- A merged event takes its most specific act (`assemble.SPECIFICITY`): a bombing told as a
  suicide bombing is a suicide bomb.
- The source of an event is a speaker's name or role, never a bare demonym.
- An act named again with only a definite article and no doer ("the scene of the airstrike")
  is the act told before, even when that one is told on others' word; a deal said to be vital
  or possible is sought, not made.
"""

from __future__ import annotations

import pytest
from event_support import events_of
from spacy.language import Language

from eventdesk.events.assemble import same_act
from eventdesk.events.mentions import is_back_reference, is_sought
from eventdesk.events.modality import occurred
from eventdesk.extract.events import is_demonym
from eventdesk.model import Event


def _all_events(nlp: Language, text: str) -> list[Event]:
    return events_of(nlp, text, published="2026-03-18")


def _occurred(nlp: Language, text: str) -> list[Event]:
    return [e for e in _all_events(nlp, text) if occurred(e.modality)]


def _described(found: list[Event]) -> list[tuple[str, str | None, list[str]]]:
    return [(e.sub_event_type, e.source, [s.text for s in e.evidence]) for e in found]


ONE_ACT = [
    ("Gunmen attacked a police station in Garissa on Monday, killing two officers.", "Armed clash"),
    (
        "Rebels ambushed a police convoy near Mandera on Tuesday, killing four policemen.",
        "Armed clash",
    ),
    ("Militiamen raided an army base near Wajir on Friday, killing three soldiers.", "Armed clash"),
    ("Gunmen killed two police officers at a checkpoint in Garissa on Monday.", "Armed clash"),
    ("Gunmen attacked a refugee camp near Garissa on Monday, killing two people.", "Attack"),
    ("Gunmen attacked a village in Garissa on Monday, killing two farmers.", "Attack"),
    ("Bandits stormed a bus on the Garissa road on Sunday and shot dead two passengers.", "Attack"),
    ("Gunmen opened fire on worshippers at a mosque in Garissa on Friday, killing six.", "Attack"),
    # "stormed" with an armed target (no event at all before this round).
    ("Militants stormed an army base near Gao on Monday, killing five soldiers.", "Armed clash"),
    ("Gunmen stormed a police post in Gao on Monday.", "Armed clash"),
    # Rioters storming a police building are one riot.
    (
        "Protesters stormed the police headquarters in Gao on Monday, setting it on fire.",
        "Violent demonstration",
    ),
    # Stalls burnt by an air strike are its damage, not a second event; looting alone is one.
    (
        "An airstrike set fire to stalls near the market in Gao on Tuesday, killing two herders.",
        "Air/drone strike",
    ),
    ("Looters ransacked shops in Gao on Tuesday.", "Looting/property destruction"),
    # Executing captives is violence against them whoever they are.
    ("Soldiers executed five police officers in Garissa on Monday.", "Attack"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), ONE_ACT)
def test_one_act_gives_one_event_typed_by_its_target(
    nlp: Language, text: str, sub_event_type: str
) -> None:
    found = _occurred(nlp, text)
    assert [e.sub_event_type for e in found] == [sub_event_type], _described(found)
    if sub_event_type == "Armed clash":
        assert found[0].actor2 is not None and "Civilians" not in found[0].actor2


MERGED = [
    # A bomb told as an explosion by the police and as a suicide bomber by a witness.
    (
        "An explosion tore through a market in Wajir on Monday, killing eight people, police "
        "said. A suicide bomber detonated his vest among shoppers, a witness told reporters.",
        "Suicide bomb",
        8,
    ),
    # A bombing from the air named an air strike by another speaker.
    (
        "A bomb hit a rebel camp near Mandera on Tuesday, officials said. A military spokesman "
        "said the air strike killed 11 fighters.",
        "Air/drone strike",
        11,
    ),
    # A raid on a village in which women were raped.
    (
        "Gunmen raided the village of Dadaab on Monday, killing three men, police said. Two "
        "women were raped during the raid, a witness said.",
        "Sexual violence",
        3,
    ),
    # A plain explosion word never decides: the act stays the attack it is part of.
    (
        "Gunmen stormed a hotel in Garissa on Monday, killing four guests, police said. "
        "Residents heard an explosion during the attack, a witness said.",
        "Attack",
        4,
    ),
]


@pytest.mark.parametrize(("text", "sub_event_type", "best"), MERGED)
def test_a_merged_event_takes_its_most_specific_act(
    nlp: Language, text: str, sub_event_type: str, best: int
) -> None:
    found = _occurred(nlp, text)
    assert [e.sub_event_type for e in found] == [sub_event_type], _described(found)
    assert found[0].fatalities is not None and found[0].fatalities.best == best


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Remote explosive/landmine/IED", "Suicide bomb", True),
        ("Air/drone strike", "Remote explosive/landmine/IED", True),
        ("Attack", "Sexual violence", True),
        ("Attack", "Attack", True),
        # Two specific acts, or a battle and a capture, are not taken for one another.
        ("Air/drone strike", "Shelling/artillery/missile attack", False),
        ("Armed clash", "Government regains territory", False),
        ("Attack", "Armed clash", False),
        ("Peaceful protest", "Protest with intervention", False),
    ],
)
def test_which_acts_may_name_one_occurrence(one: str, other: str, same: bool) -> None:
    assert same_act(one, other) is same
    assert same_act(other, one) is same


SOURCES = [
    (
        "Gunmen attacked a hotel in Mogadishu on Monday, killing nine people, according to "
        "witnesses and a Somali lawmaker.",
        "witnesses and a Somali lawmaker",
    ),
    (
        "Iraqi officials said an airstrike killed a senior militant near Fallujah on Monday.",
        "Iraqi officials",
    ),
    # A place or an outlet inside the speaker phrase does not speak.
    (
        "A herder in Ansongo, who asked not to be named, said an airstrike hit the market on "
        "Tuesday.",
        "A herder in Ansongo",
    ),
    (
        "A student in Garissa, who spoke with VOA on condition of anonymity, said gunmen "
        "attacked a village on Monday.",
        "A student in Garissa",
    ),
    (
        "Haiti's secretary of state, Frantz Exantus, said gunmen attacked a village near "
        "Gonaives on Monday.",
        "Frantz Exantus",
    ),
    (
        "An airstrike killed a senior militant near Fallujah on Monday, according to Iraqi police.",
        "Iraqi police",
    ),
]


@pytest.mark.parametrize(("text", "source"), SOURCES)
def test_the_source_is_a_speaker_never_a_demonym(nlp: Language, text: str, source: str) -> None:
    found = _occurred(nlp, text)
    assert [e.source for e in found] == [source], _described(found)


@pytest.mark.parametrize(
    ("name", "demonym"),
    [("Somali", True), ("Iraqis", True), ("Somalia", False), ("Central African Republic", False)],
)
def test_demonyms_are_told_from_country_names(name: str, demonym: bool) -> None:
    assert is_demonym(name) is demonym


# The airstrike told on officials' word, then named again in a sentence about arrests elsewhere.
SCENE = (
    "Iraqi officials said an airstrike killed a senior militant in Iraq's Anbar province on "
    "Thursday. Documents collected at the scene of the airstrike led to the arrest of four men "
    "in the northern city of Mosul."
)
# An older attack of the same kind, told as background.
BACKGROUND = (
    "Gunmen attacked a hotel in Garissa on Monday, killing five people, police said. "
    "The single biggest attack, in 2015, killed at least 140 students."
)


def test_an_act_named_again_without_a_doer_is_the_act_told_before(nlp: Language) -> None:
    strikes = [e for e in _occurred(nlp, SCENE) if e.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1, _described(strikes)
    assert any("scene of the airstrike" in s.text for s in strikes[0].evidence)
    # The sentence that names it again is about the arrests: it does not place the strike.
    assert strikes[0].location is not None and strikes[0].location.name != "Mosul"


def test_an_older_act_of_the_same_kind_stays_apart(nlp: Language) -> None:
    attacks = [e for e in _occurred(nlp, BACKGROUND) if e.sub_event_type == "Attack"]
    assert len(attacks) == 2, _described(attacks)


@pytest.mark.parametrize(
    ("text", "word", "back"),
    [
        (
            "Documents collected at the scene of the airstrike were sent to Baghdad.",
            "airstrike",
            True,
        ),
        ("Police sealed off the area after the attack.", "attack", True),
        ("The single biggest attack killed 25 people.", "attack", False),
        ("Residents fled after an airstrike on the town.", "airstrike", False),
        ("The 2009 bombing killed 25 people.", "bombing", False),
    ],
)
def test_a_bare_definite_act_refers_back(nlp: Language, text: str, word: str, back: bool) -> None:
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == word]
    assert is_back_reference(token) is back


@pytest.mark.parametrize(
    ("text", "word", "sought"),
    [
        ("The minister said a deal was vital to secure the port.", "deal", True),
        ("Both sides said an agreement is possible before the rains.", "agreement", True),
        ("Diplomats said a deal is needed to end the fighting.", "deal", True),
        ("The deal was signed in Nairobi on Monday.", "deal", False),
        ("The agreement is holding, the monitors said.", "agreement", False),
    ],
)
def test_a_deal_said_to_be_needed_is_sought(
    nlp: Language, text: str, word: str, sought: bool
) -> None:
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == word]
    assert is_sought(token) is sought


# The strike is told in Anbar; a later sentence about it names Baghdad only as where its
# planners were.
PLANNED_ELSEWHERE = (
    "An airstrike killed five militants in Iraq's Anbar province on Thursday, officials said. "
    "A spokesman said the airstrike had been planned for weeks by commanders from Baghdad."
)


def test_a_later_mention_does_not_move_the_event_out_of_its_region(nlp: Language) -> None:
    (strike,) = _occurred(nlp, PLANNED_ELSEWHERE)
    assert len(strike.evidence) == 2
    assert strike.location is not None and strike.location.name == "Anbar"
