"""Read endpoints: the read models of `maillage.query` as JSON, paginated."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal, get_type_hints

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response

from .. import query
from ..filters import FactFilter
from ..ontology import EVENT_KINDS, PREDICATES
from ..query import MAX_EDGES, MAX_PAGE
from ..store import Store
from ..tokens import Caller
from .errors import ErrorBody
from .security import Access, describe, whoami

router = APIRouter(prefix="/api")

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]


class Data(Response):
    """Read models (dataclasses) as JSON written by orjson: the declared response model
    documents them, but they are not re-validated on every request, which cost more than
    the queries on big entity pages."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def read(path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a GET endpoint whose return annotation is its response model."""

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        model = get_type_hints(handler)["return"]

        @functools.wraps(handler)
        def respond(*args: Any, **kwargs: Any) -> Response:
            return Data(handler(*args, **kwargs))

        router.get(path, response_model=model, **options)(respond)
        return handler

    return register


def store(request: Request) -> Store:
    access: Access = request.app.state.access
    return access.store


StoreDep = Annotated[Store, Depends(store)]


# The vocabulary of ontology.py as enumerations, so the OpenAPI schema lists the values.
PredicateName = StrEnum("PredicateName", {p: p for p in PREDICATES})  # type: ignore[misc]
EventKind = StrEnum("EventKind", {k: k for k in EVENT_KINDS})  # type: ignore[misc]


def fact_filter(
    predicate: Annotated[list[PredicateName], Query(description="Only these predicates.")] = [],  # noqa: B006
    kind: Annotated[list[EventKind], Query(description="Only these event kinds.")] = [],  # noqa: B006
    status: Annotated[list[Literal["done", "planned"]], Query()] = [],  # noqa: B006
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    curated_only: bool = False,
) -> FactFilter:
    """The filter query parameters shared by every fact listing."""
    return FactFilter(
        predicates=[str(p) for p in predicate],
        kinds=[str(k) for k in kind],
        statuses=status,
        date_from=since,
        date_to=until,
        min_confidence=min_confidence,
        curated_only=curated_only,
    )


FilterDep = Annotated[FactFilter, Depends(fact_filter)]


@read("/search", summary="Find entities by name, acronym or alias")
def search(
    db: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Name or its start.")],
    limit: Limit = 10,
    type: Annotated[list[Literal["organization", "person", "place", "other"]], Query()] = [],  # noqa: B006
) -> list[query.SearchHit]:
    return query.search(db, q, limit, type)


@read("/entities/{entity_id}", summary="An entity's page")
def entity(
    db: StoreDep,
    entity_id: str,
    filters: FilterDep,
    per_group: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Facts per group.")] = 10,
    documents: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> query.EntityPage:
    """Identity, aliases, roles, facts grouped by predicate with evidence, and documents.
    A merged-away entity answers with the entity it was merged into (`redirected_from`)."""
    return query.entity_page(db, entity_id, filters, per_group, documents)


@read("/entities/{entity_id}/facts", summary="A page of an entity's facts")
def entity_facts(
    db: StoreDep,
    entity_id: str,
    predicate: PredicateName,
    filters: FilterDep,
    direction: Literal["out", "in", "both"] = "both",
    limit: Limit = 20,
    offset: Offset = 0,
) -> list[query.FactView]:
    return query.entity_facts(db, entity_id, str(predicate), direction, filters, limit, offset)


@read("/entities/{entity_id}/neighbourhood", summary="Entities and facts around one")
def neighbourhood(
    db: StoreDep,
    entity_id: str,
    filters: FilterDep,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 300,
    fanout: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 25,
) -> query.Neighbourhood:
    filters.entity, filters.depth = entity_id, depth
    return query.neighbourhood(db, filters, max_edges, fanout)


@read("/entities/{entity_id}/timeline", summary="An entity's dated events")
def timeline(
    db: StoreDep, entity_id: str, filters: FilterDep, limit: Limit = 50, offset: Offset = 0
) -> query.Timeline:
    return query.timeline(db, entity_id, filters, limit, offset)


@read("/facts/{fact_id}", summary="A fact with all its evidence")
def fact(db: StoreDep, fact_id: str) -> query.FactView:
    return query.fact(db, fact_id)


@read("/documents", summary="Stored documents, oldest ingested first")
def documents(db: StoreDep, limit: Limit = 50, offset: Offset = 0) -> list[query.DocumentRef]:
    return [
        query.DocumentRef(r["id"], r["title"], r["url"], r["published"], r["source"])
        for r in db.list_documents(limit, offset)
    ]


@read("/documents/{document_id}", summary="A document with highlighted mentions")
def document(db: StoreDep, document_id: str) -> query.DocumentView:
    return query.document_view(db, document_id)


@read("/stats", summary="Counts, most connected institutions, events by year")
def stats(db: StoreDep, top: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 10) -> query.Statistics:
    return query.statistics(db, top, max_age=60.0)


@router.get(
    "/me",
    summary="Who the presented token belongs to",
    responses={401: {"model": ErrorBody, "description": "No valid token"}},
)
def me(request: Request, caller: Annotated[Caller, Depends(whoami)]) -> dict[str, Any]:
    return describe(caller, request.app.state.access)
