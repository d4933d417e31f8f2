"""Events read on the sentence's grammar: each frame of resources/frames.json fires on its
trigger (a verb, a noun, a copular predicate) and fills its slots from the trigger's
arguments: 'X a rejoint Y', 'Y regroupe sept écoles : A, B…', 'née de la fusion de A et de B,
Z…', 'la signature d'un accord-cadre entre A et B', 'A est l'une des écoles internes de B'."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations, product

from spacy.tokens import Doc, Token

from ..models import Entity, Mention
from ..nlp.text import doc_words, tokens_among
from .clause import is_negated, is_planned
from .context import STATED, Reading
from .frames_data import Frame, FramesData, frames_data, lemma_of, lemmas_of, verb_like
from .grammar import (
    DE_FORMS,
    Units,
    case_words,
    complements,
    role_of,
    sentence_end,
    sentence_start,
    through_preposition_noun,
)
from .offices import predecessor_role

Args = dict[str, list[Mention]]
_HOLDING_KINDS = {"grand_etablissement", "public_body"}  # bodies with schools of their own
_NETWORK_KINDS = frozenset({"network", "alliance", "association", "comue"})
_MEMBER_NOUNS = frozenset({"membre", "composante", "adhérent", "partenaire"})
_WHOLE_KINDS = frozenset({"group", "comue", "grand_etablissement"})  # bodies with components
_MEMBER_WORDS = {
    "associer",
    "membre",
    "adhérent",
    "adhérente",
    "affilié",
    "affiliée",
    "affilier",
    "associé",
    "associée",
    "partenaire",  # 'école partenaire de l'IMT': an associated school, not a component
}
_NAMING_ROLES = {"obj", "attribute", "bare"}  # 'baptisée Z', 's'appellera Z'
_AS_CAPACITY = {"tant", "qualité", "comme"}  # 'en tant que', 'en qualité de', 'comme'
_FIRST_FILLED = {"body", "new"}  # slots filled from their first role that names anything
_LISTING = {"subj", "obj", "attribute", "bare"}  # roles whose noun may open a list of names
_CREATIONS = {"création", "naissance", "constitution", "fondation"}  # 'aboutir à la création de Z'
_COPULAS = {"être", "devenir", "rester", "demeurer", "redevenir", "faire", "constituer"}


def _field_of(noun: Token, child: Token) -> bool:
    """'écoles d'ingénieurs', 'école de commerce': a common noun naming the noun's field."""
    return (
        child.dep_ == "nmod"
        and child.pos_ == "NOUN"
        and child.is_lower
        and child.i > noun.i
        and bool(set(case_words(child)) & {"de", "d'", "d’"})
    )


def frame_readings(
    doc: Doc, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Reading]:
    """Every reading the frames give on a document."""
    data = frames_data()
    organisations = [m for m in mentions if _type(m, entities) == "organization"]
    networks = (noun for noun, kind in data.bodies.items() if kind == "network")
    units = Units(doc, organisations, data.bodies, networks, bulleted=True)
    reader = _Reader(data, units, entities, _focus(organisations))
    people = [m for m in mentions if _type(m, entities) == "person"]
    yield from _successions(doc, _Reader(data, Units(doc, people, ()), entities), reader)
    for token in tokens_among(doc, lemmas_of(doc), data.by_lemma):  # the triggers' lemmas
        lemma = lemma_of(token)
        pos = "VERB" if token.lower_ in data.misread else token.pos_
        for frame in data.by_lemma.get(lemma, ()):
            if frame.fires_on(lemma, pos) and reader.triggers(frame, token):
                yield from reader.read(frame, token)


_LEADS = {
    "tête": "directeur",
    "direction": "directeur",
    "présidence": "président",
    "gouvernance": "directeur",
}
_TITLES = (
    "directeur",
    "directrice",
    "président",
    "présidente",
    "recteur",
    "rectrice",
    "doyen",
    "doyenne",
    "administrateur",
    "administratrice",
)


def _successions(doc: Doc, people: _Reader, organisations: _Reader) -> Iterator[Reading]:
    """'P succède à Q à la tête de Z': P holds the role, Q held it until then."""
    for token in tokens_among(doc, lemmas_of(doc), ("succéder", "remplacer")):
        if (
            lemma_of(token) not in ("succéder", "remplacer")
            or token.pos_ != "VERB"
            or is_negated(token)
        ):
            continue
        args = people.arguments(token)
        successors, predecessors = args["subj"], args["to"] or args["obj"]
        lead = next((c for c in token.children if c.lemma_.lower() in _LEADS), None)
        if not successors or lead is None:
            continue
        bodies = organisations.arguments(lead)["of"]
        title = _title_near(token) or _LEADS[lead.lemma_.lower()]
        status = "planned" if is_planned(token) else None
        for body in bodies:
            for successor in successors:
                yield Reading(
                    "holds_role",
                    successor,
                    body,
                    "frame.succession",
                    kind="appointment",
                    role=title,
                    status=status,
                    anchor=token.idx,
                    confidence=0.75,
                )
            for predecessor in predecessors:
                yield predecessor_role(predecessor, body, title, token.idx)


def _title_near(token: Token) -> str | None:
    """The title the sentence gives ('nouveau directeur général'), with its adjective."""
    for word in token.sent:
        if word.lemma_.lower() in _TITLES or word.lower_ in _TITLES:
            following = word.nbor(1) if word.i + 1 < len(word.doc) else None
            if following is not None and following.lower_ in (
                "général",
                "générale",
                "délégué",
                "déléguée",
            ):
                return f"{word.lower_} {following.lower_}"
            return word.lower_
    return None


def _pairs(parties: list[Mention], args: Args) -> list[tuple[Mention, Mention]]:
    """Every pair of parties; but 'X signe avec A et B' pairs X with A and with B, not A with
    B (they are listed as X's partners, not each other's)."""
    withs = {m.entity for m in (*args["with"], *args["governor_with"])}
    others = [p for p in parties if p.entity not in withs]
    if not withs or not others:
        return list(combinations(parties, 2))
    listed = [p for p in parties if p.entity in withs]
    return [*combinations(others, 2), *product(others, listed)]


def _determined(noun: Token) -> bool:
    """'de deux membres', 'des écoles', not the bare 'd'ingénieurs' of a field."""
    return any(
        c.dep_ in ("det", "nummod") or (c.dep_ == "case" and c.lower_ == "des")
        for c in noun.children
    )


def _finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", [])


def _reflexive(token: Token) -> bool:
    return any(c.dep_.startswith("expl") or c.lower_ in ("se", "s'", "s’") for c in token.children)


_VERB_GROUP_WORDS = {"ne", "n'", "n’", "en", "y", "se", "s'", "s’", "la", "le", "l'", "l’"}
_LIGHT_VERBS = {"faire", "devenir", "rester", "demeurer"}


def _verb_group_start(token: Token) -> int:
    """Where the verb group a noun or verb trigger ends begins: 'n'en est plus membre',
    'en fait partie', 'a rejoint'."""
    index = token.i
    while index > 0:
        word = token.doc[index - 1]
        if not (
            word.pos_ in ("AUX", "ADV")
            or (word.pos_ in ("PRON", "ADP") and word.lower_ in _VERB_GROUP_WORDS)
            or (word.pos_ == "VERB" and word.lemma_.lower() in _LIGHT_VERBS)
            or (  # 'sont deux écoles', not 'l'UBO ses laboratoires'
                word.head.i == token.i
                and word.dep_ in ("det", "nummod")
                and "Yes" not in word.morph.get("Poss", [])
            )
        ):
            break
        index -= 1
    return index


