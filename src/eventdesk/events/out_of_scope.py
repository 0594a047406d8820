"""Cues of reports that are no ACLED event: organised crime, natural and man-made disasters,
diplomacy, attribution of responsibility (CASE 2021's five types outside ACLED). They let the
typer say "not a political-violence event" instead of forcing a wrong ACLED type; the extractor
never codes them as events.
"""

from __future__ import annotations

from eventdesk.events.lexicon import Cue, cues

CRIME = "crime"
NATURAL_DISASTER = "natural disaster"
MAN_MADE_DISASTER = "man-made disaster"
DIPLOMACY = "diplomacy"
ATTRIBUTION = "attribution"
# Kinds of report that are not ACLED events; the extractor never codes them as events.
OUT_OF_SCOPE = (CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLOMACY, ATTRIBUTION)

OUT_OF_SCOPE_CUES: tuple[Cue, ...] = (
    *cues(CRIME, 1.5, r"gangs?|gangsters?"),
    *cues(
        CRIME,
        3,
        r"robber\w*|robbed|smuggl\w*|traffick\w*|drugs?|narcotics?|counterfeit|"
        r"fraud\w*|burglar\w*|theft|thefts|cartels?|laundering|poach\w*|"
        r"cyber ?crimes?|pornography|scams?|extortion|steroid\w*|"
        r"fake (?:currency|banknotes|notes|money|goods|documents|passports|medicines|drugs)",
    ),
    *cues(
        NATURAL_DISASTER,
        5,
        r"earthquakes?|quakes?|floods?|flooding|cyclones?|hurricanes?|"
        r"typhoons?|tornado\w*|"
        # "storm" before an object is the verb ("could storm the hospital"), no weather.
        r"storms?(?!\s+(?:the|a|an|into|through|its|their|his|her|our|several)\b)|landslides?|mudslides?|volcan\w*|eruptions?|tsunamis?|"
        r"droughts?|torrential|heavy rains?|avalanches?|heat ?waves?|monsoon\w*|magnitude|"
        r"wildfires?|bushfires?|forest fires?",
    ),
    *cues(
        MAN_MADE_DISASTER,
        4,
        r"crash(?:ed|es)?|collid\w+|collision|derail\w*|leak\w*|"
        r"spill\w*|capsiz\w+|sank|sinking|stampede|accident\w*|collaps\w+|"
        r"(?:chemical|industrial|factory|plant|warehouse|storage|fuel|gas) (?:fire|blast|"
        r"explosion|leak)s?|caught fire|catches fire|toxins?|hazard\w*|solvents?|"
        r"chemical (?:plant|factory|spill|hazard)|poisoning|struck by a|ran aground",
    ),
    *cues(
        MAN_MADE_DISASTER,
        4,
        r"plants?|factor(?:y|ies)|furnaces?|containers?|boilers?|"
        r"pipelines?|refiner(?:y|ies)|warehouses?|storage|gas cylinders?|fireworks",
        needs="blast",
    ),
    *cues(
        DIPLOMACY,
        5,
        r"expel\w*|expulsion|diplomats?|ambassadors?|sanctions?|"
        r"embass(?:y|ies)|persona non grata|diplomatic\w*|summit|visa bans?|"
        r"throws? out",
    ),
    *cues(
        ATTRIBUTION,
        6,
        r"claim(?:ed|s|ing)? (?:the )?responsibility|t(?:ook|akes|aking) "
        r"credit|blam(?:ed|es|ing)|accus(?:ations?|es|ing|er|ers)|accused(?!\s+of\b)|"
        r"(?:was|were|is|are|been|being) accused of|deni(?:ed|es) (?:\w+ )?(?:responsib\w+|"
        r"involvement|being behind)|(?:is|was|were|are) responsible for|held responsible|"
        r"behind the (?:attack|bombing)|rejected (?:the )?accusations?",
    ),
)
