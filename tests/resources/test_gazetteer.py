"""The gazetteer and places files stay valid as they grow (tools/check_gazetteer.py)."""

import json
import subprocess
import sys
from importlib import resources

from tests.conftest import ROOT


def load(name: str) -> list[dict]:
    text = resources.files("maillage.resources").joinpath(name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_gazetteer_passes_the_validator():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_gazetteer.py")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 error(s)" in result.stdout


def test_gazetteer_covers_french_higher_education_broadly():
    entries = load("gazetteer.jsonl")
    kinds = {e["kind"] for e in entries}
    assert len(entries) >= 400
    assert {"school", "university", "research_body", "network"} <= kinds


def test_gazetteer_keeps_near_names_apart():
    entries = load("gazetteer.jsonl")
    names = {e["key"]: {e["name"], *e.get("aliases", []), *e.get("acronyms", [])} for e in entries}
    owners = {}
    for key, labels in names.items():
        for label in labels:
            owners.setdefault(label, set()).add(key)
    for label in (
        "Mines Nancy",
        "IMT Mines Alès",
        "Télécom Nancy",
        "Télécom Physique Strasbourg",
        "ENSCM",
        "ENSCCF",
    ):
        assert len(owners.get(label, ())) == 1, label
    assert owners["Mines Nancy"] != owners["IMT Mines Alès"]
    assert owners["ENSCM"] != owners["ENSCCF"]


def test_gazetteer_has_no_invented_identifiers():
    for entry in load("gazetteer.jsonl"):
        assert not {"wikidata", "qid", "uai", "siren", "id"} & set(entry), entry["key"]
