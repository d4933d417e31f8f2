"""QuickStatements: curated facts between items with Wikidata ids, with qualifiers and sources."""

from __future__ import annotations

import io
import re

from sqlalchemy import update

from maillage.export.quickstatements import write_quickstatements
from maillage.filters import FactFilter
from maillage.store.schema import documents, entities, facts

# The documented grammar (docs/exports.md): item, property, value, qualifiers, reference.
TIME = r"\+\d{4}-\d{2}-\d{2}T00:00:00Z/(9|10|11)"
LINE = re.compile(
    rf"^Q\d+\tP\d+\tQ\d+"
    rf"(\t(P580|P585)\t{TIME})?(\tP582\t{TIME})?"
    rf'\tS854\t"https?://[^"\t]+"\tS813\t{TIME}$'
)


def run(store, fact_filter=None):
    out, skipped = io.StringIO(), io.StringIO()
    report = write_quickstatements(store, out, fact_filter, skipped)
    header, *lines = skipped.getvalue().splitlines()
    assert header == "fact\tpredicate\tsubject\tobject\treason"
    return (
        out.getvalue().splitlines(),
        report,
        {cells[0]: cells[4] for cells in (line.split("\t") for line in lines)},
    )


def test_quickstatements_lines_match_the_documented_grammar(graph):
    store, _ = graph
    lines, report, _ = run(store)
    assert lines and all(LINE.match(line) for line in lines), lines
    assert report.lines == len(lines)


def test_quickstatements_curated_facts_with_qualifiers_and_reference(graph):
    store, ids = graph
    lines, report, skipped = run(store)
    url = '"https://www.ecole-exemple.fr/actualites/convention"'
    partner = [line.split("\t") for line in lines if "\tP2652\t" in line]
    # Symmetric: stated on both items, dated, with the web source (the other source has no URL).
    assert sorted(p[:5] for p in partner) == [
        ["Q273523", "P2652", "Q273533", "P580", "+2016-02-18T00:00:00Z/11"],
        ["Q273533", "P2652", "Q273523", "P580", "+2016-02-18T00:00:00Z/11"],
    ]
    assert all(p[5:7] == ["S854", url] and p[7] == "S813" for p in partner)
    # Roles are stated on the organization, the person as value.
    assert any(line.startswith("Q273533\tP1037\tQ3219425\t") for line in lines)
    assert report.facts == 2
    assert skipped[ids["member"]] == "planned, not done"
    assert skipped[ids["located"]] == "no web source (S854 needs a URL)"
    # Every fact of the selection left out is listed, the ones no curator accepted too.
    assert skipped[ids["figure"]] == "not accepted or edited by a curator"
    assert set(skipped) == {ids[k] for k in ("member", "located", "figure", "merged")}


def test_quickstatements_skip_reasons_are_counted(graph):
    store, ids = graph
    with store.engine.begin() as connection:
        connection.execute(
            update(facts)
            .where(facts.c.id.in_([ids["figure"], ids["merged"]]))
            .values(curation="accepted")
        )
        connection.execute(update(documents).values(url="https://www.ecole-exemple.fr/autre"))
        connection.execute(
            update(entities)
            .where(entities.c.id == "org-ensmm")
            .values(external_ids={"wikidata": "not-a-qid"})
        )
    _, report, skipped = run(store)
    assert skipped[ids["figure"]] == "quantity has no Wikidata property"
    assert skipped[ids["merged"]] == "subject has a malformed Wikidata id"
    assert skipped[ids["partner"]] == "subject has a malformed Wikidata id"
    assert skipped[ids["located"]] == "subject has a malformed Wikidata id"
    assert sum(report.skipped.values()) == len(skipped) == 5


def test_quickstatements_dates_keep_their_precision_and_end(graph):
    store, ids = graph
    with store.engine.begin() as connection:
        connection.execute(
            update(facts).where(facts.c.id == ids["role"]).values(date="2019-09", end_date="2023")
        )
    lines, _, _ = run(store, FactFilter(predicates=["holds_role"]))
    assert lines and all(
        "\tP580\t+2019-09-00T00:00:00Z/10\tP582\t+2023-00-00T00:00:00Z/9\t" in line
        for line in lines
    )


def test_quickstatements_presidents_are_chairpersons_other_roles_skipped(graph):
    store, ids = graph
    with store.engine.begin() as connection:
        connection.execute(
            update(facts).where(facts.c.id == ids["role"]).values(qualifiers={"role": "présidente"})
        )
    lines, _, _ = run(store, FactFilter(predicates=["holds_role"]))
    assert lines[0].startswith("Q273533\tP488\tQ3219425")
    with store.engine.begin() as connection:
        connection.execute(
            update(facts)
            .where(facts.c.id == ids["role"])
            .values(qualifiers={"role": "chargée de mission"})
        )
    lines, _, skipped = run(store, FactFilter(predicates=["holds_role"]))
    assert not lines and "role 'chargée de mission' has no Wikidata" in skipped[ids["role"]]


def test_quickstatements_map_only_titles_that_are_the_property(graph):
    store, ids = graph
    for title, expected in (
        ("vice-président", None),
        ("directeur adjoint", None),
        ("directrice des études", None),
        ("Président", "P488"),
        ("directrice générale", "P1037"),
    ):
        with store.engine.begin() as connection:
            connection.execute(
                update(facts).where(facts.c.id == ids["role"]).values(qualifiers={"role": title})
            )
        lines, report, skipped = run(store, FactFilter(predicates=["holds_role"]))
        if expected is None:
            assert not lines and f"role '{title}'" in skipped[ids["role"]], title
            assert (
                report.skipped["role has no Wikidata property (only presidents and directors map)"]
                == 1
            )
        else:
            assert lines and all(line.split("\t")[1] == expected for line in lines), title


def test_quickstatements_skipped_report_names_the_parties(graph):
    store, ids = graph
    out, skipped = io.StringIO(), io.StringIO()
    write_quickstatements(store, out, None, skipped)
    row = next(line for line in skipped.getvalue().splitlines() if line.startswith(ids["member"]))
    assert row.split("\t")[1:4] == [
        "member_of",
        "École nationale supérieure de mécanique et des microtechniques",
        "Réseau Polyméca",
    ]


def test_quickstatements_after_curators_decisions(graph):
    """The real curation path: `maillage curate accept` and `set-id` feed the export."""
    from maillage import curation

    store, ids = graph
    with store.engine.begin() as connection:  # start from an uncurated, id-less graph
        connection.execute(update(facts).values(curation=None))
        connection.execute(update(entities).values(external_ids={}))
        connection.execute(
            update(documents).values(url="https://www.ecole-exemple.fr/actualites/convention")
        )
    assert run(store)[0] == []
    curation.accept(store, ids["located"], author="test")
    for entity, qid in (("org-ensmm", "Q273523"), ("place-besancon", "Q37776")):
        curation.set_external_id(store, entity, "wikidata", qid, author="test")
    lines, report, _ = run(store)
    assert [line.split("\t")[:3] for line in lines] == [["Q273523", "P131", "Q37776"]]
    assert report.facts == 1
