"""Fatalities from figures with the conservative rule, and the PLOVER typing of sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from eventdesk.events.fatalities import death_counts, fatalities_of
from eventdesk.events.modality import occurred
from eventdesk.events.plover import plover_of_sentence, verbal_plover
from eventdesk.model import Document, Fatalities


@dataclass(frozen=True)
class FakeFigure:
    """The fields of a `Figure` that fatalities read."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None = "people"


def _figure(
    text: str, phrase: str, value: float, low: float | None, high: float | None
) -> FakeFigure:
    start = text.index(phrase)
    return FakeFigure(start, start + len(phrase), value, low, high)


def test_fatalities_best_is_the_most_conservative_figure() -> None:
    text = "The strike killed more than 40 people; medics later said 55 people died."
    figures = [
        _figure(text, "more than 40 people", 40, 40, None),
        _figure(text, "55 people", 55, 55, 55),
    ]
    assert fatalities_of(text, [(0, len(text))], figures) == Fatalities(low=40, best=40, high=None)


def test_fatalities_ignore_the_wounded_and_the_killers() -> None:
    text = "Two gunmen killed 3 guards and wounded 12 others."
    figures = [
        _figure(text, "Two gunmen", 2, 2, 2),
        _figure(text, "3 guards", 3, 3, 3),
        _figure(text, "12 others", 12, 12, 12),
    ]
    assert [c.low for c in death_counts(text, [(0, len(text))], figures)] == [3]


def test_fatalities_passive_subject_counts() -> None:
    text = "At least 7 villagers were killed in the raid."
    figures = [_figure(text, "At least 7 villagers", 7, 7, None)]
    assert fatalities_of(text, [(0, len(text))], figures) == Fatalities(low=7, best=7, high=None)


def test_fatalities_without_figures_extractor_read_digit_counts() -> None:
    text = "Militants shelled the market, killing 4 civilians."
    assert fatalities_of(text, [(0, len(text))], None) == Fatalities(low=4, best=4, high=4)


def test_fatalities_one_victim_in_the_singular() -> None:
    text = "A local journalist was shot dead outside his home."
    assert fatalities_of(text, [(0, len(text))], []) == Fatalities(low=1, best=1, high=1)


def test_fatalities_unquantified_deaths_are_not_guessed() -> None:
    text = "Women and children were killed in the shelling."
    assert fatalities_of(text, [(0, len(text))], []) is None


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        # A threatened killing beside an occurred one: the threat's figure is no toll.
        (
            "Militants killed 5 soldiers at the post and threatened to kill 20 hostages.",
            [("5 soldiers", 5), ("20 hostages", 20)],
            Fatalities(low=5, best=5, high=5),
        ),
        # A denied count beside a confirmed one.
        (
            "Officials denied that 30 prisoners were executed, but 3 guards died in the riot.",
            [("30 prisoners", 30), ("3 guards", 3)],
            Fatalities(low=3, best=3, high=3),
        ),
        # A feared toll after the real one.
        (
            "The blast killed 14 workers, and medics fear that 40 more may die of their burns.",
            [("14 workers", 14), ("40 more", 40)],
            Fatalities(low=14, best=14, high=14),
        ),
        # Only a threat: no fatalities at all, although a death figure stands there.
        (
            "The governor warned that 300 detainees would be executed within days.",
            [("300 detainees", 300)],
            None,
        ),
        # A threat and, after ", and", the killings that did happen.
        (
            "Villagers are threatened with executions, and at least 12 men have been executed.",
            [("at least 12 men", 12)],
            Fatalities(low=12, best=12, high=None),
        ),
        # "No fewer than" qualifies the figure; it denies nothing.
        (
            "No fewer than 8 people were killed when the bus was hit.",
            [("No fewer than 8 people", 8)],
            Fatalities(low=8, best=8, high=None),
        ),
    ],
)
def test_fatalities_only_from_figures_of_occurred_deaths(
    text: str, phrases: list[tuple[str, float]], expected: Fatalities | None
) -> None:
    figures = []
    for phrase, value in phrases:
        open_above = phrase.lower().startswith(("at least", "no fewer"))
        figures.append(_figure(text, phrase, value, value, None if open_above else value))
    assert fatalities_of(text, [(0, len(text))], figures) == expected


@pytest.mark.parametrize("modality", ["threatened", "hypothetical", "denied"])
def test_fatalities_event_that_did_not_occur_has_none(modality: str) -> None:
    text = "Gunmen shot dead 7 villagers near the well."
    figures = [_figure(text, "7 villagers", 7, 7, 7)]
    assert fatalities_of(text, [(0, len(text))], figures) == Fatalities(low=7, best=7, high=7)
    assert fatalities_of(text, [(0, len(text))], figures, modality=modality) is None  # type: ignore[arg-type]


