"""The CLI's error edge (issue 13): every mistake and fault is one short line with a code
and what to do, never a traceback; folders report what they skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maillage import cli
from maillage.errors import InvalidSetting, UnsupportedDatabase
from maillage.models import Document, ExtractionRecord
from tests.conftest import FIXTURES

runner = CliRunner()


def maillage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def one_clean_line(result: subprocess.CompletedProcess[str], code: str) -> None:
    assert f"[{code}]" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) <= 2


def test_cli_an_unsupported_database_url_is_a_usage_error_in_one_line():
    result = maillage("stats", "--db", "mysql://root@localhost/maillage")
    assert result.returncode == 2
    one_clean_line(result, "E210")


@pytest.mark.parametrize(
    "url", ["redis://localhost", "postgresql+asyncpg://x/y", "sqlite+aiosqlite:///x"]
)
def test_cli_every_unsupported_database_url_is_refused(url):
    result = runner.invoke(cli.app, ["stats", "--db", url])
    assert isinstance(result.exception, UnsupportedDatabase)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("MAILLAGE_BATCH_SIZE", "abc"), ("MAILLAGE_WORKERS", "0"), ("MAILLAGE_RATE_LIMIT", "1.5")],
)
def test_cli_an_invalid_setting_names_the_variable(tmp_path, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    result = runner.invoke(cli.app, ["stats", "--db", str(tmp_path / "g.db")])
    assert isinstance(result.exception, InvalidSetting)
    assert result.exception.code == "E211" and result.exception.exit_code == 2
    name = variable.removeprefix("MAILLAGE_").lower()
    assert variable in str(result.exception) or name in str(result.exception)


def test_cli_an_invalid_setting_is_one_line_without_traceback(tmp_path):
    result = maillage("stats", "--db", str(tmp_path / "g.db"), MAILLAGE_BATCH_SIZE="abc")
    assert result.returncode == 2
    one_clean_line(result, "E211")
    assert "MAILLAGE_BATCH_SIZE='abc'" in result.stderr


def test_cli_an_unexpected_error_is_one_line_with_a_report_file(monkeypatch, capsys):
    def broken() -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "[E500]" in err and "please report" in err and "Traceback" not in err
    report = Path(err.split("details in ")[1].split()[0].rstrip("."))
    assert "RuntimeError: a bug" in report.read_text(encoding="utf-8")
    report.unlink()


def test_cli_a_maillage_error_keeps_its_exit_code(monkeypatch, capsys):
    from maillage.errors import DiskFull

    def full() -> None:
        raise DiskFull("the disk is full.", "Free some space.")

    monkeypatch.setattr(cli, "app", full)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    assert capsys.readouterr().err.strip() == "error [E102] the disk is full. Free some space."


def _without_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """`maillage ingest` in process with an extractor that finds nothing (no spaCy)."""
    real = cli.ingest

    def records(documents: list[Document]) -> list[ExtractionRecord]:
        return [ExtractionRecord(d, pipeline_version="test") for d in documents]

    monkeypatch.setattr(cli, "ingest", lambda *a, **k: real(*a, **k, extractor=records))


def test_cli_ingest_counts_the_files_of_folders_that_are_not_articles(tmp_path, monkeypatch):
    _without_extraction(monkeypatch)
    corpus = tmp_path / "corpus"
    (corpus / "gold").mkdir(parents=True)
    (corpus / "a.txt").write_text("L'ENSIC et l'UTBM signent une convention.", "utf-8")
    (corpus / "README.md").write_text("Les articles de ce dossier.", "utf-8")
    (corpus / "gold" / "a.json").write_text('{"entities": []}', "utf-8")
    (corpus / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (corpus / "draft.txt").write_text("Un brouillon sur une fusion.", "utf-8")
    db = str(tmp_path / "g.db")
    result = runner.invoke(cli.app, ["ingest", str(corpus), "--db", db, "--exclude", "draft*"])
    assert result.exit_code == 0, result.output
    assert "read 1, new 1" in result.output
    assert "skipped 4 files" in result.output


def test_cli_ingest_report_lines_cannot_be_forged_by_a_file_name(tmp_path, monkeypatch):
    _without_extraction(monkeypatch)
    name = "x.txt\nquarantined passwd: [E002] forged"
    (tmp_path / name).write_text("")
    result = runner.invoke(
        cli.app, ["ingest", str(tmp_path / name), "--db", str(tmp_path / "g.db")]
    )
    assert result.exit_code == 3
    assert not [
        line for line in result.output.splitlines() if line.startswith("quarantined passwd")
    ]
    assert "x.txt\\nquarantined passwd" in result.output.replace("\n", "")


@pytest.mark.slow
def test_cli_a_fifo_on_the_command_line_does_not_block_ingest(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    result = maillage("ingest", str(tmp_path / "pipe"), "--db", str(tmp_path / "g.db"))
    assert result.returncode == 3
    assert "[E012]" in result.stderr and "FIFO" in result.stderr


@pytest.mark.slow
def test_cli_a_jsonl_line_with_a_lone_surrogate_loses_nothing(tmp_path):
    """Issue 13, row 1: the whole batch was lost, and every rerun failed the same way."""
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        '{"text": "L\'ENSIC signe une convention avec l\'UTBM."}\n'
        '{"text": "Un lone \\ud800 surrogate dans une convention entre deux écoles."}\n'
        '{"text": "L\'INSA Lyon rejoint le réseau des écoles."}\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "g.db")
    result = maillage("ingest", str(dump), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "read 3, new 3" in result.stdout
    extracted = maillage("extract", str(dump))
    assert extracted.returncode == 0 and "Traceback" not in extracted.stderr


@pytest.mark.slow
def test_cli_the_good_files_of_a_run_are_stored_whatever_else_is_in_it(tmp_path):
    bomb = tmp_path / "bomb.warc.gz"
    import gzip

    with gzip.open(bomb, "wb") as out:
        out.write(b"\0" * 50_000_000)
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "\n")
    result = maillage(
        "ingest",
        str(bomb),
        str(deep),
        str(FIXTURES / "good" / "latin1.txt"),
        "--db",
        str(tmp_path / "g.db"),
    )
    assert result.returncode == 3, result.stderr
    assert "new 1" in result.stdout and "Traceback" not in result.stderr
    assert "[E013]" in result.stderr and "[E011]" in result.stderr
