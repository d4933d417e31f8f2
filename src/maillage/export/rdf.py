"""RDF exports (Turtle, JSON-LD) with rdflib terms, written item by item.

Terms: schema.org and W3C ORG where they fit, the maillage vocabulary
(resources/vocabulary.ttl, linked to Wikidata properties) for the rest. Every fact is
reified (m:Fact, an rdf:Statement and prov:Entity) with its evidence and provenance; facts
whose status is done are also asserted as a direct triple. IRIs are stable: the base IRI
(setting `base_iri`) + entity/, fact/, document/, evidence/ + the id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, TextIO
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD, NamespaceManager
from rdflib.term import Node

from ..store import Store
from .selection import Row, Selection, document_rows, entity_rows, fact_rows, select_for_export

M = Namespace("https://maillage.example.org/ns#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")
PREFIXES = {
    "m": M, "schema": SCHEMA, "org": ORG, "prov": PROV, "time": TIME, "wd": WD,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
}  # fmt: skip

Triple = tuple[URIRef, URIRef, Node]

# The property of each predicate (see the vocabulary) and the schema.org / ORG one asserted
# next to it for done facts.
PROPERTIES = {
    "partner_of": (M.partnerOf, None),
    "member_of": (M.memberOf, SCHEMA.memberOf),
    "part_of": (M.partOf, SCHEMA.parentOrganization),
    "replaced_by": (M.replacedBy, None),
    "holds_role": (M.holdsRoleAt, SCHEMA.worksFor),
    "located_in": (M.locatedIn, SCHEMA.location),
    "quantity": (M.quantity, None),
}
TYPES = {"organization": SCHEMA.Organization, "person": SCHEMA.Person, "place": SCHEMA.Place}
KIND_TYPES = {
    "university": SCHEMA.CollegeOrUniversity,
    "school": SCHEMA.CollegeOrUniversity,
    "business_school": SCHEMA.CollegeOrUniversity,
    "inp": SCHEMA.CollegeOrUniversity,
    "grand_etablissement": SCHEMA.CollegeOrUniversity,
    "research_body": SCHEMA.ResearchOrganization,
    "company": SCHEMA.Corporation,
    "public_body": SCHEMA.GovernmentOrganization,
}
DATE_TYPES = {4: (XSD.gYear, TIME.inXSDgYear), 7: (XSD.gYearMonth, TIME.inXSDgYearMonth)}


def vocabulary() -> str:
    """The Turtle text of the maillage vocabulary."""
    return resources.files("maillage.resources").joinpath("vocabulary.ttl").read_text("utf-8")


@dataclass(frozen=True, slots=True)
class Iris:
    """Stable IRIs of the things of one graph under a base IRI."""

    base: str

    def of(self, family: str, key: str) -> URIRef:
        return URIRef(f"{self.base}{family}/{quote(key, safe='-_.~')}")

    def source(self, row: Row) -> URIRef:
        """What evidence is derived from: the document's URL, or its IRI when it has none."""
        url = row.get("document_url")
        if url and url.startswith(("http://", "https://")):
            return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))
        return self.of("document", row["document_id"])


def rdf_items(store: Store, selection: Selection, base: str) -> Iterator[list[Triple]]:
    """The triples of each entity, document and fact, one list per item."""
    iris = Iris(base if base.endswith(("/", "#")) else base + "/")
    for row, names, _ in entity_rows(store, selection, with_mentions=False):
        yield entity_triples(iris, row, names)
    for row in document_rows(store, selection):
        yield document_triples(iris, row)
    for row, proof in fact_rows(store, selection):
        yield fact_triples(iris, row, proof)


def entity_triples(iris: Iris, row: Row, names: list[str]) -> list[Triple]:
    node = iris.of("entity", row["id"])
    found: list[Triple] = [(node, RDF.type, TYPES.get(row["type"], SCHEMA.Thing))]
    if row["kind"] in KIND_TYPES:
        found.append((node, RDF.type, KIND_TYPES[row["kind"]]))
    found.append((node, SCHEMA.name, Literal(row["name"])))
    found += [(node, SCHEMA.alternateName, Literal(n)) for n in names]
    found += _literals(node, {M.kind: row["kind"], M.city: row["city"]})
    if wikidata := (row["external_ids"] or {}).get("wikidata"):
        found.append((node, OWL.sameAs, WD[wikidata]))
    return found


