"""Reports of one event from several articles become one fact; conflicts stay visible."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from maillage.consolidate import Report, consolidate, date_interval, merge_reports
from maillage.export.json import write_json
from maillage.ingest import ingest
from maillage.reprocess import reprocess
from maillage.resolve.names import normalize_name
from maillage.settings import Settings
from maillage.store import Store
from maillage.store.schema import aliases, documents, entities, evidence, facts
from tests.builders import Article, org, report
from tests.conftest import FIXTURES

# -- pure event merging ------------------------------------------------------------------


def rep(
    document: str,
    date: str | None,
    status: str = "done",
    kind: str | None = "agreement",
    published: str | None = None,
    a: str = "org-a",
    b: str = "org-b",
    confidence: float = 0.6,
) -> Report:
    return Report(
        "partner_of",
        a,
        b,
        document,
        kind=kind,
        date=date,
        status=status,
        published=published,
        confidence=confidence,
    )


def test_consolidate_merges_reports_of_one_event_in_either_order_of_participants():
    merged = merge_reports([rep("d1", "2021-07-06"), rep("d2", "2021-07-06", a="org-b", b="org-a")])
    assert len(merged) == 1
    assert merged[0].row["confidence"] == pytest.approx(1 - 0.4 * 0.4)
    assert not merged[0].row["conflict"]


def test_consolidate_keeps_a_date_conflict_with_its_sources_and_the_majority_value():
    merged = merge_reports(
        [rep("d1", "2021-07-06"), rep("d2", "2021-07-08"), rep("d3", "2021-07-06")]
    )
    [fact] = merged
    assert fact.row["date"] == "2021-07-06" and fact.row["conflict"]
    by_date = {alt["date"]: alt["documents"] for alt in fact.row["alternatives"]}
    assert by_date == {"2021-07-06": ["d1", "d3"], "2021-07-08": ["d2"]}


def test_consolidate_a_coarser_date_supports_the_precise_one_without_conflict():
    [fact] = merge_reports([rep("d1", "2021-07"), rep("d2", "2021-07-06"), rep("d3", None)])
    assert fact.row["date"] == "2021-07-06" and not fact.row["conflict"]
    assert fact.row["date_precision"] == "day"


def test_consolidate_dates_far_apart_are_two_events():
    merged = merge_reports([rep("d1", "2018"), rep("d2", "2021-07-06"), rep("d3", "2021-07-07")])
    assert sorted(len(m.evidence_ids) for m in merged) == [0, 0]  # hand-built reports carry no rows
    assert sorted(m.row["date"] for m in merged) == ["2018", "2021-07-06"]
    assert len({m.row["id"] for m in merged}) == 2


def test_consolidate_incompatible_kinds_stay_apart_and_generic_kinds_join():
    merged = merge_reports(
        [
            rep("d1", "2022-11-14", kind="double_degree"),
            rep("d2", None, kind="alliance"),
            rep("d3", "2022-11-14", kind="agreement"),
        ]
    )
    kinds = sorted((m.row["kind"], len({r for r in m.row["alternatives"]})) for m in merged)
    assert [k for k, _ in kinds] == ["alliance", "double_degree"]


def test_consolidate_done_supersedes_an_earlier_planned_report_and_keeps_it_in_history():
    [fact] = merge_reports(
        [
            rep("announce", "2021", status="planned", kind="double_degree", published="2021-03-18"),
            rep("press", "2021-06-22", kind="double_degree", published="2021-06-24"),
            rep("school", "2021-06-22", kind="double_degree", published="2021-06-23"),
        ]
    )
    assert fact.row["status"] == "done" and fact.row["date"] == "2021-06-22"
    assert not fact.row["conflict"]
    assert fact.row["history"] == [
        {"status": "planned", "date": "2021", "documents": ["announce"], "superseded_by": "done"}
    ]


def test_consolidate_planned_after_done_is_a_status_conflict():
    [fact] = merge_reports(
        [
            rep("d1", "2021-06-22", published="2021-06-23"),
            rep("d2", "2021-06-22", status="planned", published="2021-09-01"),
        ]
    )
    assert fact.row["conflict"] and fact.row["status"] == "done"
    statuses = {alt["status"]: alt["documents"] for alt in fact.row["alternatives"]}
    assert statuses == {"done": ["d1"], "planned": ["d2"]}


def test_consolidate_two_reports_of_one_document_count_once():
    [fact] = merge_reports(
        [rep("d1", "2021-07-06"), rep("d1", "2021-07-06", kind="strategic_partnership")]
    )
    assert fact.row["confidence"] == pytest.approx(0.6)
    assert fact.row["kind"] == "strategic_partnership"


def test_consolidate_pages_of_one_outlet_count_as_one_source():
    same = [rep("d1", "2021-07-06"), rep("d2", "2021-07-06")]
    for page in same:
        page.source = "imt.fr"
    [fact] = merge_reports([*same, rep("d3", "2021-07-06")])
    assert fact.row["confidence"] == pytest.approx(1 - 0.4 * 0.4)


def test_consolidate_date_interval_covers_the_precision_of_the_date():
    assert date_interval("2021-02") == (
        date_interval("2021-02-01")[0],
        date_interval("2021-02-28")[1],
    )
    assert date_interval("2021") is not None and date_interval("20x1") is None


# -- on a store --------------------------------------------------------------------------
IMT = org("institut-mines-telecom", "Institut Mines-Télécom", "IMT")
ENSAM = org(
    "ecole-nationale-superieure-d-arts-et-metiers",
    "École nationale supérieure d'arts et métiers",
    "ENSAM",
    "Arts et Métiers",
)


def imt_ensam_articles() -> list[Article]:
    return [
        Article(
            "imt-news",
            "2021-07-07",
            [IMT, ENSAM],
            [
                report(
                    "partner_of",
                    IMT.key,
                    ENSAM.key,
                    kind="strategic_partnership",
                    date="2021-07-06",
                )
            ],
        ),
        Article(
            "republicain",
            "2021-07-10",
            [org("imt", "IMT"), org("ensam", "ENSAM")],
            [report("partner_of", "org-imt", "org-ensam", kind="agreement", date="2021-07-08")],
        ),
        Article(
            "educpros",
            "2021-07-15",
            [
                org("l-institut-mines-telecom", "l'Institut Mines-Télécom"),
                org("arts-et-metiers", "Arts et Métiers"),
                org("cea", "CEA"),
            ],
            [
                report(
                    "partner_of",
                    "org-arts-et-metiers",
                    "org-l-institut-mines-telecom",
                    kind="strategic_partnership",
                    date="2021-07-06",
                ),
                report(
                    "partner_of",
                    "org-l-institut-mines-telecom",
                    "org-cea",
                    kind="agreement",
                    date="2018",
                ),
            ],
        ),
    ]


def live(store) -> dict[str, dict]:
    with store.engine.connect() as connection:
        return {
            r.id: dict(r._mapping)
            for r in connection.execute(select(entities).where(entities.c.merged_into.is_(None)))
        }


def fact_rows(store) -> list[dict]:
    with store.engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(select(facts))]
        for row in rows:
            row["documents"] = set(
                connection.scalars(
                    select(evidence.c.document_id).where(evidence.c.fact_id == row["id"])
                )
            )
    return rows


@pytest.mark.parametrize("page", [1, 2000])
def test_consolidate_store_one_entity_and_one_fact_per_event_across_articles(
    store, page, monkeypatch
):
    monkeypatch.setattr("maillage.consolidate.ENTITY_PAGE", page)  # whole-graph pass, paged
    articles = imt_ensam_articles()
    store.save([a.record() for a in articles])
    result = consolidate(store)
    assert set(live(store)) == {IMT.key, ENSAM.key, "org-cea"}
    assert result.entities_merged == 4
    partners = sorted(fact_rows(store), key=lambda r: r["date"])
    assert len(partners) == 2
    cea, signature = partners
    assert {cea["subject_id"], cea["object_id"]} == {IMT.key, "org-cea"}
    docs = {a.record().document.id: a.name for a in articles}
    assert {docs[d] for d in signature["documents"]} == {"imt-news", "republicain", "educpros"}
    assert signature["date"] == "2021-07-06" and signature["conflict"]
    assert signature["kind"] == "strategic_partnership"
    sources = {
        alt["date"]: {docs[d] for d in alt["documents"]} for alt in signature["alternatives"]
    }
    assert sources == {"2021-07-06": {"imt-news", "educpros"}, "2021-07-08": {"republicain"}}


def test_consolidate_is_idempotent_and_follows_redirects_on_new_articles(store):
    articles = imt_ensam_articles()
    store.save([a.record() for a in articles[:2]])
    consolidate(store)
    first = fact_rows(store)
    assert consolidate(store).entities_merged == 0
    assert fact_rows(store) == first
    store.save([articles[2].record()])  # mentions the merged-away keys again
    consolidate(store)
    [signature] = [r for r in fact_rows(store) if r["date"] != "2018"]
    assert len(signature["documents"]) == 3


def test_consolidate_never_merges_homonyms(store):
    nancy = org("mines-nancy", "Mines Nancy", city="Nancy")
    ales = org("mines-ales", "Mines Alès", city="Alès")
    imt_ales = org("imt-mines-ales", "IMT Mines Alès", "Mines Alès")
    lorraine_u = org("universite-de-lorraine", "Université de Lorraine")
    enscm = org("enscm", "École nationale supérieure de chimie de Montpellier", "ENSCM")
    ensccf = org("ensccf", "École nationale supérieure de chimie de Clermont-Ferrand", "ENSCCF")
    articles = [
        Article(
            "a",
            "2022-11-17",
            [nancy, lorraine_u, ensccf],
            [
                report(
                    "partner_of", nancy.key, lorraine_u.key, kind="double_degree", date="2022-11-14"
                )
            ],
        ),
        Article(
            "b",
            "2022-11-16",
            [ales, imt_ales, enscm],
            [report("partner_of", enscm.key, ales.key, kind="joint_programme", date="2022-11-14")],
        ),
    ]
    store.save([a.record() for a in articles])
    consolidate(store)
    assert set(live(store)) == {nancy.key, imt_ales.key, lorraine_u.key, enscm.key, ensccf.key}
    assert len(fact_rows(store)) == 2


def test_consolidate_dates_the_former_names_of_gazetteer_institutions(store):
    telecom = org("telecom_paris", "Télécom Paris", gazetteer="telecom_paris")
    old = org("telecom-paristech", "Télécom ParisTech")
    store.save(
        [
            Article(
                "a",
                "2021-06-24",
                [telecom, old],
                [report("partner_of", telecom.key, old.key, kind="agreement")],
            ).record()
        ]
    )
    consolidate(store)
    # The former body named in the article stands apart (one end of the renaming), so its name
    # is not also a dated alias of the successor; the other former names are.
    assert set(live(store)) == {telecom.key, old.key}
    with store.engine.connect() as connection:
        dated = dict(
            connection.execute(
                select(aliases.c.name, aliases.c.valid_to).where(aliases.c.entity_id == telecom.key)
            ).all()
        )
    assert "Télécom ParisTech" not in dated and dated["ENST Paris"] == "2008"
    assert dated["Télécom Paris"] is None


# -- the events fixture, through the real extraction ---------------------------------------
EVENTS = FIXTURES / "events"
EXPECTED = json.loads((EVENTS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def events_graph(tmp_path_factory):
    """The 11 articles ingested with the spaCy pipeline, consolidated (once per module)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('events') / 'graph.db'}"
    store = Store.open(db)
    ingest(sorted(str(p) for p in EVENTS.glob("*.txt")), Settings(db=db), store)
    yield store
    store.close()


