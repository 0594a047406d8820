"""Where an event is placed: its own sentence first, the document's most named place only inside
the country that sentence places it in. Reports are fictional, written for these tests."""

from __future__ import annotations

import pytest
from event_support import events_of
from spacy.language import Language

from eventdesk.extract.events import _is_locative
from eventdesk.model import Event

# The United States is the most named place; the strike happens in Iraq.
STRIKE_IN_IRAQ = (
    "U.S. officials in Washington welcomed the news on Friday. The United States has long "
    "hunted the commander, and U.S. envoys said the U.S. would keep up the pressure. "
    "Iraqi officials said the commander was killed on Thursday in an airstrike in Iraq's "
    "western desert."
)
# The same story, but the sentence only says where the rockets were made.
ROCKETS_MADE_IN_IRAN = (
    "U.S. officials in Washington welcomed the news on Friday. The United States has long "
    "hunted the commander, and U.S. envoys said the U.S. would keep up the pressure. "
    "Officials said rockets made in Iran were fired at the base on Thursday, killing two guards."
)
# A modifier names a country; the event is not there.
PROPOSAL_OF_THE_US = (
    "Fighting raged across Ukraine this week. Ukraine said Russian shelling hit three towns "
    "in Ukraine. Officials said fighters attacked a checkpoint after the U.S. proposal was rejected."
)


def _events(nlp: Language, text: str) -> list[Event]:
    return events_of(nlp, text, published="2026-03-14")


def _event_with(found: list[Event], text: str, words: str) -> Event:
    start = text.index(words)
    for event in found:
        if any(span.start <= start < span.end for span in event.evidence):
            return event
    raise AssertionError(f"no event found on {words!r}: {[e.evidence for e in found]}")


@pytest.mark.parametrize(
    ("text", "words", "country"),
    [
        (STRIKE_IN_IRAQ, "killed on Thursday", "IQ"),
        (ROCKETS_MADE_IN_IRAN, "fired at the base", "US"),
        (PROPOSAL_OF_THE_US, "attacked a checkpoint", "UA"),
    ],
)
def test_event_country_follows_its_own_sentence(
    nlp: Language, text: str, words: str, country: str
) -> None:
    event = _event_with(_events(nlp, text), text, words)
    assert event.location is not None
    assert event.location.country == country


# The country is the most named place; the event's own sentence names a province of it.
PROVINCE_OF_PAKISTAN = (
    "Pakistan said on Wednesday that Pakistan would not talk to the attackers. Officials in "
    "Pakistan said Pakistan had sent more troops. Militants attacked a bus in Pakistan's "
    "restive northwestern Khyber Pakhtunkhwa province on Tuesday, killing three passengers."
)
# The same with the province as a compound of its place noun, and no possessive country.
PROVINCE_COMPOUND = (
    "Pakistan said on Wednesday that Pakistan would not talk to the attackers. Officials in "
    "Pakistan said Pakistan had sent more troops. Militants attacked a bus in Khyber "
    "Pakhtunkhwa province on Tuesday, killing three passengers."
)
# A town named as `the <demonym> city of X`.
CITY_OF = (
    "Kenya said on Wednesday that Kenya would send more police. Officials in Kenya said Kenya "
    "had closed the border. Gunmen attacked a hotel in the Kenyan city of Garissa on Tuesday, "
    "killing four guests."
)


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        (PROVINCE_OF_PAKISTAN, "attacked a bus", "Khyber Pakhtunkhwa"),
        (PROVINCE_COMPOUND, "attacked a bus", "Khyber Pakhtunkhwa"),
        (CITY_OF, "attacked a hotel", "Garissa"),
    ],
)
def test_event_takes_its_own_more_specific_place_over_the_country(
    nlp: Language, text: str, words: str, name: str
) -> None:
    event = _event_with(_events(nlp, text), text, words)
    assert event.location is not None
    assert event.location.name == name


@pytest.mark.parametrize(
    ("text", "place", "locative"),
    [
        ("Militants attacked a bus in Khyber Pakhtunkhwa province.", "Khyber Pakhtunkhwa", True),
        ("Gunmen attacked a hotel in the Kenyan city of Garissa.", "Garissa", True),
        ("Rockets hit a base in Pakistan's Khyber Pakhtunkhwa province.", "Pakistan", True),
        ("The governor of Khyber Pakhtunkhwa province condemned it.", "Khyber", False),
        ("The mayor of Garissa condemned the attack.", "Garissa", False),
    ],
)
def test_locative_place_names(nlp: Language, text: str, place: str, locative: bool) -> None:
    doc = nlp(text)
    (ent,) = [e for e in doc.ents if e.text.startswith(place)]
    assert _is_locative(ent) is locative


# A capital named by its country's demonym, no place entity in the event's sentence.
DEMONYM_CAPITAL = (
    "Afghanistan said on Monday that Afghanistan would respond. Officials in Afghanistan were "
    "angry. A bomb exploded near a mosque in the Afghan capital on Sunday, killing two "
    "worshippers, police said."
)


def test_event_in_the_demonym_capital_is_at_that_capital(nlp: Language) -> None:
    event = _event_with(_events(nlp, DEMONYM_CAPITAL), DEMONYM_CAPITAL, "bomb exploded")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Kabul", "AF")
    assert event.location.precision == 1
