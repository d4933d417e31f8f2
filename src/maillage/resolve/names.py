"""Name normalization shared by resolution, aliases and search."""

from __future__ import annotations

import re
import unicodedata

# Every leading article goes ('De La Salle' → 'salle'), so the normal form is a fixed point.
_ARTICLE = re.compile(r"^(?:(?:l|la|le|les|d|de|du|des|the)\s+)+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_name(text: str) -> str:
    """Accent-, case-, punctuation- and leading-article-insensitive form of a name."""
    text = strip_accents(text or "").casefold().replace("&", " et ").replace("’", "'")
    text = _NON_WORD.sub(" ", text).strip()
    return _ARTICLE.sub("", text)
