"""Extraction engines behind one interface (`Engine.run`): in this process, a local pool of
processes, or Ray actors. The driver consuming them is the only writer to the store."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from .base import Done, Engine, Extractor, Feedback, Say
from .inprocess import InProcessEngine
from .local import LocalEngine

__all__ = ["ENGINES", "Done", "Engine", "EngineChoice", "Extractor", "Feedback", "open_engine"]

ENGINES = ("inprocess", "local", "ray")


@dataclass(frozen=True, slots=True)
class EngineChoice:
    """Which engine a command runs extraction on: `kind` None picks in-process for one
    worker and the local pool for more."""

    kind: str | None = None
    workers: int = 1
    address: str | None = None

    def resolved(self) -> str:
        """The engine's name, once checked that it can run here."""
        kind = self.kind or ("local" if self.workers > 1 else "inprocess")
        if kind not in ENGINES:
            raise UsageError(f"unknown engine '{kind}'.", f"Use one of: {', '.join(ENGINES)}.")
        if self.address and kind != "ray":
            raise UsageError("--address is for --engine ray.", "Add --engine ray, or drop it.")
        if kind == "ray":
            from .cluster import import_ray

            import_ray()  # not installed: one clear error before any work starts
        return kind


def open_engine(choice: EngineChoice, extract: Extractor, say: Say) -> Engine:
    """The engine `choice` names, not started yet (use it in a `with` block)."""
    kind = choice.resolved()
    if kind == "ray":
        from .cluster import RayEngine  # Ray is optional: imported only when asked for

        return RayEngine(extract, choice.workers, say=say, address=choice.address)
    if kind == "local":
        return LocalEngine(extract, choice.workers, say=say)
    return InProcessEngine(extract, say=say)
