"""Read models shared by the CLI, the API and the web explorer.

Every function takes a `Store` and returns dataclasses. Rejected facts are hidden and
merged-away entities are followed to the entity they were merged into, so no reader has
to know about the curation overlay.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, or_, select, text, union_all
from sqlalchemy.engine import Connection

from .errors import AmbiguousReference, NotFoundError, UsageError
from .filters import FactFilter
from .ontology import PREDICATES, is_symmetric
from .resolve.names import normalize_name
from .store import Store
from .store.schema import aliases, documents, entities, evidence, facts, mentions

Row = dict[str, Any]

MAX_PAGE = 100
MAX_EDGES = 2000
# Predicates that tell an event (something that happened or will happen), for timelines.
EVENT_PREDICATES = ("partner_of", "member_of", "part_of", "replaced_by", "holds_role")
# How the page of the object of a non-symmetric predicate names its group.
INVERSE_LABELS = {
    "member_of": "members",
    "part_of": "parts",
    "replaced_by": "replaces",
    "holds_role": "people",
    "located_in": "located here",
}
_MERGE_HOPS = 8
_WALK_BATCH = 16  # entities expanded between two checks of the edge budget


# -- read models ----------------------------------------------------------------------------
@dataclass(slots=True)
class EntityRef:
    id: str
    name: str
    type: str
    kind: str | None = None
    acronym: str | None = None


@dataclass(slots=True)
class SearchHit:
    entity: EntityRef
    matched: str
    match: str  # exact | prefix | word
    facts: int


@dataclass(slots=True)
class DocumentRef:
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str


@dataclass(slots=True)
class EvidenceView:
    document: DocumentRef
    start: int
    end: int
    text: str
    rule: str
    date: str | None
    status: str | None


@dataclass(slots=True)
class Alternative:
    """One value a conflicting fact was reported with, and the documents that report it."""

    values: dict[str, Any]
    documents: list[DocumentRef]


@dataclass(slots=True)
class FactView:
    id: str
    predicate: str
    label: str
    subject: EntityRef
    object: EntityRef | None
    value: float | None
    date: str | None
    date_precision: str | None
    end_date: str | None
    status: str
    kind: str | None
    qualifiers: dict[str, Any]
    confidence: float
    conflict: bool
    alternatives: list[Alternative]
    curation: str | None
    origin: str
    evidence: list[EvidenceView] = field(default_factory=list)
    evidence_count: int = 0


@dataclass(slots=True)
class FactGroup:
    predicate: str
    direction: str  # out | in | both
    label: str
    total: int
    facts: list[FactView]


@dataclass(slots=True)
class AliasView:
    name: str
    valid_from: str | None
    valid_to: str | None


@dataclass(slots=True)
class RoleView:
    fact: str
    person: EntityRef
    organization: EntityRef
    role: str | None
    date: str | None
    status: str


@dataclass(slots=True)
class EntityPage:
    entity: EntityRef
    city: str | None
    external_ids: dict[str, Any]
    aliases: list[AliasView]
    merged: list[str]
    redirected_from: str | None
    roles: list[RoleView]
    groups: list[FactGroup]
    documents: list[DocumentRef]
    more_documents: bool


@dataclass(slots=True)
class Node:
    id: str
    name: str
    type: str
    kind: str | None
    depth: int


@dataclass(slots=True)
class Edge:
    id: str
    source: str
    target: str
    predicate: str
    status: str
    kind: str | None
    date: str | None
    confidence: float
    curation: str | None
    conflict: bool


@dataclass(slots=True)
class Neighbourhood:
    center: EntityRef
    depth: int
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool


@dataclass(slots=True)
class Timeline:
    entity: EntityRef
    events: list[FactView]
    total: int
    undated: int


@dataclass(slots=True)
class Connected:
    entity: EntityRef
    facts: int


@dataclass(slots=True)
class YearKindCount:
    year: str
    kind: str | None
    count: int


@dataclass(slots=True)
class Statistics:
    counts: dict[str, int]
    most_connected: list[Connected]
    events_by_year: list[YearKindCount]
    newest: list[FactView]


@dataclass(slots=True)
class Segment:
    """A run of document text: plain, a mention of an entity, and/or evidence of facts."""

    start: int
    end: int
    text: str
    entity: str | None = None
    facts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DocumentFact:
    id: str
    predicate: str
    subject: EntityRef
    object: EntityRef | None
    start: int
    end: int


@dataclass(slots=True)
class DocumentView:
    document: DocumentRef
    author: str | None
    format: str
    language: str | None
    text: str
    segments: list[Segment]
    entities: list[EntityRef]
    facts: list[DocumentFact]


# -- entities -------------------------------------------------------------------------------
def _ref(row: Row) -> EntityRef:
    return EntityRef(row["id"], row["name"], row["type"], row["kind"], row["acronym"])


REF_COLUMNS = [entities.c[name] for name in ("id", "name", "type", "kind", "acronym")]


def _entity_rows(connection: Connection, ids: Iterable[str]) -> dict[str, Row]:
    wanted = sorted(set(ids))
    found: dict[str, Row] = {}
    for start in range(0, len(wanted), 500):
        query = select(*REF_COLUMNS).where(entities.c.id.in_(wanted[start : start + 500]))
        found.update({r.id: dict(r._mapping) for r in connection.execute(query)})
    return found


def _canonical(connection: Connection, entity_id: str) -> Row | None:
    """The entity row `entity_id` ends at after following merge redirects."""
    row = None
    for _ in range(_MERGE_HOPS):
        found = connection.execute(select(entities).where(entities.c.id == entity_id)).first()
        if found is None:
            return row
        row = dict(found._mapping)
        if not row["merged_into"]:
            return row
        entity_id = row["merged_into"]
    return row


def _members(connection: Connection, entity_id: str) -> list[str]:
    """The entity and every entity merged into it (directly or through other merges)."""
    found, frontier = [entity_id], [entity_id]
    for _ in range(_MERGE_HOPS):
        query = select(entities.c.id).where(entities.c.merged_into.in_(frontier))
        frontier = [i for i in connection.scalars(query) if i not in found]
        if not frontier:
            break
        found.extend(frontier)
    return found


def _absorbed(connection: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    """The entities merged into each of `ids` (merges are kept flat: A→B→C becomes A→C)."""
    found: dict[str, list[str]] = defaultdict(list)
    for chunk in range(0, len(ids), 500):
        query = select(entities.c.id, entities.c.merged_into).where(
            entities.c.merged_into.in_(ids[chunk : chunk + 500])
        )
        for absorbed, kept in connection.execute(query):
            found[kept].append(absorbed)
    return found


def _canonical_map(connection: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Merged-away ids among `ids` mapped to the entity that absorbed them."""
    mapping: dict[str, str] = {}
    pending = {i for i in ids if i}
    for _ in range(_MERGE_HOPS):
        query = select(entities.c.id, entities.c.merged_into).where(
            entities.c.id.in_(sorted(pending)), entities.c.merged_into.is_not(None)
        )
        step = {r.id: r.merged_into for r in connection.execute(query)}
        if not step:
            break
        for original, target in list(mapping.items()):
            mapping[original] = step.get(target, target)
        for merged, target in step.items():
            mapping.setdefault(merged, target)
        pending = set(step.values())
    return mapping


