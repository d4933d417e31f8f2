"""Long coverage-guided fuzz runs with atheris (libFuzzer) over one target of targets.py.

    .venv/bin/python tests/fuzz/run_atheris.py warc -runs=200000 -max_len=65536
    .venv/bin/python tests/fuzz/run_atheris.py jsonl -max_total_time=3600 corpus/jsonl/

The seed corpus is tests/fixtures/{good,bad}; give a folder after the options to keep the
inputs libFuzzer finds. A crash writes crash-* beside the current directory with the input.
Results of the long runs are in docs/testing.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["maillage"]):
    from tests.fuzz.targets import TARGETS


def seeds(folder: Path) -> Path:
    """A corpus folder, seeded with the project's own good and bad input fixtures."""
    folder.mkdir(parents=True, exist_ok=True)
    for fixture in sorted((ROOT / "tests" / "fixtures").glob("[gb]*/*")):
        if fixture.is_file():
            (folder / fixture.name).write_bytes(fixture.read_bytes())
    return folder


def main() -> None:
    name, options = sys.argv[1], sys.argv[2:]
    target = TARGETS[name]
    folders = [Path(a) for a in options if not a.startswith("-")]
    corpus = [str(seeds(folder)) for folder in folders or [ROOT / "tmp" / "fuzz" / name]]
    flags = [a for a in options if a.startswith("-")]
    atheris.Setup([sys.argv[0], *flags, *corpus], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
