"""located_in facts read on the sentence's grammar: a place is the seat or a campus of the
institution the parse links it to ('X, implantée à Y', 'X s'installe à Y', 'ses campus de Y et
de Z', 'le campus de Y de X', 'X ouvre un bachelor à Y', 'X (Y)', 'X, à Y', 'l'ENSMM de
Besançon', 'l'école brestoise'). Two readings outside the grammar are kept because they
measurably work: a place fronting its sentence ('À Y, X…') and the gazetteer's town of an
institution named in the place's sentence. The words live in resources/locations.json."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain

from spacy.tokens import Doc, Span, Token

from ..models import Mention
from ..nlp.text import doc_words, tokens_among
from ..resolve.gazetteer import Gazetteer, Place, load_gazetteer
from ..resolve.names import normalize_name
from ..resources import load_json
from .context import Context, Reading
from .frames_data import frames_data, lemma_of, verb_like
from .grammar import Units, case_words
from .mentions import Found, place_entity

_SUBJECTS = ("nsubj", "nsubj:pass")
_CLAUSE_LINKS = ("conj", "xcomp", "ccomp", "advcl")
_OTHER_CLAUSES = ("conj", "parataxis", "punct")
_LINKS = {",", "et", "ou"}
_BEFORE_PLACE = {"à", "au", "aux", "en", "dans", "le", "la", "les", "l'", "l’", "("}
_LIST_WORDS = _LINKS | {"de", "d'", "d’", "à", "au", "aux", "en", "l'", "l’", "la", "le", "les"}


@dataclass(frozen=True)
class LocationWords:
    seat_verbs: frozenset[str]
    opening_verbs: frozenset[str]
    site_nouns: frozenset[str]
    having_verbs: frozenset[str]
    locative_cases: frozenset[str]
    of_cases: frozenset[str]
    possessives: frozenset[str]
    named_place_kinds: frozenset[str]
    whole_nouns: frozenset[str]


@cache
def location_words() -> LocationWords:
    raw = load_json("locations.json")
    return LocationWords(**{k: frozenset(v) for k, v in raw.items() if not k.startswith("_")})


_WORD = re.compile(r"\w+")


def more_places(
    doc: Doc, document: str, found: Found, references: Iterable[Mention], gazetteer: Gazetteer
) -> None:
    """Places the NER misses, as mentions of the places list, for the located_in finder: a
    town written as a proper noun outside any name ('le campus de Metz de X'), and the town
    a demonym names inside a description or a name of an institution ('l'école brestoise',
    'l'Institut brestois d'ingénierie') or by a site noun ('son siège angevin')."""
    named = {i for m in chain(found.mentions, references) for i in range(m.start, m.end)}
    named.update(t.idx for ent in doc.ents if _names_more_than_a_town(ent) for t in ent)
    for token in tokens_among(doc, doc_words(doc).pos, ("PROPN", "ADJ")):  # what _town_of reads
        place = _town_of(token, gazetteer)
        if place is not None and token.idx not in named and not _in_a_name(token):
            _add_place(found, document, place, token.idx, token.text)
    for mention in chain(list(found.mentions), references):
        entity = found.entities.get(mention.entity)
        if entity is None or entity.type != "organization":
            continue
        for word in _WORD.finditer(mention.text):
            place = _town_of_demonym(word.group(), gazetteer)
            if place is not None:
                _add_place(found, document, place, mention.start + word.start(), word.group())
                break


def _town_of(token: Token, gazetteer: Gazetteer) -> Place | None:
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        place = gazetteer.place(token.text)
        return place if place is not None and place.type == "city" else None
    if token.pos_ == "ADJ" and lemma_of(token.head) in location_words().site_nouns:
        return _town_of_demonym(token.text, gazetteer)
    return None


def _names_more_than_a_town(ent: Span) -> bool:
    """A name the NER found that holds other capitalised words ('Nancy Tremblay'); not 'de
    Metz', a town it mislabelled."""
    return ent.label_ != "LOC" and sum(t.text[:1].isupper() for t in ent) > 1


