"""The whole network and its communities (tests/graphs.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from maillage import query
from maillage.filters import EntityFilter, FactFilter
from maillage.query import NetworkRequest
from tests import graphs


@pytest.fixture
def ids(store):
    return graphs.build(store)


def test_network_draws_every_fact_between_two_entities_with_degrees_and_years(store, ids):
    found = query.network(store)
    assert {e.id for e in found.edges} == {
        ids[k] for k in ("agreement", "role", "planned", "member", "hostile")
    }
    nodes = {n.id: n for n in found.nodes}
    assert "org-utbm-old" not in nodes  # its fact is drawn on the entity it was merged into
    assert nodes["org-ensmm"].degree == 4 and nodes["org-ensmm"].places == ["Besançon"]
    directed = {e.predicate: e.directed for e in found.edges}
    assert directed == {"partner_of": False, "holds_role": True, "member_of": True}
    assert found.years == [2018, 2020] and not found.truncated and found.total == 5


def test_network_filters_entity_kinds_facts_and_budget(store, ids):
    schools = query.network(store, NetworkRequest(entities=EntityFilter(kinds=["school"])))
    assert {e.id for e in schools.edges} == {ids["planned"], ids["hostile"]}
    planned = query.network(store, NetworkRequest(facts=FactFilter(statuses=["planned"])))
    assert [e.id for e in planned.edges] == [ids["planned"]]
    strongest = query.network(store, NetworkRequest(max_edges=2))
    assert [e.id for e in strongest.edges] == [ids["agreement"], ids["role"]]
    assert strongest.truncated and strongest.total == 5


def test_network_places_are_an_attribute_unless_asked_for(store, ids):
    from maillage.models import Entity
    from maillage.store.schema import entities, facts

    with store.engine.begin() as connection:
        connection.execute(
            entities.insert().values(
                id="place-besancon", type="place", kind="city", name="Besançon", external_ids={}
            )
        )
        connection.execute(
            facts.insert().values(
                id="f-located",
                predicate="located_in",
                subject_id="org-ensam",
                object_id="place-besancon",
                status="done",
                confidence=0.7,
                qualifiers={},
                conflict=False,
                alternatives=[],
                origin="extracted",
                history=[],
            )
        )
    assert Entity  # the place is a plain entity row
    hidden = query.network(store)
    assert "place-besancon" not in {n.id for n in hidden.nodes}
    assert next(n for n in hidden.nodes if n.id == "org-ensam").places == ["Besançon"]
    shown = query.network(store, NetworkRequest(places=True))
    assert "place-besancon" in {n.id for n in shown.nodes}


def test_network_communities_cover_every_node(store, ids):
    found = query.communities(store)
    nodes = {n.id for n in query.network(store).nodes}
    assert set(found.membership) == nodes and found.method == "louvain"
    assert sum(c.size for c in found.communities) == len(nodes)
    assert found.communities[0].size >= found.communities[-1].size
