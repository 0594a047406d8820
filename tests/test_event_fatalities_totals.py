"""Which figures make a toll: a running total ("has risen to N") wins over the deaths it grew by;
the sides of a fight and the killers are no toll. Sentences are fictional, written for these tests."""

from __future__ import annotations

import pytest
from test_event_fatalities import FakeFigure

from eventdesk.events.fatalities import fatalities_of


def _figures(text: str, phrases: dict[str, float]) -> list[FakeFigure]:
    found = []
    for phrase, value in phrases.items():
        start = text.index(phrase)
        found.append(FakeFigure(start, start + len(phrase), value, value, value))
    return found


@pytest.mark.parametrize(
    ("text", "phrases", "best"),
    [
        (
            "The number of people killed by the shelling of Tamar has risen to 14 after two of "
            "the wounded died at the clinic.",
            {"14": 14, "two of the wounded": 2},
            14,
        ),
        (
            "The death toll climbed to 31 on Friday; 12 people were killed in the first blast.",
            {"31": 31, "12 people": 12},
            31,
        ),
        # Two estimates of one toll, neither a running total: the conservative one.
        (
            "Medics said 20 people were killed; residents said 25 people died.",
            {"20 people": 20, "25 people": 25},
            20,
        ),
    ],
)
def test_running_total_wins_over_the_deaths_it_grew_by(
    text: str, phrases: dict[str, float], best: int
) -> None:
    result = fatalities_of(text, [(0, len(text))], _figures(text, phrases))
    assert result is not None and result.best == best


@pytest.mark.parametrize(
    ("text", "phrases", "best"),
    [
        (
            "Six people, including two civilians, were killed in fighting between two armed "
            "groups on the road to the port.",
            {"Six people": 6, "two civilians": 2, "two armed groups": 2},
            6,
        ),
        ("A guard was killed by two gunmen who stormed the gate.", {"two gunmen": 2}, 1),
    ],
)
def test_sides_and_killers_are_no_toll(text: str, phrases: dict[str, float], best: int) -> None:
    result = fatalities_of(text, [(0, len(text))], _figures(text, phrases))
    assert result is not None and result.best == best
