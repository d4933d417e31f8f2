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
from ..nlp.text import doc_words, tokens_among
from ..resources import load_json
from .clause import is_negated, is_planned
from .context import Reading
from .frames_data import frames_data, lemma_of, lemmas_of, verb_like
from .grammar import Units, case_words, role_of, sentence_end, sentence_start


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
    office_nouns: frozenset[str]  # 'ses fonctions de directeur', 'le poste de présidente'


# Verbs whose subject has the office their object names: 'Y a / accueille / se dote d'un
# nouveau directeur : X'.
_HAVING = frozenset({"avoir", "accueillir", "doter", "trouver", "connaître"})


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
        office_nouns=frozenset(raw["office_nouns"]),
    )


def find_offices(
    doc: Doc, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Reading]:
    """Every holds_role reading the grammar of a document gives."""
    reader = _reader(doc, mentions, entities)
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
            if not reader.bodies.named(token) and not reader.people.named(token):
                yield from reader.titled(token)
        elif lemma in offices.leads and token.pos_ == "NOUN":
            yield from reader.leading(token)
        elif lemma in offices.lead_verbs and token.pos_ == "VERB":
            yield from reader.leads(token)


def _reader(doc: Doc, mentions: list[Mention], entities: dict[str, Entity]) -> _OfficeReader:
    """The people and the bodies of a document, as the offices read them."""
    kinds = {key: entity.type for key, entity in entities.items()}
    people = Units(doc, [m for m in mentions if kinds.get(m.entity) == "person"], ())
    bodies = Units(
        doc,
        [m for m in mentions if kinds.get(m.entity) == "organization"],
        frames_data().bodies,
    )
    return _OfficeReader(people, bodies)


