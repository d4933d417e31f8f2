"""Which facts, entities and documents an export holds for a FactFilter."""

from __future__ import annotations

import io
import json

import pytest

from maillage.errors import NotFoundError
from maillage.export.json import write_json
from maillage.export.selection import neighbourhood_fact_ids, resolve_entity, select_for_export
from maillage.filters import FactFilter


def exported(store, fact_filter=None, neighbourhood=None):
    out = io.StringIO()
    write_json(store, out, select_for_export(store, fact_filter, neighbourhood))
    return json.loads(out.getvalue())


def ids(items):
    return sorted(item["id"] for item in items)


def test_selection_everything_but_rejected_facts_and_merged_entities(graph):
    store, facts = graph
    export = exported(store)
    assert facts["rejected"] not in ids(export["facts"])
    assert len(export["facts"]) == 6 and len(export["documents"]) == 2
    assert "org-ensmm-old" not in ids(export["entities"])
    assert "org-utbm" in ids(export["entities"])


def test_selection_follows_merge_redirects_on_fact_ends(graph):
    store, facts = graph
    part = next(f for f in exported(store)["facts"] if f["id"] == facts["merged"])
    assert part["subject"] == "org-ensmm"


def test_selection_narrowed_by_predicate_keeps_only_the_entities_and_documents_involved(graph):
    store, facts = graph
    export = exported(store, FactFilter(predicates=["holds_role"]))
    assert ids(export["facts"]) == [facts["role"]]
    assert ids(export["entities"]) == ["org-ensam", "per-laurent-champaney"]
    assert [d["source"] for d in export["documents"]] == ["a.txt"]
    assert all(
        m["document"] == export["documents"][0]["id"]
        for e in export["entities"]
        for m in e["mentions"]
    )


def test_selection_neighbourhood_grows_with_depth(graph):
    store, facts = graph
    one = neighbourhood_fact_ids(store, FactFilter(entity="per-laurent-champaney", depth=1))
    two = neighbourhood_fact_ids(store, FactFilter(entity="per-laurent-champaney", depth=2))
    assert one == {facts["role"]}
    assert two == {facts["role"], facts["partner"]}
    three = neighbourhood_fact_ids(store, FactFilter(entity="per-laurent-champaney", depth=3))
    assert three == {facts[n] for n in ("role", "partner", "member", "located", "merged")}


def test_selection_neighbourhood_walks_only_facts_the_filter_keeps(graph):
    store, facts = graph
    walked = neighbourhood_fact_ids(
        store, FactFilter(entity="per-laurent-champaney", depth=3, curated_only=True)
    )
    assert walked == {facts[n] for n in ("role", "partner", "member", "located")}


def test_selection_entity_by_name_or_acronym_and_through_a_merge(graph):
    store, _ = graph
    assert resolve_entity(store, "ENSMM") == "org-ensmm"
    assert resolve_entity(store, "arts et metiers paristech") == "org-ensam"
    assert resolve_entity(store, "org-ensmm-old") == "org-ensmm"
    with pytest.raises(NotFoundError):
        resolve_entity(store, "Université imaginaire")


def test_selection_neighbourhood_helper_can_be_swapped(graph):
    store, facts = graph
    calls = []

    def from_query_layer(store_, fact_filter):
        calls.append(fact_filter.entity)
        return [facts["located"]]

    export = exported(store, FactFilter(entity="ENSMM"), from_query_layer)
    assert calls == ["org-ensmm"]
    assert ids(export["facts"]) == [facts["located"]]
    assert ids(export["entities"]) == ["org-ensmm", "place-besancon"]


def test_selection_date_range_and_confidence(graph):
    store, facts = graph
    export = exported(store, FactFilter(date_from="2016", date_to="2016", min_confidence=0.8))
    assert ids(export["facts"]) == [facts["partner"]]
