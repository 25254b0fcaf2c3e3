"""`about`: what the sources say about a person, organisation, place or topic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot import messages
from bot.answers import Answer
from bot.commands.context import FACT_KIND, FACT_OR_QUOTE, LIST_LIMIT, QUOTE_KIND, Context
from bot.commands.roles import RolesBySource, roles_by_source
from bot.matching.documents import FACT, QUOTE, Document
from bot.matching.index import entity_token, topic_token

_ABOUT_FACTS = 6
_ABOUT_QUOTES = 4
_TOPIC_QUOTES = 2
_LOOSE_TERMS = 3
"""A name found loosely answers `about` with at most this many known words around it."""


def about(ctx: Context, text: str) -> Answer:
    """What the article says about a person, organisation, place or topic."""
    subject = ctx.clean(text).strip(" ?.!")
    if not subject:
        return ctx.empty("about")
    if subject.startswith("topic:") and subject[6:] in ctx.kb.topics:
        return _about_topic(ctx, subject[6:])
    if subject.startswith("entity:") and subject[7:] in ctx.kb.entities:
        return _about_entity(ctx, subject[7:])
    entity_ids = ctx.ranker.resolve(subject)
    if entity_ids:
        return _about_entity(ctx, entity_ids[0])
    topic_ids = ctx.ranker.resolve(subject, "topic")
    if topic_ids:
        return _about_topic(ctx, topic_ids[0])
    # Not a name alone ("the CEPA think tank", "Blinken's meeting with Cleverly"): ask it.
    asked = ctx.run("ask", subject)
    if asked.answered:
        return replace(asked, command="about")
    parsed = ctx.ranker.parse(subject)
    loose = ctx.ranker.resolve(subject, strict=False)
    if loose and not parsed.unknown and len(parsed.terms) <= _LOOSE_TERMS:
        return _about_entity(ctx, loose[0])  # a name with a few known words around it
    return ctx.unknown_subject("about", subject)


def _about_entity(ctx: Context, entity_id: str) -> Answer:
    """The entity's role (each source's, when sources give it roles of their own), then
    what the facts say of it and the quotations it speaks."""
    entity = ctx.kb.entities[entity_id]
    docs: list[Document] = []
    by_source = roles_by_source(ctx, entity_id)
    role = ctx.document(f"role:{entity_id}") if by_source is None else None
    if role is not None:
        docs.append(role)
    tagged = ctx.index.tagged(entity_token(entity_id), FACT_KIND, LIST_LIMIT)
    facts = sorted(
        (i.document for i in tagged), key=lambda d: (entity_id not in d.primary, d.paragraph)
    )
    docs.extend(sorted(facts[:_ABOUT_FACTS], key=lambda d: d.paragraph))
    docs.extend(i.document for i in ctx.index.spoken_by(entity_id, QUOTE_KIND, _ABOUT_QUOTES))
    if not docs and by_source is None:
        return ctx.unknown_subject("about", entity.name)
    if by_source is not None:
        headline = by_source.text
    elif role is not None:
        headline = role.statement
    else:
        headline = messages.ABOUT_HEADER.format(name=entity.in_running_text)
    return _listing(ctx, headline, docs, entity.name, f"entity:{entity_id}", by_source)


def _about_topic(ctx: Context, topic_id: str) -> Answer:
    topic = ctx.kb.topics[topic_id]
    tagged = ctx.index.tagged(topic_token(topic_id), FACT_OR_QUOTE, LIST_LIMIT)
    docs = sorted((i.document for i in tagged), key=lambda d: (d.kind != FACT, d.paragraph))
    chosen = docs[:_ABOUT_FACTS] + [d for d in docs if d.kind == QUOTE][:_TOPIC_QUOTES]
    chosen = list(dict.fromkeys(chosen))
    return _listing(ctx, f"{topic.name}: {topic.summary}", chosen, None, f"topic:{topic_id}")


def _listing(
    ctx: Context,
    headline: str,
    docs: Sequence[Document],
    speaker: str | None,
    subject_key: str,
    roles: RolesBySource | None = None,
) -> Answer:
    """The headline and each fact as a point; the roles by source, when given, are cited
    first."""
    points = [d.statement for d in docs if d.kind == FACT]
    text = headline + ("\n" + "\n".join(f"• {p}" for p in points) if points else "")
    return Answer(
        answered=True,
        command="about",
        text=text,
        citations=(*(roles.citations if roles else ()), *(ctx.citation(d) for d in docs)),
        speaker=speaker,
        confidence=0.9,
        matched=(subject_key, *(roles.keys if roles else ()), *(d.key for d in docs)),
    )