class _OfficeReader:
    def __init__(self, people: Units, bodies: Units):
        self.people, self.bodies = people, bodies

    # -- 'directrice de Y' ---------------------------------------------------------------------
    def titled(self, title: Token) -> Iterator[Reading]:
        if is_negated(title, subject=False):
            return
        orgs = self._body_of(title) or self._electing_body(title)
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
            if any(self.people.at(t) for t in noun.doc[noun.i + 1 : child.i]):
                continue  # 'l'ancien président Patrick Lévy à AEF info': the verb's, not his
            found = self.bodies.expand(child, lists=False)
            if found:
                return found
            for word in child.subtree:
                if word.text in (",", ";", "(") or word.pos_ in ("VERB", "AUX"):
                    break
                if named := self.bodies.at(word):
                    return list(named)
        possessors = [c for c in noun.children if role_of(c) == "possessor"]
        if not possessors and (fronted := self._fronted_place(noun)):
            return fronted  # 'À l'UPEC, la présidente, X, …'
        owned = [m for child in possessors for m in self.bodies.at(child)]
        if not possessors and lemma_of(noun.head) in _HAVING:
            return self._clause_owner(noun)  # 'Y a une nouvelle présidente : X'
        if owned or not possessors:  # 'X, son président': the body the possessive stands for
            return owned
        return self._clause_owner(noun)

    def _fronted_place(self, noun: Token) -> list[Mention]:
        """'À l'UPEC, la présidente…', 'Chez Ionis, le directeur général…': the body a
        fronted 'à' or 'chez' phrase names, set off by a comma before the clause's subject."""
        if noun.dep_ != "nsubj":
            return []
        for child in noun.head.children:
            if (
                child.i < noun.i
                and {"à", "a", "chez"} & {w.lower() for w in case_words(child)}
                and child.right_edge.i + 1 < noun.i
                and noun.doc[child.right_edge.i + 1].text == ","
            ):
                return list(self.bodies.at(child))
        return []

    def _clause_owner(self, noun: Token) -> list[Mention]:
        """'Y accueille son nouveau directeur, X': the possessive of the object is the
        clause's subject, when no other body stands between them."""
        verb = noun.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if noun.dep_ == "obj" else []
        owners = [m for c in subjects for m in self.bodies.expand(c, lists=False)]
        between = noun.doc[subjects[0].i + 1 : noun.i] if subjects else ()
        if len({m.entity for m in owners}) != 1 or any(self.bodies.at(t) for t in between):
            return []
        return owners

    def _electing_body(self, title: Token) -> list[Mention]:
        """'Le conseil d'administration de Y a élu X présidente': the body the appointing
        verb's subject is, or is an organ of."""
        verb = title.head
        if title.dep_ not in ("obj", "xcomp") or lemma_of(verb) not in _offices().appointing:
            return []
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            for word in subject.subtree:
                if named := self.bodies.at(word):
                    return list(named)
        return []

    def _appointed(self, title: Token) -> list[Mention]:
        """'… a élu X présidente': the person the appointing verb has for object."""
        verb = title.head
        if lemma_of(verb) not in _offices().appointing:
            return []
        return [
            m
            for c in verb.children
            if c.dep_ == "obj" and c.i != title.i
            for m in self.people.at(c)
        ]

    def _holder(self, noun: Token) -> list[Mention]:
        """Who holds the title: the apposed name on either side, the subject of the copula or
        appointing verb it is the attribute of, or the subject after a fronted phrase."""
        doc = noun.doc
        if noun.i > 0 and (named := self.people.at(doc[noun.i - 1])):
            return list(named)  # 'X Directrice générale de Y': a web page's title, no comma
        if before := self._named_before_phrase(noun):
            return before
        if appointed := self._appointed(noun):
            return appointed
        if noun.dep_ == "nmod" and noun.head.lemma_.lower() in _offices().office_nouns:
            # 'X prend ses fonctions de directeur de Y': the subject of the office's verb
            return self._verb_subjects(noun.head.head) if noun.head.head.i != noun.head.i else []
        head = self.people.at(noun.head) if noun.head.i < noun.i else ()
        if noun.dep_ in ("appos", "nmod") and head:  # 'X, directrice de Y' hung on X
            return list(head)
        for child in noun.children:
            set_off = child.dep_ == "conj" and doc[child.i - 1].text == ","  # 'la présidente, X,'
            if (child.dep_ in ("appos", "nsubj", "nsubj:pass") or set_off) and (
                named := self.people.at(child) or self._named_in(child)
            ):
                return list(named)
        attribute = noun.dep_ in ("xcomp", "obj", "obl:arg", "ROOT") or (
            noun.dep_ == "appos" and noun.head.pos_ == "VERB"  # 'X est élu | président de Y'
        )
        if attribute and (lemma_of(noun.head) in _offices().attributive or noun.dep_ == "ROOT"):
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
        if after + 1 < len(doc) and doc[after].text in (",", ":"):
            index = after + 1  # 'la présidente de Y, X', 'le président de Y, le professeur X'
            while index < min(after + 4, len(doc) - 1) and (
                doc[index].pos_ == "DET" or (doc[index].pos_ == "NOUN" and doc[index].is_lower)
            ):
                index += 1
            return list(self.people.at(doc[index]))
        return []

    def _named_in(self, noun: Token) -> tuple[Mention, ...]:
        """'le professeur Heinrich Köster': the name hung on a courtesy title."""
        if not noun.is_lower:
            return ()
        return next(
            (n for c in noun.children if c.dep_ == "flat:name" and (n := self.people.at(c))), ()
        )

    def _only_person_before(self, verb: Token) -> list[Mention]:
        named = {
            m.entity: m
            for word in verb.doc[min(verb.sent.start, sentence_start(verb)) : verb.i]
            for m in self.people.at(word)
        }
        return list(named.values()) if len(named) == 1 else []

    def _named_before_phrase(self, noun: Token) -> list[Mention]:
        """'X, directrice de Y' or 'X (directrice de Y)' however the parser hung the title: a
        person's name right before the comma or parenthesis opening the title's phrase."""
        doc = noun.doc
        for index in (noun.left_edge.i - 1, _own_words_start(noun) - 1):
            if doc[index + 1].dep_ in ("cc", "case"):
                continue  # 'X, et par le président de Y': another item, not an apposition
            if (
                index >= 1
                and doc[index].text in (",", "(")
                and (named := self.people.at(doc[index - 1]))
            ):
                return list(named)
        return []

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
            ] or (list(self.people.at(verb.head)) if verb.dep_ == "acl" else [])
            # 'X, réélu à la tête de Y,': the person the participle qualifies
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
            m
            for c in verb.children
            if c.dep_ in ("obj", "nsubj:pass")  # 'Y a été présidée par X'
            for m in self.bodies.expand(c, lists=False)
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

    def handed_over(
        self, trigger: Token, predecessors: list[Mention], held: Reading | None
    ) -> Iterator[Reading]:
        """The role the successor takes, held until then by each predecessor."""
        if held is None or held.object is None:
            return
        for predecessor in predecessors:
            yield predecessor_role(predecessor, held.object, held.role, trigger.idx)

    def succession_taken(self, noun: Token, roles: list[Reading]) -> Iterator[Reading]:
        """'X prend la succession de Q (à la tête de Y)': X holds the role, Q held it."""
        verb = noun.head
        taker = verb if any(c.dep_ == "nsubj" for c in verb.children) else verb.head
        successors = self._verb_subjects(taker)
        before = [m for c in noun.children if role_of(c) == "of" for m in self.people.at(c)]
        lead = next((c for c in noun.children if c.lemma_.lower() in _offices().leads), None)
        if lead is None:
            named = {m.entity for m in successors}
            yield from self.handed_over(
                noun, before, _role_given_before(noun.doc, noun, roles, named)
            )
            return
        title = _offices().leads[lead.lemma_.lower()]
        orgs = self._body_of(lead)
        yield from self._readings(successors, orgs, verb, title, "frame.succession")
        for predecessor in before:
            yield from (predecessor_role(predecessor, org, title, noun.idx) for org in orgs)

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
        status = "planned" if is_planned(trigger, subject=False) else "done"
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


