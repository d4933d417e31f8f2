"""The whole network, or the part the filters select: entities as nodes (with their places
as an attribute, not as hub nodes), facts between two entities as edges, and communities
computed with networkx."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from ..filters import EntityFilter, FactFilter
from ..ontology import is_symmetric
from ..store import Store
from ..store.schema import entities, facts
from .common import CHUNK, REF_COLUMNS, Row, canonical_map, entity_rows, follow, remember
from .facts import selection
from .models import Communities, Community, Network, NetworkEdge, NetworkNode

DEFAULT_EDGES = 20_000
MAX_NETWORK_EDGES = 50_000
# networkx's Louvain is pure Python: beyond this many nodes the faster label propagation
# (Traag & Šubelj 2023) gives the communities in a fraction of the time.
LOUVAIN_MAX_NODES = 5_000
_COMMUNITY_AGE = 300.0
_ENDS = ("subject_id", "object_id")


@dataclass(slots=True)
class NetworkRequest:
    """What part of the graph to draw."""

    facts: FactFilter = field(default_factory=FactFilter)
    entities: EntityFilter = field(default_factory=EntityFilter)
    places: bool = False  # draw places as nodes with their located_in edges
    max_edges: int = DEFAULT_EDGES

    def key(self) -> str:
        return repr((self.facts, self.entities, self.places, self.max_edges))


def network(store: Store, request: NetworkRequest | None = None) -> Network:
    """The selected facts between two entities, strongest first up to `max_edges`, and the
    entities they join, each with its degree in the view and the places it is in."""
    request = request or NetworkRequest()
    with store.engine.connect() as connection:
        rows, total = _edge_rows(connection, request)
        nodes = _nodes(connection, rows)
    edges = [_edge(row) for row in rows]
    years = sorted({e.year for e in edges if e.year is not None})
    return Network(
        nodes=nodes,
        edges=edges,
        total=total,
        truncated=total > len(rows),
        years=[years[0], years[-1]] if years else [],
    )


def communities(store: Store, request: NetworkRequest | None = None) -> Communities:
    """Communities of the network `request` selects (kept a few minutes per request)."""
    request = request or NetworkRequest()
    key = f"communities|{store.engine.url}|{request.key()}"
    return remember(key, _COMMUNITY_AGE, lambda: _communities(store, request))


def _edge_rows(connection: Connection, request: NetworkRequest) -> tuple[list[Row], int]:
    conditions = [selection(connection, request.facts, request.entities)]
    conditions.append(facts.c.object_id.is_not(None))
    if not request.places:
        conditions.append(facts.c.predicate != "located_in")
    where = and_(*conditions)
    total = connection.scalar(select(func.count()).select_from(facts).where(where)) or 0
    columns = [facts.c[n] for n in ("id", "predicate", "subject_id", "object_id", "status")]
    columns += [facts.c[n] for n in ("kind", "date", "confidence")]
    query = (
        select(*columns)
        .where(where)
        .order_by(facts.c.confidence.desc(), facts.c.id)
        .limit(min(max(request.max_edges, 1), MAX_NETWORK_EDGES))
    )
    found = [dict(r._mapping) for r in connection.execute(query)]
    redirects = canonical_map(connection, {r[end] for r in found for end in _ENDS})
    rows = []
    for row in found:
        row.update({end: follow(redirects, row[end]) for end in _ENDS})
        if row["subject_id"] != row["object_id"]:  # a merge can join an entity to itself
            rows.append(row)
    return rows, total


def _edge(row: Row) -> NetworkEdge:
    date = row["date"] or ""
    return NetworkEdge(
        id=row["id"],
        source=row["subject_id"],
        target=row["object_id"],
        predicate=row["predicate"],
        directed=not is_symmetric(row["predicate"]),
        status=row["status"],
        kind=row["kind"],
        year=int(date[:4]) if date[:4].isdigit() else None,
        confidence=row["confidence"],
    )


def _nodes(connection: Connection, rows: Sequence[Row]) -> list[NetworkNode]:
    degree = Counter(r[end] for r in rows for end in _ENDS)
    known = entity_rows(connection, degree, [*REF_COLUMNS, entities.c.city])
    located = _places(connection, [i for i, r in known.items() if r["type"] != "place"])
    return [
        NetworkNode(
            id=entity_id,
            name=row["name"],
            type=row["type"],
            kind=row["kind"],
            acronym=row["acronym"],
            city=row["city"],
            places=list(
                dict.fromkeys([*([row["city"]] if row["city"] else []), *located[entity_id]])
            ),
            degree=degree[entity_id],
        )
        for entity_id, row in sorted(known.items())
    ]


def _places(connection: Connection, ids: Iterable[str]) -> dict[str, list[str]]:
    """The names of the places each entity is located in (visible located_in facts)."""
    found: dict[str, list[str]] = defaultdict(list)
    wanted = sorted(ids)
    place = entities.alias("place")
    visible = FactFilter().where()
    for start in range(0, len(wanted), CHUNK):
        query = (
            select(facts.c.subject_id, place.c.name)
            .join(place, place.c.id == facts.c.object_id)
            .where(
                facts.c.predicate == "located_in",
                facts.c.subject_id.in_(wanted[start : start + CHUNK]),
                visible,
            )
            .order_by(facts.c.subject_id, facts.c.confidence.desc())
        )
        for entity_id, name in connection.execute(query):
            found[entity_id].append(name)
    return found


def _communities(store: Store, request: NetworkRequest) -> Communities:
    with store.engine.connect() as connection:
        rows, _total = _edge_rows(connection, request)
        names = entity_rows(connection, {r[end] for r in rows for end in _ENDS})
    graph = nx.Graph()
    for row in rows:
        source, target = row["subject_id"], row["object_id"]
        weight = graph.get_edge_data(source, target, {"weight": 0})["weight"]
        graph.add_edge(source, target, weight=weight + 1)
    if graph.number_of_nodes() <= LOUVAIN_MAX_NODES:
        method = "louvain"
        found = nx.community.louvain_communities(graph, weight="weight", seed=1)
    else:
        method = "label_propagation"
        found = nx.community.fast_label_propagation_communities(graph, weight="weight", seed=1)
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    modularity = nx.community.modularity(graph, groups, weight="weight") if groups else 0.0
    return Communities(
        membership={entity_id: index for index, group in enumerate(groups) for entity_id in group},
        communities=[
            Community(index, len(group), _label(graph, group, names))
            for index, group in enumerate(groups)
        ],
        method=method,
        modularity=round(float(modularity), 4),
    )


def _label(graph: nx.Graph, group: list[str], names: dict[str, Any]) -> str:
    hub = max(group, key=lambda node: (graph.degree(node, weight="weight"), node))
    return str(names[hub]["name"]) if hub in names else hub
