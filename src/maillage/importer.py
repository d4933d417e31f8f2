"""Load a maillage JSON export into a store, keeping its ids, evidence and documents.

Exports written by maillage hold one item per line and are read line by line (memory does
not grow with the file); any other valid JSON export is read whole. What the store already
has is kept: a known fact gains the evidence it lacked, a known entity the mentions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .errors import MalformedInput, UsageError
from .export.json import SECTIONS
from .resolve.names import normalize_name
from .store import Store
from .store.repository import RowBatch, date_precision

Row = dict[str, Any]


@dataclass(slots=True)
class ImportReport:
    """How many items the file held and how many of each were new to the store."""

    read: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    new: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.new[name] = self.new.get(name, 0) + count


def import_json(store: Store, path: Path, batch_size: int = 500) -> ImportReport:
    """Merge the export at `path` into `store`, one transaction per batch of items."""
    if not path.is_file():
        raise UsageError(f"cannot read '{path}'.", "Give the path of a maillage JSON export.")
    report = ImportReport()
    batch = RowBatch()
    now = datetime.now(UTC)
    with path.open(encoding="utf-8-sig") as handle:
        for section, item in _decoded(read_export(handle, str(path)), path):
            report.read[section] += 1
            _add_rows(section, item, batch, now, f"'{path}' {section} item {report.read[section]}")
            if len(batch) >= batch_size:
                report.add(store.merge_rows(batch))
                batch = RowBatch()
    report.add(store.merge_rows(batch))
    return report


def _decoded(items: Iterator[tuple[str, Row]], path: Path) -> Iterator[tuple[str, Row]]:
    try:
        yield from items
    except UnicodeDecodeError as error:
        raise _not_an_export(f"'{path}' is not UTF-8 text (byte {error.start})") from None


def _add_rows(section: str, item: Any, batch: RowBatch, now: datetime, where: str) -> None:
    """The rows of one exported item; an item that is not what an export holds is refused
    (the items before it are imported: import the fixed file again, nothing is doubled)."""
    if not isinstance(item, dict):
        raise _not_an_export(f"{where} is not a JSON object")
    try:
        _ROWS[section](item, batch, now)
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise _not_an_export(f"{where} lacks or mistypes a field ({error!r})") from None


def _not_an_export(problem: str, position: str = "") -> MalformedInput:
    return MalformedInput(
        f"{problem}: not a maillage JSON export.",
        "Export it again with `maillage export --format json`.",
        position=position,
    )


def read_export(handle: TextIO, name: str = "export") -> Iterator[tuple[str, Row]]:
    """(section, item) pairs of an export, in file order (documents, entities, facts)."""
    first = handle.readline()
    if not first.startswith('{"maillage"'):
        yield from _read_whole(first + handle.read(), name)
        return
    section = None
    for number, line in enumerate(handle, start=2):
        text = line.strip()
        if text.startswith('"'):
            section = text.split('"')[1]
        elif text.startswith("{") and section in SECTIONS:
            yield section, _parse(text.rstrip(","), name, number)
        elif text and not text.startswith(("]", "}")):
            raise _not_an_export(
                f"'{name}' line {number} is not an exported item", f"line {number}"
            )


def _read_whole(text: str, name: str) -> Iterator[tuple[str, Row]]:
    export = _parse(text, name, 1)
    unknown = set(export) - {"maillage", *SECTIONS}
    if unknown or not set(export) & set(SECTIONS):
        found = ", ".join(sorted(unknown)[:5]) or "none of documents, entities, facts"
        raise _not_an_export(f"'{name}' has other fields ({found})")
    for section in SECTIONS:
        items = export.get(section) or []
        if not isinstance(items, list):
            raise _not_an_export(f"'{name}': \"{section}\" is not a list")
        for item in items:
            yield section, item


def _parse(text: str, name: str, line: int) -> Row:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise _not_an_export(f"'{name}': {error.msg} at line {line}", f"line {line}") from None
    except RecursionError:
        raise _not_an_export(f"'{name}' line {line} is nested too deeply", f"line {line}") from None
    if not isinstance(value, dict):
        raise _not_an_export(f"'{name}' line {line} is not a JSON object", f"line {line}")
    return value


def _document(item: Row, batch: RowBatch, now: datetime) -> None:
    batch.documents.append(
        {
            "id": item["id"],
            "source": item.get("source") or "",
            "position": item.get("position") or "",
            "format": item.get("format") or "text",
            "url": item.get("url"),
            "title": item.get("title"),
            "author": item.get("author"),
            "published": item.get("published"),
            "language": item.get("language"),
            "encoding": item.get("encoding"),
            "text": item.get("text") or "",
            "ingested_at": now,
            "pipeline_version": item.get("pipeline_version") or "imported",
        }
    )


def _entity(item: Row, batch: RowBatch, now: datetime) -> None:
    batch.entities.append(
        {
            "id": item["id"],
            "type": item.get("type") or "other",
            "kind": item.get("kind"),
            "name": item["name"],
            "acronym": item.get("acronym"),
            "city": item.get("city"),
            "gazetteer": item.get("gazetteer"),
            "external_ids": item.get("external_ids") or {},
        }
    )
    # The aliases first, in their order, then the name: the export lists them the same way.
    for name in [*item.get("aliases", []), item["name"]]:
        if normalized := normalize_name(name):
            batch.aliases.append({"entity_id": item["id"], "name": name, "normalized": normalized})
    batch.mentions.extend(
        {
            "entity_id": item["id"],
            "document_id": m["document"],
            "start": m["start"],
            "end": m["end"],
            "text": m.get("text") or "",
            "field": m.get("field") or "text",
        }
        for m in item.get("mentions", [])
    )


def _fact(item: Row, batch: RowBatch, now: datetime) -> None:
    batch.facts.append(
        {
            "id": item["id"],
            "predicate": item["predicate"],
            "subject_id": item["subject"],
            "object_id": item.get("object"),
            "value": item.get("value"),
            "date": item.get("date"),
            "date_precision": item.get("date_precision") or date_precision(item.get("date")),
            "end_date": item.get("end_date"),
            "status": item.get("status") or "done",
            "kind": item.get("kind"),
            "qualifiers": item.get("qualifiers") or {},
            "confidence": item.get("confidence", 0.5),
            "conflict": bool(item.get("conflict")),
            "alternatives": item.get("alternatives") or [],
            "curation": item.get("curation"),
            "origin": "imported",
            "history": item.get("history") or [],
        }
    )
    batch.evidence.extend(
        {
            "fact_id": item["id"],
            "document_id": e["document"],
            "start": e["start"],
            "end": e["end"],
            "text": e.get("text") or "",
            "rule": e.get("rule") or "imported",
            "pipeline_version": e.get("pipeline_version") or "imported",
            "date": item.get("date"),
            "status": item.get("status"),
            "kind": item.get("kind"),
            "confidence": item.get("confidence"),
        }
        for e in item.get("evidence", [])
    )


_ROWS = {"documents": _document, "entities": _entity, "facts": _fact}
