"""Event typing: which ACLED sub-event types a sentence speaks of, with the words that say so.

Works on plain text, so it runs without a model: `triggers(text)` finds every cue of the lexicon
(`events.cues`) with its character span, `score_sentence` adds their weights per label, and
`type_sentence` returns the labels that hold after the precedence rules below; `classify_text`
types a whole snippet (lede first) for the CASE 2021 benchmark. Several labels may hold for one
sentence ("committed atrocities in areas they recaptured": an attack and a territorial gain).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eventdesk.events.cues import CONTEXT_GROUPS, CRIME, CUES, OUT_OF_SCOPE, Cue
from eventdesk.events.prefix_index import PrefixIndex
from eventdesk.events.taxonomy import EVENT_TYPE_OF

# A label must reach this score to be typed at all (one clear cue, weight >= 2).
MIN_SCORE = 2.0
# A second label is kept beside the best one when it reaches this share of the best score and
# belongs to another ACLED event type (the same type would be the same event, typed twice).
SECOND_LABEL_SHARE = 0.6
# Weight of a later sentence of a snippet relative to its lede, which names the main event.
LATER_SENTENCE_WEIGHT = 0.5
# A cue heard in a neighbouring sentence counts this much, and only for labels already present.
NEIGHBOUR_WEIGHT = 0.3

# Generic labels that a specific label of the same sentence explains (a shelling that "killed
# five" is one shelling, not also an attack on civilians).
_GENERIC = frozenset({"Attack", "Other", "Change to group/activity"})
_VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}
)
_REMOTE_VIOLENCE = frozenset(
    label for label, kind in EVENT_TYPE_OF.items() if kind == "Explosions/Remote violence"
)
_CONSEQUENCE_BREAK = re.compile(r"[,;:.]|\b(?:and|but|while|whereas|as)\b", re.IGNORECASE)
_TERRITORIAL_GAINS = ("Government regains territory", "Non-state actor overtakes territory")
# How far before a capture verb (characters) its agent is looked for.
AGENT_WINDOW = 120
# Context groups that must precede the cue (agents); other groups may occur anywhere.
_AGENT_GROUPS = frozenset({"state", "nonstate"})
# A first "sentence" this short is a dateline or place tag, not the lede.
_DATELINE_WORDS = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One cue match: the label it votes for, its weight and its [start, end) in the text."""

    label: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class Typing:
    """A typed sentence or snippet: labels best first, their scores, and the triggers behind them."""

    labels: tuple[str, ...]
    scores: dict[str, float]
    triggers: tuple[Trigger, ...]

    @property
    def best(self) -> str | None:
        """The best label, or None when no label reaches `MIN_SCORE`."""
        return self.labels[0] if self.labels else None

    def triggers_of(self, label: str) -> tuple[Trigger, ...]:
        """The triggers that voted for `label`, in text order."""
        return tuple(t for t in self.triggers if t.label == label)


def is_acled(label: str | None) -> bool:
    """True for one of ACLED's 25 sub-event types (False for out-of-scope kinds and None)."""
    return label is not None and label in EVENT_TYPE_OF


# Where each cue and each context group matches, found by word-start prefixes in one pass.
_CUE_INDEX = PrefixIndex(cue.pattern for cue in CUES)
_CONTEXT_INDEX = PrefixIndex(CONTEXT_GROUPS.values())


def _context_positions(text: str) -> dict[str, list[int]]:
    found = _CONTEXT_INDEX.matches(text)
    return {
        name: [m.start() for m in found.get(index, ())] for index, name in enumerate(CONTEXT_GROUPS)
    }


def _cue_holds(cue: Cue, start: int, context: dict[str, list[int]]) -> bool:
    return all(_group_holds(group, start, context) for group in cue.needs)


def _group_holds(group: str, start: int, context: dict[str, list[int]]) -> bool:
    if group.startswith("!"):  # a group whose words must be absent from the sentence
        return not context[group[1:]]
    if group in _AGENT_GROUPS:
        # The agent is the subject of the capture verb, so it comes first in an English clause:
        # the first agent word shortly before the verb (the head of a coordinated subject,
        # "the army and allied fighters") decides whose gain it is.
        before = [
            (p, name)
            for name in _AGENT_GROUPS
            for p in context[name]
            if start - AGENT_WINDOW <= p < start
        ]
        return bool(before) and min(before)[1] == group
    return bool(context[group])


