"""Fatalities of an event from the figures of its evidence, with ACLED's conservative rule.

A figure counts deaths when a death word stands next to it in its sentence ("killing 12",
"12 people were killed", "a death toll of 12", "executed 180") and nothing says it counts the
wounded. Rule (docs/events.md): `best` is the most conservative figure the evidence gives, i.e.
the smallest lower bound (a figure's `low` when it has one, as for "more than 180", else its
value); `low` is that same bound; `high` the largest upper bound given, None when no figure bounds
it above. No death figure gives None: unquantified deaths ("killed women and children") are not
guessed, except one victim described in the singular ("a journalist was killed" counts 1). When
the figures extractor did not run, plain digit counts next to a death word are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventdesk.model import Fatalities

# How far (characters) from a figure a death word may stand in its sentence.
DEATH_WORD_WINDOW = 60
_DEATH = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|dying|deaths?|death toll|lives|executed|executions?|"
    r"massacred|slain|murdered|bodies|fatalit(?:y|ies)|perished|lost their lives|shot dead)\b",
    re.IGNORECASE,
)
_DIED_AFTER = re.compile(
    r"^(?:\s*[\w-]+){0,5}?\s+(?:(?:were|was|are|is|have been|has been|had been|been|got)\s+"
    r"(?:\w+\s+)?[\[(]?(?:kill(?:ed)?|shot dead|executed|massacred|slain|murdered|gunned down)|died|"
    r"(?:were|are) dead|perished|lost their lives|dead\b)",
    re.IGNORECASE,
)
# One named or described victim of a passive killing counts one death ("a journalist was killed").
_ONE_VICTIM = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:person|man|woman|child|boy|girl|civilian|soldier|"
    r"journalist|policeman|officer|prisoner|student|farmer|resident|worker|member|leader|official|"
    r"activist|teacher|doctor)\s+(?:[\w,-]+\s+){0,5}?(?:(?:was|has been|had been|is)\s+"
    r"(?:\w+\s+)?(?:killed|shot dead|executed|murdered|slain|gunned down)|died)\b",
    re.IGNORECASE,
)
_WOUNDED = re.compile(r"\b(?:wound\w*|injur\w*|hurt|hospitali[sz]ed|missing|arrested)\b", re.I)
_PLAIN_COUNT = re.compile(
    r"\b(\d{1,3}(?:,\d{3})*|\d+)\s+(?:\w+\s+){0,2}?(?:people|persons|civilians|soldiers|"
    r"fighters|militants|rebels|members|policemen|officers|troops|protesters|children|women|"
    r"men|villagers|residents|others)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DeathCount:
    """One figure read as a count of deaths: its bounds and where it stands."""

    start: int
    end: int
    low: float
    high: float | None


def _counts_deaths(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    before = text[max(lo, start - DEATH_WORD_WINDOW) : start]
    after = text[end : min(hi, end + DEATH_WORD_WINDOW)]
    # The nearest clause on each side decides: "killing 3 and wounding 12" -> 3 dead, 12 wounded.
    before_clause = re.split(r"\band\b|[,;]", before)[-1]
    after_clause = re.split(r"\band\b|[,;]", after)[0]
    if _DEATH.search(before_clause):
        # "killing 3", "a death toll of 3": the figure follows the death word.
        return not (_WOUNDED.search(before_clause) and not _DEATH.search(before_clause[-20:]))
    # Before the death word the figure counts the dead only when they are its subject in the
    # passive or with an intransitive verb ("3 people were killed", "3 died"); in "two bombers
    # killed 23 people" the two are the killers.
    return bool(_DIED_AFTER.match(after_clause))


def death_counts(
    text: str, ranges: Sequence[tuple[int, int]], figures: Sequence[Any] | None
) -> list[DeathCount]:
    """The death counts among `figures` (records with start, end, value, low, high, unit) that
    lie in `ranges`; with `figures` None, plain digit counts of people are read instead."""
    found: list[DeathCount] = []
    for lo, hi in ranges:
        if figures is None:
            for match in _PLAIN_COUNT.finditer(text, lo, hi):
                if _counts_deaths(text, match.start(), match.end(), lo, hi):
                    value = float(match.group(1).replace(",", ""))
                    found.append(DeathCount(match.start(), match.end(), value, value))
            continue
        for figure in figures:
            if not lo <= figure.start < hi or getattr(figure, "unit", None) not in (None, "people"):
                continue
            if _counts_deaths(text, figure.start, figure.end, lo, hi):
                low = figure.low if figure.low is not None else figure.value
                found.append(DeathCount(figure.start, figure.end, float(low), figure.high))
    return found


def fatalities_of(
    text: str, ranges: Sequence[tuple[int, int]], figures: Sequence[Any] | None
) -> Fatalities | None:
    """Fatalities of an event whose evidence covers `ranges`, or None when no figure counts deaths."""
    counts = {(c.start, c.end): c for c in death_counts(text, ranges, figures)}.values()
    if not counts:
        if any(_ONE_VICTIM.search(text, lo, hi) for lo, hi in ranges):
            return Fatalities(low=1, best=1, high=1)
        return None
    best = int(min(c.low for c in counts))
    highs = [c.high for c in counts]
    high = None if any(h is None for h in highs) else int(max(h for h in highs if h is not None))
    return Fatalities(low=best, best=best, high=high)
