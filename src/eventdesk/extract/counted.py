"""What a figure counts or measures, read from the dependency tree around its number.

`counted_thing(number, unit_token)` returns a short phrase (`civilians`, `people executed`,
`strip of land`, `population`) and whether the thing is people. Rules, in order:

* a measure (`km²`, `percent`, money) describes the noun it modifies (`a two kilometre squared
  pocket`), the `of` phrase it heads (`40 percent of the population`), or the subject of the verb it
  completes (`an area that is no larger than ...`: the relative clause's antecedent);
* a time unit counts a `time window` after past/last/next (`over the past 24 hours`), else a
  `duration`;
* money names what it is by an `in` phrase when there is one (`$5 million in food aid`);
* a bare number counts the noun it modifies (`80,000 human beings`), the `of` object it heads
  (`thousands of people`, `20 of the soldiers`), or, with no noun, the harm verb it is the subject
  or object of (`at least 20 were killed` -> `people killed`), or what the count noun it is the
  value of counts (`the death toll rose to 45` -> `deaths`);
* a count of people carries its role when the clause says it (`killed 30 soldiers` -> `soldiers
  killed`): `eventdesk.extract.counted_roles`.

The noun keeps its modifiers with their own (`al-Qadir militants`, `like-minded states`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventdesk.extract.counted_roles import (
    COUNT_NOUNS,
    DEATH_COMPOUNDS,
    HARM_VERBS,
    PEOPLE_ADJECTIVES,
    PLURAL_SCALES,
    count_noun_of,
    is_noun,
    is_relative_date,
    participle,
    role_in_counted,
)

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
    cleric clerics imam imams muslims jews elder elders uyghurs rohingya kurds yazidis hazaras
    pashtuns tutsis hutus""".split()
)
# Compounds that end in a word for people: `schoolgirls`, `fishermen`, `policewomen`.
PEOPLE_ENDINGS = ("girls", "boys", "men", "women", "children")
WINDOW_WORDS = frozenset({"past", "last", "next", "previous", "coming", "recent", "preceding"})
DISTANCE_WORDS = frozenset(
    """away from off north south east west outside northeast northwest southeast southwest
    north-east north-west south-east south-west""".split()
)
# Verbs whose subject is what a sum of money is the size of (`the deal is worth $2 billion`).
MONEY_OF_SUBJECT_VERBS = frozenset(
    """be cost total amount reach top exceed hit rise fall grow jump climb drop increase decrease
    double triple""".split()
)
ACTOR_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC"})
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
    number: Token,
    unit: Token | None,
    *,
    time_unit: bool,
    length_unit: bool = False,
    money: bool = False,
) -> Counted | None:
    """What the figure whose last number token is `number` (and unit token `unit`) counts."""
    if unit is not None and time_unit:
        # `the past 24 hours`, not `expected to last 12 days` (`last` the verb)
        window = any(_is_window_word(t) for t in unit.lefts) or any(
            _is_window_word(t) for t in number.doc[max(number.i - 3, 0) : number.i]
        )
        return Counted("time window" if window else "duration", None, people=False)
    distance = unit is not None and unit.i + 1 < len(unit.doc) and length_unit
    if distance and unit is not None and unit.nbor().lower_ in DISTANCE_WORDS:
        return _distance(number)
    if unit is not None and money:
        spent_on = _money_in(unit)
        if spent_on is not None:
            return Counted(_noun_phrase(spent_on), spent_on, people=False)
    if unit is not None:
        return _measured(unit, money=money)
    return _counted(number)


def _money_in(unit: Token) -> Token | None:
    """`$5 million in humanitarian aid`, `pledged $2 billion in loans`: what the money is, named
    by an `in` phrase after it on the sum or on its verb (not a place or a date: `in Kenya`)."""
    holders = [unit]
    # `thousands of dollars in unpaid bills`: up through the scale to the sum and its verb
    while holders[-1].dep_ in {"dobj", "pobj", "nsubj", "nsubjpass", "prep"} and len(holders) < 4:
        holders.append(holders[-1].head)
        if holders[-1].pos_ in {"VERB", "AUX"}:
            break
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i < unit.i:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_:
                return obj
    return None


def _is_window_word(token: Token) -> bool:
    return token.lower_ in WINDOW_WORDS and token.pos_ not in {"VERB", "AUX"}


