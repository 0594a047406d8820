"""The `quotes` extractor: direct, mixed and indirect attributed statements with cue and speaker.

Quotations come from `quote_marks` (tolerant of unbalanced marks); each one is attributed in turn:
1. a cue in its own sentence (the first cue above the quoted words in the parse, else the nearest);
   a colon before the quotation makes the verb before it the cue (`pled with the world: “…”`);
2. a quotation without a cue shares the attribution of a quotation in the same paragraph, or
   continues the previous paragraph's speaker when it is a paragraph of its own;
3. the speaker is the cue's subject, climbing from a subject-less participle to the verb it hangs
   on (`Lina said, explaining that “…”`), resolved by `eventdesk.nlp.coref`.
A quotation right after the cue (or its addressee, or a colon) is direct; quoted words inside a
reported clause (`explained how it was “…”`) are mixed. Indirect statements are reporting verbs with
a clausal complement and a resolvable subject, directives (`urged the world to help`) and
`according to X`. Statements inside quotations are the speaker's words, not new attributions.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from eventdesk.extract import register
from eventdesk.extract.cues import is_quote_cue
from eventdesk.extract.indirect import find_indirect
from eventdesk.extract.quote_marks import QuotePair, find_quote_pairs
from eventdesk.extract.quotes_boundaries import index_line_breaks
from eventdesk.extract.quotes_headline import find_headline_statement
from eventdesk.extract.quotes_merge import new_indirect, with_quoted_words
from eventdesk.extract.quotes_transcript import Turn, transcript_turns, turn_speaker
from eventdesk.extract.speakers import Attribution, attribute, frame_of, is_direct
from eventdesk.model import Document, Quote, Span, Speaker, SpeakerKind
from eventdesk.nlp.coref import SpeakerResolver
from eventdesk.nlp.names import has_personal_name_shape

LOGGER = logging.getLogger(__name__)
_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class _Located:
    """A quotation with the tokens it covers and the paragraph it sits in."""

    pair: QuotePair
    first: int
    last: int
    paragraph: int


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _paragraph_of(starts: list[int], char: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _locate(doc: Doc, text: str, pairs: list[QuotePair]) -> tuple[list[_Located], list[int]]:
    """Token extents of each quotation, and per token the index of its quotation (or -1)."""
    owner = [-1] * len(doc)
    starts = _paragraph_starts(text)
    located: list[_Located] = []
    # Token offsets from the doc's array: no `Token` object is built for the tokens. Pairs come
    # in text order; an earlier pair keeps the tokens of one nested in it.
    offsets = doc.to_array([IDX]).tolist() if len(doc) else []
    for index in range(len(pairs) - 1, -1, -1):
        pair = pairs[index]
        first = bisect.bisect_left(offsets, pair.open_at)
        last = bisect.bisect_left(offsets, pair.outer_end)
        owner[first:last] = [index] * (last - first)
    for index, pair in enumerate(pairs):
        inside = _tokens_of(doc, owner, index, pair)
        if not inside:
            continue
        located.append(_Located(pair, inside[0], inside[-1], _paragraph_of(starts, pair.start)))
    return located, owner


def _tokens_of(doc: Doc, owner: list[int], index: int, pair: QuotePair) -> list[int]:
    first = doc.char_span(pair.open_at, pair.outer_end, alignment_mode="expand")
    if first is None:
        return []
    return [t.i for t in first if owner[t.i] == index and pair.start <= t.idx < pair.end]


def _window(doc: Doc, text: str, quote: _Located, owner: list[int]) -> list[Token]:
    """Tokens outside quotations that may hold this quotation's cue: its sentences, same paragraph."""
    first_sent = doc[quote.first].sent
    last_sent = doc[quote.last].sent
    start, end = first_sent.start, last_sent.end
    # `“…,” he said.` is often split after the closing mark: take a short follow-up sentence.
    # A quotation closed by a full stop ends its statement: the next sentence is a new one.
    closed = text[quote.pair.start : quote.pair.end].rstrip().endswith(".")
    if end < len(doc) and quote.pair.outer_end >= doc[end - 1].idx and not closed:
        follow = doc[end].sent
        if all(owner[t.i] < 0 for t in follow) and len(follow) <= 12:
            end = follow.end
    paragraph_end = text.find("\n", quote.pair.end)
    paragraph_start = text.rfind("\n", 0, quote.pair.open_at) + 1
    return [
        t
        for t in doc[start:end]
        if owner[t.i] < 0
        and paragraph_start <= t.idx
        and (paragraph_end < 0 or t.idx < paragraph_end)
    ]


