"""The cue lexicon: which words introduce an attributed statement, British and American spellings.

Cues are matched on spaCy lemmas. The small English model lemmatises British forms inconsistently
(`emphasised` -> `emphasise`, `pled` -> `plead` or `pled`), so every `-ize` verb is listed with its
`-ise` twin and irregular past forms are listed as lemmas too. Three classes:
- `SPEECH_CUES`: verbs of saying and writing; they take direct quotes and `that`-complements;
- `BELIEF_CUES`: verbs of thinking and knowing; PolNeAR (PARC style) counts these as attributions
  too, but only with a clausal complement and a subject, never as a cue for a quotation;
- `QUOTE_ONLY_CUES`: verbs that report speech only next to a quotation (`Kareem continued: “…”`),
  because elsewhere they are ordinary verbs (`the fighting continued`).
`DIRECTIVE_CUES` take an addressee and an infinitive (`urged the world to help`).
"""

from __future__ import annotations

from spacy.tokens import Token


def _with_british_twins(words: str) -> frozenset[str]:
    lemmas = set(words.split())
    lemmas |= {w[:-3] + "ise" for w in lemmas if w.endswith("ize")}
    lemmas |= {w[:-3] + "ize" for w in lemmas if w.endswith("ise") and len(w) > 5}
    return frozenset(lemmas)


SPEECH_CUES = _with_british_twins(
    """say tell add explain emphasize stress note insist claim argue warn urge plead pled slam echo
    write tweet post report announce declare state confirm deny admit acknowledge suggest ask reply
    respond answer recall predict promise vow pledge describe complain accuse criticize blast
    charge allege assert maintain observe remark comment contend testify concede reiterate demand
    propose recommend mention whisper shout cry scream exclaim joke quip boast lament sigh disclose
    reveal indicate conclude caution cite counter retort rebut rebuke decry denounce condemn praise
    hail warn threaten brag interject muse wonder grumble mutter murmur yell chant sing signal
    stipulate specify clarify elaborate acknowledge affirm reaffirm highlight underline underscore
    summarize recount relate narrate inform assure reassure advise announce proclaim pronounce
    discuss lash attack call thank dub label brand term mention bark snap thunder roar growl hiss
    tease interject chime mouth gush rave fume chide scold mock taunt sneer opine remind reason
    vent rail scoff marvel recite quote imply speculate insinuate posit theorize surmise
    hypothesize exhort admonish""".replace("\n", " ")
)
BELIEF_CUES = _with_british_twins(
    """think believe know hope fear feel expect worry doubt understand agree suspect assume guess
    estimate reckon figure imagine realize recognize consider conclude decide determine find
    learn hear see show prove suggest indicate want""".replace("\n", " ")
)
# Verbs of intention and commitment: attributions with an infinitive (`vowed to repeal the law`).
INTENT_CUES = frozenset(
    """plan intend vow promise pledge hope want expect threaten refuse decline agree offer seek
    aim wish vote""".split()
)
QUOTE_ONLY_CUES = frozenset(
    {"continue", "go", "begin", "start", "put", "write", "read", "conclude"}
)
DIRECTIVE_CUES = _with_british_twins(
    "urge ask call tell order implore beg plead encourage advise warn instruct invite press exhort "
    "beseech entreat admonish counsel"
)
# Lemmas the tagger gives irregular or British past forms when it does not know them.
_LEMMA_REPAIRS = {
    "pled": "plead",
    "emphasised": "emphasise",
    "criticised": "criticise",
    # The small model lemmatises `hopes`/`hoped`/`hoping` to `hop`.
    "hopes": "hope",
    "hoped": "hope",
    "hoping": "hope",
}


def cue_lemma(token: Token) -> str:
    """The lemma used for cue lookup, repaired for forms the small model leaves as they are."""
    lemma = token.lemma_.lower()
    return _LEMMA_REPAIRS.get(token.lower_, lemma)


def is_quote_cue(token: Token) -> bool:
    """True when `token` can introduce a quotation (`said`, `emphasised`, `continued:`)."""
    if is_according_to(token):
        return True
    if token.pos_ not in {"VERB", "AUX"} or (token.pos_ == "AUX" and token.dep_ != "ROOT"):
        return False
    lemma = cue_lemma(token)
    return lemma in SPEECH_CUES or lemma in QUOTE_ONLY_CUES


def is_speech_cue(token: Token) -> bool:
    """True for verbs of saying and writing (not of believing)."""
    return token.pos_ == "VERB" and cue_lemma(token) in SPEECH_CUES


def is_report_cue(token: Token) -> bool:
    """True when `token` can introduce indirect speech or a belief with a clausal complement."""
    if token.pos_ != "VERB":
        return False
    lemma = cue_lemma(token)
    return lemma in SPEECH_CUES or lemma in BELIEF_CUES or _is_phrasal_report(token, lemma)


# Verbs that report only with their particle (`pointed out that`, `spelled out how`).
_PHRASAL_REPORTS = frozenset({("point", "out"), ("spell", "out"), ("make", "clear")})


def _is_phrasal_report(token: Token, lemma: str) -> bool:
    particles = {c.lower_ for c in token.children if c.dep_ in {"prt", "ccomp", "oprd", "acomp"}}
    return any(verb == lemma and particle in particles for verb, particle in _PHRASAL_REPORTS)


def is_intent_cue(token: Token) -> bool:
    """True for verbs of intention that attribute an infinitive (`pledged to rebuild`)."""
    return token.pos_ == "VERB" and cue_lemma(token) in INTENT_CUES


def is_directive_cue(token: Token) -> bool:
    """True for verbs that report a directive: addressee plus infinitive (`urged them to stop`)."""
    return token.pos_ == "VERB" and cue_lemma(token) in DIRECTIVE_CUES


def is_according_to(token: Token) -> bool:
    """True for the `according` of `according to X`."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "according" and nxt is not None and nxt.lower_ == "to"


# Every word (lemma, or form with a repaired lemma) a cue test above may look up: a token whose
# lemma and form are both outside it is no cue, which spares the tests on most tokens.
CUE_WORDS = (
    SPEECH_CUES
    | BELIEF_CUES
    | INTENT_CUES
    | QUOTE_ONLY_CUES
    | DIRECTIVE_CUES
    | frozenset(_LEMMA_REPAIRS)
    | frozenset(_LEMMA_REPAIRS.values())
    | frozenset(verb for verb, _ in _PHRASAL_REPORTS)
    | frozenset({"according"})
)
