"""Institution names the gazetteer alone does not catch, read from how the press writes them:
acronyms after an opener ('le LAMIH'), numbered universities ('Lille-II', 'Paris IV'),
names distributed over a list ('les universités de Kiel, de Split et de Brest'), and a name
set in apposition to a head noun ('Bordeaux-Montaigne, l'université de …')."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..intervals import Intervals
from ..resolve.gazetteer import Gazetteer
from ..resources import load_json
from .definitions import long_form_start
from .text import doc_text, doc_words, tokens_among

WRITTEN_NAME = "institution_name"  # Span extension: the full name a distributed span stands for
_CAPITALS = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9&]*[A-ZÀ-Ý][A-ZÀ-Ý0-9]*$")
_LINKS = ("de", "d'", "d’", "du")


@dataclass(frozen=True, slots=True)
class NameRules:
    not_acronyms: frozenset[str]
    openers: frozenset[str]
    min_length: int
    numerals: frozenset[str]
    plural_heads: tuple[tuple[tuple[str, ...], str], ...]
    apposition_heads: tuple[str, ...]
    renaming_cues: tuple[str, ...]
    name_openers: frozenset[str]
    place_nouns: frozenset[str]
    naming_words: frozenset[str]
    not_brands: frozenset[str]


@cache
def name_rules() -> NameRules:
    raw: dict[str, Any] = load_json("names.json")
    heads = sorted(raw["plural_heads"].items(), key=lambda item: -len(item[0].split()))
    return NameRules(
        not_acronyms=frozenset(raw["not_acronyms"]),
        openers=frozenset(raw["acronym_openers"]),
        min_length=int(raw["acronym_min_length"]),
        numerals=frozenset(raw["numerals"]),
        plural_heads=tuple((tuple(h.split()), singular) for h, singular in heads),
        apposition_heads=tuple(raw["apposition_heads"]),
        renaming_cues=tuple(raw["renaming_cues"]),
        name_openers=frozenset(raw["name_openers"]),
        place_nouns=frozenset(raw["place_nouns"]),
        naming_words=frozenset(raw["naming_words"]),
        not_brands=frozenset(raw["not_brands"]),
    )


_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”]?\s+(?=[«\"“A-ZÀ-Ý–—-])|\n+")


def sentences(doc: Doc) -> Callable[[Span], str]:
    """The sentence around a span of the document, cut on final punctuation and line breaks
    (spaCy's parser splits press sentences after fronted phrases and appositions); the text
    and its sentence ends are read once for all the spans asked about."""
    text = doc_text(doc)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def sentence(span: Span) -> str:
        # The ends found in the text cut at the span are those of the whole text that stop
        # before it, then what a search from the last of them finds in the cut text.
        earlier = bisect_left(ends, span.start_char)
        known = ends[earlier - 1] if earlier else 0
        cut = [m.end() for m in _SENTENCE_END.finditer(text, known, span.start_char)]
        after = _SENTENCE_END.search(text, span.end_char)
        return text[cut[-1] if cut else known : after.start() if after else len(text)]

    return sentence


def speaks_of_renaming(sentence: str, rules: NameRules) -> bool:
    """'l'ESSTIN devient Polytech Nancy', 'le nouveau nom de l'Université de Paris'."""
    lowered = sentence.lower()
    return any(cue in lowered for cue in rules.renaming_cues)


def institution_span(doc: Doc, start: int, end: int, key: str = "") -> Span:
    return Span(doc, start, end, label="INSTITUTION", kb_id=key)


def shouted_lines(text: str) -> Callable[[int], bool]:
    """Whether the line holding an offset is a headline in capitals (most of its words upper
    case); each line is read once, however many words of it are asked about."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    shouted: dict[int, bool] = {}

    def is_shouted(offset: int) -> bool:
        line = bisect_left(breaks, offset)
        if line not in shouted:
            start = breaks[line - 1] + 1 if line else 0
            end = breaks[line] if line < len(breaks) else len(text)
            words = re.findall(r"[^\W\d_]{2,}", text[start:end])
            upper = sum(w.isupper() for w in words)
            shouted[line] = len(words) >= 3 and upper / len(words) > 0.6
        return shouted[line]

    return is_shouted


def unique_key(gazetteer: Gazetteer, names: list[str]) -> str:
    """The gazetteer key of the first candidate name that one institution has."""
    for name in names:
        keys = {entry.key for entry in gazetteer.by_name(name)}
        if len(keys) == 1:
            return keys.pop()
    return ""


_CITY_TAIL = re.compile(r"^(?P<name>.+?)\s+(?:de\s+|d['’]\s*)(?P<city>[A-ZÀ-Ý][\w-]+)$")


def key_with_city(gazetteer: Gazetteer, text: str) -> str:
    """'Polytech Nancy', or 'ENSMM de Besançon': a known name followed by its own city."""
    key = unique_key(gazetteer, [text])
    match = _CITY_TAIL.match(text)
    if key or not match:
        return key
    glued = unique_key(gazetteer, [f"{match['name']} {match['city']}"])
    if glued:
        return glued  # 'les Mines de Douai' is 'Mines Douai'
    entries = gazetteer.by_name(match["name"])
    city = match["city"].casefold()
    same = {e.key for e in entries if e.city and city in e.city.casefold()}
    return same.pop() if len(same) == 1 else ""


# Acronyms after an opener -------------------------------------------------------------


def acronym_spans(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'le LAMIH', 'l'ENSIAME': a word in capitals after an article or preposition."""
    is_shouted = shouted_lines(doc_text(doc))
    words = doc_words(doc)
    for i in range(1, len(doc)):
        text = words.texts[i]
        if (
            len(text) >= rules.min_length
            and _CAPITALS.match(text)
            and text not in rules.not_acronyms
            and words.lowers[i - 1] in rules.openers
            and not is_shouted(doc[i].idx)
        ):
            end = _place_tail(doc, i + 1, gazetteer)
            key = unique_key(gazetteer, [doc[i:end].text]) if end > i + 1 else ""
            if not key and end > i + 1 and _acronym_key(doc[i:end], gazetteer):
                end = i + 1  # 'l'ENSMM de Besançon': the ENSMM, in its own town
            yield institution_span(doc, i, end, key or _acronym_key(doc[i:end], gazetteer))


def _acronym_key(span: Span, gazetteer: Gazetteer) -> str:
    """The institution of an acronym ('l'ENSMM'), of an acronym in its own town ('l'ENSMM de
    Besançon'); none for one in another town or with a numeral ('l'IAE de Lille 1')."""
    entries = gazetteer.by_acronym(span[0].text)
    if len(span) in (2, 3):
        town = span[-1].text.casefold()
        entries = [e for e in entries if e.city and town in e.city.casefold()]
    elif len(span) > 1:
        entries = []
    known = {e.key for e in entries}
    return known.pop() if len(known) == 1 else ""


def _place_tail(doc: Doc, i: int, gazetteer: Gazetteer) -> int:
    """'IUT de Tarbes', 'CHU de Nantes': an acronym's 'de' and city belong to the name."""
    if i + 1 < len(doc) and doc[i].lower_ in _LINKS and gazetteer.place(doc[i + 1].text):
        numbered = i + 2 < len(doc) and doc[i + 2].text in name_rules().numerals
        return i + 3 if numbered else i + 2  # 'l'IAE de Lille 1'
    if (
        i < len(doc)
        and doc[i].is_title
        and doc[i - 1].whitespace_
        and _is_town(doc[i], gazetteer)
        and not (i + 1 < len(doc) and doc[i + 1].is_title)  # 'l'INSA Rouen Normandie'
    ):
        return i + 1  # 'l'ESC Amiens', 'l'ENSI Caen': a brand and its town
    return i


def _is_town(token: Token, gazetteer: Gazetteer) -> bool:
    place = gazetteer.place(token.text)
    return place is not None and place.type == "city"


# Numbered universities ------------------------------------------------------------------


def numbered_spans(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'Lille-II', 'Paris IV', 'Rennes 1', 'Toulouse III-Paul-Sabatier': a city and a numeral."""
    texts = doc_words(doc).texts
    for token in (doc[i] for i, text in enumerate(texts) if text.istitle()):  # `is_title`
        if not token.is_title or gazetteer.place(token.text) is None:
            continue
        end = _numeral_end(doc, token.i + 1, rules) or _known_numbered(doc, token, gazetteer, rules)
        if end is None:
            continue
        numbered = _title_tail(doc, end)
        end = _patron_end(doc, numbered)
        start = _university_before(doc, token.i)
        key = unique_key(gazetteer, _numbered_candidates(doc[start:end].text, rules))
        if not key and end > numbered:  # 'Lyon 2 Lumière': the known 'Lyon 2' with its patron
            key = unique_key(gazetteer, _numbered_candidates(doc[start:numbered].text, rules))
        yield institution_span(doc, start, end, key)
        for numeral in _listed_numerals(doc, end, rules):  # 'Bordeaux 1, 2 et 4'
            name = f"{token.text} {doc[numeral].text}"
            key = unique_key(gazetteer, _numbered_candidates(name, rules))
            span = institution_span(doc, numeral, numeral + 1, key)
            span._.set(WRITTEN_NAME, name)
            yield span


def _listed_numerals(doc: Doc, i: int, rules: NameRules) -> list[int]:
    """The numerals listed after a numbered university: ', 2 et 4'."""
    found = []
    while i + 1 < len(doc) and doc[i].lower_ in (",", "et") and doc[i + 1].text in rules.numerals:
        after = doc[i + 2] if i + 2 < len(doc) else None
        if after is not None and (after.like_num or (after.is_lower and after.pos_ == "NOUN")):
            break  # '…, 2 étudiants'
        found.append(i + 1)
        i += 2
    return found


def _numeral_end(doc: Doc, i: int, rules: NameRules) -> int | None:
    hyphen = i < len(doc) and doc[i].text == "-" and doc[i].whitespace_ == ""
    j = i + 1 if hyphen else i
    if j >= len(doc) or doc[j].text not in rules.numerals:
        return None
    if (
        doc[j].text.isdigit()
        and not hyphen
        and not _after_university(doc, i - 1)
        and not _named_numeral(doc, j, rules)
    ):
        return None  # 'Lyon 2' alone may be a count; 'Université Lyon 2' or 'Lyon-2' is not
    if doc[j].text.isdigit() and _counts(doc, j):
        return None  # 'Paris 2 étudiants'
    return j + 1


def _counts(doc: Doc, numeral: int) -> bool:
    """'2 étudiants', '2 nouveaux campus': a number of things, not a university's numeral."""
    after = doc[numeral + 1] if numeral + 1 < len(doc) else None
    return after is not None and after.is_lower and after.pos_ in ("NOUN", "ADJ", "NUM")


def _named_numeral(doc: Doc, j: int, rules: NameRules) -> bool:
    """'Bordeaux 3 Michel-de-Montaigne', 'Toulouse 2 Le Mirail', 'Bordeaux 1, 2 et 4': a
    numeral followed by a patron's name or by more numerals names universities."""
    after = doc[j + 1] if j + 1 < len(doc) else None
    if after is None:
        return False
    if _patron_word(after):
        return True
    return bool(_listed_numerals(doc, j + 1, rules))


def _patron_word(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.pos_ in ("PROPN", "DET", "X", "NOUN", "ADJ")  # 'Sorbonne Nouvelle'
        and token.text.replace("-", "").isalpha()
    )


def _patron_end(doc: Doc, end: int) -> int:
    """'Bordeaux 3 Michel-de-Montaigne', 'Toulouse 2 Le Mirail': a patron's or a site's name
    after the numeral (up to three capitalised words)."""
    start = end
    while (
        end < len(doc) and end - start < 3 and _patron_word(doc[end]) and doc[end - 1].whitespace_
    ):
        end += 1
    return end if end > start and doc[end - 1].pos_ != "DET" else start


def _after_university(doc: Doc, city: int) -> bool:
    return (city > 0 and doc[city - 1].lower_ == "universités") or _university_before(
        doc, city
    ) < city


def _university_before(doc: Doc, city: int) -> int:
    """Where 'université (de) Rennes 2' starts: 'Université de Rennes 2' is not the
    Université de Rennes."""
    if city > 0 and doc[city - 1].lower_ == "université":
        return city - 1
    if city > 1 and doc[city - 1].lower_ == "de" and doc[city - 2].lower_ == "université":
        return city - 2
    return city


def _known_numbered(doc: Doc, city: Token, gazetteer: Gazetteer, rules: NameRules) -> int | None:
    """'Paris 12', 'Lyon 1' alone: a numbered university the gazetteer knows by that name
    (not 'Paris 2 étudiants')."""
    j = city.i + 1
    if j >= len(doc) or not doc[j].text.isdigit() or doc[j].text not in rules.numerals:
        return None
    if city.i > 0 and (doc[city.i - 1].text[:1].isupper() or doc[city.i - 1].text == "-"):
        return None  # 'université Claude-Bernard Lyon 1': the end of a longer name
    if _counts(doc, j):
        return None
    name = f"{city.text} {doc[j].text}"
    return j + 1 if unique_key(gazetteer, _numbered_candidates(name, rules)) else None


def _title_tail(doc: Doc, end: int) -> int:
    """'Toulouse III-Paul-Sabatier': hyphenated capitalised words glued to the numeral."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end - 1].whitespace_ == ""
        and doc[end + 1].is_title
    ):
        end += 2
    return end


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12, "XIII": 13}  # fmt: skip


def _numbered_candidates(text: str, rules: NameRules) -> list[str]:
    """Written forms to look up: 'Lille-II' → 'Lille 2', 'Université Lille 2', …"""
    base = re.sub(r"^[Uu]niversité\s+", "", text)
    arabic = re.sub(r"\b(" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b",
                    lambda m: str(_ROMAN[m.group(1)]), base)  # fmt: skip
    forms = []
    for form in (base, arabic, arabic.replace("-", " ")):
        forms += [form, f"Université {form}", f"Université de {form}"]
    return list(dict.fromkeys(forms))


# Distributed names ----------------------------------------------------------------------
_DISTRIBUTING = frozenset({"les", "des", "aux", "ces", "deux", "trois", "quatre", "cinq", "six"})


def distributed_spans(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'les universités de Kiel, de Split et de Brest', 'les INSA de Lyon, Rennes et Toulouse':
    one span per name, each standing for its own institution."""
    words = doc_words(doc)
    for i in range(1, len(doc)):
        if words.lowers[i - 1] not in _DISTRIBUTING:
            continue
        for head, singular in rules.plural_heads:
            if tuple(words.texts[i : i + len(head)]) == head:
                yield from _distribute(doc, i, i + len(head), singular, gazetteer)
                break


def _distribute(
    doc: Doc, start: int, i: int, singular: str, gazetteer: Gazetteer
) -> Iterator[Span]:
    items = _distributed_items(doc, list(_list_items(doc, i, gazetteer)), gazetteer)
    if len(items) < 2:
        return
    for index, (link, name_start, name_end) in enumerate(items):
        name = doc[name_start:name_end].text
        written = [
            f"{singular} {link} {name}" if link else f"{singular} {name}",
            f"{singular} {name}",
        ]
        key = unique_key(gazetteer, written) or key_with_city(gazetteer, written[0])
        span = institution_span(doc, start if index == 0 else name_start, name_end, key)
        span._.set(WRITTEN_NAME, written[0].replace("d' ", "d'").replace("d’ ", "d’"))
        yield span


@cache
def first_names() -> frozenset[str]:
    """Common first names (resources/person_names.json): 'Paul' in 'Paul-Sabatier'."""
    return frozenset(load_json("person_names.json")["first_names"])


def _distributed_items(
    doc: Doc, items: list[tuple[str, int, int]], gazetteer: Gazetteer
) -> list[tuple[str, int, int]]:
    """The items the head distributes over: after the first, each has its own 'de', names a
    place ('de Kiel, de Split', 'Lyon, Rennes', 'Nancy 2', 'Paul-Verlaine de Metz') or a
    patron ('Paul-Sabatier et Jean-Jaurès'). 'Les universités d'Aquitaine, Sciences-Po et
    INP' names one university, then other bodies."""
    for index, (_, start, end) in enumerate(items[1:], start=1):
        own_link = doc[start - 1].lower_ in _LINKS
        placed = any(gazetteer.place(t.text) for t in doc[start:end])
        patron = doc[start].text.split("-")[0] in first_names()
        if not (own_link or placed or patron):
            return items[:index]
    return items


def _list_items(doc: Doc, i: int, gazetteer: Gazetteer) -> Iterator[tuple[str, int, int]]:
    """('de', start, end) for each name of 'de Kiel, de Split et de Brest' or 'A, B et C'."""
    link = ""
    while i < len(doc):
        if doc[i].lower_ in _LINKS:
            link = doc[i].text
            i += 1
        end = _item_end(doc, i, gazetteer)
        if end == i:
            return
        yield link, i, end
        end = _after_gloss(doc, end)  # 'de La Sapienza (Rome), de Stockholm'
        if (end < len(doc) and doc[end].text == "," and end + 1 < len(doc)) or (
            end < len(doc) and doc[end].lower_ == "et"
        ):
            i = end + 1
        else:
            return


def _after_gloss(doc: Doc, i: int) -> int:
    """The token after a short parenthesis ('(Rome)', '(Italie)') following a listed name."""
    if i < len(doc) and doc[i].text == "(":
        close = next((t.i for t in doc[i + 1 : i + 5] if t.text == ")"), None)
        if close is not None:
            return close + 1
    return i


def _item_end(doc: Doc, i: int, gazetteer: Gazetteer) -> int:
    """A listed name with its numeral ('Nancy 2') or its city ('Paul-Verlaine de Metz')."""
    end = _proper_name_end(doc, i)
    if end == i or end >= len(doc):
        return end
    if doc[end].text in name_rules().numerals and gazetteer.place(doc[end - 1].text):
        return end + 1
    if gazetteer.place(doc[i:end].text) is None:
        return _place_tail(doc, end, gazetteer)
    return end


_NAME_PARTICLES = {"de", "du", "des", "la", "sur", "en", "et"}


def _proper_name_end(doc: Doc, i: int) -> int:
    """The end of a place or name of capitalized words: 'Rouen Normandie', 'Hauts-de-France',
    'Centre Val de Loire' (a particle only between two capitalized words)."""
    end = i
    while end < len(doc) and _proper_word(doc[end]):
        end += 1
        if end + 1 < len(doc) and doc[end].text == "-" and _proper_word(doc[end + 1]):
            end += 2
        elif (
            end + 1 < len(doc)
            and doc[end].lower_ in _NAME_PARTICLES - {"et"}
            and doc[end].text.islower()
            and _proper_word(doc[end + 1])
            and end - i >= 2  # 'Val de Loire' after 'Centre', not 'Lyon de Rennes'
        ):
            end += 1
    return end


def _proper_word(token: Token) -> bool:
    """A capitalized word ('Lyon', 'INSA', 'Hauts-de-France', 'Saint-Étienne')."""
    parts = token.text.replace("'", "-").replace("’", "-").split("-")
    return (
        token.text[:1].isupper()
        and all(p.isalpha() for p in parts if p)
        and all(p[:1].isupper() or p in _NAME_PARTICLES for p in parts if p)
    )


# Apposition ------------------------------------------------------------------------------


def apposition_spans(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'Bordeaux-Montaigne, l'université de lettres': a hyphenated name before ', l'université'."""
    for token in tokens_among(doc, doc_words(doc).texts, (",",)):
        if token.text != "," or token.i < 3 or token.i + 2 >= len(doc):
            continue
        following = doc[token.i + 1 : token.i + 4].text.lower()
        if not any(following.startswith(f"l'{h}") or following.startswith(f"l’{h}")
                   for h in rules.apposition_heads):  # fmt: skip
            continue
        start = _hyphenated_name_start(doc, token.i)
        if start is not None and gazetteer.place(doc[start : token.i].text) is None:
            name = doc[start : token.i].text
            yield institution_span(
                doc, start, token.i, unique_key(gazetteer, [name, f"Université {name}"])
            )


def _hyphenated_name_start(doc: Doc, end: int) -> int | None:
    """Start of 'Paul-Valéry' or 'Bordeaux-Montaigne' ending at `end`, sentence-initial or
    after punctuation, never a lone word."""
    i = end - 1
    if i >= 0 and doc[i].is_title and "-" in doc[i].text.strip("-"):
        before = doc[i - 1] if i > 0 else None
        return i if before is None or before.is_punct or before.is_space else None
    while i - 2 >= 0 and doc[i].is_title and doc[i - 1].text == "-" and doc[i - 2].is_title:
        i -= 2
    if i == end - 1 or not doc[i].is_title:
        return None
    before = doc[i - 1] if i > 0 else None
    return i if before is None or before.is_punct or before.is_space else None


def named_before_parenthesis(doc: Doc, spans: list[Span]) -> Iterator[Span]:
    """'Paul-Valéry (Montpellier-III)': the hyphenated name before a parenthesised institution
    is that institution."""
    taken = Intervals((s.start, s.end) for s in spans)
    for span in spans:
        opening = span.start - 1
        if (
            opening < 1
            or doc[opening].text != "("
            or span.end >= len(doc)
            or doc[span.end].text != ")"
        ):
            continue
        start = _hyphenated_name_start(doc, opening)
        if start is not None and not taken.overlaps(start, opening):
            yield institution_span(doc, start, opening, span.kb_id_)


def opened_spans(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'le laboratoire Laplace', 'le laboratoire international Georgia Tech-CNRS', 'la société
    d'ingénierie Méca-Systèmes', 'au sein d'un GIE, NATech,': the name a common noun
    introduces, without the noun."""
    # an opener glued from pieces ('start-up') is met at its last piece
    pieces = {piece for opener in rules.name_openers for piece in _last_pieces(opener)}
    for token in tokens_among(doc, doc_words(doc).lowers, pieces):
        word = _glued_word(doc, token)
        if word.lower() not in rules.name_openers or not (word.islower() or word.isupper()):
            continue
        start = _after_modifiers(doc, token.i + 1)
        apposed = _apposed_after(doc, token, start)
        if token.is_upper and not apposed:
            continue  # 'GIE' opens a name only in apposition ('un GIE, NATech,')
        start += 1 if apposed else 0
        end = _proper_name_end(doc, start)
        name = doc[start:end].text
        if apposed and (end >= len(doc) or doc[end].text not in (",", ".", ";", ")", ":")):
            continue
        key = unique_key(gazetteer, [name])
        if end > start and _may_name(name, key, rules) and gazetteer.place(name) is None:
            yield institution_span(doc, start, end, key)


def _last_pieces(opener: str) -> list[str]:
    """The opener, and what follows each of its hyphens."""
    return [opener, *(opener[i + 1 :] for i, char in enumerate(opener) if char == "-")]


def _may_name(name: str, key: str, rules: NameRules) -> bool:
    """Not a common abbreviation, a head word standing alone ('l'école Centrale') nor a field
    ('le pôle Europe')."""
    return name not in rules.not_acronyms and (bool(key) or name not in _not_opened_names())


@cache
def _not_opened_names() -> frozenset[str]:
    """Head words ('l'école Centrale') and fields or services ('le pôle Europe')."""
    heads = load_json("institution_heads.json")["heads"]
    return frozenset([*heads, *load_json("names.json")["opener_not_names"]])


def _glued_word(doc: Doc, token: Token) -> str:
    """'start-up', which the tokenizer cuts 'start' '-' 'up', read at its last piece."""
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ + doc[i - 1].whitespace_:
        return doc[i - 2 : i + 1].text
    return token.text


def _after_modifiers(doc: Doc, start: int) -> int:
    """Past the adjectives ('international') and the complement ('d'ingénierie', 'mixte de
    recherche') between an opening noun and the name."""
    start = _past_adjectives(doc, start)
    complement = start + 1 < len(doc) and doc[start].lower_ in _LINKS
    if complement and doc[start + 1].is_lower and doc[start + 1].pos_ == "NOUN":
        return _past_adjectives(doc, start + 2)
    return start


def _past_adjectives(doc: Doc, start: int) -> int:
    limit = min(len(doc), start + 2)
    while start < limit and doc[start].is_lower and doc[start].pos_ == "ADJ":
        start += 1
    return start


def _apposed_after(doc: Doc, opener: Token, start: int) -> bool:
    """'un GIE, NATech,': an indefinite kind noun, a comma, then the name."""
    return (
        start < len(doc)
        and doc[start].text == ","
        and opener.i > 0
        and doc[opener.i - 1].lower_ in ("un", "une", "d'un", "d’un")
    )


def named_by_apposition(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'GeoRessources, un laboratoire de l'Université de Lorraine': a capitalised name inside
    the sentence, set in apposition to a kind noun, is that kind of body."""
    for token in tokens_among(doc, doc_words(doc).texts, (",",), 1, len(doc) - 2):
        if token.text != ",":
            continue
        article, noun = doc[token.i + 1], doc[token.i + 2]
        if article.lower_ not in ("un", "une") or noun.lower_ not in rules.name_openers:
            continue
        start = _name_start_before(doc, token.i)
        name = doc[start : token.i].text
        if start < token.i and gazetteer.place(name) is None and name not in rules.not_acronyms:
            yield institution_span(doc, start, token.i, unique_key(gazetteer, [name]))


def _name_start_before(doc: Doc, end: int) -> int:
    """Start of the run of capitalised words ending at `end`, never a sentence's first word
    (a capital there says nothing) nor a person's name."""
    start = end
    while start > 0 and _proper_word(doc[start - 1]) and doc[start - 1].ent_type_ != "PER":
        start -= 1
    if start == 0 or doc[start - 1].is_punct or "\n" in doc[start - 1].whitespace_:
        return end
    return start


def in_place_phrase(span: Span, rules: NameRules) -> bool:
    """'ses campus de Paris-Saclay': a place that shares a name with an institution; 'installée
    sur le Technopôle de Metz': a site named by a place noun, where something stands."""
    doc = span.doc
    site = (
        span.start >= 2
        and span[0].lower_ in rules.place_nouns
        and doc[span.start - 1].lower_ in ("le", "la", "l'", "l’")
        and doc[span.start - 2].lower_ == "sur"
    )
    return site or (
        span.start >= 2
        and doc[span.start - 1].lower_ in ("de", "d'", "d’")
        and doc[span.start - 2].lower_ in rules.place_nouns
        and not span[0].is_upper
        and len(span) <= 3
    )


APPOSITION = (", le", ", la", ", l'", ", l’")


def spells(short: Span, long: Span) -> bool:
    """'Loria' and 'Laboratoire lorrain de recherche en informatique et ses applications'."""
    if len(short) != 1 or short.text[:1].lower() != long.text[:1].lower():
        return False
    return long_form_start(short.text, [t.text for t in long]) is not None


def apposed_short_forms(doc: Doc, spans: list[Span]) -> Iterator[Span]:
    """'le Loria, le Laboratoire lorrain de recherche …': a capitalised word followed by its
    long form in apposition is the same institution."""
    taken = Intervals((s.start, s.end) for s in spans)
    for span in spans:
        if len(span) < 2 or span.start < 3:
            continue
        short = doc[span.start - 3 : span.start - 2]
        between = doc[short.end : span.start].text
        if (
            between in APPOSITION
            and (short[0].is_title or short[0].is_upper)
            and not taken.overlaps(short.start, short.start + 1)
            and spells(short, span)
        ):
            yield institution_span(doc, short.start, short.end, span.kb_id_)


def baptised_spans(doc: Doc, gazetteer: Gazetteer, rules: NameRules) -> Iterator[Span]:
    """'un incubateur commun, baptisé Symbiose': the name given without quotes."""
    for token in tokens_among(doc, doc_words(doc).lowers, rules.naming_words, 0, len(doc) - 1):
        if token.lower_ in rules.naming_words:
            end = _proper_name_end(doc, token.i + 1)
            name = doc[token.i + 1 : end].text
            if end > token.i + 1 and gazetteer.place(name) is None:
                yield institution_span(doc, token.i + 1, end, unique_key(gazetteer, [name]))
    yield from _name_taken(doc, gazetteer)


def _name_taken(doc: Doc, gazetteer: Gazetteer) -> Iterator[Span]:
    """'X prend le nom de Jean Jaurès': the name a body takes is the body's, even a person's."""
    lowers = doc_words(doc).lowers
    for noun in tokens_among(doc, lowers, ("nom",), 2, len(doc) - 2):
        i = noun.i
        verb = i - 2
        while verb > 0 and doc[verb].pos_ == "ADV":  # 'prend officiellement le nom de'
            verb -= 1
        if (
            lowers[i - 1] == "le"
            and lowers[i + 1] in ("de", "d'", "d’")
            and doc[verb].lemma_.lower() == "prendre"
            and doc[i + 2].text[:1].isupper()
        ):
            end = _proper_name_end(doc, i + 2)
            name = doc[i + 2 : end].text
            # a person's name ('Jean Jaurès'), not the head of a longer name ('d'Ecole supérieure…')
            if end >= i + 4 and gazetteer.place(name) is None:
                yield institution_span(doc, i + 2, end, unique_key(gazetteer, [name]))
