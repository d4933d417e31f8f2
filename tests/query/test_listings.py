"""The tables of facts, entities and documents, on SQLite and PostgreSQL (tests/graphs.py)."""

from __future__ import annotations

import pytest

from maillage import query
from maillage.errors import AmbiguousReference, NotFoundError, UsageError
from maillage.filters import EntityFilter, FactFilter
from tests import graphs


@pytest.fixture
def ids(store):
    return graphs.build(store)


def _counts(facet):
    return {f.value: f.count for f in facet}


def test_facts_table_lists_both_parties_with_facets_sources_and_sort(store, ids):
    table = query.facts_table(store, sort="-confidence")
    assert table.total == 5 and table.rows[0].id == ids["agreement"]
    agreement = table.rows[0]
    assert (agreement.subject.id, agreement.object.id) == ("org-ensmm", "org-utbm")
    assert agreement.sources == 2 and agreement.conflict and agreement.date_precision == "day"
    assert _counts(table.facets["predicate"]) == {"partner_of": 3, "holds_role": 1, "member_of": 1}
    assert _counts(table.facets["curation"]) == {"none": 5}
    member = next(r for r in table.rows if r.id == ids["member"])
    assert member.subject.id == "org-utbm"  # the merged-away subject is shown as its survivor


def test_facts_table_filters_facets_and_pages(store, ids):
    planned = query.facts_table(store, FactFilter(statuses=["planned"]))
    assert [r.id for r in planned.rows] == [ids["planned"]]
    assert _counts(planned.facets["kind"]) == {"double_degree": 1}
    page = query.facts_table(store, sort="confidence", limit=2, offset=2)
    assert page.total == 5 and len(page.rows) == 2 and page.offset == 2
    touching = query.facts_table(store, FactFilter(entity="org-utbm"))
    assert {r.id for r in touching.rows} == {ids["agreement"], ids["member"]}
    schools = query.facts_table(store, entity_filter=EntityFilter(kinds=["school"]))
    assert {r.id for r in schools.rows} == {ids["planned"], ids["hostile"]}
    with pytest.raises(UsageError):
        query.facts_table(store, sort="colour")


def test_facts_table_curation_filter_and_by_subject_name(store, ids):
    from maillage import curation

    curation.accept(store, ids["role"], author="test")
    accepted = query.facts_table(store, FactFilter(curations=["accepted"]))
    assert [r.id for r in accepted.rows] == [ids["role"]]
    undecided = query.facts_table(store, FactFilter(curations=["none"]))
    assert ids["role"] not in {r.id for r in undecided.rows} and undecided.total == 4
    by_subject = query.facts_table(store, sort="subject")
    names = [r.subject.name for r in by_subject.rows]
    assert names[0] == graphs.HOSTILE_NAME and names[1] == "Claire Martin"


def test_entities_table_degrees_facets_places_and_merges(store, ids):
    table = query.entities_table(store)
    assert table.rows[0].entity.id == "org-ensmm" and table.rows[0].degree == 4
    listed = {r.entity.id for r in table.rows}
    assert "org-utbm-old" not in listed and table.total == 6
    utbm = next(r for r in table.rows if r.entity.id == "org-utbm")
    assert utbm.degree == 2  # its own fact and the one of the entity merged into it
    assert _counts(table.facets["type"]) == {"organization": 5, "person": 1}
    busy = query.entities_table(store, EntityFilter(min_degree=2), sort="-degree")
    assert [r.entity.id for r in busy.rows] == ["org-ensmm", "org-utbm"]
    by_name = query.entities_table(store, sort="name")
    assert by_name.rows[0].degree >= 1  # degrees are counted for the page alone
    region = query.entities_table(store, EntityFilter(places=["Bourgogne-Franche-Comté"]))
    assert [r.entity.id for r in region.rows] == ["org-ensmm"]  # Besançon is in the region


def test_documents_table_counts_facts(store, ids):
    table = query.documents_table(store, sort="published")
    assert table.total == 2 and [r.document.id for r in table.rows] == [ids["first"], ids["second"]]
    assert [r.facts for r in table.rows] == [3, 3]


def test_document_prefix_is_not_a_like_pattern_and_ambiguity_is_its_own_error(store, ids):
    first, second = ids["first"], ids["second"]
    assert first[:4] != second[:4]
    assert query.document(store, first[:6])["id"] == first
    for pattern in (first[:4] + "%", first[:3] + "_", "%", "_"):
        with pytest.raises(NotFoundError):
            query.document(store, pattern)
    with pytest.raises(AmbiguousReference):
        query.document(store, "d-")


def test_suggestions_find_names_a_few_typos_away(store, ids):
    assert [e.id for e in query.suggest(store, "ENSMN")] == ["org-ensmm"]
    assert "org-ensam" in [e.id for e in query.suggest(store, "Arts et Metier")]
    assert query.suggest(store, "zzzzzzzz") == []
    with pytest.raises(NotFoundError, match=r"Did you mean.*org-utbm"):
        query.entity_page(store, "UTBN")


def test_entity_mentions_give_ids_and_context(store, ids):
    found = query.entity_mentions(store, "org-ensmm")
    assert found.total == 2 and all(m.text == "ENSMM" for m in found.mentions)
    assert all("ENSMM" in m.context and len(m.context) > len("ENSMM") for m in found.mentions)
