"""One real event told several times in one report is one event; distinct events stay apart; a
standing role or habit is no event. Reports are fictional, written for these tests."""

from __future__ import annotations

import pytest
from event_support import events_of
from spacy.language import Language

from eventdesk import extract
from eventdesk.events.mentions import is_habitual, is_sought
from eventdesk.events.modality import occurred
from eventdesk.extract.events import events
from eventdesk.model import Document, Event

# One attack: a lead, a witness quote with a plain explosion, a resident's account of the blasts.
GUESTHOUSE = (
    "Gunmen stormed a guesthouse in the Kenyan town of Garissa on Monday, leaving at least four "
    "people dead, according to witnesses. "
    '"They attacked the guesthouse at night, with an explosion and then gunmen ran inside. At '
    'least four people, including two teachers, were killed," said Amina Odhiambo, a nurse. '
    "Smoke from the explosions could be seen across the town, a resident said."
)
# Two attacks of one type on one day, in two towns.
TWO_TOWNS = (
    "Gunmen killed five villagers in Garissa on Monday, police said. "
    "Gunmen killed three farmers in Wajir on Monday, residents said."
)
# Two raids on one post, three days apart.
TWO_DAYS = (
    "Militants attacked a police post in Garissa on Monday, killing two officers, police said. "
    "Militants attacked a police post in Garissa on Thursday, killing one officer, police said."
)
# The same place and day, but the report says it is another attack.
SEPARATE = (
    "Gunmen killed five villagers near Garissa on Monday, police said. "
    "In a separate attack, gunmen killed three herders near Garissa, police said."
)
# Two witnesses of one clash.
TWO_WITNESSES = (
    "Fighting broke out between two armed groups in Garissa on Monday, residents said. "
    '"The fighting lasted until dawn," said Hassan Abdi, a shopkeeper.'
)


def _events(nlp: Language, text: str) -> list[Event]:
    return [e for e in events_of(nlp, text, published="2026-03-18") if occurred(e.modality)]


@pytest.mark.parametrize(
    ("text", "count"),
    [(GUESTHOUSE, 1), (TWO_TOWNS, 2), (TWO_DAYS, 2), (SEPARATE, 2), (TWO_WITNESSES, 1)],
    ids=["one-attack-three-accounts", "two-towns", "two-days", "separate-attack", "witnesses"],
)
def test_mentions_of_one_event_merge_and_distinct_events_stay_apart(
    nlp: Language, text: str, count: int
) -> None:
    found = _events(nlp, text)
    assert len(found) == count, [(e.sub_event_type, [s.text for s in e.evidence]) for e in found]


def test_an_explosion_during_an_attack_is_part_of_it_with_the_conservative_toll(
    nlp: Language,
) -> None:
    (event,) = _events(nlp, GUESTHOUSE)
    assert event.event_type == "Violence against civilians"
    # "four people, including two teachers": the two are part of the four, not a lower toll.
    assert event.fatalities is not None
    assert event.fatalities.best == 4
    assert event.location is not None and event.location.name == "Garissa"


@pytest.mark.parametrize(
    ("text", "word", "habitual"),
    [
        (
            "The Command, which oversees military operations in the region, said a leader died.",
            "operations",
            True,
        ),
        ("The group frequently conducts bombings in the north.", "bombings", True),
        ("Rebels who attack convoys on the highway were named by the army.", "attack", True),
        ("The group conducted bombings in the north on Monday.", "bombings", False),
        ("Rebels attack convoy on highway.", "attack", False),
        ("The town, where fighting continues, is cut off.", "fighting", False),
        ("The army, which has attacked the town twice, denied it.", "attacked", False),
    ],
)
def test_a_standing_role_or_habit_is_no_occurrence(
    nlp: Language, text: str, word: str, habitual: bool
) -> None:
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == word]
    assert is_habitual(token) is habitual


def test_a_standing_role_gives_no_event(nlp: Language) -> None:
    text = (
        "The Joint Command, which oversees military operations in the region, said a rebel "
        "leader was killed in an airstrike on Monday."
    )
    found = _events(nlp, text)
    assert [e.sub_event_type for e in found] == ["Air/drone strike"]


# One agreement named again and again, and talk of deals still sought.
ONE_AGREEMENT = (
    "Kenya and Tanzania signed a border agreement on Monday, officials said. "
    "Critics said the border agreement could hurt fishermen on the lake. "
    "The minister said parliament still has to approve the agreement. "
    "Both sides also hope to sign a trade deal next year, the minister said."
)


def test_an_agreement_named_again_is_one_event_and_a_sought_deal_did_not_occur(
    nlp: Language,
) -> None:
    document = Document(
        source="fiction.txt", format="text", text=ONE_AGREEMENT, published="2026-03-18"
    )
    doc = nlp(ONE_AGREEMENT)
    plan = extract.resolve(["entities", "quotes", "figures", "dates"])
    found = list(events(doc, document, extract.run(doc, document, plan)))
    agreements = [e for e in found if e.sub_event_type == "Agreement"]
    happened = [e for e in agreements if occurred(e.modality)]
    assert len(happened) == 1, [(e.modality, [s.text for s in e.evidence]) for e in agreements]
    assert any("could hurt" in s.text for s in happened[0].evidence)
    sought = [e for e in agreements if not occurred(e.modality)]
    assert {e.modality for e in sought} == {"hypothetical"}
    assert any("trade deal" in s.text for e in sought for s in e.evidence)


@pytest.mark.parametrize(
    ("text", "word", "sought"),
    [
        ("The president hopes to finalize the agreement soon.", "agreement", True),
        ("Having a deal is vital for the port.", "deal", True),
        ("The rebels signed the agreement on Monday.", "agreement", False),
        ("After signing the deal, the rebels left the town.", "deal", False),
    ],
)
def test_an_agreement_to_be_made_is_sought(
    nlp: Language, text: str, word: str, sought: bool
) -> None:
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == word]
    assert is_sought(token) is sought
