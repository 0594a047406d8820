"""The role a count of people plays in its clause, and the nouns that hold a count.

`eventdesk.extract.counted` names what a figure counts; this module adds what happened to them,
read from the verb the counted noun hangs on (`killed 30 soldiers`, `seven passengers died`,
`left 12 fighters dead`, `nine guards lost their lives` -> `... killed`), and finds the count
noun a bare number is the value of (`the death toll rose to 45`, `put the number of displaced
people at 5,000`, `deaths rose from 40 to 95`). Roles are past participles whatever the verb
form, and `died` is `killed`, so one toll reported two ways groups together.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs whose subject (passive) or object, when it is a bare number, is a count of people.
HARM_VERBS = frozenset(
    """kill die wound injure hurt execute murder massacre shoot arrest detain abduct kidnap capture
    displace evacuate rescue behead torture disappear flee drown starve bury hospitalize
    hospitalise treat imprison jail sentence deport expel uproot maim lynch slaughter perish""".split()
)
IRREGULAR_PARTICIPLES = {"die": "killed", "perish": "killed", "lynch": "killed",
                         "slaughter": "killed", "shoot": "shot", "flee": "fled", "hurt": "hurt",
                         "kidnap": "kidnapped", "imprison": "imprisoned"}  # fmt: skip
# Roles written into a counted phrase however the clause says them: the store's reconciliation
# reads a trailing `killed` (`soldiers killed`) and no other trailing role.
ROLES_IN_COUNTED = frozenset({"killed"})
# Harm verbs whose active subject is the one harmed (`seven passengers died`).
INTRANSITIVE_HARM_VERBS = frozenset({"die", "drown", "starve", "disappear", "flee", "perish"})
# `left 12 fighters dead`: an object predicate that says what became of the people counted.
RESULT_ADJECTIVES = {
    "dead": "killed",
    "wounded": "wounded",
    "injured": "injured",
    "homeless": "homeless",
    "displaced": "displaced",
    "missing": "missing",
}
PLURAL_SCALES = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions"})
# Nouns that hold a count of another thing: `the number of displaced people at 5,000`,
# `the death toll rose to 45`, `a daily tally of new cholera cases of 1,204`.
COUNT_NOUNS = frozenset({"number", "toll", "tally", "total", "count", "figure"})
DATE_NOUNS = frozenset({"day", "week", "month", "year", "weekend", "night"})
CHANGE_VERBS = frozenset(
    """rise climb surge jump soar increase grow swell fall drop decline decrease plunge
    shrink""".split()
)
DEATH_COMPOUNDS = frozenset({"death", "casualty", "fatality", "civilian"})
# Adjectives used as nouns for people (`1,250 dead`), whatever the tagger calls them.
PEOPLE_ADJECTIVES = frozenset({"dead", "wounded", "injured", "missing", "displaced", "elderly"})


def is_relative_date(noun: Token) -> bool:
    """`last month`, `this week`, `next year`: a date, never the thing a number counts."""
    return noun.lemma_.lower() in DATE_NOUNS and any(
        c.lower_ in {"last", "next", "this", "past"} for c in noun.children
    )


def count_noun_of(number: Token) -> Token | None:
    head = number.head
    if number.dep_ in {"attr", "dobj", "npadvmod"} and head.pos_ in {"VERB", "AUX"}:
        # `the toll was 45`, `the total reached 45`
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        return subject if subject is not None and subject.lower_ in COUNT_NOUNS else None
    if number.dep_ != "pobj" or head.lower_ not in {"at", "to", "of", "from"}:
        return None
    governor = head.head
    if governor.pos_ in {"VERB", "AUX"}:
        holders = [c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        count_noun = next((c for c in holders if c.lower_ in COUNT_NOUNS), None)
        if count_noun is None and governor.lemma_.lower() in CHANGE_VERBS:
            # `deaths rose from 40 to 95`: the subject of a change is what is counted
            subject = next((c for c in holders if c.dep_ == "nsubj"), None)
            return subject if subject is not None and is_noun(subject) else None
        return count_noun
    if head.lower_ != "of":
        return None
    # `a tally of new cholera cases of 1,204`: the `of` may hang on the counted noun instead
    if governor.dep_ == "pobj" and governor.head.lower_ == "of":
        governor = governor.head.head
    return governor if governor.lower_ in COUNT_NOUNS else None


def role_in_counted(noun: Token) -> tuple[str | None, bool]:
    """The role to write into the counted phrase of people named by `noun`, and whether the
    clause does something harmful to them at all (`injuring four others`: `others` are people).

    A role is written when the phrase itself says it (`people [were] executed`, `civilians killed
    in ...`) and, said anywhere else in the clause (`killed 30 soldiers`, `seven passengers died`,
    `left 12 fighters dead`), when it is `killed`. Other roles said by the clause (`arrested 200
    protesters`) stay out of the phrase: the store reads them from the words around the figure
    and groups `protesters` with their role, which a phrase `protesters arrested` would split.
    """
    acl = next((c for c in noun.children if c.dep_ == "acl" and _is_harm(c)), None)
    if acl is not None:
        return participle(acl), True
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in HARM_VERBS:
        return participle(noun.head), True
    role = _clause_role(noun)
    return (role if role in ROLES_IN_COUNTED else None), role is not None


def _clause_role(noun: Token) -> str | None:
    # `thousands of people fled`: the partitive's number holds the role in the clause
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i < noun.i:
        holder = noun.head.head
        if holder.like_num or holder.lower_ in PLURAL_SCALES:
            noun = holder
    # `killed a shopkeeper and four police officers`: a later conjunct shares the first's role
    while noun.dep_ == "conj" and is_noun(noun.head):
        noun = noun.head
    verb = noun.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = verb.lemma_.lower()
    if noun.dep_ == "nsubjpass" and lemma in HARM_VERBS:
        return participle(verb)
    if noun.dep_ == "nsubj" and (
        lemma in INTRANSITIVE_HARM_VERBS
        # `nine militiamen wounded` (a reduced passive the parser reads as a subject)
        or (lemma in HARM_VERBS and verb.tag_ == "VBN" and not _has_object(verb))
    ):
        return participle(verb)
    if noun.dep_ == "dobj" and lemma in HARM_VERBS:
        return participle(verb)
    if (
        noun.dep_ == "nsubj"
        and lemma == "lose"
        and any(c.dep_ == "dobj" and c.lower_ in {"lives", "life"} for c in verb.children)
    ):
        return "killed"  # `nine guards lost their lives`
    if noun.dep_ == "dobj" and lemma == "leave":
        result = next((c for c in verb.children if c.dep_ in {"oprd", "acomp"}), None)
        if result is not None and result.lower_ in RESULT_ADJECTIVES:
            return RESULT_ADJECTIVES[result.lower_]
    return None


def _is_harm(verb: Token) -> bool:
    return verb.lemma_.lower() in HARM_VERBS


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in {"dobj", "aux", "auxpass"} for c in verb.children)


def participle(verb: Token) -> str:
    """The role as a past participle whatever the verb's form (`killing`, `kill` -> `killed`);
    `died` is `killed` too: one role for the dead, whichever verb reports it."""
    lemma = verb.lemma_.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    if verb.tag_ in {"VBN", "VBD"}:
        return verb.text.lower()
    if lemma.endswith("e"):
        return f"{lemma}d"
    if lemma.endswith("y"):
        return f"{lemma[:-1]}ied"
    return f"{lemma}ed"


def is_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and not token.like_num
