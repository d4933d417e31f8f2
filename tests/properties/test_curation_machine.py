"""A state machine of curation operations checked against an in-memory model of what the
user decided (issue 13): accept, reject, edit, add, merge, split, alias and rename,
interleaved with re-ingest, ingest of new articles and reprocess. After every step the
graph shows exactly what the user decided: a rejected fact is hidden, an edited value holds,
a merge stays merged, a name finds its entity.

The corpus is built so that the model stays simple and honest: every fact is a
`partner_of` with its own pair of entities and kind, so two facts never become one event
unless a merge makes them (merges that would are not generated), and entity names carry
distinct numbers, so automatic resolution never merges two of them.

CI runs a short search (MAILLAGE_MACHINE_EXAMPLES, default 8 runs of up to 12 steps);
docs/testing.md gives the long run.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import mkdtemp

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import select

from maillage import curation
from maillage.filters import FactFilter
from maillage.ingest import ingest
from maillage.reprocess import reprocess
from maillage.settings import Settings
from maillage.store import Store
from maillage.store.schema import documents, entities, facts, mentions
from tests.builders import Article, extractor_for, org, report, write

ENTITIES = 6
KINDS = ("agreement", "double_degree", "joint_research", "joint_programme")
EXAMPLES = int(os.environ.get("MAILLAGE_MACHINE_EXAMPLES", "8"))
STEPS = int(os.environ.get("MAILLAGE_MACHINE_STEPS", "12"))


def key(n: int) -> str:
    return f"org-e{n}"


@dataclass
class ModelFact:
    """What the user expects of one fact: where it is, and what they decided about it."""

    ends: list[str]  # entity ids the fact links now (after merges and splits)
    kind: str
    date: str | None
    status: str = "done"
    article: str | None = None  # the article whose mentions support it (None: added by hand)
    curation: str | None = None

    def visible(self) -> bool:
        return self.curation != "rejected"


@dataclass
class Model:
    facts: list[ModelFact] = field(default_factory=list)
    merged_into: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # entity → its display name
    other_names: dict[str, str] = field(default_factory=dict)  # alias → entity given
    splits: int = 0

    def final(self, entity: str) -> str:
        while entity in self.merged_into:
            entity = self.merged_into[entity]
        return entity

    def live(self) -> list[str]:
        return sorted(e for e in self.names if e not in self.merged_into)

    def linked(self, a: str, b: str) -> list[ModelFact]:
        return [f for f in self.facts if set(f.ends) == {a, b}]


class CurationMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(mkdtemp(prefix="maillage-machine-"))
        self.model = Model()
        self.articles: list[Article] = []
        self.serial = itertools.count(1)

    # -- set-up ------------------------------------------------------------------------
    @initialize(
        pairs=st.lists(
            st.tuples(
                st.integers(0, ENTITIES - 1), st.integers(0, ENTITIES - 1), st.sampled_from(KINDS)
            ),
            min_size=2,
            max_size=6,
        )
    )
    def ingest_corpus(self, pairs: list[tuple[int, int, str]]) -> None:
        seen: set[tuple[frozenset[int], str]] = set()
        for a, b, kind in pairs:
            if a != b and (frozenset((a, b)), kind) not in seen:
                seen.add((frozenset((a, b)), kind))
                self._new_article(key(a), key(b), kind)
        if not self.articles:
            self._new_article(key(0), key(1), "agreement")
        self.settings = Settings(db=f"sqlite:///{self.folder / 'graph.db'}")
        self.store = Store.open(self.settings.db)
        self.extractor = extractor_for(self.articles)
        self._ingest()

    def _new_article(self, a: str, b: str, kind: str) -> None:
        number = next(self.serial)
        names = {key(n): f"École {n * 11 + 11}" for n in range(ENTITIES)}
        ents = [org(x.removeprefix("org-"), names[x]) for x in (a, b)]
        date = f"20{10 + number % 10}-0{1 + number % 9}"
        fact = report("partner_of", a, b, kind=kind, date=date)
        self.articles.append(Article(f"article-{number}", "2024-01-15", ents, [fact]))
        for entity in (a, b):
            self.model.names.setdefault(entity, names[entity])
        self.model.facts.append(ModelFact([a, b], kind, date, article=f"article-{number}"))

    def _ingest(self) -> None:
        ingest(
            [str(write(self.articles, self.folder / "in"))],
            self.settings,
            self.store,
            extractor=self.extractor,
        )

    def teardown(self) -> None:
        if hasattr(self, "store"):
            self.store.close()

    # -- finding a model fact in the store ---------------------------------------------
    def _row(self, fact: ModelFact) -> dict:
        with self.store.engine.connect() as connection:
            rows = [
                dict(r._mapping)
                for r in connection.execute(
                    select(facts).where(
                        facts.c.predicate == "partner_of", facts.c.kind == fact.kind
                    )
                )
            ]
        found = [r for r in rows if {r["subject_id"], r["object_id"]} == set(fact.ends)]
        assert len(found) == 1, (fact, found)
        return found[0]

    def _target(self, data: st.DataObject, visible_only: bool = False) -> ModelFact:
        choices = [f for f in self.model.facts if f.visible() or not visible_only]
        return data.draw(st.sampled_from(choices))

    # -- fact decisions ------------------------------------------------------------------
    @rule(data=st.data())
    def accept(self, data: st.DataObject) -> None:
        fact = self._target(data)
        curation.accept(self.store, self._row(fact)["id"], author="ana")
        fact.curation = "accepted"

    @rule(data=st.data())
    def reject(self, data: st.DataObject) -> None:
        fact = self._target(data)
        curation.reject(self.store, self._row(fact)["id"], author="ana")
        fact.curation = "rejected"

    @rule(
        data=st.data(),
        date=st.sampled_from(["2019", "2020-05", "2021-02-03"]),
        status=st.sampled_from(["done", "planned"]),
    )
    def edit(self, data: st.DataObject, date: str, status: str) -> None:
        fact = self._target(data)
        curation.edit(
            self.store, self._row(fact)["id"], {"date": date, "status": status}, author="bob"
        )
        fact.date, fact.status = date, status
        if fact.curation != "rejected":
            fact.curation = "edited"

    @rule(data=st.data(), kind=st.sampled_from(KINDS))
    def add(self, data: st.DataObject, kind: str) -> None:
        a, b = data.draw(
            st.lists(st.sampled_from(self.model.live()), min_size=2, max_size=2, unique=True)
        )
        if any(f.kind == kind for f in self.model.linked(a, b)):
            return  # the same event again would be merged with the one there
        curation.add_fact(
            self.store,
            "partner_of",
            a,
            b,
            kind=kind,
            date="2022-06",
            source_url="https://example.org/communique",
            author="ana",
        )
        self.model.facts.append(ModelFact([a, b], kind, "2022-06", curation="accepted"))

    # -- entity decisions ------------------------------------------------------------------
    @precondition(lambda self: len(self.model.live()) > 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        keep, absorb = data.draw(
            st.lists(st.sampled_from(self.model.live()), min_size=2, max_size=2, unique=True)
        )
        if self._merge_joins_facts(keep, absorb):
            return
        curation.merge_entities(self.store, keep, absorb, author="ana")
        self.model.merged_into[absorb] = keep
        for fact in self.model.facts:
            fact.ends = [keep if e == absorb else e for e in fact.ends]

    def _merge_joins_facts(self, keep: str, absorb: str) -> bool:
        """Merges that would turn two facts into one event, or a fact into a loop."""

        def partners(entity: str) -> set[tuple[str, str]]:
            return {
                (next(e for e in f.ends if e != entity), f.kind)
                for f in self.model.facts
                if entity in f.ends
            }

        return bool(self.model.linked(keep, absorb)) or bool(partners(keep) & partners(absorb))

    @rule(data=st.data())
    def split(self, data: st.DataObject) -> None:
        fact = data.draw(st.sampled_from([f for f in self.model.facts if f.article]))
        entity = data.draw(st.sampled_from(fact.ends))
        others = [f for f in self.model.facts if entity in f.ends and f is not fact]
        if not others or self.model.merged_into:
            return  # a split that empties an entity, or of merged mentions: not modelled
        with self.store.engine.connect() as connection:
            documents_of_fact = select(documents.c.id).where(
                documents.c.source.like(f"%{fact.article}.txt")
            )
            ids = list(
                connection.scalars(
                    select(mentions.c.id).where(
                        mentions.c.entity_id == entity,
                        mentions.c.document_id.in_(documents_of_fact),
                    )
                )
            )
        if not ids:
            return
        self.model.splits += 1
        name = f"École {900 + self.model.splits}"
        decision = curation.split_entity(self.store, entity, ids, name, author="ana")
        new = decision.payload["new"]
        self.model.names[new] = name
        fact.ends = [new if e == entity else e for e in fact.ends]
        # the moved mentions' text is now a name of both: no longer one entity's
        self.model.other_names = {
            n: e
            for n, e in self.model.other_names.items()
            if not (e == entity and n.startswith("École"))
        }

    @rule(data=st.data())
    def alias(self, data: st.DataObject) -> None:
        entity = data.draw(st.sampled_from(self.model.live()))
        name = f"Surnom {next(self.serial) * 7 + 1000}"
        curation.add_alias(self.store, entity, name, author="ana")
        self.model.other_names[name] = entity

    @rule(data=st.data())
    def rename(self, data: st.DataObject) -> None:
        entity = data.draw(st.sampled_from(self.model.live()))
        name = f"Institut {next(self.serial) * 7 + 5000}"
        curation.rename(self.store, entity, name, author="ana")
        if not self.model.splits:  # a split gives the old name to two entities
            self.model.other_names[self.model.names[entity]] = entity  # the old name stays
        self.model.names[entity] = name

    # -- the pipeline around the decisions -------------------------------------------------
    @rule()
    def reingest(self) -> None:
        self._ingest()

    @rule(data=st.data(), kind=st.sampled_from(KINDS))
    def ingest_a_new_article(self, data: st.DataObject, kind: str) -> None:
        a, b = data.draw(
            st.lists(
                st.sampled_from([key(n) for n in range(ENTITIES)]),
                min_size=2,
                max_size=2,
                unique=True,
            )
        )
        ends = {self.model.final(a), self.model.final(b)}
        if len(ends) < 2 or any(f.kind == kind for f in self.model.linked(*ends)):
            return
        self._new_article(a, b, kind)
        self.model.facts[-1].ends = sorted(ends)
        self._ingest()

    @rule()
    def reprocess_everything(self) -> None:
        reprocess(self.settings, self.store, extractor=self.extractor)

    # -- what the user sees ------------------------------------------------------------------
    @invariant()
    def facts_are_as_decided(self) -> None:
        if not hasattr(self, "store"):
            return
        with self.store.engine.connect() as connection:
            visible = {
                r.id for r in connection.execute(select(facts.c.id).where(FactFilter().where()))
            }
        for fact in self.model.facts:
            row = self._row(fact)
            assert (row["id"] in visible) == fact.visible(), (fact, row)
            assert row["curation"] == fact.curation, (fact, row["curation"])
            assert (row["date"], row["status"]) == (fact.date, fact.status), (fact, row)

    @invariant()
    def entities_are_as_decided(self) -> None:
        if not hasattr(self, "store"):
            return
        with self.store.engine.connect() as connection:
            rows = {r.id: r for r in connection.execute(select(entities))}
            for entity, name in self.model.names.items():
                final = self.model.final(entity)
                assert curation._final(connection, entity) == final
                if final == entity:
                    assert rows[entity].name == name
            for name, entity in self.model.other_names.items():
                assert curation._entity(connection, name)["id"] == self.model.final(entity), name


TestCurationMachine = CurationMachine.TestCase
TestCurationMachine.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    derandomize=True,  # CI runs the same search every time; docs/testing.md gives random long runs
    suppress_health_check=list(HealthCheck),
)
