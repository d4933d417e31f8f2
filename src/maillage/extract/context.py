"""What every fact finder reads from one annotated document, and how their readings
become facts: one fact per statement, with every sentence that states it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from ..models import Entity, Evidence, Fact, Mention
from ..ontology import is_symmetric
from .modality import status_of
from .temporal import TimeExpression, find_dates, nearest

SentenceFinder = Callable[[int], tuple[int, int]]
MAX_PARTIES = 4  # more bodies than this in one partnership statement: a group, not pairs


@dataclass(frozen=True, slots=True)
class Reading:
    """One finder's reading of one statement; status and date come from the sentence
    unless the finder knows better."""

    predicate: str
    subject: Mention
    object: Mention | None
    rule: str
    kind: str | None = None
    role: str | None = None
    unit: str | None = None
    value: float | None = None
    status: str | None = None
    date: str | None = None
    confidence: float = 0.6
    dated: bool = True  # False: the sentence's dates are not this statement's (a title, a seat)
    anchor: int | None = None  # offset of the trigger, to pick the nearest date
    ended: bool = False  # the statement ends at its date (a predecessor's role)


@dataclass
class Context:
    text: str
    mentions: list[Mention]  # mentions in the text (references included), in reading order
    entities: dict[str, Entity]
    sentence_of: SentenceFinder
    version: str
    published: str | None = None
    doc: Doc | None = None  # the parse, for finders that check a trigger's clause
    _dates: dict[tuple[int, int], list[TimeExpression]] = field(default_factory=dict)
    _by_type: dict[str, list[Mention]] = field(default_factory=dict)
    _places: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        text: str,
        mentions: Iterable[Mention],
        entities: dict[str, Entity],
        sentence_of: SentenceFinder,
        version: str,
        published: str | None = None,
        doc: Doc | None = None,
    ) -> Context:
        in_text = sorted((m for m in mentions if m.field != "author"), key=lambda m: m.start)
        return cls(text, in_text, entities, sentence_of, version, published, doc)

    def token_at(self, offset: int) -> Token | None:
        """The parsed word at a character offset."""
        if self.doc is None:
            return None
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    @cached_property
    def types(self) -> dict[str, str]:
        return {key: entity.type for key, entity in self.entities.items()}

    def of_type(self, kind: str) -> list[Mention]:
        if kind not in self._by_type:
            self._by_type[kind] = [m for m in self.mentions if self.types.get(m.entity) == kind]
        return self._by_type[kind]

    def first_after(
        self, offset: int, besides: Collection[str], kind: str = "organization"
    ) -> Mention | None:
        """The first mention of that type starting at or after an offset whose entity is none
        of `besides`. Counted, not scanned: after a list, the same few bodies may be all
        that a long article names again and again."""
        mentions, places = self.of_type(kind), self._places_of(kind)
        first = bisect_left(mentions, offset, key=_start)

        def others_before(end: int) -> int:
            theirs = (places.get(entity, []) for entity in set(besides))
            return (end - first) - sum(bisect_left(p, end) - bisect_left(p, first) for p in theirs)

        ends = range(first + 1, len(mentions) + 1)
        found = bisect_left(ends, 1, key=others_before)
        return mentions[ends[found] - 1] if found < len(ends) else None

    def _places_of(self, kind: str) -> dict[str, list[int]]:
        """Where each entity's mentions stand in `of_type(kind)`."""
        if kind not in self._places:
            places: dict[str, list[int]] = {}
            for index, mention in enumerate(self.of_type(kind)):
                places.setdefault(mention.entity, []).append(index)
            self._places[kind] = places
        return self._places[kind]

    def sentence(self, offset: int) -> str:
        start, end = self.sentence_of(offset)
        return self.text[start:end]

    def in_sentence(self, offset: int, kind: str = "organization") -> list[Mention]:
        """Mentions in reading order: a sentence's are one slice of them."""
        bounds, mentions = self.sentence_of(offset), self.of_type(kind)
        first = bisect_left(mentions, bounds, key=self._sentence_of_mention)
        last = bisect_right(mentions, bounds, key=self._sentence_of_mention, lo=first)
        return mentions[first:last]

    def _sentence_of_mention(self, mention: Mention) -> tuple[int, int]:
        return self.sentence_of(mention.start)

    def before(self, offset: int, kind: str = "organization") -> Mention | None:
        """The last mention of that type before an offset (the antecedent of 'il', 'ses'),
        among those starting before it."""
        mentions = self.of_type(kind)
        started = bisect_right(mentions, offset, key=_start)
        earlier = (mentions[i] for i in range(started - 1, -1, -1))
        return next((m for m in earlier if m.end <= offset and m.field != "reference"), None)

    def topic_of(self, mention: Mention) -> Mention:
        """The first institution named in a mention's sentence (its subject, usually): what
        'il', 'son' or 'ses' in the next sentence points back to."""
        in_sentence = self.in_sentence(mention.start)
        return next((m for m in in_sentence if m.text and not is_complement(self.text, m)), mention)

    def topic_before(self, offset: int) -> Mention | None:
        last = self.before(offset)
        return self.topic_of(last) if last else None

    @cached_property
    def focus(self) -> str | None:
        """The organization the article is about: the one it names most often."""
        counts = Counter(m.entity for m in self.of_type("organization") if m.field == "text")
        return counts.most_common(1)[0][0] if counts else None

    def focus_mention(self, at: int, besides: Collection[str] = ()) -> Mention | None:
        """The article's institution standing in at an offset (a passive or implicit subject)."""
        if self.focus is None or self.focus in besides:
            return None
        first = self._focus_first
        return Mention(first.entity, first.document, at, at, "", "reference")

    @cached_property
    def _focus_first(self) -> Mention:
        return next(m for m in self.mentions if m.entity == self.focus)

    def _detached(self, expression: TimeExpression, anchor: int) -> bool:
        """A date inside a participial clause the statement is not part of: 'Créée en 1960,
        l'ENSIM fait partie de Y' dates the creation, not the membership."""
        word, trigger = self.token_at(expression.start), self.token_at(anchor)
        if word is None or trigger is None:
            return False
        for head in word.ancestors:
            if head.morph.get("VerbForm", []) == ["Part"] and not any(
                c.dep_.startswith("aux") for c in head.children
            ):  # a bare participle heads the clause the date is in
                return head.i < trigger.i and trigger not in head.subtree
        return False

    def dates_in_sentence(self, offset: int) -> list[TimeExpression]:
        start, end = self.sentence_of(offset)
        if (start, end) not in self._dates:
            found = find_dates(self.text[start:end], self.published)
            self._dates[start, end] = [
                TimeExpression(e.start + start, e.end + start, e.text, e.value) for e in found
            ]
        return self._dates[start, end]

    def evidence(
        self, first: Mention, second: Mention | None, rule: str, anchor: int | None = None
    ) -> Evidence:
        """The sentence of the statement, with the sentences naming its participants when they
        are close (a pronoun's antecedent just before)."""
        points = [
            p for p in (anchor, first.start, second.start if second else None) if p is not None
        ]
        spans = [self.sentence_of(p) for p in points]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if end - start > 800 and anchor is not None:
            start, end = self.sentence_of(anchor)
        return Evidence(first.document, start, end, self.text[start:end], rule, self.version)

    def facts(self, readings: Iterable[Reading]) -> list[Fact]:
        """Merge readings into facts: same statement, one fact; each reading adds evidence."""
        merged: dict[tuple[str, ...], _Statement] = {}
        readings = _said_over_guessed(
            self._without_family_ties(self._without_cliques(list(readings)))
        )
        for reading in self._frames_first(readings):
            if reading.object is not None and reading.object.entity == reading.subject.entity:
                continue
            fact = self._fact(reading)
            key = _statement_key(fact)
            if key in merged:
                merged[key].absorb(fact)
            else:
                merged[key] = _Statement(fact)
        return [statement.fact for statement in merged.values()]

    def _frames_first(self, readings: list[Reading]) -> list[Reading]:
        """Where a frame read the sentence's grammar, a surface finder that disagrees about the
        same body in the same sentence is dropped: another successor for a merged body, or
        member where the frame says component (and the reverse), membership where the frame
        reads a renaming, a pair of bodies the frame gave other partners."""

        framed = {
            (
                r.predicate,
                r.subject.entity,
                r.object.entity if r.object else None,
                self._sentence_of_reading(r),
            )
            for r in readings
            if r.rule.startswith("frame.")
        }
        successors = {(s, w) for p, s, _, w in framed if p == "replaced_by"}
        renamed = {(frozenset((s, o)), w) for p, s, o, w in framed if p == "replaced_by"}
        partnered = {(party, w) for p, s, o, w in framed if p == "partner_of" for party in (s, o)}
        # 'A et B sont partenaires de l'alliance Y': the partner frames read members, no pairs
        membered = {
            (r.subject.entity, self._sentence_of_reading(r))
            for r in readings
            if r.rule.startswith("frame.partner.") and r.predicate == "member_of"
        }
        kept = []
        for r in readings:
            obj = r.object.entity if r.object else None
            sentence = self._sentence_of_reading(r)
            ends = {(r.subject.entity, sentence), (obj, sentence)}
            if (
                not r.rule.startswith("frame.")
                and r.predicate == "partner_of"
                and (ends <= partnered or ends <= membered)
                and not {
                    ("partner_of", r.subject.entity, obj, sentence),
                    ("partner_of", obj, r.subject.entity, sentence),
                }
                & framed
            ):
                continue  # the frame read who partners whom: 'X signe avec A et B' pairs no A, B
            if not r.rule.startswith("frame."):
                if (
                    r.predicate == "replaced_by"
                    and (r.subject.entity, self._sentence_of_reading(r)) in successors
                    and ("replaced_by", r.subject.entity, obj, self._sentence_of_reading(r))
                    not in framed
                ):
                    continue
                other = {"member_of": "part_of", "part_of": "member_of"}.get(r.predicate)
                if other and (other, r.subject.entity, obj, self._sentence_of_reading(r)) in framed:
                    continue
                if (
                    other
                    and (frozenset((r.subject.entity, obj)), self._sentence_of_reading(r))
                    in renamed
                ):
                    continue  # 'X a été baptisée Y': Y is X's new name, not its whole
            kept.append(r)
        return kept

    def _sentence_of_reading(self, reading: Reading) -> tuple[int, int]:
        at = reading.anchor if reading.anchor is not None else reading.subject.start
        return self.sentence_of(at)

    def _without_family_ties(self, readings: list[Reading]) -> list[Reading]:
        """A body does not partner its own component in the sentence that says so: in
        'l'ENSAE, école du GENES, et le GENES ont signé', the whole and its school are no two
        partners (elsewhere in the article they may be: a partnership before a merger)."""

        ties = {
            (frozenset((r.subject.entity, r.object.entity)), self._sentence_of_reading(r))
            for r in readings
            if r.predicate == "part_of" and r.object is not None
        }
        return [
            r
            for r in readings
            if r.predicate != "partner_of"
            or r.object is None
            or (frozenset((r.subject.entity, r.object.entity)), self._sentence_of_reading(r))
            not in ties
        ]

    def _without_cliques(self, readings: list[Reading]) -> list[Reading]:
        """'Les sept universités … vont refonder leur coopération': a statement about a whole
        group is no partnership of each pair in it; one rule pairing more than
        MAX_PARTIES bodies in one sentence is dropped."""
        parties: dict[tuple[str, tuple[int, int]], set[str]] = {}
        for reading in readings:
            if reading.predicate == "partner_of" and reading.object is not None:
                where = self.sentence_of(
                    reading.anchor if reading.anchor is not None else reading.subject.start
                )
                parties.setdefault((reading.rule, where), set()).update(
                    (reading.subject.entity, reading.object.entity)
                )
        crowded = {key for key, bodies in parties.items() if len(bodies) > MAX_PARTIES}
        return [
            r
            for r in readings
            if r.predicate != "partner_of"
            or r.object is None
            or (r.rule, self.sentence_of(r.anchor if r.anchor is not None else r.subject.start))
            not in crowded
        ]

    def _fact(self, reading: Reading) -> Fact:
        anchor = reading.anchor if reading.anchor is not None else reading.subject.start
        date = reading.date
        if date is None and reading.dated:
            dates = [d for d in self.dates_in_sentence(anchor) if not self._detached(d, anchor)]
            date = _value(nearest(dates, anchor))
        qualifiers = {k: v for k, v in (("role", reading.role), ("unit", reading.unit)) if v}
        return Fact(
            reading.predicate,
            reading.subject.entity,
            reading.object.entity if reading.object else None,
            value=reading.value,
            date=None if reading.ended else date,
            end_date=date if reading.ended else None,
            status=reading.status
            or status_of(self.sentence(anchor), anchor - self.sentence_of(anchor)[0]),
            kind=reading.kind,
            qualifiers=qualifiers,
            confidence=reading.confidence,
            evidence=[self.evidence(reading.subject, reading.object, reading.rule, reading.anchor)],
        )