def _cue_candidates(doc: Doc, text: str, quote: _Located, window: list[Token]) -> list[Token]:
    """Possible cues, best first: cues above the quoted words in the parse, nearest first, then
    the other cues of the window by distance, then the verb before a colon."""
    candidates = {t.i for t in window if is_quote_cue(t)}
    ordered: list[Token] = []
    for i in range(quote.first, quote.last + 1):
        for ancestor in doc[i].ancestors:
            if ancestor.i in candidates and ancestor not in ordered:
                ordered.append(ancestor)
    rest = sorted((doc[i] for i in candidates), key=lambda t: _gap(t, quote))
    ordered.extend(t for t in rest if t not in ordered)
    before = [t for t in window if t.i < quote.first and not t.is_space]
    colon_cue = (
        _clause_verb(before[:-1])
        if before and before[-1].text == ":"
        else _cue_of_colon_paragraph(doc, text, quote)
    )
    if colon_cue is not None and colon_cue not in ordered:
        ordered.append(colon_cue)
    for extra in (_trailing_verb(doc, quote, window), _previous_sentence_cue(doc, text, quote)):
        if extra is not None and extra not in ordered:
            ordered.append(extra)
    return ordered


# Longest sentence, in tokens, that may introduce the quotation after it (`X agreed. “…”`).
INTRODUCING_SENTENCE_TOKENS = 15


def _previous_sentence_cue(doc: Doc, text: str, quote: _Located) -> Token | None:
    """`Dianne Bystrom agreed. “Mainstream Republicans …”`: a short sentence just before a
    quotation, in its paragraph, whose verb is a cue, introduces it."""
    sent = doc[quote.first].sent
    if sent.start == 0 or any(
        not (t.is_punct or t.is_space) for t in doc[sent.start : quote.first]
    ):
        return None
    previous = doc[sent.start - 1].sent
    if (
        len(previous) > INTRODUCING_SENTENCE_TOKENS
        or "\n" in text[previous.start_char : quote.pair.open_at]
    ):
        return None
    if any(t.is_quote for t in previous):
        return None
    cues = [t for t in previous if is_quote_cue(t) and t.dep_ == "ROOT"]
    return cues[0] if cues else None


# How many tokens after a quotation its `Name verbed` or `verbed Name` tail may take.
TRAILING_CUE_TOKENS = 4


def _trailing_verb(doc: Doc, quote: _Located, window: list[Token]) -> Token | None:
    """`“Go back,” Trump barked`: a verb with its subject right after a quotation that ends in
    `,` `?` `!` and opens its sentence is a cue whatever the verb (the lexicon cannot list all)."""
    last_inside = doc[quote.last]
    if last_inside.text not in {",", "?", "!", "—"}:
        return None
    if not all(t.is_punct or t.is_space for t in doc[last_inside.sent.start : quote.first]):
        return None
    after = [t for t in window if t.i > quote.last][:TRAILING_CUE_TOKENS]
    for token in after:
        if token.pos_ == "VERB":
            # Only the first verb: a later one belongs to another clause (`and a guard escorted`).
            return token
        if token.is_punct and token.text not in {",", "”", '"'}:
            break
    return None


def _verb_of_person(
    doc: Doc, quote: _Located, window: list[Token], resolver: SpeakerResolver, owner: list[int]
) -> Attribution | None:
    """Quoted words inside the clause of a named person's verb (`Manafort dismissed it as “…”`).

    Outside the lexicon, a verb counts as the cue only when its subject is a named person: scare
    quotes in the article's own voice (`the so-called “safe zone” was shelled`) have none.
    """
    inside = {t.i for t in window}
    # Nearest verb first: on PolNeAR train this beat starting from the main verb (F1 +0.002).
    for ancestor in doc[quote.first].ancestors:
        if ancestor.i not in inside or ancestor.pos_ != "VERB":
            continue
        attribution = attribute(ancestor, resolver, owner)
        if attribution is None:
            continue
        speaker = attribution.speaker
        if speaker.kind == "person" and speaker.name is not None:
            return attribution
    return None