def gold_of_live_entities(store) -> dict[str, set[str]]:
    """Live entity id → keys of the expected entities whose names it carries."""
    gold_names: dict[str, set[str]] = {}
    for entity in EXPECTED["entities"]:
        for name in entity["names"]:
            gold_names.setdefault(normalize_name(name), set()).add(entity["key"])
    with store.engine.connect() as connection:
        names = connection.execute(select(aliases.c.entity_id, aliases.c.name)).all()
    found: dict[str, set[str]] = {key: set() for key in live(store)}
    for entity_id, name in names:
        if entity_id in found:
            found[entity_id] |= gold_names.get(normalize_name(name), set())
    for key, row in live(store).items():
        found[key] |= gold_names.get(normalize_name(row["name"]), set())
    return found


def document_names(store) -> dict[str, str]:
    with store.engine.connect() as connection:
        return {
            i: Path(s).name
            for i, s in connection.execute(select(documents.c.id, documents.c.source))
        }


@pytest.mark.slow
def test_consolidate_events_fixture_one_entity_per_institution_and_person(events_graph):
    found = gold_of_live_entities(events_graph)
    wrong_merges = {key: gold for key, gold in found.items() if len(gold) > 1}
    assert wrong_merges == {}
    per_gold: dict[str, list[str]] = {}
    for key, gold in found.items():
        for g in gold:
            per_gold.setdefault(g, []).append(key)
    duplicates = {g: keys for g, keys in per_gold.items() if len(keys) > 1}
    assert duplicates == {}
    people = {e["key"] for e in EXPECTED["entities"] if e["type"] == "person"}
    # extraction finds every person but the two named only in photo credits
    assert people - per_gold.keys() <= {"kieffer", "bonnet"}


