"""The command line: exit codes, messages, help on every command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from maillage.cli import app
from tests.conftest import FIXTURES, ROOT

runner = CliRunner()


def maillage(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
    )


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("name", command_names())
def test_cli_every_command_has_help_and_documentation(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3
    assert f"maillage {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_ingest_exit_codes(tmp_path):
    db = str(tmp_path / "g.db")
    ok = maillage("ingest", str(FIXTURES / "good" / "latin1.txt"), "--db", db)
    assert ok.returncode == 0, ok.stderr
    some_bad = maillage(
        "ingest", str(FIXTURES / "bad" / "empty.txt"), str(FIXTURES / "good"), "--db", db
    )
    assert some_bad.returncode == 3
    assert "empty.txt" in some_bad.stderr and "[E002]" in some_bad.stderr
    usage = maillage("ingest", "--workers", "0", str(FIXTURES), "--db", db)
    assert usage.returncode == 2


def test_cli_user_mistakes_never_show_a_traceback(tmp_path):
    result = maillage("export", "--format", "xml", "--db", str(tmp_path / "g.db"))
    assert result.returncode == 2
    assert "[E200]" in result.stderr and "Traceback" not in result.stderr
    missing = maillage("documents", "d-nope", "--db", str(tmp_path / "g.db"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_cli_ingest_then_export_and_reingest(tmp_path):
    db = str(tmp_path / "g.db")
    first = maillage("ingest", str(FIXTURES / "good" / "crawl.warc.gz"), "--db", db)
    assert "new 3" in first.stdout
    again = maillage("ingest", str(FIXTURES / "good" / "crawl.warc.gz"), "--db", db)
    assert "new 0, duplicate 3" in again.stdout
    out = tmp_path / "export.json"
    assert maillage("export", "--format", "json", "--db", db, "-o", str(out)).returncode == 0
    export = json.loads(out.read_text(encoding="utf-8"))
    assert {d["url"] for d in export["documents"]} == {
        f"https://www.ecole-exemple.fr/actualites/{n}" for n in (1, 2, 3)
    }
    assert export["entities"] == [] or all("mentions" in e for e in export["entities"])
    assert isinstance(export["facts"], list)


def test_cli_reads_stdin(tmp_path):
    db = str(tmp_path / "g.db")
    result = maillage(
        "ingest", "-", "--db", db, input="Une convention signée entre deux écoles d'ingénieurs.\n"
    )
    assert result.returncode == 0 and "new 1" in result.stdout
    listing = maillage("documents", "--db", db)
    assert "<stdin>" in listing.stdout


def test_cli_shows_quarantine(tmp_path):
    db = str(tmp_path / "g.db")
    maillage("ingest", str(FIXTURES / "bad" / "dump.jsonl"), "--db", db)
    result = maillage("quarantine", "--db", db)
    assert "line 2" in result.stdout and "line 4" in result.stdout


@pytest.mark.slow
def test_cli_export_gives_every_fact_its_sentence_and_rule(tmp_path):
    db = str(tmp_path / "g.db")
    maillage("ingest", str(ROOT / "examples" / "articles"), "--db", db)
    out = tmp_path / "export.json"
    maillage("export", "--db", db, "-o", str(out))
    export = json.loads(out.read_text(encoding="utf-8"))
    texts = {d["id"]: d["text"] for d in export["documents"]}
    assert export["facts"] and export["entities"]
    for fact in export["facts"]:
        assert fact["evidence"], fact
        for evidence in fact["evidence"]:
            assert (
                texts[evidence["document"]][evidence["start"] : evidence["end"]] == evidence["text"]
            )
            assert evidence["rule"] and evidence["pipeline_version"]
