"""Merging event mentions into events: which sentences speak of the same real-world event.

Rules, in document order (docs/events.md):
1. A mention that did not occur (threatened, hypothetical, denied) is its own event; it merges only
   with a mention of the same sub-event type, modality and source in the next sentence.
2. A headline or standfirst mention summarises the body: it joins the first body event of its
   sub-event type (else event type) and starts an event only when the body has none.
3. An article-voice mention right after an attributed mention of the same event type continues
   that account ("The UN confirmed ... atrocities. Those massacred included ...").
4. An asserted mention joins an asserted event of its sub-event type whose doer agrees (of its
   event type, when the mention names no doer).
5. A reported or confirmed mention corroborates an asserted event of its event type; otherwise it
   joins the event of the same sub-event type told by the same source, or starts its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventdesk.events.mentions import EventMention
from eventdesk.events.modality import occurred


@dataclass(slots=True)
class EventGroup:
    """The mentions of one event; the first body mention (`lead`) fixes type, modality, source."""

    lead: EventMention
    mentions: list[EventMention] = field(default_factory=list)
    summary_only: bool = False

    @property
    def doers(self) -> set[str]:
        """Canonical names of the known doers of the lead mention."""
        return {a.name for a in self.lead.agents if a.known}


def _doers_agree(group: EventGroup, mention: EventMention) -> bool:
    theirs = {a.name for a in mention.agents if a.known}
    return not group.doers or not theirs or bool(group.doers & theirs)


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
    for mention in mentions:
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
    if mention.modality == "asserted" and not mention.agents:
        for before in previous:
            if (
                before.modality in ("reported", "confirmed")
                and before.event_type == mention.event_type
            ):
                for group in groups:
                    if before in group.mentions:
                        return group
    occurred_groups = [g for g in groups if occurred(g.lead.modality)]
    if mention.modality == "asserted":
        for group in occurred_groups:
            # A mention without a doer adds nothing to tell it apart from an event of its
            # type ("the sounds of explosions" during a bombardment).
            same = (
                group.lead.sub_event_type == mention.sub_event_type
                if mention.agents
                else group.lead.event_type == mention.event_type
            )
            if group.lead.modality == "asserted" and same and _doers_agree(group, mention):
                return group
        return None
    for group in occurred_groups:
        if group.lead.modality == "asserted" and group.lead.event_type == mention.event_type:
            return group
    for group in occurred_groups:
        if (
            group.lead.sub_event_type == mention.sub_event_type
            and group.lead.source == mention.source
        ):
            return group
    return None
