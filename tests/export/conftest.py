"""A small graph with every case the exports treat differently, on SQLite and PostgreSQL.

ENSMM and Arts et Métiers signed a convention (accepted by a curator, two sources), ENSMM
joined a network (planned), Arts et Métiers' director (edited), ENSMM is in Besançon, a
figure about the UTBM, a rejected fact, and an old entity merged into the ENSMM.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import update

from maillage.models import Document, Entity, Evidence, ExtractionRecord, Fact, Mention, RawDocument
from maillage.store import Store
from maillage.store.repository import fact_key
from maillage.store.schema import entities, facts

TEXT_A = "Le 18 février 2016, l'ENSMM et Arts et Métiers ont signé une convention. Laurent Champaney, directeur général d'Arts et Métiers, salue l'accord."
TEXT_B = "L'ENSMM de Besançon et Arts et Métiers, partenaires depuis 2016, rejoindront le réseau Polyméca. L'UTBM compte 3000 élèves."

ENTITIES = [
    Entity(
        "org-ensmm",
        "organization",
        "École nationale supérieure de mécanique et des microtechniques",
        kind="school",
        acronym="ENSMM",
        city="Besançon",
    ),
    Entity(
        "org-ensam",
        "organization",
        "Arts et Métiers",
        kind="school",
        aliases=["Arts et Métiers ParisTech"],
    ),
    Entity("org-polymeca", "organization", "Réseau Polyméca", kind="network"),
    Entity(
        "org-utbm",
        "organization",
        "Université de technologie de Belfort-Montbéliard",
        kind="university",
        acronym="UTBM",
    ),
    Entity("org-ensmm-old", "organization", "ENSMM Besançon (ancienne fiche)", kind="school"),
    Entity("per-laurent-champaney", "person", "Laurent Champaney"),
    Entity("place-besancon", "place", "Besançon", kind="city"),
]
WIKIDATA = {
    "org-ensmm": "Q273523",
    "org-ensam": "Q273533",
    "per-laurent-champaney": "Q3219425",
    "place-besancon": "Q37776",
}


def _evidence(doc: Document, sentence: str, rule: str) -> Evidence:
    start = doc.text.index(sentence)
    return Evidence(doc.id, start, start + len(sentence), sentence, rule, "0.1.0+test")


def build_graph(store: Store) -> dict[str, str]:
    """Fill `store`; return fact ids by name."""
    a = Document.from_raw(
        RawDocument(
            TEXT_A,
            "a.txt",
            url="https://www.ecole-exemple.fr/actualites/convention",
            published="2016-02-19",
            title="Convention",
        )
    )
    b = Document.from_raw(RawDocument(TEXT_B, "b.txt", published="2016-05-02"))
    signed = TEXT_A.split(". ")[0] + "."
    director = TEXT_A.split(". ")[1]
    joined = TEXT_B.split(". ")[0] + "."
    figure = TEXT_B.split(". ")[1]
    made = {
        "partner": Fact(
            "partner_of",
            "org-ensmm",
            "org-ensam",
            date="2016-02-18",
            kind="agreement",
            confidence=0.9,
            evidence=[_evidence(a, signed, "partner.signed")],
        ),
        "partner_b": Fact(
            "partner_of",
            "org-ensam",
            "org-ensmm",
            date="2016-02-18",
            kind="agreement",
            confidence=0.9,
            evidence=[_evidence(b, joined, "partner.since")],
        ),
        "member": Fact(
            "member_of",
            "org-ensmm",
            "org-polymeca",
            date="2016",
            status="planned",
            kind="membership",
            confidence=0.7,
            evidence=[_evidence(b, joined, "member.join")],
        ),
        "role": Fact(
            "holds_role",
            "per-laurent-champaney",
            "org-ensam",
            kind="appointment",
            qualifiers={"role": "directeur général"},
            confidence=0.8,
            evidence=[_evidence(a, director, "role.title_of")],
        ),
        "located": Fact(
            "located_in",
            "org-ensmm",
            "place-besancon",
            kind="location",
            confidence=0.75,
            evidence=[_evidence(b, joined, "location.of")],
        ),
        "figure": Fact(
            "quantity",
            "org-utbm",
            value=3000,
            kind="figure",
            qualifiers={"unit": "élèves"},
            confidence=0.6,
            evidence=[_evidence(b, figure, "quantity.count")],
        ),
        "rejected": Fact(
            "partner_of",
            "org-utbm",
            "org-polymeca",
            kind="agreement",
            confidence=0.4,
            evidence=[_evidence(b, joined, "partner.weak")],
        ),
        "merged": Fact(
            "part_of",
            "org-ensmm-old",
            "org-polymeca",
            date="2015-09",
            kind="component",
            confidence=0.65,
            evidence=[_evidence(b, joined, "part.of")],
        ),
    }
    mentions = [
        Mention("org-ensmm", a.id, TEXT_A.index("ENSMM"), TEXT_A.index("ENSMM") + 5, "ENSMM"),
        Mention("org-utbm", b.id, TEXT_B.index("UTBM"), TEXT_B.index("UTBM") + 4, "UTBM"),
    ]
    store.save(
        [
            ExtractionRecord(
                a, ENTITIES, mentions[:1], [made["partner"], made["role"]], "0.1.0+test"
            ),
            ExtractionRecord(
                b,
                ENTITIES,
                mentions[1:],
                [f for k, f in made.items() if k not in ("partner", "role")],
                "0.1.0+test",
            ),
        ]
    )
    ids = {name: fact_key(fact) for name, fact in made.items()}
    with store.engine.begin() as connection:
        for entity, qid in WIKIDATA.items():
            connection.execute(
                update(entities)
                .where(entities.c.id == entity)
                .values(external_ids={"wikidata": qid})
            )
        connection.execute(
            update(entities).where(entities.c.id == "org-ensmm-old").values(merged_into="org-ensmm")
        )
        for name, curation in (
            ("partner", "accepted"),
            ("role", "edited"),
            ("located", "accepted"),
            ("member", "accepted"),
            ("rejected", "rejected"),
        ):
            connection.execute(
                update(facts).where(facts.c.id == ids[name]).values(curation=curation)
            )
    return ids


@pytest.fixture
def graph(store: Store) -> Iterator[tuple[Store, dict[str, str]]]:
    yield store, build_graph(store)
