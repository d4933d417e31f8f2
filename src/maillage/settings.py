"""Settings declared once, with their default and help text.

Every setting can be overridden by an environment variable MAILLAGE_<NAME>.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

MB = 1024 * 1024


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting(
        "sqlite:///maillage.db", "Database URL (SQLite file or postgresql+psycopg://...)"
    )
    max_document_bytes: int = _setting(
        50 * MB, "Largest document accepted, after decompression; larger items are quarantined"
    )
    max_html_depth: int = _setting(
        400, "Deepest HTML element nesting accepted; deeper pages are quarantined"
    )
    max_document_chars: int = _setting(
        500_000, "Longest article text accepted, in characters; longer ones are quarantined"
    )
    batch_size: int = _setting(50, "Documents written per database transaction")
    workers: int = _setting(1, "Extraction worker processes")
    sqlite_busy_timeout_ms: int = _setting(30_000, "How long SQLite waits for a lock")
    base_iri: str = _setting(
        "https://maillage.example.org/id/",
        "Base of the IRIs of entities, facts and documents in RDF exports (end it with /)",
    )
    max_request_bytes: int = _setting(
        64 * 1024, "Largest request body the API accepts; larger ones get 413"
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then MAILLAGE_* environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"MAILLAGE_{f.name.upper()}")
            if raw is not None:
                values[f.name] = int(raw) if isinstance(f.default, int) else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) of every setting, for documentation."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]
