"""Attribution of quotations: a cue and speaker for each, from its own evidence or its neighbours'.

A digest's signature (`Pollsters agree - Ann Roe: “…”`) names the source whatever verb comes
before it. Otherwise a quotation is attributed by the first cue candidate (`quotes_cue_search`)
whose subject resolves to a speaker; failing that, by the verb of a named person whose clause holds it (`Manafort
dismissed it as “…”`), a dash signature after it (`“…” ― Adriana Rodarte`) or a name and colon
before it (`… - Jeffrey Roe: “…”`). A quotation with none of these shares the attribution of a
quotation in its paragraph, or continues the previous paragraph's speaker when it is a paragraph of
its own (`inherited_attribution`). Used by `quotes.find_quotes`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventdesk.extract.quote_marks import QuotePair
from eventdesk.extract.quotes_cue_search import cue_candidates, quotation_window
from eventdesk.extract.quotes_located import LocatedQuote, is_title
from eventdesk.extract.speakers import Attribution, attribute
from eventdesk.model import Span, Speaker, SpeakerKind
from eventdesk.nlp.coref import SpeakerResolver
from eventdesk.nlp.names import has_personal_name_shape


def attribute_quotations(
    doc: Doc, text: str, located: list[LocatedQuote], owner: list[int], resolver: SpeakerResolver
) -> dict[int, Attribution]:
    """The attribution of every quotation that has a cue of its own, by quotation index."""
    found: dict[int, Attribution] = {}
    for index, quote in enumerate(located):
        if is_title(quote.pair.start, quote.pair.end, text):
            continue
        window = quotation_window(doc, text, quote, owner)
        signed = _colon_label(doc, quote, owner, resolver, after_dash=True)
        if signed is not None:
            # `Pollsters agree - Ann Roe: “…”`: the labelled source, not the heading's verb.
            found[index] = signed
            continue
        for cue in cue_candidates(doc, text, quote, window):
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


def inherited_attribution(
    index: int, located: list[LocatedQuote], found: dict[int, Attribution], text: str
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


def _verb_of_person(
    doc: Doc, quote: LocatedQuote, window: list[Token], resolver: SpeakerResolver, owner: list[int]
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


DASHES = frozenset({"―", "—", "–", "-", "--"})
# Most words of a name labelling a quotation after a dash (`- Frank Roe and Jim Lund:` stops).
MAX_LABEL_WORDS = 4


def _dash_signature(
    doc: Doc, quote: LocatedQuote, owner: list[int], resolver: SpeakerResolver
) -> Attribution | None:
    """`“…” ― Adriana Rodarte`: a dash and a name right after a quotation sign it."""
    i = quote.last + 1
    while i < len(doc) and (owner[i] >= 0 or doc[i].is_space):
        i += 1
    if i + 1 >= len(doc) or "\n" in doc[quote.last : i].text:
        return None
    if doc[i].text not in DASHES:
        # `”― Name`: the tokenizer glues the dash to the closing mark, inside the quotation.
        glued = doc[i - 1]
        if not (glued.text[-1:] in DASHES and glued.text[:-1] and glued.text[0] in "”\"'"):
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
    if not 0 < colon - first <= MAX_LABEL_WORDS or doc[first - 1].text not in DASHES:
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
    quote: LocatedQuote,
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
