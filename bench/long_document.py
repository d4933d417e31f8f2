"""One long article (issue 13, row 12): time and peak memory of extracting a single document
of repeated sentences at growing lengths, each size in a fresh process.

    python bench/long_document.py [--sizes 50000,100000,200000,400000]

Per size: the parse (maillage's spaCy pipeline, its own components included, as extraction
runs it: a text over `PIECE_CHARS` in pieces), the post-processing that turns the parsed Doc
into entities and facts, and the process's peak resident memory after each (the model loaded
alone is given as the base line)."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

# Written for the benchmark: two sentences with four institutions, a coordination and a
# pronoun, repeated to the length asked.
SENTENCES = (
    "L'INSA Lyon et l'Université de Lyon ont signé une convention de partenariat avec "
    "l'École Centrale de Lyon. Elle dirige l'école depuis 2019. "
)


def long_text(chars: int) -> str:
    return (SENTENCES * (chars // len(SENTENCES) + 1))[:chars]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(chars: int) -> dict[str, float]:
    """Extract one document of `chars` characters in this process."""
    from maillage.extract import _record
    from maillage.models import Document, RawDocument
    from maillage.nlp.pipeline import parse

    parse(["Chauffe."])
    loaded = _peak_mb()
    text = long_text(chars)
    began = time.perf_counter()
    doc = parse([text])[0]
    parsed = time.perf_counter()
    parse_mb = _peak_mb()
    record = _record(Document.from_raw(RawDocument(text=text, source="long.txt")), doc)
    done = time.perf_counter()
    return {
        "chars": chars,
        "parse_s": parsed - began,
        "post_s": done - parsed,
        "model_mb": loaded,
        "parse_mb": parse_mb,
        "peak_mb": _peak_mb(),
        "facts": len(record.facts),
        "evidence": sum(len(f.evidence) for f in record.facts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Extraction of one long document.")
    parser.add_argument("--sizes", default="50000,100000,200000,400000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(
        "| characters | parse s | post-processing s | total s | peak RSS after parse MB "
        "| peak RSS MB | model alone MB | facts | evidence |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        run = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(run.stdout.splitlines()[-1])
        print(
            f"| {size:,} | {row['parse_s']:.1f} | {row['post_s']:.1f} | "
            f"{row['parse_s'] + row['post_s']:.1f} | {row['parse_mb']:,.0f} | "
            f"{row['peak_mb']:,.0f} | {row['model_mb']:,.0f} | {row['facts']} | "
            f"{row['evidence']:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