_COMPLEMENT = re.compile(
    r"(?:\bde|\bdu|\bdes|\bd['’]|\bde\s+l['’]|\bde\s+la|\bentre|\bavec)\s*$", re.I
)


STATED = 0.75  # the confidence of a membership the text states ('école associée de Y')


def _said_over_guessed(readings: list[Reading]) -> list[Reading]:
    """Member or component: where the article says it of a pair ('école associée de Y',
    'école interne de Y'), a rule that only guessed it (from the whole's kind, or from a
    gathering on the surface) elsewhere in the article gives way ('Y fédère sept écoles : …'
    lists associated schools too)."""
    said: dict[tuple[str, str], set[str]] = {}
    for r in readings:
        if r.predicate in ("member_of", "part_of") and r.object and r.confidence >= STATED:
            said.setdefault((r.subject.entity, r.object.entity), set()).add(r.predicate)
    return [
        r
        for r in readings
        if r.predicate not in ("member_of", "part_of")
        or r.object is None
        or r.confidence >= STATED
        or r.predicate in said.get((r.subject.entity, r.object.entity), {r.predicate})
    ]


def is_complement(text: str, mention: Mention) -> bool:
    """'école interne de l'Université de Lorraine': the university is a complement."""
    return bool(_COMPLEMENT.search(text[max(0, mention.start - 8) : mention.start]))


