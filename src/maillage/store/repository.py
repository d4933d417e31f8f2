"""Repository functions over the graph tables; the only module that writes them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, ColumnElement, Engine, Select, String, Table, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from ..errors import NotFoundError
from ..models import Document, Entity, ExtractionRecord, Fact, Mention, Quarantined
from ..resolve.names import normalize_name
from .engine import connect, lock_writes
from .faults import retrying
from .schema import aliases, documents, entities, evidence, facts, mentions, quarantine

Row = dict[str, Any]


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """A maillage graph database (SQLite file or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, busy_timeout_ms: int = 30_000, upgrade: bool = True) -> Store:
        return cls(connect(url, busy_timeout_ms, upgrade))

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ----------------------------------------------------------
    def existing_documents(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        with self.engine.connect() as connection:
            query = select(documents.c.id).where(documents.c.id.in_(list(ids)))
            return set(connection.scalars(query))

    def save(
        self,
        records: Sequence[ExtractionRecord],
        quarantined: Sequence[Quarantined] = (),
        only_new: bool = False,
        after: Callable[[Connection], None] | None = None,
    ) -> list[ExtractionRecord]:
        """Store a batch of extraction records and quarantine entries in one transaction,
        table by table in large multi-row inserts; return the records stored.

        Writers take one lock per database first (PostgreSQL advisory lock, SQLite's write
        lock), so two ingests at once queue instead of deadlocking; `only_new` drops, under
        that lock, the records of documents another writer stored meanwhile; `after` runs in
        the same transaction (a run's progress commits with its batch)."""

        def transaction() -> list[ExtractionRecord]:
            with self.engine.begin() as connection:
                lock_writes(connection)
                kept = list(records)
                if only_new:
                    known = self._existing(connection, [r.document.id for r in kept])
                    kept = [r for r in kept if r.document.id not in known]
                self._insert_rows(connection, batch_rows(kept))
                rows = [_quarantine_row(q) for q in quarantined]
                self._insert_ignore(connection, quarantine, rows)
                if after:
                    after(connection)
                return kept

        return retrying(transaction)

    def _existing(self, connection: Connection, ids: Sequence[str]) -> set[str]:
        return {
            found
            for part in range(0, len(ids), 500)
            for found in connection.scalars(
                select(documents.c.id).where(documents.c.id.in_(list(ids[part : part + 500])))
            )
        }

    def _insert_rows(self, connection: Connection, rows: dict[str, list[Row]]) -> None:
        for name in ("documents", "entities", "aliases", "facts"):
            self._insert_ignore(connection, TABLES[name], rows[name])
        for name in ("mentions", "evidence"):  # no conflicts; reading order kept for ids
            if rows[name]:
                connection.execute(insert(TABLES[name]), rows[name])

    def merge_rows(self, batch: RowBatch) -> dict[str, int]:
        """Add rows read from an export in one transaction: what exists (same id, or same
        mention / evidence span) is kept, the rest inserted; return how many were new."""
        with self.engine.begin() as connection:
            new = {
                "documents": self._insert_new(connection, documents, batch.documents),
                "entities": self._insert_new(connection, entities, batch.entities),
            }
            self._insert_ignore(connection, aliases, batch.aliases)
            return new | {
                "mentions": self._insert_unseen(connection, mentions, batch.mentions, MENTION_SPAN),
                "facts": self._insert_new(connection, facts, batch.facts),
                "evidence": self._insert_unseen(connection, evidence, batch.evidence, PROOF_SPAN),
            }

    def _insert_new(self, connection: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
        """Insert the rows whose id is not stored yet; return how many."""
        ids = [r["id"] for r in rows]
        present = {
            found
            for part in range(0, len(ids), 500)
            for found in connection.scalars(
                select(table.c.id).where(table.c.id.in_(ids[part : part + 500]))
            )
        }
        self._insert_ignore(connection, table, [r for r in rows if r["id"] not in present])
        return len(set(ids) - present)

    def _insert_unseen(
        self, connection: Connection, table: Table, rows: list[Row], span: tuple[str, ...]
    ) -> int:
        """Insert the rows whose span (owner, document, offsets, rule or field) is not stored."""
        owner = span[0]
        owners = sorted({r[owner] for r in rows})
        seen = {
            tuple(r)
            for part in range(0, len(owners), 500)
            for r in connection.execute(
                select(*(table.c[name] for name in span)).where(
                    table.c[owner].in_(owners[part : part + 500])
                )
            )
        }
        fresh = []
        for row in rows:
            key = tuple(row[name] for name in span)
            if key not in seen:
                seen.add(key)
                fresh.append(row)
        if fresh:
            connection.execute(insert(table), fresh)
        return len(fresh)

    def _insert_ignore(
        self, connection: Connection, table: Table, rows: list[dict[str, Any]]
    ) -> None:
        if not rows:
            return
        dialect = connection.dialect.name
        if dialect == "postgresql":
            connection.execute(postgresql.insert(table).on_conflict_do_nothing(), rows)
        elif dialect == "sqlite":
            connection.execute(sqlite.insert(table).on_conflict_do_nothing(), rows)
        else:  # pragma: no cover - other dialects are not supported
            raise NotImplementedError(dialect)

    def refresh_statistics(self, new_documents: int) -> bool:
        """After a write that added at least a tenth of the documents (autovacuum's own rule),
        ANALYZE the graph's tables on PostgreSQL; True if it ran. Without statistics (autovacuum
        off, or not run yet) the planner reads each chunk of the consolidation's `IN (…)`
        lookups by a scan of the whole table, quadratic in the graph (bench/README.md, issue
        11). SQLite's planner does without them."""
        if self.engine.dialect.name != "postgresql" or not new_documents:
            return False
        with self.engine.begin() as connection:
            total = connection.scalar(select(func.count()).select_from(documents)) or 0
            if new_documents * 10 < total:
                return False
            quote = connection.dialect.identifier_preparer.format_table
            for table in (documents, entities, aliases, facts, evidence, mentions):
                connection.exec_driver_sql(f"ANALYZE {quote(table)}")
        return True

    # -- reading ----------------------------------------------------------
    def stats(self) -> dict[str, int]:
        tables = {
            "documents": documents,
            "entities": entities,
            "facts": facts,
            "evidence": evidence,
            "mentions": mentions,
            "quarantined": quarantine,
        }
        with self.engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table)) or 0
                for name, table in tables.items()
            }

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        columns = [c for c in documents.c if c.name != "text"]
        query = (
            select(*columns)
            .order_by(documents.c.ingested_at, documents.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def get_document(self, ref: str) -> dict[str, Any]:
        """A document by id or unique id prefix."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(documents).where(documents.c.id.startswith(ref, autoescape=True)).limit(2)
            ).all()
        if len(rows) != 1:
            problem = "no document" if not rows else "several documents"
            raise NotFoundError(
                f"{problem} with id '{ref}'.", "List them with `maillage documents`."
            )
        return dict(rows[0]._mapping)

    def quarantined(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            query = select(quarantine).order_by(quarantine.c.id)
            return [dict(row._mapping) for row in connection.execute(query)]

    def rows(
        self,
        table: Table,
        order_by: Iterable[Column[Any]] = (),
        where: ColumnElement[bool] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stream the rows of a table (all of them, or those matching `where`)."""
        query = select(table)
        return self.stream(query if where is None else query.where(where), order_by)

    def stream(
        self, query: Select[Any], order_by: Iterable[Column[Any]] = ()
    ) -> Iterator[dict[str, Any]]:
        """Stream the rows of a query (server-side cursor where the backend has one), ordered
        by code point like Python strings, whatever the database's collation."""
        binary = "C" if self.engine.dialect.name == "postgresql" else "BINARY"
        ordering = [c.collate(binary) if isinstance(c.type, String) else c for c in order_by]
        with self.engine.connect() as connection:
            result = connection.execution_options(stream_results=True, yield_per=1000).execute(
                query.order_by(*ordering)
            )
            for row in result:
                yield dict(row._mapping)


# What makes a mention or an evidence row the same when an export is merged into a store.
MENTION_SPAN = ("entity_id", "document_id", "start", "end", "field")
PROOF_SPAN = ("fact_id", "document_id", "start", "end", "rule")


@dataclass(slots=True)
class RowBatch:
    """Rows of the graph tables, ready to insert (the importer builds them)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents) + len(self.entities) + len(self.facts)


TABLES = {
    "documents": documents,
    "entities": entities,
    "aliases": aliases,
    "mentions": mentions,
    "facts": facts,
    "evidence": evidence,
}
_KEYED = ("documents", "entities", "aliases", "facts")


def batch_rows(records: Sequence[ExtractionRecord]) -> dict[str, list[Row]]:
    """The rows of a batch of records, table by table. Rows that may already exist are
    deduplicated (the first record wins, as when they were inserted one by one) and sorted
    by key, so that concurrent writers lock them in the same order."""
    rows: dict[str, dict[Any, Row]] = {name: {} for name in _KEYED}
    mention_rows: list[Row] = []
    evidence_rows: list[Row] = []
    for record in records:
        doc = record.document
        rows["documents"].setdefault(doc.id, _document_row(doc, record.pipeline_version))
        for entity in record.entities:
            rows["entities"].setdefault(entity.key, _entity_row(entity))
            for alias in _alias_rows(entity):
                rows["aliases"].setdefault((alias["entity_id"], alias["normalized"]), alias)
        mention_rows.extend(_mention_row(m) for m in record.mentions)
        for fact in record.facts:
            row = _fact_row(fact)
            rows["facts"].setdefault(row["id"], row)
            evidence_rows.extend(_evidence_rows(fact, row["id"]))
    ordered = {name: [found[k] for k in sorted(found)] for name, found in rows.items()}
    return {**ordered, "mentions": mention_rows, "evidence": evidence_rows}


def _alias_rows(entity: Entity) -> list[Row]:
    names = {entity.name, *entity.aliases, *([entity.acronym] if entity.acronym else [])}
    return [
        {"entity_id": entity.key, "name": name, "normalized": normalized}
        for name in sorted(names)
        if (normalized := normalize_name(name))
    ]


def _mention_row(m: Mention) -> Row:
    return {
        "entity_id": m.entity,
        "document_id": m.document,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "field": m.field,
    }


def _fact_row(fact: Fact) -> Row:
    return {
        "id": fact_key(fact),
        "predicate": fact.predicate,
        "subject_id": fact.subject,
        "object_id": fact.object,
        "value": fact.value,
        "date": fact.date,
        "date_precision": date_precision(fact.date),
        "end_date": fact.end_date,
        "status": fact.status,
        "kind": fact.kind,
        "qualifiers": fact.qualifiers,
        "confidence": fact.confidence,
        "conflict": False,
        "alternatives": [],
    }


def _evidence_rows(fact: Fact, key: str) -> list[Row]:
    return [
        {
            **asdict(ev),
            "fact_id": key,
            "document_id": ev.document,
            "date": fact.date,
            "status": fact.status,
            "kind": fact.kind,
            "confidence": fact.confidence,
        }
        for ev in fact.evidence
    ]


def fact_key(fact: Fact) -> str:
    """Stable identity of a fact: what it says, not where it was read."""
    ends = [fact.subject, fact.object or ""]
    if fact.predicate == "partner_of":
        ends.sort()
    detail = fact.qualifiers.get("role") or fact.qualifiers.get("unit") or ""
    if fact.predicate == "quantity":
        detail = f"{detail}|{fact.value}"
    parts = [fact.predicate, *ends, fact.kind or "", normalize_name(str(detail))]
    return "f-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def date_precision(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


def _document_row(doc: Document, pipeline_version: str) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "position": doc.position,
        "format": doc.format,
        "url": doc.url,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "language": doc.language,
        "encoding": doc.encoding,
        "text": doc.text,
        "ingested_at": _now(),
        "pipeline_version": pipeline_version,
    }


def _entity_row(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.key,
        "type": entity.type,
        "kind": entity.kind,
        "name": entity.name,
        "acronym": entity.acronym,
        "city": entity.city,
        "gazetteer": entity.gazetteer,
        "external_ids": {},
    }


def _quarantine_row(item: Quarantined) -> dict[str, Any]:
    key = hashlib.sha256(f"{item.source}\x1f{item.position}\x1f{item.code}".encode()).hexdigest()
    return {
        "key": key,
        "source": item.source,
        "position": item.position,
        "code": item.code,
        "reason": item.reason,
        "created_at": _now(),
    }
