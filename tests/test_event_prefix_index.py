"""The prefix index behind event typing and country counts: what it finds is exactly what
`finditer` finds, pattern by pattern."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.events.actors import countries, load_actors
from eventdesk.events.cues import CONTEXT_GROUPS, CUES
from eventdesk.events.prefix_index import FOLDS_TO_ASCII, PrefixIndex, literal_prefixes

_LEXICON = (
    [cue.pattern for cue in CUES]
    + list(CONTEXT_GROUPS.values())
    + [pattern for _, pattern in countries()]
)
_INDEXES = {
    "cues": PrefixIndex(cue.pattern for cue in CUES),
    "context": PrefixIndex(CONTEXT_GROUPS.values()),
    "countries": PrefixIndex(pattern for _, pattern in countries()),
    "actor leaders": load_actors()._leader_index,
    "actor surfaces": load_actors()._surface_index,
}


def _spans_by_finditer(index: PrefixIndex, text: str) -> dict[int, list[tuple[int, int]]]:
    found = {}
    for number, rx in enumerate(index.patterns):
        spans = [m.span() for m in rx.finditer(text)]
        if spans:
            found[number] = spans
    return found


def _spans_by_index(index: PrefixIndex, text: str) -> dict[int, list[tuple[int, int]]]:
    return {number: [m.span() for m in ms] for number, ms in index.matches(text).items()}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\b(?:kill(?:ed|ing)?|dead)\b", {"kill", "dead"}),
        (r"\b(?:re)?captur\w+", {"reca", "capt"}),
        (r"\bair ?strikes?", {"air ", "airs"}),
        (r"\bx{2,3}y", {"x"}),
        (r"\b(?:AB|c)\b", {"ab", "c"}),
        (r"\bt[üu]rkey", {"t"}),
        (r"\b\w+", {""}),
        (r"\b(?:a|)\b", {"a", ""}),
    ],
)
def test_event_prefix_index_prefixes_read_from_the_parse(source: str, expected: set[str]) -> None:
    assert literal_prefixes(re.compile(source, re.IGNORECASE)) == expected


def test_event_prefix_index_indexes_the_whole_lexicon() -> None:
    # A pattern the index cannot read is scanned whole: correct, but the slow path.
    assert all(not index.scanned for index in _INDEXES.values())
    assert all(len(literal_prefixes(rx) - {""}) > 0 for rx in _LEXICON)


def test_event_prefix_index_scans_what_it_cannot_index() -> None:
    patterns = [re.compile(r"\b\w+ed\b", re.IGNORECASE), re.compile(r"-\d+"), CUES[0].pattern]
    index = PrefixIndex(patterns)
    assert [p.pattern for p in index.scanned] == [r"\b\w+ed\b", r"-\d+"]
    text = "They shelled -12 posts in air strikes, Air-raids."
    assert _spans_by_index(index, text) == _spans_by_finditer(index, text)


def test_event_prefix_index_folds_only_what_re_folds() -> None:
    """The characters outside ASCII that `re` matches to ASCII under IGNORECASE are exactly
    the keys of FOLDS_TO_ASCII, each to the letter it folds to."""
    others = "".join(map(chr, range(0x80, sys.maxunicode + 1)))
    folding = set(re.findall(r"[\x00-\x7f]", others, re.IGNORECASE))
    assert folding == {chr(code) for code in FOLDS_TO_ASCII}
    for char in folding:
        matched = {c for c in map(chr, range(0x80)) if re.fullmatch(re.escape(c), char, re.I)}
        assert {c.lower() for c in matched} == {char.translate(FOLDS_TO_ASCII)}
    # Folding then lower-casing keeps the length (word starts keep their offsets) and keeps
    # every character a word character or not (word starts stay word starts).
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    folded = everything.translate(FOLDS_TO_ASCII).lower()
    assert len(folded) == len(everything)
    words = re.compile(r"\w")
    assert [m.start() for m in words.finditer(folded)] == [
        m.start() for m in words.finditer(everything)
    ]


def test_event_prefix_index_scans_every_pattern_when_folding_changes_the_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eventdesk.events import prefix_index

    monkeypatch.setattr(prefix_index, "FOLDS_TO_ASCII", str.maketrans({"é": "ee"}))
    monkeypatch.setattr(prefix_index, "_FOLDING", re.compile("é"))
    index = _INDEXES["cues"]
    for text in ("The café troops shelled the town.", "The troops shelled the town."):
        assert _spans_by_index(index, text) == _spans_by_finditer(index, text)
    assert index.candidates("café") is None


_WORDS = [
    "killed",
    "KILLING",
    "ſhelled",  # long s: `re` reads it as "s" under IGNORECASE
    "Kıdnapped",  # Kelvin sign and dotless i
    "İsis",
    "air strike",
    "airstrikes",
    "Syrian",
    "Türkiye",
    "Turkish",
    "troops",
    "protesters",
    "al-Assad's",
    "Putin’s troops",
    "pro-government",
    "Hezbollah",
    "SDF",
    "security forces",
    "tear gas",
    "recaptured",
    "seized weapons",
    "the",
    "a",
    "deal",
    "dead",
    "bomb",
    "'s",
    "-",
    "“",
    "”",
    ",",
    ".",
    "\n",
    "3",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text(max_size=4)),
        max_size=30,
    ).map(" ".join)
)
def test_event_prefix_index_finds_what_finditer_finds(text: str) -> None:
    for index in _INDEXES.values():
        assert _spans_by_index(index, text) == _spans_by_finditer(index, text)


@pytest.mark.slow
def test_event_prefix_index_finds_what_finditer_finds_on_voa(shared: Path) -> None:
    import json

    corpus = shared / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.exists():
        pytest.skip("VOA corpus absent")
    for line in corpus.read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("text") or ""
        for index in _INDEXES.values():
            assert _spans_by_index(index, text) == _spans_by_finditer(index, text)
