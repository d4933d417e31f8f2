"""The event frames of resources/frames.json, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from ..nlp.text import doc_words
from ..resources import load_json


@dataclass(frozen=True, slots=True)
class Frame:
    id: str
    predicate: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    slots: dict[str, tuple[str, ...]]
    modifiers: tuple[str | None, ...] = ()
    governors: frozenset[str] = frozenset()
    options: frozenset[str] = frozenset()

    def fires_on(self, lemma: str, pos: str) -> bool:
        if pos == "PROPN":  # the tagger often takes a capitalised noun for a name
            pos = "NOUN"
        return lemma in self.lemmas and pos in self.pos


@dataclass(frozen=True, slots=True)
class KindRule:
    noun: str
    modifiers: frozenset[str]
    kind: str


@dataclass(frozen=True)
class FramesData:
    frames: tuple[Frame, ...]
    kinds: tuple[KindRule, ...]
    joint_only: frozenset[str]
    joint_modifiers: frozenset[str]
    result_verbs: frozenset[str]
    born: frozenset[str]
    component_nouns: frozenset[str]
    component_modifiers: frozenset[str]
    part_kinds: frozenset[str]
    member_kinds: frozenset[str]
    bodies: dict[str, str]
    refusals: frozenset[str]
    intentions: frozenset[str]
    misread: dict[str, str]
    asides: frozenset[str] = frozenset()
    merger_nouns: frozenset[str] = frozenset()
    organs: frozenset[str] = frozenset()
    makers: frozenset[str] = frozenset()
    former_adverbs: frozenset[str] = frozenset()
    now_adverbs: frozenset[str] = frozenset()
    headcounts: frozenset[str] = frozenset()
    new_body_nouns: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    name_nouns: frozenset[str] = frozenset()
    continuations: tuple[tuple[str, ...], ...] = ()
    by_lemma: dict[str, list[Frame]] = field(default_factory=dict)


_OPTIONS = (
    "by_kind",
    "gathering",
    "renaming",
    "founding",
    "reflexive",
    "passive",
    "olds_follow",  # what is created is named before the trigger, former bodies after
    "past",  # the trigger in a past tense: 's'appelait', 's'était appelée'
    "formerly",  # an adverb of anteriority on the trigger: 'anciennement appelée'
    "now",  # an adverb of the present on the trigger: 's'appelle désormais'
    "focus_body",  # 'les universités membres – A, B –': of the network the article is about
    "within",  # 'rejoint A et B au sein de Y': Y is the body, A and B fellow members
    "one_body",  # no reading when the trigger names several wholes
    "several_members",  # a reading only when it names several members
)


def _frame(raw: dict[str, Any]) -> Frame:
    trigger = raw["trigger"]
    return Frame(
        id=raw["id"],
        predicate=raw["predicate"],
        lemmas=frozenset(trigger["lemma"]),
        pos=frozenset(trigger["pos"]),
        slots={name: tuple(roles) for name, roles in raw["slots"].items()},
        modifiers=tuple(trigger.get("modifier", ())),
        governors=frozenset(trigger.get("governor", ())),
        options=frozenset(o for o in _OPTIONS if raw.get(o) or trigger.get(o)),
    )


def verb_like(token: Token) -> bool:
    """A verb, or a verb form the tagger takes for a noun ('L'ESSCA compte des campus')."""
    return token.pos_ in ("VERB", "AUX") or token.lower_ in frames_data().misread


def lemma_of(token: Token) -> str:
    """The token's lemma, mended where the lemmatizer misreads a verb form."""
    return lemmas_of(token.doc)[token.i]


_LEMMAS = "maillage.frame_lemmas"


def lemmas_of(doc: Doc) -> list[str]:
    """Every token's lemma (lower-cased, a misread verb form mended), by index, read once
    per parsed Doc: the frames and the offices look at every token for a trigger."""
    lemmas = doc.user_data.get(_LEMMAS)
    if lemmas is None:
        misread, words = frames_data().misread, doc_words(doc)
        pairs = zip(words.lowers, words.lemmas, strict=True)
        lemmas = doc.user_data[_LEMMAS] = [misread.get(lower, lemma) for lower, lemma in pairs]
    return lemmas


def _phrases(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    """Phrases as the tokenizer cuts them ("il s'agit d'" → il, s', agit, d'), with either
    apostrophe, longest first."""
    cut = {
        tuple(re.findall(r"\w+['’]|\w+|[^\w\s]", variant))
        for phrase in phrases
        for variant in (phrase, phrase.replace("'", "’"))
    }
    return tuple(sorted(cut, key=len, reverse=True))


@cache
def frames_data() -> FramesData:
    raw = load_json("frames.json")
    frames = tuple(_frame(f) for f in raw["frames"])
    by_lemma: dict[str, list[Frame]] = {}
    for frame in frames:
        for lemma in frame.lemmas:
            by_lemma.setdefault(lemma, []).append(frame)
    return FramesData(
        frames=frames,
        kinds=tuple(
            KindRule(k["noun"], frozenset(k.get("modifier", ())), k["kind"])
            for k in raw["partnership_kinds"]
        ),
        joint_only=frozenset(raw["joint_only"]),
        joint_modifiers=frozenset(raw["joint_modifiers"]),
        result_verbs=frozenset(raw["results"]["verbs"]),
        born=frozenset(raw["results"]["born"]),
        new_body_nouns=frozenset(raw["results"]["new_body_nouns"]),
        naming_verbs=frozenset(raw["results"]["naming_verbs"]),
        name_nouns=frozenset(raw["results"]["name_nouns"]),
        component_nouns=frozenset(raw["component_nouns"]),
        component_modifiers=frozenset(raw["component_modifiers"]),
        part_kinds=frozenset(raw["part_kinds"]),
        member_kinds=frozenset(raw["member_kinds"]),
        bodies={k: v for k, v in raw["bodies"].items() if not k.startswith("_")},
        refusals=frozenset(raw["refusals"]),
        intentions=frozenset(raw["intentions"]),
        misread={k: v for k, v in raw["misread_forms"].items() if not k.startswith("_")},
        asides=frozenset(raw["asides"]["nouns"]),
        organs=frozenset(raw["organs"]["nouns"]),
        makers=frozenset(raw["makers"]["verbs"]),
        former_adverbs=frozenset(raw["former_adverbs"]["words"]),
        now_adverbs=frozenset(raw["former_adverbs"]["now"]),
        headcounts=frozenset(raw["headcounts"]["nouns"]),
        continuations=_phrases(raw["continuations"]["openers"]),
        merger_nouns=next((f.lemmas for f in frames if f.id == "merger.noun"), frozenset()),
        by_lemma=by_lemma,
    )
