"""Persistence of the graph: schema, migrations and repository functions."""

from .engine import connect, normalize_url
from .repository import Store

__all__ = ["Store", "connect", "normalize_url"]
