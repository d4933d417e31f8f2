"""What the clause around a trigger says of its event, read on the parse: negated or refused
(no fact), intended, conditional or future (planned)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from .frames_data import frames_data

# The chain of heads a trigger's event depends on: 'a refusé de rejoindre', 'pourraient
# fusionner', 'le projet de fusion', 'envisagent la signature d'un accord'.
_GOVERNING = {"xcomp", "ccomp", "obj", "nmod", "obl:arg", "acl", "csubj", "nsubj", "advcl"}


def governors(trigger: Token, depth: int = 3, subject: bool = True) -> Iterator[Token]:
    token = trigger
    for _ in range(depth):
        if token.dep_ not in _GOVERNING or token.head.i == token.i:
            return
        if not subject and token.dep_ == "nsubj":
            return
        described = token.dep_ in ("acl", "acl:relcl")
        token = token.head
        yield token
        if described:  # 'X, née de la fusion de A et B, ne propose plus…': what is said of X
            return  # does not deny nor postpone what describes X


def is_negated(trigger: Token, subject: bool = True) -> bool:
    """'ne rejoindra pas', 'il n'est pas question de fusionner', 'a refusé de signer',
    'sans fusionner'. With subject=False a denied predicate does not deny its subject: 'la
    présidente de Y, X, n'a pas souhaité répondre' still names Y's president."""
    if _denies(trigger) or any(
        c.lower_ == "sans" for c in trigger.children if c.dep_ in ("case", "mark")
    ):
        return True
    for governor in governors(trigger, subject=subject):
        if _denies(governor) or governor.lemma_.lower() in frames_data().refusals:
            return True
        if governor.lower_ in _NEGATIONS:  # 'Pas de rapprochement avec X' with 'pas' as head
            return True
    return False


_NEGATIONS = {"pas", "jamais", "aucunement", "nullement"}
_NO = {"aucun", "aucune", "nul", "nulle"}


def _denies(token: Token) -> bool:
    """'n'a pas signé', 'pas de rapprochement', 'aucun accord'."""
    return any(
        (c.dep_ == "advmod" and ("Neg" in c.morph.get("Polarity", []) or c.lower_ in _NEGATIONS))
        or (c.dep_ == "det" and c.lower_ in _NO)
        for c in token.children
    )


def is_planned(trigger: Token, subject: bool = True) -> bool:
    """Future or conditional morphology of the trigger or of what governs it, or an intention
    verb or noun governing it ('envisagent de fusionner', 'le projet de fusion'); with
    subject=False not through the verb a subject governs ('le président de Y, X, souhaite…')."""
    for token in (trigger, *governors(trigger, subject=subject)):
        if _future_or_conditional(token):
            return True
        if token is not trigger and token.lemma_.lower() in frames_data().intentions:
            return True
        if token is not trigger and token.lemma_.lower() in (
            "projet",
            "perspective",
            "intention",
            "volonté",
            "ambition",
        ):
            return True
    return False


_FUTURE_SURFACE = re.compile(r"r(?:a|as|ai|ons|ez|ont|ais|ait|ions|iez|aient)$")
_FUTURE_ENDINGS = ("a", "ont", "ait", "aient", "ai", "as")


def is_future_form(token: Token) -> bool:
    """'rejoindra', 'fusionneraient': the tagger sometimes reads them as participles; the
    ending on the infinitive's stem says future or conditional."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma, form = token.lemma_.lower(), token.lower_
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return lemma.endswith(("er", "ir", "re")) and any(form == stem + e for e in _FUTURE_ENDINGS)


# 'restera membre': a state that goes on is true today, whatever the tense says of tomorrow
_CONTINUING = {"rester", "demeurer"}


def _future_or_conditional(token: Token) -> bool:
    if token.lemma_.lower() in _CONTINUING:
        return False
    forms = [
        token,
        *(c for c in token.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop")),
    ]
    for form in forms:
        tagged = "Cnd" in form.morph.get("Mood", []) or "Fut" in form.morph.get("Tense", [])
        if tagged and _FUTURE_SURFACE.search(form.lower_):  # the tagger reads 'réunit' as future
            return True
        if is_future_form(form):
            return True
        # 'va rejoindre', 'vont fusionner': the periphrastic future
        if (
            form is not token
            and form.lemma_ == "aller"
            and token.morph.get("VerbForm", []) == ["Inf"]
        ):
            return True
    return False
