"""Store and environment faults (issue 13, rows 8 and 9): each is one maillage error with a
code and what to do, the store is intact afterwards, and concurrent openers migrate once."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from maillage import curation
from maillage.errors import (
    CannotOpenDatabase,
    DatabaseLocked,
    DiskFull,
    NewerSchema,
    NotADatabase,
    ReadOnlyDatabase,
    UnstorableText,
    UnsupportedDatabase,
    WriteConflict,
)
from maillage.models import Document, ExtractionRecord, RawDocument
from maillage.store import Store
from maillage.store.engine import head_revision, schema_version
from maillage.store.faults import retrying
from tests.builders import Article, org, report


def article(n: int, words: int = 0) -> ExtractionRecord:
    a, b = org(f"a{n}", f"École {n}"), org(f"b{n}", f"Université {n}")
    facts = [report("partner_of", a.key, b.key, kind="agreement", date="2021")]
    name = f"article-{n}" + " une convention entre deux écoles" * words
    return Article(name, "2021-01-01", [a, b], facts).record()


@pytest.mark.parametrize("url", ["mysql://user@host/db", "mssql+pyodbc://x", "oracle://x/y"])
def test_engine_refuses_a_database_maillage_cannot_use(url):
    with pytest.raises(UnsupportedDatabase) as error:
        Store.open(url)
    assert error.value.code == "E210" and "postgresql+psycopg://" in str(error.value)


def test_engine_a_file_that_is_not_a_database_is_one_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Ceci est un texte, pas une base de données.\n" * 100)
    with pytest.raises(NotADatabase) as error:
        Store.open(str(path))
    assert error.value.code == "E104" and str(path) in str(error.value)


def test_engine_a_database_from_a_newer_maillage_is_refused_untouched(sqlite_url):
    Store.open(sqlite_url).close()
    store = Store.open(sqlite_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(NewerSchema) as error:
        Store.open(sqlite_url)
    assert "9999_future" in str(error.value) and "Upgrade maillage" in str(error.value)
    assert schema_version(Store(store.engine).engine) == "9999_future"


def test_engine_a_missing_folder_says_which_path(tmp_path):
    with pytest.raises(CannotOpenDatabase) as error:
        Store.open(f"sqlite:///{tmp_path}/no/such/dir/graph.db")
    assert error.value.code == "E106" and "--db" in str(error.value)


@pytest.mark.postgres
def test_engine_an_unreachable_postgresql_is_one_clear_error(postgres_url):
    with pytest.raises(CannotOpenDatabase) as error:
        Store.open("postgresql+psycopg://root@127.0.0.1:1/test")
    assert error.value.code == "E106" and "server runs" in str(error.value)


def test_engine_a_write_lock_held_past_the_busy_timeout_is_database_locked(tmp_path):
    path = tmp_path / "g.db"
    store = Store.open(str(path), busy_timeout_ms=200)
    store.save([article(1)])
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseLocked) as error:
            curation.add_alias(store, "org-a1", "ENS 1", author="curator")
        assert error.value.code == "E101" and "run this one again" in str(error.value)
        assert time.monotonic() - started < 10  # waited, then gave up: not forever
    finally:
        holder.rollback()
        holder.close()
    curation.add_alias(store, "org-a1", "ENS 1", author="curator")  # the lock is gone


@pytest.mark.postgres
def test_engine_a_nul_character_reaching_postgresql_is_one_clear_error(postgres_url):
    store = Store.open(postgres_url)
    record = article(1)
    record.document = Document.from_raw(RawDocument(text="NUL \x00 ici", source="x.txt"))
    with pytest.raises(UnstorableText) as error:
        store.save([record])
    assert error.value.code == "E109"
    assert store.stats()["documents"] == 0


def test_faults_retrying_gives_up_after_its_attempts_with_the_store_error():
    calls = []

    def conflicting() -> None:
        calls.append(1)
        raise WriteConflict("deadlock detected.")

    with pytest.raises(WriteConflict):
        retrying(conflicting, attempts=3)
    assert len(calls) == 3


def test_faults_retrying_returns_once_the_conflict_is_gone():
    outcomes = [WriteConflict("deadlock"), DatabaseLocked("busy"), "done"]

    def flaky() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert retrying(flaky) == "done"


# -- migrations serialized (row 8) --------------------------------------------------------
def _open(url: str, barrier: multiprocessing.synchronize.Barrier) -> str:
    barrier.wait()
    try:
        store = Store.open(url)
        version = schema_version(store.engine) or ""
        store.close()
        return version
    except Exception as exc:  # the test reports what went wrong in which process
        return f"{type(exc).__name__}: {exc}"


def _open_at_once(url: str, processes: int = 6) -> list[str]:
    context = multiprocessing.get_context("fork")
    barrier = context.Manager().Barrier(processes)
    with context.Pool(processes) as pool:
        return pool.starmap(_open, [(url, barrier)] * processes)


def test_engine_processes_opening_a_new_sqlite_database_at_once_migrate_it_once(tmp_path):
    outcomes = _open_at_once(f"sqlite:///{tmp_path / 'new.db'}")
    assert outcomes == [head_revision()] * 6


@pytest.mark.postgres
def test_engine_processes_opening_a_new_postgresql_schema_at_once_migrate_it_once(postgres_url):
    outcomes = _open_at_once(postgres_url)
    assert outcomes == [head_revision()] * 6


def test_engine_cli_reports_a_store_problem_in_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"\x00garbage" * 512)
    result = subprocess.run(
        [sys.executable, "-m", "maillage", "stats", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "[E104]" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3
    assert Path(path).read_bytes() == b"\x00garbage" * 512


# -- disk full and read-only databases (row 9) ------------------------------------------------
def big_article(n: int) -> ExtractionRecord:
    return article(n, words=300)


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


@contextmanager
def small_filesystem(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.decode()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(store: Store, batches: int = 200) -> tuple[int, BaseException]:
    """Save batches of 5 big articles until the store fails; (batches saved, the error)."""
    for batch in range(batches):
        try:
            store.save([big_article(batch * 5 + i) for i in range(5)])
        except Exception as exc:  # the test checks which
            return batch, exc
    raise AssertionError("the filesystem never filled up")


def test_store_disk_full_is_one_error_and_what_was_saved_stays_whole(tmp_path):
    with small_filesystem(tmp_path / "small", "600k") as folder:
        path = folder / "g.db"
        store = Store.open(str(path))
        saved, error = fill(store)
        assert isinstance(error, DiskFull), repr(error)
        assert error.code == "E102" and "Free some space" in str(error)
        assert store.stats()["documents"] == saved * 5
        store.close()
        assert integrity(path) == "ok"
        subprocess.run(["mount", "-o", "remount,size=8m", str(folder)], check=True)
        store = Store.open(str(path))
        store.save([big_article(saved * 5 + i) for i in range(5)])  # the same batch, now fits
        assert store.stats()["documents"] == (saved + 1) * 5


_FILL_UNDER_RLIMIT = """
import resource, signal, sys
sys.path.insert(0, sys.argv[2])
from tests.store.test_faults import fill
from maillage.store import Store
store = Store.open(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (700_000, resource.RLIM_INFINITY))
saved, error = fill(store)
print(saved, getattr(error, "code", repr(error)))
"""


def test_store_file_size_limit_is_one_error_and_what_was_saved_stays_whole(tmp_path):
    """The same without privileges: RLIMIT_FSIZE makes every write past 700 kB fail."""
    path = tmp_path / "g.db"
    root = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [sys.executable, "-c", _FILL_UNDER_RLIMIT, str(path), root],
        capture_output=True,
        text=True,
        timeout=300,
    )
    saved, code = result.stdout.split()
    assert code == "E102", result.stderr
    assert integrity(path) == "ok"
    assert Store.open(str(path)).stats()["documents"] == int(saved) * 5


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file cannot be written, even by root (immutable attribute), else by permissions."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if made.returncode:
            pytest.skip(f"cannot make a file immutable here: {made.stderr.decode()}")
        undo = ["chattr", "-i", str(path)]
    else:
        path.chmod(0o444)
        undo = ["chmod", "644", str(path)]
    try:
        yield
    finally:
        subprocess.run(undo, check=False)


def test_store_a_read_only_database_reads_and_refuses_writes_clearly(tmp_path):
    path = tmp_path / "g.db"
    store = Store.open(str(path))
    store.save([article(1)])
    store.close()
    with read_only(path):
        store = Store.open(str(path))
        assert store.stats()["documents"] == 1
        with pytest.raises(ReadOnlyDatabase) as error:
            store.save([article(2)])
        assert error.value.code == "E103" and "permissions" in str(error.value)
        with pytest.raises(ReadOnlyDatabase):
            curation.add_alias(store, "org-a1", "ENS 1", author="curator")
        store.close()
        result = subprocess.run(
            [sys.executable, "-m", "maillage", "token", "create", "--name", "x", "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 1
    assert "[E103]" in result.stderr and "Traceback" not in result.stderr
