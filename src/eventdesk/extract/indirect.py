"""Indirect statements: reported speech and beliefs without quotation marks.

Three shapes, each needing a subject that resolves to a speaker:
- a reporting or belief verb with a clausal complement (`The United Nations has confirmed that …`,
  `…, he said.`); the content is the complement without `that` and without final punctuation;
- a directive verb with an addressee and an infinitive (`urged the world to help`);
- `according to X`, whose content is the rest of the clause.
Verbs inside quotations are the quoted speaker's own words and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from eventdesk.extract.cues import (
    is_according_to,
    is_directive_cue,
    is_intent_cue,
    is_report_cue,
    is_speech_cue,
)
from eventdesk.extract.quotes_stance import (
    BELIEF_ADJECTIVES,
    PREPOSITION_STANCE_VERBS,
    STANCE_NOUNS,
    belief_adjective_clause,
    evidence_object,
    is_object_stance_verb,
    is_proposition_object,
    may_stand_alone,
    passive_statement,
    stance_noun_holder,
    stance_noun_object,
    stance_object,
)
from eventdesk.extract.speakers import attribute
from eventdesk.model import Quote, Span, Speaker
from eventdesk.nlp.coref import SpeakerResolver

# A complement shorter than this many words is an ellipsis or a misparse (`he said so`).
MIN_CONTENT_WORDS = 3
_COMPLEMENTS = frozenset({"ccomp"})
# Subjects that make a sentence impersonal rather than attributed (`it is believed that`).
_EXPLETIVES = frozenset({"it", "there", "this", "that", "which", "what"})


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _span(doc: Doc, tokens: list[Token]) -> Span:
    span = doc[tokens[0].i : tokens[-1].i + 1]
    return Span(span.start_char, span.end_char, span.text)


def _contiguous(tokens: list[Token]) -> list[Token]:
    """The complement as one stretch: the longest run of consecutive token indices."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return max(runs, key=len) if runs else []


def _complement(cue: Token) -> list[Token] | None:
    """The reported content governed by `cue`, or None when it governs none."""
    children = list(cue.children)
    clauses = [c for c in children if c.dep_ in _COMPLEMENTS and _complement_side_ok(cue, c)]
    clauses += [c for c in children if _is_misparsed_complement(cue, c)]
    clauses += _that_clauses_in_adjuncts(cue)
    # The complement after the verb is the reported one; one before it only in `X, he said`.
    clauses.sort(key=lambda c: (c.i < cue.i, abs(c.i - cue.i)))
    if clauses:
        after = [c for c in clauses if c.i > cue.i]
        if len(after) > 1:
            # `say they don't yet know …` splits one clause into two sibling complements.
            tokens = [t for c in sorted(after, key=lambda c: c.i) for t in _clause_tokens(c)]
            return _trim(_contiguous(sorted(tokens, key=lambda t: t.i)))
        return _clause_tokens(clauses[0])
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        # `The museum, Mr. Bush said, celebrated …`: the verb interrupts the clause it reports.
        own = {t.i for t in cue.subtree}
        clause = cue.head
        # `The difference now, he told me, is that …` hangs the verb on the subject noun.
        while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
            clause = clause.head
        return _trim(_contiguous([t for t in _clause_tokens(clause) if t.i not in own]))
    if is_directive_cue(cue):
        objects = [c for c in children if c.dep_ in {"dobj", "dative"}]
        infinitives = [c for c in children if c.dep_ in {"xcomp", "ccomp"}]
        if objects and infinitives and objects[0].i < infinitives[0].i:
            return _trim(list(cue.doc[objects[0].left_edge.i : infinitives[0].right_edge.i + 1]))
    if is_intent_cue(cue) or is_report_cue(cue):
        for child in children:
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            # `said legalizing it could …` is a clause the parser took for an xcomp.
            if child.dep_ == "xcomp" and (infinitive or is_speech_cue(cue)) and child.i > cue.i:
                return _clause_tokens(child)
    judgement = _judgement(cue)
    if judgement:
        return judgement
    for child in children:
        if child.dep_ == "dobj" and _is_reported_object(cue, child):
            return _trim(list(child.subtree))
    stance = stance_object(cue) or evidence_object(cue)
    if not stance or _says_it_in_words(cue) or _is_owned_report(stance):
        return None
    return _trim(stance)


