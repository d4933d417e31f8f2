"""Within-document references to organizations named elsewhere in the article, resolved
like a reader does, on spaCy's parse and morphology: descriptions ('les deux écoles', 'ce
réseau', 'la nouvelle école', 'l'établissement de Lyon', 'l'école brestoise'), subject
pronouns ('elle', 'celle-ci', 'ce dernier') and possessives ('sa directrice').

Each becomes a mention with field "reference" on the words that refer (a collective gives
one mention per antecedent on the same span): fact finders read them like names, the store
does not keep them as aliases. A reference that two candidates fit equally gives nothing:
a wrong party is worse than a miss. The lexicon is data: resources/references.json."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..intervals import Intervals
from ..models import Entity, Mention
from ..nlp.text import doc_text, doc_words
from ..resolve.gazetteer import Gazetteer
from ..resolve.names import normalize_name
from ..resources import load_json, load_jsonl
from .frames_data import verb_like

_SUBJECT = ("nsubj", "nsubj:pass")
_OF = ("de", "d'", "d’")
_AND = re.compile(r"^\s*(?:,|,?\s*(?P<et>et))\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?$", re.I)
_DE = re.compile(r"(?:\bde|\bdu|\bdes|\bd['’])\s*(?:l['’]|la\s+|le\s+)?\s*$", re.I)
_ANY_KIND = "*"
_REFERRING = ("PRON", "NOUN", "PROPN")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """resources/references.json, read once."""

    nouns: dict[str, dict[str, Any]]
    name_heads: dict[str, dict[str, str]]
    numbers: dict[str, int]
    words: dict[str, frozenset[str]]
    pronouns: dict[str, dict[str, str]]
    demonstratives: dict[str, str]
    clitics: dict[str, str | None]
    windows: dict[str, int]  # how many sentences back each kind of reference looks
    regions: dict[str, str]  # normalized city → normalized region (places.jsonl)
    giving_way: dict[str, frozenset[str]]  # 'laisser la place à Z': Z is new
    qualified_kinds: dict[str, dict[str, list[str]]]  # 'l'école d'ingénieurs': its kinds

    def noun(self, word: str) -> tuple[str, dict[str, Any]] | None:
        """The lexicon entry of a noun, singular or plural ('écoles', 'réseaux')."""
        form = word.lower()
        for candidate in (form, form[:-1] if form[-1:] in "sx" else None):
            if candidate and candidate in self.nouns:
                return candidate, self.nouns[candidate]
        return None


@cache
def lexicon() -> Lexicon:
    raw = load_json("references.json")
    word_lists = (
        *("new", "latter", "possessives", "possessed", "created_participles"),
        *("creation_verbs", "birth_nouns", "birth_verbs", "unlike", "latter_nouns"),
        *("creation_nouns", "form_acronyms"),
    )
    regions = {
        normalize_name(row["name"]): normalize_name(row["region"])
        for row in load_jsonl("places.jsonl")
        if row.get("region")
    }
    return Lexicon(
        nouns=raw["nouns"],
        name_heads=raw["name_heads"],
        numbers=raw["numbers"],
        words={name: frozenset(raw[name]) for name in word_lists},
        pronouns=raw["pronouns"],
        demonstratives=raw["demonstratives"],
        clitics=raw["clitics"],
        windows={k: int(v) for k, v in raw["window_sentences"].items()},
        regions=regions,
        giving_way={k: frozenset(v) for k, v in raw["giving_way"].items()},
        qualified_kinds=raw["qualified_kinds"],
    )


@dataclass(slots=True)
class Candidate:
    """A possible antecedent: a name, or a reference already resolved."""

    mention: Mention
    sentence: int  # start offset of its sentence
    subject: bool
    complement: bool  # 'école interne de l'UBS': the UBS completes a noun
    kind: str | None  # None for a person
    gender: str | None
    created: bool = False
    plural: bool = False
    run: int | None = None  # the list 'A, B et C' it is an item of
    heads: frozenset[str] = frozenset()  # first words of its names ('école', 'institut')


@dataclass(slots=True)
class _Reference:
    """Words that refer, and what they ask of their antecedent."""

    tokens: Span
    kinds: frozenset[str]
    gender: str | None
    number: str
    count: int | None = None
    new: bool = False
    place: str | None = None
    owners: tuple[tuple[int, int], ...] = ()  # names the words hold as complements
    latter: bool = False
    possessive: bool = False
    pronoun: bool = False
    clitic: bool = False  # an object: never its own clause's subject
    name_word: str | None = None  # 'les cinq INSA'
    head: str | None = None  # the noun, when a name of those kinds must begin with it
    named_kinds: frozenset[str] = frozenset()


SentenceOf = Callable[[int], tuple[int, int]]
Places = Callable[..., str | None]  # a place's normalized name from a name or a demonym


def _places(gazetteer: Gazetteer) -> Places:
    def lookup(word: str, demonym: bool = False) -> str | None:
        place = gazetteer.place_of_demonym(word) if demonym else gazetteer.place(word)
        return normalize_name(place.name) if place else None

    return lookup


def find_references(
    doc: Doc,
    document_id: str,
    mentions: list[Mention],
    entities: dict[str, Entity],
    gazetteer: Gazetteer,
    bound_possessives: bool = True,
) -> list[Mention]:
    """Reference mentions of one parsed document, in reading order. Without
    `bound_possessives`, a possessive whose owner is named in its own sentence ('X,
    représentée par son directeur Y, et Z') is left out: the surface list finders would
    read it as an item of the list, and the roles finder binds it to that name itself."""
    named = sorted(
        (m for m in mentions if m.field == "text" and m.entity in entities), key=lambda m: m.start
    )
    if not any(entities[m.entity].type == "organization" for m in named):
        return []
    text = doc_text(doc)
    resolver = _Resolver(doc, text, document_id, entities, gazetteer, _sentence_finder(text))
    resolver.index(named)
    found = resolver.resolve_all()
    return found if bound_possessives else [m for m in found if m not in resolver.bound]


def _sentence_finder(text: str) -> SentenceOf:
    # Imported here: the package imports this module. spaCy's own sentences break press
    # text after fronted phrases, the extractor's splitter does not.
    from . import sentence_finder

    return sentence_finder(text)


@dataclass
class _Resolver:
    doc: Doc
    text: str
    document: str
    entities: dict[str, Entity]
    gazetteer: Gazetteer
    sentence_of: SentenceOf
    candidates: list[Candidate] = field(default_factory=list)
    focus: str | None = None  # the organization the article is about, when one dominates
    bound: list[Mention] = field(default_factory=list)  # possessives owned in their sentence
    named_spans: list[tuple[int, int]] = field(default_factory=list)
    names: Intervals = field(default_factory=lambda: Intervals(()))  # the named spans, sorted
    # Candidates stay in reading order; with the longest one's length, the few that may hold
    # an offset are found by bisection (issue 13: a long article has thousands).
    longest: int = 0

    # -- antecedents --------------------------------------------------------------------
    def index(self, named: list[Mention]) -> None:
        for mention in named:
            entity = self.entities[mention.entity]
            if entity.type not in ("organization", "person"):
                continue
            self.named_spans.append((mention.start, mention.end))
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            self.candidates.append(self._candidate(mention, entity, span))
            self.longest = max(self.longest, mention.end - mention.start)
        self.names = Intervals(self.named_spans)
        self._coordinate()
        self.focus = _most_named(self.candidates)
        # Created is a property of the body, not of one mention: the headline may name it
        # before the sentence that tells its founding.
        tokens = _created_tokens(self.doc)
        created = {c.mention.entity for c in self.candidates if self._holds(c, tokens)}
        for candidate in self.candidates:
            candidate.created = candidate.kind is not None and candidate.mention.entity in created

    def _candidate(self, mention: Mention, entity: Entity, span: Span | None) -> Candidate:
        root = span.root if span is not None else None
        person = entity.type == "person"
        kind, gender = (None, None) if person else _kind_and_gender(entity, mention, span)
        return Candidate(
            mention,
            self.sentence_of(mention.start)[0],
            subject=root is not None and _is_subject(root),
            complement=root is not None and _is_complement(root),
            kind=kind,
            gender=gender,
            heads=frozenset(
                name.split(" ")[0].lower() for name in (mention.text, entity.name) if name
            ),
        )

    def _coordinate(self) -> None:
        """'L'ENSMM et l'UTBM ont signé': the parser often makes only one of coordinated
        acronyms the subject; on the surface, a list 'A, B et C' shares it. A comma after
        the 'et' ends the list ('l'IFMA et l'ENSCCF, SIGMA Clermont …': an apposition)."""
        run: list[Candidate] = []
        closed = False  # the run already has its 'et'
        for candidate in [*self.candidates, None]:
            join = self._join(run[-1], candidate) if run and candidate is not None else None
            if join is not None and not (closed and join == ","):
                run.append(candidate)  # type: ignore[arg-type]
                closed = closed or join == "et"
                continue
            subject = closed and any(c.subject for c in run)
            for member in run if closed else ():
                member.run = run[0].mention.start
                if subject:
                    member.subject, member.complement = True, False
            run, closed = ([candidate] if candidate is not None else []), False

    def _join(self, first: Candidate, second: Candidate) -> str | None:
        """',' or 'et' when only that (and an article) stands between two names."""
        if first.kind is None or second.kind is None:
            return None
        match = _AND.match(self.text[first.mention.end : second.mention.start])
        return None if match is None else ("et" if match["et"] else ",")

    def _holds(self, candidate: Candidate, tokens: set[int]) -> bool:
        mention = candidate.mention
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and any(t.i in tokens for t in span)

    def _at(self, token: Token) -> Candidate | None:
        """The candidate whose words hold a token."""
        first = bisect_right(self.candidates, token.idx - self.longest, key=_start)
        last = bisect_right(self.candidates, token.idx, key=_start, lo=first)
        held = (self.candidates[i] for i in range(first, last))
        found = next((c for c in held if token.idx < c.mention.end), None)
        return found if found is not None or token.pos_ != "NOUN" else self._named_after(token)

    def _named_after(self, noun: Token) -> Candidate | None:
        """'l'alliance EUt+', 'le réseau européen Polytech': the noun stands for the name
        that follows it (past its adjectives) and hangs on it."""
        doc = noun.doc
        index = noun.i + 1
        while index < len(doc) and doc[index].head.i == noun.i:
            word = doc[index]
            first = bisect_left(self.candidates, word.idx, key=_start)
            if first < len(self.candidates) and _start(self.candidates[first]) == word.idx:
                return self.candidates[first]
            if word.pos_ != "ADJ" or not word.text.islower():
                return None
            index += 1
        return None

    # -- references ---------------------------------------------------------------------
    def resolve_all(self) -> list[Mention]:
        found: list[Mention] = []
        for reference in _references(self.doc, _places(self.gazetteer)):
            if reference.name_word is None and self._inside_name(reference.tokens):
                continue
            antecedents = self._antecedents(reference)
            span = reference.tokens
            for antecedent in antecedents:
                mention = Mention(
                    antecedent.mention.entity,
                    self.document,
                    span.start_char,
                    span.end_char,
                    span.text,
                    "reference",
                )
                found.append(mention)
                if not reference.possessive:  # 'ses membres' puts the members in focus, not it
                    self._remember(mention, antecedent, reference, len(antecedents) > 1)
                if (
                    reference.possessive
                    and antecedent.sentence == self.sentence_of(span.start_char)[0]
                ):
                    self.bound.append(mention)
        return found

    def _inside_name(self, span: Span) -> bool:
        return self.names.overlaps(span.start_char, span.end_char)

    def _remember(
        self, mention: Mention, antecedent: Candidate, reference: _Reference, plural: bool
    ) -> None:
        """A resolved reference is itself an antecedent ('L'école … Elle …')."""
        root = reference.tokens.root
        resolved = Candidate(
            mention,
            self.sentence_of(mention.start)[0],
            subject=_is_subject(root),
            complement=_is_complement(root),
            kind=antecedent.kind,
            gender=reference.gender or antecedent.gender,
            created=antecedent.created,
            plural=plural,
            heads=antecedent.heads,
        )
        self.candidates.insert(bisect_right(self.candidates, mention.start, key=_start), resolved)
        self.longest = max(self.longest, mention.end - mention.start)

    def _antecedents(self, reference: _Reference) -> list[Candidate]:
        if reference.new:
            return self._created_body(reference)
        if reference.place is not None and reference.count is None and reference.number != "Plur":
            return self._seated(reference)
        if reference.pronoun and reference.number == "Plur":
            return self._subjects_before(reference)
        if reference.count is not None or reference.number == "Plur":
            return self._group(reference)
        if reference.latter:
            return self._latter(reference)
        if reference.pronoun or reference.possessive:
            return self._subject_before(reference)
        return self._salient(reference)

    # -- windows ------------------------------------------------------------------------
    def _before(self, offset: int) -> list[Candidate]:
        return [c for c in self.candidates if c.mention.end <= offset]

    def _sentences_back(
        self, offset: int, reach: str = "description"
    ) -> Iterator[tuple[int, list[Candidate]]]:
        """The sentence of an offset (its part before it), then the previous ones."""
        start = self.sentence_of(offset)[0]
        for _ in range(lexicon().windows[reach]):
            first = bisect_left(self.candidates, start, key=_sentence)
            last = bisect_right(self.candidates, start, key=_sentence, lo=first)
            yield start, [c for c in self.candidates[first:last] if c.mention.end <= offset]
            if start == 0:
                return
            start = self.sentence_of(start - 1)[0]

    # -- the rules ----------------------------------------------------------------------
    def _salient(self, reference: _Reference) -> list[Candidate]:
        """'l'école', 'ce réseau': the subject of the nearest clause before that has a
        fitting organization, or its only fitting one."""
        start = reference.tokens.start_char
        own = self.sentence_of(start)[0]
        for sentence, found in self._sentences_back(start):
            fitting = [c for c in found if _fits(c, reference)]
            if sentence == own and _is_complement_or_object(reference.tokens.root):
                # 'X reste un partenaire de l'institut': the institute is not X
                fitting = [c for c in fitting if not c.subject]
            subjects = [c for c in fitting if c.subject]
            if subjects:
                return _one_of(subjects)
            # 'Kedge, née de la fusion d'Euromed et de BEM, compte…': not a 'de' complement
            heads = [c for c in fitting if not c.complement and not self._after_de(c)]
            if fitting and sentence == own and len(_distinct(fitting)) > 1:
                return []  # 'le projet de Y… faire de X, dit Z, directeur de l'école': either
            if fitting:
                return self._unless_other(_one_of(heads or fitting), reference)
        # 'L'école' far from any name: the only fitting organization of the article so far.
        return _one_of([c for c in self._before(start) if _fits(c, reference)], distant=True)

    def _unless_other(self, chosen: list[Candidate], reference: _Reference) -> list[Candidate]:
        """A name just before but not the subject, and the article's own institution, fit
        'l'université' equally: nothing."""
        focus = next((c for c in self.candidates if c.mention.entity == self.focus), None)
        if not chosen or focus is None or not _fits(focus, reference):
            return chosen
        return chosen if chosen[0].mention.entity == self.focus else []

    def _subject_before(self, reference: _Reference) -> list[Candidate]:
        """'elle', 'il', 'sa directrice': the subject of the nearest clause before that has
        an agreeing one, when that subject is one organization; a person, a thing ('la
        convention … elle') or two coordinated names give nothing."""
        start = reference.tokens.start_char
        own = self.sentence_of(start)[0]
        for sentence, found in self._sentences_back(start, "pronoun"):
            if reference.clitic and sentence == own:
                continue
            tokens = [t for t in self._subjects(sentence, start) if self._agree(t, reference)]
            subjects = [self._at(t) for t in tokens]
            if reference.possessive:  # 'X, son président': the person owns no president
                found = [c for c in found if not self._person(c)]
                subjects = [c for c in subjects if c is not None and not self._person(c)]
            subjects += [c for c in found if c.subject and self._takes_up(c, reference)]
            if subjects:
                return self._single(subjects)
            named = [c for c in found if not c.complement and not self._after_de(c)]
            agreeing = [c for c in named if self._takes_up(c, reference)]
            if agreeing:
                return self._single(agreeing)
        return []

    def _person(self, candidate: Candidate) -> bool:
        return self.entities[candidate.mention.entity].type == "person"

    def _subjects_before(self, reference: _Reference) -> list[Candidate]:
        """'elles', 'ils': the coordinated organizations, or the group, that are the subject of
        the nearest clause before; any other subject there gives nothing."""
        start = reference.tokens.start_char
        for sentence, found in self._sentences_back(start, "pronoun"):
            named = [c for c in found if c.subject and not self._after_de(c)]
            others = [t for t in self._subjects(sentence, start) if self._at(t) is None]
            if not named and not others:
                named = _one_list([c for c in found if not c.complement and not self._after_de(c)])
            if not named and not others:
                continue
            group = _distinct(named)
            if others or any(c.kind is None for c in group):
                return []
            return group if len(group) > 1 or any(c.plural for c in named) else []
        return []

    def _subjects(self, sentence: int, before: int) -> list[Token]:
        end = min(before, self.sentence_of(sentence)[1])
        span = self.doc.char_span(sentence, end, alignment_mode="contract")
        tokens = _outside_quotes(list(span)) if span is not None else []
        return [
            t
            for t in tokens
            if _is_subject(t)
            and t.pos_ in ("NOUN", "PROPN", "PRON")  # a fronted 'Voisines,' is no subject
            and _morph(t, "PronType") != "Rel"
            and not ((c := self._at(t)) is not None and self._after_de(c))
            and (t.pos_ != "PROPN" or t.dep_ != "ROOT" or self._at(t) is not None)
        ]

    def _agree(self, token: Token, reference: _Reference) -> bool:
        """A subject the pronoun could take up: a fitting organization, a person, or any
        other word of its number (and gender, for a pronoun)."""
        candidate = self._at(token)
        if candidate is not None:
            return self._takes_up(candidate, reference)
        if _morph(token, "Number") not in (None, reference.number):
            return False
        return reference.possessive or _agrees(_morph(token, "Gender"), reference.gender)

    def _takes_up(self, candidate: Candidate, reference: _Reference) -> bool:
        if self._after_de(candidate):
            return False
        return candidate.kind is None or _fits(candidate, reference)

    @staticmethod
    def _single(found: Sequence[Candidate | None]) -> list[Candidate]:
        """The one organization these subjects are; a person, a thing or two, nothing."""
        keys = {c.mention.entity if c is not None else None for c in found}
        chosen = next((c for c in found if c is not None), None)
        if len(keys) != 1 or chosen is None or chosen.kind is None:
            return []
        return [chosen]

    def _after_de(self, candidate: Candidate) -> bool:
        """'la nouvelle école de l'IMT': whatever the parse says, the IMT completes a noun."""
        before = self.text[max(0, candidate.mention.start - 8) : candidate.mention.start]
        return bool(_DE.search(before))

    def _latter(self, reference: _Reference) -> list[Candidate]:
        """'ce dernier', 'celle-ci': the last name before, when it is an organization."""
        start = reference.tokens.start_char
        for _sentence, found in self._sentences_back(start):
            agreeing = [c for c in found if c.kind is None or _agrees(c.gender, reference.gender)]
            if agreeing:
                last = agreeing[-1]
                return [last] if last.kind is not None and not last.plural else []
        return []

    def _group(self, reference: _Reference) -> list[Candidate]:
        """'les deux écoles', 'ces établissements', 'elles': the N fitting organizations
        named last, sentence by sentence back; when a sentence brings more than N, only its
        subjects and objects (not the complements of a noun) may make up the N."""
        start = reference.tokens.start_char
        window: list[Candidate] = []
        for _sentence, found in self._sentences_back(start, "group"):
            fitting = [  # 'les deux écoles nancéiennes': of those seated there
                c
                for c in found
                if _fits(c, reference)
                and (reference.place is None or self._seated_in(c, reference.place))
            ]
            plural = [c for c in fitting if c.plural]
            if plural and reference.count is None:
                return _distinct(plural)  # 'Les deux écoles … Elles': the group again
            window = fitting + window
            chosen = _exactly(window, reference.count)
            if chosen is not None:
                return chosen
        return []

    def _created_body(self, reference: _Reference) -> list[Candidate]:
        """'la nouvelle école': the body a founding or merger created, never its parents nor
        the group the words name ('la nouvelle école de l'IMT')."""
        owners = {
            c.mention.entity
            for c in self.candidates
            if any(c.mention.start < e and s < c.mention.end for s, e in reference.owners)
        }
        created = [
            c
            for c in self.candidates
            if c.created and c.mention.entity not in owners and _fits(c, reference) and not c.plural
        ]
        before = [c for c in created if c.mention.end <= reference.tokens.start_char]
        if before:
            return [before[-1]]
        return _one_of(created, distant=True)

    def _seated(self, reference: _Reference) -> list[Candidate]:
        """'l'établissement de Lyon', 'l'école brestoise': the one fitting organization of the
        article seated there (by the gazetteer, or by the article: 'À Brest, l'ENIB')."""
        place = reference.place or ""
        fitting = [
            c
            for c in self.candidates
            if _fits(c, reference) and not c.plural and self._seated_in(c, place)
        ]
        return _one_of(fitting, distant=True)

    def _seated_in(self, candidate: Candidate, place: str) -> bool:
        entity = self.entities[candidate.mention.entity]
        if f" {place} " in f" {normalize_name(entity.name)} ":  # 'Polytech Lille', campus aside
            return True
        if entity.city:
            city = normalize_name(entity.city)
            return place in (city, lexicon().regions.get(city))
        mention = candidate.mention
        around = normalize_name(self.text[max(0, mention.start - 40) : mention.end + 30])
        return f" {place} " in f" {around} "


# -- candidates -----------------------------------------------------------------------------
def _start(candidate: Candidate) -> int:
    return candidate.mention.start


def _sentence(candidate: Candidate) -> int:
    return candidate.sentence


def _kind_and_gender(entity: Entity, mention: Mention, span: Span | None) -> tuple[str, str | None]:
    words = lexicon()
    written = words.name_heads.get(mention.text.split(" ")[0].lower())
    official = words.name_heads.get(entity.name.split(" ")[0].lower())
    kind = entity.kind or "organization"
    if kind == "organization" and (written or official):
        kind = (written or official or {})["kind"]
    # The gender is the press's, not the official name's: 'l'INSA Lyon … elle' although
    # it is an Institut; without a head noun or an article, unknown (agrees with both).
    return kind, written["gender"] if written else _article_gender(span)


def _article_gender(span: Span | None) -> str | None:
    """'le CNRS', 'du Cnam', 'la Sorbonne': the article before a name tells its gender."""
    if span is None or span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if before.lower_ in ("du", "au"):
        return "Masc"
    if before.pos_ == "DET" and before.lower_ in ("le", "la", "ce", "cette"):
        return _morph(before, "Gender")
    return None


def _most_named(candidates: list[Candidate]) -> str | None:
    """The article's own institution: named at least three times, twice as often as any
    other organization."""
    counts = Counter(c.mention.entity for c in candidates if c.kind is not None).most_common(2)
    if not counts or counts[0][1] < 3:
        return None
    if len(counts) == 2 and counts[0][1] < 2 * counts[1][1]:
        return None
    return counts[0][0]


def _outside_quotes(tokens: list[Token]) -> list[Token]:
    """The words not inside a closed quotation: '« Il s'agissait… », sourit X, son président'
    quotes another speaker, whose subjects are not the narrative's."""
    kept: list[Token] = []
    quoted: list[Token] | None = None
    for token in tokens:
        if token.text in ("«", "“"):
            quoted = []
        elif token.text in ("»", "”") and quoted is not None:
            quoted = None
        elif quoted is not None:
            quoted.append(token)
        else:
            kept.append(token)
    return kept + (quoted or [])


def _is_subject(token: Token) -> bool:
    """A subject, a conjunct of one, or a name heading a sentence the parser left verbless."""
    if token.dep_ in _SUBJECT:
        return True
    if token.dep_ in ("conj", "appos") and token.head.i != token.i:
        return token.head.dep_ in _SUBJECT
    return token.dep_ == "ROOT" and token.pos_ == "PROPN"


def _is_complement_or_object(token: Token) -> bool:
    return token.dep_ in ("nmod", "obj", "iobj") or token.dep_.startswith("obl")


def _is_complement(token: Token) -> bool:
    return token.dep_ == "nmod" and token.head.pos_ in ("NOUN", "PROPN", "PRON")


def _created_tokens(doc: Doc) -> set[int]:
    """Tokens of the bodies a sentence creates: 'pour donner naissance à Z', 'Z, née de la
    fusion de X et Y', 'Créée en 2019, Z …', 'fonder Z', 'Z a été créée'."""
    words = lexicon().words
    created: set[int] = set()
    for token in _creation_cues(doc):
        form = token.lower_
        if form in words["creation_verbs"] and token.pos_ in ("VERB", "AUX"):
            created.update(_created_by_verb(token))
        if form in words["birth_nouns"] and token.dep_ == "obj":
            created.update(c.i for c in token.head.children if c.dep_.startswith("obl"))
        if form in words["creation_nouns"] and token.pos_ == "NOUN":  # 'la création de Z'
            created.update(
                c.i
                for c in token.children
                if c.dep_ == "nmod"
                and any(w.lower_ in ("de", "d'", "d’", "du") for w in c.children)
            )
        if _gives_way(token):
            created.update(
                c.i
                for c in (*token.head.children, *token.children)
                if c.dep_.startswith(("obl", "nmod")) and c.i > token.i
            )
        if form in words["birth_verbs"] and token.pos_ == "VERB":
            created.update(c.i for c in token.children if c.dep_ in _SUBJECT)
        if form in words["created_participles"]:
            created.update(_created_by_participle(token))
    return created


_CREATION_WORDS = ("creation_verbs", "birth_nouns", "creation_nouns", "birth_verbs")


def _creation_cues(doc: Doc) -> Iterator[Token]:
    """The tokens _created_tokens looks at: one of its words, or a noun that gives way."""
    words = lexicon().words
    forms = words["created_participles"].union(*(words[kind] for kind in _CREATION_WORDS))
    nouns, found = lexicon().giving_way["nouns"], doc_words(doc)
    pairs = enumerate(zip(found.lowers, found.lemmas, strict=True))
    return (doc[i] for i, (form, lemma) in pairs if form in forms or lemma in nouns)


def _gives_way(token: Token) -> bool:
    giving_way = lexicon().giving_way
    return (
        token.lemma_.lower() in giving_way["nouns"]
        and token.dep_ == "obj"
        and token.head.lemma_.lower() in giving_way["verbs"]
    )


def _created_by_verb(verb: Token) -> Iterator[int]:
    for child in verb.children:
        if child.dep_ in ("obj", "nsubj:pass"):
            yield child.i


def _created_by_participle(participle: Token) -> Iterator[int]:
    """'Z, née de …': the noun it modifies; 'Créée en 2019, Z est …': the subject after it."""
    if participle.dep_ in ("acl", "amod", "appos") and participle.head.pos_ == "PROPN":
        yield participle.head.i
        return
    if participle.i == participle.sent.start or participle.doc[participle.i - 1].is_punct:
        yield from _first_subject_after(participle)


def _first_subject_after(participle: Token) -> Iterator[int]:
    sentence = participle.sent
    comma = next((t for t in sentence if t.i > participle.i and t.text == ","), None)
    if comma is None:
        return
    subject = next((t for t in sentence if t.i > comma.i and t.dep_ in _SUBJECT), None)
    if subject is not None:
        yield subject.i


# -- references in the parse ----------------------------------------------------------------
def _references(doc: Doc, places: Places) -> Iterator[_Reference]:
    # what the five finders ask of a token first: a pronoun or a noun, or one of their words
    forms = {*lexicon().clitics, *lexicon().words["possessives"], "ce", "cette"}
    words = doc_words(doc)
    tagged = zip(words.lowers, words.pos, strict=True)
    starts = (i for i, (form, pos) in enumerate(tagged) if pos in _REFERRING or form in forms)
    for token in (doc[i] for i in starts):
        found = (
            _pronoun(token)
            or _clitic(token)
            or _possessive(token)
            or _latter_phrase(token)
            or _description(token, places)
        )
        if found is not None:
            yield found


def _pronoun(token: Token) -> _Reference | None:
    words = lexicon()
    form = token.lower_
    if token.dep_ not in _SUBJECT or token.pos_ != "PRON":
        return None
    if form in words.pronouns:
        entry = words.pronouns[form]
        span = token.doc[token.i : token.i + 1]
        return _Reference(
            span, frozenset({_ANY_KIND}), entry["gender"], entry["number"], pronoun=True
        )
    if form in words.demonstratives and _followed_by_ci(token):
        span = token.doc[token.i : token.i + 3]
        return _Reference(
            span, frozenset({_ANY_KIND}), words.demonstratives[form], "Sing", latter=True
        )
    return None


def _clitic(token: Token) -> _Reference | None:
    """'vient de la rejoindre', 'en est membre': an object pronoun right before its verb
    (or the copula, or 'fait partie') takes up the subject before, like 'elle'."""
    clitics = lexicon().clitics
    form = token.lower_
    if form not in clitics or token.i + 1 >= len(token.doc) or not _pronominal(token):
        return None
    following = token.doc[token.i + 1]
    if not verb_like(following) and following.lower_ not in clitics:
        return None
    if following.text.lower().endswith("ant"):  # 'en rejoignant': a gerund, no pronoun
        return None
    span = token.doc[token.i : token.i + 1]
    return _Reference(
        span, frozenset({_ANY_KIND}), clitics[form], "Sing", pronoun=True, clitic=True
    )


def _pronominal(token: Token) -> bool:
    """A pronoun, or 'en' tagged as a preposition but attached as the verb's complement or
    right before a finite verb ('l'UTT en fait partie'), which no preposition governs."""
    if token.pos_ == "PRON" or (token.pos_ == "DET" and token.dep_ == "obj"):
        return True  # 'l'Essec la rejoint' with 'la' tagged as an article yet the object
    if token.lower_ != "en":
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.dep_ in ("iobj", "obj", "expl", "expl:comp", "obl:arg") or (
        following is not None and _morph(following, "VerbForm") == "Fin"
    )


def _followed_by_ci(token: Token) -> bool:
    doc = token.doc
    return (
        token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "ci"
    )


def _possessive(token: Token) -> _Reference | None:
    """'sa directrice', 'son président', 'ses campus': the owner is the salient
    organization (the possessive's gender is the possessed noun's, not the owner's)."""
    words = lexicon().words
    if token.lower_ not in words["possessives"] or _morph(token, "Poss") != "Yes":
        return None
    if token.head.lower_ not in words["possessed"] and (lexicon().noun(token.head.text) is None):
        return None
    span = token.doc[token.i : token.i + 1]
    return _Reference(span, frozenset({_ANY_KIND}), None, "Sing", possessive=True)


def _latter_phrase(token: Token) -> _Reference | None:
    """'ce dernier', 'cette dernière', read on the surface: the parser often takes the verb
    after them for a noun ('ce dernier compte'); 'ce dernier jour' is no reference."""
    words = lexicon().words
    doc = token.doc
    if token.lower_ not in ("ce", "cette") or token.i + 1 >= len(doc):
        return None
    latter = doc[token.i + 1]
    following = doc[token.i + 2].lower_ if token.i + 2 < len(doc) else ""
    if latter.lower_ not in words["latter"] or following in words["latter_nouns"]:
        return None
    gender = "Fem" if latter.lower_.endswith("e") else "Masc"
    span = doc[token.i : token.i + 2]
    return _Reference(span, frozenset({_ANY_KIND}), gender, "Sing", latter=True)


def _description(noun: Token, places: Places) -> _Reference | None:
    """'les deux écoles', 'ce réseau', 'la nouvelle entité', 'l'école brestoise', 'les
    cinq INSA'."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    determiner = _determiner(noun)
    if determiner is None:
        return None
    words = lexicon()
    # 'le PRES', 'la COMUE': a legal form's acronym names a body's kind, like a common noun
    form = noun.lower_ in words.words["form_acronyms"]
    common = noun.pos_ == "NOUN" or noun.text.islower() or form
    entry = words.noun(noun.text) if common else None
    count = count_of(noun)
    if entry is None:
        return _named_group(noun, determiner, count)
    number = (
        "Sing"
        if form and determiner.lower_ in ("le", "la", "l'", "l’", "ce", "cette")
        else _morph(noun, "Number") or ("Plur" if noun.lower_.endswith(("s", "x")) else "Sing")
    )
    if number == "Plur" and count is None and _morph(determiner, "PronType") != "Dem":
        return None  # 'les écoles' is any schools; 'ces écoles' and 'les deux écoles' are some
    return _described(noun, determiner, entry, number, count, places)


def _described(
    noun: Token,
    determiner: Token,
    found: tuple[str, dict[str, Any]],
    number: str,
    count: int | None,
    places: Places,
) -> _Reference | None:
    words = lexicon()
    entry_noun, entry = found
    modifiers = {c.lower_ for c in noun.children if c.dep_ == "amod"}
    if modifiers & words.words["unlike"]:
        return None  # 'le premier établissement', 'l'ancienne école': not the one just named
    new = bool(modifiers & words.words["new"])
    if entry.get("only_new") and not new:
        return None  # 'la structure' alone is too vague to point back
    place, owners, end = _complements(noun, places)
    if entry.get("only_place") and place is None:
        return None  # 'le campus' alone is a site, not the institution
    if owners and not new:
        return None  # 'l'école de l'IMT' is one of its schools, not the school named before
    if _named_right_after(noun, places):
        return None  # 'l'école ENSIBS', 'le réseau Polytech': a name follows
    span = noun.doc[determiner.i : end + 1]
    return _Reference(
        span,
        _qualified(noun, entry_noun, frozenset(entry["kinds"])),
        entry.get("gender"),
        number,
        count=count,
        new=new,
        place=place,
        owners=tuple(owners),
        head=entry_noun,
        named_kinds=frozenset(entry.get("named_kinds", ())),
    )


def _qualified(noun: Token, entry_noun: str, kinds: frozenset[str]) -> frozenset[str]:
    """'l'école d'ingénieurs', 'l'école de commerce': the noun's kinds its complement keeps."""
    qualifiers = lexicon().qualified_kinds.get(entry_noun, {})
    for child in noun.children:
        if child.dep_ == "nmod" and (qualified := qualifiers.get(child.lemma_.lower())):
            return kinds & frozenset(qualified)
    return kinds


def _named_group(noun: Token, determiner: Token, count: int | None) -> _Reference | None:
    """'les cinq INSA': N organizations whose names hold that word."""
    if not noun.text[:1].isupper() or count is None or count < 2:
        return None
    return _Reference(
        noun.doc[determiner.i : noun.i + 1],
        frozenset({_ANY_KIND}),
        None,
        "Plur",
        count=count,
        name_word=normalize_name(noun.text),
    )


def _determiner(noun: Token) -> Token | None:
    """The definite or demonstrative article of a noun ('l'', 'les', 'ce', 'ces')."""
    for child in noun.children:
        if child.dep_ == "det" and child.i < noun.i:
            if _morph(child, "Definite") == "Def" or _morph(child, "PronType") == "Dem":
                return child
            return None
    return None


def count_of(noun: Token) -> int | None:
    """'les deux écoles', 'les 5 INSA': the number a numeral before the noun gives."""
    for child in noun.children:
        if child.dep_ == "nummod" and child.i < noun.i:
            text = child.lower_
            return lexicon().numbers.get(text) or (int(text) if text.isdigit() else None)
    return None


def _complements(noun: Token, places: Places) -> tuple[str | None, list[tuple[int, int]], int]:
    """What follows the noun: a place ('de Lyon', 'brestoise'), the character spans of the
    names it holds as complements ('de l'IMT'), and the last token of the description."""
    end = noun.i
    place: str | None = None
    owners: list[tuple[int, int]] = []
    for child in sorted(noun.children, key=lambda t: t.i):
        if child.i < noun.i:
            continue
        if child.dep_ == "amod" and child.i == end + 1:
            demonym = places(child.text, demonym=True)
            if demonym:
                place, end = demonym, child.i
            elif child.lower_ in lexicon().words["new"]:
                end = child.i
        elif child.dep_ == "nmod":
            words = list(child.subtree)
            if child.pos_ == "PROPN" and (found := places(_name_text(child))):
                if place is None and words[0].i <= end + 3:
                    place, end = found, words[-1].i
            elif child.pos_ in ("PROPN", "NOUN") and child.text[:1].isupper():
                owners.append((words[0].idx, words[-1].idx + len(words[-1])))
            elif child.pos_ == "NOUN" and words[0].i == end + 1 and words[0].lower_ in _OF:
                end = words[-1].i  # 'l'école d'ingénieurs'
    return place, owners, end


def _name_text(token: Token) -> str:
    parts = [token, *(t for t in token.children if t.dep_ == "flat:name")]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _named_right_after(noun: Token, places: Places) -> bool:
    """'l'école ENSIBS', 'le réseau Polytech', 'l'université d'Oslo': a name follows (a
    place after 'de' is left to the place rule)."""
    doc = noun.doc
    following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if following is None:
        return False
    if following.head.i == noun.i and following.dep_ in ("appos", "flat:name"):
        return following.pos_ == "PROPN"
    index = noun.i + 1  # 'l'alliance européenne EUT+': past the noun's adjectives
    while index < len(doc) and doc[index].pos_ == "ADJ" and doc[index].head.i == noun.i:
        if doc[index].text[:1].isupper():  # a name the tagger took for an adjective
            return index > noun.i + 1
        index += 1
    if index > noun.i + 1 and index < len(doc) and doc[index].text[:1].isupper():
        return True
    after = doc[noun.i + 2] if noun.i + 2 < len(doc) else None
    return (
        following.lower_ in _OF
        and after is not None
        and after.pos_ == "PROPN"
        and places(after.text) is None
    )


# -- agreement ------------------------------------------------------------------------------
def _fits(candidate: Candidate, reference: _Reference) -> bool:
    """Kind agreement for every reference; gender only for pronouns, whose gender is their
    antecedent's ('l'établissement' is masculine whatever school it names)."""
    if candidate.kind is None:
        return False
    if reference.name_word is not None:
        return reference.name_word in normalize_name(candidate.mention.text).split(" ")
    if _ANY_KIND not in reference.kinds and candidate.kind not in reference.kinds:
        return False
    if candidate.kind in reference.named_kinds and reference.head not in candidate.heads:
        return False  # 'l'institut' is no École, whatever its kind
    if reference.number == "Plur":
        return True
    if candidate.plural:
        return False
    return not (reference.pronoun or reference.latter) or _agrees(
        candidate.gender, reference.gender
    )


def _agrees(known: str | None, wanted: str | None) -> bool:
    return known is None or wanted is None or known == wanted


def _morph(token: Token, feature: str) -> str | None:
    values = token.morph.get(feature, [])
    return values[0] if values else None


# -- choosing -------------------------------------------------------------------------------
def _distinct(candidates: Iterable[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for candidate in candidates:
        seen.setdefault(candidate.mention.entity, candidate)
    return list(seen.values())


def _one_of(candidates: list[Candidate], distant: bool = False) -> list[Candidate]:
    """The single entity the candidates name; two or more fit equally, so none."""
    distinct = _distinct(candidates)
    if len(distinct) != 1:
        return []
    if distant and distinct[0].kind is None:
        return []
    return [candidates[-1]] if not distant else [distinct[0]]


def _one_list(candidates: list[Candidate]) -> list[Candidate]:
    """The names of a sentence when they are all the items of one list, else none."""
    runs = {c.run for c in candidates}
    return candidates if len(runs) == 1 and None not in runs else []


def _salient_only(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if not c.complement]


def _exactly(window: list[Candidate], count: int | None) -> list[Candidate] | None:
    """The group a collective names, [] when the window names too many to tell, None while
    it names too few (without a number, a group is at least two)."""
    every, salient = _distinct(window), _distinct(_salient_only(window))
    wanted = count or 2
    if len(every) < wanted:
        return None
    if count is None:
        return salient if len(salient) >= 2 else []
    if len(every) == count:
        return every
    return salient if len(salient) == count else []
