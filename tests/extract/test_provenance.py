"""Every exported fact is backed by the exact sentence it came from and the rule that fired."""

from __future__ import annotations

import json

import pytest

from maillage.export.json import write_json
from maillage.ingest import ingest
from maillage.settings import Settings
from maillage.store import Store

from ..conftest import ROOT

pytestmark = pytest.mark.slow


def test_provenance_every_fact_quotes_its_sentence_with_rule_and_version(tmp_path):
    settings = Settings.from_env(db=f"sqlite:///{tmp_path / 'p.db'}")
    store = Store.open(settings.db)
    ingest([str(ROOT / "examples" / "articles"), str(ROOT / "examples" / "html")], settings, store)
    out = tmp_path / "export.json"
    with out.open("w", encoding="utf-8") as handle:
        write_json(store, handle)
    export = json.loads(out.read_text("utf-8"))
    texts = {d["id"]: store.get_document(d["id"])["text"] for d in export["documents"]}
    assert len(export["facts"]) > 50
    for fact in export["facts"]:
        assert fact["evidence"], fact["id"]
        for evidence in fact["evidence"]:
            text = texts[evidence["document"]]
            assert evidence["text"] == text[evidence["start"] : evidence["end"]]
            assert evidence["rule"] and evidence["pipeline_version"]
            # a sentence (or two): it starts a sentence and does not run across paragraphs
            assert evidence["start"] == 0 or text[evidence["start"] - 1] in ' \n«"“'
