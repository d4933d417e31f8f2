"""Curation decisions: stored with author and reason, re-applied after re-ingest and reprocess."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from maillage import curation
from maillage.errors import AmbiguousReference, InvalidEdit, UnknownTarget
from maillage.filters import FactFilter
from maillage.ingest import ingest
from maillage.reprocess import reprocess
from maillage.settings import Settings
from maillage.store import Store
from maillage.store.schema import aliases, documents, entities, evidence, facts, mentions
from tests.builders import Article, extractor_for, org, person, report, write
from tests.conftest import FIXTURES

UTT = org("utt", "Université de technologie de Troyes", "UTT")
TELECOM = org("telecom-paris", "Télécom Paris")
TELECOM_OLD = org(
    "telecom-paristech", "Télécom ParisTech"
)  # no gazetteer here: only a curator links it
ICN = org("icn", "ICN Business School", "ICN")
MINES = org("mines-nancy", "Mines Nancy")
VALENTIN = person("pierre-valentin", "Pierre Valentin")


def articles() -> list[Article]:
    return [
        Article(
            "utt",
            "2021-03-18",
            [UTT, TELECOM, VALENTIN],
            [
                report(
                    "partner_of",
                    UTT.key,
                    TELECOM.key,
                    kind="double_degree",
                    date="2021",
                    status="planned",
                ),
                report(
                    "holds_role",
                    VALENTIN.key,
                    UTT.key,
                    kind="appointment",
                    qualifiers={"role": "directeur"},
                ),
            ],
        ),
        Article(
            "troyes",
            "2021-06-24",
            [UTT, TELECOM_OLD],
            [
                report(
                    "partner_of", UTT.key, TELECOM_OLD.key, kind="double_degree", date="2021-06-22"
                ),
            ],
        ),
        Article(
            "nancy",
            "2022-11-17",
            [MINES, ICN],
            [
                report("partner_of", MINES.key, ICN.key, kind="double_degree", date="2022-11-14"),
                report("partner_of", MINES.key, ICN.key, kind="alliance"),
            ],
        ),
    ]


@pytest.fixture
def graph(db_url, tmp_path):
    """A store filled by `ingest` from hand-built articles, with their extractor."""
    corpus = articles()
    settings = Settings(db=db_url)
    extractor = extractor_for(corpus)
    store = Store.open(db_url)
    ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
    yield store, settings, extractor, corpus
    store.close()


def rows(store, table, *where):
    with store.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(select(table).where(*where))]


def fact_between(store, predicate, a, b, kind=None):
    found = [
        r
        for r in rows(store, facts, facts.c.predicate == predicate)
        if {r["subject_id"], r["object_id"]} == {a, b} and (kind is None or r["kind"] == kind)
    ]
    assert len(found) == 1, found
    return found[0]


def visible_facts(store):
    return rows(store, facts, FactFilter().where())


def test_curation_reject_hides_a_fact_and_records_who_and_why(graph):
    store, *_ = graph
    fact = fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")
    decision = curation.reject(
        store, fact["id"], author="ana", reason="standing alliance, not an event"
    )
    assert (decision.action, decision.author, decision.reason) == (
        "reject",
        "ana",
        "standing alliance, not an event",
    )
    assert decision.created_at.tzinfo is not None
    assert fact["id"] not in {r["id"] for r in visible_facts(store)}
    assert [d.id for d in curation.history(store, fact["id"])] == [decision.id]


def test_curation_accept_and_edit_keep_the_earlier_value_in_history(graph):
    store, *_ = graph
    role = fact_between(store, "holds_role", VALENTIN.key, UTT.key)
    curation.accept(store, role["id"], author="ana")
    assert fact_between(store, "holds_role", VALENTIN.key, UTT.key)["curation"] == "accepted"
    curation.edit(store, role["id"], {"role": "directeur général", "date": "2020-09"}, author="bob")
    edited = fact_between(store, "holds_role", VALENTIN.key, UTT.key)
    assert edited["curation"] == "edited" and edited["qualifiers"]["role"] == "directeur général"
    assert edited["date"] == "2020-09" and edited["date_precision"] == "month"
    assert edited["history"][-1]["values"]["date"] is None


def test_curation_rejects_invalid_decisions_with_a_code_and_a_hint(graph):
    store, *_ = graph
    role = fact_between(store, "holds_role", VALENTIN.key, UTT.key)
    with pytest.raises(InvalidEdit, match=r"\[E402\].*YYYY"):
        curation.edit(store, role["id"], {"date": "2021-02-30"}, author="ana")
    with pytest.raises(InvalidEdit, match="Edit one of"):
        curation.edit(store, role["id"], {"colour": "blue"}, author="ana")
    with pytest.raises(UnknownTarget, match=r"\[E401\]"):
        curation.reject(store, "f-nope", author="ana")
    with pytest.raises(UnknownTarget):
        curation.merge_entities(store, "Université de Nulle Part", UTT.key, author="ana")
    with pytest.raises(InvalidEdit, match="author"):
        curation.accept(store, role["id"], author=" ")
    with pytest.raises(InvalidEdit, match="source"):
        curation.add_fact(store, "partner_of", UTT.key, ICN.key, author="ana")
    for bad in ("Q0", "Q12a", "P31", "q42"):
        with pytest.raises(InvalidEdit, match="wikidata"):
            curation.set_external_id(store, UTT.key, "wikidata", bad, author="ana")


def test_curation_entity_names_must_be_unambiguous(graph):
    store, *_ = graph
    curation.add_alias(store, ICN.key, "l'école de Nancy", author="ana")
    curation.add_alias(store, MINES.key, "l'école de Nancy", author="ana")
    with pytest.raises(AmbiguousReference, match=r"\[E403\].*org-icn.*org-mines-nancy"):
        curation.rename(store, "école de Nancy", "x", author="ana")
    assert curation.rename(store, "UTT", "UTT Troyes", author="ana").target == UTT.key


def test_curation_merge_repoints_facts_and_merges_the_events(graph):
    store, *_ = graph
    assert (
        len(
            [
                r
                for r in visible_facts(store)
                if r["predicate"] == "partner_of" and UTT.key in (r["subject_id"], r["object_id"])
            ]
        )
        == 2
    )
    curation.merge_entities(store, TELECOM.key, TELECOM_OLD.key, author="ana", reason="former name")
    [absorbed] = rows(store, entities, entities.c.id == TELECOM_OLD.key)
    assert absorbed["merged_into"] == TELECOM.key
    merged = fact_between(store, "partner_of", UTT.key, TELECOM.key)
    assert merged["status"] == "done" and merged["date"] == "2021-06-22"
    assert merged["history"][0]["status"] == "planned"
    names = {a["name"] for a in rows(store, aliases, aliases.c.entity_id == TELECOM.key)}
    assert "Télécom ParisTech" in names
    assert [d.action for d in curation.history(store, TELECOM_OLD.key)] == ["merge"]


def test_curation_split_moves_mentions_and_their_facts_and_stays_split(graph):
    store, settings, extractor, _ = graph
    [nancy_mention] = [m for m in rows(store, mentions, mentions.c.entity_id == MINES.key)]
    decision = curation.split_entity(
        store,
        MINES.key,
        [nancy_mention["id"]],
        "École des mines de Nancy",
        author="ana",
        reason="test",
    )
    new = decision.payload["new"]
    assert rows(store, mentions, mentions.c.entity_id == new)
    assert fact_between(store, "partner_of", new, ICN.key, "double_degree")
    reprocess(settings, store, extractor=extractor)
    assert rows(store, mentions, mentions.c.entity_id == new)
    assert not rows(store, mentions, mentions.c.entity_id == MINES.key)
    with pytest.raises(InvalidEdit, match="already exists"):
        curation.split_entity(
            store,
            ICN.key,
            [rows(store, mentions, mentions.c.entity_id == ICN.key)[0]["id"]],
            "École des mines de Nancy",
            author="ana",
        )


def test_curation_added_fact_alias_rename_and_external_id_survive_reprocess(graph):
    store, settings, extractor, _ = graph
    added = curation.add_fact(
        store,
        "partner_of",
        "UTT",
        "ICN",
        date="2020",
        kind="agreement",
        source_url="https://example.org/a",
        author="ana",
    )
    curation.set_external_id(store, UTT.key, "wikidata", "Q273523", author="ana")
    curation.rename(store, ICN.key, "ICN BS", author="ana")
    curation.add_alias(store, ICN.key, "l'école de management nancéienne", author="ana")
    reprocess(settings, store, extractor=extractor)
    [manual] = rows(store, facts, facts.c.id == added.target)
    assert (
        manual["origin"] == "manual"
        and manual["qualifiers"]["source_url"] == "https://example.org/a"
    )
    [utt] = rows(store, entities, entities.c.id == UTT.key)
    assert utt["external_ids"] == {"wikidata": "Q273523"}
    [icn] = rows(store, entities, entities.c.id == ICN.key)
    assert icn["name"] == "ICN BS"
    names = {a["name"] for a in rows(store, aliases, aliases.c.entity_id == ICN.key)}
    assert {"ICN Business School", "l'école de management nancéienne"} <= names


def test_curation_reject_edit_and_merge_hold_after_reingest_and_reprocess(graph, tmp_path):
    store, settings, extractor, corpus = graph
    alliance = fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")
    degree = fact_between(store, "partner_of", MINES.key, ICN.key, "double_degree")
    rejected = curation.reject(store, alliance["id"], author="ana", reason="not an event")
    edited = curation.edit(
        store, degree["id"], {"date": "2022-11-15"}, author="ana", reason="minutes"
    )
    merged = curation.merge_entities(store, TELECOM.key, TELECOM_OLD.key, author="bob")

    def holds() -> None:
        assert (
            fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")["curation"]
            == "rejected"
        )
        assert alliance["id"] not in {r["id"] for r in visible_facts(store)}
        now = fact_between(store, "partner_of", MINES.key, ICN.key, "double_degree")
        assert (now["date"], now["curation"]) == ("2022-11-15", "edited")
        assert (
            rows(store, entities, entities.c.id == TELECOM_OLD.key)[0]["merged_into"] == TELECOM.key
        )
        assert not rows(store, mentions, mentions.c.entity_id == TELECOM_OLD.key)
        fact_between(store, "partner_of", UTT.key, TELECOM.key)

    holds()
    later = Article(
        "later",
        "2021-09-01",
        [UTT, TELECOM_OLD],
        [report("partner_of", UTT.key, TELECOM_OLD.key, kind="double_degree", date="2021-06-22")],
    )
    corpus.append(later)
    ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
    holds()
    reprocess(settings, store, extractor=extractor)
    holds()
    assert [d.id for d in curation.history(store, alliance["id"])] == [rejected.id]
    assert [d.id for d in curation.history(store, degree["id"])] == [edited.id]
    assert [d.id for d in curation.history(store, TELECOM.key)] == [merged.id]
    assert curation.apply_decisions(store) == 3


@pytest.mark.slow
def test_curation_cli_decisions_on_the_events_fixture_survive_reprocess(tmp_path):
    db = str(tmp_path / "g.db")
    corpus = write_fixture_copy(tmp_path / "events")
    assert maillage("ingest", str(corpus), "--db", db).returncode == 0
    store = Store.open(db)
    cea = fact_between(store, "partner_of", "org-institut_mines_telecom", "org-cea")
    utt = fact_between(store, "partner_of", "org-utt", "org-telecom_paris")
    env = {"MAILLAGE_AUTHOR": "ana"}
    steps = [
        ("curate", "reject", cea["id"][:10], "--reason", "mentioned in passing"),
        ("curate", "edit", utt["id"], "--date", "2021-06-22"),
        (
            "curate",
            "merge",
            "IMT Atlantique",
            "IMT Nord Europe",
            "--reason",
            "test of a forced merge",
        ),
        ("curate", "set-id", "IMT", "wikidata", "Q3152099"),
        ("reprocess",),
    ]
    for step in steps:
        result = maillage(*step, "--db", db, env=env)
        assert result.returncode == 0, result.stderr
    assert (
        fact_between(store, "partner_of", "org-institut_mines_telecom", "org-cea")["curation"]
        == "rejected"
    )
    assert fact_between(store, "partner_of", "org-utt", "org-telecom_paris")["date"] == "2021-06-22"
    assert (
        rows(store, entities, entities.c.id == "org-imt_nord_europe")[0]["merged_into"]
        == "org-imt_atlantique"
    )
    assert rows(store, entities, entities.c.id == "org-institut_mines_telecom")[0][
        "external_ids"
    ] == {"wikidata": "Q3152099"}
    log = maillage("history", "org-imt_nord_europe", "--db", db)
    assert "merge" in log.stdout and "ana" in log.stdout
    assert "reject" in maillage("history", cea["id"], "--db", db).stdout
    bad = maillage("curate", "set-id", "IMT", "wikidata", "Q0", "--db", db, env=env)
    assert bad.returncode == 2 and "[E402]" in bad.stderr and "Traceback" not in bad.stderr
    store.close()


def write_fixture_copy(folder):
    folder.mkdir()
    for path in (FIXTURES / "events").glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def maillage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maillage", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def test_curation_history_follows_a_fact_whose_id_changed_with_a_merge(graph):
    store, *_ = graph
    done = fact_between(store, "partner_of", UTT.key, TELECOM_OLD.key)
    edit = curation.edit(store, done["id"], {"kind": "joint_programme"}, author="ana")
    curation.merge_entities(store, TELECOM.key, TELECOM_OLD.key, author="ana")
    merged = [
        r
        for r in rows(store, facts, facts.c.predicate == "partner_of")
        if {r["subject_id"], r["object_id"]} == {UTT.key, TELECOM.key}
    ]
    assert [r["kind"] for r in merged if r["curation"] == "edited"] == ["joint_programme"]
    edited = next(r for r in merged if r["curation"] == "edited")
    assert edit.id in [d.id for d in curation.history(store, edited["id"])]


def test_curation_a_decision_never_lands_on_another_event_of_the_same_participants(graph, tmp_path):
    store, settings, extractor, corpus = graph
    corpus.append(
        Article(
            "old",
            "2015-05-02",
            [MINES, ICN],
            [report("partner_of", MINES.key, ICN.key, kind="double_degree", date="2015-04-30")],
        )
    )
    ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
    old = next(r for r in rows(store, facts, facts.c.date == "2015-04-30"))
    curation.reject(store, old["id"], author="ana", reason="wrong year")
    with store.engine.begin() as connection:  # the 2015 article leaves the corpus
        connection.execute(documents.delete().where(documents.c.source.like("%old.txt")))
    corpus.pop()
    reprocess(settings, store, extractor=extractor)
    degree = fact_between(store, "partner_of", MINES.key, ICN.key, "double_degree")
    assert degree["date"] == "2022-11-14" and degree["curation"] is None


def test_curation_editing_a_rejected_fact_keeps_it_hidden_everywhere(graph, tmp_path):
    """Issue 13, row 7: `curate edit` after `curate reject` brought the fact back in `show`,
    the home page and the exports."""
    from maillage import query
    from maillage.export import ExportRequest, export

    store, settings, extractor, _ = graph
    fact = fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")
    curation.reject(store, fact["id"], author="ana", reason="not an event")
    curation.edit(store, fact["id"], {"date": "2022-01"}, author="bob")

    def everywhere() -> list[bool]:
        page = query.entity_page(store, MINES.key, FactFilter(), 20)
        shown = {f.id for group in page.groups for f in group.facts}
        newest = {f.id for f in query.statistics(store, 10).newest}
        out = tmp_path / "export.json"
        export(store, ExportRequest("json", out, FactFilter(), False, settings.base_iri))
        exported = fact["id"] in out.read_text(encoding="utf-8")
        visible = fact["id"] in {r["id"] for r in visible_facts(store)}
        return [fact["id"] in shown, fact["id"] in newest, exported, visible]

    assert everywhere() == [False, False, False, False]
    edited = fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")
    assert edited["curation"] == "rejected" and edited["date"] == "2022-01"
    reprocess(settings, store, extractor=extractor)
    assert everywhere() == [False, False, False, False]
    curation.accept(store, fact["id"], author="ana", reason="it was an event after all")
    assert everywhere()[3] is True


def test_curation_a_split_never_brings_back_a_rejected_fact(graph):
    """Found by the curation state machine: a split moved a rejected fact to the new entity,
    where the rejection no longer found it."""
    store, settings, extractor, _ = graph
    fact = fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")
    curation.reject(store, fact["id"], author="ana")
    [mention] = rows(store, mentions, mentions.c.entity_id == MINES.key)
    split = curation.split_entity(store, MINES.key, [mention["id"]], "Mines de Nancy", author="ana")
    moved = fact_between(store, "partner_of", split.payload["new"], ICN.key, "alliance")
    assert moved["curation"] == "rejected"
    assert moved["id"] not in {r["id"] for r in visible_facts(store)}
    reprocess(settings, store, extractor=extractor)
    moved = fact_between(store, "partner_of", split.payload["new"], ICN.key, "alliance")
    assert moved["curation"] == "rejected"


# -- found by the state machine: a new report of a pair whose fact a split moved away ---------
SCHOOLS = {n: org(f"e{n}", f"École {n * 11 + 11}") for n in range(6)}


def school_article(number: int, a: int, b: int, kind: str, date: str) -> Article:
    """An article as the state machine writes them: one partner_of between two schools."""
    fact = report("partner_of", SCHOOLS[a].key, SCHOOLS[b].key, kind=kind, date=date)
    return Article(f"article-{number}", "2024-01-15", [SCHOOLS[a], SCHOOLS[b]], [fact])


def mentions_in(store, entity: str, article: str) -> list[int]:
    with store.engine.connect() as connection:
        in_article = select(documents.c.id).where(documents.c.source.like(f"%{article}.txt"))
        return list(
            connection.scalars(
                select(mentions.c.id).where(
                    mentions.c.entity_id == entity, mentions.c.document_id.in_(in_article)
                )
            )
        )


@pytest.mark.parametrize("date", ["2013-04", "2011-03"])  # another year; the next month
@pytest.mark.parametrize(
    ("action", "split_end", "expected"), [("reject", 1, "rejected"), ("accept", 3, "accepted")]
)
def test_curation_a_decision_stays_on_its_split_fact_when_the_old_pair_is_reported_again(
    db_url, tmp_path, action, split_end, expected, date
):
    """Found by the curation state machine (the two sequences of its derandomized run): a
    decision about a fact, a split moving that fact to the split-off entity, then a new
    article reporting the old pair and kind again. The new event took the id the moved fact
    had, the decision landed on it, and the decided fact lost its decision. With a date close
    to the old one, the new event also matches the decision's signature: only the documents
    the curator saw tell them apart."""
    corpus = [school_article(1, 1, 3, "double_degree", "2011-02")]
    settings, extractor = Settings(db=db_url), extractor_for(corpus)
    store = Store.open(db_url)

    def run_ingest() -> None:
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)

    try:
        run_ingest()
        e1, e3 = SCHOOLS[1].key, SCHOOLS[3].key
        curation.add_fact(
            store, "partner_of", e1, e3, kind="agreement", date="2022-06",
            source_url="https://example.org/communique", author="ana",
        )  # fmt: skip
        curation.add_alias(store, e1, "Surnom 1014", author="ana")
        decided = fact_between(store, "partner_of", e1, e3, "double_degree")
        getattr(curation, action)(store, decided["id"], author="ana")
        corpus.append(school_article(2, 0, split_end, "agreement", "2012-03"))
        run_ingest()
        entity = SCHOOLS[split_end].key
        split = curation.split_entity(
            store, entity, mentions_in(store, entity, "article-1"), "École 901", author="ana"
        )
        other = e3 if split_end == 1 else e1
        corpus.append(school_article(3, 1, 3, "double_degree", date))
        run_ingest()

        moved = fact_between(store, "partner_of", split.payload["new"], other, "double_degree")
        new = fact_between(store, "partner_of", e1, e3, "double_degree")
        visible = {r["id"] for r in visible_facts(store)}
        assert (moved["date"], moved["curation"]) == ("2011-02", expected)
        assert (moved["id"] in visible) == (expected != "rejected")
        assert (new["date"], new["curation"]) == (date, None)
        assert new["id"] in visible
        assert [d.action for d in curation.history(store, moved["id"])] == [action]
        assert action not in [d.action for d in curation.history(store, new["id"])]
        reprocess(settings, store, extractor=extractor)
        moved = fact_between(store, "partner_of", split.payload["new"], other, "double_degree")
        new = fact_between(store, "partner_of", e1, e3, "double_degree")
        assert (moved["curation"], new["curation"]) == (expected, None)
    finally:
        store.close()


def test_curation_a_decision_follows_a_planned_event_once_it_is_done(db_url, tmp_path):
    """A decision finds its fact by id only when the row is still its event; a planned
    agreement done months later is the same event (as consolidation says), not another."""
    corpus = [school_article(1, 1, 3, "double_degree", "2011-02")]
    corpus[0].facts[0]["status"] = "planned"
    settings, extractor = Settings(db=db_url), extractor_for(corpus)
    store = Store.open(db_url)
    try:
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
        e1, e3 = SCHOOLS[1].key, SCHOOLS[3].key
        planned = fact_between(store, "partner_of", e1, e3)
        curation.reject(store, planned["id"], author="ana")
        corpus.append(school_article(2, 1, 3, "double_degree", "2011-09"))
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
        done = fact_between(store, "partner_of", e1, e3)
        assert (done["status"], done["date"], done["curation"]) == ("done", "2011-09", "rejected")
        assert done["id"] not in {r["id"] for r in visible_facts(store)}
    finally:
        store.close()


def test_curation_a_split_moves_the_reports_of_its_mentions_out_of_a_merged_fact(graph, tmp_path):
    """Two articles report one event of a pair; a split says the school of one of them is
    another: that article's report leaves the fact (before, a fact moved only when every
    report did, so a reprocess undid what the split had separated)."""
    store, settings, extractor, corpus = graph
    corpus.append(
        Article(
            "nancy-bis",
            "2022-11-20",
            [MINES, ICN],
            [report("partner_of", MINES.key, ICN.key, kind="double_degree", date="2022-11-15")],
        )
    )
    ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
    merged = fact_between(store, "partner_of", MINES.key, ICN.key, "double_degree")
    assert (
        len({e["document_id"] for e in rows(store, evidence, evidence.c.fact_id == merged["id"])})
        == 2
    )
    split = curation.split_entity(
        store,
        MINES.key,
        mentions_in(store, MINES.key, "nancy-bis"),
        "Mines Nancy bis",
        author="ana",
    )
    for run in range(2):
        moved = fact_between(store, "partner_of", split.payload["new"], ICN.key, "double_degree")
        kept = fact_between(store, "partner_of", MINES.key, ICN.key, "double_degree")
        assert (moved["date"], kept["date"]) == ("2022-11-15", "2022-11-14"), run
        for fact in (moved, kept):
            assert len(rows(store, evidence, evidence.c.fact_id == fact["id"])) == 1, run
        reprocess(settings, store, extractor=extractor)


def test_curation_a_decision_follows_its_fact_when_both_ends_are_split(graph):
    """Found by the long run of the state machine: after a split of each participant, the
    fact links two split-off entities, where a decision about the old pair did not look."""
    store, settings, extractor, _ = graph
    fact = fact_between(store, "partner_of", MINES.key, ICN.key, "alliance")
    curation.reject(store, fact["id"], author="ana")
    curation.edit(store, fact["id"], {"date": "2019"}, author="bob")
    first = curation.split_entity(
        store, MINES.key, mentions_in(store, MINES.key, "nancy"), "Mines A", author="ana"
    )
    second = curation.split_entity(
        store, ICN.key, mentions_in(store, ICN.key, "nancy"), "ICN B", author="ana"
    )
    ends = first.payload["new"], second.payload["new"]
    for run in range(2):
        moved = fact_between(store, "partner_of", *ends, "alliance")
        assert (moved["curation"], moved["date"]) == ("rejected", "2019"), run
        assert moved["id"] not in {r["id"] for r in visible_facts(store)}, run
        reprocess(settings, store, extractor=extractor)


def test_curation_an_earlier_decision_stays_on_its_fact_after_the_fact_is_edited(graph):
    """Found by the long run of the state machine: a fact added by hand keeps its edits, so
    on re-application an earlier decision, whose signature has the value before the edit,
    did not recognise its own row and landed on another fact of the pair with that value."""
    store, *_ = graph

    def added(kind: str) -> str:
        return curation.add_fact(
            store, "partner_of", UTT.key, ICN.key, kind=kind, date="2022-06",
            source_url="https://example.org/communique", author="ana",
        ).target  # fmt: skip

    degree = added("double_degree")
    curation.accept(store, degree, author="ana")
    curation.edit(store, degree, {"date": "2019"}, author="bob")
    research = added("joint_research")
    curation.reject(store, research, author="ana")
    curation.apply_decisions(store)  # what every ingest with new documents does
    degree_row = fact_between(store, "partner_of", UTT.key, ICN.key, "double_degree")
    research_row = fact_between(store, "partner_of", UTT.key, ICN.key, "joint_research")
    assert (degree_row["date"], degree_row["curation"]) == ("2019", "edited")
    assert (research_row["date"], research_row["curation"]) == ("2022-06", "rejected")
    assert research not in {r["id"] for r in visible_facts(store)}


def test_curation_a_split_holds_after_the_split_off_entity_is_merged_into_another(db_url, tmp_path):
    """Found by the long run of the state machine: e0's mentions in one article split off,
    then that new entity merged into e1 by a curator. e1 now also carries e0's name (the
    text of the moved mentions), and the next ingest merged e0 and e1: the split was
    undone, and the renames of one applied to the other."""
    corpus = [
        school_article(1, 0, 5, "agreement", "2011-02"),
        school_article(2, 2, 0, "agreement", "2012-03"),
        school_article(3, 1, 4, "agreement", "2013-04"),
    ]
    settings, extractor = Settings(db=db_url), extractor_for(corpus)
    store = Store.open(db_url)
    e0, e1 = SCHOOLS[0].key, SCHOOLS[1].key
    try:
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
        moved = mentions_in(store, e0, "article-2")
        split = curation.split_entity(store, e0, moved, "École 901", author="ana")
        curation.merge_entities(store, e1, split.payload["new"], author="ana")
        curation.rename(store, e1, "Institut 5077", author="ana")
        corpus.append(school_article(4, 1, 0, "double_degree", "2014-05"))
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
        for run in range(2):
            with store.engine.connect() as connection:
                finals = curation._final(connection, e0), curation._final(connection, e1)
                names = dict(connection.execute(select(entities.c.id, entities.c.name)).all())
            assert finals == (e0, e1), run
            assert (names[e0], names[e1]) == ("École 11", "Institut 5077"), run
            reprocess(settings, store, extractor=extractor)
    finally:
        store.close()


def test_curation_a_merge_after_a_split_and_a_rename_holds_at_the_next_ingest(db_url, tmp_path):
    """Found by the long run of the state machine: e0's mentions in article 1 split off,
    e2 renamed, then e2 merged into e0. At the next ingest the split, re-applied, moved the
    e0 end of the split fact too (its evidence holds the moved mention of the other end),
    making a loop that was dropped; and the rename of e2, re-applied after the merge that
    had redirected e2, renamed e0."""
    corpus = [
        school_article(1, 0, 2, "agreement", "2011-02"),
        school_article(2, 0, 3, "agreement", "2012-03"),
    ]
    settings, extractor = Settings(db=db_url), extractor_for(corpus)
    store = Store.open(db_url)
    e0, e2 = SCHOOLS[0].key, SCHOOLS[2].key
    try:
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
        moved = mentions_in(store, e0, "article-1")
        split = curation.split_entity(store, e0, moved, "École 901", author="ana")
        curation.rename(store, e2, "Institut 5021", author="ana")
        curation.merge_entities(store, e0, e2, author="ana")
        corpus.append(school_article(3, 0, 1, "joint_programme", "2013-04"))
        ingest([str(write(corpus, tmp_path / "in"))], settings, store, extractor=extractor)
        for run in range(2):
            assert fact_between(store, "partner_of", split.payload["new"], e0, "agreement"), run
            with store.engine.connect() as connection:
                names = dict(connection.execute(select(entities.c.id, entities.c.name)).all())
            assert names[e0] == "École 11", run
            reprocess(settings, store, extractor=extractor)
    finally:
        store.close()
