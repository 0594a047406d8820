"""Time and peak memory of every bad-input case of tests/test_hardening_inputs.py (issue 9).

Each case runs in a fresh process (model loaded first), so its peak RSS is its own:
`python benchmarks/hardening.py` prints a Markdown table for docs/reliability.md.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def _one(name: str) -> dict[str, object]:
    sys.path.insert(0, str(TESTS))
    from hardening_support import run_file
    from test_hardening_inputs import CASES

    from eventdesk.nlp import load_pipeline
    from eventdesk.settings import Settings

    nlp = load_pipeline()
    nlp("Warm the pipeline up with one sentence, the clerk said.")
    file_name, build, expected, _ = CASES[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file_name
        data = build()
        path.write_bytes(data)
        del data
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        outcome = run_file(path, nlp=nlp, settings=Settings(), trace_heap=False)
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "case": name,
        "bytes": size,
        "codes": outcome.codes,
        "ok": expected(outcome.codes),
        "seconds": round(seconds, 2),
        "rss_before_mb": round(base),
        "rss_peak_mb": round(peak),
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(_one(sys.argv[2])))
        return
    sys.path.insert(0, str(TESTS))
    from test_hardening_inputs import CASES

    print("| case | input bytes | result | seconds | RSS before → peak (MB) |")
    print("|---|---:|---|---:|---:|")
    for name in sorted(CASES):
        out = (
            subprocess.run(
                [sys.executable, __file__, "--case", name],
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        row = json.loads(out)
        codes = ", ".join(sorted(set(row["codes"])))
        flag = "" if row["ok"] else " (UNEXPECTED)"
        print(
            f"| {name} | {row['bytes']:,} | {codes}{flag} | {row['seconds']} | "
            f"{row['rss_before_mb']} → {row['rss_peak_mb']} |"
        )


if __name__ == "__main__":
    main()
