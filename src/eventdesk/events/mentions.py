"""Event mentions: one typed, attributed occurrence of an event word in one sentence of a parse.

`find_mentions(doc, ...)` walks the sentences of a spaCy Doc (split again at blank lines, so a
headline is never glued to the body), types each with its neighbours (`events.typing`), and for
each ACLED sub-event type it holds records the trigger, its modality (`events.modality`), who the
account is from (quotes extractor when it ran, else the reporting verb above the trigger) and the
actors around it (`events.actors`). The events extractor merges mentions into events.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventdesk.events.actors import ActorDictionary, ActorMention, load_actors
from eventdesk.events.attribution import PRONOUNS, attribution, subtree_span, token_at
from eventdesk.events.modality import occurred
from eventdesk.events.taxonomy import EVENT_TYPE_OF
from eventdesk.events.typing import Trigger, is_acled, rank_triggers, type_sentence
from eventdesk.model import Entity, Location, Modality, Quote

# Actors that cannot be the doer of violence (they are its targets).
_TARGET_ONLY_INTER = frozenset({7})
_TERRITORIAL = ("Government regains territory", "Non-state actor overtakes territory")
# Characters around a mention's triggers where its fatality figures are looked for.
# (The consequence clause follows the act: "shelled the capital ..., killing about 20".)
FOCUS_MARGIN = 80
FOCUS_AFTER = 160
# Heads of noun phrases that can name an actor the dictionary does not know.
_GROUP_NOUNS = frozenset(
    """forces force fighters group groups militia militias army gang gangs men troops police unit
    units brigade brigades battalion battalions faction factions movement front party government
    regime authorities jihadists members supporters loyalists soldiers rebels insurgents
    militants guards commandos coalition alliance organisation organization""".split()
)
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"})
_ACTOR_ENTS = frozenset({"ORG", "NORP", "PERSON", "GPE"})
_VERBS = frozenset({"VERB", "AUX"})
# Dependencies of a verb's arguments: evidence for an argument trigger is its whole clause.
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "acomp", "xcomp", "ccomp"})
_ATTACHED_VERBS = frozenset({"acl", "amod", "conj"})
_AFTER_BY = re.compile(r"\bby(?:\s+the)?\s*$", re.IGNORECASE)
_EVIDENCE_CUT = re.compile(r"[“”\";]")
_EVIDENCE_TRIM = ' \t\n,“”";'
_BLANK_LINE = re.compile(r"\n\s*\n")
# Words that tell of another occurrence than the one just told ("In a separate attack ...").
_DISTINCT = re.compile(
    r"\b(?:separate(?:ly)?|elsewhere|another (?:attack|incident|raid|strike|clash|bombing|protest)|"
    r"(?:a|the) (?:second|third|new) (?:attack|incident|raid|strike|clash|bombing|protest))\b",
    re.IGNORECASE,
)
# Inter codes of armed targets: state forces, rebels, militias, external forces. An attack on
# them is a battle (ACLED: violence against civilians targets unarmed people).
_ARMED_INTER = frozenset({1, 2, 3, 4, 8})
# Attack words that name what was done to the victims, whoever they are ("executed five police
# officers"): these keep the attack type whatever its target.
_SPECIFIC_ATTACK = re.compile(
    r"massacr|execut|atrocit|stabb|behead|tortur|beat|hacked|assassinat|lynch", re.IGNORECASE
)
# Where one event's clause ends and the next one's begins inside a sentence.
_FOCUS_BREAK = re.compile(r"[,;:]|\s[-–—]\s|\b(?:and|while|whereas|but|as)\b", re.IGNORECASE)


# Adverbs of a habit: "the group frequently conducts bombings" tells what it does, not an act.
_DEFINITE = frozenset({"the", "this", "that"})
_HABIT_ADVERBS = frozenset(
    "frequently often regularly routinely usually typically generally sometimes repeatedly".split()
)


def is_habitual(token: Token | None) -> bool:
    """Whether the trigger `token` tells a standing role or a habit, not an occurrence: its verb
    is in the present simple with no auxiliary, and is either a relative clause about its
    antecedent ("Central Command, which oversees military operations in ...") or qualified by
    an adverb of frequency ("the group frequently conducts bombings")."""
    node = token
    for _ in range(4):
        if node is None or node.pos_ in _VERBS or node.head.i == node.i:
            break
        node = node.head
    if node is None or node.pos_ not in _VERBS or node.tag_ not in ("VBZ", "VBP"):
        return False
    children = list(node.children)
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in children):
        return False
    if node.dep_ == "relcl":
        return any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in children)
    return any(c.dep_ == "advmod" and c.lower_ in _HABIT_ADVERBS for c in children)


# Predicates of a thing needed or possible, not had: "a deal was vital".
_NEEDED = frozenset(
    """vital essential necessary needed crucial critical important key imperative urgent
    possible likely unlikely achievable close near""".split()
)


def is_sought(token: Token | None) -> bool:
    """Whether the agreement `token` names is sought, not made: the object of a verb in the
    infinitive ("to finalize the agreement", "to sign a minerals deal") or of a gerund that is
    a subject ("having a deal that secures the base is vital"), the subject of a need or a
    possibility ("a deal was vital", "an agreement is possible", "a deal is needed"); not
    "after signing the deal", "the deal was signed"."""
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = token.head
    if token.dep_ == "nsubj" and verb.lemma_ == "be":
        # "a deal was vital to secure the base", "an agreement is possible": needed, not made.
        return any(c.dep_ == "acomp" and c.lemma_.lower() in _NEEDED for c in verb.children)
    if token.dep_ == "nsubjpass":
        return verb.lemma_.lower() in ("need", "require", "seek", "want")  # "a deal is needed"
    if token.dep_ != "dobj":
        return False
    if verb.tag_ == "VB":
        return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    return verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj")


def agreement_reference(token: Token | None) -> tuple[str, ...] | None:
    """For a definite noun naming an agreement ("the agreement", "the ceasefire deal"): the
    words that tell which one (its compound and adjective modifiers, lowercased); else None."""
    if token is None or token.pos_ != "NOUN":
        return None
    noun = token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" else token
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
        return None
    return tuple(c.lower_ for c in noun.children if c.dep_ in ("compound", "amod"))


def is_back_reference(token: Token | None) -> bool:
    """Whether the trigger `token` is a noun with a definite article and no other modifier
    ("the scene of the airstrike"), so it names an act told before; not "the biggest attack",
    "the 2009 bombing", "an airstrike"."""
    if token is None or token.pos_ != "NOUN":
        return False
    modifiers = [c for c in token.children if c.i < token.i]
    return bool(modifiers) and all(c.dep_ == "det" and c.lower_ in _DEFINITE for c in modifiers)


def _topic(doc: Doc, start: int, end: int) -> frozenset[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(t.lower_ for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ"))


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sub-event type heard in one sentence, with what the sentence says around it."""

    sub_event_type: str
    sentence_start: int
    sentence_end: int
    focus_start: int  # the part of the sentence around the triggers (fatality figures)
    focus_end: int
    evidence_start: int  # the sentence, cut to the quoted or unquoted stretch of the trigger
    evidence_end: int
    trigger: Trigger  # offsets into the document text
    modality: Modality
    source: str | None
    agents: tuple[ActorMention, ...]  # offsets into the document text
    targets: tuple[ActorMention, ...]
    in_summary: bool = False  # in the headline or standfirst
    # What the sentence itself says of when and where (set by the events extractor before the
    # mentions are grouped; None when it does not say) and whether it marks another occurrence
    # ("in a separate attack", "elsewhere").
    days: tuple[str, str] | None = None
    place: Location | None = None
    distinct: bool = False
    trigger_text: str = ""
    # An agreement named again ("the agreement", "the ceasefire deal"): the words that tell
    # which (None when the mention is no such reference); `topic`: the nouns and adjectives of
    # an agreement mention's evidence, which such words are matched against.
    reference: tuple[str, ...] | None = None
    topic: frozenset[str] = frozenset()
    # The trigger is a noun named again with only a definite article ("the airstrike"; not
    # "the single biggest attack", "an airstrike"): it refers to an act already told.
    back_reference: bool = False

    @property
    def event_type(self) -> str:
        """The ACLED event type of the mention's sub-event type."""
        return EVENT_TYPE_OF[self.sub_event_type]


