"""Quality gate for event coding: the floors in benchmarks/floors/events.json, measured by
benchmarks/events.py. Floors only go up: raise them when the coder improves, never lower them to
let a change pass. The CASE 2021 gate is model-free and fast; the PLOVER gate runs the whole
extractor chain on 322 sentences (slow)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "benchmarks" / "floors" / "events.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def benchmark(shared: Path) -> ModuleType:
    """benchmarks/events.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "events_benchmark", REPO / "benchmarks" / "events.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _check(measured: dict[str, Any], floors: dict[str, float]) -> None:
    below = {k: (measured[k], floor) for k, floor in floors.items() if measured[k] < floor}
    assert not below, f"below the pinned floors (measured, floor): {below}"


@pytest.mark.shared
def test_events_gate_case2021_dev(benchmark: ModuleType) -> None:
    score = benchmark.score_case()
    floors = FLOORS["case2021"]
    _check(score, {"accuracy": floors["accuracy"], "macro_f1": floors["macro_f1"]})
    _check(score["acled25"], floors["acled25"])


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
def test_events_gate_plover_gsr(benchmark: ModuleType) -> None:
    score = benchmark.score_plover()
    _check(score, FLOORS["plover_gsr"])


def test_events_gate_floors_are_ratios() -> None:
    flat = [
        FLOORS["case2021"]["accuracy"],
        FLOORS["case2021"]["macro_f1"],
        *FLOORS["case2021"]["acled25"].values(),
        *FLOORS["plover_gsr"].values(),
    ]
    assert all(0.0 < value <= 1.0 for value in flat)
