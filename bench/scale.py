"""Scale benchmarks (issue 11), each printed as a Markdown table with its command:

    python bench/scale.py ingest --db URL --articles N [--stand-in]
    python bench/scale.py consolidation --db URL --sizes 10000,30000,100000

The engines' extraction throughput against bare `nlp.pipe` is `bench/throughput.py`
(`make bench`), each configuration in its own process. `ingest`: the real `ingest`
(readers, engine, single writer, consolidation) of N synthetic articles from one JSONL
file; with `--stand-in` the NLP model is replaced by the generator's own record of each
article, which measures the reader → store → consolidation path alone. `consolidation`:
stand-in ingests grown to each size, then a whole-graph consolidation and an incremental
one (100 new articles) timed at each size.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_articles import article_number, articles

from maillage.engines import EngineChoice
from maillage.extract import extract_documents
from maillage.ingest import ingest
from maillage.models import Document, ExtractionRecord
from maillage.reprocess import refresh
from maillage.settings import Settings
from maillage.store import Store

SEED = 1


def machine() -> str:
    load = os.getloadavg()[0]
    return (
        f"{platform.machine()}, {multiprocessing.cpu_count()} cores shared with other "
        f"sessions (load average {load:.1f} at the start), Python {platform.python_version()}"
    )


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


# -- ingest -------------------------------------------------------------------------------
def stand_in(documents: Sequence[Document]) -> list[ExtractionRecord]:
    """The generator's own record of each article, in place of the NLP model."""
    out = []
    for document in documents:
        [article] = articles(1, SEED, article_number(document.url or ""))
        out.append(article.record(document))
    return out


def _write_jsonl(path: Path, count: int, first: int = 0) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles(count, SEED, first):
            row = {"text": a.text, "title": a.title, "url": a.url, "published": a.published}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _db_mb(store: Store, url: str) -> float:
    if url.startswith("postgresql"):
        with store.engine.connect() as connection:
            from sqlalchemy import text

            query = (
                "select sum(pg_total_relation_size(quote_ident(schemaname) || '.' || "
                "quote_ident(tablename))) from pg_tables where schemaname = current_schema()"
            )
            return float(connection.execute(text(query)).scalar() or 0) / 2**20
    path = Path(url.removeprefix("sqlite:///"))
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def bench_ingest(url: str, count: int, use_stand_in: bool, workers: int, first: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        _write_jsonl(source, count, first)
        store = Store.open(url)
        settings = Settings(db=url, batch_size=200 if use_stand_in else 50)
        extractor = stand_in if use_stand_in else extract_documents
        choice = EngineChoice(workers=workers)
        started = time.perf_counter()
        report = ingest([str(source)], settings, store, extractor=extractor, engine=choice)
        seconds = time.perf_counter() - started
    size = _db_mb(store, url)
    store.close()
    return {
        "new": report.new,
        "seconds": seconds,
        "docs_s": report.new / seconds,
        "db_mb": size,
        "peak_mb": peak_mb(),
    }


def bench_consolidation(url: str, sizes: list[int]) -> str:
    lines = [
        f"{machine()}; stand-in extraction; `{_backend(url)}`",
        "",
        "| documents | entities | facts | whole-graph consolidation (s) | growth over the "
        "previous size | n log n growth | incremental, 100 new articles (s) | ingest of the "
        "step (docs/s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    done, before = 0, None
    for size in sizes:
        step = bench_ingest(url, size - done, True, 1, first=done)
        done = size
        store = Store.open(url)
        started = time.perf_counter()
        refresh(store)
        whole = time.perf_counter() - started
        stats = store.stats()
        store.close()
        extra = bench_ingest(url, 100, True, 1, first=10_000_000 + size)
        growth, expected = _growth(before, (stats["documents"], whole))
        before = (stats["documents"], whole)
        lines.append(
            f"| {stats['documents']:,} | {stats['entities']:,} | {stats['facts']:,} | "
            f"{whole:.1f} | {growth} | {expected} | {extra['seconds']:.1f} | "
            f"{step['docs_s']:.0f} |"
        )
        print(lines[-1], flush=True)
    return "\n".join(lines)


def _growth(before: tuple[int, float] | None, now: tuple[int, float]) -> tuple[str, str]:
    """The time's growth from the previous size, and what n log n would give."""
    if before is None:
        return "—", "—"
    (n1, t1), (n2, t2) = before, now
    return f"{t2 / t1:.2f} ×", f"{n2 * math.log(n2) / (n1 * math.log(n1)):.2f} ×"


def _backend(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgresql") else "SQLite"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["ingest", "consolidation"])
    parser.add_argument("--db", default="sqlite:////tmp/maillage-bench/scale.db")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--stand-in", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sizes", default="10000,30000,100000")
    args = parser.parse_args()
    if args.what == "ingest":
        result = bench_ingest(args.db, args.articles, args.stand_in, args.workers)
        print(f"{_backend(args.db)}, {machine()}: " + json.dumps(result))
    else:
        print(bench_consolidation(args.db, [int(s) for s in args.sizes.split(",")]))


if __name__ == "__main__":
    main()