def _in_a_name(token: Token) -> bool:
    """'Lyon 2', 'Sciences Po Lyon', 'Nancy Tremblay': a town word inside a longer name."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    previous = doc[token.i - 1] if token.i > 0 else None
    return any(
        t is not None and (t.like_num or (t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper()))
        for t in (following, previous)
    )


def _town_of_demonym(word: str, gazetteer: Gazetteer) -> Place | None:
    place = gazetteer.place_of_demonym(word)
    return place if word.islower() and place is not None and place.type == "city" else None


def _add_place(found: Found, document: str, place: Place, start: int, text: str) -> None:
    """Once per span: 'les écoles limougeaudes' may stand for several institutions."""
    town = found.entities.setdefault(place_entity(place).key, place_entity(place))
    mention = Mention(town.key, document, start, start + len(text), text)
    if mention not in found.mentions:
        found.mentions.append(mention)


def find_locations(context: Context, doc: Doc) -> Iterator[Reading]:
    seats = _Seats(context, doc)
    found = list(seats.pairs())
    found.extend(_described_places(context))
    found.extend(_sentence_openings(context))
    found.extend(seats.gazetteer_seats())
    for org, place, rule in found:
        yield Reading(
            "located_in",
            org,
            place,
            rule,
            kind="location",
            status="done",
            dated=False,
            confidence=0.7,
        )


class _Seats:
    """Places and the institutions the parse makes them the seat of."""

    def __init__(self, context: Context, doc: Doc):
        self.context, self.doc, self.words = context, doc, location_words()
        self.orgs = Units(doc, context.of_type("organization"), frames_data().bodies, bulleted=True)
        self.places = Units(doc, context.of_type("place"), ())

    def pairs(self) -> Iterator[tuple[Mention, Mention, str]]:
        for place in self.context.of_type("place"):
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            token = _first_conjunct(span.root)
            if token.i != span.root.i:  # 'à Brest, Nantes et Rennes': read on 'Brest'
                span = self._span_of(token) or span
            holders, rule = self._holders(token, span)
            for holder in holders:
                for item in self._places_from(token, place):
                    yield holder, item, rule

    def gazetteer_seats(self) -> Iterator[tuple[Mention, Mention, str]]:
        """An institution named in the same sentence as the town the gazetteer seats it in;
        not a former body (its seat is its successor's now), nor the whole that bodies of
        the sentence belong to ('deux écoles de l'IMT', 'au sein de l'alliance')."""
        institutions = load_gazetteer().institutions
        for place in self.context.of_type("place"):
            city = normalize_name(self.context.entities[place.entity].name)
            for org in self.context.in_sentence(place.start):
                entity = self.context.entities[org.entity]
                entry = institutions.get(entity.gazetteer or "")
                if entry is None or entry.replaced_by or not org.text or self._is_whole(org):
                    continue
                if "\n" in self.context.text[min(org.end, place.end) : max(org.start, place.start)]:
                    continue  # two items of a bulleted list
                if entity.city and normalize_name(entity.city) == city:
                    yield org, place, "location.gazetteer_city"

    def _is_whole(self, org: Mention) -> bool:
        span = self.doc.char_span(org.start, org.end, alignment_mode="expand")
        if span is None or not len(span) or span.root.head.i == span.root.i:
            return False
        return bool(set(case_words(span.root)) & self.words.of_cases) and (
            lemma_of(span.root.head) in self.words.whole_nouns
        )

    def _span_of(self, token: Token) -> Span | None:
        named = self.places.at(token)
        return (
            self.doc.char_span(named[0].start, named[0].end, alignment_mode="expand")
            if named
            else None
        )

    def _places_from(self, token: Token, place: Mention) -> list[Mention]:
        """The place and the places listed with it ('à Brest, Nantes et Rennes', 'de Cergy,
        de Paris-La Défense et de Singapour'), even where the parser hung them elsewhere; an
        unknown name in the list is stepped over."""
        listed = [m for m in self.places.expand(token, lists=False) if m.start >= place.start]
        index = self._after(max(listed or [place], key=lambda m: m.end))
        while index < len(self.doc):
            start = index
            while index < len(self.doc) and self.doc[index].lower_ in _LIST_WORDS:
                index += 1
            if index == start or not {t.lower_ for t in self.doc[start:index]} & _LINKS:
                break
            following = [m for m in self.places.at(self.doc[index]) if m.start >= place.start]
            if following:
                listed.extend(m for m in following if m not in listed)
                index = self._after(following[0])
                continue
            while index < len(self.doc) and _is_name_word(self.doc[index]):
                index += 1
            if index == start:
                break
        return listed or [place]

    def _after(self, mention: Mention) -> int:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.end if span is not None else len(self.doc)

    def _holders(self, place: Token, span: Span) -> tuple[list[Mention], str]:
        """The first reading of the place's attachment that names an institution."""
        for read in (self._seated, self._sited, self._named):
            holders, rule = read(place, span)
            if holders:
                return holders, rule
        return [], ""

    def _seated(self, place: Token, span: Span) -> tuple[list[Mention], str]:
        """'X, implantée à Y'; 'X s'installe à Y'; 'X ouvre un bachelor à Y'."""
        head = place.head
        if head.i == place.i or not set(case_words(place)) & self.words.locative_cases:
            return [], ""
        if (
            lemma_of(head) in self.words.seat_verbs
            or _participle_lemma(head) in self.words.seat_verbs
        ):
            return self._holders_of_clause(head), "location.seat"
        if lemma_of(head) in self.words.opening_verbs:
            opened = [m for c in head.children if c.dep_ == "obj" for m in self.orgs.expand(c)]
            return opened or self._holders_of_clause(head), "location.opens"
        return [], ""

    def _sited(self, place: Token, span: Span) -> tuple[list[Mention], str]:
        """'ses campus de Y et Z', 'le campus de Y de X', 'dont le siège est à Y'."""
        cases = set(case_words(place))
        head = place.head
        if lemma_of(head) in self.words.site_nouns and (
            cases & (self.words.locative_cases | self.words.of_cases)
            or place.dep_ == "amod"
            or (place.dep_ == "nmod" and not cases)  # 'ses campus de Paris-Saclay'
        ):  # 'ses campus de Y', 'son siège angevin'
            return self._owners_of_site(head), "location.campus"
        site = next((c for c in place.children if c.dep_ in _SUBJECTS), None)
        if site is not None and lemma_of(site) in self.words.site_nouns:
            return self._owners_of_site(site), "location.campus"
        sites = [c for c in head.children if lemma_of(c) in self.words.site_nouns and c.i < place.i]
        if cases & self.words.locative_cases and sites:  # 'X dispose de campus à Y'
            return self._owners_of_site(sites[-1]), "location.campus"
        return [], ""

    def _named(self, place: Token, span: Span) -> tuple[list[Mention], str]:
        """The place is a complement of the name: 'X, à Y', 'X en Bavière', 'X (Y)', 'X
        (nom développé, Y)', and 'X de Y' for a town ('l'ENSMM de Besançon', 'X, sa voisine
        de Y'). The parser often hangs the complement elsewhere: the name right before it
        counts too."""
        first, cases, kinds = span.start, set(case_words(place)), self._kinds(place)
        if "country" in kinds:  # 'X (France)', 'X, en Espagne': a nationality, not a seat
            return [], ""
        head = list(self.orgs.at(place.head)) if place.head.i != place.i else []
        if cases & self.words.locative_cases:
            return head or self._name_before(first), "location.apposed"
        if self._in_brackets(span):
            before = self._name_before(first)
            return before or (head if self.doc[first - 1].text == "(" else []), "location.apposed"
        if cases & self.words.of_cases and kinds & self.words.named_place_kinds:
            return head or self._holders_of_noun(place.head), "location.of_city"
        return [], ""

    def _name_before(self, first: int) -> list[Mention]:
        """The name ending right before a place's preposition, article, comma or bracket."""
        index = first - 1
        while index > 0 and self.doc[index].lower_ in _BEFORE_PLACE:
            index -= 1
        if index > 0 and self.doc[index].text == ",":
            index -= 1
        return list(self.orgs.ending_at(self.doc[index])) if index >= 0 else []

    def _in_brackets(self, span: Span) -> bool:
        """'l'UBO (Brest)', '(nom développé, Nancy)': brackets that close on the place
        ('(Nancy 1)' is a name)."""
        opened = any(t.text == "(" for t in self.doc[max(0, span.start - 3) : span.start])
        return opened and span.end < len(self.doc) and self.doc[span.end].text == ")"

    def _kinds(self, place: Token) -> set[str | None]:
        return {self.context.entities[m.entity].kind for m in self.places.at(place)}

    # -- who the clause is about ---------------------------------------------------------
    def _holders_of_clause(self, verb: Token, depth: int = 0) -> list[Mention]:
        """The institution a seat verb speaks of: its subject, the noun its participle
        modifies, or the subject of the clause a fronted participle is detached from
        ('Installée à Y, l'école forme…')."""
        if depth > 3:
            return []
        if detached := self._detached_from(verb):
            return detached
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        for subject in subjects:  # 'Selon P, « l'université doit…' has two for the parser
            if found := self._holders_of_subject(verb, subject, depth):
                return found
        if subjects:
            return []
        # 'CentraleSupélec compte…' with the verb taken for a noun: the name before it
        if (
            verb.pos_ not in ("VERB", "AUX")
            and verb_like(verb)
            and verb.i > 0
            and (named := self.orgs.at(verb.doc[verb.i - 1]))
        ):
            return list(named)
        if verb.dep_ in ("acl", "acl:relcl", "amod", "appos", "dep"):
            return self._holders_of_noun(verb.head)
        if verb.dep_ in _CLAUSE_LINKS and verb.head.i != verb.i:
            return self._holders_of_clause(verb.head, depth + 1)
        return self._subject_after(verb)

    def _antecedent_of(self, dont: Token) -> list[Mention]:
        """'X, dont le campus est situé à Y': the name before the comma, else the noun the
        relative clause modifies."""
        if dont.i > 1 and self.doc[dont.i - 1].text == ",":
            before = self.orgs.ending_at(self.doc[dont.i - 2])
            if before:
                return list(before)
        clause = _clause_of(dont)
        return self._holders_of_noun(clause.head) if clause is not None else []

    def _holders_of_subject(self, verb: Token, subject: Token, depth: int) -> list[Mention]:
        if "Rel" in subject.morph.get("PronType", []) and verb.dep_ == "acl:relcl":
            return self._holders_of_noun(verb.head)
        if lemma_of(subject) in self.words.site_nouns:
            return self._owners_of_site(subject, depth + 1)
        return self.orgs.expand(subject, lists=False)

    def _detached_from(self, verb: Token) -> list[Mention]:
        """'le CIEP (Centre international…), basé à Y': a participle after a comma speaks
        of the name right before it, wherever the parser hung the participle."""
        index = verb.i - 1
        if verb.morph.get("VerbForm", []) != ["Part"] or index < 1:
            return []
        if self.doc[index].text != ",":
            return []
        index -= 1
        if self.doc[index].text == ")":
            while index > 0 and self.doc[index].text != "(":
                index -= 1
            index -= 1
        return list(self.orgs.ending_at(self.doc[index])) if index >= 0 else []

    def _subject_after(self, verb: Token) -> list[Mention]:
        """'Implantée à Y depuis 2010, l'école accueille…': the first subject after the
        fronted participle, in its sentence."""
        if verb.morph.get("VerbForm", []) != ["Part"] or verb.i != _phrase_start(verb):
            return []
        own = [c.right_edge.i for c in verb.children if c.dep_ not in _OTHER_CLAUSES]
        for word in self.doc[max(own, default=verb.i) + 1 : verb.sent.end]:
            if word.dep_ in _SUBJECTS:
                return self.orgs.expand(word, lists=False)
        return []

    def _holders_of_noun(self, noun: Token) -> list[Mention]:
        """The body a noun names, or the body it stands in apposition to ('X, le centre
        d'expertise de Z implanté à Y' is X's seat, not Z's)."""
        if noun.dep_ == "appos" and noun.head.i != noun.i and self.orgs.at(noun.head):
            return list(self.orgs.at(noun.head))
        return list(self.orgs.at(noun))

    def _owners_of_site(self, site: Token, depth: int = 0) -> list[Mention]:
        """Whose campus: 'le campus de Metz d'Arts et Métiers', 'le site Thales', 'ses
        campus' (the clause's subject), 'dont le siège' (the relative's antecedent), 'X
        dispose de campus à…'."""
        for child in site.children:
            if child.dep_ in ("nmod", "flat:name", "compound", "appos") and self.orgs.at(child):
                return list(self.orgs.at(child))
        determiners = {c.lower_ for c in site.children if c.dep_ in ("det", "nmod")}
        if "dont" in determiners:
            return self._antecedent_of(next(c for c in site.children if c.lower_ == "dont"))
        governor = _governing_verb(site)
        if governor is None:
            return []
        if determiners & self.words.possessives or lemma_of(governor) in self.words.having_verbs:
            return self._holders_of_clause(governor, depth)  # a site subject of its governor
        return []


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() or token.text == "-"


def _participle_lemma(token: Token) -> str:
    """'Installée', taken by the tagger for a name: the verb of a participle of the first
    group ('installer')."""
    return re.sub(r"ée?s?$", "er", token.lower_) if token.pos_ in ("PROPN", "NOUN", "ADJ") else ""


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _phrase_start(token: Token) -> int:
    return min(t.i for t in token.subtree)


def _clause_of(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.dep_ == "acl:relcl":
            return token
    return None


def _governing_verb(token: Token) -> Token | None:
    """The verb of the clause a noun phrase belongs to ('compte 4 500 élèves sur ses campus'),
    a verb form the tagger takes for a noun ('L'ESSCA compte des campus') included."""
    while token.head.i != token.i and not verb_like(token):
        token = token.head
    return token if verb_like(token) else None


# -- surface readings kept because they measurably work -------------------------------------
_SENTENCE_START = re.compile(r"^\s*(?:À|A|Au|En)\s+$", re.I)


def _sentence_openings(context: Context) -> Iterator[tuple[Mention, Mention, str]]:
    """'À Besançon, l'ENSMM forme…': a place fronting its sentence seats its first institution."""
    for place in context.of_type("place"):
        sentence_start = context.sentence_of(place.start)[0]
        line_start = max(sentence_start, context.text.rfind("\n", 0, place.start) + 1)
        if _SENTENCE_START.match(context.text[line_start : place.start]):
            after = [m for m in context.in_sentence(place.start) if m.start > place.end]
            if after:
                yield after[0], place, "location.a_place_org"


def _described_places(context: Context) -> Iterator[tuple[Mention, Mention, str]]:
    """A place inside a description of an institution: 'l'école brestoise' (see
    `more_places`), 'l'établissement de Lyon'."""
    organisations = context.of_type("organization")
    for place in context.of_type("place"):
        for org in organisations:
            if org.start <= place.start and place.end <= org.end:
                yield org, place, "location.described"
