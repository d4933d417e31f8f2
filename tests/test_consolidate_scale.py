"""Consolidation's event splitting checks a report against an event in constant time; it
must decide exactly as checking it against every report of the event does."""

from __future__ import annotations

import random

import pytest

from maillage.consolidate import GENERIC_EVENT_KINDS, Event, Report, dates_compatible, split_events

KINDS = [None, "agreement", "double_degree", "alliance", "merger"]
DATES = [None, "2020", "2020-03", "2020-03-02", "2020-03-09", "2020-03-20", "2021-01", "bad"]


def _naive_accepts(event: Event, report: Report) -> bool:
    kinds = {r.kind for r in event.reports} - GENERIC_EVENT_KINDS
    if report.kind not in GENERIC_EVENT_KINDS and kinds and report.kind not in kinds:
        return False
    return all(dates_compatible(r, report) for r in event.reports)


def _report(rng: random.Random, n: int) -> Report:
    return Report(
        "partner_of",
        "org-a",
        "org-b",
        f"d{n}",
        kind=rng.choice(KINDS),
        date=rng.choice(DATES),
        status=rng.choice(["done", "done", "planned"]),
    )


@pytest.mark.parametrize("seed", range(30))
def test_consolidate_event_accepts_as_the_report_by_report_check(seed):
    rng = random.Random(seed)
    events = [Event([_report(rng, i) for i in range(rng.randint(1, 6))]) for _ in range(5)]
    for n in range(40):
        candidate = _report(rng, 100 + n)
        for event in events:
            assert event.accepts(candidate) == _naive_accepts(event, candidate)
        rng.choice(events).add(candidate)
        assert all(e.documents == {r.document for r in e.reports} for e in events)


def test_consolidate_split_events_stays_fast_for_a_pair_reported_thousands_of_times():
    import time

    rng = random.Random(1)
    reports = [_report(rng, n) for n in range(4000)]
    started = time.perf_counter()
    events = split_events(reports)
    assert time.perf_counter() - started < 5.0
    assert sum(len(e.reports) for e in events) == 4000
