"""A named person told as killed counts one death; a named killer or survivor counts none.
Sentences are fictional, written for these tests."""

from __future__ import annotations

import pytest

from eventdesk.events.fatalities import fatalities_of
from eventdesk.model import Fatalities

ONE = Fatalities(low=1, best=1, high=1)


@pytest.mark.parametrize(
    ("text", "name", "evidence", "expected"),
    [
        ("Police said Yusuf Bello was killed in an ambush.", "Yusuf Bello", "killed in an", ONE),
        ("Gunmen shot dead Ahmed Salah near the market.", "Ahmed Salah", "shot dead", ONE),
        (
            "Omar Haddad, a local commander, died in the strike.",
            "Omar Haddad",
            "died in the strike",
            ONE,
        ),
        ("Officials confirmed Ali Hassan's killing on Friday.", "Ali Hassan", "killing", ONE),
        ("The guard was killed by Omar Bello on Monday.", "Omar Bello", "killed by", None),
        ("Ana Brel said she was safe after the shelling.", "Ana Brel", "the shelling", None),
        # Threatened, not done: no death.
        ("The militia threatened that Yusuf Bello would be killed.", "Yusuf Bello", "killed", None),
    ],
)
def test_named_victim_counts_one(
    text: str, name: str, evidence: str, expected: Fatalities | None
) -> None:
    start = text.index(name)
    lo = text.index(evidence)
    result = fatalities_of(
        text, [(lo, lo + len(evidence))], [], people=[(start, start + len(name))]
    )
    assert result == expected


def test_a_death_figure_still_wins_over_a_named_victim() -> None:
    text = "Yusuf Bello was killed with 11 other people in the raid."
    # No figures passed: plain counts are read (figures=None), and the count of 11 wins.
    result = fatalities_of(text, [(0, len(text))], None, people=[(0, len("Yusuf Bello"))])
    assert result is not None and result.best == 11
