"""The building blocks of the cue lexicon: a `Cue`, the word groups cues may need as context,
and helpers that compile a cue body the way the typer expects (`\\b`-framed, IGNORECASE).

`events.cues` holds the ACLED cues and `events.out_of_scope` the cues of reports that are no
ACLED events; both are written from their codebooks, not from any evaluation text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Cue:
    """One pattern that votes `weight` for `label` (a sub-event type or an out-of-scope kind);
    `needs` names context groups whose words the sentence must hold ("!group": must not hold)."""

    label: str
    pattern: re.Pattern[str]
    weight: float
    needs: tuple[str, ...] = ()


def rx(body: str) -> re.Pattern[str]:
    """`body` as a whole-word, case-insensitive pattern (the form `events.typing` requires)."""
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


STATE_WORDS = (
    r"army|armies|troops|troopers|paratroopers|commandos|special forces|soldiers|military|"
    r"officers|authorities|law enforcement|guards|riot police|crackdown|government forces|regime(?: forces)?|security forces|"
    r"armed forces|police|forces|federal police|national army|defen[cs]e forces|tatmadaw|"
    r"government|coalition|peshmerga|gendarmes|marines"
)
NONSTATE_WORDS = (
    r"militants?|rebels?|insurgents?|jihadists?|islamic state|isis|isil|is|daesh|taliban|"
    r"al[- ]shabaa?b|shebab|boko haram|al[- ]qaeda|fighters|militias?|terrorists?|gunmen|"
    r"extremists?|opposition|hts|nusra|houthis?|hezbollah|ypg|sdf|pkk|separatists?|armed groups?|"
    r"bandits|factions?"
)
PROTEST_WORDS = (
    r"protests?|protesters?|protestors?|protested|protesting|demonstrat(?:ion|ions|ors?|ed|ing)|"
    r"rall(?:y|ies|ied)|marchers|marched|sit-ins?|strikers|picket\w*|human chains?|"
    # A crowd protests only when it gathers or voices something ("crowds gathered outside the
    # ministry"); "families crowd transit camps" is no protest.
    r"crowds? (?:\w+ ){0,2}?(?:gathered|massed|chanted|marched|rallied|demanded|protested)"
)

# Context groups that `Cue.needs` refers to.
CONTEXT_GROUPS: MappingProxyType[str, re.Pattern[str]] = MappingProxyType(
    {
        "state": rx(STATE_WORDS),
        "armed": rx(STATE_WORDS + "|" + NONSTATE_WORDS),
        "nonstate": rx(NONSTATE_WORDS),
        "protest": rx(PROTEST_WORDS + r"|crowds?|dispers\w+|anti-government"),
        "withdrawal": rx(
            r"withdr[ae]w\w*|pulled out|pull(?:ed)? back|retreat\w*|vacated|abandon\w*|deserted|"
            r"evacuated|handed over"
        ),
        "weapons": rx(
            r"weapons?|arms|ammunition|rounds|firearms?|guns?|pistols?|rifles?|explosives?|"
            r"bombs?|ieds?|devices?|grenades?|mines?|missiles?|rockets?|drones?|cache|packages?|"
            r"projectiles?|revolvers?|cartridges|bullets|ammo"
        ),
        "act": rx(
            r"fir(?:ed|es|ing)|launch\w*|struck|strikes?|hit(?:s|ting)?|target\w*|pound\w*|"
            r"shell\w*|kill\w*|wound\w*|injur\w+|land(?:ed|ing|s)|explod\w+|attack\w*|"
            r"destroy\w*|damag\w+|bomb\w*|rain\w*|intercept\w*|shot|shoot\w*|raid\w*|"
            r"hurl\w*|thr(?:ew|own)|lobbed|dead|died|casualt\w+|retaliat\w+|barrage"
        ),
        "blast": rx(r"explo\w+|blasts?|fires?|leak\w*"),
        "combat": rx(r"under fire|fighting|clash\w*|battles?|heavy fire|shelling|offensive"),
        "crime": rx(
            r"drugs?|narcotics?|heroin|cocaine|smuggl\w*|traffick\w*|robber\w*|robbed|theft|"
            r"counterfeit|fraud\w*|burglar\w*|gangs?|cartels?|laundering|poach\w*|cyber\w*"
        ),
    }
)


def cues(
    label: str, weight: float, body: str, needs: str | tuple[str, ...] = ()
) -> tuple[Cue, ...]:
    """One cue of `label` (a tuple, to be spread into a lexicon)."""
    return (Cue(label, rx(body), weight, (needs,) if isinstance(needs, str) else needs),)
