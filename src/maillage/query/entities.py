"""An entity: how a reference names it, its page (identity, aliases, roles, facts grouped by
predicate, documents), pages of its facts, its mentions, and the table of all entities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection

from ..errors import AmbiguousReference, NotFoundError, UsageError
from ..filters import EntityFilter, FactFilter
from ..ontology import PREDICATES, is_symmetric
from ..store import Store
from ..store.schema import aliases, documents, entities, facts, mentions
from .common import (
    NEWEST_FIRST,
    REF_COLUMNS,
    SIDES,
    Row,
    absorbed,
    canonical,
    document_refs,
    fact_views,
    full_rows,
    members,
    page_size,
    ref,
    top_facts,
    visible_degrees,
)
from .models import (
    AliasView,
    DocumentRef,
    EntitiesTable,
    EntityMentions,
    EntityPage,
    EntityRef,
    EntityRow,
    FacetValue,
    FactGroup,
    FactView,
    MentionView,
    RoleView,
)
from .search import find, suggestions

# How the page of the object of a non-symmetric predicate names its group.
INVERSE_LABELS = {
    "member_of": "members",
    "part_of": "parts",
    "replaced_by": "replaces",
    "holds_role": "people",
    "located_in": "located here",
}
ENTITY_SORTS = ("name", "-name", "degree", "-degree", "kind", "city")
_CONTEXT = 60  # characters of text shown on each side of a mention


# -- references -----------------------------------------------------------------------------
def resolve(store: Store, reference: str) -> EntityRef:
    """An entity by id, exact name, acronym or alias, or unique name prefix."""
    with store.engine.connect() as connection:
        return ref(resolve_row(connection, reference))


def resolve_row(connection: Connection, reference: str) -> Row:
    row = canonical(connection, reference)
    if row is not None:
        return row
    hits = find(connection, reference, 10, ())
    exact = [h for h in hits if h.match == "exact"]
    chosen = exact if exact else hits
    if len(chosen) == 1 or (exact and len({h.entity.id for h in exact}) == 1):
        found = canonical(connection, chosen[0].entity.id)
        if found is not None:
            return found
    if not chosen:
        raise NotFoundError(
            f"no entity matches '{reference}'.", _did_you_mean(connection, reference)
        )
    names = "; ".join(f"{h.entity.name} ({h.entity.id})" for h in chosen[:5])
    raise AmbiguousReference(f"'{reference}' matches several entities: {names}.", "Give the id.")


def _did_you_mean(connection: Connection, reference: str) -> str:
    close = suggestions(connection, reference)
    if not close:
        return "Try `maillage search` with fewer letters."
    return "Did you mean: " + "; ".join(f"{e.name} ({e.id})" for e in close) + "?"


def scope(connection: Connection, reference: str) -> tuple[Row, list[str]]:
    """The entity `reference` names, and the ids whose facts are its facts (its own and
    those of the entities merged into it)."""
    row = resolve_row(connection, reference)
    return row, members(connection, row["id"])


# -- the entity page ------------------------------------------------------------------------
def entity_page(
    store: Store,
    reference: str,
    fact_filter: FactFilter | None = None,
    per_group: int = 20,
    document_limit: int = 20,
) -> EntityPage:
    """Identity, aliases, roles, facts grouped by predicate (with evidence) and documents."""
    fact_filter = fact_filter or FactFilter()
    with store.engine.connect() as connection:
        row, ids = scope(connection, reference)
        groups = _groups(connection, ids, fact_filter, per_group)
        docs, more = _entity_documents(connection, ids, document_limit)
        return EntityPage(
            entity=ref(row),
            city=row["city"],
            external_ids=dict(row["external_ids"] or {}),
            aliases=_aliases(connection, ids, row["name"]),
            merged=[i for i in ids if i != row["id"]],
            redirected_from=(
                reference if reference != row["id"] and _is_entity(connection, reference) else None
            ),
            roles=_roles(groups),
            groups=groups,
            documents=docs,
            more_documents=more,
        )


def _groups(
    connection: Connection, ids: Sequence[str], fact_filter: FactFilter, per_group: int
) -> list[FactGroup]:
    """The first facts of every (predicate, direction) group, their views built in one go."""
    counts = sorted(_group_counts(connection, ids, fact_filter).items(), key=_group_order)
    pages = [
        _page_rows(connection, ids, predicate, way, fact_filter, per_group, 0)
        for (predicate, way), _total in counts
    ]
    rows = full_rows(connection, [r.id for page in pages for r in page])
    views = {v.id: v for v in fact_views(connection, rows)}
    return [
        FactGroup(predicate, way, group_label(predicate, way), total, [views[r.id] for r in page])
        for ((predicate, way), total), page in zip(counts, pages, strict=True)
    ]


def _group_counts(
    connection: Connection, ids: Sequence[str], fact_filter: FactFilter
) -> dict[tuple[str, str], int]:
    """Facts per (predicate, direction), one grouped count per side so each reads its index."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for way, (side,) in (("out", SIDES["out"]), ("in", SIDES["in"])):
        query = (
            select(facts.c.predicate, func.count())
            .where(facts.c[side].in_(ids), fact_filter.where())
            .group_by(facts.c.predicate)
        )
        for predicate, count in connection.execute(query):
            counts[(predicate, "both" if is_symmetric(predicate) else way)] += count
    return counts


