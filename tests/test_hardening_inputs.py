"""Hostile and broken inputs, generated here: each gives a correct result or a recorded error,
within a bounded time and Python heap (issue 9).

Every case runs at a scale that keeps the fast suite quick; the full-size cases (a 50 MB page, a
megabyte on one line, a million quote marks) that are refused cheaply run at full size here too,
and those that must be parsed run at full size under `slow`. Figures: docs/reliability.md.
"""

from __future__ import annotations

import gzip
import io
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_support import Outcome, broken_spans, run_file, run_items
from spacy.language import Language
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventdesk import extract
from eventdesk.limits import longest_symbol_run
from eventdesk.model import Document
from eventdesk.settings import Settings

# Fictional report sentences; numbered, so no two paragraphs are the same text.
SENTENCES = (
    "Fighters of the Northern Brigade shelled the market in Veltava on Tuesday, killing {n} "
    "civilians, the district governor said.",
    '"We buried them at dawn," said Mira Osten, a nurse at the Veltava clinic.',
    "At least {n} families fled toward Korrin after the attack, according to a relief worker.",
    "The Brigade denied that its units had fired on the town on day {n} of the siege.",
)


def prose(chars: int, *, separator: str = " ") -> str:
    """About `chars` characters of distinct fictional report sentences."""
    parts: list[str] = []
    size = n = 0
    while size < chars:
        sentence = SENTENCES[n % len(SENTENCES)].format(n=n + 2)
        parts.append(sentence)
        size += len(sentence) + len(separator)
        n += 1
    return separator.join(parts)[:chars]


def html_page(paragraphs: int) -> bytes:
    body = "\n".join(f"<p>{prose(120 + i % 7)} Bulletin {i}.</p>" for i in range(paragraphs))
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Veltava siege</title></head>"
        f"<body><article><h1>Veltava siege</h1>{body}</article></body></html>"
    ).encode()


def warc(pages: int) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(pages):
        body = html_page(6 + i)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{i}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def nested(depth: int, *, closed: bool) -> bytes:
    inner = f"<p>{prose(400)}</p>"
    closing = "</div>" * depth if closed else ""
    return f"<html><body>{'<div>' * depth}{inner}{closing}</body></html>".encode()


def with_nuls(text: str, every: int) -> bytes:
    data = text.encode()
    return b"\x00".join(data[i : i + every] for i in range(0, len(data), every))


ARABIC = (
    "قال مسؤول محلي إن القصف أصاب السوق المركزي في المدينة صباح الثلاثاء وقتل عدداً من المدنيين. "
)
RTL_REPORT = (
    "Shelling hit the souq of \u200fحلب\u200f on Tuesday, the council said. "
    '"\u202eWe counted nine dead\u202c," said Hana \u0627\u0644\u0639\u0644\u064a, a teacher. '
)
EMOJI_REPORT = "🔥 Breaking: 👨\u200d👩\u200d👧 families fled Veltava 🏚️ after shelling killed 7 people, the governor said. 🇺🇳 "

QUOTATIONS = ' "a" said he, "b" said she,'
# name, input file name, builder, expected codes, seconds allowed
CASES: dict[str, tuple[str, Callable[[], bytes], Callable[[list[str]], bool], float]] = {
    "empty file": ("empty.txt", lambda: b"", lambda c: c == ["empty"], 5),
    "binary noise": (
        "noise.dat",
        lambda: random.Random(9).randbytes(200_000),
        lambda c: c == ["binary"],
        5,
    ),
    "0-byte gzip": ("zero.txt.gz", lambda: b"", lambda c: c == ["empty"], 5),
    "truncated gzip": (
        "cut.txt.gz",
        lambda: gzip.compress(random.Random(3).randbytes(20_000).hex().encode())[:3000],
        lambda c: c == ["truncated"],
        5,
    ),
    "truncated WARC record": (
        "cut.warc.gz",
        lambda: warc(3)[:-200],
        lambda c: sorted(c) == ["document", "document", "truncated"],
        60,
    ),
    "50 MB HTML page": (
        "huge.html",
        lambda: html_page(12) + b"<!--" + b"x" * (50 * 2**20) + b"-->",
        lambda c: c == ["too_large"],
        10,
    ),
    "HTML page over max_html_elements": (
        "wide.html",
        lambda: html_page(51_000),
        lambda c: c == ["too_large"],
        30,
    ),
    "10,000 nested elements": (
        "deep.html",
        lambda: nested(10_000, closed=True),
        lambda c: c == ["document"],  # flattened below libxml2's depth limit, text kept
        10,
    ),
    "10,000 unclosed nested elements": (
        "deep-open.html",
        lambda: nested(10_000, closed=False),
        lambda c: c == ["document"],  # flattened below libxml2's depth limit, text kept
        10,
    ),
    "mixed encodings": (
        "mixed.txt",
        lambda: prose(600).encode() + " Mira Ostén, café.".encode("latin-1") + prose(300).encode(),
        lambda c: c == ["document"],
        30,
    ),
    "wrong declared encoding": (
        "wrong.html",
        lambda: (
            "<html><head><meta charset='utf-8'><title>Veltava</title></head><body><article>"
            f"<p>{prose(800)} Mira Ostén spoke at the café.</p></article></body></html>"
        ).encode("cp1252"),
        lambda c: c == ["document"],
        30,
    ),
    "a few NUL bytes": (
        "nul.txt",
        lambda: with_nuls(prose(2000), 400),
        lambda c: c == ["document"],
        30,
    ),
    "NUL bytes throughout": (
        "nuls.txt",
        lambda: with_nuls(prose(2000), 8),
        lambda c: c == ["binary"],
        5,
    ),
    "one-line megabyte text": (
        "line.txt",
        lambda: prose(2**20).encode(),
        lambda c: c == ["too_large"],
        10,
    ),
    "one-line text under the cap": (
        "line-short.txt",
        lambda: prose(20_000).encode(),
        lambda c: c == ["document"],
        60,
    ),
    "a million quote marks": (
        "quotes.txt",
        lambda: b'"' * 1_000_000,
        lambda c: c == ["too_large"],
        10,
    ),
    "150,000 quote marks": (
        "quotes-150k.txt",
        lambda: (prose(2000) + '"' * 150_000 + prose(2000)).encode(),
        lambda c: c in (["unparseable"], ["too_large"]),  # refused either way, before spaCy
        10,
    ),
    "quotations everywhere": (
        "quoted.txt",
        lambda: (prose(300) + QUOTATIONS * 60).encode(),
        lambda c: c == ["document"],
        60,
    ),
    "Arabic text": ("arabic.txt", lambda: (ARABIC * 20).encode(), lambda c: c == ["language"], 10),
    "right-to-left names and marks": (
        "rtl.txt",
        lambda: (RTL_REPORT * 8 + prose(800)).encode(),
        lambda c: c == ["document"],
        30,
    ),
    "emoji": (
        "emoji.txt",
        lambda: (EMOJI_REPORT * 10 + prose(600)).encode(),
        lambda c: c == ["document"],
        30,
    ),
}
# The Python heap may not grow past this on any case (the 50 MB page is read whole, once).
MAX_HEAP_MB = 400


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.mark.parametrize("name", sorted(CASES))
def test_hardening_input(name: str, tmp_path: Path, nlp: Language, settings: Settings) -> None:
    file_name, build, expected, seconds = CASES[name]
    path = tmp_path / file_name
    path.write_bytes(build())
    outcome = run_file(path, nlp=nlp, settings=settings)
    assert expected(outcome.codes), (outcome.codes, [line.get("error") for line in outcome.lines])
    assert outcome.seconds < seconds, f"{name}: {outcome.seconds:.1f} s"
    assert outcome.peak_mb < MAX_HEAP_MB, f"{name}: {outcome.peak_mb:.0f} MB"
    for line in outcome.lines:
        if "document" in line:
            assert broken_spans(line) == []
        else:
            assert line["error"]["reason"]


def test_hardening_input_bytes_survive_as_text(tmp_path: Path, nlp: Language) -> None:
    """Wrongly declared and mixed encodings give readable text, not replacement characters."""
    for name in ("wrong declared encoding", "mixed encodings", "right-to-left names and marks"):
        file_name, build, _, _ = CASES[name]
        (tmp_path / file_name).write_bytes(build())
        outcome = run_file(tmp_path / file_name, nlp=nlp, settings=Settings())
        text = outcome.lines[0]["document"]["text"]
        assert "\ufffd" not in text
        assert "Osten" in text or "Ostén" in text or "حلب" in text


def test_issue9_document_longer_than_spacy_max_length(nlp: Language) -> None:
    """A document over nlp.max_length used to make nlp.pipe raise, ending the whole batch."""
    long = Document(text=prose(nlp.max_length + 10), source="long", format="text")
    fine = Document(text=prose(600), source="fine", format="text")
    settings = Settings(max_document_chars=10 * nlp.max_length)
    outcome = run_items([long, fine], nlp=nlp, settings=settings)
    assert outcome.codes == ["too_large", "document"]
    assert f"({nlp.max_length})" in outcome.lines[0]["error"]["reason"]


@pytest.mark.parametrize("run", ['"' * 5000, "$" * 3000, "(=)" * 900, "_" * 4000])
def test_issue9_symbol_runs_refused_before_the_tokenizer(run: str, nlp: Language) -> None:
    """Runs of symbols stalled spaCy's tokenizer (12,000 quote marks: 31 s); now refused at once."""
    document = Document(text=f"{prose(300)} {run} {prose(300)}", source="s", format="text")
    outcome = run_items([document], nlp=nlp, settings=Settings())
    assert outcome.codes == ["unparseable"]
    assert outcome.seconds < 2


@pytest.mark.parametrize(
    ("text", "longest"),
    [
        ("plain words, and a dash - here.", 0),
        ("a rule of dashes " + "-" * 500 + " and dots " + "." * 500, 0),
        ("https://news.example/a/b/c?x=1&y=2", 3),
        ('he said: "(!)" then', 5),
        ("===" + "a" + "==", 3),
    ],
)
def test_hardening_longest_symbol_run(text: str, longest: int) -> None:
    assert longest_symbol_run(text) == longest


def test_issue9_html_element_cap_refuses_before_trafilatura(tmp_path: Path, nlp: Language) -> None:
    path = tmp_path / "wide.html"
    path.write_bytes(html_page(3000))
    started = time.perf_counter()
    outcome = run_file(path, nlp=nlp, settings=Settings(max_html_elements=2000))
    assert outcome.codes == ["too_large"]
    assert "max_html_elements" in outcome.lines[0]["error"]["reason"]
    assert time.perf_counter() - started < 5


def test_issue9_extraction_time_budget_records_a_timeout(nlp: Language) -> None:
    """An extractor that hangs costs its document, after max_document_seconds, not the run."""

    @extract.register("test_hanging", record_type=dict)
    def hanging(doc, document, found):  # type: ignore[no-untyped-def]
        while "hang" in document.text:
            time.sleep(0.01)
        yield {"ok": True}

    try:
        documents = [
            Document(
                text="This report will hang the extractor, said nobody.", source="a", format="text"
            ),
            Document(
                text="This report is fine, said everybody at the desk.", source="b", format="text"
            ),
        ]
        settings = Settings(extractors=("test_hanging",), max_document_seconds=0.5)
        outcome = run_items(documents, nlp=nlp, settings=settings)
    finally:
        extract.unregister("test_hanging")
    assert outcome.codes == ["timeout", "document"]
    assert "max_document_seconds" in outcome.lines[0]["error"]["reason"]
    assert outcome.seconds < 5


