"""The project's own gold sets (tests/fixtures/genre, blind, blind2, heldout) are well formed, and a
perfect export built from them scores 1.0 with the evaluation kit's scorer: every required
fact can be found and no two gold items collide."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SETS = ["genre", "blind", "blind2", "heldout"]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{name}_tool", ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_gold = _load("check_gold")
evaluate = _load("evaluate")


@pytest.mark.parametrize("name", SETS)
def test_gold_set_is_well_formed(name):
    assert check_gold.problems(ROOT / "tests" / "fixtures" / name) == []


@pytest.mark.parametrize("name", SETS)
def test_gold_set_perfect_export_scores_one(name):
    scorer = evaluate.load_scorer()
    if scorer is None:
        pytest.skip("../shared/eval/score.py is not there")
    golds = evaluate.read_golds(ROOT / "tests" / "fixtures" / name / "gold")
    result = evaluate.score_set(scorer, golds, check_gold.perfect_export(golds), name)
    figures = ("entity_f1", "relation_f1", "date_acc", "status_acc", "role_acc", "quantity_f1")
    assert {f: round(result.summary[f], 3) for f in figures} == {f: 1.0 for f in figures}


def test_check_gold_finds_broken_gold(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("L'ENSIC et Mines Nancy.", encoding="utf-8")
    (tmp_path / "articles" / "b.txt").write_text("Rien.", encoding="utf-8")
    gold = {
        "document": "a.txt",
        "published": "12/03/2024",
        "entities": [
            {"key": "ensic", "type": "organization", "names": ["ENSIC"]},
            {"key": "ghost", "type": "organization", "names": ["Polytech Tours"]},
            {"key": "nancy", "type": "place", "names": ["Nancy"]},
        ],
        "facts": [
            {"predicate": "allied_with", "subject": "ensic", "object": "ghost"},
            {"predicate": "part_of", "subject": "ensic", "object": "mines", "date": ["2024-3"]},
            {"predicate": "located_in", "subject": "nancy", "object": "ensic"},
            {"predicate": "holds_role", "subject": "ensic", "object": "ghost"},
        ],
    }
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    found = "\n".join(check_gold.problems(tmp_path))
    assert "b.txt: article without a gold file" in found
    assert "published 12/03/2024 is not ISO" in found
    assert "ghost: none of ['Polytech Tours'] is in the article" in found
    assert "predicate not in the ontology" in found
    assert "unknown entity mines" in found
    assert "date 2024-3 is not ISO" in found
    assert "object ensic is not a place" in found
    assert "holds_role without a role" in found
    assert "subject ensic is not a person" in found
    assert "ensic: none of" not in found  # named in the article


def test_check_gold_accepts_distributed_names():
    text = check_gold.norm("les universités de Turin et de Saragosse")
    assert check_gold.named_in("université de Saragosse", f" {text} ")
    assert not check_gold.named_in("université de Bologne", f" {text} ")
