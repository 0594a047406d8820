"""The extractor registry: every record list of the output is made by one registered extractor.

An extractor is a plain generator function `(doc, document, found) -> Iterator[record]`, where `doc`
is the spaCy Doc of `document.text` and `found` maps the names of the extractors it `requires` to the
records they already produced (figures need quotes for their asserters, events need both).
Built-ins register themselves exactly as a plugin would, through the `eventdesk.extractors` entry
point group (catalogue, which ships with spaCy).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import catalogue
from spacy.tokens import Doc

from eventdesk.model import Document

ExtractorFunc = Callable[[Doc, Document, Mapping[str, Sequence[Any]]], Iterator[Any]]


@dataclass(frozen=True, slots=True)
class Extractor:
    """A registered extractor: its output key, the record type it yields, what it needs first."""

    name: str
    func: ExtractorFunc
    record_type: type
    requires: tuple[str, ...] = ()


extractors = catalogue.create("eventdesk", "extractors", entry_points=True)

# Modules whose import registers the built-in extractors, in the order of the output contract.
BUILTIN_MODULES = (
    "eventdesk.extract.entities",
    "eventdesk.extract.quotes",
    "eventdesk.extract.dates",
    "eventdesk.extract.figures",
    "eventdesk.extract.events",
)
# Keys the output contract always carries, filled by the issues that own them; empty until then.
CONTRACT_KEYS = ("entities", "quotes", "dates", "figures", "events")


def register(
    name: str, *, record_type: type, requires: Sequence[str] = ()
) -> Callable[[ExtractorFunc], ExtractorFunc]:
    """Decorator: register `func` as the extractor that fills the output list `name`."""

    def decorate(func: ExtractorFunc) -> ExtractorFunc:
        extractors.register(name, func=Extractor(name, func, record_type, tuple(requires)))
        return func

    return decorate


def unregister(name: str) -> None:
    """Remove a registered extractor (for tests and plugins that replace a built-in)."""
    if name in extractors.get_all():
        # catalogue has no public removal; _remove is its documented-by-source way to do it.
        catalogue._remove((*extractors.namespace, name))


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def available() -> dict[str, Extractor]:
    """Every registered extractor by name (built-ins and plugins)."""
    _load_builtins()
    return dict(extractors.get_all())


def resolve(names: Iterable[str] | None = None) -> list[Extractor]:
    """The extractors to run for `names` (all when None), dependencies first."""
    registry = available()
    # Built-ins in BUILTIN_MODULES order, then plugins by name: the same order whatever was imported first.
    order = {module: i for i, module in enumerate(BUILTIN_MODULES)}
    in_order = sorted(
        registry, key=lambda n: (order.get(registry[n].func.__module__, len(order)), n)
    )
    wanted = in_order if names is None else list(names)
    ordered: list[Extractor] = []

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in chain:
            raise ValueError(f"extractor dependency cycle: {' -> '.join((*chain, name))}")
        if any(e.name == name for e in ordered):
            return
        if name not in registry:
            raise KeyError(f"no extractor named {name!r}; known: {', '.join(sorted(registry))}")
        for needed in registry[name].requires:
            visit(needed, (*chain, name))
        ordered.append(registry[name])

    for name in wanted:
        visit(name, ())
    return ordered


def run(doc: Doc, document: Document, plan: Sequence[Extractor]) -> dict[str, tuple[Any, ...]]:
    """Run the planned extractors over one parsed document; every contract key is present."""
    found: dict[str, tuple[Any, ...]] = {}
    for extractor in plan:
        found[extractor.name] = tuple(extractor.func(doc, document, found))
    return {key: found.get(key, ()) for key in CONTRACT_KEYS} | found
