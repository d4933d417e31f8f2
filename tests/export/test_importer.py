"""`maillage import`: a JSON export loaded into a store; export -> import -> export is identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from maillage.errors import MalformedInput, UsageError
from maillage.export.json import write_json
from maillage.importer import import_json
from maillage.store import Store
from maillage.store.schema import facts
from tests.export.conftest import build_graph


def empty(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'target.db'}")


def export_to(store: Store, path: Path) -> str:
    with path.open("w", encoding="utf-8") as out:
        write_json(store, out)
    return path.read_text(encoding="utf-8")


def test_importer_round_trip_is_identical(graph, tmp_path):
    store, _ = graph
    first = export_to(store, tmp_path / "first.json")
    target = empty(tmp_path)
    report = import_json(target, tmp_path / "first.json")
    assert report.read == {"documents": 2, "entities": 6, "facts": 6}
    assert report.new["facts"] == 6 and report.new["evidence"] == 7
    assert export_to(target, tmp_path / "second.json") == first


def test_importer_round_trip_into_each_backend(db_url, tmp_path):
    source = Store.open(f"sqlite:///{tmp_path / 'source.db'}")
    build_graph(source)
    first = export_to(source, tmp_path / "first.json")
    target = Store.open(db_url)
    import_json(target, tmp_path / "first.json")
    assert export_to(target, tmp_path / "second.json") == first
    target.close()


def test_importer_marks_facts_imported_and_keeps_curation(graph, tmp_path):
    store, ids = graph
    export_to(store, tmp_path / "e.json")
    target = empty(tmp_path)
    import_json(target, tmp_path / "e.json")
    with target.engine.connect() as connection:
        rows = {r.id: r for r in connection.execute(select(facts))}
    assert {r.origin for r in rows.values()} == {"imported"}
    assert rows[ids["partner"]].curation == "accepted"


def test_importer_merges_with_what_the_store_has(graph, tmp_path):
    store, ids = graph
    export_to(store, tmp_path / "e.json")
    before = store.stats()
    again = import_json(store, tmp_path / "e.json")
    assert store.stats() == before
    assert set(again.new.values()) == {0}
    # A fact known here gains the evidence another machine found.
    export = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    fact = next(f for f in export["facts"] if f["id"] == ids["role"])
    fact["evidence"].append(
        {**fact["evidence"][0], "start": 0, "end": 5, "text": "Le 18", "rule": "role.other"}
    )
    (tmp_path / "more.json").write_text(json.dumps({"facts": [fact]}), encoding="utf-8")
    report = import_json(store, tmp_path / "more.json")
    assert report.new == {"documents": 0, "entities": 0, "mentions": 0, "facts": 0, "evidence": 1}
    with store.engine.connect() as connection:
        origin = connection.scalar(select(facts.c.origin).where(facts.c.id == ids["role"]))
    assert origin == "extracted"


def test_importer_reads_any_valid_json_export(graph, tmp_path):
    store, _ = graph
    first = export_to(store, tmp_path / "e.json")
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(first), indent=2, ensure_ascii=False), encoding="utf-8")
    target = empty(tmp_path)
    import_json(target, pretty)
    assert export_to(target, tmp_path / "again.json") == first


def test_importer_explains_a_broken_file(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"maillage": {},\n"documents": [\n  {"id": "d-1", "text": \n]}\n', encoding="utf-8"
    )
    with pytest.raises(MalformedInput) as error:
        import_json(empty(tmp_path), broken)
    assert "line 3" in str(error.value)
    with pytest.raises(UsageError):
        import_json(empty(tmp_path), tmp_path / "missing.json")