def _group_order(item: tuple[tuple[str, str], int]) -> tuple[int, str]:
    (predicate, direction), _total = item
    return list(PREDICATES).index(predicate), direction


def group_label(predicate: str, direction: str) -> str:
    if direction == "in":
        return INVERSE_LABELS.get(predicate, f"{PREDICATES[predicate].label} (incoming)")
    return PREDICATES[predicate].label


def _is_entity(connection: Connection, entity_id: str) -> bool:
    return connection.scalar(select(entities.c.id).where(entities.c.id == entity_id)) is not None


def _aliases(connection: Connection, ids: Sequence[str], name: str) -> list[AliasView]:
    query = (
        select(aliases.c.name, aliases.c.valid_from, aliases.c.valid_to)
        .where(aliases.c.entity_id.in_(ids))
        .order_by(aliases.c.id)
    )
    seen, found = {name}, []
    for alias in connection.execute(query):
        if alias.name not in seen:
            seen.add(alias.name)
            found.append(AliasView(*alias))
    return found


def _roles(groups: Sequence[FactGroup]) -> list[RoleView]:
    return [
        RoleView(f.id, f.subject, f.object, f.qualifiers.get("role"), f.date, f.status)
        for group in groups
        if group.predicate == "holds_role"
        for f in group.facts
        if f.object is not None
    ]


def _entity_documents(
    connection: Connection, ids: Sequence[str], limit: int
) -> tuple[list[DocumentRef], bool]:
    query = (
        select(mentions.c.document_id)
        .where(mentions.c.entity_id.in_(ids))
        .distinct()
        .limit(limit + 1)
    )
    found = list(connection.scalars(query))
    known = document_refs(connection, found[:limit])
    ordered = sorted(known.values(), key=lambda d: (d.published or "", d.id), reverse=True)
    return ordered, len(found) > limit


