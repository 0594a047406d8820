"""The command line: help everywhere, version, extract's output contract and its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eventdesk import __version__
from eventdesk.cli import main
from eventdesk.schema import output_schema

DATA = Path(__file__).resolve().parent / "data" / "ingest"
REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "docs" / "extract-line.schema.json"


def command_names() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", [[], *[[name] for name in command_names()]])
def test_cli_help_on_every_command(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    if command:
        assert main.commands[command[0]].help, f"{command[0]} needs help text"


def test_cli_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_cli_extract_writes_the_output_contract(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main,
        ["extract", str(DATA / "market-shelling.html"), str(DATA / "feed.rss"), "-o", str(output)],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    schema = output_schema()
    for line in lines:
        jsonschema.validate(line, schema)
    documents = [line for line in lines if "document" in line]
    assert len(documents) == 2
    for line in documents:
        assert set(line) >= {"document", "entities", "quotes", "figures", "events"}
        assert set(line["document"]) >= {
            "id",
            "source_id",
            "url",
            "title",
            "published",
            "site",
            "text",
        }
        text = line["document"]["text"]
        for entity in line["entities"]:
            assert set(entity) >= {"name", "label", "mentions"}
            for mention in entity["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
    assert "2 documents, 1 errors/skips" in result.stderr


def test_cli_extract_stdout_by_default() -> None:
    result = CliRunner().invoke(main, ["extract", "--quiet", str(DATA / "port-protest.txt")])
    assert result.exit_code == 0
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["document"]["title"] == "Dockworkers protest in Halvik as port closure looms"


def test_cli_unknown_extractor_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["extract", "--extractors", "nope", str(DATA)])
    assert result.exit_code == 1 or result.exit_code == 2
    assert "no extractor named 'nope'" in result.output
    assert "Traceback" not in result.output


def test_schema_document_is_generated_from_the_model() -> None:
    """docs/extract-line.schema.json is `eventdesk schema` output; regenerate it when records change."""
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == output_schema(), "run: eventdesk schema > docs/extract-line.schema.json"
    jsonschema.Draft202012Validator.check_schema(committed)


def test_registry_snapshot() -> None:
    """Registered extractors in run order (tests/golden/extractors.json); update on purpose only."""
    from eventdesk import extract

    plan = [
        {"name": e.name, "record_type": e.record_type.__name__, "requires": list(e.requires)}
        for e in extract.resolve(None)
    ]
    names = [entry["name"] for entry in plan]
    for position, entry in enumerate(plan):
        assert all(names.index(needed) < position for needed in entry["requires"])
    snapshot = json.loads(
        (REPO / "tests" / "golden" / "extractors.json").read_text(encoding="utf-8")
    )
    assert plan == snapshot
