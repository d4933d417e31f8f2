"""tools/evaluate.py: per-predicate arithmetic, floors, blind sets, skipped sets, rule precision.

The extraction itself is replaced by a hand-made export, so these tests check the tool's own
logic against the evaluation kit's real scorer (imported from ../shared, as the tool does)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_tool", ROOT / "tools" / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


evaluate = _load_tool()
scorer = evaluate.load_scorer()
pytestmark = pytest.mark.skipif(scorer is None, reason="../shared/eval/score.py is not there")

GOLD: dict[str, Any] = {
    "document": "a.txt",
    "published": "2024-03-01",
    "entities": [
        {"key": "a", "type": "organization", "names": ["École Alpha", "EA"]},
        {"key": "b", "type": "organization", "names": ["Institut Beta"]},
        {"key": "c", "type": "organization", "names": ["Réseau Gamma"]},
        {"key": "p", "type": "person", "names": ["Jeanne Delta"]},
    ],
    "facts": [
        {"predicate": "partner_of", "subject": "a", "object": "b", "status": "done"},
        {"predicate": "member_of", "subject": "a", "object": "c"},
        {"predicate": "member_of", "subject": "b", "object": "c"},
        {"predicate": "holds_role", "subject": "p", "object": "a", "role": "directrice"},
    ],
}


def _fact(fid: str, predicate: str, subject: str, obj: str, rule: str) -> dict[str, Any]:
    span = {"document": "d1", "start": 0, "end": 5, "text": "...", "rule": rule}
    return {
        "id": fid,
        "predicate": predicate,
        "subject": subject,
        "object": obj,
        "status": "done",
        "qualifiers": {},
        "evidence": [span],
    }


def _export() -> dict[str, Any]:
    mention = [{"document": "d1", "start": 0, "end": 5}]
    entities = [
        {"id": eid, "type": "organization", "name": name, "aliases": [], "mentions": mention}
        for eid, name in (("e1", "EA"), ("e2", "Institut Beta"), ("e3", "Réseau Gamma"))
    ]
    return {
        "documents": [{"id": "d1", "source": "/somewhere/a.txt"}],
        "entities": entities,
        "facts": [
            _fact("f1", "partner_of", "e2", "e1", "partner.verb"),  # symmetric: right
            _fact("f2", "member_of", "e1", "e3", "member.copula"),  # right
            _fact("f3", "member_of", "e3", "e2", "member.copula"),  # reversed: false
            _fact("f4", "part_of", "e1", "e3", "part.noun"),  # false
        ],
    }


def _sets_file(tmp_path: Path, floors: dict[str, float], blind: bool = False) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    sets = {
        "sets": [
            {
                "name": "tiny",
                "articles": str(tmp_path / "articles"),
                "gold": str(tmp_path / "gold"),
                "blind": blind,
                "floors": floors,
            }
        ]
    }
    path = tmp_path / "sets.json"
    path.write_text(json.dumps(sets), encoding="utf-8")
    return path


@pytest.fixture
def no_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "build_export", lambda articles, folder, name: _export())


def test_evaluate_per_predicate_counts_follow_the_scorer():
    result = evaluate.score_set(scorer, [GOLD], _export(), "tiny")
    table = {name: (c.tp + c.fn, c.tp + c.fp, c.tp) for name, c in result.predicates.items()}
    assert table == {
        "partner_of": (1, 1, 1),
        "member_of": (2, 2, 1),
        "holds_role": (1, 0, 0),
        "part_of": (0, 1, 0),
    }
    assert result.predicates["member_of"].precision == pytest.approx(0.5)
    assert result.predicates["member_of"].recall == pytest.approx(0.5)
    # the per-predicate counts add up to the scorer's own relation figures: 2 of 4 found, 4 facts
    assert result.summary["relation_p"] == pytest.approx(2 / 4)
    assert result.summary["relation_r"] == pytest.approx(2 / 4)
    assert result.summary["entity_r"] == pytest.approx(3 / 4)  # the person was not found


def test_evaluate_counts_articles_missing_from_the_export():
    export = {**_export(), "documents": [{"id": "d1", "source": "/elsewhere/other.txt"}]}
    result = evaluate.score_set(scorer, [GOLD], export, "tiny")
    assert result.summary["missing_articles"] == 1
    assert result.summary["relation_r"] == 0.0
    eval_set = evaluate.EvalSet("tiny", ROOT, ROOT, {}, blind=True)
    assert "(1 not in the export)" in evaluate.render(result, eval_set, details=False)[0]


def test_evaluate_rule_precision_counts_each_rule_facts():
    result = evaluate.score_set(scorer, [GOLD], _export(), "tiny")
    assert result.rules == {"partner.verb": [1, 1], "member.copula": [1, 2], "part.noun": [0, 1]}
    lines = evaluate.render_rules(result.rules)
    assert any(line.split()[:4] == ["member.copula", "2", "1", "0.500"] for line in lines)


def test_evaluate_floor_breach_exits_non_zero_and_names_set_and_figure(tmp_path, no_ingest, capsys):
    sets = _sets_file(tmp_path, {"relation_f1": 0.9, "entity_f1": 0.5})
    assert evaluate.main(["--sets-file", str(sets)]) == 1
    err = capsys.readouterr().err
    assert "tiny: relation_f1 = 0.500 < floor 0.900" in err
    assert "entity_f1" not in err  # 0.857 is above its floor


def test_evaluate_within_floors_exits_zero(tmp_path, no_ingest, capsys):
    sets = _sets_file(tmp_path, {"relation_f1": 0.45, "relation_p": 0.5})
    assert evaluate.main(["--sets-file", str(sets), "--details"]) == 0
    out = capsys.readouterr().out
    assert "missed relation: holds_role(Jeanne Delta, École Alpha)" in out
    assert "false relation:  part_of(EA, Réseau Gamma)" in out
    assert "member_of        2      2        1  0.500  0.500" in out


def test_evaluate_blind_set_prints_no_details_and_no_rules(tmp_path, no_ingest, capsys):
    sets = _sets_file(tmp_path, {}, blind=True)
    assert evaluate.main(["--sets-file", str(sets), "--details", "--rules"]) == 0
    out = capsys.readouterr().out
    assert "relations  P=0.500 R=0.500 F1=0.500" in out
    assert "Jeanne Delta" not in out and "missed" not in out and "false" not in out
    assert "member.copula" not in out  # blind sets are left out of the rule table


def test_evaluate_missing_folders_are_skipped_not_failed(tmp_path, no_ingest, capsys):
    sets = tmp_path / "sets.json"
    absent = {
        "name": "elsewhere",
        "articles": str(tmp_path / "no-corpus"),
        "gold": str(tmp_path / "no-gold"),
        "floors": {"relation_f1": 0.99},
    }
    sets.write_text(json.dumps({"sets": [absent]}), encoding="utf-8")
    assert evaluate.main(["--sets-file", str(sets)]) == 0
    assert "elsewhere: skipped" in capsys.readouterr().out


def test_evaluate_project_sets_file_is_well_formed():
    sets = evaluate.load_sets()
    names = [s.name for s in sets]
    assert len(names) == len(set(names))
    assert {"dev", "more", "heldout"} <= set(names)
    for eval_set in sets:
        assert {"entity_f1", "relation_f1"} <= set(eval_set.floors), eval_set.name


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_eval_runs_the_evaluation_tool():
    dry = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "eval", "EVAL_ARGS=--set dev"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry.returncode == 0, dry.stderr
    assert "tools/evaluate.py --set dev" in dry.stdout
    assert "eval_gate" not in dry.stdout


def test_an_article_that_fails_extraction_is_reported(tmp_path, monkeypatch, capsys):
    import maillage.extract as extract

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("L'UTT et l'ENSMM signent une convention.", encoding="utf-8")

    def broken(document, doc):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(extract, "_record", broken)
    evaluate.build_export(articles, tmp_path, "set")
    assert "set: 1 article(s) failed extraction: RecursionError" in capsys.readouterr().err
