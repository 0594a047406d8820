"""Fatalities from figures with the conservative rule, and the PLOVER typing of sentences."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from eventdesk.events.fatalities import death_counts, fatalities_of
from eventdesk.events.plover import plover_of_sentence, verbal_plover
from eventdesk.model import Fatalities


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
