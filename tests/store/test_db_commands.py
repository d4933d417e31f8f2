"""`maillage db check` reports the schema version without changing it; `maillage db
upgrade` migrates an existing database."""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from maillage.store import Store
from maillage.store.engine import MIGRATIONS, head_revision, schema_version


def maillage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args], capture_output=True, text=True, timeout=120
    )


def _downgrade(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_db_check_reports_an_old_schema_and_upgrade_brings_it_to_the_head(tmp_path):
    db = tmp_path / "graph.db"
    url = f"sqlite:///{db}"
    Store.open(url).close()
    _downgrade(url, "0005_web_read_indexes")
    check = maillage("db", "check", "--db", str(db))
    assert check.returncode == 1
    assert "schema version: 0005_web_read_indexes" in check.stdout
    assert f"newest known:   {head_revision()}" in check.stdout and "behind" in check.stdout
    engine = create_engine(url)
    assert schema_version(engine) == "0005_web_read_indexes"  # check changed nothing
    engine.dispose()
    upgrade = maillage("db", "upgrade", "--db", str(db))
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"from 0005_web_read_indexes to {head_revision()}" in upgrade.stdout
    again = maillage("db", "check", "--db", str(db))
    assert again.returncode == 0 and "up to date" in again.stdout
    assert "already at the newest" in maillage("db", "upgrade", "--db", str(db)).stdout


def test_db_check_of_a_missing_database_creates_nothing(tmp_path):
    done = maillage("db", "check", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 2 and "[E160]" in done.stderr
    assert not (tmp_path / "none.db").exists()
