"""Expand the paths a user gives into input files, safely (symlink loops, missing paths)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import UnreadablePath, UnsupportedFile
from ..models import Quarantined

STDIN = "-"


def expand_paths(
    paths: list[str], readable: Callable[[Path], bool] = lambda _: True
) -> Iterator[Path | Quarantined]:
    """Files under the given paths in a stable order; unreadable paths as quarantine entries.
    Files named on the command line are always read; inside folders, only `readable` ones."""
    for raw in paths:
        if raw == STDIN:
            yield Path(STDIN)
            continue
        path = Path(raw)
        problem = _problem(path)
        if problem:
            yield Quarantined.from_error(raw, "", problem)
        elif path.is_dir():
            yield from _walk(path, set(), readable)
        else:
            yield path


def _problem(path: Path) -> UnreadablePath | None:
    try:
        path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return UnreadablePath("broken symbolic link.", "Fix or remove the link.")
        return UnreadablePath("no such file or directory.", "Check the path.")
    except OSError as exc:
        return UnreadablePath(f"{(exc.strerror or str(exc)).lower()}.", "Check the path.")
    if not os.access(path, os.R_OK):
        return UnreadablePath("permission denied.", "Check the file's permissions.")
    return None


def _walk(
    directory: Path, visited: set[tuple[int, int]], readable: Callable[[Path], bool]
) -> Iterator[Path | Quarantined]:
    identity = _identity(directory)
    if identity in visited:
        yield Quarantined.from_error(
            str(directory),
            "",
            UnreadablePath("symbolic link loop; not followed.", "Remove the loop."),
        )
        return
    visited = visited | {identity}
    try:
        children = sorted(directory.iterdir())
    except OSError as exc:
        yield Quarantined.from_error(
            str(directory), "", UnreadablePath(f"cannot list: {exc.strerror}.")
        )
        return
    for child in children:
        if child.name.startswith("."):
            continue
        problem = _problem(child)
        if problem:
            yield Quarantined.from_error(str(child), "", problem)
        elif child.is_dir():
            yield from _walk(child, visited, readable)
        elif child.is_file() and readable(child):
            yield child
        elif child.is_file():
            yield Quarantined.from_error(
                str(child),
                "",
                UnsupportedFile(
                    f"'{child.suffix}' files are not articles.",
                    "Rename it .txt to read it as text.",
                ),
            )


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino
