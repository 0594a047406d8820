"""Bad input of every kind gives one recorded reason, and the batch goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import main
from eventdesk.ingest import read_path
from eventdesk.model import Document, ReadError

DATA = Path(__file__).resolve().parent / "data" / "ingest"
GOOD = (DATA / "port-protest.txt").read_bytes()

BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty"),
    "blank.html": (b"  \n\n\t ", "empty"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4, "binary"),
    "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "binary"),
    "noise.bin": (bytes(range(256)) * 64, "binary"),
    "cut.txt.gz": (gzip.compress(GOOD)[:40], "truncated"),
    "zero.gz": (b"\x1f\x8b", "truncated"),
    "bad-bom.txt": (
        b"\xef\xbb\xbf" + b"Headline here\n\nBody \xff\xfe\xfa text " * 5,
        "undecodable",
    ),
    "nothing.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty"),
    "tiny.txt": (b"Short.", "empty"),
    "french.txt": (
        "Des combats ont opposé l'armée et des groupes armés dans le nord du pays pendant la nuit, "
        "selon un responsable local. Les habitants ont fui vers la ville voisine, où les écoles "
        "ont été transformées en abris.".encode(),
        "language",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_ingest_bad_input_gives_one_recorded_reason(name: str, tmp_path: Path) -> None:
    data, code = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_path(path))
    assert len(items) == 1
    (error,) = items
    assert isinstance(error, ReadError)
    assert error.code == code, error.reason
    assert error.source == str(path)
    assert error.reason


def test_ingest_missing_and_unreadable_paths(tmp_path: Path) -> None:
    (error,) = list(read_path(tmp_path / "missing.html"))
    assert isinstance(error, ReadError) and "No such file" in error.reason


def test_ingest_oversized_file_refused(tmp_path: Path) -> None:
    from eventdesk.settings import Settings

    path = tmp_path / "big.txt"
    path.write_bytes(GOOD * 10)
    (error,) = list(read_path(path, settings=Settings(max_input_bytes=len(GOOD))))
    assert isinstance(error, ReadError) and error.code == "too_large"


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_batch_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    for name, (data, _) in BAD_INPUTS.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_bytes(GOOD)
    result = CliRunner().invoke(main, ["extract", "--quiet", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = _lines(result.stdout)
    assert len(lines) == len(BAD_INPUTS) + 1
    assert sum("document" in line for line in lines) == 1
    assert sum("error" in line for line in lines) == len(BAD_INPUTS)
    assert "Traceback" not in result.output


def test_cli_exit_status_nonzero_only_when_nothing_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 64)
    result = CliRunner().invoke(main, ["extract", "--quiet", str(tmp_path)])
    assert result.exit_code == 1
    assert all("error" in line for line in _lines(result.stdout))
    assert "Traceback" not in result.output


def test_cli_only_skipped_languages_is_not_a_failure(tmp_path: Path) -> None:
    (tmp_path / "french.txt").write_bytes(BAD_INPUTS["french.txt"][0])
    result = CliRunner().invoke(main, ["extract", "--quiet", str(tmp_path)])
    assert result.exit_code == 0


def test_process_extractor_failure_is_recorded_and_batch_goes_on(nlp: object) -> None:
    from eventdesk import extract
    from eventdesk.process import process
    from eventdesk.settings import Settings

    @extract.register("test_exploding", record_type=dict)
    def exploding(doc, document, found):  # type: ignore[no-untyped-def]
        if "explode" in document.text:
            raise RuntimeError("boom")
        yield {"ok": True}

    try:
        documents = [
            Document(text="This one will explode, said nobody.", source="a", format="text"),
            Document(text="This one is fine, said everybody.", source="b", format="text"),
        ]
        out = list(process(documents, nlp=nlp, settings=Settings(extractors=("test_exploding",))))  # type: ignore[arg-type]
        assert isinstance(out[0], ReadError) and out[0].code == "extraction_failed"
        assert "RuntimeError: boom" in out[0].reason
        assert not isinstance(out[1], ReadError)
        assert out[1].records["test_exploding"] == ({"ok": True},)
    finally:
        extract.unregister("test_exploding")
