"""Transcript turns: `WALLACE: Let's start with the debate.` is Wallace's own words.

A paragraph that opens with a speaker label in capitals and a colon (inside quotation marks or
not) is one turn of a transcript. The label resolves to a person named elsewhere in the article by
surname (`WALLACE` -> `Chris Wallace`), else stands as the name itself. A document counts as a
transcript only when it has at least `MIN_TURNS` such paragraphs, so a lone `UPDATE:` or
`WATCH:` line is no speaker; section labels of news pages are refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdesk.model import Span, Speaker
from eventdesk.nlp.coref import SpeakerResolver
from eventdesk.nlp.names import is_acronym, name_key

# Fewest labelled paragraphs that make a transcript.
MIN_TURNS = 2
_TURN = re.compile(
    r"(?m)^[ \t]*[\"“]?(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?P<words>\S[^\n]*)"
)
_NOT_SPEAKERS = frozenset(
    """UPDATE UPDATED NOTE CORRECTION CLARIFICATION WATCH READ RELATED PHOTOS PHOTO VIDEO SOURCE
    SOURCES BREAKING EXCLUSIVE ABSTRACT TEXT TRANSCRIPT WARNING SPOILER ALERT EDITOR'S EDITOR’S
    FULL PARTIAL TOP STORIES LIVE MORE""".split()
)
_TRAILING = ' \t"”'


@dataclass(frozen=True, slots=True)
class Turn:
    """One labelled paragraph: the label, its colon and the words after it."""

    label: Span
    colon: Span
    words: Span


# An inline turn, where the text lost its line breaks (`… there? Armitage: The message …`): a
# name of up to three title-case words (with an optional apposition: `Ann Roe, a former envoy:`)
# at the start of the text or after a sentence's end, then a colon.
_INLINE_TURN = re.compile(
    r"(?:^|(?<=[.?!”\"] ))(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})"
    r"(?:, [^:\n]{2,90}?)?(?P<colon>:) +(?=\S)"
)
# Inline turns make a transcript only when there are at least this many, from at least two
# speakers who each speak at least twice (an interview's alternation, not a stray `Note:`).
MIN_INLINE_TURNS = 4


def transcript_turns(text: str) -> list[Turn]:
    """The labelled paragraphs of `text` (or, when its lines were joined, its inline turns);
    none when it is not a transcript."""
    return _line_turns(text) or _inline_turns(text)


def _inline_turns(text: str) -> list[Turn]:
    """`VOA: What did you discuss? Armitage: The message was …`: each label's words run to the
    next label."""
    found = [m for m in _INLINE_TURN.finditer(text) if not _refused(m.group("label"))]
    speakers = [m.group("label").split()[-1] for m in found]
    repeated = {s for s in speakers if speakers.count(s) >= 2}
    kept = [m for m, s in zip(found, speakers, strict=True) if s in repeated]
    if len(kept) < MIN_INLINE_TURNS or len(repeated) < 2:
        return []
    turns = []
    for n, match in enumerate(kept):
        start = match.end()
        end = kept[n + 1].start() if n + 1 < len(kept) else len(text)
        while end > start and text[end - 1] in _TRAILING + "\n":
            end -= 1
        colon = match.start("colon")
        label = match.group("label")
        turns.append(
            Turn(
                label=Span(match.start("label"), match.start("label") + len(label), label),
                colon=Span(colon, colon + 1, ":"),
                words=Span(start, end, text[start:end]),
            )
        )
    return turns


def _refused(label: str) -> bool:
    return any(word.upper() in _NOT_SPEAKERS for word in label.split())


def _line_turns(text: str) -> list[Turn]:
    """The labelled paragraphs of `text`, or none when it is not a transcript."""
    turns = []
    for match in _TURN.finditer(text):
        label = match.group("label")
        if any(word in _NOT_SPEAKERS for word in label.split()):
            continue
        start, end = match.start("words"), match.end("words")
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        colon = match.end("label")
        turns.append(
            Turn(
                label=Span(match.start("label"), colon, label),
                colon=Span(colon, colon + 1, ":"),
                words=Span(start, end, text[start:end]),
            )
        )
    return turns if len(turns) >= MIN_TURNS else []


def turn_speaker(turn: Turn, resolver: SpeakerResolver) -> Speaker:
    """The person a label names: a named person of the article whose name holds the label's
    words (`WALLACE` -> `Chris Wallace`), else the label itself, title-cased."""
    key = name_key(turn.label.text.title())
    for cluster in resolver.clusters:
        if cluster.label == "PERSON" and cluster.mentions_key(key):
            role = resolver.role_of(cluster, near=len(resolver.doc))
            return Speaker(name=cluster.name, role=role, kind="person", mention=turn.label)
    # An interviewing outlet (`VOA: What did you …`) speaks as an organisation.
    for cluster in resolver.clusters:
        if cluster.label == "ORG" and cluster.mentions_key(key):
            return Speaker(name=cluster.name, role=None, kind="organisation", mention=turn.label)
    label = turn.label.text
    name = label if is_acronym(label) or not label.isupper() else label.title()
    return Speaker(name=name, role=None, kind="person", mention=turn.label)
