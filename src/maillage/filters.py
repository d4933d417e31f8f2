"""Which facts a reader wants: one filter shared by the query layer, the API and the exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, true

from .errors import UsageError
from .ontology import PREDICATES, STATUSES
from .store.schema import facts


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

    def __post_init__(self) -> None:
        unknown = set(self.predicates) - set(PREDICATES)
        if unknown:
            raise UsageError(
                f"Unknown predicate {sorted(unknown)}; use one of {', '.join(PREDICATES)}."
            )
        if set(self.statuses) - set(STATUSES):
            raise UsageError(f"Unknown status in {list(self.statuses)}; use done or planned.")
        if not 1 <= self.depth <= 3:
            raise UsageError(f"Depth {self.depth} is out of range; use 1, 2 or 3.")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise UsageError("Minimum confidence must be between 0 and 1.")

    def conditions(self) -> list[ColumnElement[Any]]:
        """SQLAlchemy conditions on the `facts` table (the entity/depth part excluded)."""
        found: list[ColumnElement[Any]] = []
        if not self.include_rejected:
            found.append(or_(facts.c.curation.is_(None), facts.c.curation != "rejected"))
        if self.curated_only:
            found.append(facts.c.curation.in_(("accepted", "edited")))
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
