"""Facts: one with all its evidence, and the facts table (both parties, date, status, kind,
confidence, sources, curation) filtered, faceted, sorted and paginated."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.engine import Connection

from ..errors import NotFoundError, UsageError
from ..filters import EntityFilter, FactFilter
from ..store import Store
from ..store.schema import entities, facts
from .common import (
    VIEW_COLUMNS,
    Row,
    canonical_map,
    entity_rows,
    fact_views,
    follow,
    missing,
    page_size,
    ref,
    source_counts,
    touching,
)
from .entities import scope
from .models import FacetValue, FactRow, FactsTable, FactView

FACT_SORTS = ("-date", "date", "-confidence", "confidence", "predicate", "subject")
FACETS = ("predicate", "status", "kind", "curation")
_ROW_COLUMNS = [
    facts.c[name]
    for name in (
        "id", "predicate", "subject_id", "object_id", "value", "qualifiers", "date",
        "date_precision", "status", "kind", "confidence", "curation", "conflict", "origin",
    )
]  # fmt: skip


def fact(store: Store, fact_id: str) -> FactView:
    """One fact with all its evidence and alternatives (rejected facts included)."""
    with store.engine.connect() as connection:
        row = connection.execute(select(*VIEW_COLUMNS).where(facts.c.id == fact_id)).first()
        if row is None:
            raise NotFoundError(f"no fact with id '{fact_id}'.", "Fact ids start with 'f-'.")
        return fact_views(connection, [dict(row._mapping)], None)[0]


def ends_condition(entity_filter: EntityFilter) -> ColumnElement[bool]:
    """Facts whose ends both pass `entity_filter`; the place a fact locates something in
    is not asked to (a filter on schools keeps where the schools are)."""
    passing = select(entities.c.id).where(entity_filter.where())
    return and_(
        facts.c.subject_id.in_(passing),
        (facts.c.object_id.is_(None))
        | (facts.c.predicate == "located_in")
        | facts.c.object_id.in_(passing),
    )


def selection(
    connection: Connection, fact_filter: FactFilter, entity_filter: EntityFilter
) -> ColumnElement[bool]:
    """The facts a listing shows: the fact filter, the entity filter, and when the fact
    filter names an entity, only the facts that touch it (or an entity merged into it)."""
    conditions: list[ColumnElement[Any]] = [fact_filter.where()]
    if not entity_filter.empty:
        conditions.append(ends_condition(entity_filter))
    if fact_filter.entity:
        _row, ids = scope(connection, fact_filter.entity)
        conditions.append(touching(ids))
    return and_(*conditions)


def facts_table(
    store: Store,
    fact_filter: FactFilter | None = None,
    entity_filter: EntityFilter | None = None,
    sort: str = "-date",
    limit: int = 50,
    offset: int = 0,
) -> FactsTable:
    """A page of the facts the filters select, with the counts of each predicate, status,
    kind and curation state in the whole selection."""
    if sort not in FACT_SORTS:
        raise UsageError(f"unknown sort '{sort}'.", f"Use one of {', '.join(FACT_SORTS)}.")
    limit, offset = page_size(limit), max(offset, 0)
    with store.engine.connect() as connection:
        where = selection(connection, fact_filter or FactFilter(), entity_filter or EntityFilter())
        total = connection.scalar(select(func.count()).select_from(facts).where(where)) or 0
        query = select(*_ROW_COLUMNS).where(where)
        if sort == "subject":
            subject = entities.alias("subject_entity")
            query = query.join(subject, subject.c.id == facts.c.subject_id)
            query = query.order_by(subject.c.name, facts.c.id)
        else:
            query = query.order_by(*_fact_order(sort, connection.dialect.name))
        found = [dict(r._mapping) for r in connection.execute(query.limit(limit).offset(offset))]
        rows = _fact_rows(connection, found)
        facets = {name: _facet(connection, where, name) for name in FACETS}
    return FactsTable(rows, total, limit, offset, sort, facets)


def _fact_order(sort: str, dialect: str) -> list[Any]:
    date, confidence = facts.c.date, facts.c.confidence
    newest = date.desc().nulls_last() if dialect == "postgresql" else date.desc()
    return {
        "-date": [newest, confidence.desc(), facts.c.id],
        "date": [date.is_(None), date.asc(), confidence.desc(), facts.c.id],
        "-confidence": [confidence.desc(), facts.c.id],
        "confidence": [confidence.asc(), facts.c.id],
        "predicate": [facts.c.predicate, newest, facts.c.id],
    }[sort]


def _fact_rows(connection: Connection, found: list[Row]) -> list[FactRow]:
    ids = [r["id"] for r in found]
    ends = [i for r in found for i in (r["subject_id"], r["object_id"]) if i]
    redirects = canonical_map(connection, ends)
    known = entity_rows(connection, [follow(redirects, i) for i in ends])
    sources = source_counts(connection, ids)

    def end(entity_id: str | None) -> Any:
        if not entity_id:
            return None
        row = known.get(follow(redirects, entity_id))
        return ref(row) if row else missing(entity_id)

    return [
        FactRow(
            id=r["id"],
            predicate=r["predicate"],
            subject=end(r["subject_id"]),
            object=end(r["object_id"]),
            value=r["value"],
            unit=(r["qualifiers"] or {}).get("unit"),
            role=(r["qualifiers"] or {}).get("role"),
            date=r["date"],
            date_precision=r["date_precision"],
            status=r["status"],
            kind=r["kind"],
            confidence=r["confidence"],
            sources=sources.get(r["id"], 0),
            curation=r["curation"],
            conflict=bool(r["conflict"]),
            origin=r["origin"],
        )
        for r in found
    ]


def _facet(connection: Connection, where: ColumnElement[bool], name: str) -> list[FacetValue]:
    column = facts.c[name]
    count = func.count().label("n")
    query = select(column, count).where(where).group_by(column).order_by(count.desc(), column)
    found = [FacetValue(value, n) for value, n in connection.execute(query)]
    if name == "curation":  # an undecided fact is a value of its own in the filter
        found = [FacetValue(f.value or "none", f.count) for f in found]
    return found
