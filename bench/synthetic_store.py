"""Generate a synthetic maillage store of N facts for benchmarks (query latency, exports).

    python bench/synthetic_store.py /tmp/bench/graph.db            # 1,000,000 facts
    python bench/synthetic_store.py /tmp/bench/small.db --facts 20000 --seed 7
    python bench/synthetic_store.py postgresql+psycopg://root@127.0.0.1:5432/bench

The graph looks like the real one at scale: organizations, people and places with
French-looking names, acronyms and aliases; facts of every predicate whose endpoints are
drawn from a heavy-tailed (Zipf-like) popularity, so a few hubs have thousands of facts and
most entities have one or two; every fact has one to three pieces of evidence whose
sentences really sit at their offsets in generated documents, with mentions of both ends.
Some facts are planned, some curated (accepted, rejected, edited), some carry a date
conflict with alternatives, some entities are merged into others.

Rows are written with the DBAPI's executemany (SQLite, with journaling relaxed during the
load) or COPY (PostgreSQL), in chunks, after the schema was migrated by `Store.open`.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from maillage.resolve.names import normalize_name
from maillage.store import Store
from maillage.store.repository import date_precision

CHUNK = 20_000
PIPELINE = "synthetic+1"

HEADS = [
    "École nationale supérieure", "Institut", "Université", "École", "Institut national",
    "École supérieure", "Conservatoire", "Polytech", "Groupe", "Réseau", "Centre",
]
FIELDS = [
    "de mécanique", "d'ingénieurs", "de chimie", "des mines", "de génie civil",
    "d'informatique", "de commerce", "d'agronomie", "de physique", "des télécommunications",
    "d'architecture", "de biologie", "des arts et métiers", "de géologie", "du numérique",
]
CITIES = [
    "Nancy", "Metz", "Strasbourg", "Besançon", "Brest", "Rennes", "Lille", "Lyon", "Grenoble",
    "Toulouse", "Bordeaux", "Nantes", "Clermont-Ferrand", "Dijon", "Reims", "Troyes", "Caen",
    "Rouen", "Montpellier", "Marseille", "Nice", "Tours", "Orléans", "Poitiers", "Limoges",
    "Amiens", "Mulhouse", "Belfort", "Pau", "Angers",
]
FIRST = ["Marie", "Jean", "Claire", "Pierre", "Sophie", "Luc", "Hélène", "Éric", "Anne", "Paul",
         "Nathalie", "François", "Isabelle", "Olivier", "Céline", "Thierry", "Amélie", "Rémi"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Roux", "Fontaine"]
ORG_KINDS = ["school", "university", "network", "company", "public_body", "research_body",
             "business_school", "association", "group"]
ROLES = ["directeur", "directrice", "président", "présidente", "directeur général", "doyen"]
PARTNER_KINDS = ["agreement", "strategic_partnership", "double_degree", "joint_programme",
                 "joint_incubator", "joint_research", "joint_event", "alliance"]
# Predicate mix of a real corpus: partnerships and roles dominate.
PREDICATE_MIX = [
    ("partner_of", 0.42), ("holds_role", 0.2), ("located_in", 0.14), ("member_of", 0.1),
    ("part_of", 0.06), ("quantity", 0.05), ("replaced_by", 0.03),
]
SENTENCES = {
    "partner_of": "{s} et {o} ont signé une convention de partenariat.",
    "holds_role": "{s}, {role} de {o}, a présenté le projet.",
    "located_in": "{s} est implantée à {o}.",
    "member_of": "{s} rejoint le réseau {o}.",
    "part_of": "{s} est une composante de {o}.",
    "quantity": "{s} accueille {value} étudiants.",
    "replaced_by": "{s} devient {o} après la fusion.",
}
FILLER = "L'annonce a été faite lors d'une conférence de presse. "


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    kind: str | None
    name: str
    acronym: str | None
    city: str | None


@dataclass(slots=True)
class Plan:
    """What to generate; sizes derive from the number of facts."""

    facts: int
    seed: int = 1
    organizations: int = field(init=False)
    people: int = field(init=False)
    places: int = field(init=False)
    facts_per_document: int = 8

    def __post_init__(self) -> None:
        self.organizations = max(20, self.facts // 8)
        self.people = max(10, self.facts // 12)
        self.places = len(CITIES)


class Popularity:
    """Zipf-like sampler: the entity of rank r is drawn with weight 1 / (r + 10) ** alpha."""

    def __init__(self, ids: Sequence[str], alpha: float, rng: random.Random) -> None:
        self.ids = list(ids)
        rng.shuffle(self.ids)
        weights = [1.0 / (rank + 10) ** alpha for rank in range(len(self.ids))]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def draw(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        return self.ids[bisect.bisect_left(self.cumulative, point)]


def make_entities(plan: Plan, rng: random.Random) -> list[Entity]:
    found: list[Entity] = [Entity(f"place-{i:05d}", "place", "city", city, None, None)
                           for i, city in enumerate(CITIES)]
    for i in range(plan.organizations):
        head, subject, city = rng.choice(HEADS), rng.choice(FIELDS), rng.choice(CITIES)
        name = f"{head} {subject} de {city}" + (f" {i}" if i >= 500 else "")
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())[:6] + str(i % 97)
        found.append(Entity(f"org-{i:07d}", "organization", rng.choice(ORG_KINDS), name,
                            acronym, city))
    for i in range(plan.people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"
        found.append(Entity(f"person-{i:07d}", "person", None, name, None, None))
    return found


def entity_rows(entities: list[Entity], rng: random.Random) -> Iterator[dict[str, Any]]:
    organizations = [e.id for e in entities if e.type == "organization"]
    for entity in entities:
        merged = None
        if entity.type == "organization" and rng.random() < 0.002:
            merged = rng.choice(organizations)
            merged = None if merged == entity.id else merged
        yield {
            "id": entity.id, "type": entity.type, "kind": entity.kind, "name": entity.name,
            "acronym": entity.acronym, "city": entity.city, "gazetteer": None,
            "external_ids": "{}", "merged_into": merged,
        }


def alias_rows(entities: list[Entity], rng: random.Random) -> Iterator[dict[str, Any]]:
    for entity in entities:
        names = {entity.name, *([entity.acronym] if entity.acronym else [])}
        if entity.type == "organization" and rng.random() < 0.1:
            names.add(f"Ancienne {entity.name}")
        for name in sorted(names):
            yield {"entity_id": entity.id, "name": name, "normalized": normalize_name(name),
                   "valid_from": None, "valid_to": None}


def random_date(rng: random.Random) -> str | None:
    roll = rng.random()
    year = rng.randint(2005, 2026)
    if roll < 0.1:
        return None
    if roll < 0.35:
        return str(year)
    if roll < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class Generator:
    """Builds facts, evidence, documents and mentions, streaming rows in chunks."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.entities = make_entities(plan, self.rng)
        self.by_id = {e.id: e for e in self.entities}
        ids = lambda kind: [e.id for e in self.entities if e.type == kind]  # noqa: E731
        self.orgs = Popularity(ids("organization"), 1.05, self.rng)
        self.people = Popularity(ids("person"), 0.6, self.rng)
        self.places = Popularity(ids("place"), 0.8, self.rng)
        self.predicates = [p for p, _ in PREDICATE_MIX]
        self.weights = [w for _, w in PREDICATE_MIX]
        self.seen: set[tuple[str, str, str | None]] = set()

    def ends(self, predicate: str) -> tuple[str, str | None]:
        if predicate == "holds_role":
            return self.people.draw(), self.orgs.draw()
        if predicate == "located_in":
            return self.orgs.draw(), self.places.draw()
        if predicate == "quantity":
            return self.orgs.draw(), None
        return self.orgs.draw(), self.orgs.draw()

    def facts(self) -> Iterator[dict[str, Any]]:
        """One dict a fact, keys of the `facts` table plus the sentence that states it."""
        count = 0
        while count < self.plan.facts:
            predicate = self.rng.choices(self.predicates, self.weights)[0]
            subject, obj = self.ends(predicate)
            if subject == obj or (predicate, subject, obj) in self.seen:
                continue
            if predicate != "quantity":
                self.seen.add((predicate, subject, obj))
            yield self.fact(count, predicate, subject, obj)
            count += 1

    def fact(self, index: int, predicate: str, subject: str, obj: str | None) -> dict[str, Any]:
        rng = self.rng
        date = random_date(rng)
        value = float(rng.randint(100, 40_000)) if predicate == "quantity" else None
        role = rng.choice(ROLES) if predicate == "holds_role" else None
        conflict = predicate == "partner_of" and date is not None and rng.random() < 0.02
        row = {
            "id": f"f-{index:024x}", "predicate": predicate, "subject_id": subject,
            "object_id": obj, "value": value, "date": date,
            "date_precision": date_precision(date), "end_date": None,
            "status": "planned" if rng.random() < 0.15 else "done",
            "kind": rng.choice(PARTNER_KINDS) if predicate == "partner_of" else None,
            "qualifiers": json.dumps({"role": role} if role else {}),
            "confidence": round(rng.uniform(0.35, 0.99), 2),
            "conflict": conflict, "alternatives": "[]",
            "curation": rng.choices([None, "accepted", "rejected", "edited"], [94, 3, 2, 1])[0],
            "origin": "extracted", "history": "[]",
        }
        names = {"s": self.by_id[subject].name, "o": self.by_id[obj].name if obj else "",
                 "role": role or "", "value": int(value or 0)}
        row["_sentence"] = SENTENCES[predicate].format(**names)
        return row


