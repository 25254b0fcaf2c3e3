"""Read a plain-text article into a title and numbered paragraphs.

The first line is the title unless one is given (then the whole file is body). Paragraphs
are one per line, or separated by blank lines when the text is hard-wrapped. Lines of
page furniture ("Leave a Comment", "Advertisement") are dropped. `Article.text` is what
the draft keeps as `article.txt`: the file itself when the loader's split already gives
the same paragraphs, otherwise the title and the paragraphs one per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.ingest.errors import IngestError
from bot.ingest.lexicon import FURNITURE
from bot.knowledge.loader import DEFAULT_FURNITURE, split_paragraphs


@dataclass(frozen=True, slots=True)
class Article:
    """An article ready to draft: title, paragraphs (paragraph 1 is index 0), file text."""

    title: str
    paragraphs: tuple[str, ...]
    text: str
    furniture: tuple[str, ...] = DEFAULT_FURNITURE
    """The furniture lines the loader must drop to get `paragraphs` back from `text`."""

    def paragraph(self, number: int) -> str:
        """The text of paragraph `number` (1-based)."""
        return self.paragraphs[number - 1]


def read_article(path: Path, *, title: str | None = None) -> Article:
    """Read the article file at `path`; raises `IngestError` when it cannot be used."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(f"cannot read {path}: {error}") from error
    return parse_article(raw, title=title)


def parse_article(raw: str, *, title: str | None = None) -> Article:
    """Split the text of an article into title and paragraphs (see the module docstring)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    if not raw.endswith("\n"):
        raw += "\n"
    lines = raw.split("\n")
    if title is None:
        title, lines = lines[0], lines[1:]
        candidate = raw
    else:
        candidate = f"{' '.join(title.split())}\n\n{raw}"
    title = " ".join(title.split())
    if not title:
        raise IngestError("the article has no title")
    dropped = [line.strip() for line in lines if line.strip().casefold() in FURNITURE]
    paragraphs = tuple(
        _blocks([line for line in lines if line.strip().casefold() not in FURNITURE])
    )
    if not paragraphs:
        raise IngestError("the article has no paragraphs")
    furniture: tuple[str, ...] = DEFAULT_FURNITURE
    extra = [line for line in dropped if line not in DEFAULT_FURNITURE]
    if extra:
        furniture = (*DEFAULT_FURNITURE, *dict.fromkeys(extra))
    if split_paragraphs(candidate, furniture) == paragraphs:
        return Article(title, paragraphs, candidate, furniture)
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return Article(title, paragraphs, text, DEFAULT_FURNITURE)


def _blocks(lines: list[str]) -> list[str]:
    """Paragraph texts: one per line, or one per blank-line-separated block when blank
    lines separate blocks of several lines (hard-wrapped text)."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(" ".join(line.split()))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) > 1 and any(len(b) > 1 for b in blocks):
        return [" ".join(b) for b in blocks]
    return [line for block in blocks for line in block]
