"""Merging event mentions into events: which sentences speak of the same real-world event.

Rules, in document order (docs/events.md):
1. A mention that did not occur (threatened, hypothetical, denied) is its own event; it merges only
   with a mention of the same sub-event type, modality and source in the next sentence.
2. A headline or standfirst mention summarises the body: it joins the first body event of its
   sub-event type (else event type) and starts an event only when the body has none.
3. An article-voice mention right after an attributed mention of the same event type continues
   that account ("The UN confirmed ... atrocities. Those massacred included ...").
4. An asserted mention joins an asserted event of its act (`same_act`) whose doer agrees (of its
   event type, when the mention names no doer); a bare definite noun with no doer ("the
   scene of the airstrike"), else the last event of its act told on others' word.
5. A reported or confirmed mention corroborates an asserted event of its event type; otherwise it
   joins the event of the same act told by the same source, else (political violence) an
   event of its act told with the same modality (two witnesses of one
   attack), or starts its own.
6. An agreement named again with a definite article ("the agreement", "the ceasefire deal") is
   the last agreement told whose evidence has its modifiers ("ceasefire"), whoever tells it.
7. An explosion told without a doer ("with an explosion", "smoke from the explosions") is part
   of the violent event told last (political violence), not an event of its own.
8. The event's type is its most specific act among the mentions of the lead's event type
   (`SPECIFICITY`): a bombing told as a suicide bombing in one mention is a suicide bomb; a
   plain explosion word never decides.
Rules 3-7 merge only mentions of the same occasion: dates that overlap (or one undated), places
that agree (the same place, or one the region or country the other lies in, or one unplaced or
only in a world region), and no word of another occurrence in the mention's sentence ("in a
separate attack").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventdesk.events.mentions import EventMention
from eventdesk.events.modality import occurred
from eventdesk.events.taxonomy import EVENT_TYPE_OF
from eventdesk.model import Location

# Event types of political violence: an explosion heard during one of them is part of it.
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# An explosion word that names no weapon of its own ("an explosion", "the blasts").
_PLAIN_BLAST = re.compile(r"explosions?|blasts?|detonations?|exploded|explode[sd]?", re.I)


# How specific an act a sub-event type names, within its event type (higher wins; unlisted 1):
# ACLED codes an attack with a suicide bomber as a suicide bomb, a bombing from the air as an
# air strike, a raid in which women were raped as sexual violence. Equal ranks keep the first
# told. Left out: protests (force or intervention told later in a protest report is mostly at
# another gathering) and territorial gains (capture words beside fighting are as often rescued
# hostages or captured fighters: "passengers were freed", "rebels were captured").
SPECIFICITY = {
    "Chemical weapon": 3,
    "Suicide bomb": 3,
    "Air/drone strike": 2,
    "Grenade": 2,
    "Sexual violence": 2,
    "Abduction/forced disappearance": 2,
    "Other": 0,
}


# The generic act of explosions and of violence against civilians: what bare words ("bomb",
# "killed") vote for. A more specific act of the same event type may tell the same occurrence.
# (Battles are left out: a capture told beside fighting is as often another, older one.)
_GENERIC_ACTS = frozenset({"Remote explosive/landmine/IED", "Attack"})
_REFINED_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def same_act(one: str, other: str) -> bool:
    """Whether sub-event types `one` and `other` can name one act: equal, or one the generic
    act of its event type and the other a more specific act of that type (a bomb and a suicide
    bomb; fighting and a capture)."""
    if one == other:
        return True
    if EVENT_TYPE_OF[one] != EVENT_TYPE_OF[other] or EVENT_TYPE_OF[one] not in _REFINED_TYPES:
        return False
    return (one in _GENERIC_ACTS) != (other in _GENERIC_ACTS)


def specificity(mention: EventMention) -> int:
    """The rank of `mention`'s act in `SPECIFICITY`; a plain explosion word ranks lowest."""
    if _PLAIN_BLAST.fullmatch(mention.trigger_text):
        return 0
    return SPECIFICITY.get(mention.sub_event_type, 1)


