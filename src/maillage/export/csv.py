"""Four CSV tables for spreadsheets: entities, facts, evidence, documents (docs/exports.md).

Written to a folder or, when the target ends in `.zip`, into a zip archive, row by row.
Cells are untrusted text that a spreadsheet would run as a formula when it starts with
`=`, `+`, `-`, `@`, a tab or a carriage return: such a cell is written with a leading `'`,
which spreadsheets show as text (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from ..store import Store
from .selection import Row, Selection, document_rows, entity_rows, fact_rows, select_for_export

ALIAS_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLES = ("entities", "facts", "evidence", "documents")

ENTITY_COLUMNS = (
    "id", "type", "kind", "name", "acronym", "city", "aliases", "wikidata", "external_ids",
    "mentions",
)  # fmt: skip
FACT_COLUMNS = (
    "id", "predicate", "subject", "subject_name", "object", "object_name", "value", "unit",
    "role", "date", "date_precision", "end_date", "status", "kind", "confidence", "curation",
    "conflict", "sources", "evidence", "qualifiers",
)  # fmt: skip
EVIDENCE_COLUMNS = (
    "fact", "document", "url", "start", "end", "text", "rule", "pipeline_version",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "id", "source", "position", "format", "url", "title", "author", "published", "language",
    "encoding", "pipeline_version", "text",
)  # fmt: skip


def neutralised(value: Any) -> Any:
    """A cell a spreadsheet shows as written: text that would start a formula gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(
    store: Store,
    target: Path,
    selection: Selection | None = None,
    bom: bool = False,
    delimiter: str = ",",
) -> dict[str, int]:
    """Write the four tables into folder `target` (or zip archive `target` if it ends in
    .zip); `bom` starts each file with a UTF-8 byte-order mark for spreadsheets, and
    `delimiter` is `;` for spreadsheets that read `,` as the decimal mark."""
    selection = selection or select_for_export(store)
    encoding = "utf-8-sig" if bom else "utf-8"
    with ExitStack() as stack:
        opener = _zip_opener(stack, target) if target.suffix == ".zip" else _folder_opener(target)
        counts = {}
        for name, (columns, rows) in tables(store, selection).items():
            with io.TextIOWrapper(opener(f"{name}.csv"), encoding=encoding, newline="") as out:
                counts[name] = write_table(out, columns, rows, delimiter)
    return counts


Opener = Callable[[str], Any]


def _folder_opener(folder: Path) -> Opener:
    folder.mkdir(parents=True, exist_ok=True)
    return lambda name: (folder / name).open("wb")


def _zip_opener(stack: ExitStack, path: Path) -> Opener:
    path.parent.mkdir(parents=True, exist_ok=True)
    archive = stack.enter_context(zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED))

    def open_member(name: str) -> Any:
        member = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        member.compress_type = zipfile.ZIP_DEFLATED
        return archive.open(member, "w", force_zip64=True)

    return open_member


def write_table(
    out: TextIO, columns: tuple[str, ...], rows: Iterator[Row], delimiter: str = ","
) -> int:
    """One table as CSV, every text cell neutralised; return the number of rows."""
    writer = csv.DictWriter(out, columns, extrasaction="raise", delimiter=delimiter)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: neutralised(v) for k, v in row.items()})
        count += 1
    return count


def tables(store: Store, selection: Selection) -> dict[str, tuple[tuple[str, ...], Any]]:
    """The four tables, by name, as (columns, rows); each is read only when iterated."""
    # Generators: each table is read from the store only when its file is written.
    return {
        "entities": (ENTITY_COLUMNS, entity_table(store, selection)),
        "facts": (FACT_COLUMNS, fact_table(store, selection)),
        "evidence": (EVIDENCE_COLUMNS, evidence_table(store, selection)),
        "documents": (DOCUMENT_COLUMNS, document_table(store, selection)),
    }


def entity_table(store: Store, selection: Selection) -> Iterator[Row]:
    for row, names, found in entity_rows(store, selection):
        external = row["external_ids"] or {}
        yield {
            **{c: row[c] for c in ("id", "type", "kind", "name", "acronym", "city")},
            "aliases": ALIAS_SEPARATOR.join(names),
            "wikidata": external.get("wikidata"),
            "external_ids": _json(external),
            "mentions": len(found),
        }


def fact_table(store: Store, selection: Selection) -> Iterator[Row]:
    for row, proof in fact_rows(store, selection):
        qualifiers = row["qualifiers"] or {}
        yield {
            **{c: row[c] for c in FACT_COLUMNS if c in row},
            "subject": row["subject_id"],
            "object": row["object_id"],
            "unit": qualifiers.get("unit"),
            "role": qualifiers.get("role"),
            "conflict": int(bool(row["conflict"])),
            "sources": len({e["document_id"] for e in proof}),
            "evidence": len(proof),
            "qualifiers": _json(qualifiers),
        }


def evidence_table(store: Store, selection: Selection) -> Iterator[Row]:
    for _, proof in fact_rows(store, selection):
        for e in proof:
            yield {
                **{c: e[c] for c in EVIDENCE_COLUMNS if c in e},
                "fact": e["fact_id"],
                "document": e["document_id"],
                "url": e["document_url"],
            }


def document_table(store: Store, selection: Selection) -> Iterator[Row]:
    for row in document_rows(store, selection):
        yield {c: row[c] for c in DOCUMENT_COLUMNS}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
