"""Extraction in the driver's own process: the default, and the reference for the others."""

from __future__ import annotations

from typing import Any

from ..models import Document, ExtractionRecord
from .base import MODEL_LOADING, Engine


class InProcessEngine(Engine):
    name = "in-process"

    def start(self) -> None:
        self.say(MODEL_LOADING)
        self.extract([])  # loads the pipeline now, not inside the first batch

    def submit(self, documents: list[Document]) -> Any:
        return documents  # run lazily in `wait`, so that the bound on batches holds

    def wait(self, handle: Any) -> list[ExtractionRecord]:
        return self.extract(handle)
