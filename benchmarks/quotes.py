"""Benchmark the `quotes` extractor on PolNeAR (../shared/gold/quotes/polnear/, see its README).

    .venv/bin/python benchmarks/quotes.py --split dev [--limit N]

Prints a table, then one JSON line with every figure. Scoring, on the primary annotation of each
article:
- content tokens are the word characters runs (`\\w+`) inside a span; quote marks do not count;
- a prediction matches a gold attribution when their token overlap, |P ∩ G| / max(|P|, |G|), is at
  least the threshold (0.3 and 0.8); matching is one-to-one, greedy by overlap;
- PolNeAR annotates one attribution per cue, with its content running over every quotation the cue
  governs (`“A,” he said. “B.”` is one attribution) and over the whole reported clause of a mixed
  quote; eventdesk emits one record per quotation (the seed's convention). So before scoring,
  records sharing a cue are merged into one unit, an uncued quotation continuing the previous unit
  joins it, and a mixed or indirect record is scored by its `frame` (the reported clause);
- precision and recall are split by kind: a prediction counts under its own kind, a gold
  attribution under its gold kind (PolNeAR's kind is itself a heuristic from quote marks);
- speaker right on found quotes: among matched pairs whose gold has a speaker, the predicted
  mention overlaps the gold speaker span, or a word of the predicted canonical name occurs in it,
  or the gold is a relative pronoun right after the predicted mention (its antecedent);
- end to end: a match with the right speaker, precision over predictions of the kind, recall
  over gold attributions of the kind; recall over all attributions: every gold kind.
The timing line compares the spaCy parse with the extractor over the same documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "gold" / "quotes" / "polnear"
THRESHOLDS = (0.3, 0.8)
KINDS = ("direct", "mixed", "indirect")
GROUPS = {"direct+mixed": ("direct", "mixed"), "indirect": ("indirect",), "all": KINDS}
GROUPS |= {kind: (kind,) for kind in ("direct", "mixed")}
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Unit:
    """One scorable attribution: its content tokens, kind and speaker evidence."""

    kind: str
    tokens: frozenset[int]
    speaker_span: tuple[int, int] | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    cue_start: int | None = None
    ends_at: int = 0


@dataclass(slots=True)
class Tally:
    """Counts behind one table: predictions, gold, matches and right speakers per kind group."""

    predicted: dict[str, int] = field(default_factory=dict)
    gold: dict[str, int] = field(default_factory=dict)
    pred_matched: dict[str, int] = field(default_factory=dict)
    gold_matched: dict[str, int] = field(default_factory=dict)
    speaker_checked: dict[str, int] = field(default_factory=dict)
    speaker_right: dict[str, int] = field(default_factory=dict)
    # The same right speakers counted under the gold kind, for end-to-end recall.
    speaker_right_gold: dict[str, int] = field(default_factory=dict)

    def add(self, table: dict[str, int], kind: str) -> None:
        for group, kinds in GROUPS.items():
            if kind in kinds:
                table[group] = table.get(group, 0) + 1


def word_starts(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the words inside the spans: a token set that ignores punctuation."""
    found: set[int] = set()
    for start, end in spans:
        found.update(start + m.start() for m in _WORD.finditer(text[start:end]))
    return frozenset(found)


