"""The synthetic store of bench/ is a valid graph: evidence at its offsets, heavy-tailed
degrees, and the read models work on it."""

from __future__ import annotations

import importlib.util
import statistics
import sys

from sqlalchemy import text

from maillage import query
from maillage.filters import FactFilter
from maillage.store import Store
from tests.conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location(
        "synthetic_store", ROOT / "bench" / "synthetic_store.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_bench_synthetic_store_is_a_consistent_graph(db_url):
    counts = _generator().generate(db_url, facts=3000, seed=3)
    assert counts["facts"] == 3000 and counts["evidence"] >= 3000
    store = Store.open(db_url)
    with store.engine.connect() as connection:
        proofs = connection.execute(
            text(
                'SELECT d.text, e.start, e."end", e.text FROM evidence e '
                "JOIN documents d ON d.id = e.document_id LIMIT 200"
            )
        ).all()
        degrees = sorted(
            connection.execute(text("SELECT count(*) FROM facts GROUP BY subject_id")).scalars()
        )
        hub = connection.execute(
            text("SELECT subject_id FROM facts GROUP BY subject_id ORDER BY count(*) DESC LIMIT 1")
        ).scalar()
    assert all(doc[start:end] == sentence for doc, start, end, sentence in proofs)
    assert degrees[-1] > 10 * statistics.median(degrees)
    page = query.entity_page(store, hub)
    assert sum(g.total for g in page.groups) >= degrees[-1]
    assert query.search(store, page.entity.name[:8])
    around = query.neighbourhood(store, FactFilter(entity=hub, depth=2), max_edges=50)
    assert len(around.edges) == 50 and around.truncated
    store.close()
