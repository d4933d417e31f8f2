"""Synthetic but realistic press articles about French higher education, for scale
benchmarks: institution names, acronyms and cities from maillage's gazetteer, a dozen
sentence templates (agreements, mergers, memberships, appointments, quantities), varied
lengths, filler paragraphs, and noise (typos in case, stray furniture lines, doubled spaces).

    python bench/synthetic_articles.py OUT.jsonl --articles 100000 [--seed 1]

Each article also comes with what it states (`Synthetic.record`): a stand-in for the
extractor when a benchmark measures the store and consolidation without the NLP model.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from maillage.models import Document, Entity, Evidence, ExtractionRecord, Fact, Mention, RawDocument

GAZETTEER = Path(__file__).resolve().parent.parent / "src/maillage/resources/gazetteer.jsonl"
PEOPLE = [
    "Claire Martin",
    "Jean Dupont",
    "Sophie Bernard",
    "Luc Moreau",
    "Anne Lefèvre",
    "Marc Girard",
    "Julie Roux",
    "Paul Fournier",
    "Nadia Benali",
    "Hugo Lambert",
    "Inès Garnier",
    "Thomas Chevalier",
    "Camille Faure",
    "Karim Haddad",
    "Léa Rousseau",
]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# (template, predicate, kind): {a} and {b} are institutions, {p} a person, {d} a date
TEMPLATES = [
    ("{A} et {B} ont signé le {d} une convention de partenariat.", "partner_of", "agreement"),
    ("Le {d}, {A} a conclu un accord-cadre avec {B}.", "partner_of", "agreement"),
    ("{A} et {B} lancent un double diplôme à la rentrée.", "partner_of", "double_degree"),
    ("{A} pourrait s'allier avec {B} d'ici {y}.", "partner_of", "alliance"),
    (
        "{A} et {B} ont fusionné le {d} pour donner naissance à une nouvelle école.",
        "replaced_by",
        "merger",
    ),
    ("{A} a rejoint {B} le {d}.", "member_of", None),
    ("{A} fait désormais partie de {B}.", "part_of", None),
    ("{p} a été nommé directeur général de {A} le {d}.", "holds_role", "appointment"),
    ("Selon {p}, présidente de {A}, le projet avance.", "holds_role", None),
    ("{A} accueille aujourd'hui {n} étudiants.", "quantity", None),
]
FILLER = [
    "Les deux établissements partagent déjà plusieurs laboratoires communs.",
    "Cette annonce intervient dans un contexte de forte concurrence internationale.",
    "Les étudiants pourront suivre une partie de leur cursus sur l'autre campus.",
    "Le financement repose en partie sur la région et sur des entreprises partenaires.",
    "Une première promotion est attendue dans les deux prochaines années.",
    "Les modalités pratiques seront précisées lors d'une réunion en fin d'année.",
]
FURNITURE = ["Partager", "Lire aussi", "Publicité", "Commentaires (0)"]


@dataclass(slots=True)
class Statement:
    predicate: str
    kind: str | None
    subject: str
    object: str | None
    sentence: str


@dataclass(slots=True)
class Synthetic:
    text: str
    title: str
    url: str
    published: str
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (type, name)
    statements: list[Statement] = field(default_factory=list)

    def raw(self) -> RawDocument:
        return RawDocument(
            text=self.text,
            source=self.url,
            url=self.url,
            title=self.title,
            published=self.published,
        )

    def record(self, doc: Document | None = None) -> ExtractionRecord:
        """What an extractor would find in `doc` (this article as read back by maillage's
        readers, whose cleaning may move offsets), built from what the generator wrote."""
        doc = doc or Document.from_raw(self.raw())
        entities = [Entity(k, t, n) for k, (t, n) in self.entities.items()]
        mentions = [
            Mention(e.key, doc.id, at, at + len(e.name), e.name)
            for e in entities
            if (at := doc.text.find(e.name)) >= 0
        ]
        facts = []
        for s in self.statements:
            start = max(doc.text.find(s.sentence), 0)
            proof = Evidence(
                doc.id, start, start + len(s.sentence), s.sentence, "synthetic", "bench"
            )
            value = float(len(s.sentence)) if s.predicate == "quantity" else None
            facts.append(
                Fact(
                    s.predicate,
                    s.subject,
                    s.object,
                    value=value,
                    kind=s.kind,
                    date=self.published[:7],
                    evidence=[proof],
                )
            )
        return ExtractionRecord(doc, entities, mentions, facts, "bench")


@functools.cache
def institutions() -> list[dict]:
    rows = [json.loads(line) for line in GAZETTEER.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("name")]


def articles(count: int, seed: int = 1, first: int = 0) -> Iterator[Synthetic]:
    """Articles `first` .. `first + count - 1`; each depends only on its number and the seed,
    so a stand-in extractor can rebuild article n from its URL."""
    names = institutions()
    weights = [1 / (i + 1) ** 0.8 for i in range(len(names))]  # a few institutions are hubs
    for n in range(first, first + count):
        yield _article(n, random.Random(seed * 1_000_003 + n), names, weights)


def article_number(url: str) -> int:
    return int(url.rsplit("/", 1)[1])


def _article(n: int, rng: random.Random, names: list[dict], weights: list[float]) -> Synthetic:
    year = rng.randint(2012, 2025)
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    article = Synthetic("", "", f"https://presse.example.org/{year}/{n:08d}", published)
    sentences = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        a, b = rng.choices(names, weights, k=2)
        if a is b:
            continue
        sentences.append(_statement(article, rng, a, b, year))
    body = sentences + rng.sample(FILLER, rng.randint(1, 5))
    rng.shuffle(body)
    text = " ".join(body)
    if rng.random() < 0.3:
        text = text.replace(". ", ".  ", 1)  # noise: a doubled space
    if rng.random() < 0.2:
        text += "\n" + rng.choice(FURNITURE)
    article.title = sentences[0][:80] if sentences else f"Brève {n}"
    article.text = f"{article.title}\n\n{text}" if sentences else f"Brève {n}. {text}"
    return article


def _statement(article: Synthetic, rng: random.Random, a: dict, b: dict, year: int) -> str:
    template, predicate, kind = rng.choice(TEMPLATES)
    names = {"A": _name(rng, a), "B": _name(rng, b), "p": rng.choice(PEOPLE)}
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"
    sentence = template.format(**names, d=date, y=year + 1, n=rng.randint(300, 30000))
    keys = {"A": f"org-{a['key']}", "B": f"org-{b['key']}", "p": _person_key(names["p"])}
    article.entities[keys["A"]] = ("organization", names["A"])
    subject, obj = keys["A"], keys["B"]
    if "{p}" in template:
        article.entities[keys["p"]] = ("person", names["p"])
        subject, obj = keys["p"], keys["A"]
    elif predicate == "quantity":
        obj = None
    else:
        article.entities[keys["B"]] = ("organization", names["B"])
    article.statements.append(Statement(predicate, kind, subject, obj, sentence))
    return sentence


def _name(rng: random.Random, row: dict) -> str:
    acronyms = row.get("acronyms") or []
    return rng.choice(acronyms) if acronyms and rng.random() < 0.4 else row["name"]


def _person_key(name: str) -> str:
    return "per-" + name.lower().replace(" ", "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with args.output.open("w", encoding="utf-8") as out:
        for article in articles(args.articles, args.seed):
            row = {
                "text": article.text,
                "title": article.title,
                "url": article.url,
                "published": article.published,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
