"""Rich renderings of the read models for the terminal. User text is always plain `Text`,
never markup, so a name like "[bold]x" or "<img ...>" prints as written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .ontology import is_symmetric
from .query import (
    EntityPage,
    EntityRef,
    FactView,
    Neighbourhood,
    SearchHit,
    Timeline,
)

_STATUS_STYLE = {"done": "green", "planned": "yellow"}


def _name(entity: EntityRef | None) -> Text:
    if entity is None:
        return Text("")
    text = Text(entity.name, style="bold")
    if entity.acronym and entity.acronym != entity.name:
        text.append(f" ({entity.acronym})")
    return text


def search_table(hits: Sequence[SearchHit]) -> Table:
    table = Table("name", "type", "kind", "matched", "facts")
    table.add_column("id", no_wrap=True)
    for hit in hits:
        e = hit.entity
        table.add_row(
            _name(e),
            e.type,
            e.kind or "",
            Text(f"{hit.matched} ({hit.match})"),
            str(hit.facts),
            Text(e.id),
        )
    return table


def fact_line(fact: FactView, focus: str | None = None) -> Text:
    """'ENSMM partner of UTBM  2021-03 (month) planned agreement  0.80': both parties are
    always named; for a symmetric fact seen from `focus`, the focus comes first."""
    first, second = fact.subject, fact.object
    if second is not None and second.id == focus and is_symmetric(fact.predicate):
        first, second = second, first
    line = _name(first).append(" ").append(f"{fact.label} ", style="cyan")
    if second is not None:
        line.append_text(_name(second))
    elif fact.value is not None:
        line.append(f"{fact.value:g} {fact.qualifiers.get('unit', '')}".strip())
    role = fact.qualifiers.get("role")
    if role:
        line.append(f" as {role}", style="italic")
    line.append("  ")
    if fact.date:
        line.append(f"{fact.date} ({fact.date_precision}) ")
    line.append(fact.status, style=_STATUS_STYLE.get(fact.status, ""))
    if fact.kind:
        line.append(f" {fact.kind}")
    line.append(f"  {fact.confidence:.2f}", style="dim")
    if fact.curation:
        line.append(f"  [{fact.curation}]", style="magenta")
    line.append(f"  {fact.id}", style="dim")
    return line


def _fact_block(fact: FactView, focus: str | None) -> list[RenderableType]:
    lines: list[RenderableType] = [fact_line(fact, focus)]
    if fact.conflict:
        lines.append(Text("    conflict: sources disagree", style="bold red"))
        for alt in fact.alternatives:
            values = ", ".join(f"{k}={v}" for k, v in alt.values.items())
            docs = "; ".join(d.title or d.url or d.id for d in alt.documents) or "no source"
            lines.append(Text(f"      • {values} — {docs}", style="red"))
    for proof in fact.evidence:
        quote = Text("    « ", style="dim").append(proof.text, style="italic").append(" »")
        where = proof.document.title or proof.document.url or proof.document.source
        quote.append(f"  — {where}", style="dim")
        if proof.document.published:
            quote.append(f", {proof.document.published}", style="dim")
        lines.append(quote)
    hidden = fact.evidence_count - len(fact.evidence)
    if hidden > 0:
        lines.append(Text(f"    … and {hidden} more source(s)", style="dim"))
    lines.extend(_stated_source(fact))
    return lines


def _stated_source(fact: FactView) -> list[RenderableType]:
    """Where a fact added by hand comes from: its source URL or the curator's note."""
    found: list[RenderableType] = []
    for key, label in (("source_url", "source"), ("note", "note")):
        value = fact.qualifiers.get(key)
        if value:
            found.append(Text(f"    {label}: ", style="dim").append(str(value)))
    return found


def entity_card(page: EntityPage) -> Panel:
    e = page.entity
    parts: list[RenderableType] = []
    identity = Text.assemble((e.type, "cyan"), (f" · {e.kind}" if e.kind else ""))
    if page.city:
        identity.append(f" · {page.city}")
    identity.append(f" · {e.id}", style="dim")
    parts.append(identity)
    if page.redirected_from:
        parts.append(Text(f"('{page.redirected_from}' was merged into this entity)", "yellow"))
    if page.aliases:
        parts.append(Text("also: ", style="bold").append(", ".join(a.name for a in page.aliases)))
    for scheme, value in page.external_ids.items():
        parts.append(Text(f"{scheme}: {value}"))
    for group in page.groups:
        parts.append(Text(f"\n{group.label} ({group.total})", style="bold underline"))
        for fact in group.facts:
            parts.extend(_fact_block(fact, e.id))
        if group.total > len(group.facts):
            parts.append(Text(f"  … {group.total - len(group.facts)} more", style="dim"))
    if page.documents:
        parts.append(Text("\nsources", style="bold underline"))
        parts.extend(_document_lines(page))
    return Panel(Group(*parts), title=_name(e), title_align="left")


def _document_lines(page: EntityPage) -> Iterable[Text]:
    for doc in page.documents:
        yield (
            Text(f"  {doc.published or '????-??-??'}  ")
            .append(doc.title or doc.source)
            .append(f"  {doc.id}", style="dim")
        )
    if page.more_documents:
        yield Text("  … more documents", style="dim")


def timeline_table(found: Timeline) -> RenderableType:
    table = Table("date", "precision", "event", "status", title=found.entity.name)
    for fact in found.events:
        table.add_row(
            fact.date or "",
            fact.date_precision or "",
            fact_line(fact, found.entity.id),
            fact.status,
        )
    note = Text(f"{len(found.events)} of {found.total} dated events", style="dim")
    if found.undated:
        note.append(f"; {found.undated} undated", style="dim")
    return Group(table, note)


def neighbourhood_table(found: Neighbourhood) -> RenderableType:
    names = {n.id: n for n in found.nodes}
    table = Table("from", "predicate", "to", "date", "status", "kind", "confidence")
    for edge in found.edges:
        table.add_row(
            Text(names[edge.source].name if edge.source in names else edge.source),
            edge.predicate,
            Text(names[edge.target].name if edge.target in names else edge.target),
            edge.date or "",
            edge.status,
            edge.kind or "",
            f"{edge.confidence:.2f}",
        )
    note = Text(
        f"{len(found.nodes)} entities, {len(found.edges)} facts within depth {found.depth}"
        + (" (truncated: the strongest facts are shown)" if found.truncated else ""),
        style="dim",
    )
    return Group(table, note)
