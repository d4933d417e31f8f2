"""WARC crawls: HTML (and plain text) response records, the target URI as URL."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError, LineTooLong, MalformedInput, TooLarge, TruncatedInput, WrongLength
from ..models import Quarantined, RawDocument
from .decoding import decode
from .html import looks_like_html, read_html
from .reading import check_not_binary
from .text import clean_text

_ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = (b"WARC/1.0\r\n", b"WARC/1.1\r\n")
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Crawl:
    """One WARC file being read and the limits that apply to it."""

    path: Path
    source: str
    cap: int
    max_depth: int
    max_line: int
    size: int
    compressed: bool

    def overruns(self, offset: int, record: ArcWarcRecord) -> bool:
        """An uncompressed record whose Content-Length goes past the end of the file: warcio
        would take every record after it as its content."""
        return not self.compressed and offset + (record.length or 0) > self.size


def read_warc(
    path: Path, source: str, cap: int, max_depth: int, max_line: int
) -> Iterator[RawDocument | Quarantined]:
    """Articles of a WARC file; a broken record is quarantined and reading resumes after it."""
    with path.open("rb") as stream:
        crawl = _Crawl(
            path, source, cap, max_depth, max_line, path.stat().st_size, _is_gzip(stream)
        )
        offset: int | None = 0
        while offset is not None and offset < crawl.size:
            stream.seek(offset)
            resume = yield from _records_from(stream, crawl)
            # reading only ever moves forward, whatever a damaged file says
            offset = resume if resume is None or resume > offset else None


def _is_gzip(stream: BinaryIO) -> bool:
    compressed = stream.read(3) == _GZIP_MEMBER
    stream.seek(0)
    return compressed


def _records_from(
    stream: BinaryIO, crawl: _Crawl
) -> Generator[RawDocument | Quarantined, None, int | None]:
    """Yield records from the stream's position; return where to resume after a broken
    record, or None at the end of the file."""
    start = stream.tell()
    records = _BoundedArchiveIterator(stream, crawl.max_line)
    try:
        for record in records:
            position = f"record at byte {records.offset}"  # absolute: set before the record is read
            if crawl.overruns(records.offset, record):
                resume = _next_record_start(crawl.path, records.offset + 1)
                if resume >= 0:
                    yield Quarantined.from_error(
                        crawl.source, position, _wrong_length(record, resume)
                    )
                    return resume
            if not _is_article(record):
                continue
            try:
                yield _article(record, crawl.source, position, crawl.cap, crawl.max_depth)
            except InputError as exc:
                yield Quarantined.from_error(crawl.source, position, exc)
        return None
    except Exception as exc:  # warcio raises many types for broken input
        broken = max(records.offset, start)  # warcio says -1 before its first record
        yield Quarantined.from_error(
            crawl.source, f"record at byte {broken}", _describe_failure(exc)
        )
        resume = _next_record_start(crawl.path, broken + 1)
        return resume if resume >= 0 else None


def _wrong_length(record: ArcWarcRecord, resume: int) -> WrongLength:
    return WrongLength(
        f"its Content-Length ({record.length:,} bytes) runs past the end of the file, "
        f"and another record starts at byte {resume}; this record is skipped and reading "
        "goes on from there.",
        "Check the tool that wrote the file (the Content-Length is wrong).",
    )


class _BoundedArchiveIterator(ArchiveIterator):
    """warcio with lines read in linear time up to a length cap (warcio joins a long line's
    pieces one by one, quadratic, and holds all of it), and without its stderr warnings:
    maillage reports problems in quarantine."""

    INC_RECORD = ""

    def __init__(self, stream: BinaryIO, max_line: int) -> None:
        super().__init__(stream, check_digests=False)
        self.reader = _BoundedReader(self.fh, max_line)


class _BoundedReader(DecompressingBufferedReader):
    def __init__(self, stream: Any, max_line: int) -> None:
        super().__init__(stream)
        self.max_line = max_line

    def readline(self, length: int | None = None) -> bytes:
        if length == 0:
            return b""
        parts: list[bytes] = []
        size = 0
        while length is None or size < length:
            self._fillbuff()
            if self.empty():
                break
            part = self.buff.readline(None if length is None else length - size)
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n"):
                break
            if size > self.max_line:
                raise LineTooLong(
                    f"a line of more than {self.max_line:,} bytes: this is not a WARC "
                    "record header (a damaged file, or not a WARC at all).",
                    "Other records were still read; raise MAILLAGE_WARC_MAX_LINE_BYTES "
                    "if the file is a real crawl.",
                )
        return b"".join(parts)


def _describe_failure(exc: Exception) -> InputError:
    if isinstance(exc, InputError):
        return exc
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
