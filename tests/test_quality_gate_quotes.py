"""Quality gate for the `quotes` extractor: PolNeAR dev figures may not fall below their floors.

Floors live in benchmarks/floors/quotes.json and only go up. The full dev split (84 articles) took
17 s on an idle 2-core machine and 44-57 s under the load of other work, so it is `slow`; a fast
gate on its first 20 articles (about 10 s) runs in every test run.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS = REPO / "benchmarks" / "floors" / "quotes.json"
BENCHMARK = REPO / "benchmarks" / "quotes.py"

pytestmark = [pytest.mark.model, pytest.mark.shared]


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eventdesk_quotes_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _floors(name: str) -> dict[str, float]:
    floors: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return dict(floors[name])


def _check(result: dict[str, Any], floors: dict[str, float]) -> None:
    assert floors, "no floors pinned"
    low = {k: (result[k], floor) for k, floor in floors.items() if result[k] < floor}
    assert not low, f"below floor (measured, floor): {low}"


@pytest.fixture(scope="module")
def benchmark(shared: Path) -> ModuleType:
    module = _benchmark()
    if not module.POLNEAR.is_dir():
        pytest.skip("PolNeAR gold is not present")
    return module


def test_quality_gate_quotes_dev_first_20(benchmark: ModuleType) -> None:
    _check(benchmark.run("dev", 20), _floors("dev_first_20"))


@pytest.mark.slow
def test_quality_gate_quotes_dev(benchmark: ModuleType) -> None:
    _check(benchmark.run("dev", None), _floors("dev"))


def test_quality_gate_floors_are_probabilities() -> None:
    for name in ("dev", "dev_first_20"):
        assert all(0.0 < v <= 1.0 for v in _floors(name).values())
