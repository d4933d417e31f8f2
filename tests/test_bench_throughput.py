"""bench/throughput.py (`make bench`): its table and verdicts from measured rates, and one
configuration measured through a real engine. Nothing here is timed: benchmarks are not
tests."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from tests.conftest import ROOT
from tests.engines.extractors import plain


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "bench" / "throughput.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _results(bench, seconds):
    """One Result per configuration, 100 documents each, timed as `seconds` says."""
    return [
        bench.Result(
            extraction,
            engine,
            workers,
            100,
            1000,
            seconds[(engine, workers, extraction)],
            1.0,
            1.0,
            0.0,
        )
        for extraction, engine, workers in bench.CONFIGURATIONS
    ]


TIMES = {
    ("inprocess", 1, "bare nlp.pipe"): 10.0,
    ("inprocess", 1, "maillage"): 12.0,
    ("local", 1, "maillage"): 12.0,
    ("ray", 1, "maillage"): 12.0,
    ("local", 2, "bare nlp.pipe"): 5.0,
    ("local", 2, "maillage"): 6.5,
    ("ray", 2, "maillage"): 6.8,
}


def test_bench_throughput_table_gives_speed_up_efficiency_and_ratios(bench):
    lines = bench.table(_results(bench, TIMES)).splitlines()
    local_2 = next(line for line in lines if line.startswith("| maillage | local | 2 |"))
    # 100/6.5 = 15.4 docs/s; 12/6.5 = 1.85 over one worker; 5/6.5 = 0.77 of bare with 2
    # processes; 15.4 / 2 / 10 = 0.77 of one bare process per worker
    assert local_2.split(" | ")[3:8] == ["15.4", "1.85", "0.92", "0.77", "0.77"]
    bare_2 = next(line for line in lines if line.startswith("| bare nlp.pipe | local | 2 |"))
    assert bare_2.split(" | ")[4:7] == ["2.00", "1.00", "1.00"]


def test_bench_throughput_verdicts_say_pass_or_fail_against_the_targets(bench):
    verdicts = bench.verdicts(_results(bench, TIMES)).splitlines()
    assert verdicts[0].endswith("**PASS**") and "local 1.85" in verdicts[0]
    assert verdicts[1].endswith("**FAIL**") and "local 2 0.77" in verdicts[1]
    faster = {**TIMES, ("local", 2, "maillage"): 6.2, ("ray", 2, "maillage"): 6.2}
    slower = {**faster, ("ray", 2, "maillage"): 7.5}
    assert bench.verdicts(_results(bench, faster)).splitlines()[1].endswith("**PASS**")
    assert bench.verdicts(_results(bench, slower)).splitlines()[0].endswith("**FAIL**")


def test_bench_throughput_keeps_each_configurations_median_round(bench):
    rounds = [_results(bench, {k: v * factor for k, v in TIMES.items()}) for factor in (3, 1, 2)]
    assert [r.seconds for r in bench.medians(rounds)] == [v * 2 for v in TIMES.values()]


def test_bench_throughput_writes_its_section_and_keeps_the_others(bench, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# B\n\n<!-- throughput:start -->\nold\n<!-- throughput:end -->\n\n## Next\n", "utf-8"
    )
    bench._write_section(readme, "new table\n")
    text = readme.read_text("utf-8")
    assert "new table" in text and "old" not in text and text.endswith("## Next\n")


@pytest.mark.parametrize(("engine", "workers"), [("inprocess", 1), ("local", 2)])
def test_bench_throughput_measures_one_configuration_through_its_engine(
    bench, tmp_path, monkeypatch, engine, workers
):
    monkeypatch.setitem(bench.EXTRACTORS, "maillage", plain)  # no model: only the harness
    monkeypatch.setattr(bench, "WARM_UP_HOLD", 0.0)
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps({"text": f"Texte {i}"}) + "\n" for i in range(7)))
    result = bench.measure_one("maillage", engine, workers, source, batch=3)
    assert (result.documents, result.words, result.workers) == (7, 14, workers)
    assert result.seconds > 0 and result.peak_mb > 10  # at least this interpreter's memory
    assert result.cpu_share >= 0 and result.others >= 0