def load(split: str, limit: int | None) -> list[dict[str, Any]]:
    """Primary PolNeAR records of one split (first `limit` articles when given)."""
    records = []
    with (POLNEAR / f"{split}.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["primary"]:
                records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def gold_units(record: dict[str, Any]) -> list[Unit]:
    text = record["text"]
    units = []
    for quote in record["quotes"]:
        span = quote["speaker_span"]
        units.append(
            Unit(
                kind=quote["kind"],
                tokens=word_starts(text, [tuple(f) for f in quote["content_fragments"]]),
                speaker_span=(span[0], span[1]) if span else None,
                speaker_text=quote["speaker"],
            )
        )
    return [u for u in units if u.tokens]


def predicted_units(text: str, quotes: Iterable[Any]) -> list[Unit]:
    """Merge eventdesk's per-quotation records into PolNeAR's per-cue attributions."""
    units: list[Unit] = []
    for quote in sorted(quotes, key=lambda q: q.content.start):
        scored = quote.frame or quote.content
        tokens = word_starts(text, [(scored.start, scored.end)])
        mention = quote.speaker.mention
        cue = quote.cue.start if quote.cue else None
        previous = units[-1] if units else None
        joins = previous is not None and previous.kind != "indirect" and quote.kind != "indirect"
        joins = joins and (
            (cue is not None and cue == previous.cue_start)  # type: ignore[union-attr]
            or (cue is None and quote.speaker.name == previous.speaker_name)  # type: ignore[union-attr]
        )
        if joins and previous is not None:
            previous.tokens = previous.tokens | tokens
            previous.ends_at = scored.end
            continue
        units.append(
            Unit(
                kind=quote.kind,
                tokens=tokens,
                speaker_span=(mention.start, mention.end) if mention else None,
                speaker_name=quote.speaker.name,
                cue_start=cue,
                ends_at=scored.end,
            )
        )
    return units


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def speaker_right(pred: Unit, gold: Unit) -> bool:
    if gold.speaker_span is None or gold.speaker_text is None:
        return False
    if pred.speaker_span is not None:
        (ps, pe), (gs, ge) = pred.speaker_span, gold.speaker_span
        if ps < ge and gs < pe:
            return True
        # PolNeAR marks a relative pronoun (`Harvey, who said`); eventdesk names its antecedent.
        if gold.speaker_text.lower() in {"who", "which", "that"} and 0 <= gs - pe <= 3:
            return True
    if pred.speaker_name:
        gold_words = {w.lower() for w in _WORD.findall(gold.speaker_text)}
        name_words = {w.lower() for w in _WORD.findall(pred.speaker_name) if len(w) > 2}
        return bool(name_words & gold_words)
    return False


def match(preds: list[Unit], golds: list[Unit], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedy by overlap, each at least `threshold`."""
    scored = []
    for p, pred in enumerate(preds):
        for g, gold in enumerate(golds):
            value = overlap(pred.tokens, gold.tokens)
            if value >= threshold:
                scored.append((value, p, g))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, p, g in sorted(scored, reverse=True):
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            pairs.append((p, g))
    return pairs


def score(documents: Iterable[tuple[list[Unit], list[Unit]]], threshold: float) -> Tally:
    tally = Tally()
    for preds, golds in documents:
        for pred in preds:
            tally.add(tally.predicted, pred.kind)
        for gold in golds:
            tally.add(tally.gold, gold.kind)
        for p, g in match(preds, golds, threshold):
            tally.add(tally.pred_matched, preds[p].kind)
            tally.add(tally.gold_matched, golds[g].kind)
            if golds[g].speaker_span is not None:
                tally.add(tally.speaker_checked, preds[p].kind)
                if speaker_right(preds[p], golds[g]):
                    tally.add(tally.speaker_right, preds[p].kind)
                    tally.add(tally.speaker_right_gold, golds[g].kind)
    return tally


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def figures(tally: Tally, threshold: float) -> Iterator[tuple[str, float]]:
    tag = f"{threshold:.1f}"
    for group in GROUPS:
        p = _ratio(tally.pred_matched.get(group, 0), tally.predicted.get(group, 0))
        r = _ratio(tally.gold_matched.get(group, 0), tally.gold.get(group, 0))
        yield f"{group}_p@{tag}", p
        yield f"{group}_r@{tag}", r
        yield f"{group}_f1@{tag}", _f1(p, r)
        right = tally.speaker_right.get(group, 0)
        yield f"{group}_speaker@{tag}", _ratio(right, tally.speaker_checked.get(group, 0))
        e2e_p = _ratio(right, tally.predicted.get(group, 0))
        e2e_r = _ratio(tally.speaker_right_gold.get(group, 0), tally.gold.get(group, 0))
        yield f"{group}_e2e_f1@{tag}", _f1(e2e_p, e2e_r)


def run(split: str, limit: int | None) -> dict[str, Any]:
    """Parse, extract and score one split; the figures as a flat dict."""
    from eventdesk.extract.quotes import find_quotes
    from eventdesk.nlp import load_pipeline

    records = load(split, limit)
    nlp = load_pipeline()
    parse_s = extract_s = 0.0
    documents = []
    for record in records:
        began = time.perf_counter()
        doc = nlp(record["text"])
        parsed = time.perf_counter()
        found = find_quotes(doc)
        extract_s += time.perf_counter() - parsed
        parse_s += parsed - began
        documents.append((predicted_units(record["text"], found), gold_units(record)))
    result: dict[str, Any] = {"split": split, "documents": len(records)}
    for threshold in THRESHOLDS:
        result |= {k: round(v, 4) for k, v in figures(score(documents, threshold), threshold)}
    result["gold_attributions"] = sum(len(g) for _, g in documents)
    result["predicted_units"] = sum(len(p) for p, _ in documents)
    result["parse_s"] = round(parse_s, 2)
    result["quotes_s"] = round(extract_s, 2)
    result["quotes_share_of_parse"] = round(_ratio(int(extract_s * 1e6), int(parse_s * 1e6)), 4)
    return result


def table(result: dict[str, Any]) -> str:
    rows = [f"PolNeAR {result['split']}: {result['documents']} articles"]
    head = f"{'kind':<13}" + "".join(
        f"{name + '@' + str(t):>11}" for t in THRESHOLDS for name in ("P", "R", "F1", "spk", "e2e")
    )
    rows.append(head)
    for group in GROUPS:
        cells = []
        for t in THRESHOLDS:
            tag = f"{t:.1f}"
            for name in ("p", "r", "f1", "speaker", "e2e_f1"):
                cells.append(f"{result[f'{group}_{name}@{tag}']:>11.3f}")
        rows.append(f"{group:<13}" + "".join(cells))
    rows.append(
        f"parse {result['parse_s']} s, quotes {result['quotes_s']} s "
        f"({100 * result['quotes_share_of_parse']:.1f}% of the parse)"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"PolNeAR not found at {POLNEAR}", file=sys.stderr)
        return 2
    result = run(args.split, args.limit)
    print(table(result))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
