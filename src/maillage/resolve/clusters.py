"""Union-find over entity records that refuses unions breaking an identity constraint."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# "IMT", "ENSAM", "UTBM", "IMT-BS": short, capitalised, no lower-case run.
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,11}$")
GENERIC_KINDS = frozenset({None, "organization", "other"})


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name.strip()))


@dataclass(slots=True)
class EntityRecord:
    """What resolution knows about one stored entity."""

    id: str
    type: str
    name: str
    kind: str | None = None
    acronym: str | None = None
    city: str | None = None
    gazetteer: str | None = None
    names: set[str] = field(default_factory=set)  # name, aliases, acronym as written
    documents: set[str] = field(default_factory=set)
    institutions: set[str] = field(default_factory=set)  # holds_role objects, for people

    @property
    def acronyms(self) -> set[str]:
        found = {n for n in self.names if is_acronym(n)}
        return found | ({self.acronym} if self.acronym else set())


@dataclass(slots=True)
class _Cluster:
    """Aggregate of the members' identity attributes, checked before each union."""

    members: list[str]
    type: str
    gazetteer: set[str]
    acronyms: set[str]
    kinds: set[str]
    cities: set[str]

    @classmethod
    def of(cls, record: EntityRecord) -> _Cluster:
        return cls(
            [record.id],
            record.type,
            {record.gazetteer} if record.gazetteer else set(),
            record.acronyms,
            {record.kind} - GENERIC_KINDS if record.kind else set(),
            {record.city.casefold()} if record.city else set(),
        )

    def compatible(self, other: _Cluster) -> bool:
        return (
            self.type == other.type
            and len(self.gazetteer | other.gazetteer) <= 1
            and (not self.acronyms or not other.acronyms or bool(self.acronyms & other.acronyms))
            and len(self.kinds | other.kinds) <= 1
            and len(self.cities | other.cities) <= 1
        )

    def absorb(self, other: _Cluster) -> None:
        self.members += other.members
        self.gazetteer |= other.gazetteer
        self.acronyms |= other.acronyms
        self.kinds |= other.kinds
        self.cities |= other.cities


class Clusters:
    """Entities grouped by identity; `link` unites two groups only if they are compatible."""

    def __init__(
        self, records: Iterable[EntityRecord], cannot_link: Iterable[tuple[str, str]] = ()
    ) -> None:
        self._records = {r.id: r for r in records}
        self._parent = {key: key for key in self._records}
        self._clusters = {key: _Cluster.of(r) for key, r in self._records.items()}
        self._apart = {frozenset(pair) for pair in cannot_link}

    def find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def link(self, first: str, second: str) -> bool:
        """Unite the groups of two entities; False when a constraint forbids it."""
        a, b = self.find(first), self.find(second)
        if a == b:
            return True
        if not self._clusters[a].compatible(self._clusters[b]) or self._kept_apart(a, b):
            return False
        self._parent[b] = a
        self._clusters[a].absorb(self._clusters.pop(b))
        return True

    def _kept_apart(self, a: str, b: str) -> bool:
        if not self._apart:
            return False
        left, right = self._clusters[a].members, self._clusters[b].members
        return any(frozenset((x, y)) in self._apart for x in left for y in right)

    def groups(self) -> list[list[EntityRecord]]:
        """Groups of two or more entities."""
        return [
            [self._records[key] for key in cluster.members]
            for cluster in self._clusters.values()
            if len(cluster.members) > 1
        ]
