"""The demo corpus in demo/: twelve fictional reports in four forms that read cleanly.

The demo is what a new user runs first, so it must read into exactly its twelve documents, each with a
title and a publication date, each marked fictional, with its hostile markup made inert, and its WARC
must hold the same documents as its pages read as HTML.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from eventdesk.ingest import read_path, read_paths
from eventdesk.ingest.html import read_html
from eventdesk.model import Document, ReadError

DEMO = Path(__file__).resolve().parents[1] / "demo"
REPORT_FOLDERS = ("html", "text", "jsonl", "warc")
FICTIONAL_LINE = "FICTIONAL DEMO REPORT — not a real event"
FICTIONAL_META = re.compile(r'<meta name="eventdesk:fictional" content="true">')

# What each report must read as: (source suffix, published, precision, site). These pin the readers'
# metadata on pages and texts written for the demo, in every date form the demo uses.
EXPECTED = (
    ("gao-shelling-observer.html", "2026-03-03T07:45:00Z", "second", "The Niger Bend Observer"),
    ("gao-wire-harmattan-daily.html", "2026-03-03T13:05", "minute", "Harmattan Daily"),
    (
        "tripoli-clashes-coastline.html",
        "2026-03-02T16:40:00+02:00",
        "second",
        "Libya Coastline News",
    ),
    (
        "valparaiso-dock-protest-herald.html",
        "2026-03-05T08:10-03:00",
        "minute",
        "Pacific Coast Herald",
    ),
    ("costa-central-valparaiso-aftermath.txt", "2026-03-05T18:30", "minute", None),
    ("sahel-monitor-gao-toll-rises.txt", "2026-03-04T09:15", "minute", None),
    ("tripoli-councillor-abducted.txt", "2026-03-03T11:05", "minute", None),
    ("reports.jsonl:1", "2026-03-03T11:20:00Z", "second", "Continental Press Service"),
    ("reports.jsonl:2", "2026-03-04T19:30:00+02:00", "second", "Maghreb Evening Post"),
    ("reports.jsonl:3", "2026-03-05", "day", "Andes Wire"),
    ("gao-displaced-sevare", "2026-03-04T18:30:00Z", "second", "West Africa Ledger"),
    ("tripoli-mitiga-clashes-toll", "2026-03-02T21:15+02:00", "minute", "North Africa Dispatch"),
)


@pytest.fixture(scope="module")
def demo_items() -> list[Document | ReadError]:
    return list(read_paths(DEMO / folder for folder in REPORT_FOLDERS))


@pytest.fixture(scope="module")
def demo_documents(demo_items: list[Document | ReadError]) -> list[Document]:
    return [item for item in demo_items if isinstance(item, Document)]


@pytest.fixture(scope="module")
def build_warc() -> ModuleType:
    """demo/build_warc.py, imported from its path (demo/ is not a package)."""
    spec = importlib.util.spec_from_file_location("demo_build_warc", DEMO / "build_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _by_source(documents: list[Document], suffix: str) -> Document:
    found = [d for d in documents if d.source.endswith(suffix)]
    assert len(found) == 1, f"{suffix}: {[d.source for d in found]}"
    return found[0]


def test_demo_corpus_reads_twelve_documents_without_errors(
    demo_items: list[Document | ReadError],
) -> None:
    errors = [item for item in demo_items if isinstance(item, ReadError)]
    assert errors == []
    assert len(demo_items) == 12


def test_demo_corpus_has_every_form(demo_documents: list[Document]) -> None:
    forms = Counter(Path(d.source.split("#", 1)[0]).parent.name for d in demo_documents)
    assert forms == {"html": 4, "text": 3, "jsonl": 3, "warc": 2}


def test_demo_folder_reads_only_the_reports() -> None:
    items = list(read_path(DEMO))
    assert len(items) == 12
    assert all(isinstance(item, Document) for item in items)


def test_demo_reports_are_marked_fictional(demo_documents: list[Document]) -> None:
    unmarked = [d.source for d in demo_documents if FICTIONAL_LINE not in d.text]
    assert unmarked == []


def test_demo_html_pages_carry_the_fictional_meta_tag(build_warc: ModuleType) -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted((DEMO / "html").glob("*.html"))]
    pages += [html for _, html, *_ in build_warc.PAGES]
    jsonl = (DEMO / "jsonl" / "reports.jsonl").read_text(encoding="utf-8")
    assert len(pages) == 6
    assert all(FICTIONAL_META.search(html) for html in pages)
    assert jsonl.count('<meta name=\\"eventdesk:fictional\\" content=\\"true\\">') == 1


@pytest.mark.parametrize(("suffix", "published", "precision", "site"), EXPECTED)
def test_demo_report_metadata(
    demo_documents: list[Document],
    suffix: str,
    published: str,
    precision: str,
    site: str | None,
) -> None:
    document = _by_source(demo_documents, suffix)
    assert document.title
    assert document.published == published
    assert document.published_precision == precision
    assert document.site == site


def test_demo_hostile_markup_is_inert(demo_documents: list[Document]) -> None:
    page = _by_source(demo_documents, "tripoli-clashes-coastline.html")
    assert "Mahmoud Ghallab-Asheri" in page.text  # the article itself survived
    for trace in ("INJECTED", "alert(", "javascript:", "evil.example", "document.", "onerror"):
        assert trace not in page.text
    assert not [d.source for d in demo_documents if re.search(r"<\s*/?\s*[a-z]+[\s>]", d.text)]


def test_demo_warc_holds_the_same_documents_as_its_pages(
    demo_documents: list[Document], build_warc: ModuleType
) -> None:
    for url, html, *_ in build_warc.PAGES:
        from_warc = _by_source(demo_documents, f"#{url}")
        from_html = read_html(html, source="page.html", url=url)
        assert from_warc.url == url
        assert from_warc.title
        fields = ("id", "text", "title", "published", "published_precision", "site", "author")
        assert {f: getattr(from_warc, f) for f in fields} == {
            f: getattr(from_html, f) for f in fields
        }


def test_demo_warc_rebuilds_identical_bytes(build_warc: ModuleType) -> None:
    assert build_warc.build() == (DEMO / "warc" / "reports.warc.gz").read_bytes()


def _shingles(text: str, *, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_demo_syndicated_copy_is_a_near_duplicate(demo_documents: list[Document]) -> None:
    wire = _shingles(_by_source(demo_documents, "reports.jsonl:1").text)
    copy = _shingles(_by_source(demo_documents, "gao-wire-harmattan-daily.html").text)
    others = [
        _shingles(d.text)
        for d in demo_documents
        if not d.source.endswith(("reports.jsonl:1", "gao-wire-harmattan-daily.html"))
    ]
    resemblance = len(wire & copy) / len(wire | copy)
    assert 0.6 < resemblance < 1.0
    # No other pair of reports comes close: they are independent tellings of the stories.
    assert max(len(wire & other) / len(wire | other) for other in others) < 0.2


@pytest.mark.parametrize(
    "phrase",
    [
        # Displacement figures that disagree across the reports on Gao.
        "Almost 40,000",
        "No less than 30,000",
        "more than 25,000",
        "Between 30,000 and 40,000",
        # Qualified counts and ranges.
        "At least 12 civilians",
        "between five and eight",
        "Between 5,000 and 8,000",
        # Dates relative to publication.
        "last night",
        "on Monday",
        "yesterday evening",
        # Quote and statement forms.
        "explained that “",
        "confirmed that",
        "one of the residents said",
        'said: "',
        # Threats and hypotheticals that are not events.
        "threatened to shell",
        "could be cut off",
    ],
)
def test_demo_corpus_exercises(demo_documents: list[Document], phrase: str) -> None:
    assert any(phrase in d.text for d in demo_documents)