def resolve(store: Store, ref: str) -> EntityRef:
    """An entity by id, exact name, acronym or alias, or unique name prefix."""
    with store.engine.connect() as connection:
        return _ref(_resolve(connection, ref))


def _resolve(connection: Connection, ref: str) -> Row:
    row = _canonical(connection, ref)
    if row is not None:
        return row
    hits = _search(connection, ref, 10, ())
    exact = [h for h in hits if h.match == "exact"]
    chosen = exact if exact else hits
    if len(chosen) == 1 or (exact and len({h.entity.id for h in exact}) == 1):
        found = _canonical(connection, chosen[0].entity.id)
        if found is not None:
            return found
    if not chosen:
        raise NotFoundError(f"no entity matches '{ref}'.", "Try `maillage search` first.")
    names = "; ".join(f"{h.entity.name} ({h.entity.id})" for h in chosen[:5])
    raise AmbiguousReference(f"'{ref}' matches several entities: {names}.", "Give the id.")


def _scope(connection: Connection, ref: str) -> tuple[Row, list[str]]:
    """The entity `ref` names, and the ids whose facts are its facts (its own and merged)."""
    row = _resolve(connection, ref)
    return row, _members(connection, row["id"])


# -- search ---------------------------------------------------------------------------------
def search(store: Store, text: str, limit: int = 10, types: Sequence[str] = ()) -> list[SearchHit]:
    """Entities whose name, acronym or alias matches `text` (case, accents and punctuation
    ignored): exact matches first, then names starting with it, then names with a word
    starting with it; ties go to the most connected."""
    with store.engine.connect() as connection:
        return _search(connection, text, _page_size(limit), types)


