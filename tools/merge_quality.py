#!/usr/bin/env python3
"""Pairwise precision / recall of entity and event merging on the events fixture.

Usage: .venv/bin/python tools/merge_quality.py [--db URL]

Without --db, ingests tests/fixtures/events/*.txt into a temporary SQLite store (real
extraction, then consolidation). Then:

* entities: every mention whose text is a gold name of exactly one gold entity is
  labelled with it; two labelled mentions are a true pair when they share both the
  system entity and the gold entity;
* events: every partner_of report (an evidence row) whose two participants and document
  match exactly one gold event is labelled with it; pairs of reports are compared the
  same way, for the consolidated facts and for the baseline of per-kind fact keys
  (what the store did before consolidation).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Hashable
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from maillage.consolidate import final_target
from maillage.ingest import ingest
from maillage.resolve.names import normalize_name
from maillage.settings import Settings
from maillage.store import Store
from maillage.store.schema import documents, entities, evidence, facts, mentions

EVENTS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "events"


def pairwise(items: list[tuple[Hashable, Hashable]]) -> tuple[float, float, int]:
    """(precision, recall, labelled items) of a clustering (system, gold) per item."""
    tp = fp = fn = 0
    for (s1, g1), (s2, g2) in combinations(items, 2):
        same_system, same_gold = s1 == s2, g1 == g2
        tp += same_system and same_gold
        fp += same_system and not same_gold
        fn += same_gold and not same_system
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, len(items)


def gold_names(expected: dict) -> dict[str, str]:
    owners: dict[str, set[str]] = {}
    for entity in expected["entities"]:
        for name in entity["names"]:
            owners.setdefault(normalize_name(name), set()).add(entity["key"])
    return {name: keys.pop() for name, keys in owners.items() if len(keys) == 1}


def entity_items(store: Store, names: dict[str, str]) -> list[tuple[Hashable, Hashable]]:
    with store.engine.connect() as connection:
        redirects = dict(
            connection.execute(
                select(entities.c.id, entities.c.merged_into).where(
                    entities.c.merged_into.is_not(None)
                )
            ).all()
        )
        rows = connection.execute(select(mentions.c.entity_id, mentions.c.text)).all()
    return [
        (final_target(redirects, entity), names[normalize_name(text)])
        for entity, text in rows
        if normalize_name(text) in names
    ]


def event_items(store: Store, expected: dict, gold_of: dict[str, str]) -> dict[str, list]:
    with store.engine.connect() as connection:
        source = dict(connection.execute(select(documents.c.id, documents.c.source)).all())
        rows = connection.execute(
            select(
                facts.c.id,
                facts.c.subject_id,
                facts.c.object_id,
                evidence.c.kind,
                evidence.c.document_id,
            )
            .join(evidence, evidence.c.fact_id == facts.c.id)
            .where(facts.c.predicate == "partner_of")
        ).all()
        names = dict(connection.execute(select(entities.c.id, entities.c.name)).all())
    label = {entity: gold_of.get(normalize_name(name)) for entity, name in names.items()}
    consolidated, baseline = [], []
    for fact_id, subject, obj, kind, document in rows:
        pair = {label.get(subject), label.get(obj)}
        doc = Path(source[document]).name
        gold = [
            e["id"]
            for e in expected["events"]
            if {e["subject"], e["object"]} == pair and doc in e["documents"]
        ]
        if len(gold) == 1:
            consolidated.append((fact_id, gold[0]))
            baseline.append(((frozenset((subject, obj)), kind), gold[0]))
    return {"consolidated": consolidated, "baseline (fact key per kind)": baseline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store already holding the events fixture")
    args = parser.parse_args()
    expected = json.loads((EVENTS / "expected.json").read_text(encoding="utf-8"))
    db = args.db or f"sqlite:///{tempfile.mkdtemp()}/events.db"
    store = Store.open(db)
    if not args.db:
        ingest(sorted(str(p) for p in EVENTS.glob("*.txt")), Settings(db=db), store)
    names = gold_names(expected)
    p, r, n = pairwise(entity_items(store, names))
    print(f"entities: pairwise precision {p:.3f} recall {r:.3f} over {n} labelled mentions")
    for label, items in event_items(store, expected, names).items():
        p, r, n = pairwise(items)
        print(f"events, {label}: pairwise precision {p:.3f} recall {r:.3f} over {n} reports")


if __name__ == "__main__":
    main()
