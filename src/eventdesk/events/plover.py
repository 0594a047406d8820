"""PLOVER typing of sentences that carry no ACLED event: the verbal and material interactions
of political actors (demands, rejections, meetings, aid, sanctions ...).

ACLED codes only political violence, protest and strategic developments; PLOVER also codes what
states and groups say to and do for each other. `verbal_plover(text)` finds the first PLOVER cue of
a sentence (its main predicate, in English word order); `plover_of_sentence` prefers whichever
comes first of that cue and the sentence's first coded event. Cues follow the PLOVER codebook's
definitions (current names; v0.5b1 names are translated by `taxonomy.normalise_plover`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventdesk.events.typing import triggers
from eventdesk.model import Event


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


# PLOVER type -> its cue words. Order matters only for ties at one position.
PLOVER_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("THREATEN", _rx(r"threat\w*|warn(?:ed|s|ing)?|ultimatum|vow(?:ed|s)? to|sw(?:ore|orn) to")),
    (
        "REJECT",
        _rx(
            # A refusal said as a negated acceptance ("will not accept", "failed to reach").
            r"(?:not|never|n't) (?:\w+ )?(?:accept|agree|meet|allow|approve|recogni[sz]e)\w*|"
            r"fail(?:ed|s)? to (?:reach|agree)|opposed to|out of the question|"
            r"reject\w*|refus\w+|turn(?:ed|s)? down|veto(?:ed|es)?|rebuff\w*|ruled out|"
            r"den(?:ied|ies|y) (?:\w+ )?(?:permission|entry|access|allocation|requests?|visas?|"
            r"land)|"
            r"declin(?:ed|es) to|dismiss(?:ed|es)|boycott\w*"
        ),
    ),
    (
        "ACCUSE",
        _rx(
            r"accus\w+|denounc\w+|condemn\w*|critici[sz]\w+|blam\w+|complain\w*|"
            r"slam(?:med|s)|protested to|charged that|deplor\w+|rebuk\w+|su(?:ed|es|ing)|"
            r"lawsuit|indict\w*|lodged (?:an? )?(?:\w+ )?(?:protest|complaint)"
        ),
    ),
    (
        "REQUEST",
        _rx(
            r"demand\w*|urg(?:ed|es|ing)|call(?:ed|s)? (?:on|for|upon)|appeal\w*|"
            r"ask(?:ed|s)?|request\w*|insist\w*|press(?:ed|es) for|order(?:ed|s)|"
            r"must|reminder|plead\w*|pled"
        ),
    ),
    (
        "SANCTION",
        _rx(
            r"sanction\w*|embargo\w*|expel\w*|suspen\w+|cut (?:off )?(?:ties|links|aid)|"
            r"cancel\w* (?:a |his |her |the |its )?(?:planned )?visit|recall\w* "
            r"(?:its |the )?ambassador|froze|freez\w+|severed|downgrad\w+|halt\w* (?:\w+ )?aid|"
            r"prohibit\w*"
        ),
    ),
    (
        "COERCE",
        _rx(
            r"curfews?|martial law|outlaw\w*|bann(?:ed|ing)|bans?|censor\w*|blockad\w*|"
            r"restrict\w*|deport\w*|crack(?:ed|s|ing)? down|prevent\w*|confiscat\w*|"
            r"tighten\w*|impos\w* (?:an? )?(?:\w+ )?(?:ban|curfew|restrictions?|martial law|"
            r"blockade|censorship|state of emergency)"
        ),
    ),
    (
        "INVESTIGATE",
        _rx(
            r"investigat\w+|inquir(?:y|ies)|probe\w*|inspectors?|inspect\w*|"
            r"examin\w+|fact-finding"
        ),
    ),
    (
        "AID",
        _rx(
            r"aid|donat\w+|humanitarian assistance|assistance|loans?|grants?|relief (?:goods|"
            r"supplies)|sen(?:t|d|ds) (?:arms|weapons|food|medicine|supplies)|provid(?:ed|es|ing)|"
            r"grant(?:ed|s)? (?:\w+ )?(?:asylum|refuge)"
        ),
    ),
    (
        "COOPERATE",
        _rx(
            r"cooperat\w+|joint (?:exercises?|patrols?|operations?)|war games|"
            r"hand(?:ed|s|ing)? over|extradit\w+|shar(?:ing|ed|es) (?:intelligence|expertise|information)"
        ),
    ),
    (
        "CONCEDE",
        _rx(
            r"conced\w+|eas(?:ed|es|ing) (?:\w+ ){0,2}?(?:restrictions|sanctions|measures|curfew|"
            r"blockade)|shorten\w* (?:\w+ ){0,4}?curfew|lift(?:ed|s)|"
            r"releas(?:ed|es) (?:\w+ )?(?:prisoners|detainees)|pardon\w*|apologi[sz]\w+|"
            r"compromis\w+|cancell?ed restrictions|granted|allowed|gave in|yield\w*"
        ),
    ),
    (
        "SUPPORT",
        _rx(
            r"prais\w+|welcom\w+|endors\w+|back(?:ed|s|ing)|support\w*|commend\w*|"
            r"recogni[sz]\w+|upgrad\w+|applaud\w*|hail\w*"
        ),
    ),
    (
        "CONSULT",
        _rx(
            r"met|meet\w*|talks|visit\w*|telephon\w+|phoned|host\w*|discuss\w*|"
            r"consult\w*|summit|negotiat\w+|conferr\w+"
        ),
    ),
    (
        "MOBILIZE",
        _rx(
            r"alert|mobili[sz]\w+|deploy\w*|mass(?:ed|ing) (?:troops|forces)|"
            r"reinforc\w+|patrols|state of emergency|strengthened (?:its |their )?forces"
        ),
    ),
    (
        "RETREAT",
        _rx(
            r"withdr[ae]w\w*|pull(?:ed|s)? out|evacuat\w+|releas(?:ed|es) (?:\w+ )?"
            r"hostages|demobili[sz]\w+|disarm\w*|peacekeep\w+|observers|access|resign\w*|"
            r"surrender\w*|(?:declared|announced) (?:an? )?(?:unilateral )?(?:ceasefire|truce)"
        ),
    ),
    (
        "AGREE",
        _rx(
            r"agree\w*|pact|deal|accord|signed|accept\w*|treaty|ceasefire|truce|"
            r"consensus|reached (?:an? )?(?:understanding|settlement)"
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class PloverCue:
    """A PLOVER type heard at a position of a sentence."""

    plover: str
    start: int


# A promise or an offer with nothing else said is an agreement (PLOVER AGREE covers promises);
# before another cue it qualifies that cue instead (`_modal_plover`).
_PROMISE_CUE = _rx(
    r"promis(?:ed|es|ing)|pledg(?:ed|es|ing)|offer(?:ed|s|ing)|willing to|ready to|"
    r"prepared to|committed to"
)


def verbal_plover(text: str) -> PloverCue | None:
    """The first PLOVER cue of `text` (ties at one position: the order of `PLOVER_CUES`); a
    promise or offer alone is AGREE."""
    best: PloverCue | None = None
    for plover, pattern in PLOVER_CUES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start):
            best = PloverCue(plover, match.start())
    promise = _PROMISE_CUE.search(text)
    if best is None and promise is not None:
        return PloverCue("AGREE", promise.start())
    return best


# A conditional sanction ("will withdraw unless ...") is a threat.
_CONDITION = re.compile(r"\b(?:unless|or else|otherwise|if (?:\w+ ){0,6}?(?:not|fails?))\b", re.I)
# A promise or an offer of what the cue names is an agreement (PLOVER AGREE covers promises).
_PROMISE = re.compile(
    r"\b(?:will|would|shall|may|plans? to|intends? to|offer(?:ed|s)? to|pledg(?:ed|es) to|"
    r"promis(?:ed|es) to|agreed to|ready to|prepared to|decided to|willing to|committed to)\s+"
    r"(?:[\w-]+\s+){0,5}$",
    re.IGNORECASE,
)
_NOT_PROMISED = frozenset({"THREATEN", "REJECT", "REQUEST", "ACCUSE", "SANCTION", "COERCE"})
# Coercion announced for later is a threat (PLOVER THREATEN: "would impose", "will boycott").
_COERCIVE = frozenset({"SANCTION", "COERCE", "MOBILIZE"})


def _modal_plover(text: str, cue: PloverCue) -> str:
    if _CONDITION.search(text) and cue.plover in ("SANCTION", "RETREAT", "MOBILIZE", "COERCE"):
        return "THREATEN"
    if _PROMISE.search(text[: cue.start]):
        if cue.plover in _COERCIVE:
            return "THREATEN"
        if cue.plover not in _NOT_PROMISED:
            return "AGREE"
    return cue.plover


def _event_start(text: str, event: Event) -> int:
    """Where `event` is first named in `text`: its first trigger inside its evidence (the
    evidence of a clause starts at its subject, before any verbal cue of that clause)."""
    start = min(s.start for s in event.evidence)
    inside = [
        t.start
        for t in triggers(text)
        if t.label == event.sub_event_type
        and any(s.start <= t.start < s.end for s in event.evidence)
    ]
    return min(inside, default=start)


def plover_of_sentence(text: str, events: Sequence[Event]) -> str | None:
    """The PLOVER type of a one-sentence report: its first event's, unless a verbal cue comes
    before that event's trigger ("X rejected claims that its jets bombed Y" is a rejection)."""
    first = min(events, key=lambda e: _event_start(text, e), default=None)
    cue = verbal_plover(text)
    if (
        first is not None
        and first.plover is not None
        and (cue is None or cue.start >= _event_start(text, first))
    ):
        return first.plover
    return _modal_plover(text, cue) if cue else None
