"""benchmarks/store.py at a small size: it runs, and every replicated copy is found as a copy.

CI never runs the 10,000-document version; this checks the script and pins a floor that only goes
up: near-duplicate recall on the replicated VOA copies is 1.0.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
def test_store_benchmark_small(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("store_benchmark", REPO / "benchmarks/store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--n", "200", "--full-n", "5"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["rows"]["documents"] == 200
    copies = 200 - result["unique_stories"]
    assert result["rows"]["near_duplicates"] >= copies
    assert result["full_ingest"]["documents"] == 5
    assert result["store_docs_per_s"] > 0 and result["mb_per_1000_docs"] > 0
