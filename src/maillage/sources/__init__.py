"""Read articles from files, directories, stdin, JSONL dumps and WARC crawls.

One orchestrator, `read_sources`, yields a `RawDocument` per readable article
and a `Quarantined` entry per item that could not be read; nothing stops the batch.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, InputError, TooLarge, TruncatedInput, UnreadablePath
from ..models import Quarantined, RawDocument, Skipped
from ..settings import Settings
from .decoding import decode, storable
from .html import looks_like_html, read_html
from .jsonl import is_article_json, load_json, read_json, read_jsonl
from .reading import (
    GZIP_MAGIC,
    Gunzipped,
    check_not_binary,
    gunzip_capped,
    read_file,
    trailing_data,
)
from .text import clean_text
from .walk import STDIN, Found, Selection, expand_paths, printable
from .warc import read_warc

__all__ = ["count_items", "detect_format", "read_sources"]

Item = RawDocument | Quarantined
OnSkip = Callable[[Skipped], None]

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".json": "json",
}


def read_sources(
    paths: list[str], settings: Settings, on_skip: OnSkip | None = None
) -> Iterator[Item]:
    """Every article under `paths`, in a stable order; files of folders that are not
    articles (README, gold JSON, dotfiles, --exclude) go to `on_skip`."""
    skip = on_skip or (lambda _skipped: None)
    for item in _read_all(paths, settings, skip):
        yield _finished(item, settings.max_document_chars)


def count_items(paths: list[str], settings: Settings) -> int | None:
    """About how many items `read_sources` will yield, found cheaply (files counted, JSONL
    lines counted in large blocks without parsing); None when a WARC file or stdin makes the
    number unknowable without reading everything."""
    selection = Selection(_readable, settings.include, settings.exclude)
    total = 0
    for found in expand_paths(paths, selection):
        if isinstance(found, Skipped):
            continue
        if isinstance(found, Quarantined):
            total += 1
            continue
        count = _count_in(found.path)
        if count is None:
            return None
        total += count
    return total


def _count_in(path: Path) -> int | None:
    if str(path) == STDIN:
        return None
    try:
        fmt = detect_format(path)
        return _count_lines(path) if fmt == "jsonl" else (None if fmt == "warc" else 1)
    except (OSError, InputError, EOFError, zlib.error):
        return 1  # the read will quarantine it: one item


def _count_lines(path: Path, block: int = 1 << 20) -> int:
    """Non-empty lines of a JSONL file, about: newlines counted block by block."""
    lines = 0
    last = b"\n"
    with _open_maybe_gzip(path) as stream:
        while chunk := stream.read(block):
            lines += chunk.count(b"\n") - chunk.count(b"\n\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def _read_all(paths: list[str], settings: Settings, skip: OnSkip) -> Iterator[Item]:
    selection = Selection(_readable, settings.include, settings.exclude)
    for found in expand_paths(paths, selection):
        if isinstance(found, Skipped):
            skip(found)
        elif isinstance(found, Quarantined):
            yield found
        elif str(found.path) == STDIN:
            with _stdin_as_file() as path:
                yield from _read_path(Found(path, named=True), "<stdin>", settings, skip)
        else:
            yield from _read_path(found, printable(str(found.path)), settings, skip)


def _finished(item: Item, cap: int) -> Item:
    """Every string storable; no empty article; none longer than the language model takes."""
    if isinstance(item, Quarantined):
        return item
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, str):
            setattr(item, f.name, storable(value))
    if not item.text.strip():
        error = EmptyInput("no article text left once page furniture is removed.")
        return Quarantined.from_error(item.source, item.position, error)
    return _within_length(item, cap)


def _within_length(item: RawDocument, cap: int) -> Item:
    """The language model parses at most about a million characters at once; an article is
    far shorter, so a longer text is a book, a dump or a parsing accident."""
    if len(item.text) <= cap:
        return item
    error = TooLarge(
        f"its text has {len(item.text):,} characters, over the {cap:,} cap "
        "(MAILLAGE_MAX_DOCUMENT_CHARS); split it into articles or raise the cap."
    )
    return Quarantined.from_error(item.source, item.position, error)


def _read_path(found: Found, source: str, settings: Settings, skip: OnSkip) -> Iterator[Item]:
    path = found.path
    try:
        fmt = detect_format(path)
        if fmt == "warc":
            yield from read_warc(
                path,
                source,
                settings.max_document_bytes,
                settings.max_html_depth,
                settings.warc_max_line_bytes,
            )
        elif fmt == "jsonl":
            yield from _read_jsonl_file(path, source, settings)
        elif fmt == "json":
            yield from _read_json_file(found, source, settings, skip)
        else:
            yield from _read_single(path, source, fmt, settings)
    except InputError as exc:
        yield Quarantined.from_error(source, exc.position, exc)
    except OSError as exc:
        error = UnreadablePath(f"cannot read the file: {exc}.")
        yield Quarantined.from_error(source, "", error)


def _read_jsonl_file(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    lines = 0
    try:
        with _open_maybe_gzip(path) as stream:
            for item in read_jsonl(
                stream, source, settings.max_document_bytes, settings.max_html_depth
            ):
                lines += 1
                yield item
    except gzip.BadGzipFile:  # raised by the gzip module for bytes after the last member
        yield Quarantined.from_error(source, "", trailing_data(f"after item {lines}"))
    except (EOFError, zlib.error) as exc:
        error = TruncatedInput(
            f"the gzip stream is truncated or corrupt after item {lines} ({exc}).",
            "The lines before were read; re-download the file.",
        )
        yield Quarantined.from_error(source, "", error)


def _read_json_file(found: Found, source: str, settings: Settings, skip: OnSkip) -> Iterator[Item]:
    unpacked = _read_bytes(found.path, settings.max_document_bytes)
    value = load_json(unpacked.data)
    if found.named or is_article_json(value):
        yield from read_json(value, source, settings.max_html_depth)
    else:
        skip(Skipped(source, "JSON data (gold annotations, metadata), not an article"))
    yield from _trailing(source, unpacked)


def _suffix(path: Path) -> str:
    """The extension that names the format, looking through a final .gz ('' if none)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _readable(path: Path) -> bool:
    """Inside folders: known article extensions, .gz of them, and files with no extension."""
    suffix = _suffix(path)
    return not suffix or suffix in _EXTENSIONS or len(suffix) > 6