def test_fatalities_read_modality_in_the_sentence_of_the_figure() -> None:
    text = "If the dam breaks, 500 people will die. Floods killed 6 people last year."
    figures = [_figure(text, "500 people", 500, 500, 500), _figure(text, "6 people", 6, 6, 6)]
    sentences = [(0, 39), (40, len(text))]
    found = fatalities_of(text, sentences, figures, sentences=sentences)
    assert found == Fatalities(low=6, best=6, high=6)


def _extract_events(nlp: Any, text: str) -> list[Any]:
    from eventdesk import extract
    from eventdesk.extract.events import events

    document = Document(text=text, source="test", format="text", published="2031-05-06")
    doc = nlp(text)
    found = extract.run(doc, document, extract.resolve(["entities", "quotes", "figures", "dates"]))
    return list(events(doc, document, found))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "occurred_best", "threat_kind"),
    [
        (
            "Militants stormed the village of Oskel on Sunday, killing 9 farmers, and vowed to "
            "execute 40 hostages if the army advanced.",
            9,
            "threatened",
        ),
        (
            "“Thousands of families in Dernik are threatened with mass executions,” said aid worker "
            "Tomas Varel, adding that “at least 45 people have been executed by the militia.”",
            45,
            "threatened",
        ),
        (
            "If the siege goes on, the militia will execute 60 prisoners, the governor said. "
            "Government jets bombed the market of Ulmar on Tuesday, killing 11 people.",
            11,
            "hypothetical",
        ),
    ],
)
def test_fatalities_threat_and_occurred_event_keep_their_own_counts(
    nlp: Any, text: str, occurred_best: int, threat_kind: str
) -> None:
    found = _extract_events(nlp, text)
    kept = [e for e in found if e.modality == threat_kind]
    happened = [e for e in found if occurred(e.modality)]
    assert kept and happened
    assert all(e.fatalities is None for e in kept)
    assert [e.fatalities.best if e.fatalities else None for e in happened] == [occurred_best]


@pytest.mark.parametrize(
    ("sentence", "plover"),
    [
        ("The ministry rejected the proposal for new elections.", "REJECT"),
        ("The opposition demanded the release of its leaders.", "REQUEST"),
        ("The foreign minister visited the capital for talks.", "CONSULT"),
        ("The council imposed sanctions on three generals.", "SANCTION"),
        ("The president threatened to close the border.", "THREATEN"),
        ("The two governments signed a trade accord.", "AGREE"),
    ],
)
def test_plover_verbal_cues(sentence: str, plover: str) -> None:
    cue = verbal_plover(sentence)
    assert cue is not None and cue.plover == plover


@pytest.mark.parametrize(
    ("sentence", "plover"),
    [
        ("The government will give the province a grant for new schools.", "AGREE"),
        ("The minister offered to hand over the suspects to the court.", "AGREE"),
        ("The army will withdraw its troops unless the talks resume.", "THREATEN"),
    ],
)
def test_plover_promises_and_conditions(sentence: str, plover: str) -> None:
    assert plover_of_sentence(sentence, []) == plover


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels shelled the market of Arvo on Monday, killing 4 people, while in a separate "
            "attack gunmen killed 9 villagers near Telk.",
            {"Shelling/artillery/missile attack": 4, "Attack": 9},
        ),
        (
            "A roadside bomb killed 3 soldiers near Gao on Sunday, and police arrested 12 "
            "suspects in the town.",
            {"Remote explosive/landmine/IED": 3, "Arrests": None},
        ),
        (
            "Gunmen killed 7 farmers in Doro; separately, an airstrike killed 15 militants "
            "near the border.",
            {"Attack": 7, "Air/drone strike": 15},
        ),
    ],
)
def test_fatalities_two_events_of_one_sentence_keep_their_own_counts(
    nlp: Any, text: str, expected: dict[str, int | None]
) -> None:
    found = {
        e.sub_event_type: (e.fatalities.best if e.fatalities else None)
        for e in _extract_events(nlp, text)
    }
    assert found == expected


@pytest.mark.parametrize(
    ("text", "figures", "best"),
    [
        (
            "At least six people, including two guards, were killed in the raid.",
            [("At least six people", 6, 6, None), ("two guards", 2, 2, 2)],
            6,
        ),
        (
            "The raid killed nine villagers, among them three children.",
            [("nine villagers", 9, 9, 9), ("three children", 3, 3, 3)],
            9,
        ),
        (
            # With no larger figure the part is all there is.
            "Gunmen killed residents, including four children.",
            [("four children", 4, 4, 4)],
            4,
        ),
        (
            # Two tolls of one event: the smaller is still the conservative one.
            "Police said 6 people were killed; medics said 9 people were killed.",
            [("6 people", 6, 6, 6), ("9 people", 9, 9, 9)],
            6,
        ),
    ],
)
def test_fatalities_a_part_of_a_toll_is_no_lower_toll(
    text: str, figures: list[tuple[str, float, float, float | None]], best: int
) -> None:
    found = [_figure(text, phrase, value, low, high) for phrase, value, low, high in figures]
    result = fatalities_of(text, [(0, len(text))], found)
    assert result is not None
    assert result.best == best