def _name_key(dialect: str) -> Any:
    # Normalized names are [0-9a-z ] only, so byte order is their order and a byte-order
    # range is exactly a prefix match: PostgreSQL reads both from the "C"-collated index of
    # migration 0004, SQLite from the plain (binary) one.
    return aliases.c.normalized.collate("C") if dialect == "postgresql" else aliases.c.normalized


def _prefix(prefix: str, dialect: str) -> ColumnElement[bool]:
    key = _name_key(dialect)
    return and_(key >= prefix, key < prefix + "\x7f")


def _word_prefix(connection: Connection, needle: str, limit: int) -> ColumnElement[bool]:
    """Aliases with words starting with the words of `needle`, from the word index of
    migration 0004 (FTS5 on SQLite, a GIN tsvector on PostgreSQL)."""
    words = needle.split()
    if connection.dialect.name == "postgresql":
        terms = " & ".join([*words[:-1], f"{words[-1]}:*"])
        vector = func.to_tsvector("simple", aliases.c.normalized)
        matching = vector.op("@@")(func.to_tsquery("simple", terms))
        # Cut the index's matches before they are sorted: a short prefix matches thousands.
        return aliases.c.id.in_(select(aliases.c.id).where(matching).limit(limit))
    if connection.scalar(text(_FTS_PRESENT)):
        terms = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
        hits: Any = (
            select(literal_column("rowid"))
            .select_from(text("aliases_words"))
            .where(text("aliases_words MATCH :terms").bindparams(terms=terms))
            .limit(limit)
        )
        return aliases.c.id.in_(hits)
    return aliases.c.normalized.like(f"% {needle}%")


_FTS_PRESENT = "SELECT 1 FROM sqlite_master WHERE name = 'aliases_words'"


def _search(connection: Connection, text: str, limit: int, types: Sequence[str]) -> list[SearchHit]:
    needle = normalize_name(text)
    if not needle:
        return []
    dialect = connection.dialect.name
    stages: list[tuple[str, ColumnElement[bool]]] = [
        ("exact", aliases.c.normalized == needle),
        ("prefix", _prefix(needle, dialect)),
    ]
    if len(needle) >= 2:
        stages.append(("word", _word_prefix(connection, needle, limit * 20)))
    matched: dict[str, tuple[int, str, str]] = {}
    for rank, (match, condition) in enumerate(stages):
        query = (
            select(aliases.c.entity_id, aliases.c.name)
            .where(condition)
            .order_by(_name_key(dialect))
            .limit(limit * 3)
        )
        for row in connection.execute(query):
            matched.setdefault(row.entity_id, (rank, match, row.name))
        if len(matched) >= limit:
            break
    return _rank_hits(connection, matched, limit, types)


