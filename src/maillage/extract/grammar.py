"""Reading a parsed sentence the way the frames need it: which named bodies a token stands for
(names, descriptions such as 'le réseau Polytech', coordinated and introduced lists), and the
arguments of a trigger by role (subject, object, agent, and the complements named by their
preposition)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Mention
from ..nlp.text import doc_words
from .references import count_of

# The preposition of a complement names its role; multiword ones by their last content word.
CASE_ROLES = {
    "par": "agent",
    "partir": "from",  # 'à partir de A et B'; before 'à' and 'de', read last to first
    "avec": "with",
    "entre": "between",
    "à": "to",
    "au": "to",
    "aux": "to",
    "auprès": "to",
    "de": "of",
    "du": "of",
    "des": "of",
    "d'": "of",
    "d’": "of",
    "dans": "in",
    "sein": "in",
    "parmi": "in",
    "chez": "in",
    "en": "in",
    "sous": "in",
}
# A list of names opened after a noun: 'sept écoles : A, B…', 'dont A et B', '(A, B)'.
LIST_OPENERS = {":", "(", "–", "—", "dont", "parmi", "notamment", "comme", "soit", "savoir"}
LIST_CLOSERS = {")": "(", "–": "–", "—": "—"}
_CLAUSE_OPENERS = frozenset({"que", "qu'", "qu’", "où"})
_SENTENCE_ENDS = "maillage.sentence_ends"
DE_FORMS = {"de", "d'", "d’", "du", "des"}  # the forms of the preposition 'de'
_TIME_NOUNS = {"semaine", "mois", "année", "an", "jour", "soir", "matin", "fin", "début", "mi"}
_RUN_SEPARATORS = {
    ",",
    "ainsi",
    "que",
    "et",
    "ou",
    "de",
    "d'",
    "d’",
    "des",
    "du",
    "l'",
    "l’",
    "la",
    "le",
    "les",
}
_RUN_BEFORE = {",", "et", "ou", "ainsi", "que", "l'", "l’", "la", "le", "les"}
_TRANSPARENT = {"flat:name", "flat", "appos", "nmod", "amod", "compound", "fixed", "nummod"}


@dataclass(frozen=True, slots=True)
class Argument:
    """A trigger's argument: the phrase's head token, its role and the bodies it names."""

    role: str
    token: Token
    mentions: tuple[Mention, ...]


class Units:
    """Which mentions each token of a document stands for."""

    def __init__(
        self,
        doc: Doc,
        mentions: Iterable[Mention],
        descriptors: Iterable[str],
        networks: Iterable[str] = (),
        bulleted: bool = False,
    ):
        self.doc = doc
        self.bulleted = bulleted  # a list may run over bulleted items (bodies, not places)
        self.descriptors = set(descriptors)
        self.networks = set(networks)  # 'le réseau de la Fesic' is the Fesic
        self._owner: dict[int, list[Mention]] = defaultdict(list)
        self._heads: dict[int, list[Mention]] = defaultdict(list)
        self._bounds: dict[tuple[int, int], tuple[int, int]] = {}  # a mention's token indices
        for mention in mentions:
            bounds = _token_bounds(doc, mention.start, mention.end)
            if bounds is None:
                continue
            first, after, root = bounds
            self._bounds[mention.start, mention.end] = (first, after)
            for index in range(first, after):
                self._owner[index].append(mention)
            self._heads[root].append(mention)

    def at(self, token: Token) -> tuple[Mention, ...]:
        """The bodies a token names: its own mention, or the name a descriptor noun
        introduces ('le réseau Polytech', 'l'alliance EUt+')."""
        own = self._heads.get(token.i) or self._owner.get(token.i)
        if own:
            return tuple(_distinct(own))
        if token.lemma_.lower() in self.descriptors:
            for child in token.children:
                # 'le réseau Polytech': the name right after the noun, not a list after it
                between = self.doc[token.i + 1 : child.i]
                adjacent = all(t.dep_ == "amod" and t.head.i == token.i for t in between)
                if (
                    child.dep_ in _TRANSPARENT
                    and child.i > token.i
                    and adjacent
                    and not _has_case(child)
                ):
                    named = self._heads.get(child.i) or self._owner.get(child.i)
                    if named:
                        return tuple(_distinct(named))
            return (
                self._named_right_after(token)
                or self._network_of(token)
                or self._named_in_apposition(token)
            )
        return ()

    def _named_in_apposition(self, noun: Token) -> tuple[Mention, ...]:
        """'au sein d'un groupement d'intérêt économique, NATech.': a name set off by a comma
        that closes the descriptor's phrase (no list, nothing after it in the clause)."""
        for child in noun.children:
            if (
                child.dep_ in ("appos", "conj", "nmod")
                and not _has_case(child)
                and child.i > noun.i
                and self.doc[child.i - 1].text == ","
                and not any(c.dep_ == "conj" for c in child.children)
                and (child.i + 1 >= len(self.doc) or self.doc[child.i + 1].is_punct)
            ):
                return tuple(_distinct(self._heads.get(child.i, ())))
        return ()

    def _network_of(self, noun: Token) -> tuple[Mention, ...]:
        """'le réseau de la Fesic', 'la fédération des Écoles Centrale': a network noun whose
        'de' complement names the network itself."""
        if noun.lemma_.lower() not in self.networks:
            return ()
        for child in noun.children:
            if child.dep_ == "nmod" and child.i > noun.i and set(case_words(child)) & DE_FORMS:
                return tuple(_distinct(self._heads.get(child.i, ())))
        return ()

    def _named_right_after(self, noun: Token) -> tuple[Mention, ...]:
        """'l'alliance européenne EU-Conexus' with the name hung elsewhere by the parser: a
        name that starts right after the descriptor and its adjectives."""
        index = noun.i + 1
        while index < len(self.doc) and self.doc[index].dep_ == "amod":
            index += 1
        if index >= len(self.doc):
            return ()
        starting = [m for m in self._owner.get(index, ()) if m.start == self.doc[index].idx]
        return tuple(_distinct(starting))

    def noun_before(self, mention: Mention) -> str | None:
        """The lemma of the descriptor a name follows ('l'alliance européenne EU-Conexus')."""
        if (mention.start, mention.end) not in self._bounds:
            return None
        index = self._tokens(mention)[0] - 1
        while index >= 0 and self.doc[index].pos_ == "ADJ":
            index -= 1
        if index < 0 or self.doc[index].pos_ not in ("NOUN", "PROPN"):
            return None
        return self.doc[index].lemma_.lower()

    def span_of(self, mention: Mention) -> Span | None:
        """The tokens of a name the units index (none for a reference at a trigger)."""
        bounds = self._bounds.get((mention.start, mention.end))
        return self.doc[bounds[0] : bounds[1]] if bounds else None

    def _tokens(self, mention: Mention) -> tuple[int, int]:
        """The indices of a mention's first token and of the token after it."""
        return self._bounds[mention.start, mention.end]

    def _words_of(self, token: Token) -> list[Token]:
        """The tokens of the name a token heads, or the token alone."""
        named = self._heads.get(token.i)
        if not named:
            return [token]
        start, end = self._tokens(named[0])
        return list(self.doc[start:end])

    def named(self, token: Token) -> bool:
        """Is the token a word of a name (not a reference: 'l'école' is a trigger)?"""
        return any(m.field == "text" for m in self._owner.get(token.i, ()))

    def expand(self, token: Token, lists: bool = True) -> list[Mention]:
        """The bodies a phrase names, over conjuncts ('A, B et C') and a list it introduces."""
        found = list(self.at(token))
        for word in self._words_of(token):  # 'Mines Nantes et Télécom Bretagne': on 'Nantes'
            for conjunct in conjuncts(word):
                found.extend(m for m in self.at(conjunct) if not self._opens_phrase(m))
        if found:
            found.extend(self._run_after(max(found, key=lambda m: m.end)))
            found[:0] = self._run_before(min(found, key=lambda m: m.start), listed=len(found) > 1)
        if not found and lists:
            found.extend(self.introduced(token))
        if not found and token.pos_ == "NOUN":
            found.extend(self._counted_apposition(token) or self._apposed_after(token))
        return _distinct(found)

    def _apposed_after(self, noun: Token) -> tuple[Mention, ...]:
        """'avec sa voisine, l'École de chimie de Clermont, pour…': the name in apposition
        after a noun that names no body, whatever the parser attached it to."""
        index = noun.right_edge.i + 1
        if index + 1 >= len(self.doc) or self.doc[index].text != ",":
            return ()
        index += 1
        if self.doc[index].pos_ == "DET":
            index += 1
        if index >= len(self.doc):
            return ()
        named = [m for m in self._owner.get(index, ()) if m.start == self.doc[index].idx]
        return tuple(_distinct(named)) if named else ()

    def _run_after(self, mention: Mention) -> list[Mention]:
        """Names that continue a coordination the parser did not attach as conjuncts
        ('avec A, B, C et D'; 'des universités de A, de B et de C'): names separated only by
        commas, 'et', 'ou' and articles or 'de'."""
        run: list[Mention] = []
        start, index = self._tokens(mention)
        closed = self._after_last_link(start)  # 'A et de B, Z forme…': Z opens a new phrase
        of_phrase = self._introduced_by_de(start)
        while index < len(self.doc):
            index = self._past_parenthesis(index)  # 'A (AA), de B et de C'
            start = index
            bulleted = False
            while index < len(self.doc):
                if self.bulleted and _separates_items(self.doc[index]):
                    bulleted = True
                elif self.doc[index].lower_ not in _RUN_SEPARATORS:
                    break
                index += 1
            words = {t.lower_ for t in self.doc[start:index]} | ({","} if bulleted else set())
            if {"ainsi", "que"} <= words:  # 'A, ainsi que B'
                words.add("et")
            if words & DE_FORMS and not of_phrase:
                break  # 'à la CGE, ainsi que de B': B continues another complement
            # 'A, de B' continues a list; 'A de B' is B's A
            if index == start or index >= len(self.doc) or not words & {",", "et", "ou"}:
                break
            following = self._heads.get(index) or [
                m for m in self._owner.get(index, ()) if m.start == self.doc[index].idx
            ]
            if (
                not following
                or (
                    self._subject(following[0])
                    and not following[0].text.isdigit()  # 'de Bordeaux 1, 2 et 4': one list
                    and not self._subject(mention)
                    and not (of_phrase and words & DE_FORMS)  # 'et de B' opens no clause
                )
                or (closed and not words & {"et", "ou"})
            ):
                break
            closed = closed or bool(words & {"et", "ou"})
            index = self._tokens(following[0])[1]
            # 'de l'Université de Lorraine, IMT Mines Alès relève…', 'avec A, et B réfléchit':
            # a new clause (a French list has no comma before its 'et')
            if (
                (self._verb_at(index) and (not words & {"et", "ou"} or "," in words))
                or self._gapped_at(index)
                or self._opens_phrase(following[0])
            ):
                break
            run.extend(following)
        return run

    def _opens_phrase(self, mention: Mention) -> bool:
        """A conjunct followed by a phrase of its own, parallel to its first item's ('A au
        sein de Y ou B au sein de Z'; not 'A et B au sein de Z')."""
        bounds = self._bounds.get((mention.start, mention.end))
        if bounds is None or bounds[1] + 2 >= len(self.doc):
            return False
        doc, after = self.doc, bounds[1]
        noun = doc[after + 1].lemma_
        return (
            noun in _PREPOSITION_NOUNS
            and doc[after + 2].lower_ in DE_FORMS
            and any(t.lemma_ == noun for t in doc[doc[after].sent.start : bounds[0]])
        )

    def _gapped_at(self, index: int) -> bool:
        """'une école de l'université de Tours, et Polytech Marseille une composante d'AMU':
        a name followed by a noun phrase of its own is the subject of a clause without its
        verb, not one more name of the list."""
        doc = self.doc
        if index + 2 >= len(doc) or doc[index].pos_ != "DET" or doc[index + 1].pos_ != "NOUN":
            return False
        return (
            doc[index + 2].lower_ in DE_FORMS and doc[index + 1].lemma_.lower() not in _TIME_NOUNS
        )

    def _verb_at(self, index: int) -> bool:
        return finite_verb_at(self.doc, index)

    def _introduced_by_de(self, start: int) -> bool:
        """Whether the name at this token is a 'de' complement ('de l'ENSIC'), or opens none."""
        index = start - 1
        while index >= 0 and self.doc[index].lower_ in ("l'", "l’", "la", "le", "les"):
            index -= 1
        return index < 0 or self.doc[index].lower_ in DE_FORMS or self.doc[index].pos_ != "ADP"

    def _after_last_link(self, start: int) -> bool:
        """Whether the name at this token follows the 'et' or 'ou' that closes a list."""
        before = [t.lower_ for t in self.doc[max(0, start - 3) : start]]
        while before and before[-1] in _RUN_SEPARATORS and before[-1] not in (",", "et", "ou"):
            before.pop()
        return bool(before) and before[-1] in ("et", "ou")

    def _subject(self, mention: Mention) -> bool:
        """Whether the name is a subject, or coordinated with one: a list that reaches a
        subject from a complement ('de Toulouse INP, et l'ENSIACET en est une autre') has run
        into the next clause."""
        start, end = self._tokens(mention)
        for word in self.doc[start:end]:
            while word.dep_ == "conj" and word.head.i != word.i:
                word = word.head
            if word.dep_ in ("nsubj", "nsubj:pass") and not start <= word.head.i < end:
                return True
        return False

    def _past_parenthesis(self, index: int) -> int:
        """After a short parenthesis ('(Ensa.M)', '(Nancy 1)'), or where it stands."""
        if index < len(self.doc) and self.doc[index].text == "(":
            for end in range(index + 1, min(index + 7, len(self.doc))):
                if self.doc[end].text == ")":
                    return end + 1
        return index

    def _run_before(self, mention: Mention, listed: bool) -> list[Mention]:
        """Names coordinated before the one the parser took as the argument ('A, B et C
        cessaient…' with B or C as the subject): commas and 'et' only, never 'de'; a comma
        alone links only into a list already seen ('B et C')."""
        run: list[Mention] = []
        index = self._tokens(mention)[0] - 1
        while index > 0:
            end = index
            while index >= 0 and self.doc[index].lower_ in _RUN_BEFORE:
                index -= 1
            # the last link of a list is 'et' or 'ou': 'A, B et C'; a comma alone is no list
            links = {",", "et", "ou"} if run or listed else {"et", "ou"}
            between = {t.lower_ for t in self.doc[index + 1 : end + 1]}
            if {"ainsi", "que"} <= between:  # 'A, ainsi que B, ont rejoint…'
                between.add("et")
            if index == end or index < 0 or not between & links:
                break
            previous = self.ending_at(self.doc[index])
            if not previous and (opening := self._participial_aside_before(index)) is not None:
                previous = self.ending_at(self.doc[opening - 1])  # 'A, installée à P, et B'
            if not previous or self._is_complement(previous[0]):  # 'A, école de l'IMT, et B'
                break
            run[:0] = previous
            index = self._tokens(previous[0])[0] - 1
        return run

    def _participial_aside_before(self, index: int) -> int | None:
        """The comma that opens a participial aside ending at this token ('A, installée à
        Palaiseau depuis 2019, et B'): no finite verb in it."""
        for opening in range(index - 1, max(0, index - 12), -1):
            word = self.doc[opening]
            if word.pos_ in ("VERB", "AUX") and word.morph.get("VerbForm", []) == ["Fin"]:
                return None
            if word.text == ",":
                after = self.doc[opening + 1]
                participle = after.morph.get("VerbForm", []) == ["Part"]
                return opening if participle and opening > 0 else None
        return None

    def _is_complement(self, mention: Mention) -> bool:
        start = self._tokens(mention)[0]
        if start == 0:
            return False
        before = self.doc[start - 1]
        if before.lower_ in ("l'", "l’", "la", "le", "les") and start > 1:
            before = self.doc[start - 2]
        return before.lower_ in ("de", "d'", "d’", "du", "des")

    def ending_at(self, token: Token) -> tuple[Mention, ...]:
        """The mention whose last word is this token."""
        return tuple(
            m for m in self._owner.get(token.i, ()) if m.end == token.idx + len(token.text)
        )

    def list_ending_at(self, token: Token) -> list[Mention]:
        """The mention whose last word is this token, with the names coordinated before it
        ('l'UBO, l'UBS et l'Enib | ont formalisé…' cut from its verb by the parser)."""
        last = self.ending_at(token)
        return _distinct([*self._run_before(last[0], listed=False), *last]) if last else []

    def listed_after(self, trigger: Token) -> list[Mention]:
        """Names after a gathering verb the parser failed to attach to it ('compte parmi ses
        composantes A, B et C', cut in pieces): the top-level names up to the next verb."""
        found: list[Mention] = []
        for other in self.doc[trigger.i + 1 : sentence_end(trigger)]:
            if other.pos_ in ("VERB", "AUX") or other.text == ";" or _opens_clause(other):
                break  # '…, que l'Université de Sherbrooke a choisie': another clause
            if self._heads.get(other.i) and not any(
                c.dep_ == "case" and c.lower_ in ("de", "d'", "du", "des") for c in other.children
            ):
                found.extend(self._heads[other.i])
        return _distinct(found)

    def continued(self, trigger: Token, openers: Iterable[tuple[str, ...]]) -> list[Mention]:
        """'Y compte onze écoles. Parmi elles : A, B et C.', 'Il s'agit de A et de B.': the
        names that open the sentence after the trigger's when it begins with a list phrase,
        up to its first verb (a presenting verb right after the phrase: 'Parmi elles figurent
        A et B')."""
        doc = self.doc
        start = sentence_end(trigger) + 1
        while start < len(doc) and doc[start].is_space:
            start += 1
        words = doc_words(doc).lowers
        opener = next((o for o in openers if tuple(words[start : start + len(o)]) == o), None)
        if opener is None:
            return []
        index, end = start + len(opener), sentence_end(doc[min(start, len(doc) - 1)])
        while index < end and (doc[index].is_punct or doc[index].is_space):
            index += 1
        if index < end and doc[index].pos_ in ("VERB", "AUX"):
            index += 1  # 'Parmi elles figurent A et B'
        return self._names_from(index, end)

    def after_colon(self, trigger: Token) -> list[Mention]:
        """'Deux écoles ont été admises par le conseil du Groupe INSA : A et B': the names
        after a colon that ends the trigger's clause."""
        end = sentence_end(trigger)
        colon = next((t.i for t in self.doc[trigger.i + 1 : end] if t.text == ":"), None)
        return [] if colon is None else self._names_from(colon + 1, end)

    def _names_from(self, index: int, end: int) -> list[Mention]:
        """The names from `index` up to the first verb, a semicolon or a parenthesis."""
        found: list[Mention] = []
        for other in self.doc[index:end]:
            if other.pos_ in ("VERB", "AUX") or other.text in (";", "("):
                break
            if self._heads.get(other.i) and (
                other.dep_ == "conj" or not self._nested(other, index)
            ):
                found.extend(self._heads[other.i])  # 'de A et de B': B coordinated, not nested
        return _distinct(found)

    def introduced(self, token: Token) -> list[Mention]:
        """Names listed right after a noun: 'sept écoles : A, B et C', 'membres (A, B)',
        'partenaires, dont A et B'. A list holds no verb, and complements inside it
        ('A (université de B)') are not listed."""
        opener = self._opener_after(token)
        if opener is None:
            return []
        found: list[Mention] = []
        depth = 0
        for other in self.doc[opener.i + 1 : sentence_end(token)]:
            if other.text == "(" and opener.text != "(":
                depth += 1
            elif other.text == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (
                (other.text == ";" and not (_bullet_follows(other) or self._name_follows(other)))
                or other.pos_ in ("VERB", "AUX")
                or (other.text == opener.text and opener.text in LIST_CLOSERS.values())
            ):
                break
            elif depth == 0 and self._heads.get(other.i) and not self._nested(other, opener.i):
                found.extend(self._heads[other.i])
        return _distinct(found)

    def after_semicolons(self, item: Token) -> list[Mention]:
        """'sont A, Poznań (Pologne) ; B (Pays-Bas) ; C': the names that open each further
        item of a list whose items a semicolon separates."""
        found: list[Mention] = []
        for other in self.doc[item.i + 1 : sentence_end(item)]:
            if other.pos_ in ("VERB", "AUX"):
                break
            if other.text == ";" and self._name_follows(other):
                found.extend(self._owner[self._item_start(other.i + 1)])
        return _distinct(found)

    def _counted_apposition(self, noun: Token) -> list[Mention]:
        """'avec les deux écoles d'ingénieurs du groupe, A et B': names set off by a comma
        after a counted noun, when they are as many as it counts."""
        count = count_of(noun) if "Plur" in noun.morph.get("Number", []) else None
        if not count or count < 2:
            return []
        end = sentence_end(noun)
        comma = next((t.i for t in self.doc[noun.i + 1 : end] if t.text in (",", ":")), None)
        if comma is None or any(t.pos_ in ("VERB", "AUX") for t in self.doc[noun.i : comma]):
            return []
        names = self._names_from(comma + 1, end)
        return names if len({m.entity for m in names}) == count else []

    def _name_follows(self, separator: Token) -> bool:
        """'A (Pologne) ; l'Université B (Pays-Bas) ; …': a semicolon between the items of a
        list of names."""
        index = self._item_start(separator.i + 1)
        return index < len(self.doc) and bool(self._owner.get(index))

    def _item_start(self, index: int) -> int:
        """The first word of a list item, past spaces and its article."""
        while index < len(self.doc) and (self.doc[index].is_space or self.doc[index].pos_ == "DET"):
            index += 1
        return index

    def _copula_before_opener(self, index: int) -> bool:
        word = self.doc[index]
        return word.lemma_ == "être" and self.doc[index + 1].text == ":"

    def _opener_after(self, token: Token) -> Token | None:
        """The list opener after a noun and its modifiers ('écoles d'ingénieurs du réseau X :')."""
        inside = {t.i for t in token.subtree}
        index = token.i + 1
        end = sentence_end(token)
        while (
            index < end
            and index in inside
            and self.doc[index].lower_ not in LIST_OPENERS
            and self.doc[index].text != ","  # 'L'école, membre du réseau X comme Y': no list
        ):
            if self.doc[index].pos_ in ("VERB", "AUX"):
                break
            index += 1
        if index + 1 < end and self._copula_before_opener(index):
            index += 1  # 'Les membres du réseau sont : A, B'
        elif index < end and self.doc[index].pos_ in ("VERB", "AUX"):
            return None
        if index + 1 < end and self.doc[index].text == "-":  # 'établissements-composantes :'
            index += 2
        if index < end and self.doc[index].text == ",":
            index += 1
        if index + 1 < end and self.doc[index].lower_ == "à":  # ', à savoir A et B'
            index += 1
        if index < end and self.doc[index].lower_ in LIST_OPENERS:
            return self.doc[index]
        return None

    def words_before_list(self, token: Token) -> list[str]:
        """The lemmas of a noun phrase up to the list it opens ('écoles internes',
        'établissements-composantes')."""
        opener = self._opener_after(token)
        end = opener.i if opener is not None else token.i + 1
        if end + 1 < len(self.doc) and self.doc[end].text == "-":  # 'établissements-composantes'
            end += 2
        return [t.lemma_.lower() for t in self.doc[token.i : end]]

    def _nested(self, token: Token, start: int) -> bool:
        """A name that is a complement of another name in the list ('A de l'université B')."""
        head = token.head
        while head.i > start and head.i != token.i:
            if self._heads.get(head.i) and _has_case(token):
                return True
            if head.head.i == head.i:
                break
            head = head.head
        return False


_TOKEN_BOUNDS = "maillage.token_bounds"


def _token_bounds(doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """The first token of the characters [start, end), the token after them and their root;
    None when they hold no token. Once per document: a document's Units all index the same
    mentions."""
    known = doc.user_data.setdefault(_TOKEN_BOUNDS, {})
    if (start, end) not in known:
        span = doc.char_span(start, end, alignment_mode="expand")
        found = None if span is None or not len(span) else (span.start, span.end, span.root.i)
        known[start, end] = found
    return known[start, end]


def finite_verb_at(doc: Doc, index: int) -> bool:
    """Whether a finite verb (after adverbs and clitics) stands at this token."""
    while index < len(doc) and doc[index].pos_ in ("ADV", "PRON"):
        index += 1
    return (
        index < len(doc)
        and doc[index].pos_ in ("VERB", "AUX")
        and doc[index].morph.get("VerbForm", []) == ["Fin"]
    )


def sentence_end(token: Token) -> int:
    """Where the sentence really ends: the parser often cuts one at a list after a colon."""
    doc = token.doc
    ends = doc.user_data.get(_SENTENCE_ENDS)
    if ends is None:  # computed once per document: the index where each token's sentence ends
        ends = [len(doc)] * len(doc)
        end = len(doc)
        for index in range(len(doc) - 1, -1, -1):
            if doc[index].text in (".", "!", "?") or (
                "\n" in doc[index].text and not _listed_after(doc, index)
            ):
                end = index
            ends[index] = end
        doc.user_data[_SENTENCE_ENDS] = ends
    return int(ends[token.i])


def sentence_start(token: Token) -> int:
    """Where the sentence really starts: after the last full stop or line break before the
    token, however the parser cut it ('Marc | Phalippou | est le nouveau directeur')."""
    doc, index = token.doc, token.i
    while index > 0 and not (doc[index - 1].text in (".", "!", "?") or "\n" in doc[index - 1].text):
        index -= 1
    return index


_BULLETS = frozenset({"-", "–", "—", "•", "·", "*", "▪", "●", "◦"})
_LISTED_ITEMS = "maillage.listed_items"
_ITEM_TOKENS = 16
_ITEM_ARTICLES = frozenset({"l'", "l’", "le", "la", "les"})


def listed_items(doc: Doc) -> frozenset[int]:
    """The bullets of the items a line ending with a colon introduces, when every item is a
    short name without a verb ('Les écoles membres :\n- l'UTT\n- l'UTC'): the list goes on
    with the colon's sentence, as when it is written on one line."""
    found = doc.user_data.get(_LISTED_ITEMS)
    if found is None:
        found = frozenset(_bulleted_lists(doc))
        doc.user_data[_LISTED_ITEMS] = found
    return found


def _bulleted_lists(doc: Doc) -> Iterator[int]:
    starts = [t.i + 1 for t in doc[:-1] if "\n" in t.text + t.whitespace_]
    starts = [i for i in starts if not doc[i].is_space]
    taken: set[int] = set()
    for index, start in enumerate(starts):
        before = _word_before(doc, start - 1)
        if start in taken or before is None or before.text != ":":
            continue
        items = _items_from(doc, starts[index:])
        if items and all(_names_only(doc[a:b]) for a, b in items):
            taken.update(a for a, _ in items)
    yield from taken


def _items_from(doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
    """The bulleted lines that follow one another from the first start on."""
    items = []
    for index, start in enumerate(starts):
        if doc[start].text not in _BULLETS:
            break
        items.append((start, starts[index + 1] if index + 1 < len(starts) else len(doc)))
    return items


def _names_only(item: Span) -> bool:
    """'- l'Université d'Aalborg au Danemark': a short item that opens on a capitalised word
    after its article and holds no verb (not '- un master en partenariat avec l'UTT')."""
    words = [t for t in item if not (t.is_space or t.is_punct or t.lower_ in _ITEM_ARTICLES)]
    return (
        len(item) <= _ITEM_TOKENS
        and bool(words)
        and words[0].text[:1].isupper()
        and not any(t.pos_ in ("VERB", "AUX") for t in item)
    )


def _word_before(doc: Doc, i: int) -> Token | None:
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 else None


def _bullet_follows(token: Token) -> bool:
    """'- l'UTT ;\n- l'UTC': a semicolon closing a listed item, the list goes on."""
    doc, i = token.doc, token.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i > token.i + 1 and i in listed_items(doc)


def _separates_items(token: Token) -> bool:
    """The line break, bullet or semicolon between two listed items."""
    if token.text in _BULLETS:
        return token.i in listed_items(token.doc)
    if token.text == ";":
        return _bullet_follows(token)
    return token.is_space and "\n" in token.text and _listed_after(token.doc, token.i)


def _listed_after(doc: Doc, index: int) -> bool:
    """A line break before a listed item: the sentence goes on."""
    return index + 1 in listed_items(doc)


def conjuncts(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "conj" and not _other_complement(child):
            yield child
            yield from conjuncts(child)


def _other_complement(conjunct: Token) -> bool:
    """'fait partie, avec A, du campus Y': a 'conjunct' with a preposition of its own, not
    its head's, is another complement the parser hung on the first."""
    own = set(case_words(conjunct))
    return (
        bool(own)
        and not own & set(case_words(conjunct.head))
        and not (own <= DE_FORMS and set(case_words(conjunct.head)) <= DE_FORMS)
    )


def complements(token: Token) -> Iterator[Token]:
    """A word's dependents, with the complements the parser hung on one of them."""
    for child in token.children:
        yield child
        yield from (c for c in child.children if c.dep_ == "conj" and _other_complement(c))


def case_words(token: Token) -> list[str]:
    """The preposition of a complement, with its fixed words ('au sein de'); a contracted
    article ('du', 'aux') stands for it only when there is no preposition."""
    words = []
    for child in token.children:
        if child.dep_ in ("case", "mark"):
            words.append(child.lower_)
            words.extend(c.lower_ for c in child.children if c.dep_ == "fixed")
    if not words:
        words = [
            c.lower_
            for c in token.children
            if c.dep_ == "det" and c.lower_ in ("du", "des", "au", "aux")
        ]
    return words


def _has_case(token: Token) -> bool:
    return any(c.dep_ == "case" for c in token.children)


# Nouns of complex prepositions: 'aux côtés de X', 'au sein de X' (when not parsed as fixed).
_PREPOSITION_NOUNS = {"côté": "alongside", "sein": "in", "titre": "alongside", "profit": "for"}


def through_preposition_noun(child: Token) -> tuple[str, Token] | None:
    """'aux côtés de Y': the role 'alongside' and Y; 'à partir de Y' with Y hung on 'à'."""
    if child.pos_ == "ADP" and any(
        c.dep_ == "fixed" and c.lower_ == "partir" for c in child.children
    ):
        target = next((c for c in child.children if c.dep_ in ("dep", "nmod", "obl")), None)
        return ("from", target) if target is not None else None
    if child.lemma_.lower() == "rang" and child.dep_ == "obj":  # 'rejoint les rangs de Y'
        target = next((c for c in child.children if c.dep_ == "nmod" and c.i > child.i), None)
        return ("obj", target) if target is not None else None
    role = _PREPOSITION_NOUNS.get(child.lemma_.lower())
    if role is None or not any(c.dep_ == "case" for c in child.children):
        return None
    if child.lemma_.lower() == "titre" and not any(c.lower_ == "même" for c in child.children):
        return None  # 'au titre de l'accord' names no co-member, 'au même titre que Y' does
    target = next((c for c in child.children if c.dep_ in ("nmod", "obl") and c.i > child.i), None)
    return (role, target) if target is not None else None


def _passive_clause(verb: Token) -> bool:
    """'X est rebaptisée Y', and the bare participle 'Rebaptisée Y, X…', 'X, renommée Y,'."""
    if any(c.dep_ in ("nsubj:pass", "aux:pass") for c in verb.children):
        return True
    participle = verb.morph.get("VerbForm", []) == ["Part"] or (
        not verb.morph and verb.lower_.endswith(("é", "ée", "és", "ées"))
    )
    return (
        participle
        and verb.dep_ in ("advcl", "acl")
        and not any(c.dep_.startswith("aux") for c in verb.children)
    )


_ROLES = "maillage.roles"


def role_of(child: Token) -> str | None:
    """The role a dependent plays for its head: subj, obj, agent, or the preposition's role."""
    roles = child.doc.user_data.get(_ROLES)
    if roles is None:  # the frames ask about each word three times: read once per document
        roles = child.doc.user_data[_ROLES] = {}
    if child.i not in roles:
        roles[child.i] = _role(child)
    return roles[child.i]


def _role(child: Token) -> str | None:
    dep = child.dep_
    if dep == "nsubj":
        return "subj"
    if dep == "nsubj:pass":
        return "obj"
    if dep == "obl:agent" and "par" in case_words(child):
        return "agent"
    if dep == "xcomp" or (dep in ("obj", "obl:agent") and _passive_clause(child.head)):
        return "attribute"  # 'X est rebaptisée Y': the passive's object names its subject
    if dep == "appos":
        return "apposed"
    if dep == "det" and child.morph.get("Poss", []) == ["Yes"]:
        return "possessor"  # 'ses membres': whose members
    if child.lower_ == "en" and dep in ("iobj", "obj", "expl", "expl:comp", "obl:arg"):
        return "of"  # the clitic 'en' is 'de' + what it stands for
    words = case_words(child)
    if "parmi" in words and "Rel" in child.morph.get("PronType", []):
        return "list"  # 'rassemble 50 écoles, parmi lesquelles A et B': A and B are listed
    for word in reversed(words):
        if word in CASE_ROLES:
            return CASE_ROLES[word]
    if dep in ("obj", "iobj", "obl:arg", "obl:agent"):  # 'a intégré en 2020 A et B'
        return "obj"
    if dep.startswith(("obl", "nmod")) or dep in ("flat:name", "dep"):
        return "bare"
    return None


def _opens_clause(token: Token) -> bool:
    """'que', 'où' opening another clause; not 'ainsi que' between two listed names."""
    before = token.doc[token.i - 1].lower_ if token.i else ""
    return token.lower_ in _CLAUSE_OPENERS and before not in ("ainsi", "tant", "bien")


def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    seen: set[tuple[str, int]] = set()
    out = []
    for mention in mentions:
        if (mention.entity, mention.start) not in seen:
            seen.add((mention.entity, mention.start))
            out.append(mention)
    return out
