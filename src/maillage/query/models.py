"""The read models: plain dataclasses that the CLI prints, the API serializes and the web
explorer renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
class DegreeCount:
    """How many entities have `degree` visible facts."""

    degree: int
    entities: int


@dataclass(slots=True)
class Statistics:
    counts: dict[str, int]
    most_connected: list[Connected]
    events_by_year: list[YearKindCount]
    newest: list[FactView]
    degrees: list[DegreeCount] = field(default_factory=list)


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


# -- listings (browse and facet) -------------------------------------------------------------
@dataclass(slots=True)
class FacetValue:
    """One value of a column and how many rows of the current selection have it."""

    value: str | None
    count: int


@dataclass(slots=True)
class FactRow:
    """A fact as one line of the facts table: both parties, and counts instead of quotes."""

    id: str
    predicate: str
    subject: EntityRef
    object: EntityRef | None
    value: float | None
    unit: str | None
    role: str | None
    date: str | None
    date_precision: str | None
    status: str
    kind: str | None
    confidence: float
    sources: int
    curation: str | None
    conflict: bool
    origin: str


@dataclass(slots=True)
class FactsTable:
    rows: list[FactRow]
    total: int
    limit: int
    offset: int
    sort: str
    facets: dict[str, list[FacetValue]]


@dataclass(slots=True)
class EntityRow:
    entity: EntityRef
    city: str | None
    degree: int


@dataclass(slots=True)
class EntitiesTable:
    rows: list[EntityRow]
    total: int
    limit: int
    offset: int
    sort: str
    facets: dict[str, list[FacetValue]]


@dataclass(slots=True)
class DocumentRow:
    document: DocumentRef
    facts: int


@dataclass(slots=True)
class DocumentsTable:
    rows: list[DocumentRow]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class MentionView:
    """One place where a document names an entity (what a curator moves when splitting)."""

    id: int
    document: DocumentRef
    start: int
    end: int
    text: str
    context: str


@dataclass(slots=True)
class EntityMentions:
    entity: EntityRef
    mentions: list[MentionView]
    total: int


# -- review queue -----------------------------------------------------------------------------
@dataclass(slots=True)
class QuotePart:
    """A piece of an evidence sentence; `party` says which end of the fact it names."""

    text: str
    party: str | None = None  # subject | object


@dataclass(slots=True)
class ReviewItem:
    fact: FactView
    reasons: list[str]  # conflict | overdue | single_source | low_confidence
    quotes: list[list[QuotePart]]


@dataclass(slots=True)
class ReviewQueue:
    items: list[ReviewItem]
    remaining: int
    reviewed: int


# -- the whole network ------------------------------------------------------------------------
@dataclass(slots=True)
class NetworkNode:
    id: str
    name: str
    type: str
    kind: str | None
    acronym: str | None
    city: str | None
    places: list[str]
    degree: int


@dataclass(slots=True)
class NetworkEdge:
    id: str
    source: str
    target: str
    predicate: str
    directed: bool
    status: str
    kind: str | None
    year: int | None
    confidence: float


@dataclass(slots=True)
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    total: int  # facts that match, before the edge budget
    truncated: bool
    years: list[int]  # first and last year of the dated edges, or empty


@dataclass(slots=True)
class Community:
    id: int
    size: int
    label: str  # name of its most connected member


@dataclass(slots=True)
class Communities:
    membership: dict[str, int]
    communities: list[Community]
    method: str  # louvain | label_propagation
    modularity: float
