"""Extraction on Ray: a pool of actors, each loading the spaCy pipeline once, on a local Ray
or on a cluster (`address`). Ray is an optional extra: `pip install 'maillage[cluster]'`."""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from typing import Any

from ..errors import EngineUnavailable
from ..models import Document, ExtractionRecord
from .base import MODEL_LOADING, Engine, Extractor, Say, WorkerLost, _silent, plural

INSTALL_HINT = "Install it with `pip install 'maillage[cluster]'`, or use --engine local."


def import_ray() -> Any:
    """The ray module, or one clear error saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise EngineUnavailable(
            "--engine ray needs Ray, which is not installed.", INSTALL_HINT
        ) from exc
    return ray


class _Worker:
    """The actor: one pipeline, loaded when the actor starts, for every batch it is given."""

    def __init__(self, extract: Extractor) -> None:
        self.extract = extract
        extract([])

    def ready(self) -> bool:
        return True

    def run(self, documents: list[Document]) -> list[ExtractionRecord]:
        return self.extract(documents)


@dataclass(slots=True)
class _Handle:
    ref: Any
    slot: int
    actor: Any  # the actor that ran it: one that was replaced already is not replaced again


class RayEngine(Engine):
    name = "ray"

    def __init__(
        self,
        extract: Extractor,
        workers: int = 1,
        in_flight: int = 0,
        say: Say = _silent,
        address: str | None = None,
    ) -> None:
        super().__init__(extract, workers, in_flight, say)
        self.address = address
        self.ray = import_ray()
        self._actors: list[Any] = []
        self._started_ray = False
        self._turn = itertools.cycle(range(workers))

    def start(self) -> None:
        ray = self.ray
        if not ray.is_initialized():
            where = self.address or "a local Ray"
            self.say(f"starting {where}…" if not self.address else f"connecting to {where}…")
            options: dict[str, Any] = {
                "log_to_driver": False,
                "include_dashboard": False,
                "logging_level": logging.ERROR,  # Ray's own start-up notices are not for users
            }
            if self.address:
                ray.init(address=self.address, **options)
            else:
                # Ray runs its workers at nice 15 so that a driver stays responsive; here the
                # actors are the work itself, and on a shared machine they would give way to
                # any other process (a cluster keeps its own setting)
                ray.init(num_cpus=self.workers, _system_config={"worker_niceness": 0}, **options)
            self._started_ray = True
        self.say(f"{MODEL_LOADING} (in {plural(self.workers, 'Ray actor')})")
        self._remote = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_Worker)
        self._actors = [self._remote.remote(self.extract) for _ in range(self.workers)]
        ray.get([actor.ready.remote() for actor in self._actors])

    def stop(self, failed: bool) -> None:
        for actor in self._actors:
            self.ray.kill(actor)
        self._actors = []
        if self._started_ray:
            self.ray.shutdown()
            self._started_ray = False

    def submit(self, documents: list[Document]) -> Any:
        slot = next(self._turn)
        actor = self._actors[slot]
        return _Handle(actor.run.remote(documents), slot, actor)

    def wait(self, handle: Any) -> list[ExtractionRecord]:
        try:
            return list(self.ray.get(handle.ref))
        except self.ray.exceptions.RayActorError as exc:
            raise WorkerLost(f"Ray actor {handle.slot + 1} died") from exc

    def replace_worker(self, handle: Any) -> None:
        if self._actors[handle.slot] is handle.actor:
            self._actors[handle.slot] = self._remote.remote(self.extract)
