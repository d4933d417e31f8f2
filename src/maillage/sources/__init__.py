"""Read articles from files, directories, stdin, JSONL dumps and WARC crawls.

One orchestrator, `read_sources`, yields a `RawDocument` per readable article
and a `Quarantined` entry per item that could not be read; nothing stops the batch.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, InputError, TooLarge
from ..models import Quarantined, RawDocument
from ..settings import Settings
from .decoding import decode
from .html import looks_like_html, read_html
from .jsonl import read_json, read_jsonl
from .reading import GZIP_MAGIC, check_not_binary, gunzip_capped, read_file
from .text import clean_text
from .walk import STDIN, expand_paths
from .warc import read_warc

__all__ = ["detect_format", "read_sources"]

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


def read_sources(paths: list[str], settings: Settings) -> Iterator[RawDocument | Quarantined]:
    """Every article under `paths`, in a stable order."""
    for item in _read_all(paths, settings):
        yield _within_length(item, settings.max_document_chars)


def _read_all(paths: list[str], settings: Settings) -> Iterator[RawDocument | Quarantined]:
    for item in expand_paths(paths, _readable):
        if isinstance(item, Quarantined):
            yield item
        elif str(item) == STDIN:
            with _stdin_as_file() as path:
                yield from _read_path(path, "<stdin>", settings)
        else:
            yield from _read_path(item, str(item), settings)


def _within_length(item: RawDocument | Quarantined, cap: int) -> RawDocument | Quarantined:
    """The language model parses at most about a million characters at once; an article is
    far shorter, so a longer text is a book, a dump or a parsing accident."""
    if isinstance(item, Quarantined) or len(item.text) <= cap:
        return item
    error = TooLarge(
        f"its text has {len(item.text):,} characters, over the {cap:,} cap "
        "(MAILLAGE_MAX_DOCUMENT_CHARS); split it into articles or raise the cap."
    )
    return Quarantined.from_error(item.source, item.position, error)


def _read_path(path: Path, source: str, settings: Settings) -> Iterator[RawDocument | Quarantined]:
    try:
        fmt = detect_format(path)
        if fmt == "warc":
            yield from read_warc(path, source, settings.max_document_bytes, settings.max_html_depth)
        elif fmt == "jsonl":
            with _open_maybe_gzip(path) as stream:
                yield from read_jsonl(
                    stream, source, settings.max_document_bytes, settings.max_html_depth
                )
        elif fmt == "json":
            data = _read_bytes(path, settings.max_document_bytes)
            yield from read_json(data, source, settings.max_html_depth)
        else:
            yield _read_single(path, source, fmt, settings)
    except InputError as exc:
        yield Quarantined.from_error(source, exc.position, exc)
    except OSError as exc:
        yield Quarantined(source, "", f"[E009] cannot read the file: {exc}.", "E009")


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


def _read_bytes(path: Path, cap: int) -> bytes:
    data = read_file(path, cap)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_capped(data, cap)
    check_not_binary(data)
    return data


def _read_single(path: Path, source: str, fmt: str, settings: Settings) -> RawDocument:
    data = _read_bytes(path, settings.max_document_bytes)
    decoded = decode(data)
    if fmt == "html" or looks_like_html(decoded.text):
        document = read_html(decoded.text, source, max_depth=settings.max_html_depth)
    else:
        document = _plain(decoded.text, source)
    document.encoding = decoded.encoding
    return document


def _plain(text: str, source: str) -> RawDocument:
    cleaned = clean_text(text)
    if not cleaned.text:
        raise EmptyInput("no article text left once page furniture is removed.")
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
