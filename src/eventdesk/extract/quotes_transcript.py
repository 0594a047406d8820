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
from eventdesk.nlp.names import name_key

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


def transcript_turns(text: str) -> list[Turn]:
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
    return Speaker(name=turn.label.text.title(), role=None, kind="person", mention=turn.label)
