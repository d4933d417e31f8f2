"""Short fuzz runs for CI: every reader (text, HTML, JSONL, JSON, WARC, gzip of them) on
random and structured-but-broken bytes, and extraction on random text. The only things that
may come out are articles and quarantine entries with a maillage code (targets.py checks
each item). The long runs (atheris, coverage-guided) are in docs/testing.md.

MAILLAGE_FUZZ_EXAMPLES raises the number of examples of each hypothesis run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.targets import TARGETS

EXAMPLES = int(os.environ.get("MAILLAGE_FUZZ_EXAMPLES", "60"))
RUN = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
WORDS = st.sampled_from(
    [
        "École",
        "université",
        "convention",
        "signée",
        "le",
        "12",
        "mars",
        "2021",
        "ENSMM",
        "(",
        ")",
        "«",
        "»",
        ",",
        ".",
        "\n",
        "Partager",
        "Publié le 3 mai 2020",
        "\u00a0",
        "\ud800",
        "\x00",
    ]
)
FRENCH_TEXT = st.lists(WORDS, max_size=80).map(" ".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "content", "html", "title", "url", "date", "published", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    tags = draw(
        st.lists(
            st.sampled_from(["div", "p", "article", "b", "table", "td", "!--", "script"]),
            max_size=30,
        )
    )
    body = draw(FRENCH_TEXT)
    opened = "".join(f"<{t}>" for t in tags)
    closed = "".join(f"</{t}>" for t in reversed(tags[: draw(st.integers(0, len(tags)))]))
    head = draw(st.sampled_from(["<!DOCTYPE html>", "<?xml version='1.0'?>", "", "<html>"]))
    meta = draw(
        st.sampled_from(
            [
                "",
                '<meta charset="latin-1">',
                '<meta charset="x-nope">',
                "<!ENTITY a 'b'>",
                "&amp;&#0;&#xD800;",
            ]
        )
    )
    return _bytes(
        f"{head}<head>{meta}<title>{body[:30]}</title></head><body>{opened}{body}{closed}"
    )


@st.composite
def jsonl_dumps(draw: st.DrawFn) -> bytes:
    lines = []
    for value in draw(st.lists(JSON_VALUES, max_size=6)):
        line = json.dumps(value)
        lines.append(draw(st.sampled_from([line, line[: len(line) // 2], "[" * 3000, line + "\\"])))
    return _bytes("\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"])))


@st.composite
def warc_files(draw: st.DrawFn) -> bytes:
    out = b""
    for _ in range(draw(st.integers(1, 4))):
        payload = _bytes(
            draw(
                st.sampled_from(
                    [
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                        "HTTP/1.1 404\r\n\r\n",
                        "",
                        "garbage\r\n\r\n",
                    ]
                )
            )
        )
        payload += draw(html_pages())
        declared = draw(st.sampled_from([len(payload), len(payload) + 40, 0, 10**9, -1]))
        kind = draw(st.sampled_from([b"response", b"resource", b"request", b"warcinfo"]))
        headers = (
            b"WARC/1.0\r\nWARC-Type: " + kind + b"\r\nWARC-Target-URI: https://ex.fr/\r\n"
            b"Content-Length: " + str(declared).encode() + b"\r\n\r\n"
        )
        out += headers + payload + b"\r\n\r\n"
        if draw(st.booleans()):
            out += draw(st.binary(max_size=200))
    return out


ANY_BYTES = st.binary(max_size=3000)
GENERATORS = {
    "text": ANY_BYTES | FRENCH_TEXT.map(_bytes),
    "html": ANY_BYTES | html_pages(),
    "jsonl": ANY_BYTES | jsonl_dumps(),
    "json": ANY_BYTES | JSON_VALUES.map(lambda v: _bytes(json.dumps(v))),
    "warc": ANY_BYTES | warc_files(),
    "text.gz": ANY_BYTES | FRENCH_TEXT.map(_bytes),
    "jsonl.gz": ANY_BYTES | jsonl_dumps(),
    "warc.gz": ANY_BYTES | warc_files(),
}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_fuzz_readers_only_give_articles_and_quarantine_entries(name):
    target = TARGETS[name]

    @RUN
    @given(GENERATORS[name])
    def run(data: bytes) -> None:
        target(data)

    run()


@pytest.mark.slow
def test_fuzz_extract_on_random_text_only_raises_maillage_errors():
    @settings(
        max_examples=max(10, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(FRENCH_TEXT.map(_bytes) | st.binary(max_size=2000))
    def run(data: bytes) -> None:
        TARGETS["extract"](data)

    run()


@pytest.mark.parametrize("name", ["warc", "jsonl", "html"])
def test_fuzz_atheris_short_run_finds_no_crash(name, tmp_path):
    """A few hundred coverage-guided inputs per run, from the fixtures as seeds."""
    pytest.importorskip("atheris")
    script = Path(__file__).with_name("run_atheris.py")
    corpus = tmp_path / "corpus"
    result = subprocess.run(
        [sys.executable, str(script), name, "-runs=300", "-max_len=8192", str(corpus)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 300 runs" in result.stderr
