"""The read models on SQLite and PostgreSQL, over the small graph of tests/graphs.py."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from maillage import query
from maillage.errors import NotFoundError, UsageError
from maillage.filters import FactFilter
from maillage.store.schema import facts
from tests import graphs


@pytest.fixture
def ids(store):
    return graphs.build(store)


def _names(hits):
    return [h.entity.name for h in hits]


def test_query_search_ignores_case_accents_and_finds_acronyms_aliases_prefixes(store, ids):
    assert _names(query.search(store, "ensmm"))[0].startswith("École nationale supérieure de méca")
    assert query.search(store, "ENSMM")[0].match == "exact"
    assert _names(query.search(store, "ecole nationale sup"))[0].startswith("École nationale")
    assert query.search(store, "arts et metiers paristech")[0].entity.id == "org-ensam"
    word = query.search(store, "belfort")
    assert word[0].entity.id == "org-utbm" and word[0].match == "word"
    assert query.search(store, "   ") == []


def test_query_search_follows_merges_and_ranks_exact_first(store, ids):
    hits = query.search(store, "utbm")
    assert [h.entity.id for h in hits] == ["org-utbm"]  # "UTBM Sévenans" was merged into it
    assert hits[0].facts >= 1


def test_query_search_finds_an_alias_added_after_the_index_was_built(store, ids):
    from maillage.store.schema import aliases

    with store.engine.begin() as connection:
        connection.execute(
            aliases.insert().values(
                entity_id="org-ensam", name="ENSAM Cluny", normalized="ensam cluny"
            )
        )
    assert query.search(store, "cluny")[0].entity.id == "org-ensam"


def test_query_entity_page_groups_facts_with_evidence_roles_and_documents(store, ids):
    page = query.entity_page(store, "ENSMM")
    assert page.entity.id == "org-ensmm" and page.city == "Besançon"
    labels = {(g.predicate, g.direction): g.total for g in page.groups}
    assert labels == {("partner_of", "both"): 3, ("holds_role", "in"): 1}
    partners = next(g for g in page.groups if g.predicate == "partner_of")
    agreement = next(f for f in partners.facts if f.id == ids["agreement"])
    assert agreement.evidence_count == 2
    assert "10 juillet 2018" in agreement.evidence[0].text
    assert agreement.evidence[0].document.url == "https://actu.example.org/ensmm-utbm"
    assert [r.person.name for r in page.roles] == ["Claire Martin"]
    assert page.roles[0].role == "directrice"
    assert {d.id for d in page.documents} == {ids["first"], ids["second"]}


def test_query_conflicting_fact_shows_its_alternatives_with_their_documents(store, ids):
    agreement = query.fact(store, ids["agreement"])
    assert agreement.conflict
    dates = {a.values["date"]: [d.id for d in a.documents] for a in agreement.alternatives}
    assert dates == {"2018-07-10": [ids["first"]], "2017": [ids["second"]]}
    assert agreement.alternatives[1].documents[0].title == "Le Réseau Figure grandit"


def test_query_merged_entity_redirects_to_the_kept_one_with_its_facts(store, ids):
    page = query.entity_page(store, "org-utbm-old")
    assert page.entity.id == "org-utbm" and page.redirected_from == "org-utbm-old"
    assert "org-utbm-old" in page.merged
    member = next(g for g in page.groups if g.predicate == "member_of")
    assert member.facts[0].subject.id == "org-utbm"  # shown through the redirect


def test_query_rejected_facts_are_hidden_everywhere(store, ids):
    with store.engine.begin() as connection:
        connection.execute(
            update(facts).where(facts.c.id == ids["planned"]).values(curation="rejected")
        )
    page = query.entity_page(store, "org-ensmm")
    shown = {f.id for g in page.groups for f in g.facts}
    assert ids["planned"] not in shown and ids["agreement"] in shown
    around = query.neighbourhood(store, FactFilter(entity="org-ensmm"))
    assert ids["planned"] not in {e.id for e in around.edges}
    assert query.fact(store, ids["planned"]).curation == "rejected"  # still readable by id


def test_query_neighbourhood_depth_and_filters(store, ids):
    one = query.neighbourhood(store, FactFilter(entity="org-ensmm", depth=1))
    assert {n.id for n in one.nodes} == {
        "org-ensmm",
        "org-utbm",
        "org-ensam",
        "per-claire-martin",
        "org-hostile",
    }
    two = query.neighbourhood(store, FactFilter(entity="org-ensmm", depth=2))
    assert "org-reseau-figure" in {n.id for n in two.nodes}
    assert {n.id: n.depth for n in two.nodes}["org-reseau-figure"] == 2
    done = query.neighbourhood(store, FactFilter(entity="org-ensmm", statuses=["done"]))
    assert ids["planned"] not in {e.id for e in done.edges}
    dated = query.neighbourhood(
        store, FactFilter(entity="org-ensmm", date_from="2018", date_to="2018")
    )
    assert {e.id for e in dated.edges} == {ids["agreement"]}
    confident = query.neighbourhood(store, FactFilter(entity="org-ensmm", min_confidence=0.85))
    assert {e.id for e in confident.edges} == {ids["agreement"]}
    kinds = query.neighbourhood(store, FactFilter(entity="org-ensmm", kinds=["double_degree"]))
    assert [e.status for e in kinds.edges] == ["planned"]
    roles = query.neighbourhood(store, FactFilter(entity="org-ensmm", predicates=["holds_role"]))
    assert [e.predicate for e in roles.edges] == ["holds_role"]
    assert query.neighbourhood(store, FactFilter(entity="org-ensmm", curated_only=True)).edges == []


def test_query_neighbourhood_is_bounded_and_says_so(store, ids):
    capped = query.neighbourhood(store, FactFilter(entity="org-ensmm", depth=2), max_edges=2)
    assert len(capped.edges) == 2 and capped.truncated
    strongest = [e.confidence for e in capped.edges]
    assert strongest == sorted(strongest, reverse=True) and strongest[0] == 0.9


def test_query_timeline_orders_dated_events_with_precision(store, ids):
    found = query.timeline(store, "org-ensmm")
    assert [(e.date, e.date_precision) for e in found.events] == [
        ("2018-07-10", "day"),
        ("2020", "year"),
    ]
    assert found.total == 2 and found.undated == 2


def test_query_statistics(store, ids):
    stats = query.statistics(store)
    assert stats.counts["facts"] == 5
    assert stats.most_connected[0].entity.id == "org-ensmm"
    assert stats.most_connected[0].facts == 4
    assert ("2018", "agreement", 1) in [(y.year, y.kind, y.count) for y in stats.events_by_year]
    assert stats.newest[0].date == "2020"


def test_query_document_view_marks_mentions_and_evidence(store, ids):
    view = query.document_view(store, ids["first"])
    assert "".join(s.text for s in view.segments) == view.text
    mentioned = {s.text: s.entity for s in view.segments if s.entity}
    assert mentioned["Claire Martin"] == "per-claire-martin"
    proven = [s for s in view.segments if ids["agreement"] in s.facts]
    assert "".join(s.text for s in proven).startswith("L'ENSMM et l'UTBM ont signé")
    assert {f.id for f in view.facts} == {ids["agreement"], ids["role"], ids["planned"]}


def test_query_segments_cut_overlapping_spans():
    pieces = query.segments("abcdef", [("e1", 1, 3)], [("f1", 2, 5)])
    assert [(p.text, p.entity, p.facts) for p in pieces] == [
        ("a", None, []),
        ("b", "e1", []),
        ("c", "e1", ["f1"]),
        ("de", None, ["f1"]),
        ("f", None, []),
    ]


def test_query_unknown_or_ambiguous_references_raise_usage_errors(store, ids):
    with pytest.raises(NotFoundError):
        query.entity_page(store, "no such school")
    with pytest.raises(NotFoundError):
        query.fact(store, "f-nope")
    with pytest.raises(UsageError):
        query.neighbourhood(store, FactFilter())
    with pytest.raises(UsageError):
        query.entity_facts(store, "org-ensmm", "likes")


def test_query_entity_facts_pages_newest_first(store, ids):
    first = query.entity_facts(store, "org-ensmm", "partner_of", limit=1)
    second = query.entity_facts(store, "org-ensmm", "partner_of", limit=1, offset=1)
    third = query.entity_facts(store, "org-ensmm", "partner_of", limit=1, offset=2)
    assert [first[0].date, second[0].date, third[0].date] == ["2020", "2018-07-10", None]
