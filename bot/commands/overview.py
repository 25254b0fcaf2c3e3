"""`sources`, `help` and the summary: what Envoy knows and how to use it."""

from __future__ import annotations

from bot import messages
from bot.answers import Answer
from bot.commands.context import Context
from bot.commands.registry import COMMANDS, EXAMPLE_QUESTIONS
from bot.matching.documents import FACT, QUOTE


def sources(ctx: Context, _text: str = "") -> Answer:
    """What Envoy knows and where it comes from."""
    kb = ctx.kb
    count = len(kb.sources)
    counts = ctx.index.counts()
    lines = [messages.SOURCES_HEADER.format(count=count, plural="s" if count != 1 else "")]
    for source in kb.sources.values():
        contributors = "; ".join(
            f"{c.name} ({c.note})" if c.note else c.name for c in source.contributors
        )
        unknown = messages.UNKNOWN_METADATA
        numbers = counts.get(source.id, {})
        facts, quotes = numbers.get(FACT, 0), numbers.get(QUOTE, 0)
        lines += [
            f"“{source.title}”",
            f"  Contributors: {contributors or unknown}",
            f"  Outlet: {source.outlet or unknown}; published: "
            f"{source.published or unknown}; address: {source.url or unknown}",
            f"  {numbers.get('paragraphs', 0)} paragraphs, {facts} facts, {quotes} quotations.",
        ]
    lines.append(messages.ENTITIES_IN_ALL.format(count=len(kb.entities)))
    return Answer(
        answered=True,
        command="sources",
        text="\n".join(lines),
        confidence=1.0,
        matched=tuple(f"source:{s}" for s in kb.sources),
    )


def summary(ctx: Context) -> Answer:
    """What the article is about: the title and the facts of its opening paragraph."""
    lede = [
        item.document
        for source in ctx.kb.sources.values()
        for item in ctx.index.in_paragraph(source.id, 1)
        if item.document.kind == FACT
    ]
    titles = "; ".join(f"“{s.title}”" for s in ctx.kb.sources.values())
    text = f"{titles}. " + " ".join(d.statement for d in lede)
    return Answer(
        answered=True,
        command="ask",
        text=text,
        citations=tuple(ctx.citation(d) for d in lede),
        confidence=0.9,
        matched=tuple(d.key for d in lede),
    )


def help_text(_ctx: Context, _text: str = "") -> Answer:
    """How to use Envoy: the commands and a few example questions."""
    lines = [messages.HELP_INTRO]
    lines += [f"• {c.usage}: {c.summary}" for c in COMMANDS]
    lines.append("Examples: " + " · ".join(EXAMPLE_QUESTIONS))
    return Answer(answered=True, command="help", text="\n".join(lines), confidence=1.0)