def _rank_hits(
    connection: Connection,
    matched: dict[str, tuple[int, str, str]],
    limit: int,
    types: Sequence[str],
) -> list[SearchHit]:
    redirects = _canonical_map(connection, matched)
    best: dict[str, tuple[int, str, str]] = {}
    for entity_id, hit in matched.items():
        target = redirects.get(entity_id, entity_id)
        if target not in best or hit < best[target]:
            best[target] = hit
    rows = _entity_rows(connection, best)
    if types:
        rows = {k: v for k, v in rows.items() if v["type"] in types}
    degrees = _degrees(connection, list(rows))
    order = sorted(rows, key=lambda i: (best[i][0], -degrees[i], len(rows[i]["name"]), i))
    return [SearchHit(_ref(rows[i]), best[i][2], best[i][1], degrees[i]) for i in order[:limit]]


def _degrees(connection: Connection, ids: Sequence[str]) -> dict[str, int]:
    """How many facts (rejected ones included) touch each entity, read from the indexes."""
    found = dict.fromkeys(ids, 0)
    for side in (facts.c.subject_id, facts.c.object_id):
        query = select(side, func.count()).where(side.in_(ids)).group_by(side)
        for entity_id, count in connection.execute(query):
            found[entity_id] += count
    return found


# -- facts ----------------------------------------------------------------------------------
def _fact_views(
    connection: Connection, rows: Sequence[Row], evidence_per_fact: int | None = 3
) -> list[FactView]:
    """Fact rows with their ends, evidence (first `evidence_per_fact`) and alternatives."""
    if not rows:
        return []
    redirects = _canonical_map(connection, _end_ids(rows))
    ends = _entity_rows(connection, [redirects.get(i, i) for i in _end_ids(rows)])
    proofs, counts = _evidence(connection, [r["id"] for r in rows], evidence_per_fact)
    alternative_docs = _document_refs(
        connection, [d for r in rows for alt in _alternatives(r) for d in _alt_documents(alt)]
    )
    views = []
    for row in rows:
        subject = ends.get(_follow(redirects, row["subject_id"]))
        obj_id = _follow(redirects, row["object_id"]) if row["object_id"] else None
        views.append(
            FactView(
                id=row["id"],
                predicate=row["predicate"],
                label=PREDICATES[row["predicate"]].label,
                subject=_ref(subject) if subject else _missing(row["subject_id"]),
                object=(_ref(ends[obj_id]) if obj_id in ends else _missing(obj_id))
                if obj_id
                else None,
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
                    Alternative(_alt_values(alt), _refs(alternative_docs, _alt_documents(alt)))
                    for alt in _alternatives(row)
                ],
                curation=row["curation"],
                origin=row["origin"],
                evidence=proofs.get(row["id"], []),
                evidence_count=counts.get(row["id"], 0),
            )
        )
    return views


def _follow(redirects: dict[str, str], entity_id: str) -> str:
    return redirects.get(entity_id, entity_id)


def _end_ids(rows: Iterable[Row]) -> list[str]:
    return [str(i) for r in rows for i in (r["subject_id"], r["object_id"]) if i]


def _missing(entity_id: str) -> EntityRef:
    return EntityRef(entity_id, entity_id, "other")


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


def _refs(known: dict[str, DocumentRef], ids: Iterable[str]) -> list[DocumentRef]:
    return [known.get(i) or DocumentRef(i, None, None, None, "") for i in ids]


def _document_refs(connection: Connection, ids: Iterable[str]) -> dict[str, DocumentRef]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    columns = [documents.c[n] for n in ("id", "title", "url", "published", "source")]
    query = select(*columns).where(documents.c.id.in_(wanted))
    return {r.id: DocumentRef(*r) for r in connection.execute(query)}


