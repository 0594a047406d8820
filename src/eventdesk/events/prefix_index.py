"""Where many word patterns match in a text, found through their literal prefixes.

The cue lexicon, its context groups and the country names are each dozens of case-insensitive
patterns that begin at a word start. A backtracking alternation of them enters every branch at
every word start, which made scanning the largest cost of the events step. `PrefixIndex` reads,
from each pattern's parse, the few lower-case strings one of which every match begins with
("kill", "dead", "shot" ...), walks the word starts of a text once, looks up the first
characters of each word, and tries a pattern only where one of its prefixes is there.

The result is exactly `[list(rx.finditer(text)) for rx in patterns]`: the candidate positions
of a pattern hold every position where it can match (the prefixes are necessary, never
sufficient), and `matches_at` tries them in order, resuming after each match as `finditer`
does. A pattern whose prefixes are not plain from its parse is scanned with `finditer`.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # CPython's own parser
import re._parser as sre_parser  # type: ignore[import-not-found]
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

# Characters of a word start that index a pattern: four tell most cue words apart ("kill"
# from "kind", "dead" from "deal") while the prefixes of a pattern stay few.
PREFIX_LENGTH = 4
# A class or an alternation that spells more prefixes than this is cut where it starts.
_MAX_PREFIXES = 256
# The only characters outside ASCII that `re` matches to an ASCII character under IGNORECASE
# (dotted and dotless i, long s, Kelvin sign): folded before lower-casing a word start, so a
# case-insensitive match always shows its pattern's lower-case prefix. A test checks this
# against every code point.
FOLDS_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDING = re.compile("[" + "".join(map(chr, FOLDS_TO_ASCII)) + "]")
_WORD_CHAR = re.compile(r"\w")
# Sources that begin a match only where no word character precedes it.
_WORD_START_FRAMES = ("\\b", "(?<!\\w)", "(?<![\\w-])")


def matches_at(
    rx: re.Pattern[str], text: str, candidates: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What `rx.finditer(text)` yields, given (in order) every position where `rx` can match:
    a candidate inside the previous match is skipped, as `finditer` resumes after a match.
    (No indexed pattern matches the empty string, so the empty-match rule never applies.)"""
    resume = 0
    for position in candidates:
        if position < resume:
            continue
        match = rx.match(text, position)
        if match is not None:
            resume = match.end()
            yield match


def literal_prefixes(pattern: re.Pattern[str], *, length: int = PREFIX_LENGTH) -> frozenset[str]:
    """Lower-case strings of at most `length` characters one of which every match of `pattern`
    begins with (case-folded); the empty string among them when a match may begin with anything
    the parse does not spell out (a class like `\\w`, a backreference, an empty match)."""
    try:
        items = sre_parser.parse(pattern.pattern, pattern.flags)
        open_, closed = _walk(items, {""}, length)
    except (AttributeError, TypeError, ValueError):  # the parser's layout is CPython's own
        return frozenset({""})
    return frozenset(closed | open_)


def _walk(
    items: Iterable[tuple[Any, Any]], open_: set[str], length: int
) -> tuple[set[str], set[str]]:
    """(prefixes still growing, prefixes ended) after matching `items` from each of `open_`.

    A prefix ends at `length` characters, at an element that is not a plain character (it is
    then a shorter necessary prefix), and after one turn of a repeat that may turn again."""
    closed: set[str] = set()
    for op, arg in items:
        if not open_:
            break
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: consumes nothing
            continue
        if op is sre.SUBPATTERN:
            open_, ended = _walk(arg[3], open_, length)
            closed |= ended
            continue
        if op is sre.BRANCH:
            grown: set[str] = set()
            for branch in arg[1]:
                branch_open, ended = _walk(branch, open_, length)
                grown |= branch_open
                closed |= ended
            open_ = grown
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = arg
            once, ended = _walk(body, open_, length)
            closed |= ended
            if high != 1:  # another turn or the rest may follow: stop after the first
                closed |= once
                once = set()
            open_ = open_ | once if low == 0 else once
        else:
            chars = _chars_of(op, arg)
            if chars is None:
                closed |= open_
                return set(), closed
            if len(open_) * len(chars) > _MAX_PREFIXES:  # too many to spell: end them here
                closed |= open_
                return set(), closed
            open_ = {prefix + char for prefix in open_ for char in chars}
        done = {prefix for prefix in open_ if len(prefix) >= length}
        closed |= done
        open_ -= done
    return open_, closed


