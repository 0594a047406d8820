"""Modality: whether a sentence says an event happened, and on whose word.

`modality_at(sentence, position)` reads the clause around a trigger word and returns one of the
model's modalities:

- `denied`: a denial or a negation governs the event ("denied shelling", "no one was killed");
- `threatened`: a threat of the event ("are threatened with field executions", "vowed to attack");
- `hypothetical`: a conditional, future, modal, imperative or feared event ("if ..., we will see",
  "Imagine ...", "may be executed", "the atrocities that awaited them");
- `confirmed`: confirmed or verified by someone ("the UN confirmed that ...");
- `reported`: attributed to a speaker (inside a quotation, or under "said", "according to");
- `asserted`: stated in the report's own voice.

Only `asserted`, `reported` and `confirmed` events occurred (`OCCURRED`); the others are kept with
their modality and never counted downstream. Rules read plain text so they run without a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import get_args

from eventdesk.model import Modality

OCCURRED: frozenset[Modality] = frozenset({"asserted", "reported", "confirmed"})
MODALITIES: tuple[Modality, ...] = get_args(Modality)

# How far back from the trigger (characters, inside its clause) a governing word is looked for.
GOVERNOR_WINDOW = 90
# How far after the trigger a postposed governor is looked for ("atrocities that awaited them").
TRAILING_WINDOW = 40

# A comma with a conjunction starts a new clause: in "X are threatened with executions, and
# 180 have been executed" the threat does not govern the second verb.
_CLAUSE_BREAK = re.compile(
    r"[;:!?.…“”\"]|\s[-–—]\s|\bbut\b|,\s*(?:and|while|whereas|although|though|yet)\b",
    re.IGNORECASE,
)

_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|rejected (?:claims|reports|accusations)|dismissed (?:claims|"
    r"reports)|refuted|false (?:claims|reports))\b",
    re.IGNORECASE,
)
# "No fewer than 12", "not only": words of negation that qualify a figure or add, not deny.
# "Nobody has claimed the bombing" denies the claim, not the bombing.
_NEGATION = re.compile(
    r"\b(?:not(?!\s+(?:only|least|just|far|long)\b)|never|none|"
    r"(?:nobody|no one)(?!\s+(?:has\s+|have\s+|had\s+)?(?:yet\s+)?(?:claimed|taken|admitted))|"
    r"neither|no(?!\s+(?:fewer|less|more|longer|sooner|one)\b)(?: civilians| casualties)?)\b|"
    r"n['’]t\b",
    re.IGNORECASE,
)
# "without" negates only the word right after it ("a week without shelling"), not a clause
# ("Without warning, soldiers opened fire").
_WITHOUT = re.compile(r"\bwithout\s+(?:any\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
# A modal before the negation makes a possibility, not a denial ("he may not survive").
_MODAL_NEGATION = re.compile(
    r"\b(?:(?-i:may)|might|could|would)\s+(?:not|never)\b|\b(?:could|would)n['’]t\b",
    re.IGNORECASE,
)
_THREAT = re.compile(
    r"\b(?:threaten(?:ed|s|ing)?(?: with| to)?|threats?\s+(?:of|to|against)|"
    r"warn(?:ed|s|ing)? (?:of|that)|"
    r"vow(?:ed|s)? to|pledg(?:ed|es) to|face (?:the )?(?:threat|prospect)|ultimatum)\b",
    re.IGNORECASE,
)
# "may" counts in lower case only and not before a number: "3 May 2020" is a date.
_HYPOTHETICAL = re.compile(
    r"\b(?:will|would|could|might|(?-i:may)(?!\s+\d)|shall|going to|about to|likely to|plan(?:s|ned)? to|"
    r"intend(?:s|ed)? to|fear(?:s|ed|ing)?|risk(?:s)? (?:of|being)|possibility|"
    r"possible|unless|in case|should|expected to|"
    r"expect(?:s|ed|ing)?\s+(?:more|further|new|renewed|fresh|another|an?))\b|['’]ll\b",
    re.IGNORECASE,
)
# Words that make a whole sentence hypothetical when it opens with them.
_HYPOTHETICAL_OPENING = re.compile(
    r"^[\s\"“‘']*(?:if|imagine|suppose|what if|should|unless|were)\b", re.IGNORECASE
)
# A prediction after the trigger: "the atrocities that awaited them", "a new offensive is likely
# to soon become a reality", "more strikes could follow".
_TRAILING_HYPOTHETICAL = re.compile(
    r"^\W*(?:(?:that|which)\s+(?:\w+\s+)?(?:await(?:s|ed)?|loom(?:s|ed)?|(?:is|are|was|were) "
    r"(?:expected|feared|planned))|(?:\w+\s+){0,2}?(?:is|are|was|were|seems?|looks?|appears?)\s+"
    r"(?:\w+\s+)?(?:(?:likely|expected|set|due|feared|planned|poised|about)\s+to|likely|"
    r"imminent)|"
    r"(?:\w+\s+){0,2}?(?:will|would|could|(?-i:may)|might)\s+(?:soon\s+|well\s+)?"
    r"(?:come|happen|begin|start|resume|become|follow|take place|break out))\b",
    re.IGNORECASE,
)
_CONFIRMED = re.compile(r"\b(?:confirm(?:ed|s|ing)?|verif(?:ied|y|ies))\b", re.IGNORECASE)
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tell|report(?:ed|s)?|according to|claim(?:ed|s)?|alleg(?:ed|es)|"
    r"accus(?:ed|es)|stat(?:ed|es)|explain(?:ed|s|ing)|announc(?:ed|es)|testif(?:ied|ies)|"
    r"describ(?:ed|es|ing)|recount(?:ed|s)|quot(?:ed|ing)|cited|sources?)\b",
    re.IGNORECASE,
)
# A relative clause set off by commas: ", which officials had feared for weeks,".
_ASIDE = re.compile(r",\s*(?:which|who|whom|whose)\b[^,;:.]*,", re.IGNORECASE)
_OPEN_QUOTES = '“"'
_CLOSE_QUOTES = '”"'


def _clause_before(sentence: str, position: int) -> str:
    start = max(0, position - GOVERNOR_WINDOW)
    window = sentence[start:position]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def inside_quotation(text: str, position: int) -> bool:
    """True when `position` lies between an opening quotation mark and its closing one
    (curly marks open and close; a straight mark toggles)."""
    quoted = False
    for char in text[:position]:
        if char == "“":
            quoted = True
        elif char == "”":
            quoted = False
        elif char == '"':
            quoted = not quoted
    return quoted


def _without_asides(sentence: str, position: int, asides: Sequence[tuple[int, int]]) -> str:
    """`sentence` with its asides that do not hold `position` blanked out (same length): a
    relative clause's words govern that clause only ("Soldiers who had been warned of an ambush
    came under fire"; "The strike, which officials had feared, hit the depot")."""
    ranges = [*asides, *((m.start(), m.end()) for m in _ASIDE.finditer(sentence))]
    chars = list(sentence)
    for start, end in ranges:
        if not start <= position < end:
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def modality_at(
    sentence: str,
    position: int,
    *,
    quoted: bool | None = None,
    asides: Sequence[tuple[int, int]] = (),
) -> Modality:
    """The modality of the event whose trigger starts at `position` in `sentence`.

    `quoted` says whether the trigger is inside a quotation (found by the quotes extractor);
    when None it is read from the quotation marks of `sentence`. `asides` are ranges of the
    sentence (relative clauses, from a parse) whose words govern nothing outside them;
    comma-enclosed "which"/"who" clauses are found in the text as well.
    """
    original = sentence
    sentence = _without_asides(sentence, position, asides)
    clause = _clause_before(sentence, position)
    trailing = sentence[position : position + TRAILING_WINDOW]
    trigger_end = re.match(r"\S*", trailing)
    after = trailing[trigger_end.end() :] if trigger_end else trailing
    if _MODAL_NEGATION.search(clause[-30:]):
        return "hypothetical"
    if _DENIAL.search(clause) or _NEGATION.search(clause[-30:]) or _WITHOUT.search(clause):
        return "denied"
    if _THREAT.search(clause):
        return "threatened"
    if (
        _HYPOTHETICAL.search(clause)
        or _HYPOTHETICAL_OPENING.search(sentence)
        or _TRAILING_HYPOTHETICAL.search(after)
    ):
        return "hypothetical"
    head = sentence[:position]
    if _CONFIRMED.search(head):
        return "confirmed"
    is_quoted = inside_quotation(original, position) if quoted is None else quoted
    if is_quoted or _REPORTED.search(original):
        return "reported"
    return "asserted"


def occurred(modality: Modality) -> bool:
    """True for the modalities of events that happened (asserted, reported, confirmed)."""
    return modality in OCCURRED
