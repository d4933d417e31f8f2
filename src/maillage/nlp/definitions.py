"""Names the text defines or introduces itself: 'Long Name (ACR)', 'ACR (Long Name)',
'baptisé « Réseau X »', and names only quoted as words ('le terme ParisTech')."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ..resolve.names import strip_accents
from .text import doc_text, doc_words, tokens_among

# Words that never open a long form: articles and connectors ('du développement...' is
# the tail of 'direction du développement...').
_STOPWORDS = frozenset(
    [
        "de",
        "des",
        "du",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "à",
        "au",
        "aux",
        "pour",
        "sur",
        "par",
        "ses",
        "son",
        "sa",
        "leur",
        "leurs",
        "un",
        "une",
    ]
)
# A long form opening with a lowercase word must open with one of these.
LOWERCASE_HEADS = frozenset(
    [
        "direction",
        "département",
        "service",
        "pôle",
        "agence",
        "association",
        "institut",
        "école",
        "université",
        "centre",
        "conseil",
        "fédération",
        "laboratoire",
        "faculté",
        "réseau",
        "mission",
        "délégation",
        "observatoire",
    ]
)
_SHORT_FORM = re.compile(r"^(?:l['’])?([A-Za-zÀ-ÿ][\w&.-]{1,11})$")
_NAMING = re.compile(
    r"\b(?:baptisée?s?|nommée?s?|appelée?s?|dénommée?s?|intitulée?s?|sous le nom d[e'’]"
    r"|réseau|alliance|label|consortium)\s*[«\"“]\s*(?P<name>[^«»\"“”\n]{3,80}?)\s*[»\"”]",
    re.I,
)
_METALINGUISTIC = re.compile(
    r"\b(?:le|du|au)\s+(?:terme|mot|nom|sigle|vocable)\s*[«\"“]?\s*$"
    r"|\bl['’](?:appellation|étiquette)\s*[«\"“]?\s*$",
    re.I,
)


def long_form_start(short: str, words: list[str]) -> int | None:
    """Index of the word opening the shortest long form ending at `words[-1]` whose letters
    spell `short` in order (Schwartz & Hearst 2003); the first letter opens a content word."""
    letters = [c for c in strip_accents(short).lower() if c.isalnum()]
    flat = [(i, j, c) for i, w in enumerate(words) for j, c in enumerate(strip_accents(w).lower())]
    position = len(flat) - 1
    for index in range(len(letters) - 1, -1, -1):
        while position >= 0 and not _matches(flat, position, letters[index], index == 0, words):
            position -= 1
        if position < 0:
            return None
        position -= 1
    return flat[position + 1][0]


def _matches(
    flat: list[tuple[int, int, str]], position: int, letter: str, first: bool, words: list[str]
) -> bool:
    word, offset, char = flat[position]
    if char != letter:
        return False
    if not first:
        return True
    return offset == 0 and _content_word(words[word])


def _content_word(word: str) -> bool:
    return word.lower().rstrip("'’") not in _STOPWORDS and word[:1].isalpha()


def definitions(doc: Doc) -> Iterator[tuple[Span, Span]]:
    """(long form, short form) pairs written 'Long (SHORT)' or 'SHORT (Long)'."""
    for token in tokens_among(doc, doc_words(doc).texts, ("(",)):
        if token.text != "(":
            continue
        close = _closing(doc, token.i)
        if close is None:
            continue
        inside = doc[token.i + 1 : close]
        found = _long_then_short(doc, token.i, inside) or _short_then_long(doc, token.i, inside)
        if found:
            yield found


def _closing(doc: Doc, open_index: int) -> int | None:
    for token in doc[open_index + 1 : open_index + 16]:
        if token.text == ")":
            return token.i
        if token.text in "(\n.":
            return None
    return None


def _long_then_short(doc: Doc, open_index: int, inside: Span) -> tuple[Span, Span] | None:
    short = _short_form(inside)
    if short is None:
        return None
    window_start = open_index
    limit = max(0, open_index - min(len(short.text) + 6, 2 * len(short.text) + 2))
    while window_start > limit and _in_name(doc[window_start - 1]):
        window_start -= 1
    words = [t.text for t in doc[window_start:open_index]]
    start = long_form_start(short.text, words)
    if start is None:
        return None
    long = doc[window_start + start : open_index]
    return (long, short) if _plausible_long(long, short) else None


def _short_then_long(doc: Doc, open_index: int, inside: Span) -> tuple[Span, Span] | None:
    if open_index == 0 or len(inside) < 2:
        return None
    short = doc[open_index - 1 : open_index]
    if not _SHORT_FORM.match(short.text) or not short.text[:1].isupper():
        return None
    long = _strip_article(inside)
    if long_form_start(short.text, [t.text for t in long]) != 0:
        return None
    return (long, short) if _plausible_long(long, short) else None


def _short_form(inside: Span) -> Span | None:
    inside = _strip_article(inside)
    if len(inside) != 1 or not _SHORT_FORM.match(inside.text):
        return None
    text = inside.text
    return inside if text[:1].isupper() and sum(c.isupper() for c in text) >= 1 else None


def _strip_article(span: Span) -> Span:
    first = span[0] if len(span) else None
    if first is not None and first.lower_ in ("l'", "l’", "la", "le", "les") and len(span) > 1:
        return span[1:]
    return span


def _in_name(token: object) -> bool:
    text = getattr(token, "text", "")
    return text not in (",", ".", ";", ":", "(", ")", "\n", "«", "»", '"') and "\n" not in text


def _plausible_long(long: Span, short: Span) -> bool:
    if len(long) < 2 or long.text.lower() == short.text.lower():
        return False
    opener = long[0].text
    return opener[:1].isupper() or opener.lower() in LOWERCASE_HEADS


def quoted_names(doc: Doc) -> Iterator[Span]:
    """Names introduced in quotes after a naming word: 'baptisé « Arts et Métiers partenaires »'."""
    for match in _NAMING.finditer(doc_text(doc)):
        span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if span is not None and span.text[:1].isupper():
            yield span


def is_metalinguistic(text: str, span: Span) -> bool:
    """'le terme ParisTech': the name is talked about, the institution is not meant."""
    before = text[max(0, span.start_char - 30) : span.start_char]
    return bool(_METALINGUISTIC.search(before))
