"""The data model's invariants: spans hold in their text, ids are content hashes."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventdesk.model import Document, Span, content_id, to_json


@given(st.text(), st.data())
def test_model_span_within_holds_for_any_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span.within(text, start, end)
    assert text[span.start : span.end] == span.text
    assert span.holds_in(text)


@given(st.text(min_size=1))
def test_model_span_outside_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="outside"):
        Span.within(text, 0, len(text) + 1)


@given(st.text())
def test_model_document_id_is_content_hash(text: str) -> None:
    one = Document(text=text, source="a.txt", format="text")
    two = Document(text=text, source="elsewhere/b.html", format="html", title="other")
    assert one.id == two.id == content_id(text)
    assert len(one.id) == 32


def test_model_records_are_frozen() -> None:
    span = Span(0, 1, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 2  # type: ignore[misc]


def test_model_to_json_nests_spans() -> None:
    document = Document(text="Hello", source="s", format="text", title_span=Span(0, 5, "Hello"))
    line = to_json(document)
    assert line["title_span"] == {"start": 0, "end": 5, "text": "Hello"}
    assert line["text"] == "Hello"