def _at_trigger(focus: Mention, token: Token) -> Mention:
    """The page's organization as a reference at the trigger, so that the statement's
    evidence is the trigger's sentence."""
    return Mention(focus.entity, focus.document, token.idx, token.idx, "", "reference")


def _clitic_y(token: Token) -> bool:
    return any(c.lower_ == "y" and c.pos_ == "PRON" for c in token.children)


def _dont_before(token: Token) -> Token | None:
    """The relative 'dont' in the trigger's phrase before it ('Y, dont X est membre')."""
    if "dont" not in doc_words(token.doc).lowers[token.left_edge.i : token.i]:
        return None  # none between the phrase's first word and the trigger: no subtree walk
    return next((t for t in token.subtree if t.lower_ == "dont" and t.i < token.i), None)


def _modifies_noun(token: Token) -> bool:
    """A past participle used as the adjective of the noun before it ('école associée'; not
    'un réseau regroupant', nor 'Le réseau regroupe' misread as one)."""
    return (
        token.dep_ in ("acl", "amod")
        and token.head.pos_ == "NOUN"
        and token.i == token.head.i + 1
        and (token.pos_ == "ADJ" or token.morph.get("Tense", []) == ["Past"])
    )


def _past(token: Token) -> bool:
    tenses = [
        *token.morph.get("Tense", []),
        *(t for c in token.children if c.dep_.startswith("aux") for t in c.morph.get("Tense", [])),
    ]
    return "Imp" in tenses or ("Past" in tenses and token.morph.get("VerbForm", []) == ["Part"])


def _passive(token: Token) -> bool:
    participle = token.morph.get("VerbForm", []) == ["Part"] and "Past" in token.morph.get(
        "Tense", []
    )
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in token.children) or (
        token.dep_ == "acl" and ("Pass" in token.morph.get("Voice", []) or participle)
    )


def _focus(organisations: list[Mention]) -> Mention | None:
    """The organization a page is about: named most often, and more often than any other."""
    counts = Counter(m.entity for m in organisations if m.field == "text").most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return next(m for m in organisations if m.entity == counts[0][0])


def _compound_head(token: Token) -> Token | None:
    """The first noun of a hyphenated compound the parser cut in two sentences
    ('établissements | - | composantes'), seen from its second word."""
    if token.i < 2 or token.doc[token.i - 1].text != "-":
        return None
    first = token.doc[token.i - 2]
    return first if first.pos_ == "NOUN" else None


def _type(mention: Mention, entities: dict[str, Entity]) -> str | None:
    entity = entities.get(mention.entity)
    return entity.type if entity else None