def _distance(number: Token) -> Counted:
    """`troops just 25 kilometres away`: a distance, of the noun right before the figure."""
    i = number.i - 1
    while i >= 0 and (number.doc[i].like_num or number.doc[i].dep_ in {"advmod", "quantmod"}):
        i -= 1
    before = number.doc[i] if i >= 0 else None
    if before is not None and is_noun(before):
        return Counted(f"distance of {before.text}", None, people=False)
    return Counted("distance", None, people=False)


def _counted(number: Token) -> Counted | None:
    partitive = _of_object(number)
    if partitive is not None:
        return _noun_counted(partitive)
    those = _of_those(number)
    if those is not None:
        return those
    head = number.head
    if is_relative_date(head):
        # `fell to 4,500 last month`: the parser hung the number on the date; it counts what
        # the date's own place in the clause says
        return _count_noun_counted(head)
    if head.lower_ in PEOPLE_ADJECTIVES and head.i == number.i + 1:
        return Counted(head.lower_, head, people=True)  # `1,250 dead`
    if number.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "appos"} and is_noun(head):
        partitive = _of_object(head) if head.lower_ in {"dozen", "dozens"} else None
        return _noun_counted(partitive or head)
    if number.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}:
        verb = head if head.pos_ in {"VERB", "AUX"} else None
        if verb is not None and verb.lemma_.lower() in HARM_VERBS:
            return Counted(f"people {participle(verb)}", None, people=True)
        if verb is not None and number.dep_ == "nsubj" and _said_of_people(verb):
            return Counted("people", None, people=True)  # `millions remain uprooted`
    return _count_noun_counted(number)


def _said_of_people(verb: Token) -> bool:
    """`remain displaced`, `are missing`, `were uprooted`: a state only people are said to be in."""
    return any(
        c.dep_ in {"acomp", "oprd", "xcomp"}
        and (c.lower_ in PEOPLE_ADJECTIVES or _harm_participle(c))
        for c in verb.children
    )


def _harm_participle(token: Token) -> bool:
    """`displaced`, `uprooted` (tagged as a verb or, often, as an adjective)."""
    word = token.lower_
    if not word.endswith("ed"):
        return False
    return token.lemma_.lower() in HARM_VERBS or word[:-1] in HARM_VERBS or word[:-2] in HARM_VERBS


def _count_noun_counted(number: Token) -> Counted | None:
    """`put the number of displaced people at 5,000`, `the death toll rose to 45`, `a tally of
    new cholera cases of 1,204`: the number is the value of a count noun; it counts what that counts."""
    count_noun = count_noun_of(number)
    if count_noun is None:
        return None
    if count_noun.lower_ not in COUNT_NOUNS:
        return _noun_counted(count_noun)  # `deaths rose from 40 to 95`
    of_object = _of_object(count_noun)
    if of_object is not None:
        return _noun_counted(of_object)
    adjective = _of_people_adjective(count_noun)
    if adjective is not None:
        return Counted(adjective, None, people=True)  # `the number of displaced`
    compounds = {c.lower_ for c in count_noun.lefts if c.dep_ in MODIFIER_DEPS}
    if count_noun.lower_ == "toll" or compounds & DEATH_COMPOUNDS:
        return Counted("deaths", None, people=True)
    return None


def _of_those(number: Token) -> Counted | None:
    """`forty of those who fled`: people, named by the clause about them."""
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            those = next((c for c in child.children if c.lower_ == "those"), None)
            clause = next((c for c in those.children if c.dep_ == "relcl"), None) if those else None
            if those is not None and clause is not None:
                span = number.doc[those.i : clause.right_edge.i + 1]
                return Counted(span.text, None, people=True)
    return None


def _noun_counted(noun: Token) -> Counted:
    people = _is_people(noun)
    phrase = _noun_phrase(noun)
    role, harmed = role_in_counted(noun)
    if harmed and noun.lower_ in {"others", "more"}:
        people = True  # `killing one and injuring four others`: harm verbs are done to people
    if role is not None and (people or noun.lower_ in PEOPLE_NOUNS):
        phrase = f"{phrase} {role}"
    category = _copular_category(noun)
    if category:
        phrase = f"{phrase} ({category})"
    return Counted(phrase, noun, people)


