"""Benchmark event coding: CASE 2021 sub-event typing and PLOVER gold-standard records.

    .venv/bin/python benchmarks/events.py [--skip-plover] [--limit N]

Scores:
- CASE 2021 task 2 dev half (../shared/gold/events/case2021/dev.jsonl, 510 snippets, 30 labels:
  ACLED's 25 sub-event types and 5 CASE types outside ACLED): the model-free typer
  (`classify_text`) labels each snippet; accuracy and macro-F1 over all 30 labels (a snippet the
  typer leaves untyped counts as wrong), per-label F1, and the same over the 25 ACLED labels only.
  The typer's out-of-scope kinds answer the 5 CASE types (crime, disasters, diplomacy,
  attribution). No learning: the lexicon is written from the ACLED codebook.
- PLOVER gold-standard records (../shared/gold/events/plover_gsr, 322 sentences): the full
  extractor chain (entities, quotes, figures, dates, events) runs on each sentence; the PLOVER type
  is that of its first event (a threatened event reads THREATEN) or of its first PLOVER verbal cue
  (`events.plover`), whichever comes first, else the typer's out-of-scope kind (diplomacy reads
  SANCTION, attribution ACCUSE); legacy v0.5b1 names are mapped to current
  ones (FIGHT -> ASSAULT, DEMAND -> REQUEST, DISAPPROVE -> ACCUSE). Agreement over all records and
  over the records whose gold type an ACLED sub-event type maps to; fatality agreement on the records
  with a gold `dead` count (our `best` equal to it).

- VOA stories (../shared/corpus/voa, `--voa N`): time the events step adds per article (after
  parsing and the extractors it requires, which are timed apart), events per article, and the
  process's peak RSS with the gazetteer loaded.

Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventdesk.events.cues import ATTRIBUTION, DIPLOMACY
from eventdesk.events.plover import plover_of_sentence
from eventdesk.events.taxonomy import PLOVER_OF_SUB_EVENT, SUB_EVENT_TYPES, normalise_plover
from eventdesk.events.typing import classify_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CASE_DEV = SHARED / "gold" / "events" / "case2021" / "dev.jsonl"
PLOVER_GSR = SHARED / "gold" / "events" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"

# CASE 2021 label -> the typer's label (ACLED sub-event type or out-of-scope kind).
CASE_LABELS = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
    "ORG_CRIME": "crime",
    "NATURAL_DISASTER": "natural disaster",
    "MAN_MADE_DISASTER": "man-made disaster",
    "DIPLO": "diplomacy",
    "ATTRIB": "attribution",
}
UNTYPED = "(untyped)"
# PLOVER type of the typer's out-of-scope kinds that have one.
PLOVER_OF_KIND = {DIPLOMACY: "SANCTION", ATTRIBUTION: "ACCUSE"}


def f1_table(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """Accuracy, macro-F1 over `labels` and per-label precision/recall/F1."""
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "n": len(gold),
        "accuracy": right / len(gold) if gold else 0.0,
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per) if per else 0.0,
        "per_label": per,
    }


def score_case(path: Path = CASE_DEV, *, limit: int | None = None) -> dict[str, Any]:
    """CASE 2021 dev: scores over all 30 labels and over the 25 ACLED labels."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[:limit] if limit else rows
    started = time.perf_counter()
    predicted = [classify_text(r["text"]).best or UNTYPED for r in rows]
    seconds = time.perf_counter() - started
    gold = [CASE_LABELS[r["label"]] for r in rows]
    all_labels = sorted(set(CASE_LABELS.values()))
    acled = [(g, p) for g, p in zip(gold, predicted, strict=True) if g in SUB_EVENT_TYPES]
    result = f1_table(gold, predicted, all_labels)
    acled_result = f1_table([g for g, _ in acled], [p for _, p in acled], list(SUB_EVENT_TYPES))
    result["acled25"] = {k: acled_result[k] for k in ("n", "accuracy", "macro_f1")}
    result["ms_per_snippet"] = 1000 * seconds / max(1, len(rows))
    result["confusions"] = Counter(
        f"{g} -> {p}" for g, p in zip(gold, predicted, strict=True) if g != p
    ).most_common(10)
    return result


def plover_of_extraction(text: str, records: dict[str, Any]) -> str | None:
    """The PLOVER type eventdesk gives a sentence: its first event's or its first verbal cue,
    whichever comes first (`events.plover`), else the typer's out-of-scope kind."""
    found = plover_of_sentence(text, records.get("events", ()))
    return found or PLOVER_OF_KIND.get(classify_text(text).best or "")


