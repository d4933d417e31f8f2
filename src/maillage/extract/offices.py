"""holds_role read on the parse: a title noun and its body ('X, directrice de Y', 'le
président de Y, X', 'X a été nommé directeur de Y', 'Nommé directeur de Y en 2021, X…'),
'à la tête de Y', 'X dirige Y' / 'Y, dirigée par X', 'Y a élu X à sa présidence'. The
titles, leading nouns and verbs are data in resources/roles.json ('offices')."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from ..models import Entity, Mention
from ..nlp.text import doc_words
from ..resources import load_json
from .clause import is_negated, is_planned
from .context import Reading
from .frames_data import frames_data, lemma_of, lemmas_of
from .grammar import Units, role_of, sentence_end


@dataclass(frozen=True, slots=True)
class _Offices:
    titles: frozenset[str]
    qualifiers: frozenset[str]  # 'général', 'adjointe', 'provisoire' complete a title
    former: frozenset[str]  # 'jusqu'ici', 'ancien', 'ex': a role held until now
    leads: dict[str, str]  # 'tête' → 'directeur'
    lead_verbs: dict[str, str]  # 'diriger' → 'directeur'
    appointing: frozenset[str]  # 'nommer', 'élire': 'Y a élu X à sa présidence'
    taking: frozenset[str]  # 'prendre', 'quitter': 'X prend la direction de Y'
    leaving: frozenset[str]  # 'quitter': a role that ends
    attributive: frozenset[str]  # 'être', 'devenir', 'nommer': 'X est/devient/est nommé T'


@cache
def _offices() -> _Offices:
    raw = load_json("roles.json")["offices"]
    return _Offices(
        titles=frozenset(raw["titles"]),
        qualifiers=frozenset(raw["qualifiers"]),
        former=frozenset(raw["former"]),
        leads=dict(raw["leads"]),
        lead_verbs=dict(raw["lead_verbs"]),
        appointing=frozenset(raw["appointing"]),
        taking=frozenset(raw["taking"]) | frozenset(raw["leaving"]),
        leaving=frozenset(raw["leaving"]),
        attributive=frozenset(raw["attributive"]),
    )


def find_offices(
    doc: Doc, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Reading]:
    """Every holds_role reading the grammar of a document gives."""
    kinds = {key: entity.type for key, entity in entities.items()}
    people = Units(doc, [m for m in mentions if kinds.get(m.entity) == "person"], ())
    bodies = Units(
        doc,
        [m for m in mentions if kinds.get(m.entity) == "organization"],
        frames_data().bodies,
    )
    reader = _OfficeReader(people, bodies)
    offices = _offices()
    lemmas, lowers = lemmas_of(doc), doc_words(doc).lowers
    triggers = offices.titles.union(offices.leads, offices.lead_verbs)
    for token in (
        doc[i] for i, lemma in enumerate(lemmas) if lemma in triggers or lowers[i] in offices.titles
    ):
        lemma = lemma_of(token)
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and (
            lemma in offices.titles or token.lower_ in offices.titles
        ):
            if not bodies.named(token) and not people.named(token):
                yield from reader.titled(token)
        elif lemma in offices.leads and token.pos_ == "NOUN":
            yield from reader.leading(token)
        elif lemma in offices.lead_verbs and token.pos_ == "VERB":
            yield from reader.leads(token)


class _OfficeReader:
    def __init__(self, people: Units, bodies: Units):
        self.people, self.bodies = people, bodies

    # -- 'directrice de Y' ---------------------------------------------------------------------
    def titled(self, title: Token) -> Iterator[Reading]:
        if is_negated(title):
            return
        orgs = self._body_of(title)
        if not orgs:
            return
        holders = self._holder(title)
        yield from self._readings(
            holders, orgs, title, _title_text(title, orgs[0]), "frame.office.title"
        )

    def _body_of(self, noun: Token) -> list[Mention]:
        """The body a title or leading noun names: its 'de', 'au sein de', 'à' complement,
        or the first body inside that complement ('directeur du site Thales de Mérignac')."""
        for child in noun.children:
            if child.i < noun.i or role_of(child) not in ("of", "in", "to"):
                continue
            found = self.bodies.expand(child, lists=False)
            if found:
                return found
            for word in child.subtree:
                if word.text in (",", ";", "(") or word.pos_ in ("VERB", "AUX"):
                    break
                if named := self.bodies.at(word):
                    return list(named)
        return [  # 'X, son président': the body the resolved possessive stands for
            m
            for child in noun.children
            if role_of(child) == "possessor"
            for m in self.bodies.at(child)
        ]

    def _holder(self, noun: Token) -> list[Mention]:
        """Who holds the title: the apposed name on either side, the subject of the copula or
        appointing verb it is the attribute of, or the subject after a fronted phrase."""
        doc = noun.doc
        if before := self._named_before_phrase(noun):
            return before
        head = self.people.at(noun.head) if noun.head.i < noun.i else ()
        if noun.dep_ in ("appos", "nmod") and head:  # 'X, directrice de Y' hung on X
            return list(head)
        for child in noun.children:
            if child.dep_ in ("appos", "nsubj", "nsubj:pass") and (named := self.people.at(child)):
                return list(named)
        if noun.dep_ in ("xcomp", "obj", "obl:arg", "ROOT") and (
            lemma_of(noun.head) in _offices().attributive or noun.dep_ == "ROOT"
        ):
            verb = noun.head
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubj:pass") and (named := self.people.at(child)):
                    return list(named)
            # 'X, jusqu'ici …, a été élue présidente de Y' with X hung elsewhere: the one
            # person the sentence names before the verb
            subjectless = not any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children)
            if subjectless and (alone := self._only_person_before(verb)):
                return alone
        if self._fronted(noun):
            return self._subject_after(noun)
        after = noun.right_edge.i + 1
        if after + 1 < len(doc) and doc[after].text == ",":
            return list(self.people.at(doc[after + 1]))  # 'la présidente de Y, X'
        return []

    def _only_person_before(self, verb: Token) -> list[Mention]:
        named = {
            m.entity: m for word in verb.doc[verb.sent.start : verb.i] for m in self.people.at(word)
        }
        return list(named.values()) if len(named) == 1 else []

    def _named_before_phrase(self, noun: Token) -> list[Mention]:
        """'X, directrice de Y' or 'X (directrice de Y)' however the parser hung the title: a
        person's name right before the comma or parenthesis opening the title's phrase."""
        index = noun.left_edge.i - 1
        doc = noun.doc
        if index < 1 or doc[index].text not in (",", "("):
            return []
        return list(self.people.at(doc[index - 1]))

    def _fronted(self, noun: Token) -> bool:
        """'Nommé directeur de Y en 2021, X…', 'Directeur de Y depuis 2018, X…'."""
        before = noun.doc[noun.sent.start : noun.left_edge.i]
        return all(
            t.pos_ in ("ADV", "DET", "PUNCT", "ADP")
            or lemma_of(t) in _offices().attributive
            or t.lower_ in _offices().attributive
            for t in before
        )

    def _subject_after(self, noun: Token) -> list[Mention]:
        """The person right after the comma that closes the fronted phrase."""
        doc = noun.doc
        for word in doc[noun.right_edge.i + 1 : sentence_end(noun)]:
            if word.text == ",":
                following = word.i + 1
                if following < len(doc) and (named := self.people.at(doc[following])):
                    return list(named)
                if following + 1 < len(doc) and doc[following].pos_ == "DET":
                    return list(self.people.at(doc[following + 1]))
                continue
            if word.pos_ in ("VERB", "AUX"):
                return []
        return []

    # -- 'à la tête de Y', 'Y a élu X à sa présidence' ------------------------------------
    def leading(self, noun: Token) -> Iterator[Reading]:
        offices = _offices()
        title = offices.leads[lemma_of(noun)]
        verb, role = noun.head, role_of(noun)
        orgs = self._body_of(noun)
        if lemma_of(verb) in offices.appointing and role == "to" and noun.i > verb.i:
            # 'a élu X à sa présidence', 'X a été nommée à la tête de Y'
            holders = [
                m
                for c in verb.children
                if c.dep_ in ("obj", "nsubj:pass") or (c.dep_ == "nsubj" and c.i > verb.i)
                for m in self.people.at(c)
            ]
            orgs = orgs or [
                m for c in verb.children if c.dep_ == "nsubj" for m in self.bodies.expand(c)
            ]
            yield from self._readings(holders, orgs, verb, title, "frame.office.elected")
        elif lemma_of(verb) in offices.taking and role == "obj" and orgs:
            # 'X prend la direction de Y'; 'X quitte la présidence de Y': a role that ends
            holders = self._verb_subjects(verb)
            ended = lemma_of(verb) in offices.leaving
            yield from self._readings(
                holders, orgs, verb, title, "frame.office.takes_lead", ended=ended
            )
        elif orgs and any(c.lower_ in ("à", "au") for c in noun.children if c.dep_ == "case"):
            if is_negated(noun):
                return
            holders = self._holder(noun) or self._named_before_copula(noun)
            if not holders and verb.i != noun.i:
                holders = self._verb_subjects(verb)
            yield from self._readings(holders, orgs, noun, title, "frame.office.at_the_head")

    def _verb_subjects(self, verb: Token) -> list[Mention]:
        return [
            m for c in verb.children if c.dep_ == "nsubj" for m in self.people.at(c)
        ] or self._relative_antecedent(verb)

    def _named_before_copula(self, noun: Token) -> list[Mention]:
        """'X est désormais à la tête de Y' with X cut off by the parser: the person right
        before the copula, its adverbs and the phrase's first words."""
        index = noun.i - 1
        doc = noun.doc
        while index > 0 and doc[index].pos_ in ("ADP", "DET", "ADV", "AUX"):
            index -= 1
        if not any(doc[i].dep_ == "cop" for i in range(index + 1, noun.i)):
            return []
        return list(self.people.at(doc[index]))

    # -- 'X dirige Y', 'Y, dirigée par X' ------------------------------------------------------
    def leads(self, verb: Token) -> Iterator[Reading]:
        if is_negated(verb):
            return
        title = _offices().lead_verbs[lemma_of(verb)]
        holders = [
            m for c in verb.children if role_of(c) in ("subj", "agent") for m in self.people.at(c)
        ] or self._relative_antecedent(verb)
        orgs = [
            m for c in verb.children if c.dep_ == "obj" for m in self.bodies.expand(c, lists=False)
        ]
        if verb.dep_ == "acl" and not orgs:  # 'Centrale Nantes, dirigée par X'
            orgs = list(self.bodies.at(verb.head))
        yield from self._readings(holders, orgs, verb, title, "frame.office.leads")

    def _relative_antecedent(self, verb: Token) -> list[Mention]:
        """'X, qui l'a présidée depuis sa création': the person before 'qui'."""
        relative = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "qui"), None)
        if relative is None or relative.i < 2:
            return []
        before = relative.doc[relative.i - 1]
        if before.text == ",":
            before = relative.doc[relative.i - 2]
        return list(self.people.at(before))

    def _readings(
        self,
        holders: list[Mention],
        orgs: list[Mention],
        trigger: Token,
        title: str,
        rule: str,
        ended: bool = False,
    ) -> Iterator[Reading]:
        ended = ended or _former(trigger)
        status = "planned" if is_planned(trigger) else "done"
        for holder in holders:
            for org in orgs:
                yield Reading(
                    "holds_role",
                    holder,
                    org,
                    rule,
                    kind="appointment",
                    role=title,
                    status=status,
                    anchor=trigger.idx,
                    confidence=0.75,
                    ended=ended,
                )


_LINKS = {"de", "d'", "d’", "du", "des", "la", "le", "l'", "l’", "les", "au", "à", "aux"}


def _title_text(title: Token, body: Mention) -> str:
    """The title with the words that complete it ('directrice générale adjointe'), up to the
    body's name ('directeur des études de l'ENSIC')."""
    doc = title.doc
    end = title.i + 1
    while end < len(doc) and doc[end].idx < body.start:
        end += 1
    while end > title.i + 1 and doc[end - 1].lower_ in _LINKS:
        end -= 1
    phrase = doc[title.i : end]
    if len(phrase) <= 4 and not any(t.text in ",;:()" or t.pos_ == "VERB" for t in phrase):
        return " ".join(t.lower_ for t in phrase)
    words = [title.lower_]
    for word in doc[title.i + 1 : title.i + 3]:
        if word.lower_ not in _offices().qualifiers:
            break
        words.append(word.lower_)
    return " ".join(words)


def _former(trigger: Token) -> bool:
    """'jusqu'ici directrice de Y', 'ancien président de Y': a role no longer held."""
    before = trigger.doc[max(trigger.left_edge.i, trigger.i - 3) : trigger.i]
    return any(w.lower_.rstrip("-'’") in _offices().former for w in before)
