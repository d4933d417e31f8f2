"""Settings declared once, with their default and help text.

Every setting can be overridden by an environment variable MAILLAGE_<NAME>; a value that
does not fit its setting is refused with the variable's name and what it expects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from .errors import InvalidSetting

MB = 1024 * 1024


def _setting(default: Any, help: str, minimum: float | None = None) -> Any:
    return field(default=default, metadata={"help": help, "minimum": minimum})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting(
        "sqlite:///maillage.db", "Database URL (SQLite file or postgresql+psycopg://...)"
    )
    max_document_bytes: int = _setting(
        50 * MB,
        "Largest document accepted, after decompression; larger items are quarantined",
        minimum=1,
    )
    max_html_depth: int = _setting(
        400, "Deepest HTML element nesting accepted; deeper pages are quarantined", minimum=1
    )
    max_document_chars: int = _setting(
        500_000,
        "Longest article text accepted, in characters; longer ones are quarantined",
        minimum=1,
    )
    warc_max_line_bytes: int = _setting(
        1 * MB, "Longest header line read in a WARC file; longer ones are quarantined", minimum=1
    )
    include: tuple[str, ...] = _setting(
        (), "Inside folders, read only files matching one of these globs (comma-separated)"
    )
    exclude: tuple[str, ...] = _setting(
        (), "Inside folders, skip files and folders matching these globs (comma-separated)"
    )
    batch_size: int = _setting(50, "Documents written per database transaction", minimum=1)
    workers: int = _setting(1, "Extraction worker processes", minimum=1)
    sqlite_busy_timeout_ms: int = _setting(
        30_000,
        "How long a write waits for another's lock (SQLite, and PostgreSQL's lock_timeout)",
        0,
    )
    base_iri: str = _setting(
        "https://maillage.example.org/id/",
        "Base of the IRIs of entities, facts and documents in RDF exports (end it with /)",
    )
    max_request_bytes: int = _setting(
        64 * 1024, "Largest request body the API accepts; larger ones get 413", minimum=1
    )
    max_url_bytes: int = _setting(
        8 * 1024, "Longest request path and query the API accepts; longer ones get 414", minimum=1
    )
    rate_limit: int = _setting(
        1200, "API requests per minute from one client address before 429 (0: no limit)", 0
    )
    header_timeout_s: float = _setting(
        10.0, "Seconds a client may take to send a request's headers", minimum=0.1
    )
    body_timeout_s: float = _setting(
        30.0, "Seconds a client may take to send a request's body", minimum=0.1
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(f.name, getattr(self, f.name), f.default, f.metadata["minimum"])

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then MAILLAGE_* environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(_variable(f.name))
            if raw is not None:
                values[f.name] = _parse(f.name, raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) of every setting, for documentation."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]


def _variable(name: str) -> str:
    return f"MAILLAGE_{name.upper()}"


def _parse(name: str, raw: str, default: Any) -> Any:
    """An environment variable's text as the type of the setting's default."""
    if isinstance(default, tuple):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    if isinstance(default, str):
        return raw
    kind = "a whole number" if isinstance(default, int) else "a number"
    try:
        return int(raw) if isinstance(default, int) else float(raw)
    except ValueError:
        raise InvalidSetting(
            f"{_variable(name)}={raw!r} is not {kind}.",
            f"Set it to {kind} (default {default}) or unset it.",
        ) from None


def _check(name: str, value: Any, default: Any, minimum: float | None) -> None:
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return _check(name, float(value), default, minimum)
    if not isinstance(value, expected) or isinstance(value, bool):
        raise InvalidSetting(
            f"setting {name} must be {expected.__name__}, got {value!r}.",
            f"Set {_variable(name)} or the option to a valid value.",
        )
    if minimum is not None and value < minimum:
        raise InvalidSetting(
            f"setting {name} must be at least {minimum:g}, got {value}.",
            f"Set {_variable(name)} or the option to {minimum:g} or more.",
        )
    return None
