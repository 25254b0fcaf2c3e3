"""Read the knowledge files, check them against the schema, and build a `KnowledgeBase`.

Layout of a knowledge directory::

    entities.yaml  topics.yaml  lexicon.yaml
    sources/<source-id>/source.yaml      metadata, and the name of the text file
    sources/<source-id>/entities.yaml    optional: entities first met in this source
    sources/<source-id>/article.txt      the verbatim article: title line, then paragraphs
    sources/<source-id>/quotes.yaml
    sources/<source-id>/facts.yaml
    sources/<source-id>/roles.yaml       optional: roles this source gives shared entities

Every problem is collected, with its file and record id, before `KnowledgeError` is raised:
an editor fixes them all in one pass.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from bot.errors import KnowledgeError
from bot.knowledge.model import (
    ANSWER_KINDS,
    ENTITY_KINDS,
    QUOTE_SEPARATOR,
    Contributor,
    Entity,
    Fact,
    KnowledgeBase,
    Quote,
    Role,
    Source,
    SourceRole,
    Topic,
)
from bot.text import stem

log = logging.getLogger(__name__)
DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
SCHEMA_VERSION = "2"
"""Part of the content hash: a change of how files are read forces a reload."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# field name -> (accepted types, required)
_Schema = Mapping[str, tuple[tuple[type, ...], bool]]
_STR = (str,)
_OPT_STR = (str, type(None))
_LIST = (list,)
_ENTITY_SCHEMA: _Schema = {
    "id": (_STR, True),
    "name": (_STR, True),
    "kind": (_STR, True),
    "aliases": (_LIST, False),
    "role": ((dict,), False),
    "related": (_LIST, False),
    "reviewed": ((bool,), False),
    "confidence": ((float, int), False),
}
_ROLE_SCHEMA: _Schema = {
    "text": (_STR, True),
    "source": (_STR, True),
    "paragraph": ((int,), True),
    "evidence": (_STR, True),
}
_SOURCE_ROLE_SCHEMA: _Schema = {
    "id": (_STR, True),
    "role": (_STR, True),
    "paragraph": ((int,), True),
    "evidence": (_STR, True),
    "reviewed": ((bool,), False),
    "confidence": ((float, int), False),
}
"""A record of `roles.yaml`: `id` is the shared entity's id, `role` its role as this
source words it, `evidence` the verbatim span of paragraph `paragraph` it rests on."""
_TOPIC_SCHEMA: _Schema = {
    "id": (_STR, True),
    "name": (_STR, True),
    "summary": (_STR, True),
    "aliases": (_LIST, False),
}
_QUOTE_SCHEMA: _Schema = {
    "id": (_STR, True),
    "speakers": (_LIST, True),
    "paragraph": ((int,), True),
    "text": (_STR, True),
    "partial": ((bool,), True),
    "when": (_OPT_STR, False),
    "where": (_OPT_STR, False),
    "audience": (_OPT_STR, False),
    "topics": (_LIST, False),
    "about": (_LIST, False),
    "reviewed": ((bool,), False),
    "confidence": ((float, int), False),
}
_FACT_SCHEMA: _Schema = {
    "id": (_STR, True),
    "paragraph": ((int,), True),
    "statement": (_STR, True),
    "evidence": (_STR, True),
    "attribution": (_OPT_STR, False),
    "entities": (_LIST, False),
    "context": (_LIST, False),
    "topics": (_LIST, False),
    "answers": (_LIST, False),
    "questions": (_LIST, False),
    "reviewed": ((bool,), False),
    "confidence": ((float, int), False),
}
_SOURCE_SCHEMA: _Schema = {
    "id": (_STR, True),
    "title": (_STR, True),
    "text": (_STR, True),
    "contributors": (_LIST, False),
    "outlet": (_OPT_STR, False),
    "published": (_OPT_STR, False),
    "url": (_OPT_STR, False),
    "furniture": (_LIST, False),
}
_LISTS_OF_MAPPINGS = frozenset({"contributors"})
DEFAULT_FURNITURE = ("Leave a Comment",)
"""Lines of page furniture that are not part of an article's content."""


