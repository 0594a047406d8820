"""What a figure counts or measures, read from the dependency tree around its number.

`counted_thing(number, unit_token)` returns a short phrase (`civilians`, `people executed`,
`strip of land`, `population`) and whether the thing is people. Rules, in order:

* a measure (`km²`, `percent`, money) describes the noun it modifies (`a two kilometre squared
  pocket`), the `of` phrase it heads (`40 percent of the population`), or the subject of the verb it
  completes (`an area that is no larger than ...`: the relative clause's antecedent);
* a time unit counts a `time window` after past/last/next (`over the past 24 hours`), else a
  `duration`;
* a bare number counts the noun it modifies (`80,000 human beings`), the `of` object it heads
  (`thousands of people`, `20 of the soldiers`), or, with no noun, the harm verb it is the subject
  or object of (`at least 20 were killed` -> `people killed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

PEOPLE_NOUNS = frozenset(
    """people person persons civilian civilians man men woman women child children kid kids boy boys
    girl girls baby babies infant infants adult adults resident residents inhabitant inhabitants
    villager villagers citizen citizens refugee refugees migrant migrants displaced evacuee evacuees
    soldier soldiers troop troops fighter fighters militant militants rebel rebels insurgent
    insurgents combatant combatants militiaman militiamen gunman gunmen attacker attackers policeman
    policemen police officer officers official officials protester protesters protestor protestors
    demonstrator demonstrators activist activists journalist journalists reporter reporters worker
    workers doctor doctors nurse nurses medic medics patient patients student students pupil pupils
    teacher teachers prisoner prisoners detainee detainees hostage hostages captive captives victim
    victims casualty casualties dead death deaths fatality fatalities body bodies wounded injured
    human humans being beings individual individuals member members supporter supporters voter
    voters farmer farmers miner miners worshipper worshippers pilgrim pilgrims passenger passengers
    crew sailor sailors marine marines peacekeeper peacekeepers personnel staff employee employees
    jihadist jihadists terrorist terrorists extremist extremists suspect suspects survivor survivors
    volunteer volunteers relative relatives family-members seeker seekers mourner mourners
    youth youths teenager teenagers minor minors elderly lives life leader leaders minister
    ministers lawmaker lawmakers legislator legislators diplomat diplomats envoy envoys ambassador
    ambassadors judge judges lawyer lawyers commander commanders general generals politician
    politicians candidate candidates delegate delegates guard guards agent agents spy spies
    opponent opponents dissident dissidents defendant defendants convict convicts inmate inmates
    settler settlers herder herders herdsmen trader traders seller sellers firefighter firefighters
    rescuer rescuers foreigner foreigners alien aliens visitor visitors immigrant immigrants
    national nationals traveller travellers traveler travelers fan fans spectator spectators
    athlete athletes player players recruit recruits conscript conscripts veteran veterans orphan
    orphans widow widows pensioner pensioners retiree retirees laborer laborers labourer labourers
    engineer engineers researcher researchers expert experts monk monks nun nuns priest priests
    cleric clerics imam imams muslims jews""".split()
)
# Adjectives used as nouns for people (`1,250 dead`), whatever the tagger calls them.
PEOPLE_ADJECTIVES = frozenset({"dead", "wounded", "injured", "missing", "displaced", "elderly"})
# Verbs whose subject (passive) or object, when it is a bare number, is a count of people.
HARM_VERBS = frozenset(
    """kill die wound injure hurt execute murder massacre shoot arrest detain abduct kidnap capture
    displace evacuate rescue behead torture disappear flee drown starve bury hospitalize
    hospitalise treat imprison jail sentence deport expel""".split()
)
WINDOW_WORDS = frozenset({"past", "last", "next", "previous", "coming", "recent", "preceding"})
DISTANCE_WORDS = frozenset({"away", "from", "off", "north", "south", "east", "west", "outside"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
MEASURE_UNIT_HOPS = 5  # how far up the tree a measure looks for what it measures


@dataclass(frozen=True, slots=True)
class Counted:
    """The counted thing's phrase, its head token (None for verbs-only), and whether it is people."""

    phrase: str
    head: Token | None
    people: bool


def counted_thing(
    number: Token, unit: Token | None, *, time_unit: bool, length_unit: bool = False
) -> Counted | None:
    """What the figure whose last number token is `number` (and unit token `unit`) counts."""
    if unit is not None and time_unit:
        window = any(t.lower_ in WINDOW_WORDS for t in unit.lefts) or any(
            t.lower_ in WINDOW_WORDS for t in number.doc[max(number.i - 3, 0) : number.i]
        )
        return Counted("time window" if window else "duration", None, people=False)
    distance = unit is not None and unit.i + 1 < len(unit.doc) and length_unit
    if distance and unit is not None and unit.nbor().lower_ in DISTANCE_WORDS:
        return _distance(number)
    if unit is not None:
        return _measured(unit)
    return _counted(number)


def _distance(number: Token) -> Counted:
    """`troops just 25 kilometres away`: a distance, of the noun right before the figure."""
    i = number.i - 1
    while i >= 0 and (number.doc[i].like_num or number.doc[i].dep_ in {"advmod", "quantmod"}):
        i -= 1
    before = number.doc[i] if i >= 0 else None
    if before is not None and _is_noun(before):
        return Counted(f"distance of {before.text}", None, people=False)
    return Counted("distance", None, people=False)