@dataclass(slots=True)
class EventGroup:
    """The mentions of one event; the first body mention (`lead`) fixes modality and source (and
    what later mentions are matched against), the most specific mention the type."""

    lead: EventMention
    mentions: list[EventMention] = field(default_factory=list)
    summary_only: bool = False

    @property
    def doers(self) -> set[str]:
        """Canonical names of the known doers of the lead mention."""
        return {a.name for a in self.lead.agents if a.known}

    @property
    def defining(self) -> EventMention:
        """The mention whose act types the event: the most specific of the lead's event type
        (the lead itself on a tie)."""
        kind = self.lead.event_type
        same = [m for m in self.mentions if m.event_type == kind]
        best = max(same, key=specificity, default=self.lead)
        return self.lead if specificity(best) <= specificity(self.lead) else best

    @property
    def sub_event_type(self) -> str:
        """The event's sub-event type: that of its most specific act."""
        return self.defining.sub_event_type


def _doers_agree(group: EventGroup, mention: EventMention) -> bool:
    theirs = {a.name for a in mention.agents if a.known}
    return not group.doers or not theirs or bool(group.doers & theirs)


def _days_agree(one: tuple[str, str] | None, other: tuple[str, str] | None) -> bool:
    if one is None or other is None:
        return True
    return one[0] <= other[1] and other[0] <= one[1]


def _within(wide: Location, narrow: Location) -> bool:
    """Whether `wide` is a country or first-level region that holds `narrow`."""
    if wide.precision < 3 or wide.country != narrow.country:
        return False
    if wide.admin1 is None:  # a country
        return True
    return wide.admin1 == wide.name and narrow.admin1 == wide.name


def _places_agree(one: Location | None, other: Location | None) -> bool:
    if one is None or other is None or not one.country or not other.country:
        # Unplaced, or placed only in a world region ("in the Middle East"): nothing to tell
        # two occurrences apart.
        return True
    if one.geonameid is not None and one.geonameid == other.geonameid:
        return True
    if (one.name, one.country) == (other.name, other.country):
        return True
    return _within(one, other) or _within(other, one)


def same_occasion(group: EventGroup, mention: EventMention) -> bool:
    """Whether `mention` can tell of the same occurrence as `group`: no word of another
    occurrence, and no date or place of its sentence that disagrees with the group's."""
    if mention.distinct:
        return False
    return all(
        _days_agree(m.days, mention.days) and _places_agree(m.place, mention.place)
        for m in group.mentions
    )


def _plain_blast(mention: EventMention) -> bool:
    return (
        mention.event_type == "Explosions/Remote violence"
        and _PLAIN_BLAST.fullmatch(mention.trigger_text) is not None
        and not any(a.known for a in mention.agents)
    )


def _in_summary(mention: EventMention, summary: Sequence[tuple[int, int]]) -> bool:
    return any(s <= mention.trigger.start < e for s, e in summary)


def group_mentions(
    mentions: Sequence[EventMention], *, summary: Sequence[tuple[int, int]] = ()
) -> list[EventGroup]:
    """Group `mentions` (document order) into events; `summary` holds the character ranges of
    the headline and standfirst."""
    groups: list[EventGroup] = []
    held: list[EventMention] = []
    previous: list[EventMention] = []  # the mentions of the previous body sentence
    current: list[EventMention] = []
    # In a sentence, a plain explosion comes after the acts it may be part of ("an explosion,
    # and then gunmen stormed it").
    ordered = sorted(
        range(len(mentions)), key=lambda i: (mentions[i].sentence_start, _plain_blast(mentions[i]))
    )
    for mention in (mentions[i] for i in ordered):
        if _in_summary(mention, summary):
            held.append(dataclasses.replace(mention, in_summary=True))
            continue
        if current and current[0].sentence_start != mention.sentence_start:
            previous, current = current, []
        current.append(mention)
        target = _target_group(groups, mention, previous)
        if target is None:
            groups.append(EventGroup(lead=mention, mentions=[mention]))
        else:
            target.mentions.append(mention)
    for mention in held:
        same_sub = [g for g in groups if g.lead.sub_event_type == mention.sub_event_type]
        same_type = [g for g in groups if g.lead.event_type == mention.event_type]
        candidates = [g for g in same_sub or same_type if occurred(g.lead.modality)]
        if candidates:
            candidates[0].mentions.insert(0, mention)
        elif occurred(mention.modality):
            groups.append(EventGroup(lead=mention, mentions=[mention], summary_only=True))
    return groups


