"""The JSON export of ../shared/eval/README.md, written as a stream (bounded memory)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from ..store import Store
from ..version import PIPELINE_VERSION, __version__
from .selection import Selection, document_rows, entity_rows, fact_rows, select_for_export

Row = dict[str, Any]
# The importer reads what this writer writes one line at a time: keep one item per line.
SECTIONS = ("documents", "entities", "facts")


def write_json(store: Store, out: TextIO, selection: Selection | None = None) -> dict[str, int]:
    """Write the graph (or a selection of it) as one JSON object; return item counts."""
    selection = selection or select_for_export(store)
    counts = {}
    about = json.dumps({"version": __version__, "pipeline": PIPELINE_VERSION})
    out.write(f'{{"maillage": {about},\n')
    sections: list[tuple[str, Callable[[Store, Selection], Iterator[Row]]]] = [
        ("documents", export_documents),
        ("entities", export_entities),
        ("facts", export_facts),
    ]
    for index, (name, items) in enumerate(sections):
        out.write(f'"{name}": [')
        counts[name] = _write_items(items(store, selection), out)
        out.write("]" + (",\n" if index < len(sections) - 1 else "\n"))
    out.write("}\n")
    return counts


def _write_items(items: Iterator[Row], out: TextIO) -> int:
    count = 0
    for count, item in enumerate(items, start=1):
        out.write(("\n  " if count == 1 else ",\n  ") + json.dumps(item, ensure_ascii=False))
    if count:
        out.write("\n")
    return count


def export_documents(store: Store, selection: Selection) -> Iterator[Row]:
    for row in document_rows(store, selection):
        yield {
            "id": row["id"],
            "source": row["source"],
            "position": row["position"] or None,
            "url": row["url"],
            "title": row["title"],
            "author": row["author"],
            "published": row["published"],
            "language": row["language"],
            "encoding": row["encoding"],
            "format": row["format"],
            "text": row["text"],
            "pipeline_version": row["pipeline_version"],
        }


def export_entities(store: Store, selection: Selection) -> Iterator[Row]:
    for row, names, found in entity_rows(store, selection):
        yield {
            "id": row["id"],
            "type": row["type"],
            "kind": row["kind"],
            "name": row["name"],
            "acronym": row["acronym"],
            "city": row["city"],
            "gazetteer": row["gazetteer"],
            "aliases": names,
            "external_ids": row["external_ids"] or {},
            "mentions": [
                {
                    "document": m["document_id"],
                    "start": m["start"],
                    "end": m["end"],
                    "text": m["text"],
                    "field": m["field"],
                }
                for m in found
            ],
        }


def export_facts(store: Store, selection: Selection) -> Iterator[Row]:
    for row, proof in fact_rows(store, selection):
        yield {
            "id": row["id"],
            "predicate": row["predicate"],
            "subject": row["subject_id"],
            "object": row["object_id"],
            "value": row["value"],
            "date": row["date"],
            "date_precision": row["date_precision"],
            "end_date": row["end_date"],
            "status": row["status"],
            "kind": row["kind"],
            "qualifiers": row["qualifiers"] or {},
            "confidence": row["confidence"],
            "conflict": row["conflict"],
            "alternatives": row["alternatives"] or [],
            "curation": row["curation"],
            "history": row["history"] or [],
            "evidence": [
                {
                    "document": e["document_id"],
                    "start": e["start"],
                    "end": e["end"],
                    "text": e["text"],
                    "rule": e["rule"],
                    "pipeline_version": e["pipeline_version"],
                }
                for e in proof
            ],
        }
