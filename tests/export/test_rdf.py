"""RDF: rdflib parses the Turtle and the JSON-LD, SPARQL finds the facts and their provenance."""

from __future__ import annotations

import io

import pytest
import rdflib
from rdflib import URIRef
from rdflib.compare import isomorphic

from maillage.export.rdf import M, write_jsonld, write_turtle
from maillage.export.selection import select_for_export
from maillage.filters import FactFilter
from maillage.ontology import PREDICATES
from tests.conftest import ROOT

BASE = "https://graph.example.net/id/"
PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX m: <https://maillage.example.org/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
"""


def parsed(store, writer, fmt, selection=None):
    out = io.StringIO()
    writer(store, out, BASE, selection)
    graph = rdflib.Graph()
    graph.parse(data=out.getvalue(), format=fmt)
    return graph


@pytest.fixture
def turtle(graph):
    return parsed(graph[0], write_turtle, "turtle")


def test_rdf_turtle_and_jsonld_hold_the_same_graph(graph, turtle):
    store, _ = graph
    assert isomorphic(turtle, parsed(store, write_jsonld, "json-ld"))


def test_rdf_sparql_returns_every_fact_with_its_sentence(graph, turtle):
    _store, ids = graph
    query = (
        PREFIXES
        + """
    SELECT ?fact ?s ?p ?sentence ?rule ?version WHERE {
      ?fact a m:Fact ; rdf:subject ?s ; rdf:predicate ?p ; m:evidence ?e .
      ?e prov:value ?sentence ; m:rule ?rule ; m:pipelineVersion ?version .
    }"""
    )
    rows = list(turtle.query(query))
    assert {str(r.fact) for r in rows} == {
        BASE + "fact/" + ids[n]
        for n in ("partner", "member", "role", "located", "figure", "merged")
    }
    assert len(rows) == 7  # the convention has two sentences
    assert all(r.rule and r.version == rdflib.Literal("0.1.0+test") for r in rows)


def test_rdf_documented_query_runs(turtle):
    documented = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    query = documented.split("```sparql")[1].split("```")[0]
    assert len(list(turtle.query(query))) == 6  # facts with an object: 5 facts, 6 sentences


def test_rdf_provenance_is_the_document_url(graph, turtle):
    _, ids = graph
    fact = URIRef(BASE + "fact/" + ids["role"])
    sources = set(turtle.objects(fact, rdflib.namespace.PROV.wasDerivedFrom))
    assert sources == {URIRef("https://www.ecole-exemple.fr/actualites/convention")}
    located = URIRef(BASE + "fact/" + ids["located"])  # a document without URL: its IRI
    assert {str(s) for s in turtle.objects(located, rdflib.namespace.PROV.wasDerivedFrom)} == {
        str(s)
        for s in turtle.subjects(rdflib.RDF.type, URIRef("https://schema.org/Article"))
        if "document/" in str(s)
    } - {str(s) for s in turtle.subjects(URIRef("https://schema.org/url"), None)}


def test_rdf_only_done_facts_are_asserted(turtle):
    ensmm, polymeca = URIRef(BASE + "entity/org-ensmm"), URIRef(BASE + "entity/org-polymeca")
    assert (ensmm, M.partOf, polymeca) in turtle  # done (and redirected from the merged entity)
    assert (ensmm, URIRef("https://schema.org/parentOrganization"), polymeca) in turtle
    assert (ensmm, M.memberOf, polymeca) not in turtle  # planned: reified only


def test_rdf_memberships_use_the_org_ontology(graph, turtle):
    query = (
        PREFIXES
        + """
    SELECT ?member ?org ?role ?start WHERE {
      ?m a org:Membership ; org:member ?member ; org:organization ?org .
      OPTIONAL { ?m org:role/rdfs:label ?role }
      OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDgYear ?start }
    }"""
    )
    rows = {
        (
            r.member.split("/")[-1],
            str(r.role) if r.role else None,
            str(r.start) if r.start else None,
        )
        for r in turtle.query(query)
    }
    assert rows == {
        ("per-laurent-champaney", "directeur général", None),
        ("org-ensmm", None, "2016"),
    }


def test_rdf_entities_carry_names_and_wikidata_links(turtle):
    ensam = URIRef(BASE + "entity/org-ensam")
    assert (ensam, rdflib.OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q273533")) in turtle
    assert rdflib.Literal("Arts et Métiers ParisTech") in set(
        turtle.objects(ensam, URIRef("https://schema.org/alternateName"))
    )
    assert URIRef("https://schema.org/CollegeOrUniversity") in set(
        turtle.objects(ensam, rdflib.RDF.type)
    )


def test_rdf_filtered_export_is_a_subgraph(graph, turtle):
    store, _ = graph
    part = parsed(
        store,
        write_turtle,
        "turtle",
        select_for_export(store, FactFilter(predicates=["located_in"])),
    )
    assert len(list(part.subjects(rdflib.RDF.type, M.Fact))) == 1
    assert set(part) <= set(turtle)


def test_rdf_vocabulary_links_each_relation_to_wikidata():
    vocabulary = rdflib.Graph().parse(ROOT / "src" / "maillage" / "resources" / "vocabulary.ttl")
    from maillage.export.rdf import PROPERTIES

    for name, predicate in PREDICATES.items():
        prop = PROPERTIES[name][0]
        assert (prop, rdflib.RDFS.label, None) in vocabulary, name
        if predicate.wikidata and name != "holds_role":  # Wikidata states roles the other way
            wikidata = URIRef(f"http://www.wikidata.org/prop/direct/{predicate.wikidata}")
            assert (prop, rdflib.OWL.equivalentProperty, wikidata) in vocabulary, name


def test_rdf_base_iri_is_a_setting_and_gets_its_slash(graph):
    store, ids = graph
    out = io.StringIO()
    write_turtle(store, out, "urn:x:graph")
    assert f"<urn:x:graph/fact/{ids['partner']}>" in out.getvalue()
