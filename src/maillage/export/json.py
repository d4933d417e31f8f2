"""The JSON export of ../shared/eval/README.md, written as a stream (bounded memory)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any, TextIO

from ..store import Store
from ..store.schema import aliases, documents, entities, evidence, facts, mentions
from ..version import PIPELINE_VERSION, __version__

Row = dict[str, Any]


def write_json(store: Store, out: TextIO) -> dict[str, int]:
    """Write the whole graph as one JSON object; return how many items of each list."""
    counts = {}
    about = json.dumps({"version": __version__, "pipeline": PIPELINE_VERSION})
    out.write(f'{{"maillage": {about},\n')
    sections: list[tuple[str, Callable[[Store], Iterator[Row]]]] = [
        ("documents", export_documents),
        ("entities", export_entities),
        ("facts", export_facts),
    ]
    for index, (name, items) in enumerate(sections):
        out.write(f'"{name}": [')
        counts[name] = _write_items(items(store), out)
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


def export_documents(store: Store) -> Iterator[Row]:
    for row in store.rows(documents, [documents.c.id]):
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


def export_entities(store: Store) -> Iterator[Row]:
    alias_groups = _groups(store.rows(aliases, [aliases.c.entity_id, aliases.c.id]), "entity_id")
    mention_groups = _groups(
        store.rows(mentions, [mentions.c.entity_id, mentions.c.id]), "entity_id"
    )
    for row in store.rows(entities, [entities.c.id]):
        names = [a["name"] for a in alias_groups.take(row["id"]) if a["name"] != row["name"]]
        yield {
            "id": row["id"],
            "type": row["type"],
            "kind": row["kind"],
            "name": row["name"],
            "acronym": row["acronym"],
            "city": row["city"],
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
                for m in mention_groups.take(row["id"])
            ],
        }


def export_facts(store: Store) -> Iterator[Row]:
    evidence_groups = _groups(store.rows(evidence, [evidence.c.fact_id, evidence.c.id]), "fact_id")
    for row in store.rows(facts, [facts.c.id]):
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
            "evidence": [
                {
                    "document": e["document_id"],
                    "start": e["start"],
                    "end": e["end"],
                    "text": e["text"],
                    "rule": e["rule"],
                    "pipeline_version": e["pipeline_version"],
                }
                for e in evidence_groups.take(row["id"])
            ],
        }


class _groups:
    """Merge-join helper: rows of a stream sorted by `key`, taken group by group."""

    def __init__(self, rows: Iterator[Row], key: str) -> None:
        self._groups = groupby(rows, key=lambda r: r[key])
        self._current: tuple[Any, list[Row]] | None = None

    def take(self, wanted: Any) -> list[Row]:
        while True:
            if self._current is None:
                nxt = next(self._groups, None)
                if nxt is None:
                    return []
                self._current = (nxt[0], list(nxt[1]))
            key, rows = self._current
            if key > wanted:
                return []
            self._current = None
            if key == wanted:
                return rows