def segments(doc: Doc, *, text: str | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) character ranges, split again at blank lines, whitespace trimmed.
    `text` is `doc.text`, when the caller holds it (the property joins every token anew)."""
    ranges: list[tuple[int, int]] = []
    text = doc.text if text is None else text
    for sent in doc.sents:
        cuts = [sent.start_char]
        cuts += [m.end() for m in _BLANK_LINE.finditer(text, sent.start_char, sent.end_char)]
        cuts.append(sent.end_char)
        for start, end in itertools.pairwise(cuts):
            piece = text[start:end]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                ranges.append((start + lead, start + lead + len(stripped)))
    return ranges


def evidence_range(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The stretch of the sentence [start, end) that holds `position`, cut at quotation marks
    and semicolons, so a quotation and its reporting frame are told apart; ends trimmed of
    spaces and commas."""
    cuts = [start]
    cuts += [m.start() for m in _EVIDENCE_CUT.finditer(text, start, end)]
    cuts.append(end)
    lo = max(c for c in cuts if c <= position)
    hi = min(c for c in cuts if c > position)
    piece = text[lo:hi]
    lead = len(piece) - len(piece.lstrip(_EVIDENCE_TRIM))
    trail = len(piece.rstrip(_EVIDENCE_TRIM))
    if trail <= lead:
        return start, end
    return lo + lead, lo + trail


