"""PLOVER typing of own sentences: verbal cues (coercion, refusals said as negated acceptance,
resignations, asylum), promises and announced coercion, and the PLOVER type of extracted events."""

from __future__ import annotations

from typing import Any

import pytest
from event_support import events_of

from eventdesk.events.plover import plover_of_sentence


@pytest.mark.parametrize(
    ("sentence", "plover"),
    [
        ("The government banned the opposition weekly on Monday.", "COERCE"),
        ("Police prevented the students from reaching the square.", "COERCE"),
        ("The council imposed a curfew on the river districts.", "COERCE"),
        ("The council will impose a curfew on the capital from Friday.", "THREATEN"),
        ("The ministry said it would tighten the blockade of the port.", "THREATEN"),
        ("The army lifted the curfew in the northern districts.", "CONCEDE"),
        ("The governor eased the emergency measures in the valley.", "CONCEDE"),
        ("The ministry will not accept the commission's findings.", "REJECT"),
        ("The two unions failed to reach agreement on wages.", "REJECT"),
        ("The cabinet is opposed to foreign mediation.", "REJECT"),
        ("The defence minister resigned on Sunday.", "RETREAT"),
        ("The guerrillas declared a unilateral ceasefire on Tuesday.", "RETREAT"),
        ("The widow is suing the ministry over her husband's death.", "ACCUSE"),
        ("The envoy lodged a formal protest with the embassy.", "ACCUSE"),
        ("Canada granted asylum to four defecting pilots.", "AID"),
        ("The agency is providing tents and blankets to the flooded villages.", "AID"),
        ("The minister promised to hold free elections within a year.", "AGREE"),
        ("The province is ready to send engineers to the valley.", "AGREE"),
        ("The rebels swore to fight on until the capital falls.", "THREATEN"),
        ("The union said it would halt aid deliveries to the region.", "THREATEN"),
    ],
)
def test_event_plover_verbal_sentences(sentence: str, plover: str) -> None:
    assert plover_of_sentence(sentence, []) == plover


def _events(nlp: Any, text: str) -> list[Any]:
    return events_of(nlp, text, published="2031-05-06")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Government troops withdrew from the town of Kesh on Monday.", "RETREAT"),
        ("Two hundred rebels surrendered to the army near Olvo last week.", "RETREAT"),
        ("The army deployed two battalions to the border on Monday.", "MOBILIZE"),
        ("Rebels shelled the market of Dorva on Friday, killing 3 people.", "ASSAULT"),
        ("The militia threatened to shell the market of Dorva.", "THREATEN"),
    ],
)
def test_event_plover_of_extracted_events(nlp: Any, text: str, plover: str) -> None:
    found = _events(nlp, text)
    assert found and found[0].plover == plover


@pytest.mark.model
def test_event_plover_verbal_cue_before_the_event_trigger(nlp: Any) -> None:
    text = "The ministry rejected reports that its jets bombed the camp at Selva."
    assert plover_of_sentence(text, _events(nlp, text)) == "REJECT"
