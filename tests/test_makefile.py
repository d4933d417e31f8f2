"""`make demo` builds its own demo.db and installs only maillage itself: a user's
maillage.db is never touched (issue 12)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

FAKE_TOOL = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
"""


def _sandbox(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with the real Makefile, fake venv tools that log their arguments, and the
    web assets already built, so that `make demo-db` runs its own recipe for real."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for name in ("pyproject.toml", "package.json", "package-lock.json"):
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "pip", "maillage"):
        path = bin_dir / tool
        path.write_text(FAKE_TOOL.format(log=log), encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    built = tmp_path / "src/maillage/web/static/vendor/.built"
    built.parent.mkdir(parents=True)
    built.touch()
    later = built.stat().st_mtime + 10
    os.utime(built, (later, later))
    return tmp_path, log


def test_make_demo_db_leaves_maillage_db_untouched(tmp_path):
    folder, log = _sandbox(tmp_path)
    user_db = folder / "maillage.db"
    user_db.write_bytes(b"the user's own graph")
    done = subprocess.run(
        ["make", "-C", str(folder), "demo-db"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert user_db.read_bytes() == b"the user's own graph"
    calls = log.read_text(encoding="utf-8").splitlines()
    assert "pip install --quiet -e ." in calls  # the demo needs no test tools
    assert not any("[test]" in call for call in calls)
    ingest = next(call for call in calls if call.startswith("maillage ingest"))
    assert ingest.endswith("--db demo.db")
    assert not any("maillage.db" in call for call in calls)


def test_make_demo_commands_never_name_maillage_db():
    done = subprocess.run(
        ["make", "-n", "-B", "-C", str(ROOT), "demo"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "maillage.db" not in done.stdout and "rm -f demo.db" in done.stdout
    assert "serve --db demo.db" in done.stdout
