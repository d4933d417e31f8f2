"""The graph at a glance: counts, most connected institutions, events per year and kind,
newest facts and the distribution of degrees."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select, union_all
from sqlalchemy.engine import Connection

from ..filters import FactFilter
from ..store import Store
from ..store.schema import entities, facts
from .common import (
    EVENT_PREDICATES,
    NEWEST_FIRST,
    VIEW_COLUMNS,
    entity_rows,
    fact_views,
    forget,
    page_size,
    ref,
    remember,
    sql_order,
    visible_degrees,
)
from .models import Connected, DegreeCount, FactView, Statistics, YearKindCount


def statistics(store: Store, top: int = 10, max_age: float = 0.0) -> Statistics:
    """Counts, most connected institutions, events per year and kind, newest facts, degrees.

    These scan the whole graph; `max_age` seconds lets a server reuse a recent answer.
    """
    return remember(f"statistics|{store.engine.url}|{top}", max_age, lambda: _compute(store, top))


def _compute(store: Store, top: int) -> Statistics:
    with store.engine.connect() as connection:
        visible = FactFilter().where()
        return Statistics(
            counts=store.stats(),
            most_connected=_most_connected(connection, visible, page_size(top)),
            events_by_year=_events_by_year(connection, visible),
            newest=_newest(connection, visible, page_size(top)),
            degrees=_degree_distribution(connection),
        )


def forget_statistics() -> None:
    """Drop the statistics and communities kept for a while: the graph was just changed."""
    forget()


def _most_connected(
    connection: Connection, visible: ColumnElement[Any], top: int
) -> list[Connected]:
    ends = union_all(
        select(facts.c.subject_id.label("entity")).where(visible),
        select(facts.c.object_id.label("entity")).where(visible, facts.c.object_id.is_not(None)),
    ).subquery()
    count = func.count().label("n")
    query = (
        select(ends.c.entity, count)
        .select_from(ends.join(entities, entities.c.id == ends.c.entity))
        .where(entities.c.type == "organization", entities.c.merged_into.is_(None))
        .group_by(ends.c.entity)
        .order_by(count.desc(), ends.c.entity)
        .limit(top)
    )
    ranked = [(r.entity, r.n) for r in connection.execute(query)]
    rows = entity_rows(connection, [i for i, _ in ranked])
    return [Connected(ref(rows[i]), n) for i, n in ranked if i in rows]


def _events_by_year(connection: Connection, visible: ColumnElement[Any]) -> list[YearKindCount]:
    year = func.substr(facts.c.date, 1, 4).label("year")
    query = (
        select(year, facts.c.kind, func.count())
        .where(visible, facts.c.date.is_not(None), facts.c.predicate.in_(EVENT_PREDICATES))
        .group_by(year, facts.c.kind)
        .order_by(year, facts.c.kind)
    )
    return [YearKindCount(y, k, n) for y, k, n in connection.execute(query)]


def _newest(connection: Connection, visible: ColumnElement[Any], top: int) -> list[FactView]:
    # Newest by the date of what they tell; undated facts come after every dated one.
    query = (
        select(*VIEW_COLUMNS)
        .where(visible)
        .order_by(*sql_order(NEWEST_FIRST, connection.dialect.name))
        .limit(top)
    )
    return fact_views(connection, [dict(r._mapping) for r in connection.execute(query)], 1)


def _degree_distribution(connection: Connection) -> list[DegreeCount]:
    """How many entities have 1, 2, 3... visible facts (entities without any left out)."""
    per_entity = visible_degrees().subquery()
    query = (
        select(per_entity.c.degree, func.count())
        .group_by(per_entity.c.degree)
        .order_by(per_entity.c.degree)
    )
    return [DegreeCount(int(d), int(n)) for d, n in connection.execute(query)]
