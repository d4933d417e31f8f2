"""The strings of a parsed Doc, read once: its text and its tokens' words."""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, ORTH, POS, SPACY
from spacy.tokens import Doc, Token

_TEXT = "maillage.text"
_WORDS = "maillage.words"


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept in `doc.user_data`: spaCy joins every token at each access, and the
    institution component and the post-processing read the text of a Doc a dozen times. For
    a Doc the whole model has parsed (its words are read with it, see `doc_words`)."""
    text = doc.user_data.get(_TEXT)
    if text is None:  # what Doc.text joins: each token's text, and a space after it or not
        words = doc_words(doc)
        spaced = zip(words.texts, words.spaces, strict=True)
        text = doc.user_data[_TEXT] = "".join([w + " " if space else w for w, space in spaced])
    return text


@dataclass(frozen=True, slots=True)
class Words:
    """Each token's text, lower-cased text, lower-cased lemma and coarse tag, by token index:
    a rule that looks at every token of a Doc reads these strings and makes a `Token` only
    of the few it keeps (spaCy makes a new Python object at each `doc[i]`)."""

    texts: list[str]
    lowers: list[str]
    lemmas: list[str]
    pos: list[str]
    spaces: list[int]  # 1 where a space follows the token


def doc_words(doc: Doc) -> Words:
    """The words of a Doc, read once: only after the model's last component (lemmas and
    tags are final, and nothing changes the tokens after it)."""
    words = doc.user_data.get(_WORDS)
    if words is None:
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, LEMMA, POS, SPACY]).tolist() if len(doc) else []
        words = doc.user_data[_WORDS] = Words(
            texts=[strings[row[0]] for row in rows],
            lowers=[strings[row[1]] for row in rows],
            lemmas=[strings[row[2]].lower() for row in rows],
            pos=[strings[row[3]] for row in rows],
            spaces=[row[4] for row in rows],
        )
    return words


def tokens_among(
    doc: Doc, strings: list[str], kept: Container[str], start: int = 0, end: int | None = None
) -> Iterator[Token]:
    """The tokens of `doc[start:end]` whose string in `strings` (a list of `doc_words`) is
    one of `kept`, in order."""
    stop = len(strings) if end is None else end
    return (doc[i] for i in range(start, stop) if strings[i] in kept)