def test_issue9_time_budget_stops_quadratic_quote_attribution(nlp: Language) -> None:
    """Hundreds of quotations in one endless sentence: quote attribution takes time quadratic in
    the sentence (600 took 45 s); the budget turns that into a recorded timeout."""
    document = Document(text=prose(300) + QUOTATIONS * 700, source="q", format="text")
    outcome = run_items([document], nlp=nlp, settings=Settings(max_document_seconds=2))
    assert outcome.codes == ["timeout"]
    assert outcome.seconds < 10


def test_hardening_time_budget_restores_an_outer_timer() -> None:
    import signal

    from eventdesk.limits import time_limit

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        with time_limit(5, what="test"):
            pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        time.sleep(0.8)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_hardening_time_budget_survives_a_swallowed_alarm() -> None:
    """The first timeout raised where Python drops exceptions (here: caught by the block itself,
    as a weakref callback or `__del__` would) must not leave the block running for ever."""
    from eventdesk.limits import ExtractionTimeout, time_limit

    started = time.monotonic()
    swallowed = 0
    with pytest.raises(ExtractionTimeout), time_limit(0.3, what="test"):
        while time.monotonic() - started < 5:
            try:
                while time.monotonic() - started < 5:
                    pass
            except ExtractionTimeout:
                swallowed += 1
                if swallowed > 1:
                    raise
    assert swallowed == 2
    assert time.monotonic() - started < 2


# Full size: documents that must be parsed, near the caps.
SLOW_CASES: dict[str, tuple[Callable[[], Document], float]] = {
    "one-line text just under max_document_chars": (
        lambda: Document(
            text=prose(Settings().max_document_chars - 10_000), source="line", format="text"
        ),
        240,
    ),
    "symbol runs just under max_symbol_run, everywhere": (
        lambda: Document(
            text=" ".join(
                f"{prose(120)} {'$' * 190}" for _ in range(Settings().max_document_chars // 320)
            ),
            source="r",
            format="text",
        ),
        240,
    ),
    "quote marks between words, up to max_document_chars": (
        lambda: Document(
            text=' "a"' * ((Settings().max_document_chars - 1_000) // 4) + prose(400),
            source="q",
            format="text",
        ),
        240,
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW_CASES))
def test_hardening_input_full_size(name: str, nlp: Language) -> None:
    build, seconds = SLOW_CASES[name]
    outcome: Outcome = run_items([build()], nlp=nlp, settings=Settings(), trace_heap=False)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {outcome.codes} {outcome.seconds:.1f} s, process peak RSS so far {rss:.0f} MB")
    assert len(outcome.codes) == 1 and outcome.codes[0] in ("document", "timeout")
    assert outcome.seconds < seconds
    if outcome.codes == ["document"]:
        assert broken_spans(outcome.lines[0]) == []


@pytest.mark.slow
def test_issue9_event_mentions_time_grows_about_linearly(nlp: Language) -> None:
    """Attribution read `doc.text` (rebuilt from every token) once per trigger: finding the event
    mentions of a 30,000-character text took 23.7 s, growing with the square of the length."""
    from eventdesk.events.mentions import find_mentions
    from eventdesk.extract import resolve, run

    plan = resolve(("quotes",))
    seconds = []
    for chars in (20_000, 80_000):
        text = prose(chars)
        doc = nlp(text)
        found = run(doc, Document(text=text, source="t", format="text"), plan)
        started = time.perf_counter()
        list(find_mentions(doc, entities=found["entities"], quotes=found["quotes"]))
        seconds.append(time.perf_counter() - started)
    print(f"event mentions: {seconds[0]:.2f} s at 20k characters, {seconds[1]:.2f} s at 80k")
    assert seconds[1] < 9 * seconds[0]  # 4 when linear, 16 when quadratic
