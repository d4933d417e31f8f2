"""Issue 13 row 6 and fault injection: kill -9 of ingest, consolidation and reprocess at
chosen and at random points (the seed is in the test name); the next command finds the
interrupted run, finishes it and says so, and the graph ends exactly as without the kill,
every curation decision intact, a rejected fact never back."""

from __future__ import annotations

import io
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from maillage import curation
from maillage.export.json import write_json
from maillage.store import Store
from maillage.store.schema import decisions, facts, runs
from tests.conftest import ROOT

ARTICLES = 40
POINTS = ("saved", "saving", "consolidating", "deciding", "finishing")
SEEDS = [int(s) for s in os.environ.get("MAILLAGE_FAULT_SEEDS", "11,23,37,42").split(",")]


def _pair(n: int) -> tuple[int, int]:
    a, b = n % 8, (n * 3 + 1) % 8
    return a, (b if b != a else (a + 1) % 8)


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("articles")
    halves = (root / "first", root / "second")
    for n in range(ARTICLES):
        folder = halves[n >= ARTICLES // 2]
        folder.mkdir(exist_ok=True)
        a, b = _pair(n)
        text = f"Article {n}. Ecole{a} signe avec Ecole{b} le {n + 1} mars."
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    return halves


def chaos(db: Path, command: str, *args: str, kill: str | None = None):
    argv = [sys.executable, "-m", "tests.store.chaos", command, f"sqlite:///{db}", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        argv + (["--kill", kill] if kill else []),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )


def _fact_between(store: Store, a: str, b: str) -> dict:
    with store.engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(select(facts))]
    [row] = [r for r in rows if {r["subject_id"], r["object_id"]} == {a, b}]
    return row


def _decide(db: Path) -> None:
    store = Store.open(f"sqlite:///{db}")
    rejected = _fact_between(store, "org-e0", "org-e1")
    curation.reject(store, rejected["id"], author="curator", reason="wrong pair")
    accepted = _fact_between(store, "org-e2", "org-e7")
    curation.accept(store, accepted["id"], author="curator")
    store.close()


def _check(db: Path) -> None:
    """Integrity, exact counts, no run left open, the decisions in force."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("select count(*) from documents").fetchone()[0] in (
            ARTICLES // 2,
            ARTICLES,
        )
    store = Store.open(f"sqlite:///{db}")
    with store.engine.connect() as connection:
        assert connection.scalar(select(runs.c.id).where(runs.c.finished_at.is_(None))) is None
        assert len(connection.execute(select(decisions)).all()) == 2
    assert _fact_between(store, "org-e0", "org-e1")["curation"] == "rejected"
    assert _fact_between(store, "org-e2", "org-e7")["curation"] == "accepted"
    store.close()


def _export(db: Path) -> str:
    store = Store.open(f"sqlite:///{db}")
    out = io.StringIO()
    write_json(store, out)
    store.close()
    return out.getvalue()


def scenario(
    db: Path, folders, ingest_kill: str | None, reprocess_kill: str | None
) -> tuple[str, int]:
    """First half ingested and curated; second half ingested (maybe killed, then rerun);
    reprocess (maybe killed, then rerun). Returns the final export and how many kills
    landed."""
    killed = 0
    first, second = folders
    assert chaos(db, "ingest", str(first)).returncode == 0
    _decide(db)
    for command, args, kill in (
        ("ingest", [str(second)], ingest_kill),
        ("reprocess", [], reprocess_kill),
    ):
        done = chaos(db, command, *args, kill=kill)
        assert done.returncode in (0, -9), done.stderr
        if done.returncode == -9:
            killed += 1
            again = chaos(db, command, *args)
            assert again.returncode == 0, again.stderr
            assert "was interrupted" in again.stdout, again.stdout
        _check(db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from documents").fetchone()[0] == ARTICLES
    return _export(db), killed


@pytest.fixture(scope="module")
def reference(folders, tmp_path_factory) -> str:
    return scenario(tmp_path_factory.mktemp("reference") / "graph.db", folders, None, None)[0]


@pytest.mark.parametrize(
    ("ingest_kill", "reprocess_kill"),
    [("saved:2", None), ("consolidating:1", None), (None, "saving:3"), (None, "deciding:1")],
)
def test_recovery_kill_9_at_a_chosen_point_ends_as_the_uninterrupted_run(
    tmp_path, folders, reference, ingest_kill, reprocess_kill
):
    export, killed = scenario(tmp_path / "graph.db", folders, ingest_kill, reprocess_kill)
    assert killed == 1
    assert export == reference


@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed-{s}" for s in SEEDS])
def test_recovery_kill_9_at_random_points_of_ingest_and_reprocess(
    tmp_path, folders, reference, seed
):
    rng = random.Random(seed)
    kills = [f"{rng.choice(POINTS)}:{rng.randint(1, 3)}" for _ in range(2)]
    export, killed = scenario(tmp_path / "graph.db", folders, *kills)
    assert export == reference, (kills, killed)


def test_recovery_reader_warns_and_next_command_says_it_finished_the_run(tmp_path, folders):
    db = tmp_path / "graph.db"
    first, _ = folders
    assert chaos(db, "ingest", str(first)).returncode == 0
    assert chaos(db, "reprocess", kill="saved:2").returncode == -9
    stats = subprocess.run(
        [sys.executable, "-m", "maillage", "stats", "--db", str(db)], capture_output=True, text=True
    )
    assert stats.returncode == 0
    assert "(reprocess) was interrupted" in stats.stderr
    rerun = chaos(db, "ingest", str(first))
    assert "(reprocess) was interrupted: continuing it" in rerun.stdout
    with sqlite3.connect(db) as connection:
        assert (
            connection.execute("select count(*) from runs where finished_at is null").fetchone()[0]
            == 0
        )
        outcomes = [r[0] for r in connection.execute("select outcome from runs order by id")]
    assert outcomes == ["done", "finished after an interruption", "done"]
