"""The entities and facts within a few facts of one entity, a bounded number per entity."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from ..errors import UsageError
from ..filters import FactFilter
from ..store import Store
from ..store.schema import facts
from .common import (
    MAX_EDGES,
    STRONGEST_FIRST,
    absorbed,
    canonical_map,
    entity_rows,
    follow,
    ref,
    top_facts,
)
from .entities import resolve_row
from .models import Edge, Neighbourhood, Node

_WALK_BATCH = 16  # entities expanded between two checks of the edge budget


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
        center = resolve_row(connection, fact_filter.entity)
        walk = _Walk(connection, fact_filter, max_edges, fanout)
        walk.run(center["id"])
        nodes = entity_rows(connection, walk.depth_of)
        return Neighbourhood(
            center=ref(center),
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
        merged = absorbed(self.connection, batch)
        groups = {entity_id: [entity_id, *merged.get(entity_id, ())] for entity_id in batch}
        conditions = [facts.c.object_id.is_not(None), self.filter.where()]
        found = [
            top_facts(self.connection, ids, "both", conditions, STRONGEST_FIRST, limit + 1)
            for ids in groups.values()
        ]
        redirects = canonical_map(
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
                    row, follow(redirects, row.subject_id), follow(redirects, row.object_id)
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