def build(generator: Generator) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Rows grouped by table, in chunks, documents before the evidence that cites them."""
    rng = generator.rng
    facts_chunk: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    doc_index = 0
    for fact in generator.facts():
        batch.append(fact)
        if len(batch) == generator.plan.facts_per_document * 50:
            yield from _documents_for(batch, doc_index, generator)
            doc_index += 50
            facts_chunk.extend(batch)
            batch = []
        if len(facts_chunk) >= CHUNK:
            yield "facts", [_fact_row(f, rng) for f in facts_chunk]
            facts_chunk = []
    if batch:
        yield from _documents_for(batch, doc_index, generator)
        facts_chunk.extend(batch)
    if facts_chunk:
        yield "facts", [_fact_row(f, rng) for f in facts_chunk]


def _documents_for(
    batch: list[dict[str, Any]], first_index: int, generator: Generator
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Fifty documents, each telling a slice of `batch` (plus a few repeats as evidence)."""
    rng, size = generator.rng, generator.plan.facts_per_document
    docs, evidence, mentions = [], [], []
    now = datetime.now(UTC).isoformat()
    for offset in range(0, len(batch), size):
        doc_id = f"d-{first_index + offset // size:024x}"
        told = batch[offset:offset + size]
        told += [rng.choice(batch) for _ in range(rng.choice((0, 0, 1, 2, 3)))]
        text, spans = _compose(told)
        for fact, (start, end) in zip(told, spans, strict=True):
            evidence.append(_evidence_row(fact, doc_id, start, end))
            mentions.extend(_mention_rows(fact, doc_id, start, text, generator))
            fact.setdefault("_documents", []).append(doc_id)
        published = max((f["date"] or "2015") for f in told)[:10]
        docs.append({
            "id": doc_id, "source": f"synthetic/{doc_id}.txt", "position": "", "format": "text",
            "url": f"https://actu.example.org/{doc_id}", "title": told[0]["_sentence"][:80],
            "author": None, "published": published if len(published) == 10 else None,
            "language": "fr", "encoding": "utf-8", "text": text, "ingested_at": now,
            "pipeline_version": PIPELINE,
        })
    yield "documents", docs
    yield "evidence", evidence
    yield "mentions", mentions


