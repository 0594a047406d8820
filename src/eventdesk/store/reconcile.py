"""Reconciled figures: many sources' counts of one thing become low / best / high, none discarded.

UCDP GED practice: every event carries a low, a best and a high estimate, and the sources' own
figures stay on record. Here each independent claim (one asserter's figure in one document) is an
estimate; low is the lowest, high the highest, and best the median of the estimates (the lower
median for an even count, leaning conservative as ACLED does). A claim from a near-duplicate copy
of another source is kept for the record but not counted, so a syndicated story does not pull the
median. `disagree` flags estimates that differ by more than `DISAGREEMENT_TOLERANCE` of the high.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Estimates within 10% of each other are the rounding of one count ("about 300" / "312"), not a
# disagreement an analyst needs to look at.
DISAGREEMENT_TOLERANCE = 0.10
FATALITIES = "fatalities"

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Heads that measure time or distance rather than count people or things ("four days").
_NOT_COUNTS = frozenset(
    "day week month year hour minute time percent kilometre kilometer mile".split()
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One source's own figure for a category, with who asserted it and where it came from."""

    category: str
    document_id: str
    record_id: str
    asserted_by: str | None
    value: float | None
    low: float | None
    high: float | None
    text: str | None
    counted: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Reconciled:
    """Low / best / high over the counted claims of one category, and whether sources disagree."""

    category: str
    low: float | None
    best: float | None
    high: float | None
    claims: int
    disagree: bool


def category_of(counted: str | None) -> str | None:
    """The reconciliation category of a figure's counted noun: lower-cased and singular."""
    if not counted:
        return None
    words = _NON_WORD.sub(" ", counted.lower()).split()
    if not words:
        return None
    head = words[-1]
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith(("xes", "ches", "shes", "sses")):
        head = head[:-2]
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    if head in {"death", "dead", "killed", "fatality"}:  # "casualties" include the wounded
        return FATALITIES
    if head in _NOT_COUNTS:
        return None
    return " ".join((*words[:-1], head))


def estimate(claim: Claim) -> float | None:
    """The point estimate of a claim: its value, else the midpoint of its bounds, else a bound."""
    if claim.value is not None:
        return claim.value
    if claim.low is not None and claim.high is not None:
        return (claim.low + claim.high) / 2
    return claim.low if claim.low is not None else claim.high


def _independent(claims: Iterable[Claim]) -> list[Claim]:
    """Counted claims, one per (document, estimate).

    A report that repeats its figure (in the event's fatalities and again as a figure, or once per
    asserter it cites) gives one estimate, not several votes for it.
    """
    kept: dict[tuple[str, float | None], Claim] = {}
    for claim in claims:
        if claim.counted:
            kept.setdefault((claim.document_id, estimate(claim)), claim)
    return list(kept.values())


def reconcile(category: str, claims: Sequence[Claim]) -> Reconciled:
    """Low / best / high of `claims` (all of one category)."""
    estimates = sorted(e for c in _independent(claims) if (e := estimate(c)) is not None)
    if not estimates:
        return Reconciled(
            category=category, low=None, best=None, high=None, claims=0, disagree=False
        )
    low, high = estimates[0], estimates[-1]
    best = estimates[(len(estimates) - 1) // 2]
    disagree = high > 0 and (high - low) / high > DISAGREEMENT_TOLERANCE
    return Reconciled(
        category=category,
        low=low,
        best=best,
        high=high,
        claims=len(estimates),
        disagree=disagree,
    )


def reconcile_all(claims: Iterable[Claim]) -> list[Reconciled]:
    """One `Reconciled` per category present in `claims`, in category order."""
    by_category: dict[str, list[Claim]] = {}
    for claim in claims:
        by_category.setdefault(claim.category, []).append(claim)
    return [reconcile(category, by_category[category]) for category in sorted(by_category)]