def _value(expression: TimeExpression | None) -> str | None:
    return expression.value if expression else None


def _statement_key(fact: Fact) -> tuple[str, ...]:
    ends = [fact.subject, fact.object or ""]
    if is_symmetric(fact.predicate):
        ends.sort()
    detail = str(fact.qualifiers.get("role") or fact.qualifiers.get("unit") or "")
    return (
        fact.predicate,
        *ends,
        # only partnerships of different kinds are different statements ('a double degree and
        # a joint lab'); a membership is one whatever kind of body a finder saw
        (fact.kind or "") if fact.predicate == "partner_of" else "",
        re.sub(r"\W+", " ", detail.lower()),
        str(fact.value),
    )


class _Statement:
    """One fact being merged, with the evidence it has so far indexed: a long article states
    the same fact thousands of times."""

    def __init__(self, fact: Fact) -> None:
        self.fact = fact
        self.starts = {e.start for e in fact.evidence}
        self.evidence = {_evidence_key(e) for e in fact.evidence}

    def absorb(self, other: Fact) -> None:
        """A second statement of the same fact: keep the most precise date, a 'done' reading
        wins over a 'planned' one, and the evidence accumulates."""
        known = self.fact
        if other.date and (not known.date or len(other.date) > len(known.date)):
            known.date = other.date
        stated_apart = self.starts.isdisjoint(o.start for o in other.evidence)
        if other.status == "done" and stated_apart:  # the first reading of a sentence rules it
            known.status = "done"
        known.kind = known.kind or other.kind
        known.confidence = min(0.95, max(known.confidence, other.confidence) + 0.05)
        for evidence in other.evidence:
            key = _evidence_key(evidence)
            if key not in self.evidence:
                known.evidence.append(evidence)
                self.evidence.add(key)
                self.starts.add(evidence.start)


def _evidence_key(evidence: Evidence) -> tuple[str, int, int, str, str, str]:
    """What makes two pieces of evidence equal (the fields a dataclass compares)."""
    return (
        evidence.document,
        evidence.start,
        evidence.end,
        evidence.text,
        evidence.rule,
        evidence.pipeline_version,
    )


def _start(mention: Mention) -> int:
    return mention.start
