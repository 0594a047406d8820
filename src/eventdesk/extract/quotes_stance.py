"""Stances and topics with a noun-phrase object: `the senator opposed the pipeline bill`.

A verb or noun of stance reports a position even without a clause: supporting, opposing,
questioning or condemning a thing says what the holder thinks of it. The rule that keeps this
apart from the seed gold's excluded speech acts (topic-only frames, targets without content,
anaphora), documented in docs/quotes.md:
- the object bears a proposition: a common noun for a thing, an event or a policy (`the plan`,
  `the integrity of the vote`) or a named law or event; never a person, group or place (`rebuked
  the Arab world` names the target of the rebuke) and never a pronoun or a `this`/`these` phrase
  (anaphoric: the content is elsewhere); it has at least `MIN_OBJECT_WORDS` words;
- the exception: a verb of support or opposition with its own subject may take a named candidate
  (`the union endorsed Roe`): backing a candidate is a position on who should prevail;
- a topic verb (`discussed`, `spoke about`) or a participle (`condemning the closure`) counts only
  when it stands alone: with its own subject, or framing no other statement of its sentence
  (`Describing the weapons, he emphasised that …` is the seed's topic frame of a statement);
- prepositional positions (`voted against the bill`, `argued for a recount`), passives with an
  agent (`the levy was opposed by the union`), evidence (`the survey shows a sharp fall`), stance
  and statement nouns (`a critic of the levy`, `her comments on the levy`) and belief adjectives
  (`afraid that …`) follow the same object rule.
The content is the object phrase; the verb, noun or adjective is the cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventdesk.extract.cues import cue_lemma, is_report_cue
from eventdesk.nlp.role_phrases import ORGANISATION_NOUNS

# Verbs whose direct object is the thing they take a stance on.
OBJECT_STANCE_VERBS = frozenset(
    """support oppose endorse back favor favour champion embrace welcome applaud praise hail
    commend tout promote defend question dispute challenge contest doubt deny reject dismiss
    denounce condemn decry deplore lament criticize criticise slam blast attack fault blame
    propose recommend demand request advocate urge seek reaffirm reiterate repeat predict
    acknowledge concede accept protest veto resist block""".split()
)
# Verbs of saying whose object is what was said or shown (`cited the closure of the clinic`,
# `announced a recount`): the same object rule as stance verbs.
STATEMENT_OBJECT_VERBS = frozenset(
    """cite note list stress emphasize emphasise mention recall describe report announce voice
    express tout outline detail highlight""".split()
)
# Verbs that deliver a statement named by their object (`offered some pointed advice`, `gave
# her assessment`): the object counts only when it is such a noun (`offered a loan` is no
# statement).
OFFERING_VERBS = frozenset("offer give provide share deliver present".split())
STATEMENT_OBJECT_NOUNS = frozenset(
    """advice assessment explanation apology condolence condolences prayer prayers thought
    thoughts opinion analysis insight account rebuttal critique reassurance assurance answer
    response message recommendation argument praise criticism warning prediction view
    perspective verdict diagnosis guidance endorsement support testimony""".split()
)
# Verbs whose prepositional object is the topic of what they report (`spoke about the levy`).
PREPOSITION_TOPIC_VERBS: dict[str, frozenset[str]] = {
    "about": frozenset(
        "talk speak write complain boast brag joke testify worry warn ask inquire wonder".split()
    ),
    "of": frozenset({"speak", "talk", "warn"}),
    "to": frozenset({"refer", "allude", "point"}),
    "on": frozenset({"comment", "remark", "focus", "speak", "elaborate"}),
}
# Verbs of support and opposition: their object may be a person (`endorsed Roe for mayor`).
SUPPORT_VERBS = frozenset("support oppose endorse back favor favour champion".split())
# Verbs whose `for`/`against` object may be a candidate (`would vote for Roe`).
BALLOT_VERBS = frozenset({"vote", "campaign"})
# Verbs whose prepositional object is the position (`voted against the bill`).
PREPOSITION_STANCE_VERBS: dict[str, frozenset[str]] = {
    "for": frozenset("call push press argue advocate lobby plead campaign appeal vote".split()),
    "against": frozenset(
        "warn argue speak rail campaign lobby caution testify vote protest push".split()
    ),
}
# Fewest words in a stance object (`the bill`).
MIN_OBJECT_WORDS = 2
# Entity types of things that carry a position: bills, events, works.
_PROPOSITION_ENTITIES = frozenset({"LAW", "EVENT", "WORK_OF_ART", "PRODUCT"})
_TARGET_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
_WHEN_OR_HOW_MUCH = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
# Common nouns naming people, groups or the places that stand for them: the object is then a
# target or addressee (`rebuked the northern towns`).
_PEOPLE_NOUNS = frozenset(
    """people person man woman men women child children voter citizen resident official leader
    member supporter critic opponent rival candidate nominee president senator governor mayor
    lawmaker legislator politician minister officer police government administration regime
    world community public country nation state party group union company firm agency
    organization organisation campaign team staff family friend everyone anyone someone
    immigrant refugee worker employee student american judge lawyer doctor teacher soldier
    reporter journalist host moderator audience crowd rival delegate donor town city village
    region province district neighbourhood neighborhood capital continent""".split()
)
# Agent-noun endings that name people (`councillor`, `activist`, `politician`, `auctioneer`),
# and the common words with those endings that do not.
_PEOPLE_ENDINGS = (
    "ist",
    "ian",
    "or",
    "eer",
    "maker",
    "holder",
    "owner",
    "ant",
    "ent",
    "man",
    "men",
)
_NOT_PEOPLE = frozenset(
    """error motor factor floor door sector corridor mirror terror honor honour labor labour
    color colour favor favour behavior behaviour humor humour tumor vigor rumor rumour majority
    minority priority authority policy statement agreement government management treatment
    payment investment amendment argument comment document judgment judgement element event
    content intent extent percent moment component requirement environment movement""".split()
)


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def has_own_subject(verb: Token) -> bool:
    """A finite verb with its own subject, one coordinated with such a verb, or a participle
    modifying its subject noun (`the union backing Roe` says that the union backs Roe)."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return True
    return verb.dep_ == "conj" and verb.head.pos_ == "VERB" and has_own_subject(verb.head)


