"""What an export contains, as SQL conditions, and the sorted row streams every writer reads.

A FactFilter selects facts; entities and documents follow from the facts when the filter
narrows anything (an entity's neighbourhood, a predicate, a date range...), and are all
exported otherwise. Everything stays in the database: writers merge-join streams sorted by
id, so memory does not grow with the size of the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, false, or_, select, true, union

from ..errors import NotFoundError
from ..filters import EntityFilter, FactFilter
from ..query.facts import ends_condition
from ..resolve.names import normalize_name
from ..store import Store
from ..store.schema import aliases, documents, entities, evidence, facts, mentions

Row = dict[str, Any]
# Fact ids within `fact_filter.depth` hops of `fact_filter.entity`; the query layer's
# neighbourhood can replace `neighbourhood_fact_ids` (same signature).
Neighbourhood = Callable[[Store, FactFilter], Collection[str]]


@dataclass(slots=True)
class Selection:
    """The facts, entities and documents of one export."""

    facts: ColumnElement[bool]
    entities: ColumnElement[bool]
    documents: ColumnElement[bool]
    # False when everything is exported (no condition beyond hiding rejected facts).
    narrowed: bool = False
    # Entities a curator merged away -> the entity they live on in (followed to the end).
    redirects: dict[str, str] = field(default_factory=dict)

    def redirect(self, entity_id: str | None) -> str | None:
        return self.redirects.get(entity_id, entity_id) if entity_id else entity_id


def select_for_export(
    store: Store,
    fact_filter: FactFilter | None = None,
    neighbourhood: Neighbourhood | None = None,
    entity_filter: EntityFilter | None = None,
) -> Selection:
    """Turn a FactFilter (and an EntityFilter on both ends of each fact) into the
    Selection of an export."""
    fact_filter = fact_filter or FactFilter()
    entity_filter = entity_filter or EntityFilter()
    condition = fact_filter.where()
    if not entity_filter.empty:
        condition = and_(condition, ends_condition(entity_filter))
    if fact_filter.entity:
        fact_filter = replace(fact_filter, entity=resolve_entity(store, fact_filter.entity))
        ids = (neighbourhood or neighbourhood_fact_ids)(store, fact_filter)
        condition = and_(condition, in_values(facts.c.id, ids))
    redirects = merge_redirects(store)
    live = entities.c.merged_into.is_(None)
    if not _narrows(fact_filter) and entity_filter.empty:
        return Selection(condition, live, true(), False, redirects)
    ends = union(
        select(facts.c.subject_id.label("id")).where(condition),
        select(facts.c.object_id.label("id")).where(condition, facts.c.object_id.is_not(None)),
    ).subquery()
    targets = select(entities.c.merged_into).where(entities.c.id.in_(select(ends.c.id)))
    chosen = and_(live, or_(entities.c.id.in_(select(ends.c.id)), entities.c.id.in_(targets)))
    supporting = select(evidence.c.document_id).join(facts, evidence.c.fact_id == facts.c.id)
    kept = documents.c.id.in_(supporting.where(condition))
    return Selection(condition, chosen, kept, True, redirects)


def _narrows(fact_filter: FactFilter) -> bool:
    return fact_filter != FactFilter(include_rejected=fact_filter.include_rejected)


def in_values(column: Any, values: Collection[str]) -> ColumnElement[bool]:
    """`column IN (values)` rendered inline: no limit on the number of bound parameters."""
    if not values:
        return false()
    found: Any = bindparam(
        f"{column.name}_set", list(values), expanding=True, literal_execute=True, unique=True
    )
    return column.in_(found)


def resolve_entity(store: Store, ref: str) -> str:
    """An entity id from an id or an exact name, alias or acronym; merges are followed."""
    found = [r["id"] for r in store.rows(entities, [entities.c.id], entities.c.id == ref)]
    if not found:
        named = select(aliases.c.entity_id).where(aliases.c.normalized == normalize_name(ref))
        found = sorted({r["entity_id"] for r in store.stream(named.distinct())})
    if len(found) != 1:
        problem = "no entity" if not found else f"several entities ({', '.join(found[:5])})"
        raise NotFoundError(f"{problem} for '{ref}'.", "Give an entity id from the JSON export.")
    return merge_redirects(store).get(found[0], found[0])


def neighbourhood_fact_ids(store: Store, fact_filter: FactFilter) -> set[str]:
    """Ids of the facts within `depth` hops of `entity`, walking only facts the filter keeps
    (an entity's facts include those of the entities merged into it)."""
    assert fact_filter.entity, "a neighbourhood needs an entity"
    redirects = merge_redirects(store)
    merged_into: dict[str, set[str]] = {}
    for old, new in redirects.items():
        merged_into.setdefault(new, set()).add(old)
    seen = {fact_filter.entity}
    frontier = set(seen)
    found: set[str] = set()
    for _ in range(fact_filter.depth):
        frontier |= {old for e in frontier for old in merged_into.get(e, ())}
        touching = or_(
            in_values(facts.c.subject_id, frontier), in_values(facts.c.object_id, frontier)
        )
        query = select(facts.c.id, facts.c.subject_id, facts.c.object_id)
        frontier = set()
        for row in store.stream(query.where(fact_filter.where(), touching)):
            found.add(row["id"])
            ends = (row["subject_id"], row["object_id"])
            frontier.update(redirects.get(e, e) for e in ends if e)
        frontier -= seen
        seen |= frontier
    return found


def merge_redirects(store: Store) -> dict[str, str]:
    """Merged-away entity -> surviving entity, chains followed (merges are few)."""
    query = select(entities.c.id, entities.c.merged_into).where(entities.c.merged_into.is_not(None))
    direct = {r["id"]: r["merged_into"] for r in store.stream(query)}
    resolved = {}
    for start in direct:
        end, hops = start, 0
        while end in direct and hops <= len(direct):
            end, hops = direct[end], hops + 1
        resolved[start] = end
    return resolved


# -- sorted streams ---------------------------------------------------------------------


def document_rows(store: Store, selection: Selection) -> Iterator[Row]:
    return store.rows(documents, [documents.c.id], selection.documents)


def entity_rows(
    store: Store, selection: Selection, with_mentions: bool = True
) -> Iterator[tuple[Row, list[str], list[Row]]]:
    """(entity, alias names other than its name, mentions) by entity id."""
    chosen = select(entities.c.id).where(selection.entities)
    alias_query = select(aliases).where(aliases.c.entity_id.in_(chosen))
    alias_groups = Groups(
        store.stream(alias_query, [aliases.c.entity_id, aliases.c.id]), "entity_id"
    )
    mention_query = select(mentions).where(mentions.c.entity_id.in_(chosen))
    if selection.narrowed:
        kept = select(documents.c.id).where(selection.documents)
        mention_query = mention_query.where(mentions.c.document_id.in_(kept))
    mention_groups = Groups(
        store.stream(mention_query, [mentions.c.entity_id, mentions.c.id])
        if with_mentions
        else iter(()),
        "entity_id",
    )
    for row in store.rows(entities, [entities.c.id], selection.entities):
        names = [a["name"] for a in alias_groups.take(row["id"]) if a["name"] != row["name"]]
        yield row, names, mention_groups.take(row["id"])


def fact_rows(store: Store, selection: Selection) -> Iterator[tuple[Row, list[Row]]]:
    """(fact, its evidence) by fact id. A fact carries its ends' `*_name` and
    `*_external_ids`, its evidence the document's `document_url` and
    `document_ingested_at`; ends are redirected past merged-away entities."""
    proof = (
        select(
            evidence,
            documents.c.url.label("document_url"),
            documents.c.ingested_at.label("document_ingested_at"),
        )
        .join(facts, evidence.c.fact_id == facts.c.id)
        .join(documents, evidence.c.document_id == documents.c.id)
        .where(selection.facts)
    )
    evidence_groups = Groups(store.stream(proof, [evidence.c.fact_id, evidence.c.id]), "fact_id")
    subject, object_ = entities.alias("subject"), entities.alias("object")
    query = (
        select(
            facts,
            subject.c.name.label("subject_name"),
            subject.c.external_ids.label("subject_external_ids"),
            object_.c.name.label("object_name"),
            object_.c.external_ids.label("object_external_ids"),
        )
        .join(subject, facts.c.subject_id == subject.c.id)
        .outerjoin(object_, facts.c.object_id == object_.c.id)
        .where(selection.facts)
    )
    targets = _redirect_targets(store, selection)
    for row in store.stream(query, [facts.c.id]):
        for end in ("subject", "object"):
            if (moved := selection.redirects.get(row[f"{end}_id"])) and moved in targets:
                row[f"{end}_id"] = moved
                row[f"{end}_name"], row[f"{end}_external_ids"] = targets[moved]
        yield row, evidence_groups.take(row["id"])


def _redirect_targets(store: Store, selection: Selection) -> dict[str, tuple[str, Any]]:
    ids = set(selection.redirects.values())
    query = select(entities.c.id, entities.c.name, entities.c.external_ids)
    found = store.stream(query.where(in_values(entities.c.id, ids)))
    return {r["id"]: (r["name"], r["external_ids"]) for r in found}


class Groups:
    """Merge-join helper: rows of a stream sorted by `key`, taken group by group."""

    def __init__(self, rows: Iterable[Row], key: str) -> None:
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