def _compose(told: list[dict[str, Any]]) -> tuple[str, list[tuple[int, int]]]:
    parts, spans, position = [], [], 0
    for fact in told:
        sentence = fact["_sentence"] + " "
        spans.append((position, position + len(fact["_sentence"])))
        parts.extend([sentence, FILLER])
        position += len(sentence) + len(FILLER)
    return "".join(parts), spans


def _evidence_row(fact: dict[str, Any], doc_id: str, start: int, end: int) -> dict[str, Any]:
    return {"fact_id": fact["id"], "document_id": doc_id, "start": start, "end": end,
            "text": fact["_sentence"], "rule": f"synthetic.{fact['predicate']}",
            "pipeline_version": PIPELINE, "date": fact["date"], "status": fact["status"],
            "kind": fact["kind"], "confidence": fact["confidence"]}


def _mention_rows(
    fact: dict[str, Any], doc_id: str, start: int, text: str, generator: Generator
) -> Iterator[dict[str, Any]]:
    for entity_id in (fact["subject_id"], fact["object_id"]):
        if entity_id is None:
            continue
        name = generator.by_id[entity_id].name
        at = text.find(name, start)
        if at >= 0:
            yield {"entity_id": entity_id, "document_id": doc_id, "start": at,
                   "end": at + len(name), "text": name, "field": "text"}


