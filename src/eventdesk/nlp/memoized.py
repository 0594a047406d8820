"""spaCy's attribute ruler and lemmatizer, with each distinct token's outcome computed once.

In the small English model these two rule components cost about a fifth of the whole parse
(measured on the VOA stories: 1.2 and 1.2 CPU s of 11.6 s), more than the tagger and the parser
together, because both walk every token in Python: the attribute ruler runs a Matcher of 179
patterns over every token, and the rule lemmatizer rebuilds the morphology dict of every token
(spaCy only caches the lemmas its suffix rules produce). Both outcomes depend on a handful of
the token's own attributes, so they can be remembered:

- a one-token attribute-ruler pattern sees only the token: its outcome is a function of the
  attributes the patterns read (`LOWER`, `TAG`, `DEP`, `IS_SPACE` in the model). The composite
  of every rule that matches a token is learnt once per distinct tuple of those values, by
  running the model's own Matcher on that one-token span; the few longer patterns (`gon na`,
  `let 's`, `there is`) still run as a Matcher over the whole doc. Rules apply in their order
  (spaCy sorts matches by rule), so a later rule's value wins, as in spaCy;
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
from spacy.tokens._retokenize import set_token_attrs

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
        read: set[str] = set()
        for key, patterns in _patterns_by_rule(ruler):
            for pattern in patterns:
                one_token = len(pattern) == 1 and "OP" not in pattern[0]
                if one_token and set(pattern[0]) <= _MEMO_ATTRIBUTES.keys():
                    read |= set(pattern[0])
                    self.single.add(key, [pattern])
                else:
                    self.multi.add(key, [pattern])
        self.key_attributes = [_MEMO_ATTRIBUTES[name] for name in sorted(read)]
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.composites: dict[tuple[int, ...], Attrs] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        extra = self._longer_matches(doc) if len(self.multi) else {}
        keys = doc.to_array(self.key_attributes).tolist() if self.key_attributes else None
        for i in range(len(doc)):
            key = tuple(keys[i]) if keys is not None else ()
            rules = self.memo.get(key)
            if rules is None:
                rules = self._learn(doc, i, key)
            if i in extra:
                attrs = self._compose(tuple(sorted((*rules, *extra[i]))))
            else:
                attrs = self.composites[rules]
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _learn(self, doc: Doc, i: int, key: tuple[int, ...]) -> tuple[int, ...]:
        if len(self.memo) >= MAX_MEMO_ENTRIES:
            self.memo.clear()
        matches = self.single(doc[i : i + 1], allow_missing=True, as_spans=False)
        rules = tuple(sorted(int(self.ruler.vocab.strings[m_id]) for m_id, _, _ in matches))
        self.memo[key] = rules
        self._compose(rules)
        return rules

    def _compose(self, rules: tuple[int, ...]) -> Attrs:
        attrs = self.composites.get(rules)
        if attrs is None:
            attrs = {}
            for rule in rules:  # in rule order: a later rule's value wins, as in spaCy
                attrs.update(self.ruler.attrs[rule])
            self.composites[rules] = attrs
        return attrs

    def _longer_matches(self, doc: Doc) -> dict[int, list[int]]:
        """Rules of the multi-token patterns, by the index of the token each one sets."""
        found: dict[int, list[int]] = {}
        for m_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            rule = int(self.ruler.vocab.strings[m_id])
            token = doc[start:end][self.ruler.indices[rule]]
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
