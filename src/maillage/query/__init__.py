"""Read models shared by the CLI, the API and the web explorer.

Every function takes a `Store` and returns dataclasses. Rejected facts are hidden and
merged-away entities are followed to the entity they were merged into, so no reader has
to know about the curation overlay. One module per read model:

- `entities`: resolving a reference, the entity page, pages of its facts, its mentions,
  the table of entities;
- `search`: name, prefix and word matches, "did you mean" suggestions;
- `neighbourhood`: the facts within a few hops of one entity;
- `network`: the whole (filtered) network and its communities;
- `timeline`, `stats`, `facts` (one fact, the facts table), `documents`, `review` (the
  review queue).
"""

from .common import (
    EDGE_COLUMNS,
    EVENT_PREDICATES,
    MAX_EDGES,
    MAX_PAGE,
    NEWEST_FIRST,
    STRONGEST_FIRST,
    VIEW_COLUMNS,
)
from .documents import DOCUMENT_SORTS, document, document_view, documents_table, segments
from .entities import (
    ENTITY_SORTS,
    INVERSE_LABELS,
    entities_table,
    entity_facts,
    entity_mentions,
    entity_page,
    group_label,
    resolve,
)
from .facts import FACETS, FACT_SORTS, fact, facts_table
from .models import (
    AliasView,
    Alternative,
    Communities,
    Community,
    Connected,
    DegreeCount,
    DocumentFact,
    DocumentRef,
    DocumentRow,
    DocumentsTable,
    DocumentView,
    Edge,
    EntitiesTable,
    EntityMentions,
    EntityPage,
    EntityRef,
    EntityRow,
    EvidenceView,
    FacetValue,
    FactGroup,
    FactRow,
    FactsTable,
    FactView,
    MentionView,
    Neighbourhood,
    Network,
    NetworkEdge,
    NetworkNode,
    Node,
    QuotePart,
    ReviewItem,
    ReviewQueue,
    RoleView,
    SearchHit,
    Segment,
    Statistics,
    Timeline,
    YearKindCount,
)
from .neighbourhood import neighbourhood
from .network import DEFAULT_EDGES, MAX_NETWORK_EDGES, NetworkRequest, communities, network
from .review import review_queue
from .search import search, suggest
from .stats import forget_statistics, statistics
from .timeline import timeline

__all__ = [
    "DEFAULT_EDGES",
    "DOCUMENT_SORTS",
    "EDGE_COLUMNS",
    "ENTITY_SORTS",
    "EVENT_PREDICATES",
    "FACETS",
    "FACT_SORTS",
    "INVERSE_LABELS",
    "MAX_EDGES",
    "MAX_NETWORK_EDGES",
    "MAX_PAGE",
    "NEWEST_FIRST",
    "STRONGEST_FIRST",
    "VIEW_COLUMNS",
    "AliasView",
    "Alternative",
    "Communities",
    "Community",
    "Connected",
    "DegreeCount",
    "DocumentFact",
    "DocumentRef",
    "DocumentRow",
    "DocumentView",
    "DocumentsTable",
    "Edge",
    "EntitiesTable",
    "EntityMentions",
    "EntityPage",
    "EntityRef",
    "EntityRow",
    "EvidenceView",
    "FacetValue",
    "FactGroup",
    "FactRow",
    "FactView",
    "FactsTable",
    "MentionView",
    "Neighbourhood",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "NetworkRequest",
    "Node",
    "QuotePart",
    "ReviewItem",
    "ReviewQueue",
    "RoleView",
    "SearchHit",
    "Segment",
    "Statistics",
    "Timeline",
    "YearKindCount",
    "communities",
    "document",
    "document_view",
    "documents_table",
    "entities_table",
    "entity_facts",
    "entity_mentions",
    "entity_page",
    "fact",
    "facts_table",
    "forget_statistics",
    "group_label",
    "neighbourhood",
    "network",
    "resolve",
    "review_queue",
    "search",
    "segments",
    "statistics",
    "suggest",
    "timeline",
]