@pytest.mark.slow
def test_consolidate_events_fixture_one_fact_per_event_with_every_source(events_graph):
    found = gold_of_live_entities(events_graph)
    entity_of = {next(iter(g)): key for key, g in found.items() if len(g) == 1}
    names = document_names(events_graph)
    partner_facts = [r for r in fact_rows(events_graph) if r["predicate"] == "partner_of"]
    by_pair: dict[frozenset, list[dict]] = {}
    for event in EXPECTED["events"]:
        pair = frozenset((entity_of.get(event["subject"]), entity_of.get(event["object"])))
        by_pair.setdefault(pair, []).append(event)
    for pair, events in by_pair.items():
        reported = [
            f for f in partner_facts if frozenset((f["subject_id"], f["object_id"])) == pair
        ]
        assert len(reported) <= len(events), (pair, reported)
        allowed = {d for e in events for d in e["documents"]}
        for fact in reported:
            assert {names[d] for d in fact["documents"]} <= allowed
    # the two events extraction finds in every article that reports them: one fact each
    for event_id in ("ev_imt_ensam_2021", "ev_utt_telecom_paris_2021"):
        event = next(e for e in EXPECTED["events"] if e["id"] == event_id)
        pair = frozenset((entity_of[event["subject"]], entity_of[event["object"]]))
        [fact] = [f for f in partner_facts if frozenset((f["subject_id"], f["object_id"])) == pair]
        assert {names[d] for d in fact["documents"]} == set(event["documents"])
        assert fact["status"] == "done" and fact["kind"] == event["kind"]


