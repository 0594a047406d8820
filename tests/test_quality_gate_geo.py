"""Quality gate for geocoding: the floors in benchmarks/floors/geo.json, measured by benchmarks/geo.py.

Floors only go up: raise them when the resolver improves, never lower them to make a change pass.
The fast gate geocodes every gold toponym span of the four corpora (a few seconds once the index
exists) and runs NER on a small subset; the slow gate runs the whole end-to-end benchmark.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from eventdesk.geo import gazetteer as gazetteer_module

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "benchmarks" / "floors" / "geo.json").read_text(encoding="utf-8"))
CORPORA = ("lgl", "gwn", "tr-news", "geovirus")


@pytest.fixture(scope="module")
def benchmark(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """benchmarks/geo.py as a module, with the index in the session's temporary cache."""
    cache = tmp_path_factory.getbasetemp() / "eventdesk-cache"
    old = os.environ.get(gazetteer_module.CACHE_ENV)
    os.environ[gazetteer_module.CACHE_ENV] = str(cache)
    gazetteer_module.load_gazetteer.cache_clear()
    spec = importlib.util.spec_from_file_location("geo_benchmark", REPO / "benchmarks" / "geo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    try:
        yield module
    finally:
        gazetteer_module.load_gazetteer.cache_clear()
        if old is None:
            os.environ.pop(gazetteer_module.CACHE_ENV, None)
        else:
            os.environ[gazetteer_module.CACHE_ENV] = old


def _check(measured: dict[str, Any], floors: dict[str, float]) -> None:
    below = {k: (measured[k], floor) for k, floor in floors.items() if measured[k] < floor}
    assert not below, f"below the pinned floors (measured, floor): {below}"


@pytest.mark.shared
@pytest.mark.parametrize("corpus", CORPORA)
def test_geo_gate_geocoding_on_gold_spans(benchmark: ModuleType, corpus: str) -> None:
    score = benchmark.score_corpus(corpus, part="all", limit=None, ner=False).summary()
    _check(score, {"acc161_gold_spans": FLOORS["gold_spans"][corpus]})


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("corpus", ["lgl", "gwn"])
def test_geo_gate_end_to_end_subset(benchmark: ModuleType, corpus: str) -> None:
    floors = FLOORS["ner_subset"]
    score = benchmark.score_corpus(corpus, part="all", limit=floors["articles"], ner=True)
    _check(score.summary(), floors[corpus])


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("corpus", CORPORA)
def test_geo_gate_end_to_end(benchmark: ModuleType, corpus: str) -> None:
    score = benchmark.score_corpus(corpus, part="all", limit=None, ner=True).summary()
    _check(score, FLOORS["ner"][corpus])
