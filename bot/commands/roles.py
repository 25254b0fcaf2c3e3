"""A person's roles, each as of the source that gives it, for `about` and "who is".

A role belongs to its source and that source's date: when a source other than the one the
shared role comes from gives an entity a role of its own (its `roles.yaml`), the answer
names every role with its source's title and date, each cited to its paragraph. Without
such a role nothing here applies and answers stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import messages
from bot.answers import Citation
from bot.commands.context import Context


@dataclass(frozen=True, slots=True)
class RolesBySource:
    """The sentence naming each role as of its source, its citations (one per role, in
    the same order) and the keys of what it rests on."""

    text: str
    citations: tuple[Citation, ...]
    keys: tuple[str, ...]


def roles_by_source(ctx: Context, entity_id: str) -> RolesBySource | None:
    """Every role the sources give `entity_id`, or None when one source at most does."""
    roles = ctx.kb.roles_by_source(entity_id)
    if not roles:
        return None
    entity = ctx.kb.entities[entity_id]
    parts, citations, keys = [], [], []
    for role in roles:
        source = ctx.kb.sources[role.source]
        parts.append(
            messages.ROLE_AS_OF.format(
                role=role.text,
                title=source.title,
                date=source.published or messages.ROLE_UNDATED,
            )
        )
        citations.append(
            Citation(
                quote=role.evidence,
                paragraph=role.paragraph,
                source=source.title,
                source_id=source.id,
            )
        )
        shared = entity.role is not None and role == entity.role
        keys.append(f"role:{entity_id}" if shared else f"role:{role.source}/{entity_id}")
    return RolesBySource(
        text=messages.ROLES_BY_SOURCE.format(
            name=entity.name, roles=messages.ROLES_SEPARATOR.join(parts)
        ),
        citations=tuple(citations),
        keys=tuple(keys),
    )