class _Reader:
    def __init__(
        self,
        data: FramesData,
        units: Units,
        entities: dict[str, Entity],
        focus: Mention | None = None,
    ):
        self.data, self.units, self.entities, self.focus = data, units, entities, focus

    # -- whether a frame applies -------------------------------------------------------------
    def triggers(self, frame: Frame, token: Token) -> bool:
        if token.pos_ in ("NOUN", "PROPN") and self.units.named(token):
            return False  # 'Institut' in 'Institut national polytechnique de Lorraine'
        if frame.governors and not self._governed(frame, token):
            return False
        if "gathering" in frame.options and (
            _reflexive(token) or _modifies_noun(token) or self._counts_people(token)
        ):  # 's'associer à', 'école associée de Y', 'accueille 3 000 étudiants' are no gathering
            return False
        if "reflexive" in frame.options and not _reflexive(token):  # 's'ouvrir à', not 'ouvrir'
            return False
        if "passive" in frame.options and not _passive(token):  # 'admise à', not 'admet à'
            return False
        if "past" in frame.options and not _past(token):  # 's'appelait', not 's'appelle'
            return False
        if "formerly" in frame.options and not self._formerly(token):
            return False
        if "now" in frame.options and not any(
            c.lower_ in self.data.now_adverbs
            for c in token.children
            if c.dep_ in ("advmod", "obl:mod")
        ):
            return False
        if frame.modifiers and None not in frame.modifiers:
            return bool(self._modifiers(token) & set(frame.modifiers))
        return True

    def _formerly(self, token: Token) -> bool:
        """'anciennement appelée', whatever the parser hung the adverb on."""
        before = token.doc[token.i - 1] if token.i else None
        adverbs = [c for c in token.children if c.dep_ == "advmod"] + ([before] if before else [])
        return any(a.lower_ in self.data.former_adverbs for a in adverbs)

    def _counts_people(self, token: Token) -> bool:
        return any(c.dep_ == "obj" and lemma_of(c) in self.data.headcounts for c in token.children)

    def _governed(self, frame: Frame, token: Token) -> bool:
        """'fait partie', 'prend le nom': the governor verb, or the word right before the noun
        when the parser hung the noun elsewhere."""
        before = token.doc[token.i - 1] if token.i else token
        return lemma_of(token.head) in frame.governors or (
            before.pos_ in ("VERB", "AUX") and lemma_of(before) in frame.governors
        )

    def _modifiers(self, token: Token) -> set[str]:
        doc = token.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].text == "-":  # 'établissements-composantes'
            return {doc[token.i + 2].lemma_.lower()} | self._dependents(token)
        found = self._dependents(token)
        for field in token.children:  # 'écoles d'ingénieurs membres de Y': hung on the field
            if _field_of(token, field):
                found |= self._dependents(field)
        return found

    def _dependents(self, token: Token) -> set[str]:
        """The words that qualify a noun; not an apposition after a comma ('une école de Y,
        membre associé de Z' describes the subject, not the school)."""
        doc = token.doc
        return {
            c.lemma_.lower()
            for c in token.children
            if c.dep_ in ("amod", "nmod", "compound", "flat", "acl")
            and c.i > token.i - 2
            and not (c.i > token.i and any(t.text == "," for t in doc[token.i : c.i]))
        } | {c.lower_ for c in token.children if c.dep_ == "amod"}

    # -- the readings --------------------------------------------------------------------------
    def read(self, frame: Frame, token: Token) -> Iterator[Reading]:
        if is_negated(token) or ("gathering" in frame.options and self._counted_among(token)):
            return
        args = self.arguments(token)
        slots = {
            name: self._fill(roles, args, name in _FIRST_FILLED)
            for name, roles in frame.slots.items()
        }
        inside = {m.entity for m in args["in"]}  # 'dans l'alliance | UNA' cut in two: one body
        if "within" in frame.options and args["in"] and {m.entity for m in args["obj"]} - inside:
            slots["member"] += [m for m in args["obj"] if m not in slots["member"]]
            slots["body"] = args["in"]
        elif "within" in frame.options and _clitic_y(token):
            slots["body"] = []  # 'Elle y rejoint Z': Z is a fellow member of what 'y' stands for
        # 'les universités fondatrices …', 'X, née en 2015 de la fusion de A et B': a
        # modifier or a birth participle states what already is
        stated = token.dep_ == "amod" or (
            lemma_of(token.head) in self.data.born and not _finite(token.head)  # 'qui naîtra'
        )
        status = "done" if stated else "planned" if is_planned(token) else None
        rule = f"frame.{frame.id}"
        anchor = token.idx
        if frame.predicate == "partner_of":
            yield from self._partners(frame, token, slots["parties"], args, rule, status, anchor)
        elif frame.predicate == "replaced_by":
            if "olds_follow" in frame.options:
                self._olds_after_trigger(token, slots)
            olds = {m.entity for m in slots["old"]}
            if "into_subject" in frame.options and not self._merged_into_subject(
                olds, slots["new"]
            ):
                return
            # one statement: a body that merges is not what the merger creates
            new = [m for m in slots["new"] or self.results(token) if m.entity not in olds]
            for old, created in product(slots["old"], new):
                if old.entity != created.entity:
                    yield Reading(
                        "replaced_by",
                        old,
                        created,
                        rule,
                        status=status,
                        anchor=anchor,
                        confidence=0.7,
                    )
        else:
            yield from self._memberships(frame, token, slots, rule, status, anchor)

    def _merged_into_subject(self, olds: set[str], new: list[Mention]) -> bool:
        """Several bodies merged into the subject, an institution (no deciding body)."""
        return len(olds) >= 2 and all(
            self._kind(m) not in ("public_body", "company") and m.entity not in olds for m in new
        )

    def _olds_after_trigger(self, token: Token, slots: Args) -> None:
        """'Z, créée en 2018 à partir de A, B et C': Z is named before the participle; a name
        after it the parser coordinated with Z ('… et C') is one more former body."""
        before = [m for m in slots["new"] if m.start < token.idx]
        if before:
            slots["old"] += [m for m in slots["new"] if m.start > token.idx]
            slots["new"] = before

    def _memberships(
        self, frame: Frame, token: Token, slots: Args, rule: str, status: str | None, anchor: int
    ) -> Iterator[Reading]:
        noun = self._member_noun(token) if "gathering" in frame.options else self._own_noun(token)
        if noun == "partner":
            yield from self._partnerships(
                product(slots["member"], slots["body"]), rule, "agreement", status, anchor, 0.65
            )
            return
        wholes = {b.entity for b in slots["body"]}  # a reference to the whole is no member
        slots["member"] = [
            m for m in slots["member"] if m.field == "text" or m.entity not in wholes
        ]
        listed = {m.entity for m in slots["member"]}
        bodies = [b for b in slots["body"] if b.entity not in listed]  # a listed name is no whole
        if slots["body"] and not bodies and len(listed) > 1 and _dont_before(token) is not None:
            # 'Y, dont X est membre' misparsed with Y as a second subject: Y is the whole
            bodies = slots["body"]
            wholes = {b.entity for b in bodies}
            slots["member"] = [m for m in slots["member"] if m.entity not in wholes]
        if not bodies and "focus_body" in frame.options and token.dep_ == "amod":
            bodies = self._focus_body(token)
        if not bodies and "focus_body" in frame.options and token.dep_ == "nsubj":
            bodies = self._network_just_named(token)  # 'Y compte 12 universités. Les membres…'
        if "founding" in frame.options:  # founders of a network, not the parents of a school
            bodies = [b for b in bodies if self._kind(b) in self.data.member_kinds]
        if self._names_its_instances(token, bodies):
            return  # 'les écoles des Mines de Nantes et Télécom Bretagne' are these schools
        members = slots["member"] or (
            self.units.listed_after(token)
            if "gathering" in frame.options
            else self._page_subject(token)
        )
        # 'regroupe les établissements membres de Y': Y is their whole, no member
        members = [m for m in members if not self._whole_of_descriptor(m)]
        if not bodies and noun == "component" and len({m.entity for m in members}) > 1:
            bodies = self._whole_just_named(token)  # 'Y … Trois établissements-composantes : A, B
        if not members and bodies and self._counts_unnamed(token):
            named_later = self.units.after_colon(token) or self.units.continued(
                token, self.data.continuations
            )
            if not {m.entity for m in named_later} & {b.entity for b in bodies}:
                members = named_later  # else the list is what the whole was read from: no member
        if ("one_body" in frame.options and len({b.entity for b in bodies}) > 1) or (
            "several_members" in frame.options and len({m.entity for m in members}) < 2
        ):
            return
        for member, body in product(members, bodies):
            if member.entity != body.entity:
                predicate = self._membership(frame, noun, body)
                said = noun in ("component", "member")  # the text's word, not the body's kind
                yield Reading(
                    predicate,
                    member,
                    body,
                    rule,
                    status=status,
                    anchor=anchor,
                    confidence=STATED if said else 0.7,
                )

    def _membership(self, frame: Frame, noun: str | None, body: Mention) -> str:
        """Member of a network, or component of a university: what the text says ('écoles
        internes', 'membres'), else what kind of body the whole is."""
        if noun in ("component", "member"):
            return "part_of" if noun == "component" else "member_of"
        if "by_kind" not in frame.options:
            return frame.predicate
        kind = self._kind(body)
        if frame.predicate == "member_of" and kind in self.data.part_kinds:
            return "part_of"
        # 'une école de l'IMT' is a component even of a body its members also join
        if frame.predicate == "part_of" and kind in self.data.member_kinds - _HOLDING_KINDS:
            return "member_of"
        return frame.predicate

    def _partners(
        self,
        frame: Frame,
        token: Token,
        parties: list[Mention],
        args: Args,
        rule: str,
        status: str | None,
        anchor: int,
    ) -> Iterator[Reading]:
        networks = [m for m in args["of"] if self._kind(m) in _NETWORK_KINDS]
        if lemma_of(token) == "partenaire" and networks:
            # 'A et B sont partenaires de l'alliance Y': an alliance's partners are its members
            for member, body in product([*args["subj"], *args["apposed"], *args["list"]], networks):
                if member.entity != body.entity:
                    yield Reading(
                        "member_of",
                        member,
                        body,
                        rule,
                        status=status,
                        anchor=anchor,
                        confidence=0.7,
                    )
            return
        kind: str | None = "agreement"
        if frame.id == "partner.noun":
            if lemma_of(token.head) in self.data.born or (
                lemma_of(token.head) in self.data.result_verbs and role_of(token) == "agent"
            ):  # 'née du rapprochement de A et B', 'créé par le rapprochement de A et B'
                return
            kind = self._partnership_kind(token, bool(args["between"] or args["with"]))
        elif frame.id == "partner.joins_forces":  # 'travaillent à des doubles diplômes'
            nouns = [c for c in token.children if c.dep_ not in ("nsubj", "nsubj:pass", "punct")]
            kind = next((k for c in nouns if (k := self._partnership_kind(c, True))), "agreement")
        elif frame.id == "partner.signs":  # 'signer une convention', 'lancer un master commun'
            nouns = [c for c in token.children if c.dep_ in ("obj", "nsubj:pass")]
            kind = next(
                (k for c in nouns if (k := self._partnership_kind(c, bool(args["with"])))), None
            )
        if kind is None or (
            frame.id == "partner.joins_forces"
            and not (
                args["with"]
                or args["between"]
                or args["to"]
                or len(args["subj"]) > 1
                or args["apposed"]
            )
        ):
            return
        yield from self._partnerships(_pairs(parties, args), rule, kind, status, anchor, 0.7)

    def _partnerships(
        self,
        pairs: Iterable[tuple[Mention, Mention]],
        rule: str,
        kind: str,
        status: str | None,
        anchor: int,
        confidence: float,
    ) -> Iterator[Reading]:
        for first, second in pairs:
            if first.entity != second.entity:
                yield Reading(
                    "partner_of",
                    first,
                    second,
                    rule,
                    kind=kind,
                    status=status,
                    anchor=anchor,
                    confidence=confidence,
                )

    # -- arguments -----------------------------------------------------------------------------
    def arguments(self, token: Token) -> Args:
        """A trigger's arguments by role, with the subject found where French puts it when
        the trigger has none of its own (relative clauses, participles, coordination,
        copular nouns, 'l'une des écoles de…')."""
        args: Args = defaultdict(list)
        for child in complements(token):
            if self._aside(child):  # 'a rejoint à son tour Y', 'relève pour sa part de Y'
                for word in child.children:
                    if word.dep_ in ("nmod", "appos") and word.i > child.i:
                        aside_role = role_of(word) or "bare"
                        aside_role = "obj" if aside_role in ("bare", "apposed") else aside_role
                        args[aside_role].extend(self.units.expand(word))
                continue
            role = role_of(child)
            if role == "subj" and child.i > token.i and self._subject_before(token):
                role = "obj"  # 'L'UTT a intégré | le réseau Polytech' read as two subjects
            if inner := through_preposition_noun(child):
                role, child = inner
            if role:
                listing = role in _LISTING or (  # 'l'adhésion de deux membres, à savoir A et B'
                    role == "of"
                    and child.pos_ == "NOUN"
                    and "Plur" in child.morph.get("Number", [])
                    and _determined(child)  # not 'ses écoles d'ingénieurs (A, B)': the field
                )
                found = self.units.expand(child, lists=listing)
                # the trigger's own reference ('l'école d'ingénieurs') is no argument
                args[role].extend(m for m in found if not m.start <= token.idx < m.end)
        if token.head.pos_ in ("NOUN", "PROPN") and not (args["of"] or args["between"]):
            for (
                sibling
            ) in token.head.children:  # 'fruit du mariage entre A et B': A hung on 'fruit'
                role = role_of(sibling)
                if sibling.i > token.i and role in ("of", "between", "with"):
                    args[role].extend(self.units.expand(sibling, lists=False))
        args["alongside"].extend(self._alongside(token))
        if token.pos_ == "VERB":
            args["organ"].extend(self._organ_of(token))
        if token.dep_ in ("nmod", "obl", "obl:mod") and (
            token.head.i < token.i or self._fronted_phrase(token)
        ):  # 'A et B au sein de l'alliance Z', 'Au sein de Z, A…': the names it hangs on
            args["host"].extend(self.units.expand(token.head, lists=False))
            if token.lower_ in self.data.misread and token.pos_ != "VERB" and not args["subj"]:
                args["subj"] = list(args["host"])  # 'Le groupe X compte…' with 'compte' a noun
        for modifier in token.children:  # 'école associée de Y', 'école rattachée à Y'
            if (
                _modifies_noun(modifier)
                and modifier.pos_ in ("VERB", "ADJ")
                and lemma_of(modifier) not in self.data.born  # 'école issue de la fusion de Y'
            ):
                for complement in modifier.children:
                    if (role := role_of(complement)) in ("of", "to", "in"):
                        args[role].extend(self.units.expand(complement, lists=False))
        if not args["subj"]:
            role, found = self._implicit_subject(token)
            args[role].extend(found)
            if role == "subj" and self._fronted(token):  # 'École de Y, Z forme…': Z is no 'de'
                args["of"] = [m for m in args["of"] if m not in found]
        if token.dep_ == "appos" or (
            token.dep_ == "conj" and self.units.at(token.head) and self._copular(token)
        ):
            args["apposed"].extend(self.units.expand(token.head))
        governor = token.head
        if governor.i != token.i and token.dep_ in (
            "obj",
            "nsubj",
            "nsubj:pass",
            "obl:arg",
            "nmod",
            "obl:mod",
            "obl",
            "advmod",  # 'dont fait partie X' with 'partie' misread
        ):
            for child in complements(governor):
                role = role_of(child)
                if inner := through_preposition_noun(child):
                    role, child = inner
                if role and child.i != token.i:
                    args[f"governor_{role}"].extend(self.units.expand(child))
            if not args["governor_subj"]:
                args["governor_subj"].extend(
                    self._organ_of(governor) or self._implicit_subject(governor)[1]
                )
            # 'fait partie de Lorraine INP' with 'INP' misread as the object: 'de' names no object
            args["governor_obj"] = [m for m in args["governor_obj"] if m not in args["governor_of"]]
        if (
            not args["possessor"]
            and any(role_of(c) == "possessor" for c in token.children)
            and token.dep_ in ("obj", "nsubj:pass")
        ):  # 'X a officialisé son adhésion': 'son' is the subject's
            args["possessor"].extend(args["governor_subj"])
        if (
            not args["possessor"]
            and token.dep_ == "conj"
            and any(role_of(c) == "possessor" for c in token.children)
        ):  # 'Grenoble INP et ses six écoles (A, B…)': the name it is coordinated with
            args["possessor"].extend(self.units.at(token.head))
        if (
            token.dep_ == "amod" and token.head.pos_ == "NOUN"
        ):  # 'les universités fondatrices – A, B'
            args["list"].extend(self.units.introduced(token.head))
        if token.pos_ in ("NOUN", "PROPN"):
            args["list"].extend(self.units.introduced(token))
            glossed = {m.entity for m in args["of"]}  # 'du Groupe des ENI (Groupe ENI)'
            args["list"] = [m for m in args["list"] if m.entity not in glossed]
        if not args["subj"]:  # 'Les quatre écoles fondatrices de Y sont A, B…' misparsed
            args["list"].extend(self._listed_after_copula(token))
        if token.dep_ == "nsubj" and lemma_of(token.head) in _COPULAS:
            args["list"].extend(self.units.introduced(token.head))  # 'Ses membres sont : A, B'
        elif (
            token.dep_ == "nsubj" and self._copular(token.head) and self.units.at(token.head)
        ):  # 'Ses membres sont A et B', 'Ses membres sont A (Pologne) ; B (Grèce)'
            args["list"].extend(self.units.expand(token.head))
            args["list"].extend(self.units.after_semicolons(token.head))
        for child in token.children:
            if child.dep_ == "obj" and not self.units.at(child):
                args["list"].extend(self.units.introduced(child))
        if not args["of"]:
            args["of"].extend(
                self._of_on_copula(token)
                or self._of_gatherer(token)
                or self._of_after_aside(token)
                or self._dont_antecedent(token)
                or self._nested_of(token)
                or self._clitic_of(token)
            )
        if "parmi" in case_words(token):
            for child in token.head.children:  # 'parmi ses membres figurent A et B'
                if child.dep_ in ("nsubj", "obj", "nsubj:pass") and child.i != token.i:
                    args["among"].extend(self.units.expand(child))
        of = args.get("of", [])
        glossed = {m.entity for m in of}  # 'membre de la Fédération … (Fesic)': no second member
        args["apposed"] = [m for m in args["apposed"] if m.entity not in glossed]
        if len(of) >= 2 or (of and args.get("with")):
            args["of_pair"].extend(of)
        return args

    def _organ_of(self, verb: Token) -> list[Mention]:
        """'le conseil d'administration de la CGE a validé…', 'admis par le conseil de la
        CGE': the body whose organ decides."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "obl:agent") and lemma_of(child) in self.data.organs:
                for word in child.subtree:
                    if (
                        word.i > child.i
                        and role_of(word) == "of"
                        and (found := self.units.at(word))
                    ):
                        return list(found)
        return []

    def _subject_before(self, token: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.i < token.i for c in token.children)

    def _aside(self, word: Token) -> bool:
        """'à son tour', 'pour sa part': an adverbial phrase, no argument."""
        return lemma_of(word) in self.data.asides and any(
            role_of(c) == "possessor" for c in word.children
        )

    def _alongside(self, token: Token) -> list[Mention]:
        """Co-members named 'aux côtés de Y' or 'au même titre que Y' on the trigger's body
        ('intègre l'alliance X aux côtés de Y'), on the copular phrase it belongs to ('l'une
        des écoles de X, au même titre que Y'), or cut off by the parser into a fragment of
        their own right after the trigger's phrase."""
        holders = [c for c in token.children if role_of(c) in ("obj", "bare", "to", "in")]
        if token.head.i != token.i and self._copular(token.head):
            holders.append(token.head)
        phrases = [
            inner[1]
            for holder in holders
            for child in holder.children
            if (inner := through_preposition_noun(child)) and inner[0] == "alongside"
        ]
        if token.pos_ == "NOUN":  # 'membre du groupe Y, avec A et B': A and B are members too
            bodies = [c for c in token.children if role_of(c) == "of"]
            phrases += [c for b in bodies for c in b.children if self._apposed_with(c)]
            phrases += [  # 'membre du réseau des UT aux côtés de A', hung inside the name
                inner[1]
                for body in bodies
                for word in body.subtree
                if word.i != body.i
                and (inner := through_preposition_noun(word))
                and inner[0] == "alongside"
            ]
        if not phrases:
            phrases = self._detached_alongside(token)
        return [m for phrase in phrases for m in self.units.expand(phrase, lists=False)]

    def _apposed_with(self, word: Token) -> bool:
        """', avec A' set off by a comma after a noun phrase."""
        start = word.left_edge
        return (
            role_of(word) == "with"
            and start.i > 0
            and start.lower_ == "avec"
            and word.doc[start.i - 1].text == ","
        )

    def _detached_alongside(self, token: Token) -> list[Token]:
        """', aux côtés de Y' parsed as a sentence of its own after the trigger's phrase."""
        for word in token.doc[token.i + 1 : sentence_end(token)]:
            if word.dep_ != "ROOT":
                continue
            if word.pos_ in ("VERB", "AUX"):
                return []  # another clause begins
            inner = through_preposition_noun(word)
            opening = word.left_edge
            if opening.text != "," and opening.i > 0:
                opening = opening.nbor(-1)
            if inner and inner[0] == "alongside" and opening.text == ",":
                return [inner[1]]
        return []

    def _of_on_copula(self, token: Token) -> list[Mention]:
        """'reste membre du groupe Y' with 'du groupe Y' hung on the verb."""
        if token.dep_ not in ("xcomp", "obj") or lemma_of(token.head) not in _COPULAS:
            return []
        return [
            m
            for child in token.head.children
            if child.i > token.i and role_of(child) == "of"
            for m in self.units.expand(child, lists=False)
        ]

    def _of_gatherer(self, token: Token) -> list[Mention]:
        """'Y réunit A, B et C, qui deviennent des établissements-composantes': components of
        the body whose gathering verb names them."""
        verb = token.head
        if token.pos_ != "NOUN" or lemma_of(verb) not in _COPULAS or verb.dep_ != "acl:relcl":
            return []
        gatherer = next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
        if gatherer is None or not any(
            "gathering" in f.options for f in self.data.by_lemma.get(lemma_of(gatherer), ())
        ):
            return []
        subjects = [c for c in gatherer.children if c.dep_ == "nsubj"]
        return self.units.expand(subjects[0], lists=False) if subjects else []

    def _of_after_aside(self, token: Token) -> list[Mention]:
        """'la fusion, en 2020, de A et de B': the 'de' complement after a short aside
        between commas, which the parser hangs elsewhere."""
        doc = token.doc
        start = token.right_edge.i + 1
        if token.pos_ != "NOUN" or start >= len(doc) or doc[start].text != ",":
            return []
        for index in range(start + 1, min(start + 7, len(doc) - 1)):
            word = doc[index]
            if word.pos_ in ("VERB", "AUX") or self.units.at(word):
                return []
            if word.text == ",":
                after = doc[index + 1]
                if after.lower_ not in DE_FORMS:
                    return []
                named = next((w for w in doc[index + 2 : index + 4] if self.units.at(w)), None)
                return self.units.expand(named, lists=False) if named is not None else []
        return []

    @staticmethod
    def _fronted_phrase(token: Token) -> bool:
        """The complement opens the sentence ('Au sein du réseau Y, …')."""
        return token.left_edge.i == token.sent.start

    def _listed_after_copula(self, token: Token) -> list[Mention]:
        """The names after 'sont' when the trigger's noun phrase opens the sentence as its
        subject ('Les écoles fondatrices du réseau Y sont A, B et C'), however parsed."""
        noun = token.head if token.dep_ == "amod" else token
        doc = noun.doc
        if noun.pos_ not in ("NOUN", "ADJ") or any(
            t.pos_ in ("VERB", "AUX") or t.text in (",", ":") for t in doc[noun.sent.start : noun.i]
        ):
            return []
        for word in doc[noun.i + 1 : sentence_end(noun)]:
            if word.pos_ == "VERB" or word.text in (",", ";", ":", "("):
                return []
            if word.pos_ == "AUX" and word.lemma_ == "être":
                return self.units.listed_after(word)
        return []

    def _nested_of(self, token: Token) -> list[Mention]:
        """'l'école d'ingénieurs en électronique de Bordeaux INP': the 'de' complement the
        parser hung on a modifier of the noun rather than on the noun."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        for word in token.subtree:
            if word.i <= token.i or word.text in (",", ":", "(") or word.pos_ in ("VERB", "AUX"):
                if word.i > token.i:
                    return []
                continue
            if lemma_of(word) in self.data.born:
                return []  # 'école issue de la fusion de Y': Y is what it was born of
            if word.dep_ == "case" and word.lower_ not in DE_FORMS and word.head.pos_ != "NUM":
                return []  # 'partenariat avec les écoles de Y, A et B': another complement
            if word.dep_ in ("nmod", "obl:arg") and role_of(word) == "of":
                found = [
                    m
                    for m in self.units.expand(word, lists=False)
                    if not m.start <= token.idx < m.end
                ]
                if found:
                    return found
        return []

    def _dont_antecedent(self, token: Token) -> list[Mention]:
        """'l'institut, dont l'ENSEEIHT est l'une des écoles': 'dont' is 'de l'institut'."""
        for clause in (token, token.head, token.head.head):
            if clause.dep_ == "acl:relcl":
                if any(t.lower_ == "dont" for t in clause.subtree if t.i < token.i):
                    return self.units.expand(clause.head)
                return []
        dont = _dont_before(token)
        return self._named_before(dont) if dont is not None else []

    def _named_before(self, pronoun: Token) -> list[Mention]:
        """The name right before a relative pronoun ('Y, dont…', 'Y, qui…')."""
        index = pronoun.i - 1
        if index > 0 and pronoun.doc[index].text == ",":
            index -= 1
        return list(self.units.ending_at(pronoun.doc[index])) if index >= 0 else []

    def _implicit_subject(self, token: Token, depth: int = 0) -> tuple[str, list[Mention]]:
        if depth > 3:
            return "subj", []
        for child in token.children:
            if (
                child.dep_ == "nsubj"
                and "Rel" in child.morph.get("PronType", [])
                and token.dep_ == "acl:relcl"
            ):  # 'Y, qui rassemble A et B', whatever the parser hung the clause on
                return "subj", (
                    self.units.expand(token.head)
                    or self._named_before(child)
                    or self._copula_subject(token.head, depth)  # 'X est un réseau qui…'
                )
            if child.dep_ == "nsubj" or (
                child.dep_ == "nsubj:pass" and lemma_of(token) in _COPULAS
            ):  # 'X est devenue école associée de Y' misread as a passive
                return "subj", self.units.expand(child)
        head = token.head
        if self._coordinated_astray(token) and (first := self._first_subject(token)):
            return "subj", first
        if head.i == token.i and (compound := _compound_head(token)) is not None:
            return self._implicit_subject(compound, depth + 1)  # 'établissements-composantes'
        if head.i == token.i:  # 'Centrale Lyon | est membre…' cut in two by the parser
            if self._copular(token) and (before := self._name_before_verb_group(token)):
                return "subj", before
            # a name right before the verb group is its subject; a fronted participle has none
            return "subj", self._name_before_verb_group(token) or self._detached_subject(token)
        if born := self._born_after_comma(token):
            return "subj", born
        if made := self._made_into(token):
            return "subj", made
        if described := self._described_by_participle(token):
            return "subj", described
        if token.dep_ in ("acl", "acl:relcl") or (token.dep_ == "amod" and token.pos_ == "VERB"):
            passive = (
                "Pass" in token.morph.get("Voice", [])
                and token.lemma_.lower() not in self.data.born
            )
            # 'X est une école rattachée à Y': the noun's own subject
            modified = self.units.expand(head) or self._copula_subject(head, depth)
            if "Past" not in token.morph.get("Tense", []):  # 'l'alliance X regroupe A, B…':
                modified = [m for m in modified if m.start < token.idx]  # A is no subject
            return ("obj" if passive else "subj"), modified
        if token.dep_ == "amod" and lemma_of(token) in self.data.born and head.pos_ == "NOUN":
            # 'X, école issue de la fusion de A et B': the body the noun describes
            return "subj", self._implicit_subject(head, depth + 1)[1]
        if token.dep_ in ("appos", "dep"):  # 'X, école interne de Y'; 'et X une composante de Y'
            return "apposed", self.units.expand(head, lists=False)
        if (
            token.dep_ in ("nmod", "appos")
            and token.i > 0
            and token.doc[token.i - 1].text == ","
            and self._copular(head)
        ):  # 'X est une école de Y, membre associé de Z': X, the copula's subject
            return self._implicit_subject(head, depth + 1)
        if before := self._detached_apposition(token):
            return "apposed", before
        if token.dep_ == "nmod" and head.lemma_ == "un" and head.pos_ == "PRON":
            return self._implicit_subject(head, depth + 1)
        if token.dep_ in ("conj", "xcomp", "advcl", "ccomp") or (
            token.dep_ in ("obj", "obl:arg") and lemma_of(head) in _COPULAS
        ):
            if token.dep_ == "conj" and self.units.at(head) and self._copular(token):
                return "subj", self.units.expand(head)
            if token.dep_ == "conj" and token.pos_ == "NOUN" and self.units.named(head):
                return "subj", []  # 'Grenoble INP et ses écoles': coordinated, no subject
            if token.dep_ == "conj" and token.pos_ == "PRON":  # '… et l'une des composantes de Z'
                head = next((a for a in token.ancestors if self._copular(a)), head)
            return self._implicit_subject(head, depth + 1)
        if self._fronted(token):  # 'Déjà école associée de l'IMT depuis 2011, l'ESIGELEC…'
            return "subj", self._main_subject_after(token) or self._subject_after_comma(token)
        return "subj", self._name_before_verb_group(token)

    def _made_into(self, token: Token) -> list[Mention]:
        """'fait de X une école associée de Y': X, the 'de' complement of a making verb whose
        object is the trigger (or the noun the trigger qualifies)."""
        noun = token.head if token.dep_ == "acl" else token
        verb = noun.head
        if noun.dep_ != "obj" or lemma_of(verb) not in self.data.makers:
            return []
        return [
            m
            for child in verb.children
            if child.dep_ in ("obl:arg", "obl", "obj")
            and child.i < noun.i
            and set(case_words(child)) & DE_FORMS
            for m in self.units.expand(child, lists=False)
        ]

    def _whole_just_named(self, token: Token) -> list[Mention]:
        """Components listed with no whole ('Trois établissements-composantes gardent leur
        personnalité morale : A, B et C'): the one university, EPE or group the sentence
        before names, when the listing sentence names nothing else."""
        start = sentence_start(token)
        if any(self.units.at(word) for word in token.doc[start : token.i]):
            return []
        return self._one_named_before(token, start, self.data.part_kinds | _WHOLE_KINDS)

    def _one_named_before(self, token: Token, end: int, kinds: frozenset[str]) -> list[Mention]:
        """The one body of these kinds named from the start of the sentence before the
        token's up to `end`, as a reference at the token."""
        doc = token.doc
        start = sentence_start(token)
        previous = sentence_start(doc[start - 1]) if start > 0 else start
        named = {
            m.entity: m
            for word in doc[previous:end]
            for m in self.units.at(word)
            if self._kind(m) in kinds
        }
        return [_at_trigger(m, token) for m in named.values()] if len(named) == 1 else []

    def _focus_body(self, token: Token) -> list[Mention]:
        """'Les sept universités fondatrices – A, B… –' in an article about a network: the
        network the article is about, when it is one that has members."""
        if self.focus is None or self._kind(self.focus) not in self.data.member_kinds:
            return []
        return [_at_trigger(self.focus, token)]

    def _copula_subject(self, noun: Token, depth: int) -> list[Mention]:
        """The subject of the copula whose predicate the noun is or completes ('X est une
        école d'ingénieurs associée à Y': 'associée' hung on 'ingénieurs')."""
        for _ in range(3):
            if self._copular(noun):
                return self._implicit_subject(noun, depth + 1)[1]
            if noun.dep_ != "nmod" or self.units.at(noun):
                break
            noun = noun.head
        return []

    def _coordinated_astray(self, verb: Token) -> bool:
        """'X succède à Y, supprimée en 2019, et intègre A et B' with 'et intègre' hung on the
        participle the parser took for a noun, or cut off as a sentence of its own."""
        if not _finite(verb) or not any(c.dep_ == "cc" for c in verb.children):
            return False
        return verb.head.i == verb.i or (
            verb.dep_ == "conj" and verb.head.pos_ not in ("VERB", "AUX")
        )

    def _first_subject(self, verb: Token) -> list[Mention]:
        """The names of the first subject of a finite verb in the sentence, before `verb`."""
        for word in verb.doc[sentence_start(verb) : verb.i]:
            if word.dep_ == "nsubj" and word.head.i < verb.i and _finite(word.head):
                return self.units.expand(word)
        return []

    def _names_its_instances(self, noun: Token, bodies: list[Mention]) -> bool:
        """A plural noun whose 'de' complement lists bodies of the noun's own kind names those
        bodies ('les écoles des Mines de Nantes et Télécom Bretagne'), no whole of theirs."""
        kind = self.data.bodies.get(lemma_of(noun))
        return (
            kind is not None
            and noun.pos_ == "NOUN"
            and "Plur" in noun.morph.get("Number", [])
            and len({b.entity for b in bodies}) >= 2
            and all(self._kind(b) == kind for b in bodies)
        )

    def _counts_unnamed(self, token: Token) -> bool:
        """'compte huit écoles', 'sont membres': the statement counts plural members it does
        not name (the next sentence may list them)."""
        nouns = (
            [token]
            if token.pos_ == "NOUN" and token.lower_ not in self.data.misread
            else [
                c
                for c in token.children
                if c.dep_ in ("obj", "obl:arg", "nsubj:pass")
                or (c.dep_ == "nmod" and c.i > token.i)
            ]
        )
        return any(
            n.pos_ == "NOUN" and "Plur" in n.morph.get("Number", []) and not self.units.at(n)
            for n in nouns
        )

    def _network_just_named(self, noun: Token) -> list[Mention]:
        """'ECIU compte douze universités. Les membres de plein droit sont : A, B…': the
        members of the one network or alliance named in the sentence before, or earlier in
        the noun's own."""
        return self._one_named_before(noun, noun.i, self.data.member_kinds - _HOLDING_KINDS)

    def _page_subject(self, token: Token) -> list[Mention]:
        """'Membre du réseau n+i depuis 2005.' on a school's page: a statement without a
        verb opened by the trigger is about the organization the page is about."""
        sentence = token.sent
        opening = [t for t in sentence if t.i < token.i and not t.is_punct and t.pos_ != "ADV"]
        if self.focus is None or opening or any(t.pos_ in ("VERB", "AUX") for t in sentence):
            return []
        return [_at_trigger(self.focus, token)]

    def _name_before_verb_group(self, token: Token) -> list[Mention]:
        """'CentraleSupélec est membre de Y', 'l'UTT en fait partie' misparsed around the
        verb: the name that ends right before the verb group (clitics, auxiliaries, adverbs,
        the light verb) the trigger closes."""
        start = _verb_group_start(token)
        if (start == token.i and token.pos_ not in ("VERB", "AUX")) or start == 0:
            return []
        return self.units.list_ending_at(token.doc[start - 1])

    def _clitic_of(self, token: Token) -> list[Mention]:
        """'en' in the trigger's verb group stands for 'de' + the body named before."""
        group = token.doc[_verb_group_start(token) : token.i]
        return [m for word in group if word.lower_ == "en" for m in self.units.at(word)]

    def _born_after_comma(self, token: Token) -> list[Mention]:
        """'Y accueille X, née de la fusion de A et B': the participle of birth set off after
        a name describes that name, whatever clause the parser hung it on."""
        doc, comma = token.doc, token.i - 1
        if lemma_of(token) not in self.data.born or comma < 1 or doc[comma].text != ",":
            return []
        return list(self.units.ending_at(doc[comma - 1]))

    def _described_by_participle(self, token: Token) -> list[Mention]:
        """'Anciennement appelée X, Y…' and 'Y, anciennement appelée X,' with the participle
        hung on the adverb: Y after the fronted phrase, or Y before the comma."""
        if token.dep_ != "acl" or token.morph.get("VerbForm", []) != ["Part"]:
            return []
        doc, adverb = token.doc, token.head
        if adverb.pos_ == "ADV" and adverb.i == token.i - 1 > 1 and doc[adverb.i - 1].text == ",":
            return list(self.units.ending_at(doc[adverb.i - 2]))
        before = doc[token.sent.start : token.i]
        if all(t.pos_ in ("ADV", "PUNCT") or t.lower_ in self.data.former_adverbs for t in before):
            return self._main_subject_after(token) or self._subject_after_comma(token)
        return []

    def _fronted(self, token: Token) -> bool:
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False  # before finding the sentence, which walks the whole of it
        before = token.doc[token.sent.start : token.i]
        return all(t.pos_ in ("ADV", "DET", "PUNCT") for t in before)

    def _detached_apposition(self, token: Token) -> list[Mention]:
        """'X, l'école d'ingénieurs de Y,' whatever the parser attached the noun to: a name
        right before the comma that opens the noun phrase."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        index = token.i - 1
        while (
            index >= 0
            and token.doc[index].dep_ in ("det", "amod")
            and token.doc[index].head.i == token.i
        ):
            index -= 1
        if index < 1 or token.doc[index].text != ",":
            return []
        return list(self.units.ending_at(token.doc[index - 1]))

    def _detached_subject(self, token: Token) -> list[Mention]:
        """'Née de la fusion de A et de B, Z a ouvert…': the subject of the clause the fronted
        participle is detached from."""
        if token.morph.get("VerbForm", []) != ["Part"] and token.pos_ not in ("ADJ", "NOUN"):
            return []
        if token.i == token.sent.start or token.doc[token.i - 1].is_sent_start:
            return self._main_subject_after(token) or self._subject_after_comma(token)
        for child in token.children:
            if child.dep_ in ("parataxis", "conj", "advcl") and child.i > token.i:
                for grandchild in child.children:
                    if grandchild.dep_ in ("nsubj", "nsubj:pass"):
                        return self.units.expand(grandchild)
        return []

    def _main_subject_after(self, token: Token) -> list[Mention]:
        """'Née en 2019 de la fusion de A et B, l'université conserve…': the first subject
        after the fronted phrase."""
        for word in token.doc[token.right_edge.i + 1 : sentence_end(token)]:
            if word.dep_ in ("nsubj", "nsubj:pass"):
                return self.units.expand(word, lists=False)
        return []

    def _subject_after_comma(self, token: Token) -> list[Mention]:
        """The name right after the comma that closes a fronted phrase."""
        for word in token.doc[token.i + 1 : sentence_end(token)]:
            if word.text == ",":
                following = []
                for after in token.doc[word.i + 1 : word.i + 4]:
                    if after.pos_ == "ADP" and not self.units.at(after):
                        break  # ', avec A': a complement, no subject
                    if self.units.at(after):
                        following.append(after)
                return self.units.expand(following[0], lists=False) if following else []
        return []

    def _copular(self, token: Token) -> bool:
        return any(c.dep_ == "cop" for c in token.children)

    def _fill(self, roles: tuple[str, ...], args: Args, first: bool) -> list[Mention]:
        """A slot's bodies: from every role listed (members, parties), or from the first role
        that has any (the whole a member joins: its object before a loose complement)."""
        found: list[Mention] = []
        for role in roles:
            found.extend(m for m in args.get(role, ()) if m not in found)
            if first and found:
                break
        return found

    # -- what a merger creates -----------------------------------------------------------------
    def results(self, token: Token) -> list[Mention]:
        """'née de la fusion de A et B, Z', 'la fusion a donné naissance à Z', 'A et B
        fusionnent pour former Z', 'A et B fusionnent au sein de Z'."""
        head = token.head
        if head.i != token.i and lemma_of(head) in self.data.born:
            _, found = self._implicit_subject(head)
            found = [m for m in found if not self._whole_of_descriptor(m)]
            if found:
                return found
        if head.i != token.i and lemma_of(head) in self.data.result_verbs:
            if token.dep_ in ("nsubj", "nsubj:pass"):
                return self._created_by(head)
            if role_of(token) == "agent":  # 'Z a été créé par la fusion de A et B'
                subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
                if subjects:
                    return self.units.expand(subjects[0], lists=False)
                return self._implicit_subject(head)[1]
        for child in token.children:
            if lemma_of(child) in self.data.result_verbs and child.dep_ in (
                "advcl",
                "xcomp",
                "conj",
                "acl",
                "acl:relcl",
            ):
                return self._created_by(child)
            if role_of(child) == "in" and (within := self.units.expand(child)):
                return within  # 'fusionnent au sein de Z'; 'En Auvergne, …' names no body
        if lemma_of(token) == "fusion" and (apposed := self._apposed_to(token)):
            return apposed  # 'Z, fusion de A et de B, ouvre' (not 'Y, regroupement de A et B')
        return self._result_after(token) or self._named_later(token)

    def _whole_of_descriptor(self, mention: Mention) -> bool:
        """'(école de l'Institut Mines-Télécom, issue de la fusion de A et B)', 'les
        établissements membres de Y': the name after 'école de' or 'membres de' is the
        whole of the school or members, not the school or a member itself."""
        span = self.units.span_of(mention)
        if span is None or not len(span):
            return False
        root = span.root
        if role_of(root) == "of" and root.head.pos_ == "NOUN":
            noun = root.head
        else:  # whatever the parser hung it on: the words before it ('membres de l'')
            index = span.start - 1
            while index > 0 and span.doc[index].pos_ == "DET":
                index -= 1
            if index < 1 or span.doc[index].lower_ not in DE_FORMS:
                return False
            noun = span.doc[index - 1]
        return (
            noun.pos_ == "NOUN"
            and (lemma_of(noun) in self.data.bodies or lemma_of(noun) in _MEMBER_NOUNS)
            and not self.units.named(noun)
        )

    def _apposed_to(self, noun: Token) -> list[Mention]:
        if noun.dep_ == "appos" and (named := self.units.at(noun.head)):
            return list(named)
        return self._detached_apposition(noun)

    def _named_later(self, token: Token) -> list[Mention]:
        """'A et B fusionnent. La nouvelle entité, baptisée Z, …': the name given to the new
        body in this sentence or the next two, when it is the only one given there."""
        doc, end = token.doc, sentence_end(token)
        for _ in range(2):  # the index of each sentence's final mark
            end = sentence_end(doc[end + 1]) if end + 1 < len(doc) else end
        named = [
            m
            for noun in doc[token.i + 1 : end]
            if self._new_body(noun)
            for m in self._name_given(noun)
        ]
        return named if len({m.entity for m in named}) == 1 else []

    def _new_body(self, noun: Token) -> bool:
        return (
            noun.pos_ == "NOUN"
            and noun.lemma_.lower() in self.data.new_body_nouns
            and any(c.lemma_.lower() == "nouveau" for c in noun.children if c.dep_ == "amod")
        )

    def _name_given(self, noun: Token) -> list[Mention]:
        """'la nouvelle entité, baptisée Z', 'la nouvelle école, Z,', 'la nouvelle école
        s'appellera Z', 'le nom de la nouvelle école sera Z'."""
        for child in noun.children:
            if child.dep_ == "acl" and lemma_of(child) in self.data.naming_verbs:
                return self._names_given_by(child)
            if child.dep_ == "appos" and (named := self.units.expand(child, lists=False)):
                return named
        clause = noun.head
        if noun.dep_ == "nmod" and clause.lemma_.lower() in self.data.name_nouns:
            noun, clause = clause, clause.head  # 'le nom de la nouvelle école sera Z'
        if noun.dep_ not in ("nsubj", "nsubj:pass"):
            return []
        if any(c.lemma_ == "être" for c in clause.children) and (
            named := self.units.expand(clause, lists=False)
        ):
            return named  # 'sera Z', whatever the tagger made of Z's first word
        if lemma_of(clause) in self.data.naming_verbs:
            return self._names_given_by(clause)
        return []

    def _names_given_by(self, verb: Token) -> list[Mention]:
        """The names a naming verb gives ('baptisée Z', 's'appellera Z')."""
        return [
            m
            for c in verb.children
            if role_of(c) in _NAMING_ROLES
            for m in self.units.expand(c, lists=False)
        ]

    def _result_after(self, token: Token) -> list[Mention]:
        """'La fusion de A et de B a donné naissance à Z' cut in two by the parser: the first
        result verb after a detached merger noun, when it has no subject of its own."""
        if token.dep_ not in ("ROOT", "nsubj", "parataxis"):
            return []
        for later in token.doc[token.i + 1 : sentence_end(token)]:
            if lemma_of(later) in self.data.result_verbs and later.pos_ == "VERB":
                subjects = [c for c in later.children if c.dep_ == "nsubj" and not self.units.at(c)]
                return [] if subjects else self._created_by(later)
        return []

    def _created_by(self, verb: Token) -> list[Mention]:
        found: list[Mention] = []
        for child in verb.children:
            if child.dep_ in ("obj", "xcomp", "obl:arg", "obl", "obl:mod") and role_of(child) in (
                "obj",
                "attribute",
                "to",
                "bare",
            ):
                found.extend(self.units.expand(child))
                for grandchild in child.children:  # 'donner naissance à Z', 'la création de Z'
                    role = role_of(grandchild)
                    if role == "to" or (role == "of" and lemma_of(child) in _CREATIONS):
                        found.extend(self.units.expand(grandchild))
        return found

    # -- member, component or partner ---------------------------------------------------------
    def _counted_among(self, verb: Token) -> bool:
        """'X compte parmi les membres de Y': X is among Y's members, the verb gathers
        nothing ('Y compte X parmi ses membres' does)."""
        for word in verb.doc[verb.i + 1 : min(verb.i + 3, len(verb.doc))]:
            if word.lower_ == "parmi":
                noun = word.head if word.head.i != word.i else None
                return noun is not None and any(
                    role_of(c) == "of" and self.units.at(c) for c in noun.children
                )
        return False

    def _member_noun(self, trigger: Token) -> str | None:
        """What the object noun of a gathering verb calls its members: 'écoles internes',
        'composantes' (components), 'membres' (members), 'partenaires' (partners)."""
        for child in trigger.children:
            if child.dep_ not in ("obj", "obl:arg", "obl", "obl:mod", "nsubj:pass"):
                continue
            lemma = child.lemma_.lower()
            if lemma in ("partenaire",):
                return "partner"
            mods = self._modifiers(child) | set(self.units.words_before_list(child)[1:])
            if lemma in self.data.component_nouns and (
                lemma != "école" or mods & self.data.component_modifiers
            ):
                return "component"
            if mods & self.data.component_modifiers:
                return "component"
            if lemma in ("membre", "adhérent", "associé", "affilié") or mods & _MEMBER_WORDS:
                return "member"  # 'des écoles associées'

        return None

    def _kind(self, body: Mention) -> str | None:
        """The body's kind: the gazetteer's, else the noun its name or description opens with
        ('réseau ParisTech', 'l'alliance EUt+')."""
        entity = self.entities.get(body.entity)
        if entity and entity.kind not in (None, "organization", "school"):
            return entity.kind
        words = body.text.lower().replace("’", "'").split()
        for word in [*words[:2], self.units.noun_before(body)]:
            word = (word or "").removeprefix("l'")
            if word in self.data.bodies:
                return self.data.bodies[word]
        return entity.kind if entity else None

    def _own_noun(self, token: Token) -> str | None:
        """'école interne de Y' names a component, 'membre de Y' a member; a verb takes the
        noun of its 'en tant que' complement ('rejoint Y en tant qu'école associée')."""
        if verb_like(token):
            capacity = next((c for c in token.children if _AS_CAPACITY & set(case_words(c))), None)
            return self._own_noun(capacity) if capacity is not None else None
        lemma = token.lemma_.lower()
        if self._modifiers(token) & self.data.component_modifiers or lemma in (
            "composante",
            "établissement-composante",
            "faculté",
            "département",
            "filiale",
        ):
            return "component"
        if lemma in _MEMBER_WORDS or self._modifiers(token) & _MEMBER_WORDS:  # 'école associée de'
            return "member"
        return None

    def _phrase_words(self, noun: Token) -> set[str]:
        """The lemmas of the noun phrase to the right of a noun ('accord-cadre de partenariat
        stratégique', 'accord de double diplôme'), up to a comma, a verb or its parties."""
        words: set[str] = set()
        for word in noun.doc[noun.i + 1 : sentence_end(noun)]:
            if (word.pos_ in ("VERB", "AUX", "PUNCT") and word.text != "-") or word.lower_ in (
                "avec",
                "entre",
                "par",
            ):
                break
            if word not in noun.subtree:
                break
            words.add(word.lemma_.lower())
        return words

    def _partnership_kind(self, noun: Token, explicit_parties: bool) -> str | None:
        """The kind a partnership noun names with its modifiers ('double diplôme', 'laboratoire
        commun'); the parser sometimes inverts noun and adjective ('doubles' ← 'diplômes')."""
        words = {lemma_of(noun)} | self._modifiers(noun) | self._phrase_words(noun)
        if lemma_of(noun) in self.data.joint_only and not (
            words & self.data.joint_modifiers or explicit_parties
        ):
            return None
        for rule in self.data.kinds:
            if rule.noun in words and (not rule.modifiers or rule.modifiers & words):
                return rule.kind
        return None
