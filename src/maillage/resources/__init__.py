"""maillage's data files: gazetteers, lexicons and patterns (JSON and JSON Lines)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text("utf-8")


def load_json(name: str) -> dict[str, Any]:
    return dict(json.loads(read_text(name)))


def load_jsonl(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]