def detect_format(path: Path) -> str:
    """'text', 'html', 'json', 'jsonl' or 'warc', from the extension, else from the content."""
    return _EXTENSIONS.get(_suffix(path)) or _sniff(path)


def _sniff(path: Path) -> str:
    with _open_maybe_gzip(path) as stream:
        head = stream.read(4096)
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip()
    if stripped.startswith(b"{") and b"\n" in stripped:
        return "jsonl"
    try:
        text = decode(head).text
    except InputError:
        return "text"  # let the full read report the real problem
    return "html" if looks_like_html(text) else "text"


@contextmanager
def _open_maybe_gzip(path: Path) -> Iterator[BinaryIO]:
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
    stream: BinaryIO = gzip.open(path, "rb") if gzipped else path.open("rb")  # type: ignore[assignment]  # noqa: SIM115
    try:
        yield stream
    finally:
        stream.close()


def _read_bytes(path: Path, cap: int) -> Gunzipped:
    """A file's bytes, decompressed, with where trailing garbage starts if there is any."""
    data = read_file(path, cap)
    unpacked = gunzip_capped(data, cap) if data.startswith(GZIP_MAGIC) else Gunzipped(data)
    check_not_binary(unpacked.data)
    return unpacked


def _trailing(source: str, unpacked: Gunzipped) -> Iterator[Quarantined]:
    if unpacked.trailing_at is not None:
        yield Quarantined.from_error(source, "", trailing_data(unpacked.trailing_at))


def _read_single(path: Path, source: str, fmt: str, settings: Settings) -> Iterator[Item]:
    unpacked = _read_bytes(path, settings.max_document_bytes)
    decoded = decode(unpacked.data)
    if fmt == "html" or looks_like_html(decoded.text):
        document = read_html(decoded.text, source, max_depth=settings.max_html_depth)
    else:
        document = _plain(decoded.text, source)
    document.encoding = decoded.encoding
    yield document
    yield from _trailing(source, unpacked)


def _plain(text: str, source: str) -> RawDocument:
    cleaned = clean_text(text)  # an empty result is quarantined by _finished
    return RawDocument(
        text=cleaned.text,
        source=source,
        title=cleaned.title,
        author=cleaned.author,
        published=cleaned.published,
    )


@contextmanager
def _stdin_as_file() -> Iterator[Path]:
    """Spool stdin to a temporary file so every reader can treat it as a path."""
    with tempfile.NamedTemporaryFile(prefix="maillage-stdin-") as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.flush()
        yield Path(spool.name)