# -- pages of an entity's facts -------------------------------------------------------------
def entity_facts(
    store: Store,
    reference: str,
    predicate: str,
    direction: str = "both",
    fact_filter: FactFilter | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[FactView]:
    """One page of an entity's facts of one predicate, newest first."""
    if predicate not in PREDICATES or direction not in SIDES:
        raise UsageError(f"unknown predicate '{predicate}' or direction '{direction}'.")
    with store.engine.connect() as connection:
        _row, ids = scope(connection, reference)
        rows = _page_rows(
            connection, ids, predicate, direction, fact_filter or FactFilter(), limit, offset
        )
        return fact_views(connection, full_rows(connection, [r.id for r in rows]))


def _page_rows(
    connection: Connection,
    ids: Sequence[str],
    predicate: str,
    direction: str,
    fact_filter: FactFilter,
    limit: int,
    offset: int,
) -> list[Any]:
    conditions = [facts.c.predicate == predicate, fact_filter.where()]
    return top_facts(
        connection, ids, direction, conditions, NEWEST_FIRST, page_size(limit), max(offset, 0)
    )


# -- mentions -------------------------------------------------------------------------------
def entity_mentions(
    store: Store, reference: str, limit: int = 50, offset: int = 0
) -> EntityMentions:
    """Where documents name an entity, with some text around each mention: what a curator
    picks from when splitting an entity in two."""
    with store.engine.connect() as connection:
        row, ids = scope(connection, reference)
        where = mentions.c.entity_id.in_(ids)
        total = connection.scalar(select(func.count()).where(where)) or 0
        query = (
            select(mentions)
            .where(where)
            .order_by(mentions.c.document_id, mentions.c.start)
            .limit(page_size(limit))
            .offset(max(offset, 0))
        )
        found = [dict(r._mapping) for r in connection.execute(query)]
        known = document_refs(connection, {m["document_id"] for m in found})
        contexts = _contexts(connection, found)
        views = [
            MentionView(
                m["id"],
                known[m["document_id"]],
                m["start"],
                m["end"],
                m["text"],
                contexts.get(m["id"], m["text"]),
            )
            for m in found
            if m["document_id"] in known
        ]
        return EntityMentions(ref(row), views, total)


def _contexts(connection: Connection, found: list[Row]) -> dict[int, str]:
    """A window of text around each mention, read with SQL substr so that long documents
    are not loaded whole."""
    windows: dict[int, str] = {}
    for m in found:
        first = max(m["start"] - _CONTEXT, 0)
        length = m["end"] + _CONTEXT - first
        piece = connection.scalar(
            select(func.substr(documents.c.text, first + 1, length)).where(
                documents.c.id == m["document_id"]
            )
        )
        windows[m["id"]] = " ".join(str(piece or "").split())
    return windows


# -- the table of entities ------------------------------------------------------------------
def entities_table(
    store: Store,
    entity_filter: EntityFilter | None = None,
    sort: str = "-degree",
    limit: int = 50,
    offset: int = 0,
) -> EntitiesTable:
    """Entities that are not merged into another, filtered, sorted and paginated, with how
    many visible facts each has, and counts of types and kinds for the selection."""
    entity_filter = entity_filter or EntityFilter()
    if sort not in ENTITY_SORTS:
        raise UsageError(f"unknown sort '{sort}'.", f"Use one of {', '.join(ENTITY_SORTS)}.")
    limit, offset = page_size(limit), max(offset, 0)
    with store.engine.connect() as connection:
        needs_all = sort.endswith("degree") or entity_filter.min_degree > 0
        counted = visible_degrees().subquery() if needs_all else None
        degree = func.coalesce(counted.c.degree, 0) if counted is not None else None
        where = [entities.c.merged_into.is_(None), *entity_filter.conditions()]
        if degree is not None and entity_filter.min_degree:
            where.append(degree >= entity_filter.min_degree)
        source: Any = entities
        if counted is not None:
            source = entities.outerjoin(counted, counted.c.entity == entities.c.id)
        total = connection.scalar(select(func.count()).select_from(source).where(*where)) or 0
        query = (
            select(
                *REF_COLUMNS,
                entities.c.city,
                *([degree.label("degree")] if degree is not None else []),
            )
            .select_from(source)
            .where(*where)
            .order_by(*_entity_order(sort, degree))
            .limit(limit)
            .offset(offset)
        )
        found = [dict(r._mapping) for r in connection.execute(query)]
        if degree is None:
            counts = _page_degrees(connection, [r["id"] for r in found])
            for row in found:
                row["degree"] = counts.get(row["id"], 0)
        facets = {
            name: _entity_facet(connection, source, where, entities.c[name])
            for name in ("type", "kind")
        }
    rows = [EntityRow(ref(r), r["city"], int(r["degree"])) for r in found]
    return EntitiesTable(rows, total, limit, offset, sort, facets)


def _page_degrees(connection: Connection, ids: Sequence[str]) -> dict[str, int]:
    """Visible facts of the entities of one page (and of those merged into them)."""
    owner = {entity_id: entity_id for entity_id in ids}
    for kept, gone in absorbed(connection, ids).items():
        owner.update(dict.fromkeys(gone, kept))
    found: dict[str, int] = dict.fromkeys(ids, 0)
    for side in (facts.c.subject_id, facts.c.object_id):
        query = (
            select(side, func.count())
            .where(side.in_(list(owner)), FactFilter().where())
            .group_by(side)
        )
        for entity_id, count in connection.execute(query):
            found[owner[entity_id]] += count
    return found


def _entity_order(sort: str, degree: Any) -> list[ColumnElement[Any]]:
    name = entities.c.name
    orders: dict[str, list[Any]] = {
        "name": [name, entities.c.id],
        "-name": [name.desc(), entities.c.id],
        "kind": [entities.c.kind, name, entities.c.id],
        "city": [entities.c.city, name, entities.c.id],
    }
    if degree is not None:
        orders["degree"] = [degree, name, entities.c.id]
        orders["-degree"] = [degree.desc(), name, entities.c.id]
    return orders[sort]


def _entity_facet(
    connection: Connection, source: Any, where: list[Any], column: Any
) -> list[FacetValue]:
    query = (
        select(column, func.count())
        .select_from(source)
        .where(*where)
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    return [FacetValue(value, count) for value, count in connection.execute(query)]
