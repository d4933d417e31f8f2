"""Writes of consolidation and curation: entity redirects, rewritten facts, decisions.

Every function takes an open connection so that callers group them in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from .schema import aliases, decisions, documents, entities, evidence, facts, mentions

Row = dict[str, Any]
_CHUNK = 500


def chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_ignore(connection: Connection, table: Any, rows: list[Row]) -> None:
    """Insert rows, skipping those whose key already exists (SQLite and PostgreSQL)."""
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


# -- entities ---------------------------------------------------------------
def entity_rows(connection: Connection) -> list[Row]:
    return [dict(r._mapping) for r in connection.execute(select(entities))]


def entity_row(connection: Connection, entity_id: str) -> Row | None:
    row = connection.execute(select(entities).where(entities.c.id == entity_id)).first()
    return dict(row._mapping) if row else None


def alias_rows(connection: Connection) -> list[Row]:
    return [dict(r._mapping) for r in connection.execute(select(aliases))]


def mention_documents(connection: Connection, ids: Collection[str]) -> dict[str, set[str]]:
    """Entity id → documents where it is mentioned, for the given entities."""
    found: dict[str, set[str]] = {}
    for chunk in chunks(sorted(ids)):
        query = select(mentions.c.entity_id, mentions.c.document_id).where(
            mentions.c.entity_id.in_(chunk)
        )
        for entity_id, document_id in connection.execute(query.distinct()):
            found.setdefault(entity_id, set()).add(document_id)
    return found


def role_institutions(connection: Connection, ids: Collection[str]) -> dict[str, set[str]]:
    """Person id → organizations where a holds_role fact places them."""
    found: dict[str, set[str]] = {}
    for chunk in chunks(sorted(ids)):
        query = select(facts.c.subject_id, facts.c.object_id).where(
            facts.c.predicate == "holds_role", facts.c.subject_id.in_(chunk)
        )
        for person, organization in connection.execute(query):
            found.setdefault(person, set()).add(organization)
    return found


def redirect_entity(connection: Connection, absorbed: str, kept: str) -> None:
    """Move every mention, alias and fact of `absorbed` to `kept`; `absorbed` redirects."""
    if absorbed == kept:
        return
    connection.execute(
        update(mentions).where(mentions.c.entity_id == absorbed).values(entity_id=kept)
    )
    moved = connection.execute(select(aliases).where(aliases.c.entity_id == absorbed)).all()
    insert_ignore(
        connection,
        aliases,
        [{**_without_id(dict(r._mapping)), "entity_id": kept} for r in moved],
    )
    connection.execute(delete(aliases).where(aliases.c.entity_id == absorbed))
    connection.execute(update(facts).where(facts.c.subject_id == absorbed).values(subject_id=kept))
    connection.execute(update(facts).where(facts.c.object_id == absorbed).values(object_id=kept))
    _merge_external_ids(connection, absorbed, kept)
    connection.execute(
        update(entities)
        .where(or_(entities.c.id == absorbed, entities.c.merged_into == absorbed))
        .values(merged_into=kept)
    )


def _without_id(row: Row) -> Row:
    return {k: v for k, v in row.items() if k != "id"}


def _merge_external_ids(connection: Connection, absorbed: str, kept: str) -> None:
    rows = {
        r.id: r.external_ids or {}
        for r in connection.execute(
            select(entities.c.id, entities.c.external_ids).where(
                entities.c.id.in_([absorbed, kept])
            )
        )
    }
    if rows.get(absorbed):
        merged = {**rows[absorbed], **rows.get(kept, {})}
        update_entity(connection, kept, external_ids=merged)


def update_entity(connection: Connection, entity_id: str, **values: Any) -> None:
    connection.execute(update(entities).where(entities.c.id == entity_id).values(**values))


def add_alias(connection: Connection, entity_id: str, name: str, normalized: str) -> None:
    insert_ignore(
        connection, aliases, [{"entity_id": entity_id, "name": name, "normalized": normalized}]
    )


def set_alias(
    connection: Connection, entity_id: str, name: str, normalized: str, valid_to: str | None
) -> None:
    """Add an alias, or date the existing one (a former name valid until `valid_to`)."""
    add_alias(connection, entity_id, name, normalized)
    if valid_to:
        connection.execute(
            update(aliases)
            .where(
                aliases.c.entity_id == entity_id,
                aliases.c.normalized == normalized,
                aliases.c.valid_to.is_(None),
            )
            .values(valid_to=valid_to)
        )


# -- facts --------------------------------------------------------------------
def extracted_facts(connection: Connection, around: Collection[str] | None = None) -> list[Row]:
    """Extracted facts, all of them or those with one of the `around` entities as a participant."""
    query = select(facts).where(facts.c.origin == "extracted")
    if around is None:
        return [dict(r._mapping) for r in connection.execute(query)]
    found: dict[str, Row] = {}
    for chunk in chunks(sorted(around)):
        near = or_(facts.c.subject_id.in_(chunk), facts.c.object_id.in_(chunk))
        found.update((r.id, dict(r._mapping)) for r in connection.execute(query.where(near)))
    return list(found.values())


def evidence_of(connection: Connection, fact_ids: Sequence[str]) -> list[Row]:
    found: list[Row] = []
    for chunk in chunks(fact_ids):
        query = select(evidence).where(evidence.c.fact_id.in_(chunk))
        found.extend(dict(r._mapping) for r in connection.execute(query))
    return found


def document_origins(
    connection: Connection, ids: Collection[str]
) -> dict[str, tuple[str | None, str | None]]:
    """Document id → (publication date, URL)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for chunk in chunks(sorted(ids)):
        query = select(documents.c.id, documents.c.published, documents.c.url).where(
            documents.c.id.in_(chunk)
        )
        found.update((key, (published, url)) for key, published, url in connection.execute(query))
    return found


