"""`maillage import` of files that are not maillage exports (issue 13, row 13): one clear
error naming the file, nothing half-imported, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from maillage.errors import MalformedInput
from maillage.importer import import_json
from maillage.store import Store
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("image.json", (FIXTURES / "bad" / "image.txt").read_bytes()),
        ("list.json", b"[1, 2, 3]"),
        ("gold.json", json.dumps({"document": "a.txt", "entities": []}).encode()),
        ("number.json", b"42"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        ("no_ids.json", json.dumps({"facts": [{"predicate": "partner_of"}]}).encode()),
        ("wrong_types.json", json.dumps({"entities": ["org-x"], "documents": {"a": 1}}).encode()),
        ("latin1.json", '{"documents": [{"id": "d-1", "text": "élève"}]}'.encode("latin-1")),
        (
            "stream_bad_item.json",
            b'{"maillage": "0.1.0",\n"documents": [\n{"id": "d-1", "text": "x"},\n[1, 2]\n]}\n',
        ),
    ],
)
def test_importer_a_file_that_is_not_an_export_is_one_clear_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    store = Store.open(str(tmp_path / "g.db"))
    with pytest.raises(MalformedInput) as error:
        import_json(store, path)
    assert name in str(error.value) and "maillage export" in str(error.value)
    assert store.stats()["documents"] == 0


def test_importer_cli_says_what_is_wrong_in_one_line(tmp_path):
    path = tmp_path / "photo.json"
    path.write_bytes((FIXTURES / "bad" / "image.txt").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "maillage", "import", str(path), "--db", str(tmp_path / "g.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "photo.json" in result.stderr and "Traceback" not in result.stderr
    assert Path(tmp_path / "g.db").exists()