def _clause_range(token: Token | None, bounds: tuple[int, int]) -> tuple[int, int]:
    """The clause of the trigger within `bounds`: the subtree of its verb when the trigger is
    the verb or one of its arguments ("the regime ... committing atrocities in areas ..."), the
    subtree of the adjunct that holds it otherwise ("With the sounds of explosions around him")."""
    if token is None:
        return bounds
    node = token
    while node.pos_ not in _VERBS and node.head.i != node.i and node.head.pos_ not in _VERBS:
        node = node.head
    left = None
    if node.pos_ not in _VERBS and node.head.i != node.i:
        if node.dep_ in _ARGUMENTS:
            node = node.head
        elif node.dep_ == "prep" and node.i > node.head.i:
            # A complement after its verb ("threatened with executions"): from the verb on.
            left = node.head.idx
    # A participle or coordinated verb ("those massacred", "arresting her or raping her")
    # reads with the clause it hangs from.
    while node.pos_ in _VERBS and node.dep_ in _ATTACHED_VERBS and node.head.i != node.i:
        node = node.head
    lo = max(bounds[0], node.left_edge.idx if left is None else left)
    last = node.right_edge
    hi = min(bounds[1], last.idx + len(last.text))
    return (lo, hi) if lo < hi and lo <= token.idx < hi else bounds


def _role_phrases(trigger_token: Token) -> tuple[list[SpacySpan], list[SpacySpan]]:
    """Agent and target phrases of a trigger from the dependency parse."""
    agents: list[SpacySpan] = []
    targets: list[SpacySpan] = []
    heads = [trigger_token]
    if trigger_token.pos_ in ("NOUN", "PROPN") or trigger_token.dep_ in ("xcomp", "advcl"):
        heads.append(trigger_token.head)
    for head in heads:
        for child in head.children:
            if child.dep_ in ("nsubj", "compound", "poss") and child.i < head.i:
                agents.append(subtree_span(child))
            elif child.dep_ == "agent":
                agents.extend(subtree_span(c) for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("dobj", "nsubjpass", "attr"):
                targets.append(subtree_span(child))
            elif child.dep_ in ("advcl", "conj") and child.pos_ == "VERB":
                # "shelled the town, killing 2 civilians": the victims of the consequence.
                targets.extend(subtree_span(c) for c in child.children if c.dep_ == "dobj")
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "from"):
                targets.extend(
                    subtree_span(c)
                    for c in child.children
                    if c.dep_ == "pobj" and c.ent_type_ not in _NOT_ACTOR_ENTS
                )
    return agents, targets


def _resolve_phrases(
    phrases: Sequence[SpacySpan], actors: ActorDictionary, country: str | None
) -> list[ActorMention]:
    mentions: list[ActorMention] = []
    for phrase in phrases:
        found = actors.find(phrase.text, country=country)
        if found:
            mentions.extend(
                ActorMention(
                    m.start + phrase.start_char,
                    m.end + phrase.start_char,
                    m.text,
                    m.name,
                    m.country,
                    m.inter,
                    m.known,
                )
                for m in found
            )
        elif phrase.root.lower_ not in PRONOUNS and (
            phrase.root.pos_ == "PROPN"
            or phrase.root.ent_type_ in _ACTOR_ENTS
            or phrase.root.lemma_.lower() in _GROUP_NOUNS
        ):
            # An actor the dictionary does not know is kept as written.
            text = phrase.text.strip()
            mentions.append(
                ActorMention(
                    phrase.start_char,
                    phrase.start_char + len(text),
                    text,
                    re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE),
                    country,
                    None,
                    False,
                )
            )
    return mentions


