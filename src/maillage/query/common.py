"""What every read model shares: entity rows and merge redirects, fact views with their
evidence, and reading an entity's facts in index order."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, or_, select, union_all
from sqlalchemy.engine import Connection

from ..filters import FactFilter
from ..ontology import PREDICATES
from ..store.schema import documents, entities, evidence, facts
from .models import Alternative, DocumentRef, EntityRef, EvidenceView, FactView

Row = dict[str, Any]

MAX_PAGE = 100
MAX_EDGES = 2000
# Predicates that tell an event (something that happened or will happen), for timelines.
EVENT_PREDICATES = ("partner_of", "member_of", "part_of", "replaced_by", "holds_role")
MERGE_HOPS = 8
CHUNK = 500


def page_size(limit: int, largest: int = MAX_PAGE) -> int:
    return min(max(limit, 1), largest)


# -- answers a server may reuse for a while -------------------------------------------------
T = TypeVar("T")
_REMEMBERED: dict[str, tuple[float, Any]] = {}
_MOST_REMEMBERED = 64


def remember(key: str, max_age: float, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer under `key` if it is less than `max_age` seconds old."""
    kept = _REMEMBERED.get(key)
    if kept and time.monotonic() - kept[0] < max_age:
        return kept[1]
    value = compute()
    if len(_REMEMBERED) >= _MOST_REMEMBERED:
        _REMEMBERED.pop(min(_REMEMBERED, key=lambda k: _REMEMBERED[k][0]))
    _REMEMBERED[key] = (time.monotonic(), value)
    return value


def forget() -> None:
    """Drop every remembered answer: the graph was just changed."""
    _REMEMBERED.clear()


# -- entities -------------------------------------------------------------------------------
REF_COLUMNS = [entities.c[name] for name in ("id", "name", "type", "kind", "acronym")]


def ref(row: Row) -> EntityRef:
    return EntityRef(row["id"], row["name"], row["type"], row["kind"], row["acronym"])


def missing(entity_id: str) -> EntityRef:
    return EntityRef(entity_id, entity_id, "other")


def entity_rows(
    connection: Connection, ids: Iterable[str], columns: Sequence[Any] = REF_COLUMNS
) -> dict[str, Row]:
    wanted = sorted(set(ids))
    found: dict[str, Row] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(*columns).where(entities.c.id.in_(wanted[start : start + CHUNK]))
        found.update({r.id: dict(r._mapping) for r in connection.execute(query)})
    return found


def canonical(connection: Connection, entity_id: str) -> Row | None:
    """The entity row `entity_id` ends at after following merge redirects."""
    row = None
    for _ in range(MERGE_HOPS):
        found = connection.execute(select(entities).where(entities.c.id == entity_id)).first()
        if found is None:
            return row
        row = dict(found._mapping)
        if not row["merged_into"]:
            return row
        entity_id = row["merged_into"]
    return row


def members(connection: Connection, entity_id: str) -> list[str]:
    """The entity and every entity merged into it (directly or through other merges)."""
    found, frontier = [entity_id], [entity_id]
    for _ in range(MERGE_HOPS):
        query = select(entities.c.id).where(entities.c.merged_into.in_(frontier))
        frontier = [i for i in connection.scalars(query) if i not in found]
        if not frontier:
            break
        found.extend(frontier)
    return found