def document_triples(iris: Iris, row: Row) -> list[Triple]:
    node = iris.of("document", row["id"])
    found: list[Triple] = [(node, RDF.type, SCHEMA.Article), (node, RDF.type, PROV.Entity)]
    if row["url"]:
        found.append(
            (node, SCHEMA.url, iris.source({"document_url": row["url"], "document_id": row["id"]}))
        )
    values = {SCHEMA.name: row["title"], SCHEMA.author: row["author"], M.source: row["source"]}
    found += _literals(node, values)
    if row["published"]:
        found.append((node, SCHEMA.datePublished, _date(row["published"])))
    return found


def fact_triples(iris: Iris, row: Row, proof: list[Row]) -> list[Triple]:
    node = iris.of("fact", row["id"])
    subject = iris.of("entity", row["subject_id"])
    prop, schema_prop = PROPERTIES[row["predicate"]]
    found: list[Triple] = [
        (node, RDF.type, M.Fact),
        (node, RDF.subject, subject),
        (node, RDF.predicate, prop),
    ]
    qualifiers = row["qualifiers"] or {}
    found += _literals(node, {
        M.status: row["status"], M.kind: row["kind"], M.curation: row["curation"],
        M.role: qualifiers.get("role"), M.unit: qualifiers.get("unit"),
    })  # fmt: skip
    found.append((node, M.confidence, Literal(float(row["confidence"]))))
    if row["value"] is not None:
        found.append((node, M.value, Literal(row["value"])))
    found += [(node, p, _date(row[k])) for p, k in ((M.date, "date"), (M.endDate, "end_date"))
              if row[k]]  # fmt: skip
    if row["object_id"]:
        found += _relation(iris, node, row, subject, iris.of("entity", row["object_id"]))
        if row["status"] == "done":
            found.append((subject, prop, iris.of("entity", row["object_id"])))
            if schema_prop is not None:
                found.append((subject, schema_prop, iris.of("entity", row["object_id"])))
    for evidence_row in proof:
        found += evidence_triples(iris, node, evidence_row)
    return found


def _relation(iris: Iris, node: URIRef, row: Row, subject: URIRef, obj: URIRef) -> list[Triple]:
    """rdf:object, plus the ORG reading of memberships, roles and changes."""
    found: list[Triple] = [(node, RDF.object, obj)]
    predicate = row["predicate"]
    if predicate in ("member_of", "holds_role"):
        found += [(node, RDF.type, ORG.Membership), (node, ORG.member, subject),
                  (node, ORG.organization, obj)]  # fmt: skip
        found += _interval(node, row)
        if role := (row["qualifiers"] or {}).get("role"):
            role_node = iris.of("role", str(role).lower())
            found += [(node, ORG.role, role_node), (role_node, RDF.type, ORG.Role),
                      (role_node, RDFS.label, Literal(str(role)))]  # fmt: skip
    elif predicate == "replaced_by":
        found += [(node, RDF.type, ORG.ChangeEvent), (node, ORG.originalOrganization, subject),
                  (node, ORG.resultingOrganization, obj)]  # fmt: skip
    elif predicate == "part_of":
        found.append((subject, ORG.subOrganizationOf, obj))
    return found


def _interval(node: URIRef, row: Row) -> list[Triple]:
    """org:memberDuring as a time:Interval with the known beginning and end."""
    if not (row["date"] or row["end_date"]):
        return []
    during = URIRef(f"{node}/during")
    found: list[Triple] = [(node, ORG.memberDuring, during), (during, RDF.type, TIME.Interval)]
    for edge, key in ((TIME.hasBeginning, "date"), (TIME.hasEnd, "end_date")):
        if row[key]:
            instant = URIRef(f"{node}/{key}")
            datatype, link = DATE_TYPES.get(len(row[key]), (XSD.date, TIME.inXSDDate))
            found += [(during, edge, instant), (instant, RDF.type, TIME.Instant),
                      (instant, link, Literal(row[key], datatype=datatype))]  # fmt: skip
    return found


