"""Safe byte reading: size caps, bounded decompression, binary sniffing."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import BinaryInput, EmptyInput, TooLarge, TrailingData, TruncatedInput

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1024 * 1024

# Magic numbers of formats people drop by mistake into an article folder.
_BINARY_SIGNATURES = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 archive",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"7z\xbc\xaf": "7-Zip archive",
}


def read_capped(stream: BinaryIO, cap: int, what: str) -> bytes:
    """Read a whole stream, refusing more than `cap` bytes."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(
            f"{what} is larger than the {cap:,} byte cap.",
            "Split it, or raise MAILLAGE_MAX_DOCUMENT_BYTES.",
        )
    return data


def read_file(path: Path, cap: int) -> bytes:
    size = path.stat().st_size
    if size > cap:
        raise TooLarge(
            f"file is {size:,} bytes, over the {cap:,} byte cap.",
            "Split it, or raise MAILLAGE_MAX_DOCUMENT_BYTES.",
        )
    with path.open("rb") as stream:
        return stream.read()


@dataclass(frozen=True, slots=True)
class Gunzipped:
    data: bytes
    trailing_at: int | None = None  # where bytes that are not gzip follow the last member


def gunzip_capped(data: bytes, cap: int) -> Gunzipped:
    """Decompress every gzip member of `data` without ever holding more than `cap` bytes of
    output; bytes after the last member that are neither gzip nor padding are reported."""
    out = io.BytesIO()
    rest = memoryview(data)
    while True:
        rest = _gunzip_member(rest, out, cap, len(data))
        if bytes(rest[:2]) != GZIP_MAGIC:
            break
    if bytes(rest).strip(b"\0"):
        return Gunzipped(out.getvalue(), len(data) - len(rest))
    return Gunzipped(out.getvalue())


def _gunzip_member(data: memoryview, out: io.BytesIO, cap: int, total: int) -> memoryview:
    """Decompress the member at the start of `data` into `out`; return what follows it."""
    decompressor = zlib.decompressobj(wbits=31)
    pos = 0
    while not decompressor.eof:
        chunk = decompressor.unconsumed_tail or bytes(data[pos : pos + _CHUNK])
        if not decompressor.unconsumed_tail:
            pos += _CHUNK
        if not chunk:
            raise TruncatedInput(
                f"truncated gzip stream (ends after {total:,} compressed bytes).",
                "Re-download the file.",
            )
        try:
            out.write(decompressor.decompress(chunk, cap + 1 - out.tell()))
        except zlib.error as exc:
            raise TruncatedInput(f"corrupt gzip data ({exc}).", "Re-download the file.") from exc
        if out.tell() > cap:
            raise TooLarge(
                f"gzip content expands past the {cap:,} byte cap.",
                "Split it, or raise MAILLAGE_MAX_DOCUMENT_BYTES.",
            )
    consumed = min(pos, len(data)) - len(decompressor.unused_data)
    return data[consumed:]


def trailing_data(offset: int | str) -> TrailingData:
    return TrailingData(
        "bytes that are not gzip follow the end of the compressed stream; "
        "what came before them was read.",
        "Re-download or re-compress the file if something is missing.",
        position=f"byte {offset}" if isinstance(offset, int) else offset,
    )


def check_not_binary(data: bytes) -> None:
    """Refuse empty input and well-known binary formats before any decoding."""
    if not data.strip():
        raise EmptyInput("the file is empty.", "Nothing to ingest; remove it or check the export.")
    for magic, name in _BINARY_SIGNATURES.items():
        if data.startswith(magic):
            raise BinaryInput(
                f"this is a {name}, not an article.",
                "maillage reads text, HTML, JSONL and WARC; convert it to text first.",
            )
    if b"\x00" in data[:4096] and not _is_utf16_or_32(data):
        raise BinaryInput(
            "binary content (NUL bytes) in what should be text.",
            "Check that the file is an article; convert it to text first.",
        )


def _is_utf16_or_32(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (
        b"\x00\x00\xfe\xff",
        b"\xff\xfe\x00\x00",
    )
