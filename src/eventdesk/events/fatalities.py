"""Fatalities of an event from the figures of its evidence, with ACLED's conservative rule.

A figure counts deaths when a death word stands next to it in its sentence ("killing 12",
"12 people were killed", "a death toll of 12", "executed 180") and nothing says it counts the
wounded. Rule (docs/events.md): `best` is the most conservative figure the evidence gives, i.e.
the smallest lower bound (a figure's `low` when it has one, as for "more than 180", else its
value); `low` is that same bound; `high` the largest upper bound given, None when no figure bounds
it above. No death figure gives None: unquantified deaths ("killed women and children") are not
guessed, except one victim described in the singular ("a journalist was killed" counts 1) or
named ("Ahmed Salah was shot dead" counts 1). When
the figures extractor did not run, plain digit counts next to a death word are read.

A death figure belongs to an event only when its death word has the event's modality: deaths
that are threatened, feared, predicted or denied ("and warned that 200 more would be killed")
are no occurred event's toll, and an event that did not occur has no fatalities at all (ACLED
codes threats with none), whatever figures stand near it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventdesk.events.modality import modality_at, occurred
from eventdesk.model import Fatalities, Modality

# How far (characters) from a figure a death word may stand in its sentence.
DEATH_WORD_WINDOW = 60
_DEATH = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|dying|deaths?|death toll|lives|executed|executions?|"
    r"massacred|slain|murdered|bodies|fatalit(?:y|ies)|perished|lost their lives|shot dead)\b",
    re.IGNORECASE,
)
# Modal forms ("would be executed", "may die") are read too: the modality of the death word
# then decides whether the deaths happened (`_occurred_at`).
_DIED_AFTER = re.compile(
    r"^(?:\s*[\w-]+){0,5}?\s+(?:(?:were|was|are|is|have been|has been|had been|been|be|got)\s+"
    r"(?:\w+\s+)?[\[(]?(?:kill(?:ed)?|shot dead|executed|massacred|slain|murdered|gunned down)|died|"
    r"(?:will|would|could|may|might|shall|to)\s+(?:\w+\s+)?die|"
    r"(?:were|are) dead|perished|lost their lives|dead\b)",
    re.IGNORECASE,
)
# One described victim counts one death: of a passive killing ("a journalist was killed") or
# the object of an active one ("a landmine killed a shepherd").
_VICTIM_NOUN = (
    r"(?:person|man|woman|child|boy|girl|civilian|soldier|journalist|policeman|officer|prisoner|"
    r"student|farmer|resident|worker|member|leader|official|activist|teacher|doctor|shepherd|"
    r"herder|trader|driver|villager|chief|guard|imam|priest|pastor|nurse|judge|mayor)"
)
_ONE_VICTIM = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}?" + _VICTIM_NOUN + r"\s+(?:[\w,-]+\s+){0,5}?"
    r"(?:(?:was|has been|had been|is)\s+(?:\w+\s+)?(?:killed|shot dead|executed|murdered|slain|"
    r"gunned down)|died)\b|"
    r"\b(?:killed|kills|killing|shot dead|murdered|executed|beheaded|gunned down)\s+(?:a|an|one)\s+"
    r"(?:[\w-]+\s+){0,3}?" + _VICTIM_NOUN + r"\b",
    re.IGNORECASE,
)
# A named victim counts one death too: after the name ("al-Rufay'i was killed", "Bello, a
# commander, died", "Salah's killing") or after the killing verb ("shot dead Ahmed Salah"; not
# "killed by Salah", who is the killer).
_NAMED_KILLED_AFTER = re.compile(
    r"(?:['’]s\s+(?:[\w-]+\s+)?(?:killing|death|assassination|execution|murder)\b|"
    r"(?:\s*,[^,;.]{1,80},)?\s+(?:(?:was|has been|had been|is)\s+(?:\w+\s+)?(?:killed|shot dead|"
    r"executed|assassinated|murdered|slain|gunned down|beheaded)|died)\b)",
    re.IGNORECASE,
)
_NAMED_KILLED_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|shot dead|assassinated|executed|murdered|gunned down|beheaded)"
    r"\s+(?:(?!by\b|with\b|alongside\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A figure that names the dead itself ("left 23 dead", "a toll of 40 deaths").
_DEATH_IN_FIGURE = re.compile(r"\b(?:dead|deaths|killed|fatalities|bodies)$", re.IGNORECASE)
# A figure after these words counts part of a larger toll ("five people, including two elders,
# were killed"): it is no toll of its own while the larger figure is there.
_PART_OF = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s+$", re.I)
_PART_AFTER_COMMA = re.compile(r"\s*(?:including|among them)\b", re.I)
_ASIDE = re.compile(r",\s*(?:including|among them)\b[^,;.]{1,60},", re.I)
_RISEN_TO = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|jumped|reached|now stands at)"
    r"(?:\s+\w+){0,2}?\s+(?:to\s+)?$",
    re.IGNORECASE,
)
# A figure right after these counts the sides or the killers, not the dead.
_NOT_VICTIMS = re.compile(r"\b(?:between|by|against)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"\band\b|[,;]", re.IGNORECASE)
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
    cue: int  # where the death word that makes it a death count starts


def _death_cue(text: str, start: int, end: int, lo: int, hi: int) -> int | None:
    """Where the death word of the figure at [start, end) starts, or None when the figure does
    not count deaths."""
    in_figure = _DEATH_IN_FIGURE.search(text, start, end)
    if in_figure is not None:  # "left 23 dead"
        return in_figure.start()
    if _NOT_VICTIMS.search(text, max(lo, start - 12), start):
        return None  # "fighting between two armed groups", "killed by two gunmen"
    window_start = max(lo, start - DEATH_WORD_WINDOW)
    before = text[window_start:start]
    after = text[end : min(hi, end + DEATH_WORD_WINDOW)]
    # The nearest clause on each side decides: "killing 3 and wounding 12" -> 3 dead, 12 wounded.
    bounds = [0, *(m.end() for m in _CLAUSE_SPLIT.finditer(before))]
    clause_start = bounds[-1]
    if len(bounds) > 1 and _PART_AFTER_COMMA.match(before, clause_start):
        # "killed residents, including four children": the part shares the whole's verb.
        clause_start = bounds[-2]
    # "six people, including two guards, were killed": the aside does not end the clause.
    aside = _ASIDE.match(after)
    skipped = aside.end() if aside else 0
    after_clause = _CLAUSE_SPLIT.split(after[skipped:])[0]
    if len(bounds) > 1 and not before[clause_start:].strip() and not _WOUNDED.search(after_clause):
        # Right after "and": the death verb before it governs the figure too ("killed himself
        # and 6 police officers"), unless the figure is followed by its own role ("and 12
        # wounded").
        clause_start = bounds[-2]
    before_clause = before[clause_start:]
    deaths_before = list(_DEATH.finditer(before_clause))
    if deaths_before:
        # "killing 3", "a death toll of 3": the figure follows the death word.
        if _WOUNDED.search(before_clause) and not _DEATH.search(before_clause[-20:]):
            return None
        return window_start + clause_start + deaths_before[-1].start()
    # Before the death word the figure counts the dead only when they are its subject in the
    # passive or with an intransitive verb ("3 people were killed", "3 died"); in "two bombers
    # killed 23 people" the two are the killers.
    died = _DIED_AFTER.match(after_clause)
    if died is None:
        return None
    word = re.search(r"[\w-]+\W*$", died.group())
    return end + skipped + (word.start() if word else died.end() - 1)


def death_counts(
    text: str, ranges: Sequence[tuple[int, int]], figures: Sequence[Any] | None
) -> list[DeathCount]:
    """The death counts among `figures` (records with start, end, value, low, high, unit) that
    lie in `ranges`; with `figures` None, plain digit counts of people are read instead."""
    found: list[DeathCount] = []
    for lo, hi in ranges:
        if figures is None:
            for match in _PLAIN_COUNT.finditer(text, lo, hi):
                cue = _death_cue(text, match.start(), match.end(), lo, hi)
                if cue is not None:
                    value = float(match.group(1).replace(",", ""))
                    found.append(DeathCount(match.start(), match.end(), value, value, cue))
            continue
        for figure in figures:
            if not lo <= figure.start < hi or getattr(figure, "unit", None) not in (None, "people"):
                continue
            cue = _death_cue(text, figure.start, figure.end, lo, hi)
            if cue is not None:
                low = figure.low if figure.low is not None else figure.value
                found.append(DeathCount(figure.start, figure.end, float(low), figure.high, cue))
    return found


def _occurred_at(text: str, position: int, sentences: Sequence[tuple[int, int]]) -> bool:
    """Whether the death word at `position` tells of deaths that happened (read in its
    sentence by `events.modality`: not threatened, hypothetical or denied)."""
    lo, hi = next(((s, e) for s, e in sentences if s <= position < e), (0, len(text)))
    return occurred(modality_at(text[lo:hi], position - lo, quoted=False))


def _named_deaths(text: str, people: Sequence[tuple[int, int]]) -> list[int]:
    """Where the death word stands for each person in `people` (name spans) told as killed."""
    found = []
    for start, end in people:
        after = _NAMED_KILLED_AFTER.match(text, end, min(len(text), end + 120))
        if after is not None:
            found.append(after.end() - 1)
            continue
        before = _NAMED_KILLED_BEFORE.search(text, max(0, start - 60), start)
        if before is not None:
            found.append(before.start())
    return found


def fatalities_of(
    text: str,
    ranges: Sequence[tuple[int, int]],
    figures: Sequence[Any] | None,
    *,
    modality: Modality = "asserted",
    sentences: Sequence[tuple[int, int]] = (),
    people: Sequence[tuple[int, int]] = (),
) -> Fatalities | None:
    """Fatalities of an event of `modality` whose evidence covers `ranges` (character ranges
    inside the `sentences` of its mentions, which default to the ranges themselves), or None
    when the event did not occur or no figure of its own modality counts deaths. `people` are
    the spans of person names: one told as killed by the evidence counts one death."""
    if not occurred(modality):
        return None
    sentences = sentences or ranges
    found = death_counts(text, ranges, figures)
    own = [c for c in found if _occurred_at(text, c.cue, sentences)]
    counts = list({(c.start, c.end): c for c in own}.values())
    wholes = [c for c in counts if not _PART_OF.search(text, max(0, c.start - 20), c.start)]
    counts = wholes or counts
    # A toll that "has risen to 14" is the running total; the deaths it grew by ("after two of
    # the wounded died") are part of it, not a lower estimate of the same toll.
    totals = [c for c in counts if _RISEN_TO.search(text, max(0, c.start - 30), c.start)]
    counts = totals or counts
    if not counts:
        singular = (
            match for lo, hi in ranges if (match := _ONE_VICTIM.search(text, lo, hi)) is not None
        )
        if any(_occurred_at(text, m.end() - 1, sentences) for m in singular):
            return Fatalities(low=1, best=1, high=1)
        named = (p for p in _named_deaths(text, people) if any(lo <= p < hi for lo, hi in ranges))
        if any(_occurred_at(text, position, sentences) for position in named):
            return Fatalities(low=1, best=1, high=1)
        return None
    best = int(min(c.low for c in counts))
    highs = [c.high for c in counts]
    high = None if any(h is None for h in highs) else int(max(h for h in highs if h is not None))
    return Fatalities(low=best, best=best, high=high)