def _actors_of(
    doc: Doc, sentence: str, start: int, position: int, actors: ActorDictionary, country: str | None
) -> tuple[list[ActorMention], list[ActorMention]]:
    """Doers and targets of the trigger at `position`: from the parse, else the sentence."""
    token = token_at(doc, position)
    agent_phrases, target_phrases = _role_phrases(token) if token is not None else ([], [])
    agents = [
        a
        for a in _resolve_phrases(agent_phrases, actors, country)
        if a.inter not in _TARGET_ONLY_INTER
    ]
    targets = _resolve_phrases(target_phrases, actors, country)
    if not agents:
        # No syntactic doer: the armed actors the sentence names before the trigger (the
        # subject side), or after a "by", stand in for it.
        agents = [
            ActorMention(
                m.start + start, m.end + start, m.text, m.name, m.country, m.inter, m.known
            )
            for m in actors.find(sentence, country=country)
            if m.inter is not None
            and m.inter not in _TARGET_ONLY_INTER
            and not any(t.start <= m.start + start < t.end for t in targets)
            and (m.start + start < position or _AFTER_BY.search(sentence[: m.start]))
        ]
    return agents, targets


def _territorial_label(label: str, agents: Sequence[ActorMention]) -> str:
    """ACLED tells territorial gains apart by who gains: state forces or a non-state actor."""
    if label not in _TERRITORIAL or not agents or agents[0].inter is None:
        return label
    return _TERRITORIAL[0] if agents[0].inter == 1 else _TERRITORIAL[1]


def find_mentions(
    doc: Doc,
    *,
    entities: Sequence[Entity] = (),
    quotes: Sequence[Quote] | None = None,
    country: str | None = None,
    actors: ActorDictionary | None = None,
    text: str | None = None,
) -> Iterator[EventMention]:
    """Every ACLED event mention of `doc`, in document order.

    A sentence whose triggers differ in modality or source ("are threatened with executions",
    then "have been executed") is typed once per reading, so each gets its own mention.
    `quotes` are the quotes extractor's records (None when it did not run: quotation marks and
    reporting verbs of the parse are read instead); `country` fills generic actors' country;
    `text` is `doc.text` when the caller holds it (the text the document was parsed from).
    """
    actors = actors or load_actors()
    text = doc.text if text is None else text
    ranges = segments(doc, text=text)
    for index, (start, end) in enumerate(ranges):
        sentence = text[start:end]
        neighbours = [text[s:e] for s, e in ranges[max(0, index - 1) : index + 2] if s != start]
        typing = type_sentence(sentence, neighbours=neighbours)
        if not any(is_acled(label) for label in typing.labels):
            continue
        readings: dict[tuple[Modality, str | None], list[Trigger]] = {}
        for local in typing.triggers:
            reading = attribution(
                doc, sentence, start, local, entities=entities, quotes=quotes, text=text
            )
            readings.setdefault(reading, []).append(local)
        mentions: list[tuple[EventMention, int, int]] = []
        for (modality, source), found in readings.items():
            labels = typing.labels if len(readings) == 1 else rank_triggers(found).labels
            for label in labels:
                own = [t for t in found if t.label == label]
                if not is_acled(label) or not own:
                    continue
                local = max(own, key=lambda t: (t.weight, -t.start))
                position = local.start + start
                token = token_at(doc, position)
                if is_habitual(token):
                    continue
                told_as: Modality = modality
                reference = None
                if label == "Agreement":
                    if occurred(modality) and is_sought(token):
                        told_as = "hypothetical"
                    reference = agreement_reference(token)
                agents, targets = _actors_of(doc, sentence, start, position, actors, country)
                label = _territorial_label(label, agents)
                segment = evidence_range(text, start, end, position)
                evidence = _clause_range(token, segment)
                mention = EventMention(
                    sub_event_type=label,
                    sentence_start=start,
                    sentence_end=end,
                    # Figures of another quotation of the sentence are not this event's.
                    focus_start=max(segment[0], min(t.start for t in own) + start - FOCUS_MARGIN),
                    focus_end=min(segment[1], max(t.end for t in own) + start + FOCUS_AFTER),
                    evidence_start=evidence[0],
                    evidence_end=evidence[1],
                    trigger=Trigger(label, position, local.end + start, local.weight),
                    modality=told_as,
                    source=source,
                    agents=tuple(agents),
                    targets=tuple(targets),
                    distinct=_DISTINCT.search(sentence) is not None,
                    trigger_text=text[position : local.end + start],
                    reference=reference,
                    back_reference=is_back_reference(token),
                    topic=_topic(doc, *evidence) if label == "Agreement" else frozenset(),
                )
                # Cut between mentions at their chosen triggers: weak words ("killing") may
                # vote for several labels of one clause.
                mentions.append((mention, position, local.end + start))
        yield from _separate_foci(text, _one_act(doc, mentions))


