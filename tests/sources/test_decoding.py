import pytest

from maillage.errors import BinaryInput, DecodingFailed
from maillage.sources.decoding import decode

TEXT = "L'École supérieure d'ingénieurs a signé un accord « historique » – œuvre commune."


def test_decoding_uses_bom_before_anything_else():
    decoded = decode("\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"))
    assert decoded.text == TEXT
    assert decoded.encoding == "utf-16"


def test_decoding_trusts_a_declared_charset():
    html = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'
    decoded = decode(html.encode("cp1252"))
    assert TEXT in decoded.text
    assert decoded.encoding == "cp1252"


def test_decoding_ignores_a_lying_declaration():
    html = f'<meta charset="us-ascii"><p>{TEXT}</p>'
    decoded = decode(html.encode("utf-8"))
    assert TEXT in decoded.text
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_decoding_detects_legacy_french_encodings(codec):
    text = (
        TEXT
        if codec == "cp1252"
        else TEXT.replace("«", '"').replace("»", '"').replace("–", "-").replace("œ", "oe")
    )
    decoded = decode((text * 3).encode(codec))
    assert decoded.text == text * 3
    assert decoded.encoding in ("cp1252", "iso8859-1")


def test_decoding_keeps_mostly_utf8_text_and_marks_the_damage():
    decoded = decode((TEXT * 5).encode("utf-8") + b"\xff\xfe")
    assert decoded.text.startswith(TEXT)
    assert "replaced" in decoded.encoding or decoded.encoding != "utf-8"


def test_decoding_refuses_control_character_soup():
    with pytest.raises((BinaryInput, DecodingFailed)):
        decode(bytes(range(1, 9)) * 300)


def test_decoding_reports_a_bom_that_lies():
    with pytest.raises(DecodingFailed) as error:
        decode(b"\xef\xbb\xbf" + "é".encode("latin-1") * 10)
    assert "byte-order mark" in str(error.value)