def _target_group(
    groups: list[EventGroup], mention: EventMention, previous: Sequence[EventMention]
) -> EventGroup | None:
    if not occurred(mention.modality):
        for group in reversed(groups):
            lead = group.mentions[-1]
            if (
                lead.sub_event_type == mention.sub_event_type
                and lead.modality == mention.modality
                and lead.source == mention.source
                and mention.sentence_start - lead.sentence_end <= 2
            ):
                return group
        return None
    occurred_groups = [g for g in groups if occurred(g.lead.modality) and same_occasion(g, mention)]
    if mention.modality == "asserted" and not mention.agents:
        for before in previous:
            if (
                before.modality in ("reported", "confirmed")
                and before.event_type == mention.event_type
            ):
                for group in occurred_groups:
                    if before in group.mentions:
                        return group
    if mention.reference is not None:
        named = [
            g
            for g in occurred_groups
            if g.lead.sub_event_type == mention.sub_event_type
            and set(mention.reference) <= set().union(*(m.topic for m in g.mentions))
        ]
        if named:
            return max(named, key=lambda g: g.mentions[-1].sentence_start)
    found = _same_account(occurred_groups, mention)
    if found is None and _plain_blast(mention):
        violent = [g for g in occurred_groups if g.lead.event_type in _VIOLENT_TYPES]
        if violent:
            return max(violent, key=lambda g: g.mentions[-1].sentence_start)
    return found


def _same_account(
    occurred_groups: Sequence[EventGroup], mention: EventMention
) -> EventGroup | None:
    # A plain explosion word refines nothing: it joins by its exact type, else by rule 7.
    plain = _plain_blast(mention)

    def kin(one: str, other: str) -> bool:
        return one == other if plain else same_act(one, other)

    if mention.modality == "asserted":
        for group in occurred_groups:
            # A mention without a doer adds nothing to tell it apart from an event of its
            # type ("the sounds of explosions" during a bombardment).
            same = (
                kin(group.lead.sub_event_type, mention.sub_event_type)
                if mention.agents
                else group.lead.event_type == mention.event_type
            )
            if group.lead.modality == "asserted" and same and _doers_agree(group, mention):
                return group
        if mention.agents or not mention.back_reference:
            return None
        # Named again without a doer ("collected at the scene of the airstrike" after officials
        # told of the airstrike), it is the act the report attributes.
        told = [g for g in occurred_groups if kin(g.lead.sub_event_type, mention.sub_event_type)]
        return max(told, key=lambda g: g.mentions[-1].sentence_start) if told else None
    for group in occurred_groups:
        if group.lead.modality == "asserted" and group.lead.event_type == mention.event_type:
            return group
    for group in occurred_groups:
        if (
            kin(group.lead.sub_event_type, mention.sub_event_type)
            and group.lead.source == mention.source
        ):
            return group
    if mention.event_type not in _VIOLENT_TYPES:
        return None
    for group in occurred_groups:
        if (
            group.lead.modality == mention.modality
            and kin(group.lead.sub_event_type, mention.sub_event_type)
            and _doers_agree(group, mention)
        ):
            return group
    return None
