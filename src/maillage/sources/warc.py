"""WARC crawls: HTML (and plain text) response records, the target URI as URL."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError, MalformedInput, TooLarge, TruncatedInput
from ..models import Quarantined, RawDocument
from .decoding import decode
from .html import looks_like_html, read_html
from .reading import check_not_binary
from .text import clean_text

_ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = (b"WARC/1.0\r\n", b"WARC/1.1\r\n")
_CHUNK = 1024 * 1024


def read_warc(
    path: Path, source: str, cap: int, max_depth: int
) -> Iterator[RawDocument | Quarantined]:
    """Articles of a WARC file; a broken record is quarantined and reading resumes after it."""
    data_size = path.stat().st_size
    offset = 0
    with path.open("rb") as stream:
        while offset < data_size:
            stream.seek(offset)
            failed_at = yield from _records_from(stream, source, cap, max_depth)
            if failed_at is None:
                return
            offset = _next_record_start(path, failed_at + 1)
            if offset < 0:
                return


def _records_from(
    stream: BinaryIO, source: str, cap: int, max_depth: int
) -> Generator[RawDocument | Quarantined, None, int | None]:
    """Yield records from the stream's position; return where a broken record starts, or None."""
    records = _QuietArchiveIterator(stream, check_digests=False)
    try:
        for record in records:
            position = f"record at byte {records.offset}"  # absolute: set before the record is read
            if not _is_article(record):
                continue
            try:
                yield _article(record, source, position, cap, max_depth)
            except InputError as exc:
                yield Quarantined.from_error(source, position, exc)
        return None
    except Exception as exc:  # warcio raises many types for broken input
        broken = records.offset
        yield Quarantined.from_error(source, f"record at byte {broken}", _describe_failure(exc))
        return broken


class _QuietArchiveIterator(ArchiveIterator):
    """warcio prints length warnings to stderr; maillage reports problems in quarantine."""

    INC_RECORD = ""


def _describe_failure(exc: Exception) -> InputError:
    if (
        isinstance(exc, EOFError)
        or "truncated" in str(exc).lower()
        or "compressed" in str(exc).lower()
    ):
        return TruncatedInput(
            f"the WARC file is truncated or corrupt here ({type(exc).__name__}: {exc}).",
            "The records before it were ingested; re-download the file.",
        )
    return MalformedInput(
        f"unreadable WARC record ({type(exc).__name__}: {str(exc)[:200]}).",
        "Other records were still read; check the tool that wrote the file "
        "(a wrong Content-Length is the usual cause).",
    )


def _next_record_start(path: Path, after: int) -> int:
    """Offset of the next gzip member or WARC header after `after`, or -1 (read in chunks:
    crawls are large)."""
    with path.open("rb") as stream:
        markers = (_GZIP_MEMBER,) if stream.read(3) == _GZIP_MEMBER else _WARC_HEADER
        overlap = max(len(m) for m in markers) - 1
        stream.seek(after)
        position, tail = after, b""
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            found = [pos for marker in markers if (pos := window.find(marker)) >= 0]
            if found:
                return position - len(tail) + min(found)
            tail, position = window[-overlap:], position + len(chunk)
    return -1


def _is_article(record: ArcWarcRecord) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )
    return content_type.split(";")[0].strip().lower() in _ARTICLE_TYPES


def _article(
    record: ArcWarcRecord, source: str, position: str, cap: int, max_depth: int
) -> RawDocument:
    if record.http_headers and record.http_headers.get_statuscode() not in (None, "200"):
        raise MalformedInput(f"HTTP status {record.http_headers.get_statuscode()}, not an article.")
    body = record.content_stream().read(cap + 1)
    if len(body) > cap:
        raise TooLarge(f"record is larger than the {cap:,} byte cap.")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise TruncatedInput(
            f"the record ends {missing:,} bytes short of its Content-Length (truncated file).",
            "The records before it were ingested; re-download the file.",
        )
    check_not_binary(body)
    uri = record.rec_headers.get_header("WARC-Target-URI")
    text = decode(body, _charset(record)).text
    if looks_like_html(text):
        document = read_html(text, source, position, max_depth)
    else:
        cleaned = clean_text(text)
        document = RawDocument(
            cleaned.text,
            source,
            position,
            title=cleaned.title,
            author=cleaned.author,
            published=cleaned.published,
        )
    document.url = uri or document.url
    document.format = "warc"
    return document


def _charset(record: ArcWarcRecord) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=")[1].split(";")[0].strip(" \"'")
    return None
