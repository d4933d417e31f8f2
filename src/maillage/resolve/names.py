"""Name normalization shared by resolution, aliases and search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Every leading article goes ('De La Salle' → 'salle'), so the normal form is a fixed point.
_ARTICLE = re.compile(r"^(?:(?:l|la|le|les|d|de|du|des|the)\s+)+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


# Extraction normalizes the same few hundred names of an article thousands of times.
@lru_cache(maxsize=1 << 16)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Accent-, case-, punctuation- and leading-article-insensitive form of a name."""
    text = strip_accents(text or "").casefold().replace("&", " et ").replace("’", "'")
    text = _NON_WORD.sub(" ", text).strip()
    return _ARTICLE.sub("", text)
