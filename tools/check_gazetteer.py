#!/usr/bin/env python3
"""Validate maillage's gazetteer.jsonl and places.jsonl (stdlib only).

Usage: python3 tools/check_gazetteer.py [GAZETTEER] [PLACES]

Checks on the gazetteer:
  * every line is a JSON object; keys are unique lowercase ascii snake_case;
  * required fields (key, name, kind) are present, kind is in the allowed list;
  * only known fields are used; no identifier fields (wikidata, uai, siren, ...);
  * member_of / part_of / replaced_by reference existing keys (and not self);
  * no normalised name / alias / former name is shared by two entries
    (acronyms are exempt: they may legitimately be ambiguous);
  * dates are plausible integers, dissolved >= founded, replaced_by entries
    carry a dissolved year, former_names are well formed;
  * city / region are known places when a places file is given.
Checks on places: parse, required fields, known types, no duplicate
(name, type, region, country), 'region' of French places is a known region,
'country' is a known country, a campus's 'city' is a known city.

Exit status 1 when any error is found.  Counts per kind are printed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from maillage.ontology import ORGANIZATION_KINDS

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "src" / "maillage" / "resources"

# The gazetteer names whole bodies: the ontology's kinds for parts and programmes stay out.
KINDS = set(ORGANIZATION_KINDS) - {"department", "campus", "programme", "organization"}
FIELDS = {
    "key",
    "name",
    "acronyms",
    "aliases",
    "former_names",
    "kind",
    "city",
    "region",
    "member_of",
    "part_of",
    "replaced_by",
    "founded",
    "dissolved",
}
FORBIDDEN = re.compile(
    r"(wikidata|qid|uai|siren|siret|rnsr|ror|isni|grid|idref|viaf|_id$|^id$)", re.I
)
KEY_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
PLACE_TYPES = {"city", "region", "department", "country", "area", "territory", "campus"}
PLACE_FIELDS = {"name", "type", "region", "country", "city", "aliases", "demonyms", "until"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("œ", "oe").replace("æ", "ae")
    s = re.sub(r"[^a-z0-9+!]+", " ", s)
    return " ".join(s.split())


def load_jsonl(path: Path, errors: list[str]) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"{path.name}:{n}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{path.name}:{n}: invalid JSON ({e})")
                continue
            if not isinstance(obj, dict):
                errors.append(f"{path.name}:{n}: not a JSON object")
                continue
            obj["__line"] = n
            rows.append(obj)
    return rows


def str_list(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() == x and x for x in v)


def check_places(rows: list[dict], errors: list[str]) -> dict:
    regions_fr = {
        r["name"] for r in rows if r.get("type") == "region" and r.get("country") == "France"
    }
    territories = {r["name"] for r in rows if r.get("type") == "territory"}
    countries = {r["name"] for r in rows if r.get("type") == "country"}
    cities = {r["name"] for r in rows if r.get("type") == "city"}
    seen = set()
    for r in rows:
        where = f"places.jsonl:{r['__line']}"
        if "city" in r and r["city"] not in cities:
            errors.append(f"{where}: unknown city {r['city']!r}")
        for k in r:
            if k != "__line" and k not in PLACE_FIELDS:
                errors.append(f"{where}: unknown field {k!r}")
        for k in ("name", "type", "country"):
            if not isinstance(r.get(k), str) or not r.get(k):
                errors.append(f"{where}: missing {k}")
        if r.get("type") not in PLACE_TYPES:
            errors.append(f"{where}: bad type {r.get('type')!r}")
        for k in ("aliases", "demonyms"):
            if k in r and not (r[k] == [] or str_list(r[k])):
                errors.append(f"{where}: {k} must be a list of strings")
        if r.get("country") and r["country"] not in countries:
            errors.append(f"{where}: unknown country {r['country']!r}")
        reg = r.get("region")
        if reg and r.get("country") == "France" and reg not in regions_fr | territories:
            errors.append(f"{where}: unknown region {reg!r}")
        if "until" in r and not isinstance(r["until"], int):
            errors.append(f"{where}: until must be an int")
        sig = (norm(r.get("name") or ""), r.get("type"), r.get("region"), r.get("country"))
        if sig in seen:
            errors.append(f"{where}: duplicate place {r.get('name')!r}")
        seen.add(sig)
    return {
        "cities": {r["name"] for r in rows if r.get("type") == "city"},
        "regions": regions_fr | territories,
    }


def check_gazetteer(
    rows: list[dict],
    errors: list[str],
    warnings: list[str],
    places: dict | None,
    fname: str = "gazetteer.jsonl",
) -> Counter:
    keys: dict[str, dict] = {}
    for r in rows:
        k = r.get("key")
        where = f"{fname}:{r['__line']}"
        if not isinstance(k, str) or not KEY_RE.match(k):
            errors.append(f"{where}: bad or missing key {k!r}")
            continue
        if k in keys:
            errors.append(f"{where}: duplicate key {k!r}")
        keys[k] = r

    owners: dict[str, set[str]] = defaultdict(set)
    kinds = Counter()
    for r in rows:
        k = r.get("key", "?")
        where = f"{fname}:{r['__line']} ({k})"
        for f in r:
            if f == "__line":
                continue
            if FORBIDDEN.search(f):
                errors.append(f"{where}: forbidden identifier field {f!r}")
            elif f not in FIELDS:
                errors.append(f"{where}: unknown field {f!r}")
        if not isinstance(r.get("name"), str) or not r.get("name", "").strip():
            errors.append(f"{where}: missing name")
        kind = r.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: bad kind {kind!r}")
        kinds[kind] += 1
        for f in ("acronyms", "aliases", "member_of", "part_of"):
            if f in r:
                if not str_list(r[f]) or not r[f]:
                    errors.append(f"{where}: {f} must be a non-empty list of strings")
                elif len(set(r[f])) != len(r[f]):
                    errors.append(f"{where}: duplicate values in {f}")
        fns = r.get("former_names", [])
        if "former_names" in r and (not isinstance(fns, list) or not fns):
            errors.append(f"{where}: former_names must be a non-empty list")
            fns = []
        for fn in fns:
            if (
                not isinstance(fn, dict)
                or not isinstance(fn.get("name"), str)
                or set(fn) - {"name", "until"}
            ):
                errors.append(f"{where}: malformed former_names item {fn!r}")
            elif "until" in fn and not (
                isinstance(fn["until"], int) and 1500 <= fn["until"] <= 2030
            ):
                errors.append(f"{where}: bad former_names until {fn['until']!r}")
        for f in ("member_of", "part_of"):
            for ref in r.get(f, []) if isinstance(r.get(f), list) else []:
                if ref == k:
                    errors.append(f"{where}: {f} references itself")
                elif ref not in keys:
                    errors.append(f"{where}: {f} references unknown key {ref!r}")
        rb = r.get("replaced_by")
        if rb is not None:
            if not isinstance(rb, str) or rb not in keys or rb == k:
                errors.append(
                    f"{where}: replaced_by must reference another existing key, got {rb!r}"
                )
            if "dissolved" not in r:
                warnings.append(f"{where}: replaced_by without dissolved year")
        for f in ("founded", "dissolved"):
            if f in r and not (isinstance(r[f], int) and 1200 <= r[f] <= 2030):
                errors.append(f"{where}: bad {f} {r[f]!r}")
        if (
            isinstance(r.get("founded"), int)
            and isinstance(r.get("dissolved"), int)
            and r["dissolved"] < r["founded"]
        ):
            errors.append(f"{where}: dissolved before founded")
        for f in ("city", "region"):
            if f in r and (not isinstance(r[f], str) or not r[f]):
                errors.append(f"{where}: bad {f}")
        if places:
            if isinstance(r.get("city"), str) and r["city"] not in places["cities"]:
                warnings.append(f"{where}: city {r['city']!r} not in places.jsonl")
            if isinstance(r.get("region"), str) and r["region"] not in places["regions"]:
                errors.append(f"{where}: region {r['region']!r} not a known region")
        # names for the collision check (acronyms exempt)
        labels = [r.get("name", ""), *list(r.get("aliases", []) or [])]
        labels += [
            fn["name"] for fn in fns if isinstance(fn, dict) and isinstance(fn.get("name"), str)
        ]
        for lab in labels:
            if not isinstance(lab, str):
                continue
            n = norm(lab)
            if not n:
                errors.append(f"{where}: empty normalised label {lab!r}")
            owners[n].add(k)
    for n, ks in sorted(owners.items()):
        if len(ks) > 1:
            errors.append(f"name/alias {n!r} shared by entries: {', '.join(sorted(ks))}")
    # part_of cycles
    state: dict[str, int] = {}

    def visit(k: str, stack: list[str]) -> None:
        state[k] = 1
        for ref in keys[k].get("part_of", []) if isinstance(keys[k].get("part_of"), list) else []:
            if ref not in keys:
                continue
            if state.get(ref) == 1:
                errors.append(f"part_of cycle: {' -> '.join([*stack, k, ref])}")
            elif ref not in state:
                visit(ref, [*stack, k])
        state[k] = 2

    for k in keys:
        if k not in state:
            visit(k, [])
    # replaced_by cycles
    for k in keys:
        seen, cur = {k}, keys[k].get("replaced_by")
        while isinstance(cur, str) and cur in keys:
            if cur in seen:
                errors.append(f"replaced_by cycle through {k!r}")
                break
            seen.add(cur)
            cur = keys[cur].get("replaced_by")
    return kinds


def main(argv: list[str]) -> int:
    gaz = Path(argv[1]) if len(argv) > 1 else RES / "gazetteer.jsonl"
    plc = Path(argv[2]) if len(argv) > 2 else RES / "places.jsonl"
    errors: list[str] = []
    warnings: list[str] = []
    places = None
    if plc.exists():
        prow = load_jsonl(plc, errors)
        places = check_places(prow, errors)
        pc = Counter(r.get("type") for r in prow)
        print(f"places: {len(prow)} ({', '.join(f'{t}={c}' for t, c in sorted(pc.items()))})")
    rows = load_jsonl(gaz, errors)
    kinds = check_gazetteer(rows, errors, warnings, places, gaz.name)
    print(f"gazetteer: {len(rows)} entries")
    for kind, c in sorted(kinds.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {kind}: {c}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
