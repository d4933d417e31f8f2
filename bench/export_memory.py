"""Peak memory (and time) of exporting a synthetic store of 1,000,000 facts in each format.

    python bench/export_memory.py                       # 1M facts in /tmp/maillage-bench
    python bench/export_memory.py --facts 50000 --dir /tmp/small-bench

The store comes from bench/synthetic_store.py (generated once, kept in --dir). Each export
runs in a fresh process that reports its own peak resident set size (VmHWM), so one
format's memory does not hide another's. Before the QuickStatements export, every entity
gets a Wikidata id and every fact that is not rejected is accepted, so that the whole
store (not only the few curated facts) goes through the writer. Last, the JSON export is
imported into an empty store. Results are printed as a Markdown table (bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

BENCH = Path(__file__).parent
FORMATS = {
    "json": "export.json",
    "csv": "export.zip",
    "graphml": "export.graphml",
    "jsonld": "export.jsonld",
    "turtle": "export.ttl",
    "quickstatements": "export.qs",
}
LIMIT_MB = 500


def measure_one(kind: str, db: str, output: Path) -> dict[str, Any]:
    """Run one export (or the import) in this process; return its figures."""
    from maillage.export import ExportRequest, export
    from maillage.importer import import_json
    from maillage.store import Store

    started = time.perf_counter()
    if kind == "import":
        target = output.parent / "imported.db"
        target.unlink(missing_ok=True)
        report = import_json(Store.open(f"sqlite:///{target}"), output)
        counts: dict[str, int] = report.read
    else:
        counts = export(Store.open(db), ExportRequest(kind, output)).counts
    return {
        "what": kind,
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": peak_rss_mb(),
        "output_mb": round(output.stat().st_size / 2**20) if output.exists() else 0,
        "counts": counts,
    }


def peak_rss_mb() -> int:
    """This process's peak resident set size. VmHWM, not ru_maxrss: Linux carries
    ru_maxrss over exec, so a child would report its parent's peak at fork time."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def in_child(kind: str, db: str, output: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", kind, "--db", db, "--output", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(figures), file=sys.stderr, flush=True)
    return figures


def ensure_store(folder: Path, facts: int) -> str:
    """The synthetic store of `facts` facts in `folder`, generated the first time."""
    folder.mkdir(parents=True, exist_ok=True)
    path, done = folder / f"synthetic-{facts}.db", folder / f"synthetic-{facts}.done"
    if not done.exists():
        sys.path.insert(0, str(BENCH))
        from synthetic_store import generate  # type: ignore[import-not-found]

        for stale in folder.glob(f"synthetic-{facts}.db*"):
            stale.unlink()
        counts = generate(f"sqlite:///{path}", facts)
        done.write_text(json.dumps(counts), encoding="utf-8")
        print(f"generated {path}: {counts}", file=sys.stderr)
    return f"sqlite:///{path}"


def curate_everything(db: str) -> None:
    """Wikidata ids on every entity, every fact not rejected accepted (QuickStatements)."""
    from maillage.store import Store

    store = Store.open(db)
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE entities SET external_ids = json_object('wikidata', 'Q' || (rowid + 100))")
        )
        connection.execute(text("UPDATE facts SET curation = 'accepted' WHERE curation IS NULL"))
    store.close()


def table(rows: list[dict[str, Any]], facts: int) -> str:
    lines = [
        f"| what ({facts:,} facts) | peak RSS | time | output | written |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        written = ", ".join(f"{n:,} {k}" for k, n in r["counts"].items())
        lines.append(
            f"| {r['what']} | {r['peak_rss_mb']} MB | {r['seconds']:.0f} s "
            f"| {r['output_mb']} MB | {written} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/maillage-bench"))
    parser.add_argument("--formats", nargs="*", default=[*FORMATS, "import"])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.db, args.output)))
        return
    db = ensure_store(args.dir, args.facts)
    rows = []
    for kind in args.formats:
        if kind == "quickstatements":
            curate_everything(db)
        output = args.dir / FORMATS.get(kind, FORMATS["json"])
        rows.append(in_child(kind, db, output))
    print(table(rows, args.facts))
    over = [r["what"] for r in rows if r["peak_rss_mb"] >= LIMIT_MB]
    if over:
        raise SystemExit(f"over {LIMIT_MB} MB: {', '.join(over)}")


if __name__ == "__main__":
    main()
