"""What every fact finder reads from one annotated document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Evidence, Mention

SentenceFinder = Callable[[int], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    mentions: list[Mention]  # mentions in the text, in reading order
    types: dict[str, str]  # entity key → entity type
    sentence_of: SentenceFinder
    version: str

    @classmethod
    def build(
        cls,
        text: str,
        mentions: list[Mention],
        types: dict[str, str],
        sentence_of: SentenceFinder,
        version: str,
    ) -> Context:
        in_text = sorted((m for m in mentions if m.field == "text"), key=lambda m: m.start)
        return cls(text, in_text, types, sentence_of, version)

    def of_type(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if self.types.get(m.entity) == kind]

    def evidence(self, first: Mention, second: Mention, rule: str) -> Evidence:
        """The sentence (or two) holding both mentions."""
        start = min(self.sentence_of(first.start)[0], self.sentence_of(second.start)[0])
        end = max(self.sentence_of(first.start)[1], self.sentence_of(second.start)[1])
        return Evidence(first.document, start, end, self.text[start:end], rule, self.version)