def names_people(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in _PEOPLE_NOUNS or noun.lower_ in _PEOPLE_NOUNS or lemma in ORGANISATION_NOUNS:
        return True
    # `-ment` names a thing or an act (`involvement`, `settlement`), never a person.
    if lemma in _NOT_PEOPLE or lemma.endswith("ment"):
        return False
    return lemma.endswith(_PEOPLE_ENDINGS)


# How many verbs up a participle or infinitive is followed to the statement it may frame.
MAX_FRAME_CLIMB = 3
_NON_FINITE_LINKS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "ccomp"})


def frames_a_statement(verb: Token) -> bool:
    """True when a verb without its own subject frames another statement of its sentence: it
    hangs on a verb of saying or believing (`Describing the weapons, she emphasised that …`,
    `Referring to Erdogan, he said …`), or its sentence holds a quotation. Such a frame is only
    the topic of that statement (the seed's exclusions); a frame hanging on a verb that reports
    nothing (`went on to discuss the polls`, `avoids condemning the invasion`) stands alone."""
    if _trails_its_statement(verb):
        return False
    if any(t.is_quote for t in verb.sent):
        return True
    token = verb
    for _ in range(MAX_FRAME_CLIMB):
        if token.dep_ not in _NON_FINITE_LINKS or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ == "VERB" and is_report_cue(token):
            return True
    return False