class _Problems:
    """Collects problems with their file and record id, and which source's files they
    are in (None: the shared files)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[str] = []
        self.by_source: dict[str | None, list[str]] = {}

    def add(self, path: Path, record: str | None, message: str) -> None:
        inside = path.is_relative_to(self.root)
        where = str(path.relative_to(self.root)) if inside else str(path)
        line = f"{where}: {record + ': ' if record else ''}{message}"
        self.items.append(line)
        parts = Path(where).parts
        source = parts[1] if inside and len(parts) > 2 and parts[0] == "sources" else None
        self.by_source.setdefault(source, []).append(line)


def knowledge_files(root: Path) -> list[Path]:
    """Every file that makes up the knowledge under `root`, in a stable order."""
    files = [root / name for name in ("entities.yaml", "topics.yaml", "lexicon.yaml")]
    for source_dir in sorted(p for p in (root / "sources").glob("*") if p.is_dir()):
        files.extend(sorted(f for f in source_dir.iterdir() if f.is_file()))
    return [f for f in files if f.exists()]


def _digest(root: Path, paths: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for path in paths:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def shared_hash(root: Path = DEFAULT_KNOWLEDGE_DIR) -> str:
    """A SHA-256 over what all sources share: entities (any file), topics and lexicon."""
    shared = [f for f in knowledge_files(root) if f.parent == root or f.name == "entities.yaml"]
    return _digest(root, shared)


def source_hash(root: Path, source_id: str) -> str:
    """A SHA-256 over one source's own files (its entities file is shared knowledge)."""
    folder = root / "sources" / source_id
    files = sorted(f for f in folder.iterdir() if f.is_file() and f.name != "entities.yaml")
    return _digest(root, files)


def knowledge_hash(root: Path = DEFAULT_KNOWLEDGE_DIR) -> str:
    """A SHA-256 over the knowledge files' names and bytes: equal hash, equal knowledge."""
    return _digest(root, knowledge_files(root))


def split_paragraphs(text: str, furniture: Iterable[str] = DEFAULT_FURNITURE) -> tuple[str, ...]:
    """Split an article file into its paragraphs: the first line is the title, not a
    paragraph; each further non-empty line is one paragraph; furniture lines are dropped."""
    skip = {f.strip() for f in furniture}
    lines = text.splitlines()[1:]
    return tuple(line.strip() for line in lines if line.strip() and line.strip() not in skip)


def find_verbatim(span: str, paragraph: str) -> str | None:
    """The exact text of `paragraph` that `span` quotes, or None if it is not there.

    Only whitespace may differ (the article may hold a no-break space where a curator
    typed a plain one); every other character must be the same.
    """
    if span in paragraph:
        return span
    pattern = r"\s+".join(re.escape(part) for part in span.split())
    match = re.search(pattern, paragraph)
    return match.group(0) if match else None


def load_knowledge(
    root: Path = DEFAULT_KNOWLEDGE_DIR,
    *,
    include_unreviewed: bool = False,
    require_sources: bool = True,
    strict: bool = False,
) -> KnowledgeBase:
    """Load and validate every knowledge file under `root`.

    Raises `KnowledgeError` listing every problem found. Items marked `reviewed: false`
    (drafts) are validated but left out unless `include_unreviewed` is true; so are
    draft entities no reviewed quote or fact needs. `require_sources=False` accepts a
    directory with no source yet (the start of an ingest).

    A draft (a source with an unreviewed item) whose own files have problems is set
    aside, with a warning naming each problem, and the rest loads: a bad draft never
    stops the bot from starting. Problems anywhere else, or `strict` (what
    `knowledge check` asks for), still refuse everything.
    """
    root = Path(root)
    if not root.is_dir():
        raise KnowledgeError([f"{root}: knowledge directory not found"])
    problems, kb, drafts = _read_knowledge(root, include_unreviewed, require_sources, set())
    if not problems.items:
        return kb
    broken = {s for s in problems.by_source if s is not None}
    if strict or None in problems.by_source or not broken <= drafts:
        raise KnowledgeError(problems.items)
    again, kb, _ = _read_knowledge(root, include_unreviewed, require_sources, broken)
    if again.items:
        raise KnowledgeError(again.items)
    for source_id in sorted(broken):
        log.warning(
            "draft source %s set aside, it does not load: %s",
            source_id,
            "; ".join(problems.by_source[source_id]),
        )
    return replace(kb, set_aside=tuple(sorted(broken)))