def triggers(text: str, *, cues: Sequence[Cue] = CUES) -> list[Trigger]:
    """Every cue match in `text` whose context need holds, in text order (overlaps between
    labels kept: "riot police" is context for a protest and not a riot)."""
    if cues is CUES:
        return list(_cached_triggers(text))
    return _find_triggers(text, cues)


@lru_cache(maxsize=4096)
def _cached_triggers(text: str) -> tuple[Trigger, ...]:
    # A sentence is typed once and read again as its neighbours' context.
    return tuple(_find_triggers(text, CUES))


def _find_triggers(text: str, cues: Sequence[Cue]) -> list[Trigger]:
    if cues is CUES:
        each = [(CUES[index], matches) for index, matches in _CUE_INDEX.matches(text).items()]
    else:
        each = [(cue, list(cue.pattern.finditer(text))) for cue in cues]
    # Most sentences hold no cue, and most cues need no context words: find those only when a
    # cue that needs them matched.
    needed = any(matches and cue.needs for cue, matches in each)
    context = _context_positions(text) if needed else {}
    found: list[Trigger] = []
    for cue, matches in each:
        for match in matches:
            if match.end() > match.start() and _cue_holds(cue, match.start(), context):
                found.append(Trigger(cue.label, match.start(), match.end(), cue.weight))
    found.sort(key=lambda t: (t.start, -t.weight))
    return found


def _without_consequences(text: str, found: Sequence[Trigger]) -> list[Trigger]:
    """`found` less the battle words that tell what a remote attack did: in "a roadside bomb
    killed 3 soldiers" the dead soldiers are the bomb's toll, not a second event (an armed
    clash) of the same clause. A clause break between the two keeps both ("soldiers shot dead
    two militants, and four of them blew themselves up")."""
    remote = [t for t in found if t.label in _REMOTE_VIOLENCE]
    if not remote:
        return list(found)
    return [
        t
        for t in found
        if t.label != "Armed clash"
        or not any(
            r.end <= t.start and not _CONSEQUENCE_BREAK.search(text, r.end, t.start) for r in remote
        )
    ]


def _scores(found: Iterable[Trigger], *, weight: float = 1.0) -> dict[str, float]:
    # Each distinct matched span counts once per label, the strongest fully and the others a
    # quarter, so a repeated word adds only a little.
    scores: dict[str, float] = defaultdict(float)
    seen: dict[str, set[str]] = defaultdict(set)
    for trigger in sorted(found, key=lambda t: -t.weight):
        key = f"{trigger.start}:{trigger.end}"
        if key in seen[trigger.label]:
            continue
        bonus = 1.0 if not seen[trigger.label] else 0.25
        seen[trigger.label].add(key)
        scores[trigger.label] += trigger.weight * weight * bonus
    return dict(scores)


def _apply_precedence(scores: dict[str, float]) -> dict[str, float]:
    """Precedence rules between labels that share words; a label overrides others only when it
    holds by itself (reaches `MIN_SCORE`)."""
    adjusted = dict(scores)

    def holds(label: str) -> bool:
        return adjusted.get(label, 0.0) >= MIN_SCORE

    def drop(*labels: str) -> None:
        for label in labels:
            adjusted.pop(label, None)

    # Force and intervention words were only counted with protest words, so they refine the
    # protest: the peaceful reading gives way to them.
    refined = ("Protest with intervention", "Excessive force against protesters")
    if any(holds(label) for label in (*refined, "Violent demonstration")):
        drop("Peaceful protest")
    # Protesters arrested are the intervention in their protest, not a second event.
    if any(holds(label) for label in refined):
        drop("Arrests")
    # An explicit non-violent handover explains the capture verbs that voted for a battle.
    if holds("Non-violent transfer of territory"):
        drop("Government regains territory", "Non-state actor overtakes territory")
    # Seized or defused weapons name a weapon without its use.
    if holds("Disrupted weapons use") and "Attack" not in adjusted:
        drop("Grenade", "Remote explosive/landmine/IED", "Shelling/artillery/missile attack")
    # Fighting that ends in a capture is coded as the capture (ACLED: the territorial outcome),
    # when the capture is heard at least as clearly as the fighting.
    gains = [adjusted.get(label, 0.0) for label in _TERRITORIAL_GAINS]
    if max(gains) >= MIN_SCORE and max(gains) >= adjusted.get("Armed clash", 0.0):
        drop("Armed clash")
    # Rioters who clash or loot are one riot.
    if holds("Violent demonstration"):
        drop("Armed clash", "Looting/property destruction")
    # Property burnt or destroyed in a strike, a bombing, a battle or an attack is that act's
    # damage (ACLED codes property destruction only where no other violence is told).
    violent = ("Battles", "Explosions/Remote violence", "Violence against civilians")
    if any(holds(label) for label in adjusted if EVENT_TYPE_OF.get(label) in violent):
        drop("Looting/property destruction")
    # Smuggling, drugs or robbery make a seizure or an arrest a criminal matter, not ACLED's.
    if holds(CRIME):
        for label in ("Disrupted weapons use", "Arrests"):
            if adjusted.get(label, 0.0) <= adjusted[CRIME]:
                drop(label)
    if holds("Suicide bomb"):
        drop("Remote explosive/landmine/IED")
    return adjusted