def _trails_its_statement(verb: Token) -> bool:
    """`…, he said, citing the closure of the clinic`: a participle after a comma that follows
    the verb it hangs on adds a statement of its own (a reason, a piece of evidence); the
    seed's topic frames come first (`Describing the weapons, she emphasised …`)."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "xcomp", "conj"} or head.i >= verb.i:
        return False
    if verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return False
    # Between two parts of one quotation (`“A,” he said, referring to X. “B.”`) it glosses the
    # quotation; at the end of the paragraph it stands alone.
    sent = verb.sent
    return not any(t.is_quote for t in sent) or _ends_paragraph(sent.end, verb.doc)


def _ends_paragraph(end: int, doc: Doc) -> bool:
    """True when the tokens from `end` on start a new paragraph (or there are none)."""
    return end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space


def may_stand_alone(verb: Token) -> bool:
    """A verb whose object may be attributed as a statement: its own subject, or a frame that
    frames no other statement (see `frames_a_statement`)."""
    return has_own_subject(verb) or not frames_a_statement(verb)


def is_proposition_object(obj: Token) -> bool:
    """True when the noun phrase headed by `obj` names a thing, event or policy (not a person,
    group or place, and not a pronoun standing for content said elsewhere)."""
    if obj.pos_ == "PROPN":
        return obj.ent_type_ in _PROPOSITION_ENTITIES
    # A date or time is when (`spoke on Wednesday night`), never what.
    if obj.pos_ != "NOUN" or obj.ent_type_ in _TARGET_ENTITIES | {"DATE", "TIME"}:
        return False
    if names_people(obj):
        return False
    determiners = {c.lower_ for c in obj.children if c.dep_ == "det"}
    # `this`/`that`/`these` point back to content stated before (the seed's anaphora exclusion).
    if determiners & {"this", "that", "these", "those", "such"}:
        return False
    return _words(list(obj.subtree)) >= MIN_OBJECT_WORDS


_PREPOSITION_VERBS = frozenset().union(
    *PREPOSITION_STANCE_VERBS.values(), *PREPOSITION_TOPIC_VERBS.values()
)


def is_object_stance_verb(token: Token) -> bool:
    """A verb the stance rule may attribute (its object or prepositional object)."""
    return token.pos_ == "VERB" and cue_lemma(token) in OBJECT_VERBS


def _is_candidate_object(obj: Token) -> bool:
    """A named person, group or party as the object of a verb of support (`endorsed Roe`)."""
    # A date or a number is when or how much, never whom (`spoke out on Tuesday about …`).
    if obj.pos_ == "PRON" or obj.ent_type_ in _WHEN_OR_HOW_MUCH:
        return False
    named = obj.pos_ == "PROPN" or obj.ent_type_ in _TARGET_ENTITIES
    return named and _words(list(obj.subtree)) >= 1


# Modifiers that, set off by a comma, add the writer's aside to the object rather than narrow
# it (`backed NAFTA, which cost the Midwest jobs`, `endorsed Roe, the former mayor`).
_ASIDES = frozenset({"relcl", "appos", "acl", "advcl"})


def object_phrase(noun: Token) -> list[Token]:
    """The object's phrase without the asides after a comma: the stance is on the thing named."""
    doc = noun.doc
    dropped: set[int] = set()
    # Anywhere in the phrase: `the wisdom of backing Roe, who has never run` is about Roe.
    for child in (c for t in noun.subtree for c in t.children):
        comma = child.left_edge.i - 1
        if child.dep_ in _ASIDES and child.i > noun.i and comma > noun.i and doc[comma].text == ",":
            dropped.update(t.i for t in child.subtree)
            dropped.add(comma)
    return [t for t in noun.subtree if t.i not in dropped]


# Prepositions that, hung on the verb right after its object, still say what the object is or
# what it concerns (`touted her credentials as a reformer`, `recalled her opposition to the
# war`): the parser attaches them to the verb. Time, place and occasion (`in an interview`, `on
# Tuesday`) stay out.
_OBJECT_COMPLEMENT_PREPS = frozenset({"as", "to", "of", "about", "over", "against", "with"})