def _chars_of(op: Any, arg: Any) -> set[str] | None:
    """The lower-case ASCII characters one element may match, or None for anything else."""
    if op is sre.LITERAL:
        return _ascii_lower([arg])
    if op is not sre.IN:
        return None
    codes: list[int] = []
    for item, value in arg:
        if item is sre.LITERAL:
            codes.append(value)
        elif item is sre.RANGE and value[1] - value[0] < 64:
            codes.extend(range(value[0], value[1] + 1))
        else:  # a negated class, a category (\w, \d), a wide range
            return None
    return _ascii_lower(codes)


def _ascii_lower(codes: Iterable[int]) -> set[str] | None:
    chars = {chr(code) for code in codes}
    if not all(char.isascii() for char in chars):
        return None
    return {char.lower() for char in chars}


class PrefixIndex:
    """Patterns indexed by their literal prefixes: `matches(text)` holds what
    `rx.finditer(text)` finds for each pattern `rx` that matches, found in one pass."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], *, length: int = PREFIX_LENGTH) -> None:
        self.patterns = tuple(patterns)
        self._by_prefix: dict[str, list[int]] = {}
        self._scanned: list[int] = []  # patterns tried everywhere with `finditer`
        for index, rx in enumerate(self.patterns):
            prefixes = literal_prefixes(rx, length=length) if _word_framed(rx) else frozenset()
            if not prefixes or not all(_WORD_CHAR.match(prefix[:1]) for prefix in prefixes):
                # A match may begin without a word character, or anywhere: no word start
                # tells where.
                self._scanned.append(index)
                continue
            for prefix in prefixes:
                self._by_prefix.setdefault(prefix, []).append(index)
        self._lengths = tuple(sorted({len(prefix) for prefix in self._by_prefix}))
        self._longest = max(self._lengths, default=0)
        # The word starts of the case-folded text where some prefix begins, found by the regex
        # engine: most words begin none, and a Python step per word would cost more than the
        # lookups it saves. (Folding keeps every character a word character or not.)
        self._starts = re.compile(rf"(?<!\w)(?={_trie(self._by_prefix)})")

    def candidates(self, text: str) -> dict[int, list[int]] | None:
        """For each indexed pattern that may match in `text` (by index, in order of first
        candidate), the word starts (in order) where one of its prefixes begins; None when
        case folding changes the text's length (then every pattern must be scanned)."""
        folds = not text.isascii() and _FOLDING.search(text) is not None
        folded = text.translate(FOLDS_TO_ASCII).lower() if folds else text.lower()
        if len(folded) != len(text):
            return None
        found: dict[int, list[int]] = {}
        lookup, lengths, longest = self._by_prefix, self._lengths, self._longest
        for start in self._starts.finditer(folded):
            position = start.start()
            head = folded[position : position + longest]
            for size in lengths:
                for index in lookup.get(head[:size], ()):
                    positions = found.get(index)
                    if positions is None:
                        found[index] = [position]
                    elif positions[-1] != position:
                        positions.append(position)
        return found

    def matches(self, text: str) -> dict[int, list[re.Match[str]]]:
        """The patterns (by index, in order) that match in `text`, each with its matches as
        `finditer` finds them; a pattern without a match is left out."""
        found: dict[int, list[re.Match[str]]] = {}
        candidates = self.candidates(text)
        for index, positions in sorted((candidates or {}).items()):
            hits = list(matches_at(self.patterns[index], text, positions))
            if hits:
                found[index] = hits
        scanned = self._scanned if candidates is not None else range(len(self.patterns))
        if scanned:
            for index in scanned:
                hits = list(self.patterns[index].finditer(text))
                if hits:
                    found[index] = hits
            found = dict(sorted(found.items()))
        return found

    @property
    def scanned(self) -> Sequence[re.Pattern[str]]:
        """The patterns that cannot be indexed by prefix and are scanned whole."""
        return tuple(self.patterns[index] for index in self._scanned)


def _trie(prefixes: Iterable[str]) -> str:
    """A pattern that matches where one of `prefixes` begins: a trie, so that at each word start
    the regex engine enters only the branch of the letter there (a branch that begins with a
    plain character is skipped by a single comparison)."""
    tree: dict[str, Any] = {}
    for prefix in prefixes:
        node = tree
        for char in prefix:
            node = node.setdefault(char, {})
        node[""] = {}  # a prefix ends here: what follows does not matter

    def source(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + source(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return source(tree) if tree else "(?!)"


def _word_framed(rx: re.Pattern[str]) -> bool:
    """True when a match of `rx` can begin only where no word character precedes it (with a
    first character that is a word character, that is a word start)."""
    return rx.pattern.startswith(_WORD_START_FRAMES) and not rx.flags & re.ASCII
