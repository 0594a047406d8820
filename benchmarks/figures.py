"""Benchmark the `figures` extractor: the phrase table, the seed gold, and time per VOA article.

    .venv/bin/python benchmarks/figures.py [--limit N]

Scores:
- phrase table (tests/data/figure_phrases.jsonl, own fictional sentences): a row is right when
  the model-free reader gets value, bounds, inclusivity, approximation, qualifier and measure unit
  (`reader`), and when the extractor's first figure also gets the unit (people included) and the
  counted thing (`extractor`); negative rows are right when nothing is extracted;
- seed gold (../shared/gold/seed): per gold figure, found (a figure overlaps its span), bounds,
  unit, counted (shares a content word with the gold's description), asserter; and the figures
  that overlap no gold figure (`extra`). Asserters use the quotes extractor when it exists;
- time: VOA stories (../shared/corpus/voa) parsed with nlp.pipe, then the figures extractor timed
  alone (quotes are run first but not counted), in ms per article.

Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import time
from pathlib import Path
from typing import Any

from eventdesk.extract.figures import figures
from eventdesk.extract.quantities import read_figure
from eventdesk.model import Document, Figure
from eventdesk.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TABLE = REPO / "tests" / "data" / "figure_phrases.jsonl"
HOLDOUT = REPO / "tests" / "data" / "figure_phrases_holdout.jsonl"
SEED = SHARED / "corpus" / "seed" / "aleppo-2016-12-13.txt"
SEED_GOLD = SHARED / "gold" / "seed" / "seed_gold.json"
VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"


def _quotes_extractor() -> Any:
    try:
        return importlib.import_module("eventdesk.extract.quotes").quotes
    except ImportError:
        return None


def _bounds_right(got: Any, row: dict[str, Any]) -> bool:
    low, high, low_inclusive, high_inclusive = row["bounds"]
    return (
        abs(got.value - row["value"]) < 1e-9
        and (got.low, got.high, got.low_inclusive, got.high_inclusive)
        == (low, high, low_inclusive, high_inclusive)
        and got.approximate is row["approximate"]
        and got.qualifier == row["qualifier"]
    )


def score_table(nlp: Any, path: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    positive = [r for r in rows if r.get("figure", True) is not None]
    negative = [r for r in rows if r.get("figure", True) is None]
    reader_right = extractor_right = negative_right = 0
    wrong: list[str] = []
    for row in positive:
        reading = read_figure(row["text"])
        unit_ok = reading is not None and (row["unit"] == "people" or reading.unit == row["unit"])
        reader_right += bool(reading is not None and _bounds_right(reading, row) and unit_ok)
        found = list(figures(nlp(row["text"]), _document(row["text"]), {"quotes": ()}))
        ok = bool(found) and _bounds_right(found[0], row) and found[0].unit == row["unit"]
        if ok and "counted" in row:
            ok = found[0].counted is not None and row["counted"] in found[0].counted
        extractor_right += ok
        if not ok:
            wrong.append(row["text"])
    for row in negative:
        clean = not list(figures(nlp(row["text"]), _document(row["text"]), {"quotes": ()}))
        negative_right += clean
        if not clean:
            wrong.append(row["text"])
    return {
        "rows": len(positive),
        "reader_accuracy": round(reader_right / len(positive), 4),
        "extractor_accuracy": round(extractor_right / len(positive), 4),
        "negatives": len(negative),
        "negative_accuracy": round(negative_right / len(negative), 4),
        "wrong": wrong,
    }


def _document(text: str, **fields: Any) -> Document:
    return Document(text=text, source="benchmark", format="text", **fields)


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def score_seed(nlp: Any) -> dict[str, Any] | None:
    if not SEED_GOLD.is_file():
        return None
    from eventdesk.ingest import read_path

    (document,) = [d for d in read_path(SEED) if isinstance(d, Document)]
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    offset = SEED.read_text(encoding="utf-8").find(document.text)
    doc = nlp(document.text)
    extract_quotes = _quotes_extractor()
    quotes = tuple(extract_quotes(doc, document, {})) if extract_quotes else ()
    found = list(figures(doc, document, {"quotes": quotes}))
    tally = dict.fromkeys(("found", "bounds", "unit", "counted", "asserter"), 0)
    matched: set[int] = set()
    for g in gold["figures"]:
        start, end = g["start"] - offset, g["end"] - offset
        hits = [f for f in found if f.start < end and start < f.end]
        if not hits:
            continue
        f: Figure = hits[0]
        matched.update(id(h) for h in hits)
        tally["found"] += 1
        tally["bounds"] += (f.value, f.low, f.high, f.low_inclusive, f.high_inclusive) == (
            g["value"], g["low"], g["high"], g["low_inclusive"], g["high_inclusive"],
        )  # fmt: skip
        tally["unit"] += f.unit == g["unit"]
        tally["counted"] += bool(f.counted and _words(f.counted) & _words(g["counted"]))
        tally["asserter"] += f.asserted_by == g["asserted_by"]
    return {
        "gold": len(gold["figures"]),
        **tally,
        "extra": sum(1 for f in found if id(f) not in matched),
        "quotes_extractor": extract_quotes is not None,
    }


def time_voa(nlp: Any, limit: int | None) -> dict[str, Any] | None:
    if not VOA.is_file():
        return None
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()]
    stories = stories[:limit] if limit else stories
    documents = [
        _document(
            s["text"],
            published=s["published"].replace(" ", "T").rstrip("Z"),
            published_precision="second",
            site="Voice of America",
        )
        for s in stories
    ]
    started = time.perf_counter()
    docs = list(nlp.pipe(d.text for d in documents))
    parse_seconds = time.perf_counter() - started
    extract_quotes = _quotes_extractor()
    quotes = [
        tuple(extract_quotes(doc, d, {})) if extract_quotes else ()
        for doc, d in zip(docs, documents, strict=True)
    ]
    started = time.perf_counter()
    count = 0
    for doc, document, quoted in zip(docs, documents, quotes, strict=True):
        count += len(list(figures(doc, document, {"quotes": quoted})))
    seconds = time.perf_counter() - started
    return {
        "articles": len(documents),
        "figures": count,
        "figures_per_article": round(count / len(documents), 2),
        "ms_per_article": round(1000 * seconds / len(documents), 2),
        "parse_ms_per_article": round(1000 * parse_seconds / len(documents), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="VOA stories to time (all)")
    args = parser.parse_args()
    nlp = load_pipeline()
    table = score_table(nlp, TABLE)
    holdout = score_table(nlp, HOLDOUT)
    seed = score_seed(nlp)
    voa = time_voa(nlp, args.limit)
    print(f"{'score':38} {'value':>10}")
    print(f"{'table rows (positive / negative)':38} {table['rows']:>5} / {table['negatives']}")
    for key in ("reader_accuracy", "extractor_accuracy", "negative_accuracy"):
        print(f"{'table ' + key:38} {table[key]:>10.4f}")
    for text in table["wrong"]:
        print(f"  wrong: {text}")
    print(
        f"{'holdout rows (positive / negative)':38} {holdout['rows']:>5} / {holdout['negatives']}"
    )
    for key in ("reader_accuracy", "extractor_accuracy", "negative_accuracy"):
        print(f"{'holdout ' + key:38} {holdout[key]:>10.4f}")
    for text in holdout["wrong"]:
        print(f"  wrong: {text}")
    if seed is None:
        print("seed gold: ../shared absent, skipped")
    else:
        for key in ("found", "bounds", "unit", "counted", "asserter"):
            print(f"{'seed ' + key:38} {seed[key]:>7} / {seed['gold']}")
        print(f"{'seed extra figures':38} {seed['extra']:>10}")
    if voa is None:
        print("VOA timing: ../shared absent, skipped")
    else:
        print(f"{'VOA articles':38} {voa['articles']:>10}")
        print(f"{'VOA figures per article':38} {voa['figures_per_article']:>10}")
        print(f"{'figures ms per article':38} {voa['ms_per_article']:>10}")
        print(f"{'(spaCy parse ms per article)':38} {voa['parse_ms_per_article']:>10}")
    print(json.dumps({"table": table, "holdout": holdout, "seed": seed, "voa": voa}))


if __name__ == "__main__":
    main()