def with_verb_complements(verb: Token, phrase: list[Token]) -> list[Token]:
    """The object phrase with the verb's prepositional phrases that continue it."""
    end = phrase[-1].i
    for prep in sorted(verb.children, key=lambda c: c.i):
        if prep.i != end + 1 or prep.dep_ != "prep" or prep.lower_ not in _OBJECT_COMPLEMENT_PREPS:
            continue
        if not any(c.dep_ in {"pobj", "pcomp"} for c in prep.children):
            break
        phrase = phrase + list(prep.subtree)
        end = prep.right_edge.i
    return phrase


# Nouns that say how, where or for whom someone spoke, never what about (`spoke on condition of
# anonymity`, `on behalf of the union`, `on the record`, `on the radio`, `on several occasions`).
_MANNER_NOUNS = frozenset(
    """condition behalf record occasion basis phone telephone radio television camera air
    stage floor podium background""".split()
)


def stance_object(verb: Token) -> list[Token] | None:
    """The object phrase a stance verb holds a position on, or None (see the module rule)."""
    lemma = cue_lemma(verb)
    children = list(verb.children)
    object_verb = lemma in OBJECT_STANCE_VERBS or lemma in STATEMENT_OBJECT_VERBS
    if lemma in OFFERING_VERBS:
        objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
        offered = objects and objects[0].lemma_.lower() in STATEMENT_OBJECT_NOUNS
        if offered and is_proposition_object(objects[0]) and may_stand_alone(verb):
            return with_verb_complements(verb, object_phrase(objects[0]))
    if object_verb and not any(c.dep_ == "dative" for c in children):
        objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
        if objects and is_proposition_object(objects[0]) and may_stand_alone(verb):
            return with_verb_complements(verb, object_phrase(objects[0]))
        # Backing a named candidate or party is a position on who should prevail, but only
        # with the verb's own subject: a participle's person object is a target or a relation.
        if objects and lemma in SUPPORT_VERBS and has_own_subject(verb):
            return object_phrase(objects[0]) if _is_candidate_object(objects[0]) else None
    stands_alone = may_stand_alone(verb)
    for prep in children:
        verbs = PREPOSITION_STANCE_VERBS.get(prep.lower_, frozenset())
        if stands_alone:
            verbs = verbs | PREPOSITION_TOPIC_VERBS.get(prep.lower_, frozenset())
        if prep.dep_ != "prep" or prep.i < verb.i or lemma not in verbs:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects and objects[0].lemma_.lower() in _MANNER_NOUNS:
            continue
        if objects and is_proposition_object(objects[0]):
            return object_phrase(objects[0])
        # `would vote for Roe`: a ballot for a candidate is a position on who should win.
        ballot = lemma in BALLOT_VERBS and stands_alone
        if objects and ballot and _is_candidate_object(objects[0]):
            return object_phrase(objects[0])
        # `spoke about Roe`: the person is the topic, not the addressee (`spoke to Roe`).
        topic = lemma in PREPOSITION_TOPIC_VERBS.get(prep.lower_, frozenset())
        if objects and topic and stands_alone and _is_candidate_object(objects[0]):
            return object_phrase(objects[0])
    return None


# Nouns naming a stance; their prepositional object is what the stance is on (`his support for
# the levy`, `a fierce critic of the plan`). Statement nouns with `of`/`about` (`remarks about
# the port`) name a topic, not a position, and stay out (the seed's topic-frame exclusion).
STANCE_NOUNS = frozenset(
    """support supporter opposition opponent endorsement backing advocate advocacy champion
    criticism critic condemnation rejection defense defence praise proposal demand call
    concern doubt objection skepticism scepticism misgiving reservation outrage anger
    frustration confidence optimism pessimism enthusiasm approval disapproval disappointment
    dismay alarm regret""".split()
)
_SUPPORT_NOUNS = frozenset(
    "support supporter opposition opponent endorsement backing advocate champion".split()
)
_STANCE_NOUN_PREPS = frozenset({"of", "for", "about", "against", "to", "over"})
# Verbs that voice a stance noun for their subject (`voiced support for`, `raised concerns about`).
_VOICING_VERBS = frozenset("express voice raise share register have offer lend pledge".split())


