"""Safe byte reading: size caps, bounded decompression, binary sniffing."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import BinaryIO

from ..errors import BinaryInput, EmptyInput, TooLarge, TruncatedInput

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


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Decompress gzip data without ever holding more than `cap` bytes of output."""
    decompressor = zlib.decompressobj(wbits=47)
    out = io.BytesIO()
    view = memoryview(data)
    pos = 0
    while pos < len(view) or decompressor.unconsumed_tail:
        chunk = decompressor.unconsumed_tail or bytes(view[pos : pos + _CHUNK])
        if not decompressor.unconsumed_tail:
            pos += _CHUNK
        try:
            out.write(decompressor.decompress(chunk, cap + 1 - out.tell()))
        except zlib.error as exc:
            raise TruncatedInput(f"corrupt gzip data ({exc}).", "Re-download the file.") from exc
        if out.tell() > cap:
            raise TooLarge(
                f"gzip content expands past the {cap:,} byte cap.",
                "Split it, or raise MAILLAGE_MAX_DOCUMENT_BYTES.",
            )
        if decompressor.eof:
            break
    if not decompressor.eof:
        raise TruncatedInput(
            f"truncated gzip stream (ends after {len(data):,} compressed bytes).",
            "Re-download the file.",
        )
    return out.getvalue()


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