def absorbed(connection: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    """The entities merged into each of `ids` (merges are kept flat: A→B→C becomes A→C)."""
    found: dict[str, list[str]] = defaultdict(list)
    for chunk in range(0, len(ids), CHUNK):
        query = select(entities.c.id, entities.c.merged_into).where(
            entities.c.merged_into.in_(ids[chunk : chunk + CHUNK])
        )
        for gone, kept in connection.execute(query):
            found[kept].append(gone)
    return found


def canonical_map(connection: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Merged-away ids among `ids` mapped to the entity that absorbed them."""
    mapping: dict[str, str] = {}
    pending = {i for i in ids if i}
    for _ in range(MERGE_HOPS):
        step: dict[str, str] = {}
        wanted = sorted(pending)
        for start in range(0, len(wanted), CHUNK):
            query = select(entities.c.id, entities.c.merged_into).where(
                entities.c.id.in_(wanted[start : start + CHUNK]),
                entities.c.merged_into.is_not(None),
            )
            step.update({r.id: r.merged_into for r in connection.execute(query)})
        if not step:
            break
        for original, target in list(mapping.items()):
            mapping[original] = step.get(target, target)
        for merged, target in step.items():
            mapping.setdefault(merged, target)
        pending = set(step.values())
    return mapping


def follow(redirects: dict[str, str], entity_id: str) -> str:
    return redirects.get(entity_id, entity_id)


def degrees(connection: Connection, ids: Sequence[str]) -> dict[str, int]:
    """How many facts (rejected ones included) touch each entity, read from the indexes."""
    found = dict.fromkeys(ids, 0)
    for side in (facts.c.subject_id, facts.c.object_id):
        query = select(side, func.count()).where(side.in_(ids)).group_by(side)
        for entity_id, count in connection.execute(query):
            found[entity_id] += count
    return found


# -- documents ------------------------------------------------------------------------------
DOCUMENT_REF_COLUMNS = [documents.c[n] for n in ("id", "title", "url", "published", "source")]


def document_refs(connection: Connection, ids: Iterable[str]) -> dict[str, DocumentRef]:
    wanted = sorted(set(ids))
    found: dict[str, DocumentRef] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(*DOCUMENT_REF_COLUMNS).where(
            documents.c.id.in_(wanted[start : start + CHUNK])
        )
        found.update({r.id: DocumentRef(*r) for r in connection.execute(query)})
    return found


def refs(known: dict[str, DocumentRef], ids: Iterable[str]) -> list[DocumentRef]:
    return [known.get(i) or DocumentRef(i, None, None, None, "") for i in ids]


# -- facts ----------------------------------------------------------------------------------
# What readers show of a fact (all but its history), and the columns without JSON to
# decode that rank facts and draw edges.
VIEW_COLUMNS = [c for c in facts.c if c.name != "history"]
EDGE_COLUMNS = [
    facts.c[name]
    for name in (
        "id",
        "predicate",
        "subject_id",
        "object_id",
        "date",
        "status",
        "kind",
        "confidence",
        "curation",
        "conflict",
    )
]
SIDES = {"out": ("subject_id",), "in": ("object_id",), "both": ("subject_id", "object_id")}


def fact_views(
    connection: Connection, rows: Sequence[Row], evidence_per_fact: int | None = 3
) -> list[FactView]:
    """Fact rows with their ends, evidence (first `evidence_per_fact`) and alternatives."""
    if not rows:
        return []
    redirects = canonical_map(connection, end_ids(rows))
    ends = entity_rows(connection, [follow(redirects, i) for i in end_ids(rows)])
    proofs, counts = evidence_views(connection, [r["id"] for r in rows], evidence_per_fact)
    alternative_docs = document_refs(
        connection, [d for r in rows for alt in _alternatives(r) for d in _alt_documents(alt)]
    )
    return [_fact_view(row, redirects, ends, proofs, counts, alternative_docs) for row in rows]


def _fact_view(
    row: Row,
    redirects: dict[str, str],
    ends: dict[str, Row],
    proofs: dict[str, list[EvidenceView]],
    counts: dict[str, int],
    alternative_docs: dict[str, DocumentRef],
) -> FactView:
    subject = ends.get(follow(redirects, row["subject_id"]))
    obj_id = follow(redirects, row["object_id"]) if row["object_id"] else None
    return FactView(
        id=row["id"],
        predicate=row["predicate"],
        label=PREDICATES[row["predicate"]].label,
        subject=ref(subject) if subject else missing(row["subject_id"]),
        object=(ref(ends[obj_id]) if obj_id in ends else missing(obj_id)) if obj_id else None,
        value=row["value"],
        date=row["date"],
        date_precision=row["date_precision"],
        end_date=row["end_date"],
        status=row["status"],
        kind=row["kind"],
        qualifiers=dict(row["qualifiers"] or {}),
        confidence=row["confidence"],
        conflict=bool(row["conflict"]),
        alternatives=[
            Alternative(_alt_values(alt), refs(alternative_docs, _alt_documents(alt)))
            for alt in _alternatives(row)
        ],
        curation=row["curation"],
        origin=row["origin"],
        evidence=proofs.get(row["id"], []),
        evidence_count=counts.get(row["id"], 0),
    )


def end_ids(rows: Iterable[Row]) -> list[str]:
    return [str(i) for r in rows for i in (r["subject_id"], r["object_id"]) if i]


def _alternatives(row: Row) -> list[dict[str, Any]]:
    found = row["alternatives"] or []
    return [a if isinstance(a, dict) else {"value": a} for a in found]


_ALT_DOCUMENT_KEYS = ("documents", "document", "sources", "source")


def _alt_documents(alternative: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in _ALT_DOCUMENT_KEYS:
        value = alternative.get(key)
        items = value if isinstance(value, list) else [value] if value else []
        for item in items:
            ident = item.get("document") or item.get("id") if isinstance(item, dict) else item
            if isinstance(ident, str):
                found.append(ident)
    return found


def _alt_values(alternative: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in alternative.items() if k not in _ALT_DOCUMENT_KEYS}


def evidence_views(
    connection: Connection, fact_ids: Sequence[str], per_fact: int | None
) -> tuple[dict[str, list[EvidenceView]], dict[str, int]]:
    """The first `per_fact` pieces of evidence of each fact, and how many each has."""
    rows: list[Row] = []
    for start in range(0, len(fact_ids), CHUNK):
        query = (
            select(evidence)
            .where(evidence.c.fact_id.in_(list(fact_ids[start : start + CHUNK])))
            .order_by(evidence.c.fact_id, evidence.c.id)
        )
        rows.extend(dict(r._mapping) for r in connection.execute(query))
    counts: dict[str, int] = defaultdict(int)
    kept: list[Row] = []
    for row in rows:
        counts[row["fact_id"]] += 1
        if per_fact is None or counts[row["fact_id"]] <= per_fact:
            kept.append(row)
    docs = document_refs(connection, (r["document_id"] for r in kept))
    found: dict[str, list[EvidenceView]] = defaultdict(list)
    for row in kept:
        found[row["fact_id"]].append(
            EvidenceView(
                refs(docs, [row["document_id"]])[0],
                row["start"],
                row["end"],
                row["text"],
                row["rule"],
                row["date"],
                row["status"],
            )
        )
    return found, counts


def full_rows(connection: Connection, fact_ids: Sequence[str]) -> list[Row]:
    """The readable columns of these facts, in the order of `fact_ids`."""
    found: dict[str, Row] = {}
    for start in range(0, len(fact_ids), CHUNK):
        query = select(*VIEW_COLUMNS).where(facts.c.id.in_(fact_ids[start : start + CHUNK]))
        found.update((r.id, dict(r._mapping)) for r in connection.execute(query))
    return [found[i] for i in fact_ids if i in found]


def touching(ids: Sequence[str], direction: str = "both") -> ColumnElement[bool]:
    return or_(*(facts.c[side].in_(ids) for side in SIDES[direction]))


# Orders as (column, descending) pairs: applied in SQL to each side, then in Python to merge.
Order = Sequence[tuple[str, bool]]
NEWEST_FIRST: Order = (("date", True), ("confidence", True), ("id", False))
STRONGEST_FIRST: Order = (("confidence", True), ("id", False))


def sql_order(order: Order, dialect: str) -> list[Any]:
    # NULL dates go last: SQLite already puts them last in DESC order (and can then read the
    # (entity, predicate, date) index backwards); PostgreSQL is told, for nullable columns
    # only, since NULLS LAST on confidence would stop it reading (entity, confidence) backwards.
    found = []
    for name, descending in order:
        column = facts.c[name]
        term = column.desc() if descending else column.asc()
        nulls_last = descending and column.nullable and dialect == "postgresql"
        found.append(term.nulls_last() if nulls_last else term)
    return found


def python_order(rows: list[Any], order: Order) -> None:
    for name, descending in reversed(order):  # stable sorts, least significant key first
        rows.sort(
            key=lambda r: (getattr(r, name) is not None, getattr(r, name) or 0), reverse=descending
        )


def top_facts(
    connection: Connection,
    ids: Sequence[str],
    direction: str,
    conditions: Sequence[ColumnElement[Any]],
    order: Order,
    limit: int,
    offset: int = 0,
) -> list[Any]:
    """A page of the facts touching `ids` on the `direction` side(s), in `order`, as rows of
    EDGE_COLUMNS: each side is read and cut from its own index, then the sides are merged."""
    rows: dict[str, Any] = {}
    for side in SIDES[direction]:
        query = (
            select(*EDGE_COLUMNS)
            .where(facts.c[side].in_(ids), *conditions)
            .order_by(*sql_order(order, connection.dialect.name))
            .limit(limit + offset)
        )
        rows.update((r.id, r) for r in connection.execute(query))
    merged = list(rows.values())
    python_order(merged, order)
    return merged[offset : offset + limit]


def source_counts(connection: Connection, fact_ids: Sequence[str]) -> dict[str, int]:
    """Distinct documents supporting each fact."""
    found: dict[str, int] = {}
    for start in range(0, len(fact_ids), CHUNK):
        query = (
            select(evidence.c.fact_id, func.count(evidence.c.document_id.distinct()))
            .where(evidence.c.fact_id.in_(list(fact_ids[start : start + CHUNK])))
            .group_by(evidence.c.fact_id)
        )
        found.update({fact_id: n for fact_id, n in connection.execute(query)})
    return found


def visible_degrees() -> Any:
    """Visible facts per entity, counted on the entity that absorbed merged-away ends."""
    visible = FactFilter().where()
    ends = union_all(
        select(facts.c.subject_id.label("entity")).where(visible),
        select(facts.c.object_id.label("entity")).where(visible, facts.c.object_id.is_not(None)),
    ).subquery()
    end = entities.alias("end_entity")
    owner = func.coalesce(end.c.merged_into, ends.c.entity)
    return (
        select(owner.label("entity"), func.count().label("degree"))
        .select_from(ends.join(end, end.c.id == ends.c.entity))
        .group_by(owner)
    )
