"""Benchmark `eventdesk.dates` and the `dates` extractor: phrase table, seed, time per VOA article.

    .venv/bin/python benchmarks/dates.py [--limit N]

Scores:
- phrase table (tests/data/date_phrases.jsonl, own phrases): a row is right when `resolve` gives
  exactly its start, end and precision (or None for rows that must not resolve);
- seed (../shared/corpus/seed): the `over the past 24 hours` window is 2016-12-12T15:20 ..
  2016-12-13T15:20 and no mention lies in the dateline;
- VOA (../shared/corpus/voa): DATE/TIME mentions per article, the share resolved to a bounded
  interval (both ends), the share resolved at all (an interval, open ends allowed), and the time
  the extractor adds per article (after parsing, which is timed separately).

Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eventdesk.dates import resolve
from eventdesk.extract.dates import dates
from eventdesk.model import Document
from eventdesk.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TABLE = REPO / "tests" / "data" / "date_phrases.jsonl"
HOLDOUT = REPO / "tests" / "data" / "date_phrases_holdout.jsonl"
SEED = SHARED / "corpus" / "seed" / "aleppo-2016-12-13.txt"
VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"


def score_table(path: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    right = 0
    wrong: list[str] = []
    started = time.perf_counter()
    for row in rows:
        interval = resolve(
            row["text"],
            reference=row["reference"],
            reference_precision=row.get("reference_precision"),
            day_first=row.get("day_first", False),
            future=row.get("future", False),
        )
        if row.get("resolves", True):
            ok = interval is not None and (interval.iso(), interval.precision) == (
                (row["start"], row["end"]),
                row["precision"],
            )
        else:
            ok = interval is None
        right += ok
        if not ok:
            wrong.append(row["text"])
    seconds = time.perf_counter() - started
    return {
        "rows": len(rows),
        "accuracy": round(right / len(rows), 4),
        "us_per_phrase": round(1e6 * seconds / len(rows), 1),
        "wrong": wrong,
    }


def score_seed(nlp: Any) -> dict[str, Any] | None:
    if not SEED.is_file():
        return None
    from eventdesk.ingest import read_path

    (document,) = [d for d in read_path(SEED) if isinstance(d, Document)]
    mentions = list(dates(nlp(document.text), document, {}))
    window = [(m.start_time, m.end_time) for m in mentions if "24 hours" in m.text]
    dateline = document.dateline_span
    in_dateline = sum(
        1 for m in mentions if dateline and m.start < dateline.end and dateline.start < m.end
    )
    return {
        "mentions": len(mentions),
        "past_24_hours_right": window == [("2016-12-12T15:20", "2016-12-13T15:20")],
        "mentions_in_dateline": in_dateline,
    }


def score_voa(nlp: Any, limit: int | None) -> dict[str, Any] | None:
    if not VOA.is_file():
        return None
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()]
    stories = stories[:limit] if limit else stories
    documents = [
        Document(
            text=s["text"],
            source="benchmark",
            format="jsonl",
            published=s["published"].replace(" ", "T").rstrip("Z"),
            published_precision="second",
        )
        for s in stories
    ]
    started = time.perf_counter()
    docs = list(nlp.pipe(d.text for d in documents))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    mentions = [m for doc, d in zip(docs, documents, strict=True) for m in dates(doc, d, {})]
    seconds = time.perf_counter() - started
    bounded = sum(1 for m in mentions if m.start_time and m.end_time)
    resolved = sum(1 for m in mentions if m.precision is not None)
    unresolved = Counter(m.text.lower() for m in mentions if m.precision is None)
    return {
        "articles": len(documents),
        "mentions": len(mentions),
        "mentions_per_article": round(len(mentions) / len(documents), 2),
        "bounded_share": round(bounded / len(mentions), 4),
        "resolved_share": round(resolved / len(mentions), 4),
        "ms_per_article": round(1000 * seconds / len(documents), 2),
        "parse_ms_per_article": round(1000 * parse_seconds / len(documents), 1),
        "top_unresolved": unresolved.most_common(12),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="VOA stories to use (all)")
    args = parser.parse_args()
    table = score_table(TABLE)
    holdout = score_table(HOLDOUT)
    nlp = load_pipeline()
    seed = score_seed(nlp)
    voa = score_voa(nlp, args.limit)
    print(f"{'score':38} {'value':>10}")
    print(f"{'table rows':38} {table['rows']:>10}")
    print(f"{'table accuracy':38} {table['accuracy']:>10.4f}")
    print(f"{'resolve microseconds per phrase':38} {table['us_per_phrase']:>10}")
    for text in table["wrong"]:
        print(f"  wrong: {text}")
    print(f"{'holdout rows':38} {holdout['rows']:>10}")
    print(f"{'holdout accuracy':38} {holdout['accuracy']:>10.4f}")
    for text in holdout["wrong"]:
        print(f"  wrong: {text}")
    if seed is None:
        print("seed: ../shared absent, skipped")
    else:
        print(f"{'seed past-24-hours window right':38} {seed['past_24_hours_right']!s:>10}")
        print(
            f"{'seed mentions (in dateline)':38} {seed['mentions']:>6} ({seed['mentions_in_dateline']})"
        )
    if voa is None:
        print("VOA: ../shared absent, skipped")
    else:
        print(f"{'VOA articles':38} {voa['articles']:>10}")
        print(f"{'VOA date mentions per article':38} {voa['mentions_per_article']:>10}")
        print(f"{'VOA share bounded (both ends)':38} {voa['bounded_share']:>10.4f}")
        print(f"{'VOA share resolved (any interval)':38} {voa['resolved_share']:>10.4f}")
        print(f"{'dates ms per article':38} {voa['ms_per_article']:>10}")
        print(f"{'(spaCy parse ms per article)':38} {voa['parse_ms_per_article']:>10}")
        print("  most frequent unresolved: " + ", ".join(t for t, _ in voa["top_unresolved"]))
    print(json.dumps({"table": table, "holdout": holdout, "seed": seed, "voa": voa}))


if __name__ == "__main__":
    main()
