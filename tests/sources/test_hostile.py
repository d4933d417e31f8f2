"""Hostile and careless input (issue 13): every item that cannot be read is quarantined with
where and why, the rest of the batch is read, and nothing hangs or grows without bound."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from maillage.models import Document, Quarantined, RawDocument
from maillage.settings import Settings
from maillage.sources import read_sources

ARTICLE = "L'ENSIC et l'UTBM signent une convention de double diplôme en génie des procédés."


def read(*paths: Path | str, **settings: object) -> tuple[list[RawDocument], list[Quarantined]]:
    items = list(read_sources([str(p) for p in paths], Settings(**settings)))  # type: ignore[arg-type]
    return (
        [i for i in items if isinstance(i, RawDocument)],
        [i for i in items if isinstance(i, Quarantined)],
    )


def warc(pages: list[tuple[str, str]], gzip_records: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        payload = io.BytesIO(html.encode())
        writer.write_record(
            writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
        )
    return out.getvalue()


def page(n: int) -> tuple[str, str]:
    body = f"<p>Article {n}. {ARTICLE}</p>" * 3
    return f"https://ex.fr/{n}", f"<html><head><title>T{n}</title></head><body>{body}</body></html>"


# -- row 1: lone surrogates ---------------------------------------------------------------
def test_sources_lone_surrogate_in_jsonl_keeps_the_line_and_the_batch(tmp_path):
    dump = tmp_path / "dump.jsonl"
    lines = [{"text": f"Un. {ARTICLE}"}, {"text": "Deux \\ud800 " + ARTICLE}, {"text": "Trois."}]
    dump.write_text("\n".join(json.dumps(x).replace("\\\\ud800", "\\ud800") for x in lines))
    docs, bad = read(dump)
    assert bad == []
    assert len(docs) == 3
    assert "\ufffd" in docs[1].text and docs[1].encoding == "utf-8 (replaced)"
    assert Document.from_raw(docs[1]).id.startswith("d-")  # raised UnicodeEncodeError before


def test_sources_lone_surrogate_in_metadata_is_replaced(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        '{"text": "' + ARTICLE + '", "title": "T\\udfff", "url": "https://ex.fr/\\ud800"}'
    )
    docs, _ = read(dump)
    assert docs[0].title == "T\ufffd" and docs[0].url == "https://ex.fr/\ufffd"


# -- row 2: deep nesting ------------------------------------------------------------------
def test_sources_deeply_nested_jsonl_line_is_quarantined_and_the_others_read(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"text": ARTICLE}) + "\n" + "[" * 100_000 + "\n" + '{"text": "B."}\n'
    )
    docs, bad = read(dump)
    assert len(docs) == 2
    assert [(b.position, b.code) for b in bad] == [("line 2", "E011")]
    assert "nested" in bad[0].reason


def test_sources_deeply_nested_json_file_is_quarantined(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"text": ' * 50_000 + '"x"' + "}" * 50_000)
    docs, bad = read(deep, tmp_path)
    assert docs == []
    assert bad[0].code == "E011"


# -- row 3: NUL characters ----------------------------------------------------------------
def test_sources_nul_after_the_first_4_kb_is_dropped_from_the_text(tmp_path):
    text = tmp_path / "a.txt"
    text.write_bytes(((ARTICLE + "\n") * 60 + "Fin\x00 de l'article.").encode())
    docs, bad = read(text)
    assert bad == []
    assert "\x00" not in docs[0].text and "Fin de l'article." in docs[0].text


def test_sources_nul_escape_in_jsonl_fields_is_dropped(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"text": "Un\u0000 " + ARTICLE, "title": "T\u0000itre"}))
    docs, _ = read(dump)
    assert docs[0].text.startswith("Un ") and docs[0].title == "Titre"


# -- row 4: one very long line in a WARC ---------------------------------------------------
def test_sources_warc_with_a_very_long_line_is_quarantined_and_the_next_file_read(tmp_path):
    crawl = tmp_path / "a.warc"
    crawl.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 3_000_000)
    good = tmp_path / "b.warc"
    good.write_bytes(warc([page(1)]))
    docs, bad = read(crawl, good, warc_max_line_bytes=1_000_000)
    assert [d.url for d in docs] == ["https://ex.fr/1"]
    assert [(Path(b.source).name, b.code) for b in bad] == [("a.warc", "E013")]
    assert "1,000,000" in bad[0].reason


def test_sources_gzip_bomb_renamed_warc_gz_is_quarantined(tmp_path):
    bomb = tmp_path / "bomb.warc.gz"
    with gzip.open(bomb, "wb") as out:
        for _ in range(40):
            out.write(b"\0" * 1_000_000)
    docs, bad = read(bomb, warc_max_line_bytes=1_000_000)
    assert docs == [] and len(bad) == 1
    assert bad[0].code in ("E013", "E006")


def test_sources_long_line_between_warc_records_does_not_lose_the_records_after(tmp_path):
    crawl = tmp_path / "a.warc"
    crawl.write_bytes(warc([page(1)]) + b"y" * 2_500_000 + b"\r\n" + warc([page(2)]))
    docs, bad = read(crawl, warc_max_line_bytes=1_000_000)
    assert [d.url for d in docs] == ["https://ex.fr/1", "https://ex.fr/2"]
    assert [b.code for b in bad] == ["E013"]


# -- row 5: a huge Content-Length ------------------------------------------------------------
def test_sources_warc_record_with_a_huge_content_length_does_not_hide_the_next_ones(tmp_path):
    first, second, third = (warc([page(n)]) for n in (1, 2, 3))
    header_end = second.index(b"\r\n\r\n")
    declared = next(
        line for line in second[:header_end].split(b"\r\n") if line.startswith(b"Content-Length")
    )
    second = second.replace(declared, b"Content-Length: 999999999", 1)
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(first + second + third)
    docs, bad = read(crawl)
    assert [d.url for d in docs] == ["https://ex.fr/1", "https://ex.fr/3"]
    assert len(bad) == 1 and bad[0].code == "E014"
    assert "Content-Length" in bad[0].reason and "truncated" not in bad[0].reason
    assert bad[0].position == f"record at byte {len(first)}"


def test_sources_a_really_truncated_last_warc_record_still_says_truncated(tmp_path):
    whole = warc([page(1), page(2)])
    crawl = tmp_path / "cut.warc"
    crawl.write_bytes(whole[: len(whole) - 200])
    docs, bad = read(crawl)
    assert [d.url for d in docs] == ["https://ex.fr/1"]
    assert [b.code for b in bad] == ["E007"] and "truncated" in bad[0].reason


# -- row 10: FIFOs and devices ----------------------------------------------------------------
def _run_reader(*paths: str) -> subprocess.CompletedProcess[str]:
    """In a subprocess with a timeout: before the fix, a FIFO blocked the reader forever."""
    code = (
        "import sys; from maillage.sources import read_sources; from maillage.settings import "
        "Settings\nfor i in read_sources(sys.argv[1:], Settings()):\n"
        "    print(type(i).__name__, getattr(i, 'code', ''), i.source)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *paths], capture_output=True, text=True, timeout=60
    )


def test_sources_a_fifo_named_on_the_command_line_is_quarantined_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE)
    result = _run_reader(str(fifo), "/dev/zero", str(good))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Quarantined E012 {fifo}",
        "Quarantined E012 /dev/zero",
        f"RawDocument  {good}",
    ]


def test_sources_a_fifo_inside_a_folder_is_quarantined_not_skipped_silently(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(ARTICLE)
    docs, bad = read(tmp_path)
    assert len(docs) == 1
    assert [(Path(b.source).name, b.code) for b in bad] == [("pipe.txt", "E012")]
    assert "FIFO" in bad[0].reason


# -- row 13: small ones -------------------------------------------------------------------------
def test_sources_a_file_name_with_newlines_cannot_forge_report_lines(tmp_path):
    name = "a.txt\nquarantined evil.txt: [E002] forged"
    (tmp_path / name).write_text("")
    _, bad = read(tmp_path / name)
    assert "\n" not in bad[0].source and "\\n" in bad[0].source


def test_sources_a_furniture_only_jsonl_text_is_quarantined_not_stored_empty(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"text": "Partager\nCommentaire 0"}) + "\n" + json.dumps({"text": ARTICLE})
    )
    docs, bad = read(dump)
    assert [d.text for d in docs] == [ARTICLE]
    assert [(b.position, b.code) for b in bad] == [("line 1", "E002")]


def test_sources_gzip_with_trailing_garbage_keeps_the_article_and_reports_the_garbage(tmp_path):
    packed = tmp_path / "a.txt.gz"
    compressed = gzip.compress(ARTICLE.encode())
    packed.write_bytes(compressed + b"garbage after the stream")
    docs, bad = read(packed)
    assert [d.text for d in docs] == [ARTICLE]
    assert [(b.code, b.position) for b in bad] == [("E015", f"byte {len(compressed)}")]


def test_sources_concatenated_gzip_members_are_one_article(tmp_path):
    packed = tmp_path / "a.txt.gz"
    packed.write_bytes(gzip.compress(ARTICLE[:30].encode()) + gzip.compress(ARTICLE[30:].encode()))
    docs, bad = read(packed)
    assert bad == [] and [d.text for d in docs] == [ARTICLE]


def test_sources_gzipped_jsonl_with_trailing_garbage_keeps_its_lines(tmp_path):
    packed = tmp_path / "dump.jsonl.gz"
    packed.write_bytes(gzip.compress((json.dumps({"text": ARTICLE}) + "\n").encode()) + b"junk!")
    docs, bad = read(packed)
    assert len(docs) == 1
    assert [b.code for b in bad] == ["E015"]


@pytest.mark.parametrize("field", ["text", "title"])
def test_sources_every_string_read_is_storable_utf8(tmp_path, field):
    dump = tmp_path / "dump.jsonl"
    record = {"text": ARTICLE, field: ARTICLE + "\\ud83d\\u0000\\udc00"}
    dump.write_text(json.dumps(record).replace("\\\\u", "\\u"))
    docs, _ = read(dump)
    value = getattr(docs[0], field)
    value.encode("utf-8")
    assert "\x00" not in value


def test_sources_a_warc_resync_that_points_back_ends_the_file_instead_of_looping(
    tmp_path, monkeypatch
):
    # warcio reports offset -1 when a file fails before its first record, and the resync
    # then finds the record that failed, at byte 0: the WARC fuzz run looped there forever.
    from maillage.sources import warc

    class FailsAtOnce:
        offset = -1

        def __init__(self, stream, max_line):
            pass

        def __iter__(self):
            raise ValueError("Unknown archive format")

    monkeypatch.setattr(warc, "_BoundedArchiveIterator", FailsAtOnce)
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data" * 8)
    items = list(itertools.islice(warc.read_warc(path, str(path), 200_000, 400, 20_000), 5))
    assert len(items) == 1 and isinstance(items[0], Quarantined)
