"""Engines behind one interface: same graph in-process, in a local pool and on Ray; bounded
batches in flight; a worker that dies is retried once, then its document quarantined."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator

import pytest

from maillage.engines import EngineChoice, open_engine
from maillage.engines.inprocess import InProcessEngine
from maillage.errors import EngineUnavailable, UsageError
from maillage.export.json import write_json
from maillage.ingest import ingest
from maillage.models import Document
from maillage.settings import Settings
from maillage.store import Store
from tests.conftest import ROOT
from tests.engines import extractors
from tests.engines.extractors import MARK

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def ray_session() -> Iterator[object]:
    """One local Ray of 2 CPUs for the whole module (starting Ray takes seconds)."""
    ray = pytest.importorskip("ray")
    # actors unpickle the test extractors by name: they must find the `tests` package
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), before]))
    ray.init(num_cpus=2, log_to_driver=False, include_dashboard=False)
    yield ray
    ray.shutdown()
    if before is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = before


def _export(db: str) -> str:
    store = Store.open(db)
    out = io.StringIO()
    write_json(store, out)
    store.close()
    return out.getvalue()


def _documents(count: int, killer: int | None = None) -> list[Document]:
    return [
        Document(
            id=f"d{n:03d}",
            source=f"in/{n:03d}.txt",
            text=f"Ecole{n % 7} {MARK if n == killer else ''} texte {n}",
        )
        for n in range(count)
    ]


@pytest.mark.slow
def test_engines_inprocess_local_pool_and_ray_give_identical_exports(tmp_path, ray_session):
    exports = {}
    for kind in ("inprocess", "local", "ray"):
        db = f"sqlite:///{tmp_path / kind}.db"
        choice = EngineChoice(kind, workers=1 if kind == "inprocess" else 2)
        report = ingest([str(EXAMPLES)], Settings(db=db, batch_size=4), engine=choice)
        assert report.new >= 15, kind
        exports[kind] = _export(db)
    assert json.loads(exports["inprocess"])["facts"]  # the real pipeline found facts
    assert exports["local"] == exports["inprocess"]
    assert exports["ray"] == exports["inprocess"]


def _ingest_with_a_killer(tmp_path, choice: EngineChoice):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        text = f"Ecole{n} {MARK if n == 5 else ''} article {n}."
        (folder / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    said: list[str] = []
    db = f"sqlite:///{tmp_path / 'graph.db'}"
    from maillage.engines.base import Feedback

    report = ingest(
        [str(folder)],
        Settings(db=db, batch_size=4),
        extractor=extractors.fragile,
        engine=choice,
        feedback=Feedback(say=said.append),
    )
    return report, Store.open(db), said


def _assert_only_the_killer_is_lost(report, store, said):
    assert report.new == 11
    lost = [q for q in report.quarantined if q.code == "E302"]
    assert [q.source.rsplit("/", 1)[-1] for q in lost] == ["05.txt"]
    assert "died twice" in lost[0].reason and "run the same command again" in lost[0].reason.lower()
    assert store.stats()["documents"] == 11
    assert [row["code"] for row in store.quarantined()] == ["E302"]
    assert any("again" in line for line in said), said  # the retry was announced
    assert any("quarantined" in line and "05.txt" in line for line in said), said


def test_engines_ray_actor_dying_on_a_document_is_retried_once_then_quarantined(
    tmp_path, ray_session
):
    report, store, said = _ingest_with_a_killer(tmp_path, EngineChoice("ray", workers=2))
    _assert_only_the_killer_is_lost(report, store, said)


def test_engines_local_worker_dying_on_a_document_is_retried_once_then_quarantined(tmp_path):
    report, store, said = _ingest_with_a_killer(tmp_path, EngineChoice("local", workers=2))
    _assert_only_the_killer_is_lost(report, store, said)


def test_engines_ray_and_pool_keep_batches_in_input_order(ray_session):
    documents = _documents(40)
    batches = [(n, documents[n : n + 5]) for n in range(0, 40, 5)]
    for kind in ("local", "ray"):
        with open_engine(EngineChoice(kind, workers=2), extractors.plain, print) as engine:
            done = list(engine.run(batches))
        assert [d.context for d in done] == [n for n, _ in batches]
        assert [r.document.id for d in done for r in d.records] == [d.id for d in documents]


def test_engines_hold_at_most_in_flight_batches():
    pulled = 0

    def batches():
        nonlocal pulled
        for n in range(10):
            pulled += 1
            yield n, _documents(3)

    engine = InProcessEngine(extractors.plain, in_flight=3)
    with engine:
        for done in engine.run(batches()):
            # batches read ahead of the one handed back: never more than the bound
            assert pulled - done.context <= 3


def test_engines_ray_not_installed_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails
    with pytest.raises(EngineUnavailable) as caught:
        open_engine(EngineChoice("ray"), extractors.plain, print)
    assert caught.value.code == "E212"
    assert "pip install 'maillage[cluster]'" in str(caught.value)


def test_engines_unknown_engine_or_address_without_ray_is_refused():
    with pytest.raises(UsageError, match="unknown engine"):
        EngineChoice("spark").resolved()
    with pytest.raises(UsageError, match="--address"):
        EngineChoice("local", address="auto").resolved()
    assert EngineChoice(workers=2).resolved() == "local"
    assert EngineChoice().resolved() == "inprocess"


def _cli(*args: str, block_ray: bool = False):
    import subprocess

    prelude = "import sys; sys.modules['ray'] = None; " if block_ray else "import sys; "
    code = prelude + "from maillage.cli import main; sys.argv = ['maillage', *sys.argv[1:]]; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


def test_engines_cli_engine_ray_without_ray_says_how_to_install_it(tmp_path):
    done = _cli(
        "ingest",
        str(EXAMPLES / "articles"),
        "--db",
        str(tmp_path / "g.db"),
        "--engine",
        "ray",
        block_ray=True,
    )
    assert done.returncode == 2
    assert "[E212]" in done.stderr and "pip install 'maillage[cluster]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "g.db").exists()  # refused before anything was opened or created


@pytest.mark.slow
def test_engines_cli_announces_the_model_load_and_consolidation(tmp_path):
    article = EXAMPLES / "articles" / "06_ensmm_utbm.txt"
    done = _cli("ingest", str(article), "--db", str(tmp_path / "g.db"), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "loading the French language model… (in 2 worker processes)" in done.stderr
    assert "consolidating the graph…" in done.stderr
