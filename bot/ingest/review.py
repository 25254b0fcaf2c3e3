"""What an editor still has to review, and marking items reviewed in the files themselves.

`unreviewed` lists every quote, fact, entity and role (a known person's role as one source
gives it) marked `reviewed: false`. `mark_reviewed`
flips `reviewed: false` to `reviewed: true` by editing the YAML text line by line, so
comments, order and layout survive; it changes nothing if any id asked for is unknown,
and puts a file back if the edited text does not read back as intended.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.ingest.errors import IngestError, UnknownItemsError
from bot.knowledge.loader import DEFAULT_KNOWLEDGE_DIR

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RECORD = re.compile(r"^-(\s+)id:\s*(['\"]?)(?P<id>[^'\"\s#]+)\2\s*(?:#.*)?$")
_KINDS = (
    ("quote", "quotes.yaml"),
    ("fact", "facts.yaml"),
    ("entity", "entities.yaml"),
    ("role", "roles.yaml"),
)


class Everything(enum.Enum):
    """Marks every unreviewed item: `mark_reviewed(dir, slug, ALL)`."""

    ALL = "all"


ALL = Everything.ALL


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One item still to review."""

    source: str | None
    kind: str
    id: str
    paragraph: int | None
    text: str
    speaker: str | None
    confidence: float | None
    file: Path


def unreviewed(
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR, slug: str | None = None
) -> list[ReviewItem]:
    """Every quote, fact and entity marked `reviewed: false`, by source and paragraph.

    With `slug`, only that source's files; without, every source and the shared
    `entities.yaml`. Raises `IngestError` if `slug` names no source.
    """
    root = Path(knowledge_dir)
    names = _entity_names(root)
    items: list[ReviewItem] = []
    for source, kind, path in _files(root, slug):
        for record in _read(path):
            if record.get("reviewed", True) is not False:
                continue
            items.append(_item(source, kind, path, record, names))
    order = {kind: n for n, (kind, _) in enumerate(_KINDS)}
    items.sort(key=lambda i: (i.source or "", order[i.kind], i.paragraph or 0))
    return items


def mark_reviewed(knowledge_dir: Path, slug: str | None, ids: Iterable[str] | Everything) -> int:
    """Mark items reviewed in the files; returns how many were flipped.

    `ids` are quote, fact or entity ids of source `slug` (of every source and the shared
    `entities.yaml` when `slug` is None), or `ALL` for every unreviewed item there. An id
    that is already reviewed counts as found but flips nothing. Raises
    `UnknownItemsError`, changing nothing, if any id is found in no file.
    """
    root = Path(knowledge_dir)
    files = [path for _, _, path in _files(root, slug)]
    wanted = None if isinstance(ids, Everything) else set(ids)
    if wanted is not None:
        present = {
            rid for path in files for rid, _, _, _ in _blocks(path.read_text(encoding="utf-8"))
        }
        unknown = wanted - present
        if unknown:
            raise UnknownItemsError(f"source '{slug}'" if slug else "the knowledge files", unknown)
    flipped = 0
    for path in files:
        flipped += _flip(path, wanted)
    return flipped


def _files(root: Path, slug: str | None) -> Iterator[tuple[str | None, str, Path]]:
    sources = root / "sources"
    if slug is not None:
        directory = sources / slug
        if not (directory / "source.yaml").is_file():
            raise IngestError(f"no source '{slug}' in {sources}")
        dirs = [directory]
    else:
        dirs = sorted(p for p in sources.glob("*") if (p / "source.yaml").is_file())
        if (root / "entities.yaml").is_file():
            yield None, "entity", root / "entities.yaml"
    for directory in dirs:
        for kind, name in _KINDS:
            if (directory / name).is_file():
                yield directory.name, kind, directory / name


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except yaml.YAMLError as error:
        raise IngestError(f"{path}: not valid YAML: {error}") from error
    return [r for r in data or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _entity_names(root: Path) -> dict[str, str]:
    paths = [root / "entities.yaml", *sorted((root / "sources").glob("*/entities.yaml"))]
    names: dict[str, str] = {}
    for path in paths:
        if path.is_file():
            for record in _read(path):
                names[record["id"]] = str(record.get("name", record["id"]))
    return names


def _item(
    source: str | None, kind: str, path: Path, record: dict[str, Any], names: dict[str, str]
) -> ReviewItem:
    speaker = None
    paragraph = record.get("paragraph")
    if kind == "quote":
        text = str(record.get("text", ""))
        speakers = [names.get(s, s) for s in record.get("speakers", [])]
        speaker = " and ".join(speakers) or None
    elif kind == "fact":
        text = str(record.get("statement", ""))
        speaker = record.get("attribution")
    elif kind == "role":
        text = f"{names.get(record['id'], record['id'])}: {record.get('role', '')}"
    else:
        role = record.get("role") if isinstance(record.get("role"), dict) else None
        text = f"{record.get('name', '')} ({record.get('kind', '?')})"
        if role is not None:
            text += f", {role.get('text', '')}"
            paragraph = role.get("paragraph")
    confidence = record.get("confidence")
    return ReviewItem(
        source=source,
        kind=kind,
        id=record["id"],
        paragraph=paragraph if isinstance(paragraph, int) else None,
        text=text,
        speaker=speaker,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        file=path,
    )


def _blocks(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(id, first line, end line, key indentation) of each top-level record."""
    lines = text.split("\n")
    starts = [(n, m) for n, line in enumerate(lines) if (m := _RECORD.match(line))]
    for position, (number, match) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        yield match.group("id"), number, end, " " * (1 + len(match.group(1)))


def _flip(path: Path, wanted: set[str] | None) -> int:
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    flipped: list[str] = []
    for record_id, first, end, indent in _blocks(original):
        if wanted is not None and record_id not in wanted:
            continue
        pattern = re.compile(rf"^{indent}reviewed:\s*false\b(?P<rest>.*)$")
        for number in range(first + 1, end):
            match = pattern.match(lines[number])
            if match:
                lines[number] = f"{indent}reviewed: true{match.group('rest')}"
                flipped.append(record_id)
                break
    if not flipped:
        return 0
    edited = "\n".join(lines)
    path.write_text(edited, encoding="utf-8")
    try:
        records = {r["id"]: r for r in _read(path)}
        ok = all(records.get(i, {}).get("reviewed") is True for i in flipped)
    except IngestError:
        ok = False
    if not ok:
        path.write_text(original, encoding="utf-8")
        raise IngestError(f"{path}: marking {', '.join(flipped)} reviewed failed; file restored")
    return len(flipped)
