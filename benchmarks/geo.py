"""Geoparsing benchmark on ../shared/gold/geo (LGL, GeoWebNews, TR-News, GeoVirus).

Two scores per corpus:
- geocoding on the gold toponym spans: accuracy within 161 km (100 miles, the standard), over gold
  toponyms with coordinates; an unresolved name counts as wrong;
- end to end with eventdesk's NER and fixes: toponym precision/recall (a predicted span matches a
  gold span it overlaps, one to one), and accuracy within 161 km over matched predictions whose gold
  has coordinates.
GeoWebNews' JSONL keeps only its coordinate-bearing annotations (its other classes have no place),
so its precision counts as wrong every place name it left without coordinates: read it as a floor.

    python benchmarks/geo.py [--corpus lgl gwn] [--limit N] [--part all|tune|holdout] [--no-ner]

Prints a table, then one JSON line. `--part tune` is the first half of each corpus (where the
resolver's weights were set), `holdout` the second half.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "geo"
CORPORA = {
    "lgl": "lgl.jsonl",
    "gwn": "gwn.jsonl",
    "tr-news": "tr-news.jsonl",
    "geovirus": "geovirus.jsonl",
}
RADIUS_KM = 161.0


@dataclass
class Score:
    articles: int = 0
    gold_geo: int = 0
    gold_hits: int = 0
    gold_spans: int = 0
    predicted: int = 0
    matched: int = 0
    matched_geo: int = 0
    matched_hits: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        p, r = ratio(self.matched, self.predicted), ratio(self.matched, self.gold_spans)
        f1 = round(2 * p * r / (p + r), 4) if p and r else None
        return {
            **asdict(self),
            "acc161_gold_spans": ratio(self.gold_hits, self.gold_geo),
            "precision": p,
            "recall": r,
            "f1": f1,
            "acc161_matched": ratio(self.matched_hits, self.matched_geo),
        }


def read_corpus(name: str, *, part: str, limit: int | None) -> Iterator[dict[str, Any]]:
    lines = (GOLD / CORPORA[name]).read_text(encoding="utf-8").split("\n")
    half = len(lines) // 2
    chosen = {"all": lines, "tune": lines[:half], "holdout": lines[half:]}[part]
    for line in filter(None, chosen[:limit]):
        yield json.loads(line)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_corpus(name: str, *, part: str, limit: int | None, ner: bool) -> Score:
    from eventdesk.geo import load_gazetteer
    from eventdesk.geo.document import toponym_spans
    from eventdesk.geo.resolve import distance_km, resolve_mentions
    from eventdesk.model import Span

    gazetteer = load_gazetteer()
    nlp = None
    if ner:
        from eventdesk.nlp import load_pipeline

        nlp = load_pipeline()
    score = Score()
    started = time.perf_counter()
    for record in read_corpus(name, part=part, limit=limit):
        text, gold = record["text"], record["toponyms"]
        score.articles += 1

        def hit(span: Span, resolved: Any, g: dict[str, Any]) -> bool:
            found = resolved.get(span)
            return found is not None and (
                distance_km(found.place.latitude, found.place.longitude, g["lat"], g["lon"])
                < RADIUS_KM
            )

        gold_geo = [g for g in gold if g["lat"] is not None]
        spans = [Span(g["start"], g["end"], g["name"]) for g in gold_geo]
        resolved = resolve_mentions(text, spans, gazetteer=gazetteer)
        score.gold_geo += len(gold_geo)
        score.gold_hits += sum(hit(s, resolved, g) for s, g in zip(spans, gold_geo, strict=True))
        if nlp is None:
            continue
        predicted = toponym_spans(nlp(text), gazetteer=gazetteer)
        resolved = resolve_mentions(text, predicted, gazetteer=gazetteer)
        score.gold_spans += len(gold)
        score.predicted += len(predicted)
        unmatched = list(gold)
        for span in predicted:
            match = next((g for g in unmatched if _overlaps((span.start, span.end), (g["start"], g["end"]))), None)  # fmt: skip
            if match is None:
                continue
            unmatched.remove(match)
            score.matched += 1
            if match["lat"] is not None:
                score.matched_geo += 1
                score.matched_hits += hit(span, resolved, match)
    score.seconds = round(time.perf_counter() - started, 2)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus")
    parser.add_argument("--part", choices=("all", "tune", "holdout"), default="all")
    parser.add_argument("--no-ner", action="store_true", help="only geocode the gold spans")
    args = parser.parse_args(argv)
    if not GOLD.is_dir():
        print("../shared/gold/geo is not present; nothing to score", file=sys.stderr)
        return 0
    results = {
        name: score_corpus(name, part=args.part, limit=args.limit, ner=not args.no_ner).summary()
        for name in args.corpus
    }
    header = f"{'corpus':<10}{'articles':>9}{'gold geo':>9}{'acc@161':>9}{'P':>8}{'R':>8}{'F1':>8}{'acc@161 NER':>13}{'s':>8}"  # fmt: skip
    print(header)
    for name, r in results.items():
        cells = [r["acc161_gold_spans"], r["precision"], r["recall"], r["f1"], r["acc161_matched"]]
        shown = ["-" if c is None else f"{c:.3f}" for c in cells]
        print(
            f"{name:<10}{r['articles']:>9}{r['gold_geo']:>9}{shown[0]:>9}{shown[1]:>8}"
            f"{shown[2]:>8}{shown[3]:>8}{shown[4]:>13}{r['seconds']:>8}"
        )
    print(
        json.dumps({"benchmark": "geo", "part": args.part, "limit": args.limit, "corpora": results})
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