def _says_it_in_words(cue: Token) -> bool:
    """`slammed the decision, saying: “…”`: the participle of saying carries the content."""
    return any(c.dep_ in {"advcl", "xcomp", "conj"} and is_speech_cue(c) for c in cue.children)


def _is_owned_report(tokens: list[Token]) -> bool:
    """`welcomed Varga's pledge to rebuild`: the object is someone's own statement, attributed
    to its possessor by the noun rule, not a stance of the verb's subject."""
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    lemma = root.lemma_.lower()
    owned = any(c.dep_ == "poss" for c in root.children)
    return owned and (lemma in _REPORT_NOUNS or lemma in _COMMITMENT_NOUNS)


# Verbs that judge their object, with the judgement after it (`accused the GOP of stoking it`,
# `called climate change a hoax`, `dismissed the report as a smear`).
_JUDGING = frozenset(
    """accuse criticize criticise praise blame slam fault thank credit attack chastise scold
    condemn commend applaud lambaste blast rebuke hail charge knock mock ridicule call label brand
    dub term describe characterize characterise dismiss portray depict paint cast denounce cite
    see view regard""".split()
)
_JUDGING_PREPS = frozenset({"of", "for", "as"})
# Verbs whose prepositional object is the demand or position itself (`called for a repeal`).
_POSITION_PREPS = {
    "for": frozenset("call push press argue advocate lobby plead campaign appeal".split()),
    "against": frozenset("warn argue speak rail campaign lobby caution testify".split()),
}


_STANCE_VERBS = _JUDGING.union(*_POSITION_PREPS.values(), *PREPOSITION_STANCE_VERBS.values())


def _is_stance_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in _STANCE_VERBS


def _judgement(cue: Token) -> list[Token] | None:
    """The stance a verb reports: a demand or position after a preposition (`called for …`), or,
    with its own subject, its object with the judgement of it (`accused X of Y`).

    An object alone (`slammed the decision`, `moved to rebuke the world`) names a target, not a
    statement (the seed gold's convention), so a judgement or a position must follow it.
    """
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    # A position may hang on another verb's subject (`…, calling for a recount`): `attribute`
    # still needs a speaker in the sentence.
    for child in children:
        verbs = _POSITION_PREPS.get(child.lower_)
        if child.dep_ == "prep" and child.i > cue.i and verbs and lemma in verbs:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _trim(list(objects[0].subtree))
    # A judgement needs its own subject, or a verb it is coordinated with (`and called it …`):
    # `moved to rebuke the towns as a whole` is a target, not a judgement.
    own_subject = any(c.dep_ == "nsubj" for c in children) or cue.dep_ == "conj"
    if lemma not in _JUDGING or not own_subject:
        return None
    objects = [c for c in children if c.dep_ == "dobj" and c.i > cue.i]
    if not objects:
        return None
    obj = objects[0]
    for child in children:
        judged = child.dep_ == "oprd" or (
            child.dep_ == "prep"
            and child.lower_ in _JUDGING_PREPS
            and any(c.dep_ in {"pobj", "pcomp"} for c in child.children)
        )
        if judged and child.i > obj.i:
            return _trim(list(cue.doc[obj.left_edge.i : child.right_edge.i + 1]))
    return None


def _that_clauses_in_adjuncts(cue: Token) -> list[Token]:
    """`said during a news conference that he may wait`: a `that`-clause parsed as a relative
    clause of the verb's adjunct is its complement when `that` is a complementiser (`mark`), not
    the relative pronoun (a real relative clause has `that` as its subject or object)."""
    if not is_speech_cue(cue):
        return []
    found = []
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for pobj in prep.children:
            found += [c for c in pobj.children if c.dep_ == "relcl" and _has_that(c)]
    return found


def _is_misparsed_complement(cue: Token, clause: Token) -> bool:
    """`Trump said after the rally he would not accept it`: a finite clause with its own subject
    and no subordinator after a verb of saying is its complement, though parsed as an adverbial
    (`said when he arrived` keeps its `when` and stays an adverbial)."""
    if clause.dep_ != "advcl" or clause.i < cue.i or not is_speech_cue(cue):
        return False
    children = list(clause.children)
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)
    finite = any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in children) or (
        clause.tag_ in {"VBD", "VBZ", "VBP"}
    )
    return has_subject and finite and not any(c.dep_ == "mark" for c in children)


