"""The extraction gate: ingest a gold corpus into a temporary store, export it, score it with
the evaluation kit's scorer, and fail when a score falls below its pinned floor.

    python tools/eval_gate.py                       # the dev corpus in ../shared
    python tools/eval_gate.py --corpus DIR --gold DIR --floors tools/floors_heldout.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    floors = json.loads(args.floors.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        summary = _score(args.corpus, args.gold, args.scorer, Path(folder))
    failures = [
        f"{name} = {summary[name]:.3f} < floor {floor:.3f}"
        for name, floor in floors.items()
        if not name.startswith("_") and summary[name] < floor
    ]
    for name in (n for n in floors if not n.startswith("_")):
        print(f"{name:14} {summary[name]:.3f}  (floor {floors[name]:.3f})")
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("eval gate passed")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument("--floors", type=Path, default=ROOT / "tools" / "floors_dev.json")
    return parser.parse_args(argv)


def _score(corpus: Path, gold: Path, scorer: Path, folder: Path) -> dict[str, float]:
    if not corpus.is_dir() or not gold.is_dir():
        raise SystemExit(f"Corpus {corpus} or gold {gold} is missing: check ../shared.")
    db, export = f"sqlite:///{folder / 'eval.db'}", folder / "export.json"
    maillage = [sys.executable, "-m", "maillage"]
    ingest = subprocess.run([*maillage, "ingest", str(corpus), "--db", db], capture_output=True)
    if ingest.returncode not in (0, 3):  # 3: some input was quarantined, the rest is stored
        raise SystemExit(ingest.stderr.decode())
    export_command = [*maillage, "export", "--db", db, "-o", str(export)]
    subprocess.run(export_command, check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--export", str(export), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return {k: v for k, v in json.loads(result.stdout).items() if isinstance(v, (int, float))}


if __name__ == "__main__":
    sys.exit(main())