def _cue_of_colon_paragraph(doc: Doc, text: str, quote: _Located) -> Token | None:
    """`Reporter X says:` closing the paragraph before a quotation is that quotation's cue."""
    paragraph_start = text.rfind("\n", 0, quote.pair.open_at) + 1
    if text[paragraph_start : quote.pair.open_at].strip():
        return None
    previous_end = len(text[:paragraph_start].rstrip())
    if previous_end == 0 or text[previous_end - 1] != ":":
        return None
    colon = doc.char_span(previous_end - 1, previous_end, alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    tokens = [t for t in doc[sent.start : colon[0].i] if not t.is_space]
    cues = [t for t in tokens if is_quote_cue(t)]
    return cues[-1] if cues else _clause_verb(tokens)


def _gap(token: Token, quote: _Located) -> int:
    return quote.first - token.i if token.i < quote.first else token.i - quote.last


def _clause_verb(tokens: list[Token]) -> Token | None:
    """The verb of the clause before a colon, when it has a subject (`The Times reports:`)."""
    for token in reversed(tokens):
        if token.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in token.children
        ):
            return token
    return None


def _uncued_owner(
    index: int, located: list[_Located], found: dict[int, Attribution], text: str
) -> tuple[Attribution, bool] | None:
    """Attribution for a quotation without its own cue: (attribution, keeps the cue)."""
    quote = located[index]
    same = [j for j in found if located[j].paragraph == quote.paragraph]
    if same:
        nearest = min(same, key=lambda j: abs(j - index))
        return found[nearest], True
    if not _whole_paragraph(text, quote.pair):
        return None
    earlier = [j for j in found if j < index and located[j].paragraph < quote.paragraph]
    if earlier:
        previous = max(earlier)
        gap_text = text[located[previous].pair.outer_end : quote.pair.open_at]
        if gap_text.count("\n") <= 2 or not located[previous].pair.closed:
            return found[previous], False
    # `“A.¶“B,” she said.`: a quotation left open runs on into the next paragraph's, whose cue
    # speaks for both (the first paragraph of a multi-paragraph quotation has no cue of its own).
    following = index + 1
    while not located[following - 1].pair.closed and following in range(len(located)):
        after, before = located[following], located[following - 1]
        # Only a line break between them: the next paragraph opens with the continuation.
        between = text[before.pair.end : after.pair.open_at]
        if "\n" not in between or between.strip():
            return None
        if following in found:
            return found[following], False
        following += 1
    return None


def _whole_paragraph(text: str, pair: QuotePair) -> bool:
    start = text.rfind("\n", 0, pair.open_at) + 1
    end = text.find("\n", pair.end)
    end = len(text) if end < 0 else end
    outside = text[start : pair.open_at] + text[pair.outer_end : end]
    return len(outside.strip(" \t.,;:!?—–-")) == 0


def _attribute_all(
    doc: Doc, text: str, located: list[_Located], owner: list[int], resolver: SpeakerResolver
) -> dict[int, Attribution]:
    """The attribution of every quotation that has a cue of its own, by quotation index."""
    found: dict[int, Attribution] = {}
    for index, quote in enumerate(located):
        if _is_title(quote.pair.start, quote.pair.end, text):
            continue
        window = _window(doc, text, quote, owner)
        signed = _colon_label(doc, quote, owner, resolver, after_dash=True)
        if signed is not None:
            # `Pollsters agree - Ann Roe: “…”`: the labelled source, not the heading's verb.
            found[index] = signed
            continue
        for cue in _cue_candidates(doc, text, quote, window):
            attribution = attribute(cue, resolver, owner)
            if attribution is not None:
                found[index] = attribution
                break
        else:
            fallback = _verb_of_person(doc, quote, window, resolver, owner)
            fallback = fallback or _dash_signature(doc, quote, owner, resolver)
            fallback = fallback or _colon_label(doc, quote, owner, resolver)
            if fallback is not None:
                found[index] = fallback
    return found


_DASHES = frozenset({"―", "—", "–", "-", "--"})
# Most words of a name labelling a quotation after a dash (`- Frank Roe and Jim Lund:` stops).
MAX_LABEL_WORDS = 4


