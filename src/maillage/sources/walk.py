"""Expand the paths a user gives into input files, safely (symlink loops, missing paths,
FIFOs and devices), and choose which files found in folders are articles."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import NotRegularFile, UnreadablePath
from ..models import Quarantined, Skipped

STDIN = "-"
# Files that sit beside articles in a folder but are not articles.
_NOT_ARTICLES = re.compile(
    r"(readme|licen[cs]e|copying|changelog|changes|notice|authors|contributing)(\..*)?",
    re.IGNORECASE,
)
# Controls, line and paragraph separators, bidirectional overrides, undecodable bytes.
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(label: str) -> str:
    """A path or position as one line of text: control, bidirectional and undecodable
    characters escaped, so a file name cannot forge lines or colours of a report."""
    return _UNPRINTABLE.sub(_escaped, label)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


@dataclass(frozen=True, slots=True)
class Found:
    """An input file; `named` when the user gave it (always read), not found in a folder."""

    path: Path
    named: bool


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files found in folders are read: article extensions (`readable`), minus
    --exclude globs, and only --include globs when some are given."""

    readable: Callable[[Path], bool]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def skip_reason(self, path: Path, root: Path) -> str | None:
        relative = path.relative_to(root).as_posix()
        if path.name.startswith("."):
            return "hidden file"
        if excluded := next((p for p in self.exclude if _matches(p, path, relative)), None):
            return f"excluded by --exclude {excluded}"
        if path.is_dir():
            return None
        if _NOT_ARTICLES.fullmatch(path.name):
            return "not an article (documentation or licence)"
        if self.include and not any(_matches(p, path, relative) for p in self.include):
            return "not matched by --include"
        if not self.readable(path):
            return f"'{path.suffix}' files are not articles; name the file to read it anyway"
        return None


def _matches(pattern: str, path: Path, relative: str) -> bool:
    return fnmatchcase(path.name, pattern) or fnmatchcase(relative, pattern)


def expand_paths(paths: list[str], selection: Selection) -> Iterator[Found | Quarantined | Skipped]:
    """Files under the given paths in a stable order; unreadable paths as quarantine entries,
    files of folders that are not articles as skipped entries."""
    for raw in paths:
        if raw == STDIN:
            yield Found(Path(STDIN), named=True)
            continue
        path = Path(raw)
        problem = _problem(path)
        if problem:
            yield Quarantined.from_error(printable(raw), "", problem)
        elif path.is_dir():
            yield from _walk(path, path, set(), selection)
        else:
            yield Found(path, named=True)


def _problem(path: Path) -> UnreadablePath | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return UnreadablePath("broken symbolic link.", "Fix or remove the link.")
        return UnreadablePath("no such file or directory.", "Check the path.")
    except OSError as exc:
        return UnreadablePath(f"{(exc.strerror or str(exc)).lower()}.", "Check the path.")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return NotRegularFile(
            f"this is a {_file_type(mode)}, not a file; reading it could block or never end.",
            "Copy what it produces into a file, or pipe it to `maillage ingest -`.",
        )
    if not os.access(path, os.R_OK):
        return UnreadablePath("permission denied.", "Check the file's permissions.")
    return None


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else "special file"


def _walk(
    directory: Path, root: Path, visited: set[tuple[int, int]], selection: Selection
) -> Iterator[Found | Quarantined | Skipped]:
    identity = _identity(directory)
    if identity in visited:
        loop = UnreadablePath("symbolic link loop; not followed.", "Remove the loop.")
        yield _quarantined(directory, loop)
        return
    visited = visited | {identity}
    try:
        children = sorted(directory.iterdir())
    except OSError as exc:
        yield _quarantined(directory, UnreadablePath(f"cannot list: {exc.strerror}."))
        return
    for child in children:
        problem = None if child.name.startswith(".") else _problem(child)
        reason = None if problem else selection.skip_reason(child, root)
        if problem:
            yield _quarantined(child, problem)
        elif reason:
            yield Skipped(printable(str(child)), reason)
        elif child.is_dir():
            yield from _walk(child, root, visited, selection)
        else:
            yield Found(child, named=False)


def _quarantined(path: Path, problem: UnreadablePath) -> Quarantined:
    return Quarantined.from_error(printable(str(path)), "", problem)


def _identity(path: Path) -> tuple[int, int]:
    stat_result = path.stat()
    return stat_result.st_dev, stat_result.st_ino