def _counted(number: Token) -> Counted | None:
    partitive = _of_object(number)
    if partitive is not None:
        return _noun_counted(partitive)
    head = number.head
    if head.lower_ in PEOPLE_ADJECTIVES and head.i == number.i + 1:
        return Counted(head.lower_, head, people=True)  # `1,250 dead`
    if number.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "appos"} and _is_noun(
        head
    ):
        partitive = _of_object(head) if head.lower_ in {"dozen", "dozens"} else None
        return _noun_counted(partitive or head)
    if number.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}:
        verb = head if head.pos_ in {"VERB", "AUX"} else None
        if verb is not None and verb.lemma_.lower() in HARM_VERBS:
            return Counted(f"people {_participle(verb)}", None, people=True)
    return None


def _noun_counted(noun: Token) -> Counted:
    people = _is_people(noun)
    phrase = _noun_phrase(noun)
    verb = _describing_verb(noun)
    if verb is not None and (people or noun.lower_ in PEOPLE_NOUNS):
        phrase = f"{phrase} {_participle(verb)}"
    category = _copular_category(noun)
    if category:
        phrase = f"{phrase} ({category})"
    return Counted(phrase, noun, people)


def _copular_category(noun: Token) -> str | None:
    """`80,000 human beings who are mainly civilians` -> `mainly civilians`: what they are."""
    for clause in noun.children:
        if clause.dep_ == "relcl" and clause.lemma_ == "be":
            attr = next((c for c in clause.children if c.dep_ == "attr" and _is_noun(c)), None)
            if attr is not None:
                adverbs = [c.text for c in clause.children if c.dep_ == "advmod" and c.i < attr.i]
                return " ".join([*adverbs, attr.text])
    return None


def _measured(unit: Token) -> Counted | None:
    """The thing a measure (`two square kilometres`, `40 percent`, `$5 million`) is about."""
    of_object = _of_object(unit)
    if of_object is not None:
        return Counted(_noun_phrase(of_object), of_object, _is_people(of_object))
    token = unit
    path = {unit.i}
    for _ in range(MEASURE_UNIT_HOPS):
        if token.head is token:
            break
        token = token.head
        if _is_noun(token) and token.ent_type_ not in {"QUANTITY", "MONEY", "PERCENT"}:
            return Counted(_noun_phrase(token, skip=path), token, _is_people(token))
        path.add(token.i)
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "acl"}:
            return _subject_counted(token)
    return None


def _subject_counted(verb: Token) -> Counted | None:
    """`an area that is no larger than ...`: what the measure's clause is about."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
        subject = (
            verb.head if verb.dep_ == "relcl" and _is_noun(verb.head) else _antecedent(subject)
        )
    if subject is None or subject.pos_ == "PRON":
        return None
    return Counted(_noun_phrase(subject), subject, _is_people(subject))


def _antecedent(pronoun: Token) -> Token | None:
    """The noun right before a relative pronoun the parser did not attach (`land “that ...`)."""
    i = pronoun.i - 1
    while i >= 0 and pronoun.doc[i].is_punct:
        i -= 1
    if i < 0 or not _is_noun(pronoun.doc[i]):
        return None
    noun = pronoun.doc[i]
    # `strip of land that ...`: the relative clause is about the head of the `of` phrase.
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and _is_noun(noun.head.head):
        return noun.head.head
    return noun


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and _is_noun(obj):
                return obj
    return None


def _describing_verb(noun: Token) -> Token | None:
    """`people [were] executed`, `civilians killed in ...`: the harm done to them, if said."""
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in HARM_VERBS:
        return noun.head
    return next(
        (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in HARM_VERBS), None
    )


def _participle(verb: Token) -> str:
    return verb.text.lower() if verb.tag_ in {"VBN", "VBD"} else verb.lemma_.lower()


def _noun_phrase(noun: Token, *, skip: frozenset[int] | set[int] = frozenset()) -> str:
    """The noun with its adjective/compound modifiers, and an `of` complement for non-people.

    `skip` holds tokens of the measure itself (`two kilometre squared pocket`: not `squared`).
    """
    words = [
        t for t in noun.lefts if t.dep_ in MODIFIER_DEPS and not t.like_num and t.i not in skip
    ]
    # keep only the modifiers adjacent to the noun (`young men`, not `two ... men`)
    kept: list[Token] = []
    for token in reversed(words):
        if token.i == (kept[0].i if kept else noun.i) - 1:
            kept.insert(0, token)
    text = noun.doc[(kept[0].i if kept else noun.i) : noun.i + 1].text
    if not _is_people(noun):
        of_object = _of_object(noun)
        if of_object is not None:
            text = f"{text} of {of_object.text}"
    return text.replace("]", "").replace("[", "")


def _is_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and not token.like_num


def _is_people(token: Token) -> bool:
    lower = token.lower_
    return (
        lower in PEOPLE_NOUNS
        or lower in PEOPLE_ADJECTIVES
        # `reservists`, `physicians`, `tribesmen`: agent-noun endings that name people
        or (len(lower) >= 7 and lower.endswith(("ists", "ians", "smen")))
        or token.lemma_.lower() in PEOPLE_NOUNS
        or token.ent_type_ == "NORP"
        or (token.tag_ == "NNPS" and token.text.endswith(("ans", "is", "ese")))
    )
