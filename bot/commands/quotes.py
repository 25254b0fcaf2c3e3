"""`quotes`: every quotation of one person, found by name, alias, role or misspelling."""

from __future__ import annotations

from bot import messages
from bot.answers import Answer
from bot.commands.context import FACT_KIND, LIST_LIMIT, QUOTE_KIND, SUGGESTIONS, Context


def quotes(ctx: Context, text: str) -> Answer:
    """Every quotation of one person, by name, alias or role."""
    subject = ctx.clean(text).strip(" ?.!")
    if not subject:
        return ctx.empty("quotes")
    ids = ctx.ranker.resolve(subject)
    if not ids:
        return ctx.unknown_subject("quotes", subject)
    found = [
        item.document
        for entity_id in ids
        for item in ctx.index.spoken_by(entity_id, QUOTE_KIND, LIST_LIMIT)
    ]
    entity = ctx.kb.entities[ids[0]]
    if not found:
        related = [i.document for i in ctx.index.spoken_by(entity.id, FACT_KIND, SUGGESTIONS)]
        return Answer(
            answered=False,
            command="quotes",
            text=messages.NO_DIRECT_QUOTES.format(name=entity.name),
            suggestions=tuple(
                dict.fromkeys(
                    [
                        *[ctx.suggestion(d) for d in related][: SUGGESTIONS - 1],
                        f"Tell me about {entity.name}",
                    ]
                )
            ),
            matched=(f"entity:{entity.id}",),
        )
    unique = list({q.key: q for q in found}.values())
    count = len(unique)
    return Answer(
        answered=True,
        command="quotes",
        text=messages.QUOTES_HEADER.format(
            name=entity.name, count=count, plural="s" if count != 1 else ""
        ),
        citations=tuple(ctx.citation(q) for q in unique),
        speaker=entity.name,
        confidence=0.95,
        matched=(f"entity:{entity.id}", *(q.key for q in unique)),
    )
