"""maillage's spaCy components: institutions from the gazetteer and from name patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..intervals import Intervals
from ..resolve.gazetteer import Gazetteer, load_gazetteer
from ..resources import load_json
from .definitions import definitions, is_metalinguistic, quoted_names
from .names import (
    WRITTEN_NAME,
    acronym_spans,
    apposed_short_forms,
    apposition_spans,
    baptised_spans,
    distributed_spans,
    in_place_phrase,
    key_with_city,
    name_rules,
    named_before_parenthesis,
    named_by_apposition,
    numbered_spans,
    opened_spans,
    unique_key,
)
from .text import doc_text, doc_words, tokens_among

INSTITUTIONS = "institutions"
if not Span.has_extension(WRITTEN_NAME):
    Span.set_extension(WRITTEN_NAME, default=None)
ACRONYM = re.compile(r"^[A-Z][A-Za-z&]*[A-Z][A-Za-z]*$")
_ARTICLES = frozenset({"la", "le", "les", "l'", "l’", "des", "du", "un", "une", "d'", "d’", "de"})


@cache
def _heads() -> dict[str, Any]:
    return load_json("institution_heads.json")


class InstitutionRecognizer:
    """Spans of institution names in `doc.spans["institutions"]`, each labelled with its
    gazetteer key (or "" when only a name pattern found it), and re-typed as ORG in doc.ents."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        gazetteer = self.gazetteer = load_gazetteer()
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        # One-word names are often common words ('Orange', 'Suez'): they must match their case.
        self.words = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.single_names: set[str] = set()
        for entry in gazetteer.institutions.values():
            names = _apostrophe_variants(entry.surface_names)
            docs = [nlp.make_doc(name) for name in names]
            self.names.add(entry.key, [d for d in docs if len(d) > 1])
            words = {d.text for d in docs if len(d) == 1}
            self.single_names |= words
            exact = [*entry.acronyms, *words, *(w.upper() for w in words)]
            exact += _brand_variants((*entry.acronyms, *words), name_rules().not_acronyms)
            self.words.add(entry.key, [nlp.make_doc(name) for name in sorted(set(exact))])
        rules = _heads()
        self.heads = frozenset(rules["heads"])
        self.lowercase_heads = frozenset(rules["lowercase_heads"])
        self.connectors = frozenset(rules["connectors"])
        self.max_tokens = int(rules["max_tokens"])
        self.trailing_heads = frozenset(rules["trailing_heads"])
        self.locutions = frozenset(rules["locutions_after_en"])
        self.followers: dict[str, list[str]] = rules["head_followers"]
        self.any_heads = self.heads | self.lowercase_heads | self.trailing_heads

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        known = filter_spans(
            [self._span(doc, k, start, end) for k, start, end in self._matches(doc, text)]
        )
        written = self._written_spans(doc)
        in_written = _bounds(written)
        known = [k for k in known if not in_written.holds(k.start, k.end)]
        patterned = _apart(self._pattern_spans(doc), written) + written
        longer = _longer_names(patterned, known)
        known = _apart(known, longer)
        lengthened = {(p.start, p.end) for p in longer}
        taken = _bounds(known)
        patterned = [
            p
            for p in patterned
            if (p.start, p.end) in lengthened or not taken.overlaps(p.start, p.end)
        ]
        spans = filter_spans(known + patterned)
        introduced = _introduced_names(doc, spans)
        spans = filter_spans(introduced + _apart(spans, introduced))
        spans = filter_spans(spans + _defined_acronyms(doc, spans))
        spans = filter_spans(spans + list(named_before_parenthesis(doc, spans)))
        spans = filter_spans(spans + list(apposed_short_forms(doc, spans)))
        rules = name_rules()
        acronyms = list(acronym_spans(doc, self.gazetteer, rules))
        tailed = [a for a in acronyms if len(a) > 1]  # 'l'IAE de Lille 1' holds 'Lille 1'
        spans = filter_spans(tailed + _apart(spans, tailed))
        spans = filter_spans(spans + _apart(acronyms, spans))
        spans = [s for s in spans if not in_place_phrase(s, rules)]
        spans = [self._glued_brand(doc, s, spans) for s in spans]
        spans = self._composite_names(doc, [self._brand_elsewhere(doc, s) for s in spans])
        spans = sorted(spans + self._statistical_names(doc, spans), key=lambda s: s.start)
        spans = sorted(spans + self._listed_brands(doc, spans), key=lambda s: s.start)
        doc.spans[INSTITUTIONS] = [s for s in spans if not is_metalinguistic(text, s)]
        others = _apart(doc.ents, spans)
        doc.ents = filter_spans([*others, *(Span(doc, s.start, s.end, label="ORG") for s in spans)])
        return doc

    def _statistical_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        found = []
        for ent in _apart(doc.ents, spans):
            if ent.label_ != "ORG" or not self._whole_statistical_name(doc, ent):
                continue
            found.append(
                Span(
                    doc,
                    ent.start,
                    ent.end,
                    label="INSTITUTION",
                    kb_id=unique_key(self.gazetteer, [ent.text]),
                )
            )
        return found

    def _listed_brands(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'de l'Escem, l'ESC Amiens et l'ESC Pau', 'de l'Ensi Bourges et de l'Eni Val de
        Loire': a capitalised word after an elided article, with its town, coordinated with a
        name, is a name too (a place or a head word excepted)."""
        starts = {s.start: s for s in spans}
        ends = {s.end: s for s in spans}
        taken = _bounds(spans)
        found = []
        for token in doc[1:-1]:
            if (
                doc[token.i - 1].lower_ not in ("l'", "l’")
                or not token.is_title
                or token.pos_ not in ("PROPN", "X", "NOUN")
                or taken.overlaps(token.i, token.i + 1)
                or token.text in self.any_heads
                or token.text in name_rules().not_brands
                or token.ent_type_ == "PER"
                or self.gazetteer.place(token.text) is not None
            ):
                continue
            end = token.i + 1
            if end < len(doc) and self._is_town(doc[end]):
                end += 1  # 'l'Ensi Bourges'
            if self._coordinated(doc, token.i, end, starts, ends):
                key = unique_key(self.gazetteer, [doc[token.i : end].text])
                found.append(Span(doc, token.i, end, label="INSTITUTION", kb_id=key))
        return found

    def _is_town(self, token: Token) -> bool:
        place = self.gazetteer.place(token.text)
        return place is not None and place.type == "city" and token.is_title

    @staticmethod
    def _coordinated(
        doc: Doc, i: int, end: int, starts: dict[int, Span], ends: dict[int, Span]
    ) -> bool:
        after = end
        if after < len(doc) and doc[after].text == "(":  # 'l'Escem (Tours-Poitiers), …'
            after = next((t.i + 1 for t in doc[after:] if t.text == ")"), len(doc))
        if (
            after + 1 < len(doc)
            and doc[after].lower_ in (",", "et")
            and doc[after + 1].lower_ == "de"
        ):
            after += 1  # 'et de l'Eni Val de Loire'
        follows = (
            after + 2 < len(doc)
            and doc[after].lower_ in (",", "et", "de")
            and doc[after + 1].lower_ in ("l'", "l’", "la", "le")
            and after + 2 in starts
        )
        before = i - 2
        while before > 0 and doc[before].lower_ == "de":
            before -= 1  # 'A et de l'X'
        precedes = before > 0 and doc[before].lower_ in (",", "et") and before in ends
        return follows or precedes

    def _whole_statistical_name(self, doc: Doc, ent: Span) -> bool:
        first, last = ent[0], ent[-1]
        if len(ent) > 8 or first.text in self.any_heads or not first.text[:1].isupper():
            return False
        if first.pos_ not in ("PROPN", "X") and not (first.is_upper and len(first) > 3):
            return False
        if any((t.is_punct and t.text not in "-&") or t.like_num for t in ent):
            return False
        if last.pos_ in ("ADP", "DET", "CCONJ") or last.text.endswith(("-", "'", "’")):
            return False
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and after.lower_ in ("de", "d'", "d’", "du", "des", "für", "of"):
            return False
        if len(ent) == 1 and (first.is_sent_start or first.is_upper):
            return False
        return self.gazetteer.place(ent.text) is None

    def _composite_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'Mines Paris – PSL', 'Grenoble INP - Ensimag': two names joined by a dash, one a
        component of the other, are the component's own name."""
        joined: list[Span] = []
        for span in spans:
            last = joined[-1] if joined else None
            if last is not None and (key := self._component_of_pair(doc, last, span)):
                joined[-1] = Span(doc, last.start, span.end, label="INSTITUTION", kb_id=key)
            elif last is not None and _glued_pair(doc, last, span):
                # 'LaSalle Beauvais-Esitpa': two known names glued by a hyphen name a third body
                name = doc[last.start : span.end].text
                key = unique_key(self.gazetteer, [name])
                joined[-1] = Span(doc, last.start, span.end, label="INSTITUTION", kb_id=key)
            else:
                joined.append(span)
        return joined

    def _glued_brand(self, doc: Doc, span: Span, spans: list[Span]) -> Span:
        """'l'ISA-BTP' is not the ISA: a known acronym glued by a hyphen to a word in
        capitals that starts no other name is another body's name."""
        end = span.end
        if (
            len(span) != 1
            or not span.kb_id_
            or end + 1 >= len(doc)
            or doc[end].text != "-"
            or span[-1].whitespace_
            or doc[end].whitespace_
            or not doc[end + 1].is_upper
            or any(other.start == end + 1 for other in spans)
        ):
            return span
        name = doc[span.start : end + 2].text
        return Span(
            doc, span.start, end + 2, "INSTITUTION", kb_id=unique_key(self.gazetteer, [name])
        )

    def _brand_elsewhere(self, doc: Doc, span: Span) -> Span:
        """'HEC Montréal' is not HEC Paris, 'ESIEE Amiens' not ESIEE Paris: a French
        institution's short name followed by a city abroad, or its acronym followed by another
        French town, is another body, named with its city."""
        entry = self.gazetteer.institutions.get(span.kb_id_)
        if entry is None or span.end >= len(doc) or not _french(self.gazetteer, entry.city):
            return span
        city = self.gazetteer.place(doc[span.end].text)
        if city is None or city.type != "city" or city.country is None:
            return span
        if city.country == "France" and not (
            span.text in entry.acronyms
            and doc[span.end - 1].whitespace_
            and (entry.city or "").casefold() != city.name.casefold()
            and city.name.casefold() not in " ".join(entry.surface_names).casefold()
        ):
            return span
        if span.end + 1 < len(doc) and doc[span.end + 1].is_title:
            return span  # 'ParisTech Shanghai Jiao Tong': the city starts a longer name
        name = doc[span.start : span.end + 1].text
        return Span(
            doc, span.start, span.end + 1, "INSTITUTION", kb_id=unique_key(self.gazetteer, [name])
        )

    def _component_of_pair(self, doc: Doc, first: Span, second: Span) -> str:
        if second.start != first.end + 1 or doc[first.end].text not in ("-", "–", "—"):
            return ""
        institutions = self.gazetteer.institutions
        one, other = institutions.get(first.kb_id_), institutions.get(second.kb_id_)
        if one is None or other is None:
            return ""
        if other.key in one.part_of:
            return one.key
        return other.key if one.key in other.part_of else ""

    def _written_spans(self, doc: Doc) -> list[Span]:
        """Numbered, distributed and apposed names; distributed ones win over the pattern
        that would run the list into one name."""
        rules, gazetteer = name_rules(), self.gazetteer
        found = [
            *numbered_spans(doc, gazetteer, rules),
            *distributed_spans(doc, gazetteer, rules),
            *apposition_spans(doc, gazetteer, rules),
            *opened_spans(doc, gazetteer, rules),
            *named_by_apposition(doc, gazetteer, rules),
            *baptised_spans(doc, gazetteer, rules),
        ]
        return filter_spans(found)

    def _matches(self, doc: Doc, text: str) -> list[tuple[str, int, int]]:
        found = [*self.names(doc), *self.words(doc)]
        keys: dict[tuple[int, int], list[str]] = {}
        for match_id, start, end in found:
            keys.setdefault((start, end), []).append(doc.vocab.strings[match_id])
        lowered = text.lower()
        chosen: dict[tuple[str, ...], str] = {}  # each reading searches the whole text
        for found_keys in keys.values():
            if tuple(found_keys) not in chosen:
                chosen[tuple(found_keys)] = self._likeliest(found_keys, lowered)
        return [(chosen[tuple(k)], start, end) for (start, end), k in keys.items()]

    def _likeliest(self, keys: list[str], text: str) -> str:
        """An ambiguous acronym ('ENSG': géologie in Nancy, géomatique in Champs-sur-Marne) is
        the institution whose city or other names the article mentions."""
        if len(keys) == 1:
            return keys[0]
        group = self._group_of(keys)
        if group:
            return group

        def support(key: str) -> int:
            entry = self.gazetteer.institutions[key]
            city = entry.city or ""
            clues = {city, *(w for w in re.split(r"[- ]", city) if len(w) > 4)}
            clues |= {n for n in entry.surface_names if len(n) > 6}
            clues |= {  # 'IEP de Grenoble': the town its names hold
                word
                for name in entry.surface_names
                for word in re.split(r"[- '’]", name)
                if len(word) > 3 and word[0].isupper() and self.gazetteer.place(word)
            }
            return sum(1 for clue in clues if clue and clue.lower() in text)

        return max(sorted(set(keys)), key=support)

    def _group_of(self, keys: list[str]) -> str | None:
        """'INSA' alone, shared by every INSA, is their group (Groupe INSA), never one school:
        the network all of them belong to whose name holds the acronym."""
        entries = [self.gazetteer.institutions[k] for k in set(keys)]
        shared = set.intersection(*(set(e.member_of) for e in entries))
        acronyms = set.intersection(*(set(e.acronyms) for e in entries))
        for key in sorted(shared):
            group = self.gazetteer.institutions.get(key)
            if group and any(a in group.name.split() for a in acronyms):
                return key
        return None

    @staticmethod
    def _span(doc: Doc, key: str, start: int, end: int) -> Span:
        return Span(doc, start, end, label="INSTITUTION", kb_id=key)

    def _pattern_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for token in tokens_among(doc, doc_words(doc).texts, self.any_heads):  # no head, no name
            start = self._name_start(doc, token)
            if start is None:
                continue
            lowercase = token.text in self.lowercase_heads
            end = self._extend(doc, token.i + 1)
            if start < token.i:
                end = _proper_end(doc, token.i + 1, end)
            named = start < token.i or any(t.is_title or t.is_upper for t in doc[token.i + 1 : end])
            if (
                end - start > 1
                and (named or not (lowercase or _plural(token)))
                and self._followed_as_required(doc, token)
            ):
                key = key_with_city(self.gazetteer, doc[start:end].text)
                spans.append(Span(doc, start, end, label="INSTITUTION", kb_id=key))
        return spans

    def _name_start(self, doc: Doc, token: Token) -> int | None:
        """Where the name a head word belongs to starts: at the head, or before it for heads
        that close names ('Angers Loire Métropole'); None when the token opens no name."""
        if token.text in self.trailing_heads:
            start = token.i
            while start > 0 and _capitalised_word(doc[start - 1]) and not _hard_start(doc[start]):
                start -= 1
            while start < token.i and doc[start].lower_ in _ARTICLES:
                start += 1
            if start < token.i:
                return start
        lowercase = token.text in self.lowercase_heads
        if not (token.text in self.heads or lowercase):
            return None
        before = doc[token.i - 1] if token.i else None
        if lowercase or before is None or not before.is_title or before.lower_ in _ARTICLES:
            return token.i
        return None

    def _followed_as_required(self, doc: Doc, token: Token) -> bool:
        """'Conseil régional' opens a name, 'Conseil d'administration' does not."""
        followers = self.followers.get(token.text)
        if followers is None:
            return True
        after = doc[token.i + 1 : token.i + 3]
        return after.text.startswith(tuple(followers)) or (
            len(after) > 0 and after[0].text in followers
        )

    def _starts_another_name(self, doc: Doc, i: int) -> bool:
        """After 'et': an article, or connectors then a head word ('et de la Région Lorraine')."""
        if (
            i + 1 < len(doc)
            and doc[i].lower_ in ("d'", "d’", "de", "des")
            and (doc[i + 1].is_lower and doc[i + 1].pos_ == "NOUN" and _plural(doc[i + 1]))
        ):
            return False  # 'Communauté d'universités et d'établissements d'Aquitaine'
        if i < len(doc) and doc[i].lower_ in _ARTICLES:
            return not self._title_case_complement(doc, i)
        if i < len(doc) and (doc[i].ent_type_ == "PER" or doc[i].lower_ in _title_words()):
            return True  # 'la Région Normandie et Nicolas Mayer-Rossignol', '… et Maire de'
        if i < len(doc) and doc[i].is_title and self._stands_alone(doc[i].text):
            return True  # 'la Région Bretagne et Nantes', 'la Région Bretagne et Bpifrance'
        j = i
        while j < len(doc) and _capitalised_word(doc[j]):
            j += 1
        if j > i and j < len(doc) and doc[j].text in self.trailing_heads:
            return True  # 'Région Bretagne et Brest métropole
        while i < len(doc) and doc[i].lower_ in self.connectors:
            i += 1
        return i < len(doc) and doc[i].text in self.heads

    def _title_case_complement(self, doc: Doc, i: int) -> bool:
        """'Institut Supérieur de l'Electronique et du Numérique': in a name written in title
        case, 'et du' before a capitalised common word (no head, place, acronym or known
        name) goes on with the same name."""
        j = i
        while j < len(doc) and doc[j].lower_ in _ARTICLES:
            j += 1
        word = doc[j] if j < len(doc) else None
        return (
            word is not None
            and doc[i - 2].is_title
            and word.is_title
            and word.text not in self.heads
            and not self._stands_alone(word.text)
            and word.ent_type_ not in ("PER", "LOC")
        )

    def _numbers_city(self, doc: Doc, i: int) -> bool:
        """'Lyon 1', 'Paris 8', 'Toulouse III': a numeral after a city in a name, never a count
        ('Lyon 2 000 étudiants', 'Paris 8 étudiants')."""
        after = doc[i + 1] if i + 1 < len(doc) else None
        counted = after is not None and (
            after.like_num or (after.is_lower and after.pos_ == "NOUN")
        )
        return (
            doc[i].text in name_rules().numerals
            and self.gazetteer.place(doc[i - 1].text) is not None
            and doc[i - 1].whitespace_ != ""
            and not counted
        )

    def _country_at(self, doc: Doc, i: int) -> bool:
        place = self.gazetteer.place(doc[i].text) if i < len(doc) else None
        return place is not None and place.type == "country"

    def _stands_alone(self, word: str) -> bool:
        """A city or a one-word institution, never the tail of a name before it."""
        return self.gazetteer.place(word) is not None or word in self.single_names

    def _extend(self, doc: Doc, i: int) -> int:
        """End of a name: content words and connectors, never ending on a connector."""
        end = i
        limit = min(len(doc), i + self.max_tokens)
        while i < limit:
            token = doc[i]
            if token.lower_ in self.connectors:
                if (
                    token.lower_ == "en"
                    and i + 1 < len(doc)
                    and doc[i + 1].lower_ in self.locutions
                ):
                    break  # 'la Région en faveur de …'
                if token.lower_ in ("en", "au", "aux") and self._country_at(doc, i + 1):
                    break  # 'l'Université de Linköping en Suède': the country is no part of it
                if token.lower_ == "et" and self._starts_another_name(doc, i + 1):
                    break  # 'Centre et la Région Grand Est' are two names
                if token.lower_ == "et" and _changes_case(doc, i):
                    break  # 'l'École atlantique de commerce et SciencesCom' are two names
                i += 1
                continue
            if _is_participle(token) and doc[i - 1].is_title:
                break  # 'la Région Grand Est chargée de …': the name has ended
            if self._numbers_city(doc, i):
                i += 1  # 'université Claude-Bernard Lyon 1': the numeral ends the name
                end = i
                break
            if token.is_punct or token.like_num or not _name_word(token):
                break
            if token.is_lower and token.pos_ == "NOUN" and doc[i - 1].lower_ not in self.connectors:
                break  # "l'école forme": a common noun right after the name is not part of it
            i += 1
            end = i
        return end


def _glued_pair(doc: Doc, first: Span, second: Span) -> bool:
    return (
        bool(first.kb_id_ and second.kb_id_)
        and second.start == first.end + 1
        and doc[first.end].text == "-"
        and not first[-1].whitespace_
        and not doc[first.end].whitespace_
    )


def _proper_end(doc: Doc, i: int, limit: int) -> int:
    """After a closing head only a city or a capitalised complement follows ('Universität
    Freiburg', 'College de Londres'), never a verb or a common noun."""
    end = i
    while i < limit:
        if doc[i].is_title or doc[i].is_upper:
            i += 1
            end = i
        elif doc[i].lower_ in ("de", "d'", "d’", "of") and i + 1 < limit:
            i += 1
        else:
            break
    return end


def _capitalised_word(token: Token) -> bool:
    """'Loire', 'King's', 'Albert-Ludwigs-': a word of a name before its closing head."""
    if token.text == "s" and token.i > 0 and token.nbor(-1).text.endswith(("'", "’")):
        return True  # 'King's' is split 'King'' + 's'
    return (token.is_title or token.is_upper or token.text in ("-", "'s", "’s")) and not (
        token.is_punct and token.text != "-"
    )


def _changes_case(doc: Doc, i: int) -> bool:
    """'de commerce et SciencesCom': a lower-case word before 'et', a capitalised one after it
    ('Arts et Métiers', 'ponts et chaussées' keep one case)."""
    return (
        0 < i < len(doc) - 1
        and doc[i - 1].is_lower
        and doc[i - 1].is_alpha
        and doc[i + 1].text[:1].isupper()
    )


def _hard_start(token: Token) -> bool:
    """A sentence start after punctuation or a line break; the parser also cuts sentences
    between the capitalised words of a name ('la Riga | Technical | University')."""
    if not token.is_sent_start:
        return False
    before = token.nbor(-1) if token.i else None
    return before is None or before.is_punct or "\n" in before.text + before.whitespace_


def _french(gazetteer: Gazetteer, city: str | None) -> bool:
    place = gazetteer.place(city) if city else None
    return place is not None and place.country == "France"


def _plural(token: Token) -> bool:
    """'Écoles d'ingénieurs' (a headline's common noun) names no body unless a capitalised
    word follows ('Écoles Centrale')."""
    return "Plur" in token.morph.get("Number", [])


def _is_participle(token: Token) -> bool:
    return token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm", [])


_ROMAN = re.compile(r"[IVX]{1,4}")


def _name_word(token: Token) -> bool:
    """Nouns, adjectives, proper nouns and adjectival participles ('appliquée')."""
    if token.pos_ in ("NOUN", "ADJ", "PROPN", "X"):
        return True
    if _ROMAN.fullmatch(token.text) and token.i > 0 and token.nbor(-1).is_title:
        return True  # 'Institut … Hassan II de Rabat': a sovereign's numeral
    if token.is_title and not token.is_sent_start and token.pos_ not in ("DET", "ADP", "CCONJ"):
        return True  # 'd'Oslo': a capitalised word inside a sentence, whatever its tag
    return (
        token.pos_ == "VERB"
        and "Part" in token.morph.get("VerbForm", [])
        and "Pres" not in token.morph.get("Tense", [])
    )


def _introduced_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the text defines ('Long (ACR)', 'ACR (Long)') or introduces in quotes; a
    definition's two halves share the gazetteer key either of them has."""
    introduced = [
        Span(doc, s.start, s.end, label="INSTITUTION", kb_id="") for s in quoted_names(doc)
    ]
    keys = _known_keys(spans)
    ending = {s.end: s for s in spans}
    for long, short in definitions(doc):
        wider = ending.get(long.end)
        if wider is not None and wider.start < long.start and wider[0].text in _heads()["heads"]:
            long = wider  # 'l'Institut Montpellier Management (MoMa)': the head is the name's
        key = keys.get((long.start, long.end)) or keys.get((short.start, short.end), "")
        introduced += [
            Span(doc, long.start, long.end, label="INSTITUTION", kb_id=key),
            Span(doc, short.start, short.end, label="INSTITUTION", kb_id=key),
        ]
    return filter_spans(introduced)


def _known_keys(spans: list[Span]) -> dict[tuple[int, int], str]:
    """The gazetteer key of the first span with those bounds that has one."""
    keys: dict[tuple[int, int], str] = {}
    for span in spans:
        if span.kb_id_:
            keys.setdefault((span.start, span.end), span.kb_id_)
    return keys


def _defined_acronyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Long Name (ACR)': every use of ACR in the document becomes an institution span."""
    defined = {}
    keys = _known_keys(spans)
    words = {(s.start, s.end) for s in spans if len(s) == 1}
    for span in spans:
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            candidate = doc[end + 1]
            if ACRONYM.match(candidate.text) or (candidate.i, candidate.i + 1) in words:
                defined[candidate.text] = keys.get((candidate.i, candidate.i + 1), "")
    taken = _bounds(spans)
    return [
        Span(doc, t.i, t.i + 1, label="INSTITUTION", kb_id=defined[t.text])
        for t in tokens_among(doc, doc_words(doc).texts, defined)
        if t.text in defined and not taken.overlaps(t.i, t.i + 1)
    ]


def _brand_variants(acronyms: tuple[str, ...], not_acronyms: frozenset[str]) -> list[str]:
    """'ESSEC' is also written 'Essec', 'ENSEIRB-MATMECA' 'Enseirb-Matmeca'."""
    return [
        "-".join(part.capitalize() for part in acronym.split("-"))
        for acronym in acronyms
        if len(acronym) >= 3
        and acronym.replace("-", "").isalpha()
        and acronym.isupper()
        and acronym not in not_acronyms
    ]


def _apostrophe_variants(names: tuple[str, ...]) -> list[str]:
    """Press text uses both ' and ’, and a hyphen, an en dash or an em dash between the parts of
    a name ('Mines Paris - PSL', 'Mines Paris – PSL'); the phrase matcher compares exact
    characters."""
    variants = set()
    for name in names:
        for dash in (" - ", " – ", " — "):
            spaced = re.sub(r"\s[-–—]\s", dash, name)
            variants |= {spaced, spaced.replace("'", "’")}
        # 'Paris-Dauphine' written 'Paris Dauphine': a hyphen between two capitalised words
        unhyphened = re.sub(r"(?<=\w)-(?=[A-ZÀ-Ý])", " ", name)
        if unhyphened != name and " " in name:
            variants |= {unhyphened, unhyphened.replace("'", "’")}
        elif unhyphened != name and len(name.split("-")) == 2:
            variants.add(unhyphened)
        elif re.fullmatch(r"[A-ZÀ-Ý]\w+ [A-ZÀ-Ý]\w+", name):
            variants.add(name.replace(" ", "-"))  # 'Sciences Po' written 'Sciences-Po'
    return sorted(variants)


def _extends_name(pattern: Span, known: Span) -> bool:
    """'IMT Grand Est' extends the known 'IMT'; 'ENSMM de Besançon' does not."""
    doc = pattern.doc
    if pattern.start != known.start or pattern.end <= known.end:
        return False
    after = doc[known.end]
    return after.is_title or (
        after.lower_ in ("de", "d'", "d’")
        and known.end + 1 < pattern.end
        and doc[known.end + 1].is_title
        and len(known) == 1
        and known.text.isupper()
    )


_COMPONENT_HEADS = frozenset({"Faculté", "UFR", "Département", "Laboratoire", "Institut"})


def _embeds(pattern: Span, known: Span) -> bool:
    """'Faculté de génie de l'Université de Sherbrooke': a component's head opens a longer
    name ending with 'de l'<known institution>'."""
    doc = pattern.doc
    before = doc[max(pattern.start, known.start - 2) : known.start].text.lower()
    return (
        pattern[0].text in _COMPONENT_HEADS
        and pattern.start < known.start
        and known.end == pattern.end
        and before.endswith(("de l'", "de l’", "de la", "du"))
        and not any(t.lower_ == "et" for t in doc[pattern.start : known.start])
    )


def _longer_names(patterned: list[Span], known: list[Span]) -> list[Span]:
    """The pattern spans that lengthen a known name, found among the known names that start
    (or end) where they do."""
    by_start: dict[int, list[Span]] = {}
    by_end: dict[int, list[Span]] = {}
    for span in known:
        by_start.setdefault(span.start, []).append(span)
        by_end.setdefault(span.end, []).append(span)
    return [
        p
        for p in patterned
        if any(_extends_name(p, k) for k in by_start.get(p.start, ()))
        or any(_embeds(p, k) for k in by_end.get(p.end, ()))
    ]


def _bounds(spans: Iterable[Span]) -> Intervals:
    return Intervals((s.start, s.end) for s in spans)


def _apart(spans: Iterable[Span], others: Iterable[Span]) -> list[Span]:
    """The spans that overlap none of the others."""
    taken = _bounds(others)
    return [s for s in spans if not taken.overlaps(s.start, s.end)]


@cache
def _title_words() -> frozenset[str]:
    """Office titles ('président', 'maire'): after 'et', another phrase than the name's."""
    offices = load_json("roles.json")["offices"]
    return frozenset(w.lower() for w in offices["titles"]) | {"maire", "adjoint", "adjointe"}


@Language.component("maillage_line_breaks_v1")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: a heading, a list item or a caption is no part of the
    sentence after it (the parser respects boundaries set before it)."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("maillage_institutions_v1")
def make_institution_recognizer(nlp: Language, name: str) -> InstitutionRecognizer:
    return InstitutionRecognizer(nlp, name)