def _read_knowledge(
    root: Path, include_unreviewed: bool, require_sources: bool, skip: set[str]
) -> tuple[_Problems, KnowledgeBase, set[str]]:
    """Read everything but the sources in `skip`: the problems found, the knowledge
    (empty of meaning when there are problems) and the ids of the draft sources."""
    problems = _Problems(root)
    entities = _load_entities(root / "entities.yaml", problems)
    topics = _load_topics(root / "topics.yaml", problems)
    synonyms = _load_lexicon(root / "lexicon.yaml", problems)
    sources: dict[str, Source] = {}
    quotes: list[Quote] = []
    facts: list[Fact] = []
    roles: list[SourceRole] = []
    drafts: set[str] = set()
    source_dirs = sorted(
        p for p in (root / "sources").glob("*") if p.is_dir() and p.name not in skip
    )
    if not source_dirs and require_sources:
        problems.add(root / "sources", None, "no source directories")
    for source_dir in source_dirs:
        source = _load_source(source_dir, problems)
        if source is None:
            drafts.add(source_dir.name)  # what does not even read is no curated source
            continue
        if source.id != source_dir.name:
            problems.add(
                source_dir / "source.yaml",
                source.id,
                f"id must be the directory's name, {source_dir.name!r}",
            )
        if source.id in sources:
            problems.add(source_dir / "source.yaml", source.id, "duplicate source id")
        sources[source.id] = source
        own = source_dir / "entities.yaml"
        if own.exists():
            for entity_id, entity in _load_entities(own, problems).items():
                if entity_id in entities:
                    problems.add(own, entity_id, "entity id already defined elsewhere")
                entities.setdefault(entity_id, replace(entity, defined_in=source.id))
                if not entity.reviewed:
                    drafts.add(source_dir.name)
        own_quotes = _load_quotes(source_dir / "quotes.yaml", source, problems)
        own_facts = _load_facts(source_dir / "facts.yaml", source, problems)
        own_roles = _load_source_roles(source_dir / "roles.yaml", source, problems)
        reviewed = [i.reviewed for i in own_quotes] + [i.reviewed for i in own_facts]
        if not all(reviewed + [r.reviewed for r in own_roles]):
            drafts.add(source_dir.name)
        quotes.extend(own_quotes)
        facts.extend(own_facts)
        roles.extend(own_roles)
    _check_references(root, entities, topics, sources, quotes, facts, problems)
    _check_source_roles(root, entities, roles, problems)
    if not include_unreviewed:
        quotes = [q for q in quotes if q.reviewed]
        facts = [f for f in facts if f.reviewed]
        roles = [r for r in roles if r.reviewed]
        used = {s for q in quotes for s in q.speakers}
        used |= {e for f in facts for e in (*f.entities, *f.context)}
        entities = {k: e for k, e in entities.items() if e.reviewed or k in used}
    kb = KnowledgeBase(
        sources=sources,
        entities=entities,
        topics=topics,
        quotes=tuple(quotes),
        facts=tuple(facts),
        synonyms=synonyms,
        content_hash=knowledge_hash(root),
        source_roles=tuple(r for r in roles if r.entity in entities),
    )
    return problems, kb, drafts


def _read_yaml(path: Path, problems: _Problems, *, required: bool = True) -> Any:
    if not path.exists():
        if required:
            problems.add(path, None, "file is missing")
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.add(path, None, f"not valid YAML: {error}".replace("\n", " "))
    except RecursionError:
        problems.add(path, None, "not valid YAML: nested too deeply")
    except OSError as error:
        problems.add(path, None, f"cannot be read: {error.strerror}")
    return None


def _records(path: Path, problems: _Problems, schema: _Schema) -> list[dict[str, Any]]:
    """The records of a list-of-mappings file that pass the schema, duplicates reported."""
    data = _read_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(path, None, "expected a list of records")
        return []
    good: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            problems.add(path, f"record {position}", "expected a mapping")
            continue
        rid = record.get("id") if isinstance(record.get("id"), str) else f"record {position}"
        if _check_schema(path, str(rid), record, schema, problems):
            if rid in seen:
                problems.add(path, str(rid), "duplicate id")
                continue
            seen.add(str(rid))
            good.append(record)
    return good


