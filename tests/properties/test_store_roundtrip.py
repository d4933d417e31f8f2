"""Store round trips on SQLite and PostgreSQL: whatever text a reader hands over (any
Unicode once made storable) is read back exactly, and export → import → export is
byte-identical."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.export.json import write_json
from maillage.importer import import_json
from maillage.models import Document, Entity, Evidence, ExtractionRecord, Fact, Mention, RawDocument
from maillage.sources.decoding import storable
from maillage.store import Store
from maillage.store.schema import entities

TEXTS = st.text(st.characters(exclude_categories=()), min_size=1, max_size=300).map(storable)
NAMES = st.text(st.characters(exclude_categories=()), min_size=1, max_size=60).map(storable)
RUNS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_serial = itertools.count()


def record(text: str, title: str, name: str) -> ExtractionRecord:
    text = f"{next(_serial)} {text}"  # a new document every example
    doc = Document.from_raw(RawDocument(text=text, source=f"{title}.txt", title=title))
    a = Entity(f"org-a{next(_serial)}", "organization", name)
    b = Entity(f"org-b{next(_serial)}", "organization", f"{name} bis")
    evidence = Evidence(doc.id, 0, len(doc.text), doc.text, "test.rule", "test")
    fact = Fact("partner_of", a.key, b.key, kind="agreement", evidence=[evidence])
    mention = Mention(a.key, doc.id, 0, min(3, len(doc.text)), doc.text[:3])
    return ExtractionRecord(doc, [a, b], [mention], [fact], "test")


@RUNS
@given(text=TEXTS, title=NAMES, name=NAMES)
def test_store_any_storable_text_is_read_back_exactly(store, text, title, name):
    saved = record(text, title, name)
    store.save([saved])
    row = store.get_document(saved.document.id)
    assert (row["text"], row["title"]) == (saved.document.text, title)
    key = saved.entities[0].key
    [entity] = store.rows(entities, where=entities.c.id == key)
    assert entity["name"] == name


@RUNS
@given(articles=st.lists(st.tuples(TEXTS, NAMES, NAMES), min_size=1, max_size=4))
def test_store_export_import_export_is_identical(db_url, tmp_path_factory, articles):
    folder = tmp_path_factory.mktemp("round-trip")
    source = Store.open(db_url)
    source.save([record(*article) for article in articles])
    first = export(source, folder / "first.json")
    target = Store.open(f"sqlite:///{folder / 'target.db'}")
    import_json(target, folder / "first.json")
    assert export(target, folder / "second.json") == first
    source.close()
    target.close()


def export(store: Store, path: Path) -> str:
    with path.open("w", encoding="utf-8") as out:
        write_json(store, out)
    return path.read_text(encoding="utf-8")
