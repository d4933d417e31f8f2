"""Score maillage's extraction on every evaluation set of tools/eval_sets.json.

    python tools/evaluate.py                      # every set, aggregate and per-predicate figures
    python tools/evaluate.py --set more --details # misses and false facts per article
    python tools/evaluate.py --rules              # precision of each rule id (non-blind sets)
    python tools/evaluate.py --db-dir /tmp/eval   # keep each set's database and export there

Each set is ingested once, in this process, into its own SQLite database, exported as JSON
and scored with the evaluation kit's scorer (../shared/eval/score.py, imported, never copied).
The exit status is 1 when a figure of a set is below its floor. A set whose folders are
missing (a clone without ../shared) is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS_FILE = ROOT / "tools" / "eval_sets.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PREDICATES = ("partner_of", "member_of", "part_of", "replaced_by", "holds_role", "located_in")

Export = dict[str, Any]
Gold = dict[str, Any]


@dataclass(slots=True)
class EvalSet:
    name: str
    articles: Path
    gold: Path
    floors: dict[str, float]
    blind: bool = False

    def missing(self) -> list[Path]:
        return [p for p in (self.articles, self.gold) if not p.is_dir()]


@dataclass(slots=True)
class Count:
    """Scorer counts: tp (gold items found), fp (system items matching no gold), fn."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, scored: dict[str, Any]) -> None:
        self.tp += scored["tp"]
        self.fp += scored["fp"]
        self.fn += scored["fn"]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


@dataclass(slots=True)
class SetResult:
    name: str
    summary: dict[str, Any]
    predicates: dict[str, Count]
    details: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, list[int]] = field(default_factory=dict)  # rule id → [correct, facts]


# -- configuration -------------------------------------------------------------------


def load_sets(path: Path = SETS_FILE, root: Path = ROOT) -> list[EvalSet]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        EvalSet(
            name=item["name"],
            articles=(root / item["articles"]).resolve(),
            gold=(root / item["gold"]).resolve(),
            floors={k: float(v) for k, v in item.get("floors", {}).items()},
            blind=bool(item.get("blind", False)),
        )
        for item in data["sets"]
    ]


