"""GraphML: networkx reads back the same nodes, edges and attributes."""

from __future__ import annotations

import io

import networkx as nx

from maillage.export.graphml import write_graphml
from maillage.export.selection import select_for_export
from maillage.filters import FactFilter


def read_back(store, selection=None):
    out = io.StringIO()
    counts = write_graphml(store, out, selection)
    return counts, nx.read_graphml(io.StringIO(out.getvalue()), force_multigraph=True)


def test_graphml_networkx_reads_nodes_edges_and_attributes(graph):
    store, ids = graph
    counts, g = read_back(store)
    assert counts == {"nodes": 6, "edges": 5}  # the figure has no object: not an edge
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 5
    ensmm = g.nodes["org-ensmm"]
    assert ensmm["name"].startswith("École nationale") and ensmm["label"] == ensmm["name"]
    assert (ensmm["type"], ensmm["kind"], ensmm["city"], ensmm["aliases"]) == (
        "organization",
        "school",
        "Besançon",
        "ENSMM",
    )
    edges = {key: (u, v, data) for u, v, key, data in g.edges(keys=True, data=True)}
    u, v, partner = edges[ids["partner"]]
    assert (u, v) == ("org-ensmm", "org-ensam")
    assert partner == {
        "predicate": "partner_of",
        "kind": "agreement",
        "status": "done",
        "date": "2016-02-18",
        "confidence": 0.9,
        "sources": 2,
        "symmetric": True,
        "curation": "accepted",
    }
    assert edges[ids["role"]][2]["role"] == "directeur général"
    assert edges[ids["merged"]][0] == "org-ensmm"  # merged-away subject redirected


def test_graphml_filtered_neighbourhood_has_only_its_nodes(graph):
    store, ids = graph
    selection = select_for_export(store, FactFilter(entity="Laurent Champaney", depth=2))
    _, g = read_back(store, selection)
    assert set(g.nodes) == {"per-laurent-champaney", "org-ensam", "org-ensmm"}
    assert {k for _, _, k in g.edges(keys=True)} == {ids["role"], ids["partner"]}


def test_graphml_strips_characters_xml_forbids(graph):
    store, _ = graph
    with store.engine.begin() as connection:
        from sqlalchemy import update

        from maillage.store.schema import entities

        connection.execute(
            update(entities).where(entities.c.id == "org-utbm").values(name='UTBM\x0b <&> "x"')
        )
    _, g = read_back(store)
    assert g.nodes["org-utbm"]["name"] == 'UTBM <&> "x"'
