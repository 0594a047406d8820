"""Reconciled figures: many sources' counts of one thing become low / best / high, none discarded.

UCDP GED practice: every event carries a low, a best and a high estimate, and the sources' own
figures stay on record. Here each independent claim (one asserter's figure in one document) is an
estimate; low is the lowest, high the highest, and best the median of the estimates (the lower
median for an even count, leaning conservative as ACLED does). A claim from a near-duplicate copy
of another source is kept for the record but not counted, so a syndicated story does not pull the
median. `disagree` flags estimates that differ by more than `DISAGREEMENT_TOLERANCE` of the high.

A category is what a figure counts *and its role* in the sentence (`role_of`): "40 passengers
were killed" and "200 people on board" are two counts, as are the killed, the wounded and the
displaced of one event. The store gives each figure to the event whose evidence holds it (else
the nearest event of its report), so the categories of one cluster are counts of one event.
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
# Roles a counted group plays in its sentence, first match wins; each is read from the words
# right after the figure ("12 people were wounded", "200 people on board") or right before it
# ("killing 12", "displacing 300"). Killing comes first: "killed and 12 wounded" is read clause
# by clause, so the order only settles one clause naming two roles.
KILLED, INJURED, DISPLACED, DETAINED, ABDUCTED, MISSING, PRESENT = (
    "killed",
    "injured",
    "displaced",
    "detained",
    "abducted",
    "missing",
    "present",
)
_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    (
        KILLED,
        r"kill\w*|dead|died|die|dying|deaths?|death toll|lives|execut\w+|massacr\w+|slain|"
        r"murder\w*|perished|fatalit\w+|shot dead|gunned down|bodies",
    ),
    (INJURED, r"wound\w*|injur\w*|hurt|maimed|hospitali[sz]ed|treated for"),
    (
        DISPLACED,
        r"displac\w*|fled|flee\w*|uproot\w*|homeless|evacuat\w*|refugees|made to leave|"
        r"forced (?:to leave|out|from)|driven (?:out|from)",
    ),
    (
        DETAINED,
        r"arrest\w*|detain\w*|detention|jailed|imprisoned|in custody|held (?:in|at|by)|rounded up",
    ),
    (ABDUCTED, r"abduct\w*|kidnap\w*|hostages?|taken captive|held captive|seized by"),
    (MISSING, r"missing|unaccounted for|disappeared"),
    (
        PRESENT,
        r"trapped|stuck|stranded|besieged|surrounded|remain\w*|still (?:in|inside|living)|"
        r"inside|on ?board|aboard|sheltering|living in|live in|encircled|in the pocket",
    ),
)
_ROLE_RX = tuple(
    (role, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for role, words in _ROLE_WORDS
)
# How many characters after / before a figure its role is looked for, inside its clause.
ROLE_AFTER = 60
ROLE_BEFORE = 40
# The clause of a figure ends at these: "killing 3 and wounding 12" gives 3 killed, 12 injured.
_CLAUSE_END = re.compile(r"[.;:!?,()“”\"]|\band\b|\bwhile\b|\bbut\b", re.IGNORECASE)
# Counted nouns that are the dead themselves, or people in general: with the killed role (or
# by themselves, for the first kind) they are the event's fatalities.
_DEATH_NOUNS = frozenset({"death", "dead", "killed", "fatality", "life", "body"})
_GENERAL_NOUNS = frozenset({"people", "person", "persons", "individual", "one", "other"})
_ARTICLES = frozenset({"the", "a", "an", "some", "those", "these"})
# Counted nouns that say their role by themselves.
_ROLE_OF_NOUN = {
    "wounded": INJURED,
    "injured": INJURED,
    "injury": INJURED,
    "refugee": DISPLACED,
    "displaced": DISPLACED,
    "evacuee": DISPLACED,
    "detainee": DETAINED,
    "prisoner": DETAINED,
    "hostage": ABDUCTED,
    "missing": MISSING,
}
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


def role_of(before: str, after: str) -> str | None:
    """The role of a counted group from the text right `before` and `after` its figure:
    `killed`, `injured`, `displaced`, `detained`, `abducted`, `missing`, `present` (trapped,
    on board, remaining), or None when its clause says none."""
    after_clause = _CLAUSE_END.split(after[:ROLE_AFTER], maxsplit=1)[0]
    for role, rx in _ROLE_RX:
        if rx.search(after_clause):
            return role
    before_clause = _CLAUSE_END.split(before[-ROLE_BEFORE:])[-1]
    found = [(m.end(), role) for role, rx in _ROLE_RX for m in rx.finditer(before_clause)]
    return max(found)[1] if found else None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def category_of(counted: str | None, role: str | None = None) -> str | None:
    """The reconciliation category of a figure: its counted noun (lower-cased, singular) and its
    `role` ("civilian (injured)"; `present` is left unmarked); the dead, and people in general
    who were killed, are `FATALITIES`, beside the events' own fatalities. None for durations
    and measures."""
    if not counted:
        return None
    words = [w for w in _NON_WORD.sub(" ", counted.lower()).split() if w not in _ARTICLES]
    if not words:
        return None
    # A role said inside the counted phrase ("injured people") is the figure's role.
    for word in words[:-1]:
        said = next((name for name, rx in _ROLE_RX if rx.fullmatch(word)), None)
        if said is not None:
            role = said
            words = [w for w in words if w != word]
            break
    if len(words) > 1 and _singular(words[-1]) in _DEATH_NOUNS:  # "civilians killed"
        words, role = words[:-1], KILLED
    head = _singular(words[-1])
    if head in _NOT_COUNTS:
        return None
    role = _ROLE_OF_NOUN.get(head, role)
    if head in _DEATH_NOUNS and role in (None, KILLED):  # "casualties" include the wounded
        return FATALITIES
    if role == KILLED and head in _GENERAL_NOUNS and len(words) == 1:
        return FATALITIES
    noun = " ".join((*words[:-1], head))
    # Being there (trapped, on board, remaining) is what a bare count of people counts: the
    # unmarked reading, so "80,000 civilians remained" and "80,000 civilians" are one category.
    marked = role not in (None, PRESENT) and role != _ROLE_OF_NOUN.get(head)
    return f"{noun} ({role})" if marked else noun


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