def _copular_category(noun: Token) -> str | None:
    """`80,000 human beings who are mainly civilians` -> `mainly civilians`: what they are."""
    for clause in noun.children:
        if clause.dep_ == "relcl" and clause.lemma_ == "be":
            attr = next((c for c in clause.children if c.dep_ == "attr" and is_noun(c)), None)
            if attr is not None:
                adverbs = [c.text for c in clause.children if c.dep_ == "advmod" and c.i < attr.i]
                return " ".join([*adverbs, attr.text])
    return None


def _measured(unit: Token, *, money: bool = False) -> Counted | None:
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
        measure_part = token.ent_type_ in {"QUANTITY", "MONEY", "PERCENT"}
        if is_noun(token) and not measure_part and token.lower_ not in PLURAL_SCALES:
            return Counted(_noun_phrase(token, skip=path), token, _is_people(token))
        path.add(token.i)
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "acl"}:
            # `Botswana earned $2 million`, `smugglers charged $500`: who pays, earns or charges is
            # not what the money is; `the project cost $3 million` is about the project
            if money and token.lemma_.lower() not in MONEY_OF_SUBJECT_VERBS:
                return None
            found = _subject_counted(token)
            if money and found is not None and (found.people or _is_actor(found.head)):
                return None
            return found
    return None


def _is_actor(token: Token | None) -> bool:
    return token is not None and (token.ent_type_ in ACTOR_LABELS or token.pos_ == "PROPN")


def _subject_counted(verb: Token) -> Counted | None:
    """`an area that is no larger than ...`: what the measure's clause is about."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
        subject = verb.head if verb.dep_ == "relcl" and is_noun(verb.head) else _antecedent(subject)
    if subject is None or subject.pos_ == "PRON":
        return None
    return Counted(_noun_phrase(subject), subject, _is_people(subject))


def _antecedent(pronoun: Token) -> Token | None:
    """The noun right before a relative pronoun the parser did not attach (`land “that ...`)."""
    i = pronoun.i - 1
    while i >= 0 and pronoun.doc[i].is_punct:
        i -= 1
    if i < 0 or not is_noun(pronoun.doc[i]):
        return None
    noun = pronoun.doc[i]
    # `strip of land that ...`: the relative clause is about the head of the `of` phrase.
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and is_noun(noun.head.head):
        return noun.head.head
    return noun


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and is_noun(obj):
                return obj
    return None


def _of_people_adjective(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None and obj.lower_ in PEOPLE_ADJECTIVES:
                return obj.lower_
    return None


def _noun_phrase(noun: Token, *, skip: frozenset[int] | set[int] = frozenset()) -> str:
    """The noun with its adjective/compound modifiers, and an `of` complement for non-people.

    `skip` holds tokens of the measure itself (`two kilometre squared pocket`: not `squared`).
    """
    words = [
        t for t in noun.lefts if t.dep_ in MODIFIER_DEPS and not t.like_num and t.i not in skip
    ]
    # keep only the modifiers adjacent to the noun (`young men`, not `two ... men`), each with
    # its own modifiers (`al-Qadir militants`, `like-minded states`, `Red Hand Army factions`)
    start = noun.i
    for token in reversed(words):
        if token.right_edge.i != start - 1:
            continue
        left = token.left_edge.i
        inner = noun.doc[left : token.i]
        if any(t.like_num or t.pos_ == "DET" or t.tag_ == "POS" or t.i in skip for t in inner):
            left = token.i if token.i == start - 1 else start
        start = left
    text = noun.doc[start : noun.i + 1].text
    if noun.doc[start].is_sent_start and noun.doc[start].pos_ != "PROPN":
        text = text[:1].lower() + text[1:]  # `Deaths surged ...`: as it reads mid-sentence
    if not _is_people(noun):
        of_object = _of_object(noun)
        if of_object is not None:
            text = f"{text} of {of_object.text}"
    return text.replace("]", "").replace("[", "")


def _is_people(token: Token) -> bool:
    lower = token.lower_
    return (
        lower in PEOPLE_NOUNS
        or lower in PEOPLE_ADJECTIVES
        # `reservists`, `physicians`, `tribesmen`: agent-noun endings that name people
        or (len(lower) >= 7 and lower.endswith(("ists", "ians", "smen")))
        or (len(lower) >= 8 and lower.endswith(PEOPLE_ENDINGS))
        or token.lemma_.lower() in PEOPLE_NOUNS
        or token.ent_type_ == "NORP"
        or (token.tag_ == "NNPS" and token.text.endswith(("ans", "is", "ese")))
    )
