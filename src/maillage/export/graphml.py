"""GraphML for networkx and Gephi: entities as nodes, facts between two entities as edges.

Written element by element (no in-memory graph). The graph is directed; `partner_of` edges
carry `symmetric=true`. Facts without an object (figures) are not edges and are left out.
Each edge has a label, the sentence and URL of its strongest evidence, and `start` / `end`
as full ISO dates that Gephi's "Merge columns → Create time interval" reads (format
yyyy-MM-dd) for its timeline.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import and_, or_, select, union

from ..ontology import is_symmetric
from ..store import Store
from ..store.schema import entities, facts
from .csv import ALIAS_SEPARATOR
from .selection import Selection, entity_rows, fact_rows, select_for_export


@dataclass(frozen=True, slots=True)
class Key:
    id: str
    domain: str  # node | edge
    name: str
    type: str  # string | double | int | boolean


NODE_KEYS = tuple(
    Key(f"n_{name}", "node", name, "string")
    for name in ("label", "name", "type", "kind", "city", "acronym", "aliases", "wikidata")
)
EDGE_KEYS = (
    Key("e_label", "edge", "label", "string"),
    *(Key(f"e_{n}", "edge", n, "string") for n in ("predicate", "kind", "status", "date")),
    Key("e_end_date", "edge", "end_date", "string"),
    Key("e_role", "edge", "role", "string"),
    Key("e_confidence", "edge", "confidence", "double"),
    Key("e_sources", "edge", "sources", "int"),
    Key("e_symmetric", "edge", "symmetric", "boolean"),
    Key("e_curation", "edge", "curation", "string"),
    Key("e_start", "edge", "start", "string"),
    Key("e_end", "edge", "end", "string"),
    Key("e_sentence", "edge", "sentence", "string"),
    Key("e_url", "edge", "url", "string"),
)
# Edge labels in the interface's language (Gephi shows them on the edges).
EDGE_LABELS = {
    "partner_of": "partenaire de",
    "member_of": "membre de",
    "part_of": "composante de",
    "replaced_by": "remplacé par",
    "holds_role": "occupe un rôle à",
    "located_in": "situé à",
}
# Characters XML 1.0 forbids even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_graphml(
    store: Store, out: TextIO, selection: Selection | None = None, drop_isolated: bool = False
) -> dict[str, int]:
    """Write the selected graph as GraphML; return node and edge counts. `drop_isolated`
    leaves out the entities that no exported edge touches."""
    selection = selection or select_for_export(store)
    if drop_isolated:
        selection = connected_only(selection)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key in (*NODE_KEYS, *EDGE_KEYS):
        out.write(
            f'  <key id="{key.id}" for="{key.domain}" attr.name="{key.name}"'
            f' attr.type="{key.type}"/>\n'
        )
    out.write('  <graph id="maillage" edgedefault="directed">\n')
    counts = {"nodes": _write_all(out, "node", nodes(store, selection), NODE_KEYS)}
    counts["edges"] = _write_all(out, "edge", edges(store, selection), EDGE_KEYS)
    out.write("  </graph>\n</graphml>\n")
    return counts


def nodes(store: Store, selection: Selection) -> Iterator[tuple[dict[str, str], dict[str, Any]]]:
    for row, names, _ in entity_rows(store, selection, with_mentions=False):
        data = {
            "label": row["name"],
            **{k: row[k] for k in ("name", "type", "kind", "city", "acronym")},
            "aliases": ALIAS_SEPARATOR.join(names),
            "wikidata": (row["external_ids"] or {}).get("wikidata"),
        }
        yield {"id": row["id"]}, data


def edges(store: Store, selection: Selection) -> Iterator[tuple[dict[str, str], dict[str, Any]]]:
    for row, proof in fact_rows(store, selection):
        if not row["object_id"]:
            continue
        ends = {"id": row["id"], "source": row["subject_id"], "target": row["object_id"]}
        strongest = _strongest(proof)
        data = {
            "label": EDGE_LABELS.get(row["predicate"], row["predicate"]),
            **{k: row[k] for k in ("predicate", "kind", "status", "date", "end_date")},
            "role": (row["qualifiers"] or {}).get("role"),
            "confidence": row["confidence"],
            "sources": len({e["document_id"] for e in proof}),
            "symmetric": is_symmetric(row["predicate"]),
            "curation": row["curation"],
            "start": full_date(row["date"], first=True),
            "end": full_date(row["end_date"], first=False),
            "sentence": strongest["text"] if strongest else None,
            "url": (strongest or {}).get("document_url")
            or (row["qualifiers"] or {}).get("source_url"),
        }
        yield ends, data


def _strongest(proof: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The evidence with the highest report confidence (the first of equals)."""
    return max(proof, key=lambda e: e["confidence"] or 0.0, default=None)


def full_date(value: str | None, first: bool) -> str | None:
    """A partial ISO date as the first (or last) day it covers: 2016 → 2016-01-01."""
    if not value:
        return None
    year, month, day = ([*value.split("-"), None, None])[:3]
    if day:
        return value
    if first:
        return f"{year}-{month or '01'}-01"
    last_month = month or "12"
    return f"{year}-{last_month}-{calendar.monthrange(int(year or 0), int(last_month))[1]:02d}"


def connected_only(selection: Selection) -> Selection:
    """The same selection without the entities that none of its edges touches."""
    edges = and_(selection.facts, facts.c.object_id.is_not(None))
    ends = union(
        select(facts.c.subject_id.label("id")).where(edges),
        select(facts.c.object_id.label("id")).where(edges),
    ).subquery()
    targets = select(entities.c.merged_into).where(entities.c.id.in_(select(ends.c.id)))
    touched = or_(entities.c.id.in_(select(ends.c.id)), entities.c.id.in_(targets))
    return replace(selection, entities=and_(selection.entities, touched))


def _write_all(
    out: TextIO, tag: str, items: Iterator[tuple[dict[str, str], dict[str, Any]]], keys: tuple
) -> int:
    count = 0
    for attributes, data in items:
        count += 1
        opening = " ".join(f"{k}={quoteattr(_clean(v))}" for k, v in attributes.items())
        out.write(f"    <{tag} {opening}>")
        for key in keys:
            value = data.get(key.name)
            if value is not None and value != "":
                out.write(f'<data key="{key.id}">{_value(value)}</data>')
        out.write(f"</{tag}>\n")
    return count


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(_clean(str(value)))


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
