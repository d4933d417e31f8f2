"""`maillage export` and `maillage import` on the command line, and every format from the demo corpus."""

from __future__ import annotations

import csv
import json
import re
import zipfile

import networkx as nx
import pytest
import rdflib
from typer.testing import CliRunner

from maillage.cli import app
from maillage.store import Store
from tests.conftest import ROOT
from tests.export.conftest import build_graph
from tests.export.test_quickstatements import LINE

runner = CliRunner()
FORMATS = {
    "json": "out.json",
    "csv": "out.zip",
    "graphml": "out.graphml",
    "jsonld": "out.jsonld",
    "turtle": "out.ttl",
    "quickstatements": "out.qs",
    "vocabulary": "vocabulary.ttl",
}


def invoke(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "g.db"
    store = Store.open(f"sqlite:///{path}")
    ids = build_graph(store)
    store.close()
    return str(path), ids


def test_cli_export_filters_reach_the_writer(db, tmp_path):
    path, ids = db
    out = tmp_path / "f.json"
    invoke(
        "export",
        "--db",
        path,
        "-o",
        str(out),
        "--entity",
        "ENSMM",
        "--depth",
        "1",
        "--predicate",
        "partner_of",
        "--predicate",
        "located_in",
        "--status",
        "done",
        "--since",
        "2016",
        "--until",
        "2016-12",
        "--min-confidence",
        "0.5",
        "--curated-only",
    )
    export = json.loads(out.read_text(encoding="utf-8"))
    assert [f["id"] for f in export["facts"]] == [ids["partner"]]


def test_cli_export_stdout_and_unknown_filter_values(db):
    path, _ = db
    result = runner.invoke(
        app, ["export", "--db", path, "--format", "turtle", "--kind", "agreement"]
    )
    assert result.exit_code == 0 and "m:partnerOf" in result.output
    bad = runner.invoke(app, ["export", "--db", path, "--status", "maybe"])
    assert bad.exit_code != 0


def test_cli_export_quickstatements_reports_what_it_skipped(db, tmp_path):
    path, _ids = db
    out = tmp_path / "wd.qs"
    result = invoke("export", "--db", path, "-f", "quickstatements", "-o", str(out))
    assert "skipped 1 facts: planned, not done" in result.output
    # A header and every fact left out: planned, without a web source, not curated (2).
    assert (tmp_path / "wd.qs.skipped.tsv").read_text(encoding="utf-8").count("\n") == 5
    assert all(LINE.match(line) for line in out.read_text(encoding="utf-8").splitlines())


def test_cli_import_then_export_is_identical(db, tmp_path):
    path, _ = db
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    invoke("export", "--db", path, "-o", str(first))
    result = invoke("import", str(first), "--db", str(tmp_path / "new.db"))
    assert "read 2 documents, 6 entities, 6 facts" in result.output
    invoke("export", "--db", str(tmp_path / "new.db"), "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def check_formats(folder) -> None:
    """Each output of FORMATS in `folder` opens in the tool it is meant for."""
    export = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    edges = [f for f in export["facts"] if f["object"]]
    g = nx.read_graphml(folder / "out.graphml", force_multigraph=True)
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(export["entities"]), len(edges))
    for name in ("out.ttl", "out.jsonld"):
        rdf = rdflib.Graph().parse(
            folder / name, format="turtle" if name.endswith("ttl") else "json-ld"
        )
        found = rdf.query(
            "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://maillage.example.org/ns#Fact> }"
        )
        assert int(next(iter(found))[0]) == len(export["facts"])
    with zipfile.ZipFile(folder / "out.zip") as archive:
        rows = list(csv.DictReader(archive.read("facts.csv").decode("utf-8-sig").splitlines()))
    assert [r["id"] for r in rows] == [f["id"] for f in export["facts"]]
    assert all(
        LINE.match(line) for line in (folder / "out.qs").read_text(encoding="utf-8").splitlines()
    )
    assert rdflib.Graph().parse(folder / "vocabulary.ttl", format="turtle")


def export_every_format(path, folder) -> None:
    for fmt, name in FORMATS.items():
        invoke("export", "--db", path, "--format", fmt, "-o", str(folder / name), "--bom")


def test_cli_export_every_format_opens(db, tmp_path):
    path, _ = db
    export_every_format(path, tmp_path)
    check_formats(tmp_path)


@pytest.mark.slow
def test_cli_export_every_format_from_the_demo_corpus(tmp_path):
    path = str(tmp_path / "demo.db")
    invoke(
        "ingest",
        *(str(ROOT / "examples" / d) for d in ("articles", "html", "jsonl", "warc")),
        "--db",
        path,
    )
    # A curator confirmed one partnership between two items with Wikidata ids.
    store = Store.open(f"sqlite:///{path}")
    with store.engine.begin() as connection:
        from sqlalchemy import select, update

        from maillage.store.schema import documents, entities, evidence, facts

        row = connection.execute(
            select(facts.c.id, facts.c.subject_id, facts.c.object_id)
            .join(evidence, evidence.c.fact_id == facts.c.id)
            .join(documents, documents.c.id == evidence.c.document_id)
            .where(
                facts.c.predicate == "partner_of",
                facts.c.status == "done",
                documents.c.url.like("http%"),
            )
        ).first()
        assert row is not None
        connection.execute(update(facts).where(facts.c.id == row.id).values(curation="accepted"))
        for entity, qid in ((row.subject_id, "Q1"), (row.object_id, "Q2")):
            connection.execute(
                update(entities)
                .where(entities.c.id == entity)
                .values(external_ids={"wikidata": qid})
            )
    store.close()
    export_every_format(path, tmp_path)
    check_formats(tmp_path)
    assert re.search(
        r"^Q1\tP2652\tQ2\t", (tmp_path / "out.qs").read_text(encoding="utf-8"), flags=re.M
    )
    invoke("import", str(tmp_path / "out.json"), "--db", str(tmp_path / "copy.db"))
    invoke("export", "--db", str(tmp_path / "copy.db"), "-o", str(tmp_path / "copy.json"))
    assert (tmp_path / "copy.json").read_bytes() == (tmp_path / "out.json").read_bytes()


def test_cli_export_base_iri_from_the_environment(db):
    path, ids = db
    result = runner.invoke(
        app,
        ["export", "--db", path, "-f", "turtle"],
        env={"MAILLAGE_BASE_IRI": "https://kg.example.net/"},
    )
    assert (
        result.exit_code == 0 and f"<https://kg.example.net/fact/{ids['partner']}>" in result.output
    )