def _check_schema(
    path: Path, rid: str, record: Mapping[str, Any], schema: _Schema, problems: _Problems
) -> bool:
    ok = True
    for key in record:
        if key not in schema:
            problems.add(path, rid, f"unknown field '{key}'")
            ok = False
    for key, (types, required) in schema.items():
        if key not in record:
            if required:
                problems.add(path, rid, f"missing field '{key}'")
                ok = False
            continue
        value = record[key]
        if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
            ok = _type_problem(path, rid, key, types, problems)
        elif isinstance(value, str) and not value.strip():
            problems.add(path, rid, f"field '{key}' is empty")
            ok = False
        elif (
            isinstance(value, list)
            and key not in _LISTS_OF_MAPPINGS
            and not all(isinstance(v, str) and v.strip() for v in value)
        ):
            problems.add(path, rid, f"field '{key}' must be a list of non-empty strings")
            ok = False
    return ok


def _type_problem(
    path: Path, rid: str, key: str, types: tuple[type, ...], problems: _Problems
) -> bool:
    names = " or ".join("null" if t is type(None) else t.__name__ for t in types)
    problems.add(path, rid, f"field '{key}' must be {names}")
    return False


def _load_entities(path: Path, problems: _Problems) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for record in _records(path, problems, _ENTITY_SCHEMA):
        rid = record["id"]
        if record["kind"] not in ENTITY_KINDS:
            problems.add(path, rid, f"kind must be one of {sorted(ENTITY_KINDS)}")
        role = None
        if "role" in record and _check_schema(path, rid, record["role"], _ROLE_SCHEMA, problems):
            role = Role(**record["role"])
        entities[rid] = Entity(
            id=rid,
            name=record["name"],
            kind=record["kind"],
            aliases=tuple(record.get("aliases", ())),
            role=role,
            related=tuple(record.get("related", ())),
            reviewed=record.get("reviewed", True),
        )
    return entities


def _load_topics(path: Path, problems: _Problems) -> dict[str, Topic]:
    return {
        r["id"]: Topic(
            id=r["id"], name=r["name"], summary=r["summary"], aliases=tuple(r.get("aliases", ()))
        )
        for r in _records(path, problems, _TOPIC_SCHEMA)
    }


def _load_lexicon(path: Path, problems: _Problems) -> tuple[tuple[str, ...], ...]:
    data = _read_yaml(path, problems, required=False)
    if data is None:
        return ()
    groups = data.get("synonyms") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        problems.add(path, None, "expected a mapping with a 'synonyms' list")
        return ()
    seen: dict[str, tuple[int, str]] = {}
    result: list[tuple[str, ...]] = []
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, list) or len(group) < 2:
            problems.add(path, f"group {number}", "a group lists at least two words")
            continue
        words = []
        for word in group:
            if not isinstance(word, str) or not word.strip() or word != word.lower():
                problems.add(path, f"group {number}", f"{word!r} must be lower-case text")
                continue
            key = stem(word) if " " not in word and "-" not in word else word
            if key in seen and seen[key][0] == number:
                words.append(word)  # another form of a word already in this group
                continue
            if key in seen:
                earlier, other = seen[key]
                problems.add(
                    path,
                    f"group {number}",
                    f"{word!r} clashes with {other!r} "
                    f"(group {earlier}): a word folds to one group only",
                )
                continue
            seen[key] = (number, word)
            words.append(word)
        result.append(tuple(words))
    return tuple(result)