def _act(doc: Doc, position: int) -> int | None:
    """The token index of the verb a trigger word belongs to ("Gunmen" and "attacked" in
    "Gunmen attacked a police station" are one act), else of the word itself."""
    token = token_at(doc, position)
    if token is None:
        return None
    if token.pos_ not in _VERBS and token.head.pos_ in _VERBS:
        return token.head.i
    return token.i


def _armed_targets(mention: EventMention) -> bool:
    """Whether the act's targets are armed (police, soldiers, rebels) and none civilian."""
    inters = {t.inter for t in mention.targets if t.inter is not None}
    return bool(inters) and inters <= _ARMED_INTER


def _one_act(
    doc: Doc, mentions: Sequence[tuple[EventMention, int, int]]
) -> list[tuple[EventMention, int, int]]:
    """One act, one event: an "Attack" and an "Armed clash" of one sentence whose triggers
    overlap or hang from one verb ("Gunmen attacked a police station", voted an attack by its
    doers and a clash by its target) are one event, typed by the target: armed targets make it
    an armed clash, others an attack. An attack by the generic words alone ("gunmen killed two
    police officers") on armed targets only is a clash too (ACLED: violence against civilians
    targets unarmed people)."""
    attacks = [m for m in mentions if m[0].sub_event_type == "Attack"]
    clashes = [m for m in mentions if m[0].sub_event_type == "Armed clash"]
    if not attacks:
        return list(mentions)
    dropped: set[int] = set()
    for attack in attacks:
        act = _act(doc, attack[1])
        for clash in clashes:
            same = (attack[1] < clash[2] and clash[1] < attack[2]) or (
                act is not None and act == _act(doc, clash[1])
            )
            if same:
                armed = _armed_targets(clash[0]) or _armed_targets(attack[0])
                dropped.add(id(attack[0] if armed else clash[0]))
    kept: list[tuple[EventMention, int, int]] = []
    for mention, start, end in mentions:
        if id(mention) in dropped:
            continue
        if (
            mention.sub_event_type == "Attack"
            and not clashes
            and _armed_targets(mention)
            and not _SPECIFIC_ATTACK.search(mention.trigger_text)
        ):
            mention = dataclasses.replace(
                mention,
                sub_event_type="Armed clash",
                trigger=dataclasses.replace(mention.trigger, label="Armed clash"),
            )
        kept.append((mention, start, end))
    return kept


def _separate_foci(
    text: str, mentions: Sequence[tuple[EventMention, int, int]]
) -> list[EventMention]:
    """The mentions of one sentence with their fatality foci cut apart: between the triggers of
    two mentions, at the last clause break between them ("shelled the market, killing 4, while
    gunmen killed 9 villagers": 4 for the shelling, 9 for the attack). Mentions whose triggers
    share a clause (no break between them) keep their foci."""
    ordered = sorted(mentions, key=lambda item: (item[1], item[2]))
    cuts: list[int | None] = []
    for (_, _, left_end), (_, right_start, _) in itertools.pairwise(ordered):
        breaks = list(_FOCUS_BREAK.finditer(text, left_end, max(left_end, right_start)))
        cuts.append(breaks[-1].start() if breaks else None)
    separated: dict[int, EventMention] = {}
    for index, (mention, _, _) in enumerate(ordered):
        lo, hi = mention.focus_start, mention.focus_end
        before = cuts[index - 1] if index > 0 else None
        after = cuts[index] if index < len(cuts) else None
        lo = max(lo, before) if before is not None else lo
        hi = min(hi, after) if after is not None else hi
        separated[id(mention)] = dataclasses.replace(mention, focus_start=lo, focus_end=max(lo, hi))
    return [separated[id(mention)] for mention, _, _ in mentions]
