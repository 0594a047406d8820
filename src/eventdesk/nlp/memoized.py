"""spaCy's attribute ruler and lemmatizer, with each distinct token's outcome computed once.

In the small English model the attribute ruler costs about a tenth of the whole parse, more than
the tagger and the parser's own Python: it runs a Matcher of 179 patterns over every token (on
the 89 VOA stories, 1.24-1.29 CPU s of ~11 s, whether or not it has seen the words before). The
rule lemmatizer rebuilds each token's morphology dict and caches only the lemmas its suffix rules
produce (1.17 s on a first pass, 0.18 s once its cache is warm). Both outcomes depend on a
handful of the token's own attributes, so they can be remembered (same stories, warm memos:
0.10 s and 0.03 s; a first pass, learning every distinct token: 0.54 s and 1.10 s):

- a one-token attribute-ruler pattern sees only the token: its outcome is a function of the
  attributes the patterns read (`LOWER`, `TAG`, `DEP`, `IS_SPACE` in the model). The composite
  of every rule that matches a token is learnt once per distinct tuple of those values, by
  running the model's own Matcher on that one-token span. The few longer patterns (`gon na`,
  `let 's`, `there is`) run as a Matcher only at the tokens their first token matches (learnt
  the same way); one of variable length (`OP`) or reading other attributes would run over the
  whole doc. Rules apply in their order (spaCy sorts matches by rule), so a later rule's value
  wins, as in spaCy; the values are written back as arrays (`Doc.from_array`);
- the rule lemmatizer's answer is a function of the token's text, POS and morphology (its own
  cache key), remembered for every answer, not only for the suffix-rule ones.

The spaCy components stay in the pipeline, disabled, and answer every token not seen before;
`tests/test_nlp_memoized.py` checks every annotation against them. The memos are bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

ATTRIBUTE_RULER = "eventdesk_attribute_ruler"
LEMMATIZER = "eventdesk_lemmatizer"
# A corpus of millions of articles keeps meeting new words; past this many entries a memo
# starts again rather than grow without end (spaCy's own lemma cache has no bound).
MAX_MEMO_ENTRIES = 500_000
# Token attributes a one-token pattern may read for its outcome to be remembered by them.
_MEMO_ATTRIBUTES = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}

Attrs = dict[int, Any]


class MemoizedAttributeRuler:
    """Sets what the wrapped AttributeRuler sets, learning each distinct token's outcome once."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.single = Matcher(ruler.vocab, validate=False)
        self.multi = Matcher(ruler.vocab, validate=False)
        # The first token of each longer pattern, as a one-token pattern: the tokens a longer
        # pattern can start at are learnt with the rest, and only there is it tried.
        self.starts = Matcher(ruler.vocab, validate=False)
        self.longest = 1
        self.multi_anywhere = False
        read: set[str] = set()
        for key, patterns in _patterns_by_rule(ruler):
            for pattern in patterns:
                memoizable = all(
                    "OP" not in token and set(token) <= _MEMO_ATTRIBUTES.keys() for token in pattern
                )
                if memoizable:
                    read |= set(pattern[0])
                if memoizable and len(pattern) == 1:
                    self.single.add(key, [pattern])
                    continue
                self.multi.add(key, [pattern])
                self.longest = max(self.longest, len(pattern))
                if memoizable:
                    self.starts.add(key, [pattern[:1]])
                else:  # a pattern of variable length or other attributes runs everywhere
                    self.multi_anywhere = True
        self.key_attributes = [_MEMO_ATTRIBUTES[name] for name in sorted(read)]
        self.set_attributes = sorted({attr for attrs in ruler.attrs for attr in attrs})
        self.memo: dict[tuple[int, ...], tuple[tuple[int, ...], bool]] = {}
        self.composites: dict[tuple[int, ...], Attrs] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.set_attributes:
            return doc
        # reshape: with a single attribute, to_array gives one flat column
        array: Any = doc.to_array(self.key_attributes) if self.key_attributes else None
        keys: list[list[int]] | None = (
            array.reshape(len(doc), -1).tolist() if array is not None else None
        )
        outcomes = []
        may_start = []
        for i in range(len(doc)):
            key = tuple(keys[i]) if keys is not None else ()
            outcome = self.memo.get(key)
            if outcome is None:
                outcome = self._learn(doc, i, key)
            outcomes.append(outcome[0])
            if outcome[1]:
                may_start.append(i)
        if self.multi_anywhere:
            extra = self._longer_matches(doc, [0], whole=True)
        else:
            extra = self._longer_matches(doc, may_start, whole=False) if may_start else {}
        values: Any = doc.to_array(self.set_attributes).reshape(len(doc), -1)
        rows = values.tolist()
        column = {attr: n for n, attr in enumerate(self.set_attributes)}
        for i, rules in enumerate(outcomes):
            if i in extra:
                attrs = self._compose(tuple(sorted((*rules, *extra[i]))))
            else:
                attrs = self.composites[rules]
            row = rows[i]
            for attr, value in attrs.items():
                row[column[attr]] = value
        values[:] = rows
        doc.from_array(self.set_attributes, values)
        return doc

    def _learn(self, doc: Doc, i: int, key: tuple[int, ...]) -> tuple[tuple[int, ...], bool]:
        if len(self.memo) >= MAX_MEMO_ENTRIES:
            self.memo.clear()
        token = doc[i : i + 1]
        matches = self.single(token, allow_missing=True, as_spans=False)
        rules = tuple(sorted(int(self.ruler.vocab.strings[m_id]) for m_id, _, _ in matches))
        starts = bool(self.starts(token, allow_missing=True, as_spans=False))
        self.memo[key] = (rules, starts)
        self._compose(rules)
        return rules, starts

    def _compose(self, rules: tuple[int, ...]) -> Attrs:
        attrs = self.composites.get(rules)
        if attrs is None:
            attrs = {}
            for rule in rules:  # in rule order: a later rule's value wins, as in spaCy
                attrs.update(self.ruler.attrs[rule])
            self.composites[rules] = attrs
        return attrs

    def _longer_matches(self, doc: Doc, starts: list[int], *, whole: bool) -> dict[int, list[int]]:
        """Rules of the multi-token patterns, by the index of the token each one sets; tried
        over the whole doc, or only at the tokens where one can start."""
        found: dict[int, list[int]] = {}
        for first in starts:
            span = doc if whole else doc[first : first + self.longest]
            for m_id, start, end in self.multi(span, allow_missing=True, as_spans=False):
                if not whole and start:
                    continue  # found again from the token it starts at
                rule = int(self.ruler.vocab.strings[m_id])
                token = doc[first + start : first + end][self.ruler.indices[rule]]
                found.setdefault(token.i, []).append(rule)
        return found