def _complement_side_ok(cue: Token, clause: Token) -> bool:
    """A clause before its verb is reported only when a comma separates them (`X, he said`)."""
    if clause.i > cue.i:
        return True
    doc = cue.doc
    # The comma may close the clause's own subtree (`…, Sen. Roe told`) or follow it.
    last = clause.right_edge.i
    return any(t.text in {",", "”", '"'} for t in doc[last : min(last + 3, cue.i)])


def _clause_tokens(clause: Token) -> list[Token]:
    """The clause's words without coordinated independent clauses (`…, but for X, it is …`)."""
    dropped: set[int] = set()
    for child in clause.children:
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in child.children)
        # `X said his attacks worked and said that …`: a second report misparsed into the first;
        # `… but that the plan would fail` is a second complement of the same verb and stays.
        second_complement = _has_that(child) and not is_speech_cue(child)
        if child.dep_ == "conj" and not second_complement and (own_subject or is_speech_cue(child)):
            dropped.update(t.i for t in child.subtree)
            dropped.update(c.i for c in clause.children if c.dep_ == "cc" and c.i < child.i)
    tokens = [t for t in clause.subtree if t.i not in dropped]
    return _trim(_contiguous(tokens)) if tokens else []


def _is_reported_object(cue: Token, obj: Token) -> bool:
    """An object that is a statement: `the possibility that …`, or what a finite speech verb says.

    A participle's object that frames another statement (`Describing the weapons, she said …`,
    `Echoing X`) names its topic only, so objects count for verbs with their own subject and for
    frames that stand alone (`quotes_stance.may_stand_alone`).
    """
    if not may_stand_alone(cue):
        return False
    if any(c.dep_ in {"acl", "ccomp"} and _has_that(c) for c in obj.children):
        return True
    # A named object is whom the words were for (`told The Daily Ledger`), not what was said,
    # and so is a person or group (`told the fishermen`); a topic (`discussed the levy`) counts
    # here, where the verb has its own subject (quotes_stance: finite topic frames).
    named = obj.pos_ == "PROPN" or obj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
    if named or not is_proposition_object(obj):
        return False
    return is_speech_cue(cue) and obj.pos_ == "NOUN" and _words(list(obj.subtree)) >= 3


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in clause.children)


# What a referring `it` can do: a letter says, a study finds, a poll shows.
_DOCUMENT_VERBS = frozenset("say show find suggest indicate conclude state claim note warn".split())


def _is_referring_it(cue: Token, mention: Span) -> bool:
    """`It says the campaign broke the law` (the letter): an active verb's `it` subject refers;
    `it is believed that` and `it was reported that` are impersonal."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.idx == mention.start]
    return bool(subjects) and mention.text.lower() == "it" and cue.lemma_ in _DOCUMENT_VERBS


def _speaker_of(cue: Token, resolver: SpeakerResolver, owner: list[int]) -> Speaker | None:
    """The cue's speaker; a referring `it` with no organisation to stand for (`The city sent a
    letter. It says …`) is the document itself: unnamed, its mention the pronoun."""
    attribution = attribute(cue, resolver, owner)
    if attribution is not None:
        return attribution.speaker
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "it"]
    if not subjects or owner[subjects[0].i] >= 0:
        return None
    it = subjects[0]
    mention = Span(it.idx, it.idx + len(it.text), it.text)
    return Speaker(name=None, role=None, kind="unnamed", mention=mention)


def _report(doc: Doc, cue: Token, resolver: SpeakerResolver, owner: list[int]) -> Quote | None:
    complement = _complement(cue)
    # A stance's object may be as short as `Roe` (quotes_stance checks it); a clause needs more
    # words to be a statement.
    stance = (stance_object(cue) or evidence_object(cue)) if is_object_stance_verb(cue) else None
    minimum = 1 if stance and complement == _trim(stance) else MIN_CONTENT_WORDS
    if not complement or _words(complement) < minimum:
        return None
    if any(owner[t.i] >= 0 for t in complement):
        return None
    complement = _contiguous([t for t in complement if t.i != cue.i])
    if not complement:
        return None
    speaker = _speaker_of(cue, resolver, owner)
    if speaker is None or speaker.mention is None:
        return None
    mention = speaker.mention
    if mention.text.lower() in _EXPLETIVES and not _is_referring_it(cue, mention):
        return None
    content = _span(doc, complement)
    if content.start <= mention.start < content.end:
        return None
    return Quote(
        kind="indirect",
        content=content,
        cue=Span(cue.idx, cue.idx + len(cue.text), cue.text),
        speaker=speaker,
        frame=content,
    )


def _according_to(
    doc: Doc, according: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    speaker = resolver.resolve(objects[0])
    if speaker is None:
        return None
    phrase = {according.i, to.i, *(t.i for t in objects[0].subtree)}
    sent = according.sent
    rest = [t for t in sent if t.i not in phrase and owner[t.i] < 0]
    content = _trim(_contiguous(rest))
    if _words(content) < MIN_CONTENT_WORDS:
        return None
    cue = doc[according.i : to.i + 1]
    return Quote(
        kind="indirect",
        content=_span(doc, content),
        cue=Span(cue.start_char, cue.end_char, cue.text),
        speaker=speaker,
        frame=_span(doc, content),
    )


# Nouns that name a statement or a commitment; with a possessor and a `that`-clause (or, for
# commitments, an infinitive) they attribute it: `the mayor's claim that the bridge is safe`.
_REPORT_NOUNS = frozenset(
    """claim statement assertion argument suggestion allegation insistence contention warning
    belief view assessment prediction admission acknowledgment acknowledgement announcement
    conclusion complaint charge accusation suspicion fear hope concern insinuation""".split()
)
# Intentions and decisions count with commitments, as intent verbs do (`her decision to meet`).
_COMMITMENT_NOUNS = frozenset(
    """promise pledge vow call demand plan threat offer refusal decision determination effort
    attempt bid intention intent commitment willingness readiness proposal goal aim desire wish
    push move""".split()
)


