"""The ingest orchestrator: counts, idempotence, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from maillage.ingest import ingest
from maillage.settings import Settings
from maillage.store import Store
from tests.conftest import FIXTURES
from tests.engines.extractors import plain


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:04d}.txt").write_text(
            f"Article {n}. L'école numéro {n} signe une convention avec l'université {n + 1}.",
            encoding="utf-8",
        )


def test_ingest_counts_new_duplicate_and_quarantined(tmp_path, settings):
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "copy.md").write_text(
        "Article 1. L'école numéro 1 signe une convention avec l'université 2."
    )
    (tmp_path / "in" / "empty.txt").write_text("")
    report = ingest([str(tmp_path / "in")], settings)
    assert (report.read, report.new, report.duplicate, len(report.quarantined)) == (4, 3, 1, 1)
    assert report.exit_code == 3
    again = ingest([str(tmp_path / "in")], settings)
    assert (again.new, again.duplicate) == (0, 4)


def test_ingest_same_article_from_another_format_adds_nothing(tmp_path, settings):
    text = "Le 3 mars 2021, Polytech Lille et Centrale Lille ont signé un accord-cadre."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": text, "url": "https://ex.fr/a"}) + "\n")
    report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")], settings)
    assert (report.new, report.duplicate) == (1, 1)


def test_ingest_stores_every_good_document_of_a_mixed_batch(settings):
    report = ingest([str(FIXTURES / "bad"), str(FIXTURES / "good")], settings)
    store = Store.open(settings.db)
    assert store.stats()["documents"] == report.new > 0
    assert store.stats()["quarantined"] == len(report.quarantined) >= 9


def test_ingest_with_worker_processes_matches_in_process(tmp_path):
    write_articles(tmp_path / "in", 12)
    one = ingest([str(tmp_path / "in")], Settings(db=f"sqlite:///{tmp_path}/one.db"))
    two = ingest(
        [str(tmp_path / "in")], Settings(db=f"sqlite:///{tmp_path}/two.db", workers=2, batch_size=5)
    )
    assert one.new == two.new == 12


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"select count(*) from {table}").fetchone()[0]


def test_ingest_survives_kill_9_and_resumes_without_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    write_articles(corpus, 1500)
    db = tmp_path / "graph.db"
    command = [
        sys.executable,
        "-m",
        "maillage",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        "20",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists() and _safe_count(db) >= 100:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _safe_count(db)
    assert 0 < partial < 1500, "the kill must land in the middle of the ingest"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("select id from documents")]
    assert len(ids) == len(set(ids)) == 1500
    assert f"duplicate {partial}" in rerun.stdout


def _safe_count(db: Path) -> int:
    try:
        return _count(db, "documents")
    except sqlite3.Error:
        return 0


def test_ingest_a_document_that_breaks_extraction_is_stored_and_reported(tmp_path, monkeypatch):
    import maillage.extract as extraction

    real = extraction._record

    def fragile(document, doc):
        if "PIÈGE" in document.text:
            raise RuntimeError("rule crashed")
        return real(document, doc)

    monkeypatch.setattr(extraction, "_record", fragile)
    (tmp_path / "a.txt").write_text("L'ENSIC et l'UTBM ont signé une convention.", "utf-8")
    (tmp_path / "b.txt").write_text("PIÈGE : l'ENSIC recrute.", "utf-8")
    settings = Settings(db=f"sqlite:///{tmp_path / 'g.db'}")
    store = Store.open(settings.db)
    report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], settings, store)
    assert report.new == 2 and report.exit_code == 3
    [problem] = report.quarantined
    assert (
        problem.code == "E301"
        and problem.source.endswith("b.txt")
        and "rule crashed" in problem.reason
    )
    assert store.stats()["documents"] == 2 and store.stats()["facts"] >= 1
    assert [q["code"] for q in store.quarantined()] == ["E301"]


def _jsonl(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"text": f"Ecole{n} signe avec Institut{n + 1}.", "url": f"u{n}"}))
            out.write("\n\n" if n % 100 == 0 else "\n")  # a few blank lines, not items
    return path


def test_ingest_streams_a_large_jsonl_in_bounded_batches(tmp_path, monkeypatch):
    import maillage.ingest as ingesting
    from tests.engines import extractors

    source = _jsonl(tmp_path / "dump.jsonl", 3000)
    read = extracted = lead = 0
    real_read = ingesting.read_sources

    def counted(*args, **kwargs):
        nonlocal read
        for item in real_read(*args, **kwargs):
            read += 1
            yield item

    def extract(documents):
        nonlocal extracted, lead
        lead = max(lead, read - extracted)
        extracted += len(documents)
        return extractors.plain(documents)

    monkeypatch.setattr(ingesting, "read_sources", counted)
    report = ingest(
        [str(source)], Settings(db=f"sqlite:///{tmp_path}/g.db", batch_size=25), extractor=extract
    )
    assert report.new == 3000
    # the reader is never more than the batches in flight (2) and the one being read ahead
    assert 0 < lead <= 25 * 3


def test_ingest_counts_the_total_cheaply_for_the_bar(tmp_path):
    from maillage.sources import count_items

    folder = tmp_path / "in"
    write_articles(folder, 3)
    _jsonl(folder / "dump.jsonl", 250)
    (folder / "README").mkdir()
    settings = Settings()
    assert count_items([str(folder)], settings) == 253
    assert count_items([str(FIXTURES / "good" / "crawl.warc.gz")], settings) is None
    totals: list[int | None] = []
    from maillage.engines import Feedback

    report = ingest(
        [str(folder)],
        Settings(db=f"sqlite:///{tmp_path}/g.db"),
        feedback=Feedback(total=totals.append),
    )
    assert totals == [253] and report.read == 253


def _export_of(db: Path) -> str:
    import io

    from maillage.export.json import write_json

    store = Store.open(f"sqlite:///{db}")
    out = io.StringIO()
    write_json(store, out)
    store.close()
    return out.getvalue()


def test_ingest_killed_then_rerun_ends_with_exactly_the_uninterrupted_export(tmp_path):
    corpus = tmp_path / "corpus"
    write_articles(corpus, 400)
    reference = tmp_path / "reference.db"
    command = [
        sys.executable,
        "-m",
        "maillage",
        "ingest",
        str(corpus),
        "--batch-size",
        "10",
        "--db",
    ]
    subprocess.run([*command, str(reference)], check=True, capture_output=True, timeout=300)
    db = tmp_path / "graph.db"
    process = subprocess.Popen(
        [*command, str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (db.exists() and _safe_count(db) >= 60):
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < _safe_count(db) < 400, "the kill must land in the middle of the ingest"
    rerun = subprocess.run([*command, str(db)], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _export_of(db) == _export_of(reference)


@pytest.mark.postgres
def test_ingest_refreshes_postgresql_statistics_before_consolidating(tmp_path, postgres_url):
    write_articles(tmp_path / "in", 3)
    store = Store.open(postgres_url)
    ingest([str(tmp_path / "in")], Settings(db=postgres_url), store, extractor=plain)
    with store.engine.connect() as connection:
        query = "select reltuples from pg_class where oid = 'documents'::regclass"
        assert connection.exec_driver_sql(query).scalar() == 3  # ANALYZE counted them
    store.close()
