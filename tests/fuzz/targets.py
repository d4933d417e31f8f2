"""Fuzz targets shared by the short CI run (hypothesis, tests/fuzz/test_fuzz.py) and the long
coverage-guided runs (atheris, tests/fuzz/run_atheris.py): each takes arbitrary bytes and
fails when anything but a documented maillage error comes out."""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Callable
from pathlib import Path

from maillage.errors import MaillageError
from maillage.models import Document, ExtractionRecord, Quarantined, RawDocument
from maillage.settings import Settings
from maillage.sources import read_sources

# Small caps so that a run spends its time on structure, not on megabytes.
SETTINGS = Settings(
    max_document_bytes=200_000, max_document_chars=50_000, warc_max_line_bytes=20_000
)
READERS = {"text": ".txt", "html": ".html", "jsonl": ".jsonl", "json": ".json", "warc": ".warc"}


def read_as(suffix: str, data: bytes) -> list[RawDocument | Quarantined]:
    """Everything the readers make of `data` saved as a file with `suffix`; every item must
    be an article or a quarantine entry with a maillage code, and the text storable."""
    with tempfile.TemporaryDirectory(prefix="maillage-fuzz-") as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_sources([str(path)], SETTINGS))
    for item in items:
        if isinstance(item, Quarantined):
            assert item.code.startswith("E") and item.reason.startswith(f"[{item.code}]"), item
        else:
            assert isinstance(item, RawDocument) and item.text.strip()
            item.text.encode("utf-8")
            assert "\x00" not in item.text
            Document.from_raw(item)
    return items


def reader(fmt: str) -> Callable[[bytes], object]:
    suffix = READERS[fmt]
    return lambda data: read_as(suffix, data)


def gzipped(fmt: str) -> Callable[[bytes], object]:
    """The same reader behind gzip: half the input compressed, the rest appended raw (trailing
    data, truncation and member boundaries are what breaks decompressors)."""
    suffix = READERS[fmt] + ".gz"

    def target(data: bytes) -> object:
        cut = len(data) // 2
        return read_as(suffix, gzip.compress(data[:cut]) + data[cut:])

    return target


def extract_text(data: bytes) -> list[ExtractionRecord]:
    """Extraction on arbitrary text: a record per document (E301 on a rule failure), and
    never an exception that is not a maillage error."""
    from maillage.extract import extract_documents

    text = data.decode("utf-8", "replace").replace("\x00", "")
    if not text.strip():
        return []
    try:
        return extract_documents([Document.from_raw(RawDocument(text=text, source="fuzz"))])
    except MaillageError:
        return []


TARGETS: dict[str, Callable[[bytes], object]] = {
    **{fmt: reader(fmt) for fmt in READERS},
    **{f"{fmt}.gz": gzipped(fmt) for fmt in ("text", "jsonl", "warc")},
    "extract": extract_text,
}
