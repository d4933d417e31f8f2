"""Browse and review endpoints: the tables of entities, facts and documents (filtered,
faceted, sorted, paginated), the whole network and its communities, the review queue,
"did you mean" suggestions and an entity's mentions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from .. import query
from ..query import MAX_PAGE, NetworkRequest
from .routes import EntityFilterDep, FilterDep, Limit, Offset, StoreDep, reader

router = APIRouter(prefix="/api")
read = reader(router)

EntitySort = StrEnum("EntitySort", {s: s for s in query.ENTITY_SORTS})  # type: ignore[misc]
FactSort = StrEnum("FactSort", {s: s for s in query.FACT_SORTS})  # type: ignore[misc]
EdgeBudget = Annotated[
    int,
    Query(ge=1, le=query.MAX_NETWORK_EDGES, description="Most facts drawn, strongest first."),
]
Places = Annotated[bool, Query(description="Draw places as nodes, with their located_in facts.")]


@read("/entities", summary="The table of entities: filters, counts per type and kind")
def entities(
    db: StoreDep,
    filters: EntityFilterDep,
    sort: Annotated[EntitySort, Query()] = "-degree",  # type: ignore[assignment]
    limit: Limit = 50,
    offset: Offset = 0,
) -> query.EntitiesTable:
    """Entities not merged into another, with their number of visible facts (`degree`)."""
    return query.entities_table(db, filters, str(sort), limit, offset)


@read("/facts", summary="The table of facts: filters, facets with counts, sort, pages")
def facts(
    db: StoreDep,
    filters: FilterDep,
    entity_filters: EntityFilterDep,
    sort: Annotated[FactSort, Query()] = "-date",  # type: ignore[assignment]
    limit: Limit = 50,
    offset: Offset = 0,
) -> query.FactsTable:
    """Facts with both parties, date and precision, status, kind, confidence, number of
    sources and curation state; `facets` counts each value in the whole selection."""
    return query.facts_table(db, filters, entity_filters, str(sort), limit, offset)


def network_request(
    filters: FilterDep,
    entity_filters: EntityFilterDep,
    places: Places = False,
    max_edges: EdgeBudget = query.DEFAULT_EDGES,
) -> NetworkRequest:
    """The parameters of the network view: the listings' filters, places, edge budget."""
    return NetworkRequest(filters, entity_filters, places, max_edges)


NetworkDep = Annotated[NetworkRequest, Depends(network_request)]


@read("/network", summary="The whole network, or the part the filters select")
def network(db: StoreDep, request: NetworkDep) -> query.Network:
    """Facts between two entities (strongest first, up to `max_edges`) and the entities
    they join with their degree and places; `truncated` says facts were left out."""
    return query.network(db, request)


@read("/network/communities", summary="Communities of the network (networkx)")
def communities(db: StoreDep, request: NetworkDep) -> query.Communities:
    """Louvain communities of the same network (label propagation beyond 5,000 nodes)."""
    return query.communities(db, request)


@read("/review", summary="Undecided facts, weakest first")
def review(
    db: StoreDep, filters: FilterDep, limit: Limit = 20, offset: Offset = 0
) -> query.ReviewQueue:
    """Conflicts, then planned facts whose date has passed, then single-source facts, then
    the rest, lowest confidence first; each sentence cut to highlight both parties."""
    return query.review_queue(db, filters, limit, min(offset, 10_000))


@read("/suggest", summary="Entities spelled like the text (did you mean)")
def suggest(
    db: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[query.EntityRef]:
    return query.suggest(db, q, limit)


@read("/entities/{entity_id}/mentions", summary="Where documents name an entity")
def mentions(
    db: StoreDep,
    entity_id: str,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Offset = 0,
) -> query.EntityMentions:
    """Mention ids with some text around them: what a split moves to a new entity."""
    return query.entity_mentions(db, entity_id, limit, offset)
