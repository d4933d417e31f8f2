"""Check that gold files are well formed, in the format of ../shared/eval/README.md.

    python tools/check_gold.py tests/fixtures/genre tests/fixtures/blind

Each folder holds articles/ and gold/. A gold file must name its article, use the ontology's
predicates, entity types and statuses, refer only to its own entity keys, give ISO dates, give
holds_role a role and located_in a place; every required entity must be named in the article
(a place may be implied by an adjective, a distributed name such as "les universités de Turin
et de Saragosse" counts when each of its words occurs) and no name may belong to two entities.
Standard library only.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

PREDICATES = {"partner_of", "member_of", "part_of", "replaced_by", "holds_role", "located_in"}
TYPES = {"organization", "person", "place", "other"}
STATUSES = {"done", "planned"}
KINDS = {
    "agreement",
    "strategic_partnership",
    "double_degree",
    "joint_programme",
    "joint_incubator",
    "joint_institute",
    "joint_event",
    "exchange",
    "chair",
    "shared_campus",
    "alliance",
    "association",
    "network",
    "network_membership",
    "component",
    "internal_school",
    "merger",
    "renaming",
    "transformation",
}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Gold = dict[str, Any]


def norm(text: str) -> str:
    """The scorer's name normalization (accents, case, punctuation, leading article)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " et ").replace("’", "'")
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    return re.sub(r"^(l|la|le|les|d|de|du|des|the)\s+", "", text)


def as_list(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def article_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".html", ".htm"}:
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return " " + norm(raw) + " "


def named_in(name: str, text: str) -> bool:
    wanted = norm(name)
    if f" {wanted} " in text:
        return True
    words = [w for w in wanted.split() if len(w) > 2]  # a distributed name, maybe plural
    return bool(words) and all(f" {w} " in text or f" {w}s " in text for w in words)


def problems(folder: Path) -> list[str]:
    """Every problem of the gold files of `folder` (articles/ and gold/ inside)."""
    golds = sorted((folder / "gold").glob("*.json"))
    found = [f"{folder}: no gold files"] if not golds else []
    documents = {g.stem for g in golds}
    for article in sorted((folder / "articles").iterdir()):
        if article.stem not in documents:
            found.append(f"{article.name}: article without a gold file")
    for path in golds:
        found += [f"{path.name}: {problem}" for problem in check_file(path, folder / "articles")]
    return found


def check_file(path: Path, articles: Path) -> list[str]:
    gold: Gold = json.loads(path.read_text(encoding="utf-8"))
    article = articles / str(gold.get("document"))
    if not article.is_file():
        return [f"no article {gold.get('document')}"]
    found = [] if Path(gold["document"]).stem == path.stem else ["file name is not the article's"]
    if gold.get("published") and not ISO.match(gold["published"]):
        found.append(f"published {gold['published']} is not ISO")
    found += _entity_problems(gold["entities"], article_text(article))
    keys = {e["key"]: e for e in gold["entities"]}
    for fact in gold["facts"]:
        found += _fact_problems(fact, keys)
    for quantity in gold.get("quantities", []):
        found += [f"quantity of unknown {k}" for k in as_list(quantity["subject"]) if k not in keys]
        if not isinstance(quantity.get("value"), (int, float)):
            found.append(f"quantity without a number: {quantity}")
    return found


def _entity_problems(entities: list[dict[str, Any]], text: str) -> list[str]:
    found: list[str] = []
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for entity in entities:
        key = entity["key"]
        found += [f"duplicate key {key}"] if key in seen else []
        seen.add(key)
        if entity["type"] not in TYPES:
            found.append(f"{key}: type {entity['type']} is not in the ontology")
        named = any(named_in(n, text) for n in entity["names"])
        if not named and not entity.get("optional") and entity["type"] != "place":
            found.append(f"{key}: none of {entity['names']} is in the article")
        for name in entity["names"]:
            if owner.setdefault(norm(name), key) != key:
                found.append(f"name '{name}' belongs to {owner[norm(name)]} and {key}")
    return found


def _fact_problems(fact: dict[str, Any], keys: dict[str, dict[str, Any]]) -> list[str]:
    found: list[str] = []
    where = f"{fact.get('predicate')}({fact.get('subject')}, {fact.get('object')})"
    if fact.get("predicate") not in PREDICATES:
        found.append(f"{where}: predicate not in the ontology")
    for key in as_list(fact.get("subject")) + as_list(fact.get("object")):
        found += [] if key in keys else [f"{where}: unknown entity {key}"]
    if "kind" in fact and fact["kind"] not in KINDS:
        found.append(f"{where}: kind {fact['kind']} unknown")
    if "status" in fact and fact["status"] not in STATUSES:
        found.append(f"{where}: status {fact['status']} unknown")
    found += [
        f"{where}: date {d} is not ISO" for d in as_list(fact.get("date")) if not ISO.match(d)
    ]
    if fact.get("predicate") == "holds_role" and not fact.get("role") and not fact.get("optional"):
        found.append(f"{where}: holds_role without a role")
    expected = {"holds_role": "person", "located_in": "place"}.get(fact.get("predicate", ""))
    for key in as_list(fact.get("object")) if fact.get("predicate") == "located_in" else []:
        if key in keys and keys[key]["type"] != expected:
            found.append(f"{where}: object {key} is not a place")
    for key in as_list(fact.get("subject")) if fact.get("predicate") == "holds_role" else []:
        if key in keys and keys[key]["type"] != expected:
            found.append(f"{where}: subject {key} is not a person")
    return found


def perfect_export(golds: list[Gold]) -> dict[str, Any]:
    """The export a perfect extractor would write for `golds` (required items only)."""
    documents, entities, facts = [], [], []
    for index, gold in enumerate(golds):
        doc = f"d{index}"
        span = [{"document": doc, "start": 0, "end": 1}]
        documents.append({"id": doc, "source": gold["document"]})
        required = {e["key"] for e in gold["entities"] if not e.get("optional")}
        for e in gold["entities"]:
            if e["key"] in required:
                entities.append(
                    {
                        "id": f"{doc}-{e['key']}",
                        "type": e["type"],
                        "name": e["names"][0],
                        "aliases": e["names"][1:],
                        "mentions": span,
                    }
                )

        def pick(keys: Any, doc: str = doc, required: set[str] = required) -> str:
            options = as_list(keys)
            return f"{doc}-" + next((k for k in options if k in required), options[0])

        for j, f in enumerate(x for x in gold["facts"] if not x.get("optional")):
            facts.append(
                {
                    "id": f"{doc}-f{j}",
                    "predicate": f["predicate"],
                    "subject": pick(f["subject"]),
                    "object": pick(f["object"]),
                    "date": as_list(f.get("date"))[0] if f.get("date") else None,
                    "status": f.get("status"),
                    "qualifiers": {"role": f.get("role")},
                    "evidence": span,
                }
            )
        for j, q in enumerate(gold.get("quantities", [])):
            facts.append(
                {
                    "id": f"{doc}-q{j}",
                    "predicate": "quantity",
                    "object": None,
                    "subject": pick(q["subject"]),
                    "value": q["value"],
                    "evidence": span,
                }
            )
    return {"documents": documents, "entities": entities, "facts": facts}


def main(argv: list[str]) -> int:
    found = [p for folder in argv for p in problems(Path(folder))]
    for problem in found:
        print(problem)
    print(f"{len(found)} problems in {', '.join(argv)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["tests/fixtures/genre", "tests/fixtures/blind"]))
