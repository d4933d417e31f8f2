"""Concurrency (issue 13), on SQLite and PostgreSQL, for a bounded time: an ingest writes
batches while the API serves reads and a curator writes decisions through it. No lock or
deadlock reaches anyone (every answer is 200), every committed decision is there at the
end, and readers never see half a batch."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from maillage import tokens
from maillage.ingest import ingest
from maillage.settings import Settings
from maillage.store import Store
from maillage.store.schema import aliases, decisions, documents, facts
from tests.api.test_security import served
from tests.builders import Article, extractor_for, org, report, write

BATCH = 10
ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
sys.path.insert(0, sys.argv[3])
from tests.concurrency.test_concurrency import corpus, ingest_corpus
print(ingest_corpus(sys.argv[1], sys.argv[2], corpus(int(sys.argv[4]), int(sys.argv[5]))))
"""


def corpus(first: int, count: int) -> list[Article]:
    """`count` articles, each naming two new schools and one agreement between them."""
    articles = []
    for n in range(first, first + count):
        a, b = org(f"a{n}", f"École {n * 10 + 1}"), org(f"b{n}", f"Université {n * 10 + 3}")
        fact = report("partner_of", a.key, b.key, kind="agreement", date="2021")
        articles.append(Article(f"article-{n:04d}", "2021-01-01", [a, b], [fact]))
    return articles


def ingest_corpus(db: str, folder: str, articles: list[Article]) -> str:
    settings = Settings(db=db, batch_size=BATCH)
    found = ingest(
        [str(write(articles, Path(folder)))], settings, extractor=extractor_for(articles)
    )
    return f"new {found.new} quarantined {len(found.quarantined)}"


def count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


@pytest.mark.parametrize(
    "url_fixture", ["sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)]
)
def test_concurrency_ingest_reads_and_curation_at_once(request, tmp_path, url_fixture):
    db = str(request.getfixturevalue(url_fixture))
    store = Store.open(db)
    ingest_corpus(db, str(tmp_path / "first"), corpus(0, BATCH))  # entities to curate
    token = tokens.create(store, "curator")
    problems: list[str] = []
    seen_documents: list[int] = []
    curated: list[str] = []
    done = threading.Event()

    def read(port: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while not done.is_set():
                for path in (
                    "/api/stats",
                    "/api/search?q=ecole",
                    "/api/entities/org-a1",
                    "/api/documents",
                ):
                    answer = client.get(path)
                    if answer.status_code != 200:
                        problems.append(f"GET {path}: {answer.status_code} {answer.text[:200]}")
                seen_documents.append(count(store, documents))

    def curate(port: int) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for n in range(30):
                if done.is_set() and n > 10:
                    return
                name = f"surnom {n}"
                answer = client.post(
                    f"/api/entities/org-a{n % BATCH}/aliases", json={"name": name}, headers=headers
                )
                if answer.status_code == 200:
                    curated.append(name)
                else:
                    problems.append(f"curation {n}: {answer.status_code} {answer.text[:200]}")

    with served(db) as port:
        writer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                db,
                str(tmp_path / "more"),
                str(ROOT),
                str(BATCH),
                "120",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        workers = [threading.Thread(target=read, args=(port,)) for _ in range(2)]
        workers.append(threading.Thread(target=curate, args=(port,)))
        for worker in workers:
            worker.start()
        try:
            out, err = writer.communicate(timeout=600)
        finally:
            done.set()
            for worker in workers:
                worker.join(timeout=300)
    assert writer.returncode == 0, err[-2000:]
    assert "new 120 quarantined 0" in out
    assert problems == []
    assert seen_documents and all(n % BATCH == 0 for n in seen_documents), sorted(
        set(seen_documents)
    )
    assert count(store, documents) == 130 and count(store, facts) == 130
    with store.engine.connect() as connection:
        names = set(connection.scalars(select(aliases.c.name)))
        decided = connection.scalar(select(func.count()).select_from(decisions))
    assert set(curated) <= names and decided == len(curated) >= 10