def _evidence(
    connection: Connection, fact_ids: Sequence[str], per_fact: int | None
) -> tuple[dict[str, list[EvidenceView]], dict[str, int]]:
    query = (
        select(evidence)
        .where(evidence.c.fact_id.in_(list(fact_ids)))
        .order_by(evidence.c.fact_id, evidence.c.id)
    )
    rows = [dict(r._mapping) for r in connection.execute(query)]
    counts: dict[str, int] = defaultdict(int)
    kept: list[Row] = []
    for row in rows:
        counts[row["fact_id"]] += 1
        if per_fact is None or counts[row["fact_id"]] <= per_fact:
            kept.append(row)
    docs = _document_refs(connection, (r["document_id"] for r in kept))
    found: dict[str, list[EvidenceView]] = defaultdict(list)
    for row in kept:
        found[row["fact_id"]].append(
            EvidenceView(
                _refs(docs, [row["document_id"]])[0],
                row["start"],
                row["end"],
                row["text"],
                row["rule"],
                row["date"],
                row["status"],
            )
        )
    return found, counts


def fact(store: Store, fact_id: str) -> FactView:
    """One fact with all its evidence and alternatives (rejected facts included)."""
    with store.engine.connect() as connection:
        row = connection.execute(select(*VIEW_COLUMNS).where(facts.c.id == fact_id)).first()
        if row is None:
            raise NotFoundError(f"no fact with id '{fact_id}'.", "Fact ids start with 'f-'.")
        return _fact_views(connection, [dict(row._mapping)], None)[0]


# -- entity page ----------------------------------------------------------------------------
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
_SIDES = {"out": ("subject_id",), "in": ("object_id",), "both": ("subject_id", "object_id")}


def _touching(ids: Sequence[str], direction: str = "both") -> ColumnElement[bool]:
    return or_(*(facts.c[side].in_(ids) for side in _SIDES[direction]))


def _group_counts(
    connection: Connection, ids: Sequence[str], fact_filter: FactFilter
) -> dict[tuple[str, str], int]:
    """Facts per (predicate, direction), one grouped count per side so each reads its index."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for way, (side,) in (("out", _SIDES["out"]), ("in", _SIDES["in"])):
        query = (
            select(facts.c.predicate, func.count())
            .where(facts.c[side].in_(ids), fact_filter.where())
            .group_by(facts.c.predicate)
        )
        for predicate, count in connection.execute(query):
            counts[(predicate, "both" if is_symmetric(predicate) else way)] += count
    return counts


def _group_label(predicate: str, direction: str) -> str:
    if direction == "in":
        return INVERSE_LABELS.get(predicate, f"{PREDICATES[predicate].label} (incoming)")
    return PREDICATES[predicate].label


# Orders as (column, descending) pairs: applied in SQL to each side, then in Python to merge.
Order = Sequence[tuple[str, bool]]
NEWEST_FIRST: Order = (("date", True), ("confidence", True), ("id", False))
STRONGEST_FIRST: Order = (("confidence", True), ("id", False))


def _sql_order(order: Order, dialect: str) -> list[Any]:
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


def _python_order(rows: list[Any], order: Order) -> None:
    for name, descending in reversed(order):  # stable sorts, least significant key first
        rows.sort(
            key=lambda r: (getattr(r, name) is not None, getattr(r, name) or 0), reverse=descending
        )


def _top_facts(
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
    for side in _SIDES[direction]:
        query = (
            select(*EDGE_COLUMNS)
            .where(facts.c[side].in_(ids), *conditions)
            .order_by(*_sql_order(order, connection.dialect.name))
            .limit(limit + offset)
        )
        rows.update((r.id, r) for r in connection.execute(query))
    merged = list(rows.values())
    _python_order(merged, order)
    return merged[offset : offset + limit]


def entity_facts(
    store: Store,
    ref: str,
    predicate: str,
    direction: str = "both",
    fact_filter: FactFilter | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[FactView]:
    """One page of an entity's facts of one predicate, newest first."""
    if predicate not in PREDICATES or direction not in ("out", "in", "both"):
        raise UsageError(f"unknown predicate '{predicate}' or direction '{direction}'.")
    with store.engine.connect() as connection:
        _row, ids = _scope(connection, ref)
        return _facts_page(
            connection, ids, predicate, direction, fact_filter or FactFilter(), limit, offset
        )


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
    return _top_facts(
        connection, ids, direction, conditions, NEWEST_FIRST, _page_size(limit), max(offset, 0)
    )