_OWN = {"det", "amod", "nummod"}  # the words of a noun's own phrase before it


def _own_words_start(noun: Token) -> int:
    """Where the noun's own words begin ('son président'), whatever clause the parser hung
    on it ('« … », sourit X, son président' with the verb under the noun)."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].head.i == noun.i and noun.doc[start - 1].dep_ in _OWN:
        start -= 1
    return start


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


# -- 'Elle succède à Q', 'X prend la succession de Q': the predecessor's role -----------
_SUCCEEDING = {"succéder", "remplacer"}
_TAKING_OVER = {"prendre", "reprendre", "assurer"}


def predecessors(
    doc: Doc, mentions: list[Mention], entities: dict[str, Entity], readings: list[Reading]
) -> Iterator[Reading]:
    """'X a été élue présidente de Y. Elle succède à Q': a succession that names no body of
    its own ('succède à Q à la tête de Y' is read by the frames) hands the predecessor the
    one role the sentence or the one before gives (its successor's, when the successor is
    named); 'X prend la succession de Q à la tête de Y' gives both roles."""
    reader = _reader(doc, mentions, entities)
    people = reader.people
    roles = [r for r in readings if r.predicate == "holds_role" and not r.ended and r.object]
    for word in tokens_among(doc, lemmas_of(doc), _SUCCEEDING | {"succession"}):
        if lemma_of(word) in _SUCCEEDING and verb_like(word) and not is_negated(word):
            if any(c.lemma_.lower() in _offices().leads for c in word.children):
                continue  # 'succède à Q à la tête de Y': the frames' succession
            before = [m for c in word.children if role_of(c) in ("to", "obj") for m in people.at(c)]
            named = {m.entity for c in word.children if c.dep_ == "nsubj" for m in people.expand(c)}
            yield from reader.handed_over(word, before, _role_given_before(doc, word, roles, named))
        elif word.lemma_.lower() == "succession" and lemma_of(word.head) in _TAKING_OVER:
            yield from reader.succession_taken(word, roles)


def predecessor_role(person: Mention, body: Mention, title: str | None, anchor: int) -> Reading:
    """The role a predecessor held until the succession's date."""
    return Reading(
        "holds_role",
        person,
        body,
        "frame.succession.predecessor",
        kind="appointment",
        role=title,
        status="done",
        anchor=anchor,
        confidence=0.7,
        ended=True,
    )


def _role_given_before(
    doc: Doc, verb: Token, roles: list[Reading], successors: set[str]
) -> Reading | None:
    """The one role read in the verb's sentence or the one before it, held by the successor
    when the successor is named."""
    first = doc[verb.sent.start - 1].sent.start if verb.sent.start > 0 else verb.sent.start
    window = doc[first : verb.sent.end]
    near = [
        r
        for r in roles
        if window.start_char
        <= (r.anchor if r.anchor is not None else r.subject.start)
        < window.end_char
        and (not successors or r.subject.entity in successors)
    ]
    held = {(r.object.entity, r.role) for r in near if r.object is not None}
    return near[0] if len(held) == 1 else None