@pytest.mark.slow
def test_consolidate_events_fixture_date_conflict_is_in_the_json_export(events_graph):
    out = io.StringIO()
    write_json(events_graph, out)
    export = json.loads(out.getvalue())
    names = {d["id"]: Path(d["source"]).name for d in export["documents"]}
    found = gold_of_live_entities(events_graph)
    entity_of = {next(iter(g)): key for key, g in found.items() if len(g) == 1}
    pair = {entity_of["imt"], entity_of["ensam"]}
    [fact] = [f for f in export["facts"] if {f["subject"], f["object"]} == pair]
    assert fact["conflict"] is True and fact["date"] == "2021-07-06"
    sources = {a["date"]: {names[d] for d in a["documents"]} for a in fact["alternatives"]}
    assert sources["2021-07-08"] == {"02_republicain_messin_imt_ensam.txt"}
    assert "03_educpros_imt_ensam_analyse.txt" in sources["2021-07-06"]


def test_consolidate_scoped_to_new_entities_links_them_to_the_existing_graph(store):
    long_form = org(
        "ecole-x", "École nationale supérieure de mécanique et des microtechniques", "ENSMM"
    )
    partner = org("utbm", "Université de technologie de Belfort-Montbéliard")
    first = Article(
        "first",
        "2016-02-19",
        [long_form, partner],
        [report("partner_of", long_form.key, partner.key, kind="agreement", date="2016-02-18")],
    )
    store.save([first.record()])
    consolidate(store)
    bare = org("ensmm", "ENSMM")
    second = Article(
        "second",
        "2016-02-22",
        [bare, partner],
        [report("partner_of", bare.key, partner.key, kind="agreement", date="2016-02-18")],
    )
    store.save([second.record()])
    result = consolidate(store, scope={bare.key, partner.key})
    assert result.entities_merged == 1
    assert live(store).keys() == {long_form.key, partner.key}
    [fact] = fact_rows(store)
    assert len(fact["documents"]) == 2 and fact["confidence"] > 0.6


def test_consolidate_after_an_interrupted_ingest_with_reprocess_no_extract(store, db_url):
    store.save([a.record() for a in imt_ensam_articles()])  # saved, never consolidated
    report = reprocess(Settings(db=db_url), store, extract=False)
    assert report.documents == 0 and report.refresh.consolidation.entities_merged == 4
    assert set(live(store)) == {IMT.key, ENSAM.key, "org-cea"}
