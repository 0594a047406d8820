"""HTML nested deeper than libxml2 parses (256 levels): flattened below the limit in one linear
pass, so the page's text is kept; pages under the limit are parsed as before."""

from __future__ import annotations

import time

import pytest
from lxml import html as lxml_html

from eventdesk.errors import UnreadableInput
from eventdesk.ingest.html import FLATTEN_BELOW_DEPTH, LIBXML2_MAX_DEPTH, _parse, read_html
from eventdesk.ingest.html_depth import flatten_deep_markup

REPORT = (
    "Fighters of the Northern Brigade shelled the market in Veltava on Tuesday, killing nine "
    "civilians, the district governor said. At least forty families fled toward Korrin."
)
SECOND = "The Brigade denied that its units had fired on the town."


def _deep_page(depth: int, *, tag: str = "div", closed: bool = True) -> str:
    inner = f"<p>{REPORT}</p><p>{SECOND}</p>"
    closing = f"</{tag}>" * depth if closed else ""
    return f"<html><body>{f'<{tag}>' * depth}{inner}{closing}</body></html>"


def _max_depth(tree: lxml_html.HtmlElement) -> int:
    deepest = 0
    for element in tree.iter():
        deepest = max(deepest, sum(1 for _ in element.iterancestors()))
    return deepest


@pytest.mark.parametrize("closed", [True, False])
@pytest.mark.parametrize("tag", ["div", "span", "section", "b"])
def test_ingest_html_depth_deep_page_keeps_its_text(tag: str, closed: bool) -> None:
    started = time.perf_counter()
    document = read_html(_deep_page(10_000, tag=tag, closed=closed), source="deep.html")
    assert time.perf_counter() - started < 2
    assert REPORT in document.text and SECOND in document.text


def test_ingest_html_depth_libxml2_limit_is_what_we_think() -> None:
    """The reader's constants follow the installed libxml2: at the limit it reports the overflow."""
    _, too_deep = _parse(_deep_page(LIBXML2_MAX_DEPTH + 10))
    assert too_deep
    tree, too_deep = _parse(_deep_page(LIBXML2_MAX_DEPTH - 10))
    assert not too_deep and REPORT in tree.text_content()


def test_ingest_html_depth_pages_under_the_limit_are_left_alone() -> None:
    page = _deep_page(FLATTEN_BELOW_DEPTH - 10)
    flat = flatten_deep_markup(page, max_depth=FLATTEN_BELOW_DEPTH, max_elements=50_000)
    assert flat is not None and flat.html == page and flat.tags_flattened == 0


def test_ingest_html_depth_flattened_page_parses_within_the_limit() -> None:
    page = _deep_page(5_000, closed=False)
    flat = flatten_deep_markup(page, max_depth=FLATTEN_BELOW_DEPTH, max_elements=50_000)
    assert flat is not None and flat.tags_flattened > 4_000
    tree, too_deep = _parse(flat.html)
    assert not too_deep
    assert _max_depth(tree) <= FLATTEN_BELOW_DEPTH + 2
    assert REPORT in tree.text_content()


def test_ingest_html_depth_blocks_below_the_limit_stay_apart_and_scripts_go() -> None:
    deep = "<div>" * 400
    page = (
        f"<html><body>{deep}<div>{REPORT}</div><div>{SECOND} <b>Korrin</b> road.</div>"
        "<script>var shelled = 1 < 2; document.write('<div>');</script>"
        f"<style>p {{ color: red }}</style>{'</div>' * 400}</body></html>"
    )
    document = read_html(page, source="blocks.html")
    assert REPORT in document.text
    assert f"{SECOND} Korrin road." in document.text  # inline tags dropped, words kept
    assert f"{REPORT}\n{SECOND}" in document.text  # two blocks, two paragraphs
    assert "var shelled" not in document.text and "color" not in document.text


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 300 + "<a" * 200_000,  # tags never closed with '>'
        "<div>" * 300 + "<!--" + "x" * 400_000,  # a comment never closed
        "<div>" * 300 + "<script>" * 100_000,  # raw text never closed
        "<div>" * 300 + "</span>" * 100_000,  # closing tags that close nothing
        "<div>" * 300 + '<p title="a>b">' * 20_000 + REPORT,
    ],
)
def test_ingest_html_depth_odd_markup_is_one_pass(page: str) -> None:
    started = time.perf_counter()
    flat = flatten_deep_markup(page, max_depth=FLATTEN_BELOW_DEPTH, max_elements=50_000)
    assert time.perf_counter() - started < 1.0
    assert flat is not None
    _, too_deep = _parse(flat.html)
    assert not too_deep


def test_ingest_html_depth_element_cap_holds_for_deep_pages() -> None:
    """A deep page with more elements than max_html_elements is refused as too large, and the
    pass stops at the cap rather than reading the whole page."""
    page = "<html><body>" + "<div><span>word</span> x " * 40_000
    with pytest.raises(UnreadableInput) as refused:
        read_html(page, source="deep-wide.html", max_elements=5_000)
    assert refused.value.code == "too_large"
    assert "max_html_elements (5000)" in str(refused.value)
    assert flatten_deep_markup(page, max_depth=200, max_elements=5_000) is None


def test_ingest_html_depth_a_million_levels_stop_at_the_element_cap() -> None:
    """1,000,000 unclosed nested elements (6 MB): the pass stops at max_html_elements, so the
    refusal is quick; 45,000 closed levels (under the cap) give the text."""
    started = time.perf_counter()
    with pytest.raises(UnreadableInput) as refused:
        read_html(_deep_page(1_000_000, closed=False), source="million.html")
    assert refused.value.code == "too_large"
    document = read_html(_deep_page(45_000), source="deep.html")
    assert REPORT in document.text
    assert time.perf_counter() - started < 3
