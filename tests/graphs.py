"""A small hand-made graph for the query layer, the API and the browser tests.

Three schools that sign agreements, a network, a person with a role, a planned double
degree, a fact whose sources disagree on the date, an entity merged into another, and the
hostile inputs a web page must render inertly: a name that is HTML and a `javascript:` URL.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import update

from maillage.models import Document, Entity, Evidence, ExtractionRecord, Fact, Mention, RawDocument
from maillage.store import Store
from maillage.store.repository import fact_key
from maillage.store.schema import entities, facts

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_URL = "javascript:alert(1)"

ENSMM = Entity(
    "org-ensmm",
    "organization",
    "École nationale supérieure de mécanique et des microtechniques",
    kind="school",
    acronym="ENSMM",
    city="Besançon",
)
UTBM = Entity(
    "org-utbm",
    "organization",
    "Université de technologie de Belfort-Montbéliard",
    kind="university",
    acronym="UTBM",
    aliases=["UT Belfort-Montbéliard"],
)
ENSAM = Entity(
    "org-ensam",
    "organization",
    "Arts et Métiers",
    kind="school",
    aliases=["Arts et Métiers ParisTech"],
)
NETWORK = Entity("org-reseau-figure", "organization", "Réseau Figure", kind="network")
OLD_UTBM = Entity("org-utbm-old", "organization", "UTBM Sévenans", kind="university")
PERSON = Entity("per-claire-martin", "person", "Claire Martin")
HOSTILE = Entity("org-hostile", "organization", HOSTILE_NAME, kind="school")


def _record(text: str, url: str | None, published: str, title: str) -> Document:
    raw = RawDocument(text=text, source=f"{title}.txt", url=url, title=title, published=published)
    return Document.from_raw(raw)


def _evidence(doc: Document, sentence: str, rule: str = "test.rule") -> Evidence:
    start = doc.text.index(sentence)
    return Evidence(doc.id, start, start + len(sentence), sentence, rule, "test")


def _mentions(doc: Document, *pairs: tuple[Entity, str]) -> list[Mention]:
    found = []
    for entity, text in pairs:
        start = doc.text.index(text)
        found.append(Mention(entity.key, doc.id, start, start + len(text), text))
    return found


def build(store: Store) -> dict[str, str]:
    """Fill `store` and return the ids tests need (documents and facts)."""
    first = _record(
        "L'ENSMM et l'UTBM ont signé une convention le 10 juillet 2018. "
        "Claire Martin, directrice de l'ENSMM, salue l'accord. "
        "L'ENSMM et Arts et Métiers pourraient créer un double diplôme en 2020.",
        "https://actu.example.org/ensmm-utbm",
        "2018-07-12",
        "L'ENSMM et l'UTBM signent",
    )
    second = _record(
        "L'ENSMM et l'UTBM avaient signé leur convention en 2017, rappelle le Réseau Figure. "
        "L'UTBM rejoint le Réseau Figure. "
        f"{HOSTILE_NAME} et l'ENSMM ont signé un partenariat.",
        HOSTILE_URL,
        "2019-02-01",
        "Le Réseau Figure grandit",
    )
    convention = "L'ENSMM et l'UTBM ont signé une convention le 10 juillet 2018."
    recalled = "L'ENSMM et l'UTBM avaient signé leur convention en 2017, rappelle le Réseau Figure."
    agreement = Fact(
        "partner_of",
        "org-ensmm",
        "org-utbm",
        date="2018-07-10",
        kind="agreement",
        confidence=0.9,
        evidence=[_evidence(first, convention)],
    )
    reported_again = replace(agreement, evidence=[_evidence(second, recalled)])
    role = Fact(
        "holds_role",
        "per-claire-martin",
        "org-ensmm",
        qualifiers={"role": "directrice"},
        confidence=0.8,
        evidence=[_evidence(first, "Claire Martin, directrice de l'ENSMM, salue l'accord.")],
    )
    planned = Fact(
        "partner_of",
        "org-ensmm",
        "org-ensam",
        date="2020",
        status="planned",
        kind="double_degree",
        confidence=0.6,
        evidence=[
            _evidence(
                first, "L'ENSMM et Arts et Métiers pourraient créer un double diplôme en 2020."
            )
        ],
    )
    member = Fact(
        "member_of",
        "org-utbm-old",
        "org-reseau-figure",
        date="2019-02",
        kind="membership",
        confidence=0.7,
        evidence=[_evidence(second, "L'UTBM rejoint le Réseau Figure.")],
    )
    hostile = Fact(
        "partner_of",
        "org-hostile",
        "org-ensmm",
        kind="strategic_partnership",
        confidence=0.5,
        evidence=[_evidence(second, f"{HOSTILE_NAME} et l'ENSMM ont signé un partenariat.")],
    )
    store.save(
        [
            ExtractionRecord(
                first,
                [ENSMM, UTBM, ENSAM, PERSON],
                _mentions(first, (ENSMM, "ENSMM"), (UTBM, "UTBM"), (PERSON, "Claire Martin")),
                [agreement, role, planned],
                "test",
            ),
            ExtractionRecord(
                second,
                [ENSMM, OLD_UTBM, NETWORK, HOSTILE],
                _mentions(
                    second, (ENSMM, "ENSMM"), (NETWORK, "Réseau Figure"), (HOSTILE, HOSTILE_NAME)
                ),
                [reported_again, member, hostile],
                "test",
            ),
        ]
    )
    ids = {
        "first": first.id,
        "second": second.id,
        "agreement": fact_key(agreement),
        "role": fact_key(role),
        "planned": fact_key(planned),
        "member": fact_key(member),
        "hostile": fact_key(hostile),
    }
    with store.engine.begin() as connection:
        connection.execute(
            update(facts)
            .where(facts.c.id == ids["agreement"])
            .values(
                conflict=True,
                alternatives=[
                    {
                        "status": "done",
                        "date": "2018-07-10",
                        "documents": [first.id],
                        "chosen": True,
                    },
                    {"status": "done", "date": "2017", "documents": [second.id], "chosen": False},
                ],
            )
        )
        # As a curator's merge leaves it: the old entity redirects to the kept one.
        connection.execute(
            update(entities).where(entities.c.id == "org-utbm-old").values(merged_into="org-utbm")
        )
    return ids
