"""ACLED's event taxonomy (6 event types, 25 sub-event types, exact strings) and its PLOVER mapping.

The strings are ACLED's current codebook names, so records compare equal to ACLED exports. Each
sub-event type maps to one PLOVER event type (current PLOVER names; `PLOVER_LEGACY` translates the
v0.5b1 names used by the PLOVER gold-standard records, where FIGHT was still apart from ASSAULT).
"""

from __future__ import annotations

from types import MappingProxyType

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

# Sub-event types per event type, in ACLED's codebook order.
EVENT_TYPES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        BATTLES: (
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Armed clash",
        ),
        EXPLOSIONS: (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        VIOLENCE_AGAINST_CIVILIANS: (
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ),
        PROTESTS: (
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ),
        RIOTS: ("Violent demonstration", "Mob violence"),
        STRATEGIC_DEVELOPMENTS: (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)

SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in EVENT_TYPES.values() for s in subs)

# Sub-event type -> its event type. "Other" is unique to Strategic developments in ACLED.
EVENT_TYPE_OF: MappingProxyType[str, str] = MappingProxyType(
    {sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs}
)

# The PLOVER event type that best covers each ACLED sub-event type. Battles are ASSAULT in current
# PLOVER (which merged FIGHT into it); arrests and detentions are COERCE; agreements AGREE.
PLOVER_OF_SUB_EVENT: MappingProxyType[str, str] = MappingProxyType(
    {
        "Government regains territory": "ASSAULT",
        "Non-state actor overtakes territory": "ASSAULT",
        "Armed clash": "ASSAULT",
        "Chemical weapon": "ASSAULT",
        "Air/drone strike": "ASSAULT",
        "Suicide bomb": "ASSAULT",
        "Shelling/artillery/missile attack": "ASSAULT",
        "Remote explosive/landmine/IED": "ASSAULT",
        "Grenade": "ASSAULT",
        "Sexual violence": "ASSAULT",
        "Attack": "ASSAULT",
        "Abduction/forced disappearance": "ASSAULT",
        "Peaceful protest": "PROTEST",
        "Protest with intervention": "PROTEST",
        "Excessive force against protesters": "COERCE",
        "Violent demonstration": "PROTEST",
        "Mob violence": "ASSAULT",
        "Agreement": "AGREE",
        "Arrests": "COERCE",
        "Change to group/activity": "MOBILIZE",
        "Disrupted weapons use": "COERCE",
        "Headquarters or base established": "MOBILIZE",
        "Looting/property destruction": "COERCE",
        "Non-violent transfer of territory": "RETREAT",
        "Other": "OTHER",
    }
)

# PLOVER v0.5b1 names (PLOVER gold-standard records) -> current PLOVER names.
PLOVER_LEGACY: MappingProxyType[str, str] = MappingProxyType(
    {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
)

# ACLED interaction codes of actor types (numeric "inter" codes of the ACLED codebook).
INTER_CODES: MappingProxyType[int, str] = MappingProxyType(
    {
        1: "State forces",
        2: "Rebel groups",
        3: "Political militias",
        4: "Identity militias",
        5: "Rioters",
        6: "Protesters",
        7: "Civilians",
        8: "External/Other forces",
    }
)


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type of `sub_event_type`; KeyError for a string outside the taxonomy."""
    return EVENT_TYPE_OF[sub_event_type]


def plover_of(sub_event_type: str) -> str:
    """The PLOVER event type (current names) that an ACLED sub-event type maps to."""
    return PLOVER_OF_SUB_EVENT[sub_event_type]


def normalise_plover(name: str) -> str:
    """A PLOVER event type under its current name (legacy v0.5b1 names translated)."""
    upper = name.strip().upper()
    return PLOVER_LEGACY.get(upper, upper)