def evidence_triples(iris: Iris, fact: URIRef, row: Row) -> list[Triple]:
    span = f"{row['document_id']}\x1f{row['start']}\x1f{row['end']}\x1f{row['rule']}"
    node = iris.of("evidence", hashlib.sha256(span.encode()).hexdigest()[:24])
    source = iris.source(row)
    activity = iris.of("extraction", f"{row['pipeline_version']}/{row['rule']}")
    return [
        (fact, M.evidence, node),
        (fact, PROV.wasDerivedFrom, source),
        (node, RDF.type, M.Evidence),
        (node, PROV.value, Literal(row["text"])),
        (node, PROV.wasDerivedFrom, source),
        (node, M.document, iris.of("document", row["document_id"])),
        (node, M.start, Literal(row["start"])),
        (node, M.end, Literal(row["end"])),
        (node, M.rule, Literal(row["rule"])),
        (node, M.pipelineVersion, Literal(row["pipeline_version"])),
        (node, PROV.wasGeneratedBy, activity),
        (activity, RDF.type, M.Extraction),
        (activity, M.rule, Literal(row["rule"])),
        (activity, M.pipelineVersion, Literal(row["pipeline_version"])),
    ]


def _literals(node: URIRef, values: dict[URIRef, Any]) -> list[Triple]:
    return [(node, p, Literal(v)) for p, v in values.items() if v is not None and v != ""]


def _date(value: str) -> Literal:
    return Literal(value, datatype=DATE_TYPES.get(len(value), (XSD.date,))[0])


# -- writers ------------------------------------------------------------------------------


class _Terms:
    """Turtle forms of terms; vocabulary terms are few and cached as prefixed names."""

    def __init__(self) -> None:
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        self.manager: NamespaceManager = graph.namespace_manager
        self._cache: dict[Node, str] = {}
        self._vocab = tuple(str(n) for n in PREFIXES.values())

    def predicate(self, term: URIRef) -> str:
        return "a" if term == RDF.type else self.n3(term)

    def n3(self, term: Node) -> str:
        if isinstance(term, URIRef):
            if term in self._cache:
                return self._cache[term]
            if not str(term).startswith(self._vocab):
                return term.n3()
            self._cache[term] = text = term.n3(self.manager)
            return text
        return term.n3(self.manager)


def write_turtle(
    store: Store, out: TextIO, base: str, selection: Selection | None = None
) -> dict[str, int]:
    """Write Turtle item by item: each subject's triples as one statement."""
    selection = selection or select_for_export(store)
    terms = _Terms()
    for prefix, namespace in PREFIXES.items():
        out.write(f"@prefix {prefix}: <{namespace}> .\n")
    items = count = 0
    for triples in rdf_items(store, selection, base):
        items += 1
        out.write("\n")
        for subject, pairs in _by_subject(triples).items():
            body = " ;\n    ".join(f"{terms.predicate(p)} {terms.n3(o)}" for p, o in pairs)
            out.write(f"{terms.n3(subject)} {body} .\n")
        count += len(triples)
    return {"items": items, "triples": count}


def write_jsonld(
    store: Store, out: TextIO, base: str, selection: Selection | None = None
) -> dict[str, int]:
    """Write JSON-LD: one context of prefixes, then one node object per subject."""
    selection = selection or select_for_export(store)
    terms = _Terms()
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    out.write('{"@context": ' + json.dumps(context) + ',\n"@graph": [')
    nodes = triples_count = 0
    for triples in rdf_items(store, selection, base):
        triples_count += len(triples)
        for subject, pairs in _by_subject(triples).items():
            out.write(",\n" if nodes else "\n")
            out.write(json.dumps(_node(terms, subject, pairs), ensure_ascii=False))
            nodes += 1
    out.write("\n]}\n")
    return {"nodes": nodes, "triples": triples_count}


def _by_subject(triples: list[Triple]) -> dict[URIRef, list[tuple[URIRef, Node]]]:
    grouped: dict[URIRef, list[tuple[URIRef, Node]]] = {}
    for s, p, o in triples:
        grouped.setdefault(s, []).append((p, o))
    return grouped


def _node(terms: _Terms, subject: URIRef, pairs: list[tuple[URIRef, Node]]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": str(subject)}
    for p, o in pairs:
        if p == RDF.type:
            node.setdefault("@type", []).append(terms.n3(o))
        else:
            node.setdefault(terms.n3(p), []).append(_jsonld_value(terms, o))
    return node


def _jsonld_value(terms: _Terms, term: Node) -> dict[str, Any]:
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    assert isinstance(term, Literal)
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype and term.datatype != XSD.string:
        return {"@value": str(term), "@type": terms.n3(term.datatype)}
    return {"@value": str(term)}