class MemoizedLemmatizer:
    """Sets the lemmas the wrapped rule Lemmatizer would, remembering each one it computes."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self.lemmatizer.overwrite:
                continue
            value = self.memo.get((orth, pos, morph))
            if value is None:
                value = self._learn(doc, i, (orth, pos, morph))
            columns[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], columns[:, 3])
        return doc

    def _learn(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        if len(self.memo) >= MAX_MEMO_ENTRIES:
            self.memo.clear()
        value: int = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        self.memo[key] = value
        return value


def _patterns_by_rule(ruler: AttributeRuler) -> Iterable[tuple[str, list[list[dict[str, Any]]]]]:
    """Each rule's Matcher key and patterns, as the ruler registered them."""
    for rule in range(len(ruler.attrs)):
        key = str(rule)
        yield key, ruler.matcher.get(key)[1]


@Language.factory(ATTRIBUTE_RULER, assigns=["token.pos", "token.tag", "token.morph", "token.lemma"])
def make_attribute_ruler(nlp: Language, name: str, source: str) -> MemoizedAttributeRuler:
    ruler = nlp.get_pipe(source)
    if not isinstance(ruler, AttributeRuler):
        raise TypeError(f"{source!r} is not an AttributeRuler")
    return MemoizedAttributeRuler(ruler)


@Language.factory(LEMMATIZER, assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str, source: str) -> MemoizedLemmatizer:
    lemmatizer = nlp.get_pipe(source)
    if not isinstance(lemmatizer, Lemmatizer):
        raise TypeError(f"{source!r} is not a Lemmatizer")
    return MemoizedLemmatizer(lemmatizer)


def memoize_rule_components(nlp: Language, names: Mapping[str, str] | None = None) -> None:
    """Put the memoized components in place of the model's attribute ruler and lemmatizer.

    The spaCy components stay in the pipeline, disabled, for the memoized ones to consult.
    A model without them, or with a lemmatizer that is not rule-based, is left alone.
    """
    names = names or {"attribute_ruler": ATTRIBUTE_RULER, "lemmatizer": LEMMATIZER}
    for source, factory in names.items():
        if source not in nlp.pipe_names:
            continue
        component = nlp.get_pipe(source)
        if isinstance(component, Lemmatizer) and component.mode != "rule":
            continue
        nlp.add_pipe(factory, after=source, config={"source": source})
        nlp.disable_pipe(source)


__all__ = [
    "ATTRIBUTE_RULER",
    "LEMMATIZER",
    "MemoizedAttributeRuler",
    "MemoizedLemmatizer",
    "memoize_rule_components",
]
