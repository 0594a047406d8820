"""The memoized attribute ruler and lemmatizer annotate exactly as the model's own components."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventdesk.nlp import MODEL_NAME
from eventdesk.nlp import memoized as memoized_module
from eventdesk.nlp.memoized import ATTRIBUTE_RULER, LEMMATIZER, memoize_rule_components

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Fictional sentences, written for this test: the ruler's multi-token rules (gon na, got ta,
# let 's, c'm on, y' all, ai n't, there is), whitespace tokens, and inflections the lemmatizer's
# suffix rules, exceptions and base-form checks each decide.
SENTENCES = (
    "We're gonna hold the bridge, the commander said, and y'all gotta leave before dark.",
    "Let's be clear: there is no corridor, there are only snipers, and it ain't safe.",
    "C'mon, he shouted.  The shelling   started again at 4 a.m.\n\nTwo wounded women were carried out.",
    "The militia's fighters had been seized, beaten and released; better roads were promised.",
    "Officials said the worst-hit districts were flooded by 3,000 displaced people fleeing.",
    "Aid groups warned that supplies are running out, and the UN's envoy was meeting rebels.",
    "",
    " \n ",
)


def annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(MODEL_NAME)


@pytest.fixture(scope="module")
def memoized() -> Language:
    nlp = spacy.load(MODEL_NAME)
    memoize_rule_components(nlp)
    return nlp


def assert_same(stock: Language, memoized: Language, texts: Iterable[str]) -> int:
    texts = list(texts)
    tokens = 0
    for expected, got in zip(stock.pipe(texts), memoized.pipe(texts), strict=True):
        assert annotations(got) == annotations(expected), expected.text[:80]
        tokens += len(got)
    return tokens


def test_memoized_components_replace_the_models_in_the_pipeline(memoized: Language) -> None:
    names = memoized.pipe_names
    assert names.index("parser") < names.index(ATTRIBUTE_RULER) < names.index(LEMMATIZER)
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert {"attribute_ruler", "lemmatizer"} <= set(memoized.disabled)


def test_eventdesk_pipeline_uses_them(nlp: Language) -> None:
    assert ATTRIBUTE_RULER in nlp.pipe_names and LEMMATIZER in nlp.pipe_names


@pytest.mark.parametrize("text", SENTENCES)
def test_same_annotations_as_the_model(stock: Language, memoized: Language, text: str) -> None:
    assert_same(stock, memoized, [text])


def test_same_annotations_when_seen_again_in_other_contexts(
    stock: Language, memoized: Language
) -> None:
    # The second pass answers from the memos; the shuffled pairs put known words next to new ones.
    texts = list(SENTENCES) + [
        f"{b} {a}" for a, b in zip(SENTENCES, reversed(SENTENCES), strict=True)
    ]
    assert assert_same(stock, memoized, texts * 2) > 100


def test_memos_are_bounded_and_refill(
    stock: Language, memoized: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memoized_module, "MAX_MEMO_ENTRIES", 5)
    ruler = memoized.get_pipe(ATTRIBUTE_RULER)
    lemmatizer = memoized.get_pipe(LEMMATIZER)
    ruler.memo.clear()
    lemmatizer.memo.clear()
    assert_same(stock, memoized, SENTENCES)
    assert len(ruler.memo) <= 5 and len(lemmatizer.memo) <= 5


def _custom_ruler_pipeline(*, memoize: bool) -> Language:
    """A blank pipeline whose ruler has every kind of pattern: one token, longer, a variable
    length (OP) and attributes the memo does not key on (IS_PUNCT), which run everywhere."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}]], {"POS": "DET"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=0)
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"}, index=0)
    ruler.add([[{"LOWER": "very", "OP": "?"}, {"LOWER": "big"}]], {"POS": "ADJ"}, index=-1)
    ruler.add([[{"IS_PUNCT": True}]], {"POS": "PUNCT"})
    ruler.add([[{"LOWER": "the"}]], {"POS": "PRON"})  # a later rule wins
    if memoize:
        memoize_rule_components(nlp)
    return nlp


def test_custom_ruler_with_longer_and_variable_patterns() -> None:
    stock, memoized = _custom_ruler_pipeline(memoize=False), _custom_ruler_pipeline(memoize=True)
    assert memoized.get_pipe(ATTRIBUTE_RULER).multi_anywhere
    texts = ["Y'all gonna see the very big dam, the big one!", "gon na gon na. the, y all"] * 2
    for expected, got in zip(stock.pipe(texts), memoized.pipe(texts), strict=True):
        assert [(t.pos_, t.lemma_) for t in got] == [(t.pos_, t.lemma_) for t in expected]
    assert [t.pos_ for t in memoized("the big")] == ["PRON", "ADJ"]


def test_a_pipeline_without_rule_components_is_left_alone() -> None:
    blank = spacy.blank("en")
    memoize_rule_components(blank)
    assert blank.pipe_names == []


@pytest.mark.slow
def test_same_annotations_on_every_shared_text(stock: Language, memoized: Language) -> None:
    voa = SHARED / "corpus" / "voa"
    polnear = SHARED / "gold" / "quotes" / "polnear" / "dev.jsonl"
    if not voa.is_dir() or not polnear.is_file():
        pytest.skip("../shared is not present")
    from eventdesk.ingest import read_paths
    from eventdesk.model import Document

    texts = [item.text for item in read_paths([voa]) if isinstance(item, Document)]
    with polnear.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines]
    assert assert_same(stock, memoized, texts) > 100_000