def _strong(found: Iterable[Trigger]) -> frozenset[str]:
    """Labels voted for by at least one clear cue (weight >= 2), not only by weak words."""
    return frozenset(t.label for t in found if t.weight >= MIN_SCORE)


def _rank(scores: dict[str, float], strong: frozenset[str] = frozenset()) -> tuple[str, ...]:
    ranked = sorted(
        (label for label, score in scores.items() if score >= MIN_SCORE),
        key=lambda label: (-scores[label], label),
    )
    if not ranked:
        return ()
    best = ranked[0]
    kept = [best]
    if best in OUT_OF_SCOPE:
        return tuple(kept)
    kept_types = {EVENT_TYPE_OF[best]}
    specific_violence = EVENT_TYPE_OF[best] in _VIOLENT_TYPES and best not in _GENERIC
    for label in ranked[1:]:
        if label in OUT_OF_SCOPE or scores[label] < SECOND_LABEL_SHARE * scores[best]:
            continue
        # A generic label heard only through weak words ("killing three") is the same event as
        # the specific one; with a clear cue of its own ("atrocities") it is another event.
        if label in _GENERIC and (label == "Other" or (specific_violence and label not in strong)):
            continue
        if EVENT_TYPE_OF[label] in kept_types:
            continue
        kept.append(label)
        kept_types.add(EVENT_TYPE_OF[label])
    return tuple(kept)


def type_sentence(text: str, *, neighbours: Sequence[str] = ()) -> Typing:
    """The labels of one sentence, best first; `neighbours` (the sentences around it) may
    strengthen a label the sentence already has, never add one."""
    found = _without_consequences(text, triggers(text))
    scores = _scores(found)
    for neighbour in neighbours:
        for label, extra in _scores(triggers(neighbour), weight=NEIGHBOUR_WEIGHT).items():
            if label in scores:
                scores[label] += extra
    scores = _apply_precedence(scores)
    return Typing(labels=_rank(scores, _strong(found)), scores=scores, triggers=tuple(found))


def rank_triggers(found: Sequence[Trigger]) -> Typing:
    """The labels a subset of a sentence's triggers supports (one clause, one modality)."""
    scores = _apply_precedence(_scores(found))
    return Typing(labels=_rank(scores, _strong(found)), scores=scores, triggers=tuple(found))


def split_sentences(text: str) -> list[str]:
    """A light sentence split for model-free typing of snippets; a dateline-like first piece of
    a few words ("Homs.") is joined to the sentence after it, which is the real lede."""
    pieces = [s for s in _SENTENCE_END.split(text.strip()) if s]
    while len(pieces) > 1 and len(pieces[0].split()) <= _DATELINE_WORDS:
        pieces[:2] = [f"{pieces[0]} {pieces[1]}"]
    return pieces


def classify_text(text: str) -> Typing:
    """Type a whole snippet: its lede sentence counts fully, later sentences at a lower weight."""
    sentences = split_sentences(text) or [text]
    scores: dict[str, float] = defaultdict(float)
    all_found: list[Trigger] = []
    offset = 0
    for index, sentence in enumerate(sentences):
        start = text.find(sentence, offset)
        offset = max(start, 0) + len(sentence)
        found = _without_consequences(sentence, triggers(sentence))
        all_found.extend(
            Trigger(t.label, t.start + max(start, 0), t.end + max(start, 0), t.weight)
            for t in found
        )
        weight = 1.0 if index == 0 else LATER_SENTENCE_WEIGHT
        for label, score in _apply_precedence(_scores(found)).items():
            scores[label] += score * weight
    ranked = _apply_precedence(dict(scores))
    return Typing(
        labels=_rank(ranked, _strong(all_found)), scores=ranked, triggers=tuple(all_found)
    )