def load_scorer(path: Path = SCORER) -> ModuleType | None:
    """The evaluation kit's scorer as a module, or None when it is not there."""
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("maillage_eval_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# -- producing an export -------------------------------------------------------------


def build_export(articles: Path, folder: Path, name: str) -> Export:
    """Ingest `articles` into a fresh SQLite store in `folder`; return its JSON export."""
    from maillage.export.json import write_json
    from maillage.ingest import ingest
    from maillage.settings import Settings
    from maillage.store import Store

    db_path = folder / f"{name}.db"
    for stale in folder.glob(f"{name}.db*"):
        stale.unlink()
    settings = Settings.from_env(db=f"sqlite:///{db_path}", workers=1)
    store = Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    report = ingest([str(articles)], settings, store)
    failed = [q for q in report.quarantined if q.code == "E301"]
    if failed:  # a crash loses a whole article's facts: never let it pass unseen (no text shown)
        kinds = sorted({q.reason.split("(", 1)[-1].split(":", 1)[0] for q in failed})
        print(
            f"warning: {name}: {len(failed)} article(s) failed extraction: {', '.join(kinds)}",
            file=sys.stderr,
        )
    export_path = folder / f"{name}.json"
    with export_path.open("w", encoding="utf-8") as out:
        write_json(store, out)
    return json.loads(export_path.read_text(encoding="utf-8"))


# -- scoring -------------------------------------------------------------------------


def read_golds(folder: Path) -> list[Gold]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def score_set(scorer: ModuleType, golds: list[Gold], export: Export, name: str) -> SetResult:
    """The scorer's summary, per-predicate counts, misses per article and rule precision."""
    by_source = scorer.doc_ids_by_source(export)
    ent, rel, qty = Count(), Count(), Count()
    predicates: dict[str, Count] = defaultdict(Count)
    details: dict[str, list[str]] = {}
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    attrs: dict[str, list[int]] = {"date": [0, 0], "status": [0, 0], "role": [0, 0]}
    missing = 0
    for gold in golds:
        doc_ids = by_source.get(gold["document"], set())
        missing += not doc_ids
        doc = scorer.DocScore(gold, export, doc_ids)
        entities, facts = doc.score_entities(), doc.score_facts()
        ent.add(entities)
        rel.add(facts)
        qty.add(doc.score_quantities())
        for attr, (right, asked) in facts["attrs"].items():
            attrs.setdefault(attr, [0, 0])
            attrs[attr][0] += right
            attrs[attr][1] += asked
        details[gold["document"]] = _misses(entities, facts, bool(doc_ids))
        for predicate in _predicates(gold, export):
            predicates[predicate].add(_only(scorer, gold, export, doc_ids, predicate=predicate))
        for rule, (correct, total) in _rule_counts(scorer, gold, export, doc_ids):
            rules[rule][0] += correct
            rules[rule][1] += total
    summary = _summary(scorer, ent, rel, len(golds))
    summary["quantity_f1"] = scorer.prf(qty.tp, qty.fp, qty.fn)[2]
    summary["missing_articles"] = missing  # quarantined or skipped: scored as all missed
    summary.update({f"{k}_acc": (ok / n if n else 0.0) for k, (ok, n) in attrs.items()})
    return SetResult(name, summary, dict(predicates), details, dict(rules))


def _summary(scorer: ModuleType, ent: Count, rel: Count, documents: int) -> dict[str, Any]:
    entity = scorer.prf(ent.tp, ent.fp, ent.fn)
    relation = scorer.prf(rel.tp, rel.fp, rel.fn)
    return {
        "documents": documents,
        "entity_p": entity[0],
        "entity_r": entity[1],
        "entity_f1": entity[2],
        "relation_p": relation[0],
        "relation_r": relation[1],
        "relation_f1": relation[2],
    }


def _misses(entities: dict[str, Any], facts: dict[str, Any], found: bool) -> list[str]:
    lines = [] if found else ["article not in the export"]
    lines += [f"missed relation: {item}" for item in facts["fn_items"]]
    lines += [f"false relation:  {item}" for item in facts["fp_items"]]
    lines += [f"missed entity:   {item}" for item in entities["fn_items"]]
    lines += [f"false entity:    {item}" for item in entities["fp_items"]]
    return lines


def _predicates(gold: Gold, export: Export) -> list[str]:
    seen = {f["predicate"] for f in gold["facts"]}
    seen |= {f.get("predicate") for f in export["facts"]}
    seen.discard("quantity")
    seen.discard(None)
    return sorted(seen, key=lambda p: (PREDICATES.index(p) if p in PREDICATES else 99, p))


def _only(
    scorer: ModuleType,
    gold: Gold,
    export: Export,
    doc_ids: set[str],
    predicate: str,
) -> dict[str, Any]:
    """The scorer's fact counts restricted to one predicate (facts only match their own)."""
    gold_part = {**gold, "facts": [f for f in gold["facts"] if f["predicate"] == predicate]}
    facts = [f for f in export["facts"] if f.get("predicate") == predicate]
    doc = scorer.DocScore(gold_part, {**export, "facts": facts}, doc_ids)
    scored: dict[str, Any] = doc.score_facts()
    return scored


def _rule_counts(
    scorer: ModuleType, gold: Gold, export: Export, doc_ids: set[str]
) -> Iterator[tuple[str, tuple[int, int]]]:
    """(rule id, (facts of this article matching a gold fact, facts)) for each rule."""
    for rule, facts in _facts_by_rule(export["facts"], doc_ids).items():
        scored = scorer.DocScore(gold, {**export, "facts": facts}, doc_ids).score_facts()
        yield rule, (len(facts) - scored["fp"], len(facts))


def _facts_by_rule(facts: Iterable[dict[str, Any]], doc_ids: set[str]) -> dict[str, list]:
    """Relational facts of the article, each kept once per rule that produced it there."""
    out: dict[str, list] = defaultdict(list)
    for fact in facts:
        if fact.get("predicate") == "quantity":
            continue
        spans = [e for e in fact.get("evidence") or [] if str(e.get("document")) in doc_ids]
        for rule in sorted({str(e.get("rule") or "?") for e in spans}):
            own = [e for e in spans if str(e.get("rule") or "?") == rule]
            out[rule].append({**fact, "evidence": own})
    return out


def breaches(result: SetResult, floors: dict[str, float]) -> list[str]:
    return [
        f"{result.name}: {figure} = {result.summary.get(figure, 0.0):.3f} < floor {floor:.3f}"
        for figure, floor in floors.items()
        if result.summary.get(figure, 0.0) < floor
    ]


# -- printing ------------------------------------------------------------------------


def render(result: SetResult, eval_set: EvalSet, details: bool) -> list[str]:
    s = result.summary
    lines = [
        f"== {eval_set.name}{' (blind)' if eval_set.blind else ''}: "
        f"{s['documents']} articles, {_shown(eval_set.articles)}"
        + (f" ({s['missing_articles']} not in the export)" if s.get("missing_articles") else ""),
        f"entities   P={s['entity_p']:.3f} R={s['entity_r']:.3f} F1={s['entity_f1']:.3f}",
        f"relations  P={s['relation_p']:.3f} R={s['relation_r']:.3f} F1={s['relation_f1']:.3f}",
        f"attributes date={s.get('date_acc', 0):.3f} status={s.get('status_acc', 0):.3f} "
        f"role={s.get('role_acc', 0):.3f} quantity_f1={s.get('quantity_f1', 0):.3f}",
        *render_predicates(result.predicates),
        *_render_floors(result, eval_set.floors),
    ]
    if details and not eval_set.blind:
        for document, misses in result.details.items():
            if misses:
                lines += [f"-- {document}", *(f"   {m}" for m in misses)]
    elif details:
        lines.append("(blind set: no per-article details)")
    return lines


def render_predicates(predicates: dict[str, Count]) -> list[str]:
    lines = [f"{'predicate':12} {'gold':>5} {'found':>6} {'correct':>8} {'P':>6} {'R':>6}"]
    for name, c in predicates.items():
        gold, found = c.tp + c.fn, c.tp + c.fp
        lines.append(f"{name:12} {gold:5d} {found:6d} {c.tp:8d} {c.precision:6.3f} {c.recall:6.3f}")
    return lines


def _render_floors(result: SetResult, floors: dict[str, float]) -> list[str]:
    if not floors:
        return []
    parts = [
        f"{figure} {result.summary.get(figure, 0.0):.3f} "
        f"{'>=' if result.summary.get(figure, 0.0) >= floor else '<'} {floor:.3f}"
        for figure, floor in floors.items()
    ]
    return ["floors: " + ", ".join(parts)]


def render_rules(rules: dict[str, list[int]]) -> list[str]:
    lines = [
        "== rules (non-blind sets): precision of each rule id's facts",
        f"{'rule':40} {'facts':>6} {'correct':>8} {'P':>6}",
    ]
    by_precision = sorted(rules.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
    for rule, (correct, total) in by_precision:
        lines.append(f"{rule:40} {total:6d} {correct:8d} {correct / total:6.3f}")
    return lines


def _shown(path: Path) -> str:
    return os.path.relpath(path, ROOT)


# -- command -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    sets = _chosen(load_sets(args.sets_file), args.set)
    scorer = load_scorer(args.scorer)
    if scorer is None:
        print(f"evaluate: no scorer at {args.scorer} (is ../shared there?): every set skipped")
        return 0
    if args.db_dir:
        args.db_dir.mkdir(parents=True, exist_ok=True)
        return _run(sets, scorer, args, args.db_dir)
    with tempfile.TemporaryDirectory(prefix="maillage-eval-") as folder:
        return _run(sets, scorer, args, Path(folder))


def _run(sets: list[EvalSet], scorer: ModuleType, args: argparse.Namespace, folder: Path) -> int:
    failures: list[str] = []
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for eval_set in sets:
        if missing := eval_set.missing():
            print(f"== {eval_set.name}: skipped, {', '.join(map(str, missing))} not found")
            continue
        export = build_export(eval_set.articles, folder, eval_set.name)
        result = score_set(scorer, read_golds(eval_set.gold), export, eval_set.name)
        print("\n".join(render(result, eval_set, args.details)), flush=True)
        failures += breaches(result, eval_set.floors)
        for rule, (correct, total) in ({} if eval_set.blind else result.rules).items():
            rules[rule][0] += correct
            rules[rule][1] += total
    if args.rules:
        print("\n".join(render_rules(dict(rules))))
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


def _chosen(sets: list[EvalSet], names: list[str] | None) -> list[EvalSet]:
    if not names:
        return sets
    known = {s.name for s in sets}
    if unknown := [n for n in names if n not in known]:
        raise SystemExit(f"evaluate: unknown set {', '.join(unknown)}; known: {', '.join(known)}")
    return [s for s in sets if s.name in names]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--set", action="extend", nargs="+", metavar="NAME", help="only these sets")
    parser.add_argument("--details", action="store_true", help="misses per article (not blind)")
    parser.add_argument("--rules", action="store_true", help="precision of each rule id")
    parser.add_argument("--db-dir", type=Path, help="keep databases and exports in this folder")
    parser.add_argument("--sets-file", type=Path, default=SETS_FILE, help=argparse.SUPPRESS)
    parser.add_argument("--scorer", type=Path, default=SCORER, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
