"""Properties of text normalization, document ids, storable text, printable labels and
decoding, over arbitrary Unicode: lone surrogates, NUL, combining marks, any bytes."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from maillage.errors import InputError
from maillage.models import document_id, normalize_text
from maillage.sources.decoding import decode, storable
from maillage.sources.walk import printable

# Every code point, lone surrogates included (st.text() leaves them out by default).
ANY_TEXT = st.text(st.characters(exclude_categories=()))
FRENCH = st.text(st.sampled_from("aàâeéèêëiîïoôuùûüyçœæ AÉÈÇ'’-.,;:!?«»\n\t\u00a0\u0301\u0327"))


@given(ANY_TEXT)
@example("\ud800")
@example("a\x00b")
@example("e\u0301")
def test_models_document_id_is_defined_for_any_text(text):
    ident = document_id(text)
    assert ident.startswith("d-") and len(ident) == 26
    assert document_id(text) == ident


@given(ANY_TEXT)
def test_models_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(FRENCH)
def test_models_the_same_article_in_another_unicode_form_has_the_same_id(text):
    assert document_id(unicodedata.normalize("NFD", text)) == document_id(text)
    assert document_id(f"  {text}\n\n") == document_id(text)


@given(FRENCH, FRENCH)
def test_models_different_words_give_different_ids(a, b):
    if normalize_text(a) != normalize_text(b):
        assert document_id(a) != document_id(b)


@given(ANY_TEXT)
@example("\x00\ud800\udfff")
def test_decoding_storable_text_is_utf8_without_nul_and_idempotent(text):
    clean = storable(text)
    clean.encode("utf-8")
    assert "\x00" not in clean
    assert storable(clean) == clean
    assert len(clean) <= len(text)


@given(st.text())  # valid Unicode without surrogates
def test_decoding_storable_keeps_every_character_but_nul(text):
    assert storable(text) == text.replace("\x00", "")


@given(ANY_TEXT)
@example("a.txt\nquarantined b.txt: [E002] forged")
@example("\x1b[31mred\u202e")
def test_walk_printable_labels_are_one_line_without_controls(label):
    shown = printable(label)
    shown.encode("utf-8")
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in shown)
    assert "\u202e" not in shown


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))))
def test_walk_printable_leaves_ordinary_names_alone(label):
    assert printable(label) == label


@settings(deadline=None)  # the first call loads charset-normalizer's tables
@given(st.binary(max_size=4096))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf\xed\xa0\x80")  # UTF-8 BOM, then an encoded surrogate
def test_decoding_any_bytes_give_storable_text_or_an_input_error(data):
    try:
        decoded = decode(data)
    except InputError:
        return
    assert storable(decoded.text) == decoded.text
    assert decoded.encoding