def _load_source(source_dir: Path, problems: _Problems) -> Source | None:
    path = source_dir / "source.yaml"
    meta = _read_yaml(path, problems)
    if meta is None:
        return None
    if not isinstance(meta, dict):
        problems.add(path, None, "expected a mapping")
        return None
    if not _check_schema(
        path, str(meta.get("id", source_dir.name)), meta, _SOURCE_SCHEMA, problems
    ):
        return None
    text_path = source_dir / meta["text"]
    if not text_path.is_file():
        problems.add(path, meta["id"], f"text file {meta['text']!r} not found")
        return None
    try:
        text = text_path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as error:
        problems.add(text_path, meta["id"], f"cannot be read as UTF-8 text: {error}")
        return None
    paragraphs = split_paragraphs(text, meta.get("furniture", DEFAULT_FURNITURE))
    if not paragraphs:
        problems.add(text_path, meta["id"], "the article has no paragraphs")
    contributors = []
    for item in meta.get("contributors", []):
        if isinstance(item, str):
            contributors.append(Contributor(name=item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            contributors.append(
                Contributor(name=item["name"], entity=item.get("entity"), note=item.get("note"))
            )
        else:
            problems.add(path, meta["id"], f"contributor {item!r} needs a name")
    return Source(
        id=meta["id"],
        title=meta["title"],
        paragraphs=paragraphs,
        contributors=tuple(contributors),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        url=meta.get("url"),
    )


def _load_quotes(path: Path, source: Source, problems: _Problems) -> list[Quote]:
    quotes = []
    for r in _records(path, problems, _QUOTE_SCHEMA):
        quote = Quote(
            id=r["id"],
            source=source.id,
            speakers=tuple(r["speakers"]),
            paragraph=r["paragraph"],
            text=r["text"],
            partial=r["partial"],
            when=r.get("when"),
            where=r.get("where"),
            audience=r.get("audience"),
            topics=tuple(r.get("topics", ())),
            about=tuple(r.get("about", ())),
            reviewed=r.get("reviewed", True),
        )
        if not quote.speakers:
            problems.add(path, quote.id, "a quote needs at least one speaker")
        if _paragraph_ok(path, quote.id, source, quote.paragraph, problems):
            paragraph = source.paragraph(quote.paragraph)
            exact = [find_verbatim(piece, paragraph) for piece in quote.pieces]
            for piece, found in zip(quote.pieces, exact, strict=True):
                if found is None:
                    problems.add(
                        path,
                        quote.id,
                        f"text {piece!r} is not verbatim in paragraph {quote.paragraph}",
                    )
            if all(exact):
                quote = replace(quote, text=QUOTE_SEPARATOR.join(e for e in exact if e))
        quotes.append(quote)
    return quotes


def _load_facts(path: Path, source: Source, problems: _Problems) -> list[Fact]:
    facts = []
    for r in _records(path, problems, _FACT_SCHEMA):
        fact = Fact(
            id=r["id"],
            source=source.id,
            paragraph=r["paragraph"],
            statement=r["statement"],
            evidence=r["evidence"],
            attribution=r.get("attribution"),
            entities=tuple(r.get("entities", ())),
            topics=tuple(r.get("topics", ())),
            answers=tuple(r.get("answers", ())),
            questions=tuple(r.get("questions", ())),
            reviewed=r.get("reviewed", True),
            context=tuple(r.get("context", ())),
        )
        for kind in fact.answers:
            if kind not in ANSWER_KINDS:
                problems.add(
                    path, fact.id, f"answers: {kind!r} is not one of {sorted(ANSWER_KINDS)}"
                )
        if _paragraph_ok(path, fact.id, source, fact.paragraph, problems):
            exact = find_verbatim(fact.evidence, source.paragraph(fact.paragraph))
            if exact is None:
                problems.add(
                    path, fact.id, f"evidence is not verbatim in paragraph {fact.paragraph}"
                )
            else:
                fact = replace(fact, evidence=exact)
        facts.append(fact)
    return facts


def _load_source_roles(path: Path, source: Source, problems: _Problems) -> list[SourceRole]:
    """The roles of `roles.yaml` (optional), their evidence checked against the article."""
    if not path.exists():
        return []
    roles = []
    for r in _records(path, problems, _SOURCE_ROLE_SCHEMA):
        role = Role(
            text=r["role"], source=source.id, paragraph=r["paragraph"], evidence=r["evidence"]
        )
        if _paragraph_ok(path, r["id"], source, role.paragraph, problems):
            exact = find_verbatim(role.evidence, source.paragraph(role.paragraph))
            if exact is None:
                problems.add(
                    path, r["id"], f"evidence is not verbatim in paragraph {role.paragraph}"
                )
            else:
                role = replace(role, evidence=exact)
        roles.append(SourceRole(entity=r["id"], role=role, reviewed=r.get("reviewed", True)))
    return roles


def _check_source_roles(
    root: Path, entities: Mapping[str, Entity], roles: Iterable[SourceRole], problems: _Problems
) -> None:
    """A source gives its own role only to an entity of `knowledge/entities.yaml`, and
    not the source the shared role already comes from."""
    for item in roles:
        path = root / "sources" / item.role.source / "roles.yaml"
        entity = entities.get(item.entity)
        if entity is None:
            problems.add(path, item.entity, "unknown entity id")
        elif entity.defined_in is not None:
            problems.add(
                path,
                item.entity,
                f"an entity of source {entity.defined_in!r}: a source gives roles only to "
                "entities of knowledge/entities.yaml (its own entities have their role)",
            )
        elif entity.role is not None and entity.role.source == item.role.source:
            problems.add(
                path,
                item.entity,
                "knowledge/entities.yaml already gives the role this source gives",
            )


def _paragraph_ok(path: Path, rid: str, source: Source, number: int, problems: _Problems) -> bool:
    if 1 <= number <= len(source.paragraphs):
        return True
    problems.add(path, rid, f"paragraph {number} does not exist (1..{len(source.paragraphs)})")
    return False


def _check_references(
    root: Path,
    entities: Mapping[str, Entity],
    topics: Mapping[str, Topic],
    sources: Mapping[str, Source],
    quotes: Iterable[Quote],
    facts: Iterable[Fact],
    problems: _Problems,
) -> None:
    def check(
        path: Path, rid: str, field: str, ids: Iterable[str], known: Callable[[str], bool]
    ) -> None:
        for ref in ids:
            if not known(ref):
                problems.add(path, rid, f"{field}: unknown id {ref!r}")

    def unusable(path: Path, rid: str, field: str, ids: Iterable[str], source_id: str) -> None:
        for ref in ids:
            entity = entities.get(ref)
            if entity is not None and entity.defined_in not in (None, source_id):
                problems.add(
                    path,
                    rid,
                    f"{field}: {ref!r} is an entity of source {entity.defined_in!r}; a "
                    "source uses only knowledge/entities.yaml and its own entities.yaml",
                )

    for entity in entities.values():
        entities_path = (
            root / "entities.yaml"
            if entity.defined_in is None
            else root / "sources" / entity.defined_in / "entities.yaml"
        )
        check(entities_path, entity.id, "related", entity.related, entities.__contains__)
        role = entity.role
        if role is None:
            continue
        source = sources.get(role.source)
        if source is None:
            problems.add(entities_path, entity.id, f"role.source: unknown source {role.source!r}")
        elif _paragraph_ok(entities_path, entity.id, source, role.paragraph, problems) and (
            find_verbatim(role.evidence, source.paragraph(role.paragraph)) is None
        ):
            problems.add(
                entities_path,
                entity.id,
                f"role.evidence is not verbatim in paragraph {role.paragraph}",
            )
    for source in sources.values():
        path = root / "sources" / source.id / "source.yaml"
        refs = [c.entity for c in source.contributors if c.entity]
        check(path, source.id, "contributors", refs, entities.__contains__)
    for quote in quotes:
        path = root / "sources" / quote.source / "quotes.yaml"
        check(path, quote.id, "speakers", quote.speakers, entities.__contains__)
        check(path, quote.id, "about", quote.about, entities.__contains__)
        check(path, quote.id, "topics", quote.topics, topics.__contains__)
        unusable(path, quote.id, "speakers", quote.speakers, quote.source)
        unusable(path, quote.id, "about", quote.about, quote.source)
    for fact in facts:
        path = root / "sources" / fact.source / "facts.yaml"
        check(path, fact.id, "entities", fact.entities, entities.__contains__)
        check(path, fact.id, "context", fact.context, entities.__contains__)
        check(path, fact.id, "topics", fact.topics, topics.__contains__)
        unusable(path, fact.id, "entities", fact.entities, fact.source)
        unusable(path, fact.id, "context", fact.context, fact.source)
