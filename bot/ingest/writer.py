"""Write a draft source into a knowledge directory, and keep it only if it loads.

`ingest_file` drafts the article, writes `knowledge/sources/<slug>/`, then loads the whole
knowledge directory with `include_unreviewed=True`. If that fails, the new directory is
removed (and a replaced one put back) before the error is raised: a knowledge directory
is never left half-written.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.errors import KnowledgeError
from bot.ingest.attribution import Unattributed
from bot.ingest.draft import Draft, draft_source
from bot.ingest.errors import DraftInvalidError, IngestError, SourceExistsError
from bot.ingest.reading import Article, read_article
from bot.knowledge.loader import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from bot.knowledge.model import KnowledgeBase

log = logging.getLogger(__name__)
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest wrote: counts, the entities it reused or added, and the quotations
    it left out because no speaker was found."""

    slug: str
    directory: Path
    title: str
    paragraphs: int
    quotes: int
    facts: int
    new_entities: tuple[str, ...]
    known_entities: tuple[str, ...]
    unattributed: tuple[Unattributed, ...]
    low_confidence: int
    source_roles: tuple[str, ...] = ()
    """Known entities the article gives a role of its own, written to `roles.yaml`."""


def ingest_file(
    path: Path,
    slug: str,
    *,
    title: str | None = None,
    contributors: Sequence[str] = (),
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR,
    replace: bool = False,
) -> IngestReport:
    """Draft the article at `path` as source `slug` under `knowledge_dir`.

    Raises `SourceExistsError` if the source exists and `replace` is false,
    `IngestError` if the article or slug cannot be used, `KnowledgeError` if the
    knowledge directory is broken before the ingest, and `DraftInvalidError` if the
    draft does not load (it is removed then).
    """
    if not _SLUG.match(slug):
        raise IngestError(
            f"slug {slug!r} must be lower-case letters, digits and hyphens (at most 80)"
        )
    root = Path(knowledge_dir)
    target = root / "sources" / slug
    if target.exists() and not replace:
        raise SourceExistsError(
            f"source '{slug}' exists already ({target}); replace it explicitly to draft it again"
        )
    article = read_article(Path(path), title=title)
    backup = _set_aside(root, target)
    try:
        kb = _current_knowledge(root)
        draft = draft_source(
            article, slug, kb, contributors=tuple(contributors), origin=Path(path).name
        )
        _write(target, draft)
        _check(root, target, draft, kb, article)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        if backup is not None:
            backup.rename(target)
            backup.parent.rmdir()
        raise
    if backup is not None:
        shutil.rmtree(backup.parent)
    log.info("drafted source %s: %d quotes, %d facts", slug, draft.quotes, draft.facts)
    return IngestReport(
        slug=slug,
        directory=target,
        title=article.title,
        paragraphs=draft.paragraphs,
        quotes=draft.quotes,
        facts=draft.facts,
        new_entities=draft.new_entities,
        known_entities=draft.known_entities,
        unattributed=draft.unattributed,
        low_confidence=draft.low_confidence,
        source_roles=draft.source_roles,
    )


def _current_knowledge(root: Path) -> KnowledgeBase:
    """The knowledge as it is, validated; a directory with no source yet is not an error
    here (its entities and topics are still read and checked)."""
    return load_knowledge(root, include_unreviewed=True, require_sources=False)


def _set_aside(root: Path, target: Path) -> Path | None:
    """Move an existing source out of `sources/` (kept until the new draft loads)."""
    if not target.exists():
        return None
    holder = Path(tempfile.mkdtemp(prefix=".ingest-replaced-", dir=root))
    moved = holder / target.name
    target.rename(moved)
    return moved


def _write(target: Path, draft: Draft) -> None:
    target.mkdir(parents=True)
    for name, text in draft.files.items():
        (target / name).write_text(text, encoding="utf-8")


def _check(root: Path, target: Path, draft: Draft, before: KnowledgeBase, article: Article) -> None:
    """Load everything again; the draft must load whole, with the title, paragraphs and
    counts it was written with, and must not change what the other sources hold."""
    try:
        kb = load_knowledge(root, include_unreviewed=True)
        if draft.slug in kb.set_aside:
            load_knowledge(root, include_unreviewed=True, strict=True)
    except KnowledgeError as error:
        own = [p for p in error.problems if p.startswith(f"sources/{draft.slug}/")]
        raise DraftInvalidError(draft.slug, own or error.problems) from error
    problems = []
    source = kb.sources.get(draft.slug)
    if source is None:
        problems.append(f"{target}: the source did not load under id '{draft.slug}'")
    elif source.paragraphs != article.paragraphs or source.title != article.title:
        problems.append(
            f"{target / 'article.txt'}: the loader reads {len(source.paragraphs)} paragraphs "
            f"and the title {source.title!r}, not the {draft.paragraphs} drafted"
        )
    quotes = sum(q.source == draft.slug for q in kb.quotes)
    facts = sum(f.source == draft.slug for f in kb.facts)
    if (quotes, facts) != (draft.quotes, draft.facts):
        problems.append(
            f"{target}: {quotes} quotes and {facts} facts load, "
            f"{draft.quotes} and {draft.facts} were drafted"
        )
    roles = sum(r.role.source == draft.slug for r in kb.source_roles)
    if roles != len(draft.source_roles):
        problems.append(
            f"{target / 'roles.yaml'}: {roles} roles load, {len(draft.source_roles)} were drafted"
        )
    if len(kb.quotes) - quotes != len(before.quotes) or len(kb.facts) - facts != len(before.facts):
        problems.append(f"{target}: the other sources changed while drafting")
    if problems:
        raise DraftInvalidError(draft.slug, problems)