def _dash_signature(
    doc: Doc, quote: _Located, owner: list[int], resolver: SpeakerResolver
) -> Attribution | None:
    """`“…” ― Adriana Rodarte`: a dash and a name right after a quotation sign it."""
    i = quote.last + 1
    while i < len(doc) and (owner[i] >= 0 or doc[i].is_space):
        i += 1
    if i + 1 >= len(doc) or "\n" in doc[quote.last : i].text:
        return None
    if doc[i].text not in _DASHES:
        # `”― Name`: the tokenizer glues the dash to the closing mark, inside the quotation.
        glued = doc[i - 1]
        if not (glued.text[-1:] in _DASHES and glued.text[:-1] and glued.text[0] in "”\"'"):
            return None
        i -= 1
    n = i + 1
    while n + 1 < len(doc) and doc[n].is_space and "\n" not in doc[n].text:
        n += 1  # `― Name` is often written with a no-break space
    name = doc[n]
    if not (name.ent_type_ in {"PERSON", "ORG"} or (name.pos_ == "PROPN" and name.is_title)):
        return None
    head = name
    while head.head.i > head.i and head.dep_ in {"compound", "flat"} and head.head.pos_ == "PROPN":
        head = head.head
    speaker = resolver.resolve(head)
    if speaker is None or speaker.name is None:
        return None
    return Attribution(doc[i], speaker, frozenset({name.i, head.i}))


def _dash_label(doc: Doc, colon: int, resolver: SpeakerResolver) -> Attribution | None:
    """`Pollsters agree - Pew Research: “…”`: one to four title-case words between a dash and the
    colon before a quotation name its source, tagged or not."""
    first = colon
    while first > 0 and doc[first - 1].is_title and doc[first - 1].pos_ in {"PROPN", "NOUN"}:
        first -= 1
    if not 0 < colon - first <= MAX_LABEL_WORDS or doc[first - 1].text not in _DASHES:
        return None
    words = doc[first:colon]
    speaker = resolver.resolve(words.root)
    if speaker is None or speaker.name is None:
        mention = Span(words.start_char, words.end_char, words.text)
        kind: SpeakerKind = "person" if has_personal_name_shape(words.text) else "organisation"
        speaker = Speaker(name=words.text, role=None, kind=kind, mention=mention)
    return Attribution(doc[colon], speaker, frozenset(range(first, colon)))


def _colon_label(
    doc: Doc,
    quote: _Located,
    owner: list[int],
    resolver: SpeakerResolver,
    *,
    after_dash: bool = False,
) -> Attribution | None:
    """`… - Jeffrey Roe: “Gallup’s analysis finds …”`: a name and a colon right before a
    quotation label it as that source's words (a digest's or transcript's convention). With
    `after_dash`, only a name set off by a dash before it (the digest's signature, which
    outranks any verb of the heading before it)."""
    i = quote.first - 1
    while i >= 0 and (owner[i] >= 0 or doc[i].is_space):
        i -= 1
    if i < 1 or doc[i].text != ":" or "\n" in doc[i : quote.first].text:
        return None
    name = doc[i - 1]
    if after_dash:
        return _dash_label(doc, i, resolver)
    if name.ent_type_ not in {"PERSON", "ORG"} or name.pos_ != "PROPN":
        return None
    speaker = resolver.resolve(name)
    if speaker is None or speaker.name is None:
        return None
    return Attribution(doc[i], speaker, frozenset({name.i}))


def _quotation_records(
    doc: Doc, text: str, located: list[_Located], owner: list[int], found: dict[int, Attribution]
) -> Iterator[Quote]:
    for index, quote in enumerate(located):
        own = found.get(index)
        if own is not None:
            attribution, keeps_cue = own, True
        else:
            # A title (`''This Week,''`) takes no speaker from its neighbours either.
            if _is_title(quote.pair.start, quote.pair.end, text):
                continue
            inherited = _uncued_owner(index, located, found, text)
            if inherited is None:
                continue
            attribution, keeps_cue = inherited
        pair, cue = quote.pair, attribution.cue
        signed = cue.text.lstrip("”\"'") in _DASHES  # `“…” ― Name` signs the whole quotation
        direct = own is None or signed or is_direct(doc, quote.first, cue, attribution, owner)
        if direct and own is not None and _scare_quote(doc, quote, cue):
            continue
        yield Quote(
            kind="direct" if direct else "mixed",
            content=Span(pair.start, pair.end, text[pair.start : pair.end]),
            cue=_token_span(cue) if keeps_cue else None,
            speaker=attribution.speaker,
            frame=None if direct else frame_of(doc, quote.first, quote.last, attribution),
        )