def _fact_row(fact: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    documents = fact.get("_documents", [])
    if fact["conflict"]:
        other = random_date(rng) or "2010"
        fact["alternatives"] = json.dumps([
            {"date": fact["date"], "status": fact["status"], "documents": documents[:1]},
            {"date": other, "status": "done", "documents": documents[1:] or documents[:1]},
        ])
    return {k: v for k, v in fact.items() if not k.startswith("_")}


# -- writing --------------------------------------------------------------------------------
TABLE_COLUMNS = {
    "entities": ["id", "type", "kind", "name", "acronym", "city", "gazetteer", "external_ids",
                 "merged_into"],
    "aliases": ["entity_id", "name", "normalized", "valid_from", "valid_to"],
    "documents": ["id", "source", "position", "format", "url", "title", "author", "published",
                  "language", "encoding", "text", "ingested_at", "pipeline_version"],
    "facts": ["id", "predicate", "subject_id", "object_id", "value", "date", "date_precision",
              "end_date", "status", "kind", "qualifiers", "confidence", "conflict",
              "alternatives", "curation", "origin", "history"],
    "evidence": ["fact_id", "document_id", "start", "end", "text", "rule", "pipeline_version",
                 "date", "status", "kind", "confidence"],
    "mentions": ["entity_id", "document_id", "start", "end", "text", "field"],
}


class Writer:
    """Bulk writer over the raw DBAPI connection of a migrated store."""

    def __init__(self, store: Store) -> None:
        self.raw = store.engine.raw_connection()
        self.postgres = store.engine.dialect.name == "postgresql"
        self.counts: dict[str, int] = {}
        cursor = self.raw.cursor()
        if self.postgres:
            # Evidence and mentions reference rows of other chunks: check once, at commit.
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = TABLE_COLUMNS[table]
        values = [tuple(row[c] for c in columns) for row in rows]
        quoted = ", ".join(f'"{c}"' for c in columns)
        cursor = self.raw.cursor()
        if self.postgres:
            with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", values)
        cursor.close()
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def finish(self) -> None:
        cursor = self.raw.cursor()
        if self.postgres:
            cursor.execute("SET session_replication_role = DEFAULT")
        self.raw.commit()
        if self.postgres:
            # As autovacuum would soon do: statistics, and the visibility map that lets
            # PostgreSQL answer counts from an index alone.
            self.raw.driver_connection.autocommit = True
            for table in TABLE_COLUMNS:
                cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")
            self.raw.commit()
        cursor.close()
        self.raw.close()


def generate(url: str, facts: int = 1_000_000, seed: int = 1) -> dict[str, int]:
    """Fill the (empty) store at `url` with a synthetic graph; return row counts by table."""
    store = Store.open(url)
    if store.stats()["facts"]:
        raise SystemExit(f"{url} already holds facts; generate into an empty store.")
    generator = Generator(Plan(facts=facts, seed=seed))
    writer = Writer(store)
    writer.write("entities", list(entity_rows(generator.entities, generator.rng)))
    writer.write("aliases", list(alias_rows(generator.entities, generator.rng)))
    for table, rows in build(generator):
        writer.write(table, rows)
    writer.finish()
    store.close()
    return writer.counts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite file or database URL (must be empty)")
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.db, args.facts, args.seed)
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{n:,} {table}" for table, n in counts.items())
    print(f"{args.db}: {summary} in {seconds:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