# Nouns naming a statement by its topic (`his comments on the levy`, `her remarks about Roe`):
# with a holder they are a topic frame standing alone, like `spoke about` with its own subject.
TOPIC_NOUNS = frozenset(
    "comment remark statement speech tweet interview testimony reference rhetoric".split()
)
_TOPIC_NOUN_PREPS = frozenset({"about", "on", "regarding", "over", "to"})
# Verbs that deliver a topic noun for their subject (`made comments about`).
_DELIVERING_VERBS = frozenset("make deliver give post issue send write".split())
NOUN_CUES = STANCE_NOUNS | TOPIC_NOUNS


def stance_noun_object(noun: Token) -> list[Token] | None:
    """The object of a stance noun's preposition, when it bears a proposition (or, after a noun
    of support, names a candidate); the topic of a statement noun, a thing or a person."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in NOUN_CUES:
        return None
    topic = lemma in TOPIC_NOUNS
    for prep in noun.children:
        preps = _TOPIC_NOUN_PREPS if topic else _STANCE_NOUN_PREPS
        if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i < noun.i:
            continue
        objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        if not objects:
            continue
        obj = objects[0]
        if obj.pos_ == "VERB" or is_proposition_object(obj):
            return object_phrase(obj)
        if (topic or lemma in _SUPPORT_NOUNS) and _is_candidate_object(obj):
            return object_phrase(obj)
    return None


def stance_noun_holder(noun: Token) -> Token | None:
    """Who holds the stance a noun names: its possessor (`her support for`), the name it is in
    apposition to (`Roe, a critic of the plan`), the subject of a copula (`Roe is a critic of`)
    or of a voicing verb (`Roe voiced support for`). A verb is returned for the last two, to
    find the subject through; None when nobody holds it in the sentence."""
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors:
        return possessors[0]
    if noun.dep_ == "appos" and noun.head.pos_ in {"PROPN", "NOUN"}:
        return noun.head
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_ == "be":
        return head
    voicing = _VOICING_VERBS | (_DELIVERING_VERBS if noun.lemma_.lower() in TOPIC_NOUNS else set())
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in voicing:
        return head
    return None


# Verbs whose passive with `by X` reports X's statement or stance (`the levy was first reported
# by The Ledger`, `the plan is opposed by the union`).
PASSIVE_REPORT_VERBS = OBJECT_STANCE_VERBS | frozenset(
    "report announce reveal disclose confirm propose criticise criticize".split()
)


def passive_statement(verb: Token) -> tuple[list[Token], Token] | None:
    """`The levy was opposed by the union`: (the passive subject, the agent's head) when the
    subject bears a proposition or, after a verb of support, names a candidate. `These thoughts
    were echoed by X` has anaphoric content and gives None, like its active form."""
    if verb.pos_ != "VERB" or cue_lemma(verb) not in PASSIVE_REPORT_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if not subjects or not agents:
        return None
    objects = [c for c in agents[0].children if c.dep_ == "pobj"]
    if not objects:
        return None
    subject = subjects[0]
    candidate = cue_lemma(verb) in SUPPORT_VERBS and _is_candidate_object(subject)
    if not (is_proposition_object(subject) or candidate):
        return None
    return list(subject.subtree), objects[0]


# Subjects that are evidence rather than speakers: what they show is their finding.
EVIDENCE_NOUNS = frozenset(
    """poll polls survey study report analysis data video footage record records document
    documents figure figures result results audit review investigation test estimate count
    tally chart map photo photograph image average averages polling tracker forecast model
    numbers""".split()
)
_EVIDENCE_VERBS = frozenset({"show", "reveal", "find", "indicate", "suggest", "confirm"})
# Every verb whose object or prepositional object the rules above may attribute.
OBJECT_VERBS = (
    OBJECT_STANCE_VERBS
    | STATEMENT_OBJECT_VERBS
    | OFFERING_VERBS
    | _PREPOSITION_VERBS
    | _EVIDENCE_VERBS
)


def evidence_object(verb: Token) -> list[Token] | None:
    """`The poll shows a narrowing race`: what a piece of evidence shows, when it bears a
    proposition (a person alone after `show` is a depiction, not a finding; a person with a
    state, `shows Roe ahead`, is one)."""
    if verb.pos_ != "VERB" or cue_lemma(verb) not in _EVIDENCE_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].lemma_.lower() not in EVIDENCE_NOUNS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if objects and is_proposition_object(objects[0]):
        return object_phrase(objects[0])
    if objects:
        return _depicted_state(verb, objects[0])
    return None


# What a finding says of a person (`shows Roe ahead`, `shows Roe with a lead`, `shows him
# trailing`): dependents of the verb or the object that complete a small clause.
_STATE_DEPS = frozenset({"oprd", "acomp", "advmod", "xcomp", "ccomp"})


def _depicted_state(verb: Token, obj: Token) -> list[Token] | None:
    """`The poll shows Roe ahead by three points`: a person with a state is a finding."""
    states = [
        c
        for c in (*verb.children, *obj.children)
        if c.i > obj.i
        and (
            c.dep_ in _STATE_DEPS
            or (c.dep_ == "prep" and c.lower_ == "with")
            or (c.dep_ == "acl" and c.tag_ == "VBG")
        )
    ]
    if not states:
        return None
    end = max(c.right_edge.i for c in states)
    return list(verb.doc[obj.left_edge.i : end + 1])


# Adjectives of belief, fear or resolve: with a person as subject and a clause, they attribute
# that clause (`Many voters are afraid that …`, `she was sure Roe would win`, `ready to vote`).
BELIEF_ADJECTIVES = frozenset(
    """sure certain confident convinced afraid worried concerned fearful hopeful optimistic
    pessimistic skeptical sceptical aware unaware adamant determined eager willing ready unsure
    doubtful insistent""".split()
)


# Adjectives of a stance on a thing (`critical of the levy`, `worried about the closures`):
# with a preposition and a proposition-bearing object, by the rule of stance verbs and nouns.
STANCE_ADJECTIVES = frozenset(
    """concerned worried critical supportive skeptical sceptical wary optimistic pessimistic
    confident hopeful fearful angry upset furious frustrated disappointed enthusiastic
    passionate nervous anxious adamant""".split()
)
_STANCE_ADJECTIVE_PREPS = frozenset({"about", "of", "over", "with", "on"})


def belief_adjective_clause(adjective: Token) -> tuple[list[Token], Token] | None:
    """(the clause, the copula whose subject holds the belief) for `X is sure that …`, or the
    object of a stance adjective (`X is critical of the levy`)."""
    lemma = adjective.lower_ if adjective.tag_ == "VBN" else adjective.lemma_.lower()
    # `convinced` and `concerned` are often tagged as participles.
    if adjective.pos_ not in {"ADJ", "VERB"} or (
        adjective.pos_ == "VERB" and adjective.tag_ != "VBN"
    ):
        return None
    if lemma not in BELIEF_ADJECTIVES and lemma not in STANCE_ADJECTIVES:
        return None
    copula = adjective.head
    passive = [c for c in adjective.children if c.dep_ == "auxpass"]
    if passive:
        # `voters are convinced that …` parsed as a passive; the subject may hang on either.
        holds = any(c.dep_ in {"nsubj", "nsubjpass"} for c in passive[0].children)
        copula = passive[0] if holds else adjective
    elif adjective.dep_ != "acomp" or copula.lemma_ not in {"be", "feel", "seem", "remain"}:
        return None
    for child in adjective.children:
        if (
            child.dep_ in {"ccomp", "xcomp"}
            and child.i > adjective.i
            and lemma in BELIEF_ADJECTIVES
        ):
            return list(child.subtree), copula
        if (
            child.dep_ == "prep"
            and child.lower_ in _STANCE_ADJECTIVE_PREPS
            and child.i > adjective.i
        ):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if lemma in STANCE_ADJECTIVES and objects and is_proposition_object(objects[0]):
                return object_phrase(objects[0]), copula
    return None
