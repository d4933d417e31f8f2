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
        "label": "partenaire de",
        "start": "2016-02-18",
        "sentence": "Le 18 février 2016, l'ENSMM et Arts et Métiers ont signé une convention.",
        "url": "https://www.ecole-exemple.fr/actualites/convention",
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


def test_graphml_edges_carry_label_strongest_evidence_and_gephi_times(graph):
    store, ids = graph
    _, g = read_back(store)
    edges = {key: data for _, _, key, data in g.edges(keys=True, data=True)}
    partner = edges[ids["partner"]]
    assert partner["label"] == "partenaire de"
    assert partner["start"] == "2016-02-18" and "end" not in partner
    assert partner["sentence"].startswith("Le 18 février 2016") or "ENSMM" in partner["sentence"]
    assert (
        partner["url"] in ("https://www.ecole-exemple.fr/actualites/convention", None)
        or partner["url"]
    )
    member = edges[ids["member"]]
    assert member["start"] == "2016-01-01" and member["label"] == "membre de"


def test_graphml_full_dates_cover_the_whole_period():
    from maillage.export.graphml import full_date

    assert full_date("2016", first=True) == "2016-01-01"
    assert full_date("2016", first=False) == "2016-12-31"
    assert full_date("2024-02", first=False) == "2024-02-29"
    assert full_date("2016-02-18", first=False) == "2016-02-18"
    assert full_date(None, first=True) is None


def test_graphml_can_drop_isolated_nodes(graph):
    store, _ids = graph
    selection = select_for_export(store, FactFilter(predicates=["quantity", "partner_of"]))
    out = io.StringIO()
    counts = write_graphml(store, out, selection, drop_isolated=True)
    g = nx.read_graphml(io.StringIO(out.getvalue()), force_multigraph=True)
    # The UTBM has only a figure (no edge): dropped; ENSMM and Arts et Métiers stay.
    assert set(g.nodes) == {"org-ensmm", "org-ensam"} and counts["nodes"] == 2
    kept = io.StringIO()
    write_graphml(store, kept, selection)
    assert "org-utbm" in kept.getvalue()
