"""Finding entities by name: exact, prefix and word-prefix matches from the indexes, and
"did you mean" suggestions by edit distance when nothing matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, and_, func, literal_column, select, text
from sqlalchemy.engine import Connection

from ..resolve.names import normalize_name
from ..store import Store
from ..store.schema import aliases
from .common import canonical_map, degrees, entity_rows, page_size, ref
from .models import EntityRef, SearchHit

_FTS_PRESENT = "SELECT 1 FROM sqlite_master WHERE name = 'aliases_words'"
# fuzz.ratio is 2·matches / (len(a) + len(b)): below this share of the query's length, or
# above its inverse, a name cannot reach the cut-off, so it is not even read.
_SUGGESTION_CUTOFF = 72.0
_LENGTH_RATIO = _SUGGESTION_CUTOFF / (200 - _SUGGESTION_CUTOFF)


def search(store: Store, text: str, limit: int = 10, types: Sequence[str] = ()) -> list[SearchHit]:
    """Entities whose name, acronym or alias matches `text` (case, accents and punctuation
    ignored): exact matches first, then names starting with it, then names with a word
    starting with it; ties go to the most connected."""
    with store.engine.connect() as connection:
        return find(connection, text, page_size(limit), types)


def suggest(store: Store, text: str, limit: int = 5) -> list[EntityRef]:
    """Entities whose name or alias is close to `text` in spelling ("did you mean")."""
    with store.engine.connect() as connection:
        return suggestions(connection, text, page_size(limit))


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
    # Normalized names hold only [0-9a-z ], so the needle has no LIKE wildcard in it.
    return aliases.c.normalized.like(f"% {needle}%")


def find(connection: Connection, text: str, limit: int, types: Sequence[str]) -> list[SearchHit]:
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
    redirects = canonical_map(connection, matched)
    best: dict[str, tuple[int, str, str]] = {}
    for entity_id, hit in matched.items():
        target = redirects.get(entity_id, entity_id)
        if target not in best or hit < best[target]:
            best[target] = hit
    rows = entity_rows(connection, best)
    if types:
        rows = {k: v for k, v in rows.items() if v["type"] in types}
    counts = degrees(connection, list(rows))
    order = sorted(rows, key=lambda i: (best[i][0], -counts[i], len(rows[i]["name"]), i))
    return [SearchHit(ref(rows[i]), best[i][2], best[i][1], counts[i]) for i in order[:limit]]


def suggestions(connection: Connection, text: str, limit: int = 5) -> list[EntityRef]:
    """Entities with a name or alias within a few typos of `text`, closest first."""
    needle = normalize_name(text)
    if not needle or len(needle) > 200:
        return []
    shortest, longest = int(len(needle) * _LENGTH_RATIO), int(len(needle) / _LENGTH_RATIO) + 1
    query = select(aliases.c.entity_id, aliases.c.normalized).where(
        func.length(aliases.c.normalized).between(shortest, longest)
    )
    names: dict[int, str] = {}
    owners: dict[int, str] = {}
    for index, (entity_id, normalized) in enumerate(connection.execute(query)):
        names[index], owners[index] = normalized, entity_id
    close = process.extract(
        needle, names, scorer=fuzz.ratio, score_cutoff=_SUGGESTION_CUTOFF, limit=limit * 4
    )
    redirects = canonical_map(connection, {owners[i] for _, _, i in close})
    ordered = list(dict.fromkeys(redirects.get(owners[i], owners[i]) for _, _, i in close))
    rows = entity_rows(connection, ordered[:limit])
    return [ref(rows[i]) for i in ordered[:limit] if i in rows]
