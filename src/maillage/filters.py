"""Which facts and entities a reader wants: filters shared by the query layer, the API, the
web explorer and the exports, and the one date check that the CLI and the API both use."""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, select, true

from .errors import InvalidDate, UsageError
from .ontology import (
    ENTITY_TYPES,
    EVENT_KINDS,
    ORGANIZATION_KINDS,
    PLACE_KINDS,
    PREDICATES,
    STATUSES,
)
from .resolve.names import normalize_name
from .store.schema import entities, facts

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A fact's curation state, as the facts table filters and counts it.
CURATIONS = ("accepted", "edited", "rejected", "none")
ENTITY_KINDS = tuple(dict.fromkeys((*ORGANIZATION_KINDS, *PLACE_KINDS)))


def checked_date(value: str) -> str:
    """`value` if it is YYYY, YYYY-MM or YYYY-MM-DD with a real month and day, else
    InvalidDate: the one date check of filters on the command line and in the API."""
    value = value.strip()
    found = _DATE.fullmatch(value)
    year, month, day = found.groups() if found else (None, None, None)
    valid = year is not None and (month is None or 1 <= int(month) <= 12)
    if valid and month and day:
        valid = 1 <= int(day) <= calendar.monthrange(int(year or 0), int(month))[1]
    if not valid:
        raise InvalidDate(
            f"'{value}' is not a date.",
            "Write YYYY, YYYY-MM or YYYY-MM-DD with a real month and day (e.g. 2021-07-06).",
        )
    return value


@dataclass(slots=True)
class FactFilter:
    """Conditions on facts; empty sequences and None mean "any".

    `entity` and `depth` select a neighbourhood; the query layer resolves them, the
    conditions below apply to every fact it walks through.
    """

    entity: str | None = None
    depth: int = 1
    predicates: Sequence[str] = field(default_factory=tuple)
    kinds: Sequence[str] = field(default_factory=tuple)
    statuses: Sequence[str] = field(default_factory=tuple)
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: float = 0.0
    curated_only: bool = False
    include_rejected: bool = False
    curations: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        _known("predicate", self.predicates, PREDICATES)
        _known("event kind", self.kinds, EVENT_KINDS)
        _known("status", self.statuses, STATUSES)
        _known("curation state", self.curations, CURATIONS)
        if not 1 <= self.depth <= 3:
            raise UsageError(f"Depth {self.depth} is out of range; use 1, 2 or 3.")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise UsageError("Minimum confidence must be between 0 and 1.")
        self.date_from = checked_date(self.date_from) if self.date_from else None
        self.date_to = checked_date(self.date_to) if self.date_to else None

    def conditions(self) -> list[ColumnElement[Any]]:
        """SQLAlchemy conditions on the `facts` table (the entity/depth part excluded)."""
        found: list[ColumnElement[Any]] = []
        if not self.include_rejected and "rejected" not in self.curations:
            found.append(or_(facts.c.curation.is_(None), facts.c.curation != "rejected"))
        if self.curated_only:
            found.append(facts.c.curation.in_(("accepted", "edited")))
        if self.curations:
            found.append(_curation_in(self.curations))
        if self.predicates:
            found.append(facts.c.predicate.in_(list(self.predicates)))
        if self.kinds:
            found.append(facts.c.kind.in_(list(self.kinds)))
        if self.statuses:
            found.append(facts.c.status.in_(list(self.statuses)))
        # Dates are ISO prefixes (YYYY, YYYY-MM, YYYY-MM-DD): string order is date order.
        if self.date_from:
            found.append(facts.c.date >= self.date_from)
        if self.date_to:
            found.append(facts.c.date <= self.date_to + "\uffff")
        if self.min_confidence:
            found.append(facts.c.confidence >= self.min_confidence)
        return found

    def where(self) -> ColumnElement[Any]:
        return and_(true(), *self.conditions())


def _curation_in(states: Sequence[str]) -> ColumnElement[bool]:
    named = [s for s in states if s != "none"]
    options = [facts.c.curation.in_(named)] if named else []
    if "none" in states:
        options.append(facts.c.curation.is_(None))
    return or_(*options)


@dataclass(slots=True)
class EntityFilter:
    """Conditions on entities: type, kind, place (a city or a region, matched against the
    entity's city and the places it is located in) and the least number of facts."""

    types: Sequence[str] = field(default_factory=tuple)
    kinds: Sequence[str] = field(default_factory=tuple)
    places: Sequence[str] = field(default_factory=tuple)
    min_degree: int = 0

    def __post_init__(self) -> None:
        _known("entity type", self.types, ENTITY_TYPES)
        _known("entity kind", self.kinds, ENTITY_KINDS)
        if self.min_degree < 0:
            raise UsageError("The least number of facts cannot be negative.")

    @property
    def empty(self) -> bool:
        return not (self.types or self.kinds or self.places)

    def conditions(self, table: Table = entities) -> list[ColumnElement[Any]]:
        """Conditions on `table` (the entities table or an alias of it); `min_degree` is
        left to the reader, which counts facts its own way."""
        found: list[ColumnElement[Any]] = []
        if self.types:
            found.append(table.c.type.in_(list(self.types)))
        if self.kinds:
            found.append(table.c.kind.in_(list(self.kinds)))
        if self.places:
            names = sorted({n for place in self.places for n in places_within(place)})
            located = select(facts.c.subject_id).where(
                facts.c.predicate == "located_in",
                facts.c.object_id.in_(
                    select(entities.c.id).where(
                        entities.c.type == "place", entities.c.name.in_(names)
                    )
                ),
            )
            found.append(or_(table.c.city.in_(names), table.c.id.in_(located)))
        return found

    def where(self, table: Table = entities) -> ColumnElement[Any]:
        return and_(true(), *self.conditions(table))


def places_within(name: str) -> list[str]:
    """The place `name` and, for a region of the places list, every place in it."""
    wanted = normalize_name(name)
    regions = _regions()
    return [name.strip(), *regions.get(wanted, ())]


@cache
def _regions() -> dict[str, tuple[str, ...]]:
    from .resources import load_jsonl

    found: dict[str, list[str]] = {}
    for row in load_jsonl("places.jsonl"):
        if row.get("region"):
            found.setdefault(normalize_name(row["region"]), []).append(row["name"])
            if row.get("city"):
                found[normalize_name(row["region"])].append(row["city"])
    return {region: tuple(dict.fromkeys(names)) for region, names in found.items()}


def _known(what: str, given: Collection[str], allowed: Collection[str]) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise UsageError(
            f"Unknown {what} {', '.join(repr(u) for u in unknown)}; "
            f"use one of {', '.join(allowed)}."
        )
