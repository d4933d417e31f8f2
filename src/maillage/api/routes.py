"""Read endpoints: the read models of `maillage.query` as JSON, paginated."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal, get_type_hints

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import AfterValidator

from .. import query
from ..errors import InvalidDate
from ..filters import CURATIONS, ENTITY_KINDS, EntityFilter, FactFilter, checked_date
from ..ontology import ENTITY_TYPES, EVENT_KINDS, PREDICATES
from ..query import MAX_EDGES, MAX_PAGE
from ..store import Store
from ..tokens import Caller
from .errors import ErrorBody
from .security import Access, describe, whoami

router = APIRouter(prefix="/api")

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]


class Data(Response):
    """Read models (dataclasses) as JSON written by orjson: the declared response model
    documents them, but they are not re-validated on every request, which cost more than
    the queries on big entity pages."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def reader(on: APIRouter) -> Callable[..., Callable[[Callable[..., Any]], Callable[..., Any]]]:
    """A decorator registering GET endpoints on `on`, whose return annotation is their
    response model."""

    def read(path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(handler: Callable[..., Any]) -> Callable[..., Any]:
            model = get_type_hints(handler)["return"]

            @functools.wraps(handler)
            def respond(*args: Any, **kwargs: Any) -> Response:
                return Data(handler(*args, **kwargs))

            on.get(path, response_model=model, **options)(respond)
            return handler

        return register

    return read


read = reader(router)


def store(request: Request) -> Store:
    access: Access = request.app.state.access
    return access.store


StoreDep = Annotated[Store, Depends(store)]


# The vocabulary of ontology.py as enumerations, so the OpenAPI schema lists the values.
PredicateName = StrEnum("PredicateName", {p: p for p in PREDICATES})  # type: ignore[misc]
EventKind = StrEnum("EventKind", {k: k for k in EVENT_KINDS})  # type: ignore[misc]
EntityKind = StrEnum("EntityKind", {k: k for k in ENTITY_KINDS})  # type: ignore[misc]
EntityType = StrEnum("EntityType", {t: t for t in ENTITY_TYPES})  # type: ignore[misc]
Curation = StrEnum("Curation", {c: c for c in CURATIONS})  # type: ignore[misc]
DocumentSort = StrEnum("DocumentSort", {s: s for s in query.DOCUMENT_SORTS})  # type: ignore[misc]


def _real_date(value: str | None) -> str | None:
    """The date check of the CLI (filters.checked_date), as a validation error (422)."""
    try:
        return checked_date(value) if value else value
    except InvalidDate as error:
        raise ValueError(error.message.rstrip(".")) from error


DateParam = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], a real month and day"),
    AfterValidator(_real_date),
]


def fact_filter(
    predicate: Annotated[list[PredicateName], Query(description="Only these predicates.")] = [],  # noqa: B006
    kind: Annotated[list[EventKind], Query(description="Only these event kinds.")] = [],  # noqa: B006
    status: Annotated[list[Literal["done", "planned"]], Query()] = [],  # noqa: B006
    since: DateParam = None,
    until: DateParam = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    curated_only: bool = False,
    curation: Annotated[
        list[Curation], Query(description="Only facts in these curation states.")
    ] = [],  # noqa: B006
    entity: Annotated[
        str | None,
        Query(min_length=1, max_length=400, description="Only facts touching this entity."),
    ] = None,
) -> FactFilter:
    """The filter query parameters shared by every fact listing."""
    return FactFilter(
        entity=entity,
        predicates=[str(p) for p in predicate],
        kinds=[str(k) for k in kind],
        statuses=status,
        date_from=since,
        date_to=until,
        min_confidence=min_confidence,
        curated_only=curated_only,
        curations=[str(c) for c in curation],
    )


def entity_filter(
    type: Annotated[list[EntityType], Query(description="Only entities of these types.")] = [],  # noqa: B006
    entity_kind: Annotated[
        list[EntityKind], Query(description="Only entities of these kinds.")
    ] = [],  # noqa: B006
    place: Annotated[
        list[Annotated[str, Query(min_length=1, max_length=200)]],
        Query(description="Only entities in this city or region (repeatable)."),
    ] = [],  # noqa: B006
    min_degree: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> EntityFilter:
    """The entity query parameters of the listings and of the network view."""
    return EntityFilter(
        types=[str(t) for t in type],
        kinds=[str(k) for k in entity_kind],
        places=place,
        min_degree=min_degree,
    )


FilterDep = Annotated[FactFilter, Depends(fact_filter)]
EntityFilterDep = Annotated[EntityFilter, Depends(entity_filter)]


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


@read("/documents", summary="Stored documents, with the number of facts each supports")
def documents(
    db: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[DocumentSort, Query()] = "-published",  # type: ignore[assignment]
) -> query.DocumentsTable:
    return query.documents_table(db, str(sort), limit, offset)


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