def _facts_page(
    connection: Connection,
    ids: Sequence[str],
    predicate: str,
    direction: str,
    fact_filter: FactFilter,
    limit: int,
    offset: int,
) -> list[FactView]:
    rows = _page_rows(connection, ids, predicate, direction, fact_filter, limit, offset)
    return _fact_views(connection, _full_rows(connection, [r.id for r in rows]))


def _full_rows(connection: Connection, fact_ids: Sequence[str]) -> list[Row]:
    """The readable columns of these facts, in the order of `fact_ids`."""
    found: dict[str, Row] = {}
    for start in range(0, len(fact_ids), 500):
        query = select(*VIEW_COLUMNS).where(facts.c.id.in_(fact_ids[start : start + 500]))
        found.update((r.id, dict(r._mapping)) for r in connection.execute(query))
    return [found[i] for i in fact_ids if i in found]


def entity_page(
    store: Store,
    ref: str,
    fact_filter: FactFilter | None = None,
    per_group: int = 20,
    document_limit: int = 20,
) -> EntityPage:
    """Identity, aliases, roles, facts grouped by predicate (with evidence) and documents."""
    fact_filter = fact_filter or FactFilter()
    with store.engine.connect() as connection:
        row, ids = _scope(connection, ref)
        groups = _groups(connection, ids, fact_filter, per_group)
        docs, more = _entity_documents(connection, ids, document_limit)
        return EntityPage(
            entity=_ref(row),
            city=row["city"],
            external_ids=dict(row["external_ids"] or {}),
            aliases=_aliases(connection, ids, row["name"]),
            merged=[i for i in ids if i != row["id"]],
            redirected_from=ref if ref != row["id"] and _is_entity(connection, ref) else None,
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
    rows = _full_rows(connection, [r.id for page in pages for r in page])
    views = {v.id: v for v in _fact_views(connection, rows)}
    return [
        FactGroup(predicate, way, _group_label(predicate, way), total, [views[r.id] for r in page])
        for ((predicate, way), total), page in zip(counts, pages, strict=True)
    ]


def _group_order(item: tuple[tuple[str, str], int]) -> tuple[int, str]:
    (predicate, direction), _total = item
    return list(PREDICATES).index(predicate), direction


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
        RoleView(
            f.id,
            f.subject,
            f.object,
            f.qualifiers.get("role"),
            f.date,
            f.status,
        )
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
    refs = _document_refs(connection, found[:limit])
    ordered = sorted(refs.values(), key=lambda d: (d.published or "", d.id), reverse=True)
    return ordered, len(found) > limit


# -- neighbourhood --------------------------------------------------------------------------
def neighbourhood(
    store: Store, fact_filter: FactFilter, max_edges: int = 300, fanout: int = 25
) -> Neighbourhood:
    """Entities within `fact_filter.depth` facts of `fact_filter.entity`, and those facts.

    The centre keeps its `max_edges` strongest facts; each farther entity adds at most
    `fanout` of its own, strongest first, so a hub in the second ring cannot drown the view.
    `truncated` says that some matching facts were left out.
    """
    if not fact_filter.entity:
        raise UsageError("a neighbourhood needs an entity.")
    max_edges = min(max(max_edges, 1), MAX_EDGES)
    with store.engine.connect() as connection:
        center = _resolve(connection, fact_filter.entity)
        walk = _Walk(connection, fact_filter, max_edges, fanout)
        walk.run(center["id"])
        nodes = _entity_rows(connection, walk.depth_of)
        return Neighbourhood(
            center=_ref(center),
            depth=fact_filter.depth,
            nodes=[
                Node(i, r["name"], r["type"], r["kind"], walk.depth_of[i]) for i, r in nodes.items()
            ],
            edges=list(walk.edges.values()),
            truncated=walk.truncated,
        )


class _Walk:
    """Breadth-first walk over facts, a bounded number of strongest facts per entity."""

    def __init__(
        self, connection: Connection, fact_filter: FactFilter, max_edges: int, fanout: int
    ) -> None:
        self.connection = connection
        self.filter = fact_filter
        self.max_edges = max_edges
        self.fanout = max(fanout, 1)
        self.depth_of: dict[str, int] = {}
        self.edges: dict[str, Edge] = {}
        self.truncated = False

    def run(self, center: str) -> None:
        self.depth_of[center] = 0
        frontier = [center]
        for depth in range(1, self.filter.depth + 1):
            limit = self.max_edges if depth == 1 else self.fanout
            found: list[str] = []
            for start in range(0, len(frontier), _WALK_BATCH):
                found.extend(self._expand(frontier[start : start + _WALK_BATCH], depth, limit))
                if len(self.edges) >= self.max_edges:
                    self.truncated = True
                    return
            frontier = found

    def _expand(self, batch: list[str], depth: int, limit: int) -> list[str]:
        """Add the strongest facts of each entity of `batch`; return the entities reached."""
        absorbed = _absorbed(self.connection, batch)
        groups = {entity_id: [entity_id, *absorbed.get(entity_id, ())] for entity_id in batch}
        conditions = [facts.c.object_id.is_not(None), self.filter.where()]
        found = [
            _top_facts(self.connection, ids, "both", conditions, STRONGEST_FIRST, limit + 1)
            for ids in groups.values()
        ]
        redirects = _canonical_map(
            self.connection,
            {i for rows in found for r in rows for i in (r.subject_id, r.object_id)},
        )
        reached: list[str] = []
        for rows in found:
            self.truncated |= len(rows) > limit
            for row in rows[:limit]:
                if row.id in self.edges:
                    continue
                edge = _edge(
                    row, _follow(redirects, row.subject_id), _follow(redirects, row.object_id)
                )
                self.edges[row.id] = edge
                for end in (edge.source, edge.target):
                    if end not in self.depth_of:
                        self.depth_of[end] = depth
                        reached.append(end)
                if len(self.edges) >= self.max_edges:
                    return reached
        return reached


def _edge(row: Any, source: str, target: str) -> Edge:
    return Edge(
        row.id,
        source,
        target,
        row.predicate,
        row.status,
        row.kind,
        row.date,
        row.confidence,
        row.curation,
        bool(row.conflict),
    )


# -- timeline -------------------------------------------------------------------------------
def timeline(
    store: Store,
    ref: str,
    fact_filter: FactFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Timeline:
    """Dated events of an entity, oldest first, each with its date precision and evidence."""
    fact_filter = fact_filter or FactFilter()
    with store.engine.connect() as connection:
        row, ids = _scope(connection, ref)
        base = and_(_touching(ids), facts.c.predicate.in_(EVENT_PREDICATES), fact_filter.where())
        dated = and_(base, facts.c.date.is_not(None))
        total = connection.scalar(select(func.count()).where(dated)) or 0
        undated = connection.scalar(select(func.count()).where(base, facts.c.date.is_(None)))
        query = (
            select(*VIEW_COLUMNS)
            .where(dated)
            .order_by(facts.c.date, facts.c.id)
            .limit(_page_size(limit))
            .offset(max(offset, 0))
        )
        rows = [dict(r._mapping) for r in connection.execute(query)]
        return Timeline(_ref(row), _fact_views(connection, rows, 1), total, undated or 0)


# -- statistics -----------------------------------------------------------------------------
_STATS_CACHE: dict[str, tuple[float, Statistics]] = {}


def statistics(store: Store, top: int = 10, max_age: float = 0.0) -> Statistics:
    """Counts, most connected institutions, events per year and kind, newest facts.

    These scan the whole graph; `max_age` seconds lets a server reuse a recent answer.
    """
    key = f"{store.engine.url}|{top}"
    cached = _STATS_CACHE.get(key)
    if cached and time.monotonic() - cached[0] < max_age:
        return cached[1]
    with store.engine.connect() as connection:
        visible = FactFilter().where()
        result = Statistics(
            counts=store.stats(),
            most_connected=_most_connected(connection, visible, _page_size(top)),
            events_by_year=_events_by_year(connection, visible),
            newest=_newest(connection, visible, _page_size(top)),
        )
    _STATS_CACHE[key] = (time.monotonic(), result)
    return result


def forget_statistics() -> None:
    """Drop the statistics kept for `max_age`: the graph was just changed."""
    _STATS_CACHE.clear()


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
    rows = _entity_rows(connection, [i for i, _ in ranked])
    return [Connected(_ref(rows[i]), n) for i, n in ranked if i in rows]


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
        .order_by(*_sql_order(NEWEST_FIRST, connection.dialect.name))
        .limit(top)
    )
    return _fact_views(connection, [dict(r._mapping) for r in connection.execute(query)], 1)


# -- documents ------------------------------------------------------------------------------
def document_view(store: Store, ref: str) -> DocumentView:
    """A document's text cut into segments that mark entity mentions and fact evidence."""
    row = store.get_document(ref)
    with store.engine.connect() as connection:
        spans = connection.execute(
            select(mentions.c.entity_id, mentions.c.start, mentions.c.end).where(
                mentions.c.document_id == row["id"], mentions.c.field == "text"
            )
        ).all()
        proofs = connection.execute(
            select(evidence.c.fact_id, evidence.c.start, evidence.c.end)
            .join(facts, facts.c.id == evidence.c.fact_id)
            .where(evidence.c.document_id == row["id"], FactFilter().where())
            .order_by(evidence.c.start)
        ).all()
        redirects = _canonical_map(connection, {s.entity_id for s in spans})
        mentioned = [(redirects.get(e, e), s, t) for e, s, t in spans]
        facts_told = _document_facts(connection, proofs)
        known = _entity_rows(connection, {e for e, _, _ in mentioned})
    text = row["text"]
    return DocumentView(
        document=DocumentRef(row["id"], row["title"], row["url"], row["published"], row["source"]),
        author=row["author"],
        format=row["format"],
        language=row["language"],
        text=text,
        segments=segments(text, mentioned, [(f, s, e) for f, s, e in proofs]),
        entities=sorted((_ref(r) for r in known.values()), key=lambda e: e.name),
        facts=facts_told,
    )


def _document_facts(connection: Connection, proofs: Sequence[Any]) -> list[DocumentFact]:
    views = {
        v.id: v
        for v in _fact_views(
            connection,
            [
                dict(r._mapping)
                for r in connection.execute(
                    select(*VIEW_COLUMNS).where(facts.c.id.in_(sorted({p.fact_id for p in proofs})))
                )
            ],
            0,
        )
    }
    return [
        DocumentFact(p.fact_id, v.predicate, v.subject, v.object, p.start, p.end)
        for p in proofs
        if (v := views.get(p.fact_id))
    ]


def segments(
    text: str,
    mentioned: Collection[tuple[str, int, int]],
    proven: Collection[tuple[str, int, int]],
) -> list[Segment]:
    """Cut `text` at every mention and evidence boundary; each piece knows what covers it."""
    bounds = {0, len(text)}
    for _, start, end in [*mentioned, *proven]:
        if 0 <= start < end <= len(text):
            bounds.update((start, end))
    cuts = sorted(bounds)
    found = []
    for start, end in itertools.pairwise(cuts):
        entity = next((e for e, s, t in mentioned if s <= start and end <= t), None)
        covering = sorted({f for f, s, t in proven if s <= start and end <= t})
        found.append(Segment(start, end, text[start:end], entity, covering))
    return _merge_plain(found)


def _merge_plain(pieces: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and last.entity == piece.entity and last.facts == piece.facts:
            merged[-1] = replace(last, end=piece.end, text=last.text + piece.text)
        else:
            merged.append(piece)
    return merged


def _page_size(limit: int) -> int:
    return min(max(limit, 1), MAX_PAGE)
