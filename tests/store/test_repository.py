"""The store behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from maillage.errors import NotFoundError, StoreError, UsageError
from maillage.models import (
    Document,
    Entity,
    Evidence,
    ExtractionRecord,
    Fact,
    Mention,
    Quarantined,
    RawDocument,
)
from maillage.store import Store
from maillage.store.engine import head_revision, schema_version
from maillage.store.repository import fact_key


def record(text: str, source: str = "a.txt") -> ExtractionRecord:
    doc = Document.from_raw(RawDocument(text=text, source=source, published="2021-03-04"))
    ensmm = Entity(
        key="org-ensmm",
        type="organization",
        name="École nationale supérieure de mécanique et des microtechniques",
        acronym="ENSMM",
    )
    ensam = Entity(
        key="org-ensam",
        type="organization",
        name="Arts et Métiers",
        aliases=["Arts et Métiers ParisTech"],
    )
    evidence = Evidence(doc.id, 0, len(text), text, "test.rule", "test")
    fact = Fact(
        "partner_of",
        "org-ensmm",
        "org-ensam",
        date="2021-03",
        kind="agreement",
        evidence=[evidence],
    )
    mention = Mention("org-ensmm", doc.id, 0, 5, text[:5])
    return ExtractionRecord(doc, [ensmm, ensam], [mention], [fact], "test")


def test_store_migrates_a_new_database_to_the_newest_schema(store):
    assert schema_version(store.engine) == head_revision() == "0006_runs"
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "documents",
        "entities",
        "aliases",
        "mentions",
        "facts",
        "evidence",
        "decisions",
        "quarantine",
    } <= tables


def test_store_saves_a_record_with_its_provenance(store):
    store.save([record("L'ENSMM et Arts et Métiers signent une convention.")])
    assert store.stats() == {
        "documents": 1,
        "entities": 2,
        "facts": 1,
        "evidence": 1,
        "mentions": 1,
        "quarantined": 0,
    }


def test_store_ignores_a_document_saved_twice(store):
    first = record("Un texte.")
    store.save([first])
    store.save([record("Un  texte.", source="b.html")])
    assert store.stats()["documents"] == 1
    assert store.existing_documents([first.document.id, "d-unknown"]) == {first.document.id}


def test_store_accumulates_evidence_of_the_same_fact(store):
    store.save([record("Premier article.")])
    store.save([record("Second article.")])
    stats = store.stats()
    assert stats["facts"] == 1
    assert stats["evidence"] == 2


def test_store_records_quarantine_once(store):
    item = Quarantined("x.warc.gz", "record at byte 18", "[E007] truncated", "E007")
    store.save([], [item])
    store.save([], [item])
    rows = store.quarantined()
    assert [(r["source"], r["position"], r["code"]) for r in rows] == [
        ("x.warc.gz", "record at byte 18", "E007")
    ]


def test_store_finds_a_document_by_id_prefix(store):
    saved = record("Un article à retrouver.")
    store.save([saved])
    assert store.get_document(saved.document.id[:8])["text"] == "Un article à retrouver."
    with pytest.raises(NotFoundError):
        store.get_document("d-nope")


def test_store_streams_rows_in_code_point_order(store):
    names = ["org-b", "org-B", "org-a_z", "org-a-z", "org-é"]
    doc = record("Ordre.").document
    store.save([ExtractionRecord(doc, [Entity(n, "organization", n) for n in names], [], [], "t")])
    from maillage.store.schema import entities

    assert [r["id"] for r in store.rows(entities, [entities.c.id])] == sorted(names)


def test_store_fact_key_is_symmetric_for_partner_of_only():
    a = Fact("partner_of", "x", "y", kind="agreement")
    b = Fact("partner_of", "y", "x", kind="agreement")
    c = Fact("member_of", "x", "y")
    d = Fact("member_of", "y", "x")
    assert fact_key(a) == fact_key(b)
    assert fact_key(c) != fact_key(d)


def test_store_rejects_an_unusable_url():
    with pytest.raises(UsageError):
        Store.open("mysql+nosuchdriver://x/y")


def test_store_explains_an_unreachable_file(tmp_path):
    with pytest.raises(StoreError) as error:
        Store.open(f"sqlite:///{tmp_path}/no/such/dir/graph.db")
    assert "--db" in str(error.value)


def _never_analyzed(store: Store) -> bool:
    with store.engine.connect() as connection:
        query = "select reltuples from pg_class where oid = 'evidence'::regclass"
        return connection.exec_driver_sql(query).scalar() == -1


@pytest.mark.postgres
def test_repository_refresh_statistics_after_a_bulk_write_on_postgresql(postgres_url):
    store = Store.open(postgres_url)
    store.save([record(f"Texte {n}.", f"{n}.txt") for n in range(30)])
    assert _never_analyzed(store)
    assert store.refresh_statistics(30) and not _never_analyzed(store)
    assert not store.refresh_statistics(2)  # under a tenth of the documents: autovacuum's job
    store.close()


def test_repository_refresh_statistics_is_nothing_to_do_on_sqlite(sqlite_url):
    store = Store.open(sqlite_url)
    store.save([record("Texte.")])
    assert not store.refresh_statistics(1)
    store.close()
