"""What the fact finders ask of a Context, answered by bisection: the same answers as a pass
over every mention, on random mentions in reading order."""

from __future__ import annotations

import random
from collections.abc import Iterator

from maillage.extract import sentence_finder
from maillage.extract.context import Context
from maillage.models import Entity, Mention

ENTITIES = {
    key: Entity(key, kind, key)
    for key, kind in (("a", "organization"), ("b", "organization"), ("c", "organization"),
                      ("p", "place"))
}  # fmt: skip


def _contexts(rng: random.Random) -> Iterator[tuple[Context, list[Mention], int]]:
    """Random contexts, their organizations and an offset every few characters."""
    for _ in range(200):
        context = _context(rng)
        for offset in range(0, 300, 7):
            yield context, context.of_type("organization"), offset


def _context(rng: random.Random) -> Context:
    text = "".join(rng.choice("abc. Xyz ") for _ in range(300))
    mentions = []
    for _ in range(rng.randint(0, 40)):
        start = rng.randint(0, 295)
        field = rng.choice(["text", "text", "reference"])
        mentions.append(
            Mention(rng.choice("abcp"), "d", start, start + rng.randint(1, 5), "", field)
        )
    return Context.build(text, mentions, ENTITIES, sentence_finder(text), "v")


def test_a_sentence_s_mentions_and_the_last_one_before():
    for context, orgs, offset in _contexts(random.Random(13)):
        bounds = context.sentence_of(offset)
        assert context.in_sentence(offset) == [
            m for m in orgs if context.sentence_of(m.start) == bounds
        ]
        earlier = [m for m in orgs if m.end <= offset and m.field != "reference"]
        assert context.before(offset) == (earlier[-1] if earlier else None)


def test_the_first_body_after_a_list_that_is_not_in_it():
    rng = random.Random(14)
    for context, orgs, offset in _contexts(rng):
        besides = set(rng.sample("abc", rng.randint(0, 3)))
        expected = next((m for m in orgs if m.start >= offset and m.entity not in besides), None)
        assert context.first_after(offset, besides) == expected
