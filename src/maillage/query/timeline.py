"""An entity's dated events, oldest first."""

from __future__ import annotations

from sqlalchemy import and_, func, select

from ..filters import FactFilter
from ..store import Store
from ..store.schema import facts
from .common import EVENT_PREDICATES, VIEW_COLUMNS, fact_views, page_size, ref, touching
from .entities import scope
from .models import Timeline


def timeline(
    store: Store,
    reference: str,
    fact_filter: FactFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Timeline:
    """Dated events of an entity, oldest first, each with its date precision and evidence."""
    fact_filter = fact_filter or FactFilter()
    with store.engine.connect() as connection:
        row, ids = scope(connection, reference)
        base = and_(touching(ids), facts.c.predicate.in_(EVENT_PREDICATES), fact_filter.where())
        dated = and_(base, facts.c.date.is_not(None))
        total = connection.scalar(select(func.count()).where(dated)) or 0
        undated = connection.scalar(select(func.count()).where(base, facts.c.date.is_(None)))
        query = (
            select(*VIEW_COLUMNS)
            .where(dated)
            .order_by(facts.c.date, facts.c.id)
            .limit(page_size(limit))
            .offset(max(offset, 0))
        )
        rows = [dict(r._mapping) for r in connection.execute(query)]
        return Timeline(ref(row), fact_views(connection, rows, 1), total, undated or 0)
