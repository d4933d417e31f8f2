"""Bytes → text: BOM, declared charset, strict UTF-8, then charset-normalizer."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import BinaryInput, DecodingFailed

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_FRENCH = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’‘“”–—…€°\xa0\u202f")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What no database stores as text: NUL (PostgreSQL) and lone surrogates (not UTF-8).
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def storable(text: str) -> str:
    """`text` as every database stores it: NUL characters dropped (a NUL past the first
    bytes of a text file is damage, not content), lone surrogates replaced by U+FFFD."""
    if not _UNSTORABLE.search(text):
        return text
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode article bytes, recording which encoding was used."""
    for attempt in (_by_bom, _by_declaration, _by_utf8, _by_detection, _by_lenient_utf8):
        decoded = attempt(data, declared)
        if decoded is not None:
            _check_textual(decoded.text)
            return Decoded(storable(decoded.text), decoded.encoding)
    raise DecodingFailed(
        "cannot tell the text encoding.",
        "Re-save the file as UTF-8 and ingest it again.",
    )


def _by_bom(data: bytes, declared: str | None) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding).lstrip("\ufeff"), encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodingFailed(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start}).",
                    "Re-save the file with a consistent encoding.",
                ) from exc
    return None


def _by_declaration(data: bytes, declared: str | None) -> Decoded | None:
    name = declared or _declared_in(data)
    if not name:
        return None
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    if encoding == "latin-1" or encoding == "iso8859-1":
        encoding = "cp1252"  # what browsers do: ISO-8859-1 labels mean windows-1252
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None  # the declaration lies; fall through to detection


def _declared_in(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _by_utf8(data: bytes, declared: str | None) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _by_detection(data: bytes, declared: str | None) -> Decoded | None:
    """charset-normalizer's guess, unless the Western legacy codec reads more like French:
    on short texts it mistakes windows-1252 for windows-1250 ('Hélčne')."""
    candidates = [_latin_or_windows(data)]
    best = from_bytes(data).best()
    if best is not None:
        candidates.append(codecs.lookup(best.encoding).name)
    decodings = [Decoded(data.decode(c, errors="replace"), c) for c in candidates]
    chosen = max(decodings, key=lambda d: _french_likeness(d.text))
    return chosen if _french_likeness(chosen.text) > 0.9 or best is not None else None


def _french_likeness(text: str) -> float:
    """Share of non-ASCII characters that are usual in French (or typographic)."""
    unusual = [c for c in text if ord(c) > 127]
    if not unusual:
        return 1.0
    return sum(c in _FRENCH for c in unusual) / len(unusual)


def _by_lenient_utf8(data: bytes, declared: str | None) -> Decoded | None:
    """Mostly-UTF-8 text with a few corrupt bytes: keep the article, mark the damage."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if damaged <= max(4, len(text) // 100):
        return Decoded(text, "utf-8 (replaced)")
    return None


def _latin_or_windows(data: bytes) -> str:
    """Bytes 0x80-0x9F are typographic quotes in cp1252 but controls in latin-1."""
    return "cp1252" if re.search(rb"[\x80-\x9f]", data) else "iso8859-1"


def _check_textual(text: str) -> None:
    sample = text[:20_000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise BinaryInput(
            "the content decodes to control characters, not text.",
            "Check that the file is an article; convert it to text first.",
        )
