"""GraphML for networkx and Gephi: entities as nodes, facts between two entities as edges.

Written element by element (no in-memory graph). The graph is directed; `partner_of` edges
carry `symmetric=true`. Facts without an object (figures) are not edges and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from ..ontology import is_symmetric
from ..store import Store
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
    *(Key(f"e_{n}", "edge", n, "string") for n in ("predicate", "kind", "status", "date")),
    Key("e_end_date", "edge", "end_date", "string"),
    Key("e_role", "edge", "role", "string"),
    Key("e_confidence", "edge", "confidence", "double"),
    Key("e_sources", "edge", "sources", "int"),
    Key("e_symmetric", "edge", "symmetric", "boolean"),
    Key("e_curation", "edge", "curation", "string"),
)
# Characters XML 1.0 forbids even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_graphml(store: Store, out: TextIO, selection: Selection | None = None) -> dict[str, int]:
    """Write the selected graph as GraphML; return node and edge counts."""
    selection = selection or select_for_export(store)
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
        data = {
            **{k: row[k] for k in ("predicate", "kind", "status", "date", "end_date")},
            "role": (row["qualifiers"] or {}).get("role"),
            "confidence": row["confidence"],
            "sources": len({e["document_id"] for e in proof}),
            "symmetric": is_symmetric(row["predicate"]),
            "curation": row["curation"],
        }
        yield ends, data


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
