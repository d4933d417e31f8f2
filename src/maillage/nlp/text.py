"""The text of a parsed Doc, joined once."""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT = "maillage.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept in `doc.user_data`: spaCy joins every token at each access, and the
    institution component and the post-processing read the text of a Doc a dozen times. The
    tokens of a Doc are never changed after the model has parsed it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
