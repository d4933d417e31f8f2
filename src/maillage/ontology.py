"""The fixed vocabulary of the graph: entity types and kinds, predicates, statuses."""

from __future__ import annotations

from dataclasses import dataclass

ENTITY_TYPES = ("organization", "person", "place", "other")

ORGANIZATION_KINDS = (
    "school",
    "university",
    "inp",
    "comue",
    "grand_etablissement",
    "research_body",
    "network",
    "alliance",
    "group",
    "public_body",
    "association",
    "company",
    "foundation",
    "business_school",
    "department",
    "campus",
    "programme",
    "organization",
)
PLACE_KINDS = ("city", "region", "department", "country", "place")

STATUSES = ("done", "planned")

EVENT_KINDS = (
    "agreement",
    "strategic_partnership",
    "alliance",
    "network",
    "merger",
    "renaming",
    "double_degree",
    "joint_programme",
    "joint_incubator",
    "joint_event",
    "joint_research",
    "membership",
    "component",
    "appointment",
    "location",
    "figure",
)


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    subject_type: str
    object_type: str | None
    symmetric: bool
    wikidata: str | None
    label: str


PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in (
        Predicate("partner_of", "organization", "organization", True, "P2652", "partner of"),
        Predicate("member_of", "organization", "organization", False, "P463", "member of"),
        Predicate("part_of", "organization", "organization", False, "P361", "part of"),
        Predicate("replaced_by", "organization", "organization", False, "P1366", "replaced by"),
        Predicate("holds_role", "person", "organization", False, "P1037", "holds role at"),
        Predicate("located_in", "organization", "place", False, "P131", "located in"),
        Predicate("quantity", "organization", None, False, None, "figure"),
    )
}


def is_symmetric(predicate: str) -> bool:
    return PREDICATES[predicate].symmetric
