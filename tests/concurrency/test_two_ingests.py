"""Issue 13 row 8: two ingests into one database at once, their articles naming the same
schools in opposite orders and some articles in both: no deadlock or lock error reaches
the user, both runs' articles are stored once each, nothing is written twice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from maillage.store import Store
from maillage.store.schema import documents, evidence, mentions, runs
from tests.conftest import ROOT

SCHOOLS = 12


def _write(folder: Path, numbers: range, reverse: bool) -> None:
    folder.mkdir(parents=True)
    for n in numbers:
        a, b = n % SCHOOLS, (n * 5 + 3) % SCHOOLS
        a, b = (b, a) if reverse else (a, b)
        b = b if b != a else (a + 1) % SCHOOLS
        text = f"Article {n}. Ecole{a} signe avec Ecole{b}."
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


@pytest.mark.parametrize(
    "url_fixture", ["sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)]
)
def test_concurrency_two_ingests_at_once_store_both_runs_without_deadlock(
    request, tmp_path, url_fixture
):
    url = request.getfixturevalue(url_fixture)
    Store.open(url).close()  # the schema exists before both start (migration races: test_faults)
    _write(tmp_path / "one", range(0, 150), reverse=False)
    _write(
        tmp_path / "two", range(100, 250), reverse=True
    )  # 50 numbers in both, school order swapped
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.store.chaos", "ingest", url]
    writers = [
        subprocess.Popen(
            [*command, str(tmp_path / name)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for name in ("one", "two")
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "Deadlock" not in err and "E107" not in err and "E101" not in err
    store = Store.open(url)
    # the two folders' texts differ (school order), so 300 distinct documents
    assert _count(store, documents) == 300
    assert _count(store, mentions) == 600  # two per document, none written twice
    assert _count(store, evidence) == 300
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).where(runs.c.finished_at.is_(None))) == 0
    store.close()


def test_concurrency_same_articles_ingested_twice_at_once_are_stored_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'graph.db'}"
    Store.open(url).close()
    _write(tmp_path / "one", range(0, 120), reverse=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.store.chaos", "ingest", url, str(tmp_path / "one")]
    writers = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [e for _, e in outputs]
    news = sorted(int(out.split()[1]) for out, _ in outputs)
    assert sum(news) == 120  # each article stored by exactly one of them
    store = Store.open(url)
    assert _count(store, documents) == 120
    assert _count(store, mentions) == 240
    store.close()