def entity_id_pages(connection: Connection, size: int) -> Iterator[set[str]]:
    """Every entity id, in pages of `size` (read before any page is processed)."""
    ids = list(connection.scalars(select(entities.c.id).order_by(entities.c.id)))
    for chunk in chunks(ids, size):
        yield set(chunk)


def fact_row(connection: Connection, fact_id: str) -> Row | None:
    row = connection.execute(select(facts).where(facts.c.id == fact_id)).first()
    return dict(row._mapping) if row else None


def upsert_fact(connection: Connection, row: Row, existing: Row | None) -> None:
    """Insert a fact row or update the columns that changed."""
    if existing is None:
        connection.execute(insert(facts), [row])
        return
    changed = {k: v for k, v in row.items() if existing.get(k) != v}
    if changed:
        connection.execute(update(facts).where(facts.c.id == row["id"]).values(**changed))


def move_evidence(connection: Connection, moves: Sequence[tuple[int, str]]) -> None:
    """Give evidence rows (id, new fact id) their new fact."""
    statement = (
        update(evidence)
        .where(evidence.c.id == bindparam("evidence_id"))
        .values(fact_id=bindparam("new_fact"))
    )
    for chunk in chunks(moves):
        connection.execute(statement, [{"evidence_id": i, "new_fact": f} for i, f in chunk])


def delete_facts(connection: Connection, fact_ids: Iterable[str]) -> None:
    for chunk in chunks(fact_ids):
        connection.execute(delete(evidence).where(evidence.c.fact_id.in_(chunk)))
        connection.execute(delete(facts).where(facts.c.id.in_(chunk)))


def update_fact(connection: Connection, fact_id: str, **values: Any) -> None:
    connection.execute(update(facts).where(facts.c.id == fact_id).values(**values))


# -- decisions ----------------------------------------------------------------
def insert_decision(connection: Connection, row: Row) -> Row:
    row = {**row, "created_at": row.get("created_at") or datetime.now(UTC)}
    result = connection.execute(insert(decisions).values(**row).returning(decisions.c.id))
    return {**row, "id": result.scalar_one()}


def decision_rows(connection: Connection, actions: Sequence[str] = ()) -> list[Row]:
    query = select(decisions).order_by(decisions.c.created_at, decisions.c.id)
    if actions:
        query = query.where(decisions.c.action.in_(list(actions)))
    return [dict(r._mapping) for r in connection.execute(query)]


# -- reprocessing -------------------------------------------------------------
def clear_graph(connection: Connection) -> None:
    """Remove everything extraction and consolidation wrote; documents and decisions stay."""
    for table in (evidence, facts, mentions, aliases, entities):
        connection.execute(delete(table))


def document_rows_after(connection: Connection, last_id: str, limit: int) -> list[Row]:
    """Stored documents in id order, one page after `last_id` (keyset pagination)."""
    query = select(documents).where(documents.c.id > last_id).order_by(documents.c.id)
    return [dict(r._mapping) for r in connection.execute(query.limit(limit))]


def count_documents_after(connection: Connection, last_id: str) -> int:
    query = select(func.count()).select_from(documents).where(documents.c.id > last_id)
    return int(connection.scalar(query) or 0)


def set_pipeline_version(connection: Connection, ids: Sequence[str], version: str) -> None:
    for chunk in chunks(ids):
        connection.execute(
            update(documents).where(documents.c.id.in_(chunk)).values(pipeline_version=version)
        )