def _noun_report(
    doc: Doc, noun: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    lemma = noun.lemma_.lower()
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if noun.pos_ != "NOUN" or not possessors or possessors[0].lower_ in {"its", "their"}:
        return None
    clause = None
    for child in noun.children:
        if child.dep_ not in {"acl", "ccomp"} or child.i < noun.i:
            continue
        if lemma in _REPORT_NOUNS and _has_that(child):
            clause = child
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if lemma in _COMMITMENT_NOUNS and infinitive:
            clause = child
    if clause is None:
        return None
    content = _clause_tokens(clause)
    if _words(content) < MIN_CONTENT_WORDS or any(owner[t.i] >= 0 for t in content):
        return None
    speaker = resolver.resolve(possessors[0])
    if speaker is None or speaker.mention is None:
        return None
    span = _span(doc, content)
    return Quote(
        kind="indirect",
        content=span,
        cue=Span(noun.idx, noun.idx + len(noun.text), noun.text),
        speaker=speaker,
        frame=span,
    )


def _stance_noun_report(
    doc: Doc, noun: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`Roe, a fierce critic of the levy`, `her support for the levy`: a stance noun's object,
    attributed to whoever holds the stance (see `quotes_stance.stance_noun_holder`)."""
    content = stance_noun_object(noun)
    holder = stance_noun_holder(noun)
    if not content or holder is None or any(owner[t.i] >= 0 for t in content):
        return None
    if holder.pos_ in {"VERB", "AUX"}:
        attribution = attribute(holder, resolver, owner)
        speaker = attribution.speaker if attribution is not None else None
    else:
        speaker = resolver.resolve(holder) or resolver.unresolved(holder)
    if speaker is None or speaker.mention is None:
        return None
    span = _span(doc, _trim(content))
    if span.start <= speaker.mention.start < span.end:
        return None
    return Quote(
        kind="indirect",
        content=span,
        cue=Span(noun.idx, noun.idx + len(noun.text), noun.text),
        speaker=speaker,
        frame=span,
    )


def _belief_report(
    doc: Doc, adjective: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`Many dock workers are afraid that the levy will stay`: the subject's belief."""
    found = belief_adjective_clause(adjective)
    if found is None:
        return None
    clause, copula = found
    content = _trim(clause)
    if _words(content) < MIN_CONTENT_WORDS or any(owner[t.i] >= 0 for t in content):
        return None
    attribution = attribute(copula, resolver, owner)
    if attribution is None or attribution.speaker.mention is None:
        return None
    if attribution.speaker.mention.text.lower() in _EXPLETIVES:
        return None
    span = _span(doc, content)
    return Quote(
        kind="indirect",
        content=span,
        cue=Span(adjective.idx, adjective.idx + len(adjective.text), adjective.text),
        speaker=attribution.speaker,
        frame=span,
    )


def _passive_report(
    doc: Doc, verb: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`The levy was opposed by the harbour union`: the agent's stance on the passive subject."""
    found = passive_statement(verb)
    if found is None:
        return None
    content, agent = found
    if any(owner[t.i] >= 0 for t in content) or owner[agent.i] >= 0:
        return None
    speaker = resolver.resolve(agent) or resolver.unresolved(agent)
    if speaker is None or speaker.mention is None:
        return None
    span = _span(doc, _trim(content))
    return Quote(
        kind="indirect",
        content=span,
        cue=Span(verb.idx, verb.idx + len(verb.text), verb.text),
        speaker=speaker,
        frame=span,
    )


def find_indirect(doc: Doc, resolver: SpeakerResolver, owner: list[int]) -> Iterator[Quote]:
    """Indirect statements outside quotations, in text order."""
    for token in doc:
        if owner[token.i] >= 0:
            continue
        if is_according_to(token):
            found = _according_to(doc, token, resolver, owner)
        elif (
            is_report_cue(token)
            or is_directive_cue(token)
            or is_intent_cue(token)
            or _is_stance_verb(token)
            or is_object_stance_verb(token)
        ):
            found = _report(doc, token, resolver, owner)
            found = found or _passive_report(doc, token, resolver, owner)
        elif token.lemma_.lower() in _REPORT_NOUNS or token.lemma_.lower() in _COMMITMENT_NOUNS:
            found = _noun_report(doc, token, resolver, owner)
            found = found or _stance_noun_report(doc, token, resolver, owner)
        elif token.lemma_.lower() in STANCE_NOUNS:
            found = _stance_noun_report(doc, token, resolver, owner)
        elif token.lemma_.lower() in BELIEF_ADJECTIVES:
            found = _belief_report(doc, token, resolver, owner)
        else:
            continue
        if found is not None:
            yield found


# Fewest words after a headline's `Source:` (`Roe: Bridge Will Be Rebuilt`).
HEADLINE_CONTENT_WORDS = 3
# Longest `Source:` prefix of a headline, in tokens (`Dr. Jane Roe:`, `State Department:`).
HEADLINE_SOURCE_TOKENS = 5
# Common nouns that may stand alone as a headline's source (`Poll: …`, `Officials: …`).
_SOURCE_NOUNS = frozenset(
    "poll survey study report newspaper official officials source sources police experts".split()
)
_SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def find_headline_statement(doc: Doc, resolver: SpeakerResolver) -> Quote | None:
    """`Senator Roe: Bridge Will Be Rebuilt.`: a headline whose short prefix before a colon names
    a source reports that source's statement (indirect, the convention of news headlines).

    The prefix must name someone (an entity, or a source noun like `Poll`) and the rest must hold
    a verb, so labels (`The Latest: …`) and section titles (`Part Two: A World at War`) are no
    statements.
    """
    title_end = doc.text.find("\n")
    title_end = len(doc.text) if title_end < 0 else title_end
    colon = next((t for t in doc if t.text == ":" and t.idx < title_end), None)
    if colon is None or colon.i == 0 or colon.i > HEADLINE_SOURCE_TOKENS:
        return None
    prefix = [t for t in doc[: colon.i] if not t.is_space]
    named = any(t.ent_type_ in _SOURCE_ENTITIES for t in prefix)
    if not prefix or not (named or prefix[-1].lower_ in _SOURCE_NOUNS):
        return None
    if prefix[0].lower_ == "the" and not named:
        return None
    rest = [t for t in doc[colon.i + 1 :] if t.idx < title_end]
    content = _trim([t for t in rest if not t.is_space])
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in content)
    # Title case hides verbs from the tagger (`Voters Abandon Party` comes out all nouns): after a
    # person's name or a source noun, the rest is that source's statement all the same.
    person = any(t.ent_type_ == "PERSON" for t in prefix) or prefix[-1].lower_ in _SOURCE_NOUNS
    if _words(content) < HEADLINE_CONTENT_WORDS or not (has_verb or person):
        return None
    speaker = resolver.resolve(prefix[-1], exclude=[t.i for t in rest])
    if speaker is None:
        return None
    span = _span(doc, content)
    return Quote(
        kind="indirect",
        content=span,
        cue=Span(colon.idx, colon.idx + 1, ":"),
        speaker=speaker,
        frame=span,
    )
