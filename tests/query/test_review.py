"""The review queue: weakest first, progress, both parties of each sentence marked."""

from __future__ import annotations

from datetime import date

import pytest

from maillage import curation, query
from maillage.filters import FactFilter
from tests import graphs


@pytest.fixture
def ids(store):
    return graphs.build(store)


def _order(queue):
    return [item.fact.id for item in queue.items]


def test_review_queue_puts_conflicts_then_overdue_then_single_sources_weakest_first(store, ids):
    queue = query.review_queue(store, today=date(2026, 12, 1))
    assert _order(queue) == [
        ids["agreement"],  # sources disagree
        ids["planned"],  # planned for 2020, which is over
        ids["hostile"],  # single sources, lowest confidence first: 0.5, 0.7, 0.8
        ids["member"],
        ids["role"],
    ]
    assert queue.items[0].reasons == ["conflict"]
    assert queue.items[1].reasons == ["overdue", "single_source"]
    assert (queue.remaining, queue.reviewed) == (5, 0)


def test_review_queue_a_planned_fact_not_yet_due_is_only_single_source(store, ids):
    queue = query.review_queue(store, today=date(2019, 6, 1))
    assert _order(queue)[1:] == [ids["hostile"], ids["planned"], ids["member"], ids["role"]]
    assert "overdue" not in queue.items[2].reasons


def test_review_queue_pages_and_decisions_move_progress(store, ids):
    today = date(2026, 12, 1)
    assert _order(query.review_queue(store, limit=2, offset=2, today=today)) == [
        ids["hostile"],
        ids["member"],
    ]
    curation.accept(store, ids["agreement"], author="test")
    curation.reject(store, ids["hostile"], author="test")
    queue = query.review_queue(store, today=today)
    assert _order(queue) == [ids["planned"], ids["member"], ids["role"]]
    assert (queue.remaining, queue.reviewed) == (3, 2)
    only = query.review_queue(store, FactFilter(predicates=["holds_role"]), today=today)
    assert _order(only) == [ids["role"]]


def test_review_quotes_mark_both_parties(store, ids):
    queue = query.review_queue(store, today=date(2026, 12, 1))
    first, recalled = queue.items[0].quotes
    assert [(p.text, p.party) for p in first if p.party] == [
        ("ENSMM", "subject"),
        ("UTBM", "object"),
    ]
    assert "".join(p.text for p in first) == queue.items[0].fact.evidence[0].text
    # The UTBM has no mention in the second article: its name is found in the sentence.
    assert ("UTBM", "object") in [(p.text, p.party) for p in recalled]
