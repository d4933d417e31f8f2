"""Every kind of bad input is quarantined with where and why; good items still come through."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from maillage.models import Quarantined, RawDocument
from maillage.settings import Settings
from maillage.sources import detect_format, read_sources
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"


def read(*paths: Path | str, **settings: int) -> tuple[list[RawDocument], list[Quarantined]]:
    items = list(read_sources([str(p) for p in paths], Settings(**settings)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    bad = [i for i in items if isinstance(i, Quarantined)]
    return docs, bad


def only_quarantine(path: Path | str, **settings: int) -> Quarantined:
    docs, bad = read(path, **settings)
    assert docs == []
    assert len(bad) == 1
    return bad[0]


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("empty.txt", "E002", "empty"),
        ("image.txt", "E003", "PNG"),
        ("report.txt", "E003", "PDF"),
        ("nul_bytes.txt", "E003", "binary"),
        ("deep_nesting.html", "E006", "nested"),
        ("entity_bomb.html", "E008", "entit"),
    ],
)
def test_readers_quarantine_unreadable_files_with_reason(name, code, words):
    item = only_quarantine(BAD / name)
    assert item.code == code
    assert words in item.reason
    assert item.source.endswith(name)


@pytest.mark.parametrize(
    ("name", "fragment", "encoding"),
    [
        ("latin1.txt", "École nationale", "iso8859-1"),
        ("cp1252.txt", "l’école… œuvre", "cp1252"),
        ("utf16_bom.txt", "Hélène Garçon", "utf-16"),
        ("invalid_utf8.txt", "Hélène Garçon", "utf-8 (replaced)"),
    ],
)
def test_readers_decode_legacy_and_damaged_text(name, fragment, encoding):
    docs, bad = read(GOOD / name)
    assert bad == []
    assert fragment in docs[0].text
    assert docs[0].encoding == encoding


def test_readers_survive_broken_html_nesting():
    docs, bad = read(GOOD / "broken_nesting.html")
    assert bad == []
    assert "double diplôme" in docs[0].text
    assert docs[0].published == "2023-05-04"


def test_readers_quarantine_gzip_expanding_past_the_cap(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 2_000_000))
    item = only_quarantine(bomb, max_document_bytes=100_000)
    assert item.code == "E005"
    assert "expands past" in item.reason


def test_readers_read_gzipped_articles():
    docs, _ = read(GOOD / "article.txt.gz")
    assert "convention" in docs[0].text


def test_readers_keep_warc_records_before_truncation():
    docs, bad = read(BAD / "truncated.warc.gz")
    assert [d.url for d in docs] == [
        "https://www.ecole-exemple.fr/actualites/1",
        "https://www.ecole-exemple.fr/actualites/2",
    ]
    assert len(bad) == 1
    assert bad[0].code == "E007"
    assert bad[0].position.startswith("record at byte ")


def test_readers_quarantine_warc_record_with_wrong_content_length():
    docs, bad = read(BAD / "wrong_length.warc")
    assert len(docs) == 2  # record 2 is read with 40 stray bytes; record 3 lost its header
    assert len(bad) == 1
    assert "Content-Length" in bad[0].reason
    assert bad[0].position.startswith("record at byte ")


def test_readers_read_every_good_warc_record_with_its_url():
    docs, bad = read(GOOD / "crawl.warc.gz")
    assert bad == []
    assert len(docs) == 3
    assert all(d.format == "warc" and d.url.startswith("https://") for d in docs)


def test_readers_quarantine_bad_jsonl_lines_and_keep_the_others():
    docs, bad = read(BAD / "dump.jsonl")
    assert [d.title for d in docs] == ["Un", "Trois"]
    assert docs[0].published == "2021-01-05" and docs[0].url == "https://ex.fr/1"
    assert docs[1].format == "jsonl" and "février" in docs[1].text
    assert [(b.position, b.code) for b in bad] == [("line 2", "E006"), ("line 4", "E006")]


def test_readers_quarantine_jsonl_line_over_the_cap(tmp_path):
    dump = tmp_path / "big.jsonl"
    dump.write_text(
        '{"text": "Un article court sur une convention entre deux écoles."}\n'
        + '{"text": "'
        + "x" * 5000
        + '"}\n'
        + '{"text": "Un autre article court sur une alliance nouvelle."}\n',
        encoding="utf-8",
    )
    docs, bad = read(dump, max_document_bytes=1000)
    assert len(docs) == 2
    assert [(b.position, b.code) for b in bad] == [("line 2", "E005")]


def test_readers_quarantine_a_missing_path_and_go_on(tmp_path):
    docs, bad = read(tmp_path / "missing.txt", GOOD / "latin1.txt")
    assert len(docs) == 1
    assert bad[0].code == "E009" and "no such file" in bad[0].reason


def test_readers_walk_directories_through_a_symlink_loop(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(
        "Un article sur une fusion entre deux écoles.", encoding="utf-8"
    )
    os.symlink(folder, folder / "sub" / "loop")
    os.symlink(folder / "self", folder / "self")
    docs, bad = read(folder)
    assert len(docs) == 1
    reasons = " ".join(b.reason for b in bad)
    assert "loop" in reasons and "symbolic links" in reasons


def test_readers_read_stdin(monkeypatch, tmp_path):
    import io
    import sys

    payload = '{"text": "Une convention signée entre deux écoles.", "url": "https://ex.fr/s"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload.encode())))
    docs, bad = read("-")
    assert bad == []
    assert docs[0].source == "<stdin>" and docs[0].url == "https://ex.fr/s"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.warc.gz", b"", "warc"),
        ("a.JSONL", b"", "jsonl"),
        ("page.htm", b"", "html"),
        ("noext", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("noext2", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("noext3", b"WARC/1.0\r\n", "warc"),
        ("noext4", b"Un texte simple.", "text"),
    ],
)
def test_readers_detect_format_by_extension_then_content(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected


def test_readers_read_a_json_article_or_array_and_quarantine_other_json(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(
        json.dumps({"text": "Une convention entre deux écoles.", "title": "Un"}), encoding="utf-8"
    )
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps([{"content": "Premier article."}, 3, {"html": "<p>x</p>"}]), encoding="utf-8"
    )
    other = tmp_path / "gold.json"
    other.write_text(json.dumps({"document": "x.txt", "entities": []}, indent=2), encoding="utf-8")
    docs, bad = read(single, many, other)
    assert [d.text for d in docs] == ["Une convention entre deux écoles.", "Premier article."]
    assert [(Path(b.source).name, b.position) for b in bad] == [
        ("many.json", "item 2"),
        ("many.json", "item 3"),
        ("gold.json", ""),
    ]


def test_readers_skip_files_of_folders_that_are_not_articles_and_say_so(tmp_path):
    (tmp_path / "article.txt").write_text("Une convention entre deux écoles.", encoding="utf-8")
    (tmp_path / "script.py").write_text("print('hello')", encoding="utf-8")
    (tmp_path / "plain").write_text("Un article sans extension.", encoding="utf-8")
    (tmp_path / "README.md").write_text("Ces articles viennent de la presse.", encoding="utf-8")
    (tmp_path / ".notes.txt").write_text("Une note cachée.", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "article.json").write_text('{"entities": [], "facts": []}', "utf-8")
    (tmp_path / "dump.json").write_text('[{"text": "Un article en JSON."}]', "utf-8")
    skipped = []
    items = list(read_sources([str(tmp_path)], Settings(), skipped.append))
    assert sorted(i.text for i in items if isinstance(i, RawDocument)) == [
        "Un article en JSON.",
        "Un article sans extension.",
        "Une convention entre deux écoles.",
    ]
    assert not [i for i in items if isinstance(i, Quarantined)]
    assert sorted(Path(s.source).name for s in skipped) == [
        ".notes.txt",
        "README.md",
        "article.json",
        "script.py",
    ]
    assert all(s.reason for s in skipped)
    named, _ = read(tmp_path / "script.py")
    assert len(named) == 1  # a file named explicitly is always read


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        ((), ("drafts",), ["a.txt", "b.html"]),
        ((), ("*.html",), ["a.txt", "c.txt"]),
        (("*.txt",), (), ["a.txt", "c.txt"]),
        (("drafts/*",), (), ["c.txt"]),
        (("*.txt",), ("drafts/*",), ["a.txt"]),
    ],
)
def test_readers_include_and_exclude_globs_choose_the_files_of_folders(
    tmp_path, include, exclude, expected
):
    (tmp_path / "a.txt").write_text("Une convention entre deux écoles.", "utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Un partenariat.</p></body></html>", "utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "c.txt").write_text("Une fusion de deux écoles.", "utf-8")
    skipped = []
    settings = Settings(include=include, exclude=exclude)
    items = list(read_sources([str(tmp_path)], settings, skipped.append))
    assert sorted(Path(i.source).name for i in items) == expected
    assert skipped


def test_readers_text_over_the_character_cap_is_quarantined_and_the_rest_read(tmp_path):
    book = "L'école forme des ingénieurs. " * 100
    (tmp_path / "book.txt").write_text(book, "utf-8")
    (tmp_path / "article.txt").write_text("L'ENSIC et l'UTBM signent une convention.", "utf-8")
    docs, bad = read(tmp_path, max_document_chars=1000)
    assert [Path(d.source).name for d in docs] == ["article.txt"]
    assert [(Path(q.source).name, q.code) for q in bad] == [("book.txt", "E005")]
    assert f"{len(book.strip()):,} characters" in bad[0].reason and "1,000 cap" in bad[0].reason