def score_plover(path: Path = PLOVER_GSR, *, limit: int | None = None) -> dict[str, Any]:
    """PLOVER GSR: event type agreement and fatality agreement of the full extractor chain."""
    from eventdesk import extract
    from eventdesk.model import Document
    from eventdesk.nlp import load_pipeline

    nlp = load_pipeline()
    plan = extract.resolve(["entities", "quotes", "figures", "dates", "events"])
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]
    records = records[:limit] if limit else records
    # PLOVER types that an ACLED sub-event type (or a threatened event) maps to: the part of the
    # gold that event coding proper speaks to; the rest is verbal interaction (`events.plover`).
    reachable = set(PLOVER_OF_SUB_EVENT.values()) | set(PLOVER_OF_KIND.values()) | {"THREATEN"}
    agree = agree_reachable = n_reachable = 0
    dead_right = dead_total = 0
    by_type: Counter[str] = Counter()
    right_by_type: Counter[str] = Counter()
    started = time.perf_counter()
    for record in records:
        document = Document(text=record["text"], source=record["id"], format="text")
        found = extract.run(nlp(record["text"]), document, plan)
        gold = normalise_plover(record["event"])
        predicted = plover_of_extraction(record["text"], found)
        by_type[gold] += 1
        right = predicted == gold
        agree += right
        right_by_type[gold] += right
        if gold in reachable:
            n_reachable += 1
            agree_reachable += right
        if str(record.get("dead", "")).strip():
            dead_total += 1
            bests = [e.fatalities.best for e in found.get("events", ()) if e.fatalities]
            dead_right += bool(bests) and bests[0] == int(record["dead"])
    seconds = time.perf_counter() - started
    return {
        "n": len(records),
        "type_agreement": agree / max(1, len(records)),
        "n_reachable": n_reachable,
        "type_agreement_reachable": agree_reachable / max(1, n_reachable),
        "fatality_records": dead_total,
        "fatality_agreement": dead_right / max(1, dead_total),
        "by_type": {t: [right_by_type[t], n] for t, n in sorted(by_type.items())},
        "ms_per_sentence": 1000 * seconds / max(1, len(records)),
    }


VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"


def score_voa(limit: int) -> dict[str, Any]:
    """Time per article of the events step on VOA stories, and peak RSS (MB) of the process."""
    import resource

    from eventdesk import extract
    from eventdesk.model import Document
    from eventdesk.nlp import load_pipeline

    nlp = load_pipeline()
    before = extract.resolve(["entities", "quotes", "figures", "dates"])
    (events_step,) = extract.resolve(["events"])[-1:]
    rows = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[:limit]
    spent = 0.0
    counts: Counter[str] = Counter()
    for row in rows:
        document = Document(text=row["text"], source=row["id"], format="text")
        doc = nlp(row["text"])
        found = extract.run(doc, document, before)
        started = time.perf_counter()
        records = list(events_step.func(doc, document, found))
        spent += time.perf_counter() - started
        counts["events"] += len(records)
        counts["occurred"] += sum(
            r.modality in ("asserted", "reported", "confirmed") for r in records
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(rows),
        "ms_per_article": 1000 * spent / max(1, len(rows)),
        "events_per_article": counts["events"] / max(1, len(rows)),
        "occurred_per_article": counts["occurred"] / max(1, len(rows)),
        "peak_rss_mb": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N rows")
    parser.add_argument("--skip-plover", action="store_true", help="CASE 2021 only (no model)")
    parser.add_argument("--voa", type=int, default=0, help="time the events step on N VOA stories")
    args = parser.parse_args()
    case = score_case(limit=args.limit)
    print(f"CASE 2021 dev ({case['n']} snippets, 30 labels)")
    print(f"  accuracy {case['accuracy']:.3f}  macro-F1 {case['macro_f1']:.3f}")
    acled = case["acled25"]
    print(
        f"  ACLED 25 only ({acled['n']} snippets): accuracy {acled['accuracy']:.3f}  "
        f"macro-F1 {acled['macro_f1']:.3f}"
    )
    print(f"  {'label':40} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}")
    for label, v in sorted(case["per_label"].items(), key=lambda kv: -kv[1]["f1"]):
        print(
            f"  {label:40} {v['precision']:5.2f} {v['recall']:5.2f} {v['f1']:5.2f} "
            f"{v['support']:4d}"
        )
    summary: dict[str, Any] = {
        "case2021": {k: case[k] for k in ("n", "accuracy", "macro_f1", "acled25")}
        | {"per_label_f1": {k: round(v["f1"], 4) for k, v in case["per_label"].items()}},
    }
    if not args.skip_plover:
        plover = score_plover(limit=args.limit)
        print(f"PLOVER GSR ({plover['n']} sentences)")
        print(
            f"  type agreement {plover['type_agreement']:.3f}; on the "
            f"{plover['n_reachable']} of types ACLED sub-event types map to "
            f"{plover['type_agreement_reachable']:.3f}"
        )
        print(
            f"  fatality agreement {plover['fatality_agreement']:.3f} "
            f"({plover['fatality_records']} records with a death count)"
        )
        print(f"  {plover['ms_per_sentence']:.1f} ms per sentence (parse and all extractors)")
        for kind, (right, n) in plover["by_type"].items():
            print(f"  {kind:12} {right:3d}/{n:3d}")
        summary["plover_gsr"] = plover
    if args.voa:
        voa = score_voa(args.voa)
        print(
            f"VOA ({voa['articles']} articles): events step {voa['ms_per_article']:.1f} ms per "
            f"article, {voa['events_per_article']:.1f} events ({voa['occurred_per_article']:.1f} "
            f"occurred) per article, peak RSS {voa['peak_rss_mb']:.0f} MB"
        )
        summary["voa"] = voa
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