def _scare_quote(doc: Doc, quote: _Located, cue: Token) -> bool:
    """`promoting “magic” weight loss pills`: one quoted word taken by a verb outside the cue
    lexicon (see `_verb_of_person`) is a scare quote or a name, not the person's own words."""
    if cue.pos_ != "VERB" or is_quote_cue(cue):
        return False
    words = [t for t in doc[quote.first : quote.last + 1] if not t.is_punct and not t.is_space]
    return len(words) <= 1


def _with_transcript_turns(
    records: list[Quote], turns: list[Turn], resolver: SpeakerResolver
) -> list[Quote]:
    """Each transcript turn is its speaker's own words: a quotation holding a turn takes the
    label's speaker, and an unquoted turn replaces whatever was found inside it."""
    if not turns:
        return records
    kept: list[Quote] = []
    for record in records:
        turn = next(
            (t for t in turns if record.content.start <= t.colon.start < record.content.end), None
        )
        if turn is not None and record.kind != "indirect":
            speaker = turn_speaker(turn, resolver)
            kept.append(replace(record, kind="direct", cue=turn.colon, speaker=speaker, frame=None))
        elif not any(t.words.start <= record.content.start < t.words.end for t in turns):
            kept.append(record)
    quoted = {t.colon.start for t in turns if any(q.cue == t.colon for q in kept)}
    for turn in turns:
        if turn.colon.start not in quoted:
            kept.append(
                Quote(
                    kind="direct",
                    content=turn.words,
                    cue=turn.colon,
                    speaker=turn_speaker(turn, resolver),
                )
            )
    return kept


def find_quotes(doc: Doc, *, text: str | None = None) -> list[Quote]:
    """Every attributed statement of `doc`, in text order. `text`, when given, is the text the
    doc was made from (spaCy rebuilds `doc.text` from the tokens on every read)."""
    if text is None or not _is_text_of(text, doc):
        text = doc.text
    index_line_breaks(doc, text)
    pairs = find_quote_pairs(text)
    located, owner = _locate(doc, text, pairs)
    resolver = SpeakerResolver(doc, in_quote=lambda i: owner[i] >= 0)
    found = _attribute_all(doc, text, located, owner, resolver)
    records = list(_quotation_records(doc, text, located, owner, found))
    claimed = {q.content.start for q in records}
    unclaimed = {n for n, pair in enumerate(pairs) if pair.start not in claimed}
    content_owner = [-1 if n in unclaimed else n for n in owner]
    indirect = list(find_indirect(doc, resolver, owner, content_owner=content_owner))
    claimed_pairs = [pair for n, pair in enumerate(pairs) if n not in unclaimed]
    quoted = [
        pairs[n] for n in sorted(unclaimed) if not _is_title(pairs[n].start, pairs[n].end, text)
    ]
    for record in new_indirect(indirect, records, claimed_pairs, doc):
        records.append(with_quoted_words(record, quoted, text))
    records = _with_transcript_turns(records, transcript_turns(text), resolver)
    headline = find_headline_statement(doc, resolver, text=text)
    if headline is not None and not any(
        q.content.start < headline.content.end and headline.content.start < q.content.end
        for q in records
    ):
        records.append(headline)
    records.sort(key=lambda q: q.content.start)
    return records


def _is_text_of(text: str, doc: Doc) -> bool:
    """A cheap check that `text` is the doc's: same length, same last token where it ends."""
    if not len(doc):
        return not text
    last = doc[-1]
    end = last.idx + len(last.text_with_ws)
    return len(text) == end and text[last.idx : last.idx + len(last.text)] == last.text


_TITLE_WORD = re.compile(r"[\w’'&-]+")
# Short function words that stay lower case inside a title (`Anderson Cooper 360`, `Meet the Press`).
_TITLE_FILLERS = frozenset("a an and at by for from in of on or the to with".split())


def _is_title(start: int, end: int, text: str) -> bool:
    """`“Good Morning America”`: a title-cased name without sentence punctuation is no quotation."""
    # `“Aaron Klein Investigative Radio,” broadcast on …`: American style keeps the comma inside.
    content = text[start:end].rstrip(",")
    words = _TITLE_WORD.findall(content)
    if not words or len(words) > 8 or any(ch in content for ch in ".!?,;:"):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_FILLERS for w in words)


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)


@register("quotes", record_type=Quote)
def quotes(doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]) -> Iterator[Quote]:
    """One `Quote` per attributed statement of the document, in text order."""
    yield from find_quotes(doc, text=document.text)
