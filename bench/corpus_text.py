"""Rebuild the attribution corpus's article texts from their public sources.

    python -m bench.corpus_text SOURCES CORPUS

`bench/corpus_manifest.json` names each article's source file (a GUM `.conllu` or an
AMALGUM `.xml`, with repository and commit) and the SHA-256 of its text. Put the source
files, under their own file names, in SOURCES (GUM's with `git show COMMIT:PATH` from a
snapshot of UniversalDependencies/UD_English-GUM; AMALGUM's one by one, the repository
being too large to fetch whole). Each text is written to CORPUS/<slug>/article.txt only
when its SHA-256 is the manifest's. The labels, questions and splits follow with
`python -m bench.corpus_labels write CORPUS` (kept in the repository as positions).

The conversions, found by matching the manifest's hashes:
  - GUM: each `# newpar_block` starts a paragraph, its sentences' `# text =` lines
    joined by one space; the first paragraph is the headline.
  - AMALGUM: the headline is the `<head>` text; the body is every top-level `<p>`
    without a `style` attribute (pull-quote attributions carry one), tags stripped and
    whitespace collapsed. Some articles keep the dateline paragraph and some drop it,
    with nothing in the source to tell which: both are tried.
A text is the headline, a blank line, and the paragraphs separated by blank lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from bench.attribution import MANIFEST

_SPACES = re.compile(r"\s+")


def render(headline: str, paragraphs: list[str]) -> str:
    """The corpus's text format."""
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def gum_texts(source: str) -> Iterator[str]:
    """The text of a GUM `.conllu` source (one way of reading it)."""
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in source.splitlines():
        if line.startswith("# newpar"):
            current = [] if line.startswith("# newpar_block = ") else None
            if current is not None:
                blocks.append(current)
        elif line.startswith("# text = "):
            if current is None:
                current = []
                blocks.append(current)
            current.append(line.removeprefix("# text = "))
    paragraphs = [" ".join(sentences) for sentences in blocks]
    if paragraphs:
        yield render(paragraphs[0], paragraphs[1:])


def amalgum_texts(source: str) -> Iterator[str]:
    """The texts an AMALGUM `.xml` source may give: with its dateline, and without."""
    root = ET.fromstring(source)  # noqa: S314 (the manifest's own corpus files, read by a developer)
    head = root.find("head")
    headline = _flat("".join(head.itertext()) if head is not None else root.get("title", ""))
    body = [
        text
        for child in root
        if child.tag == "p" and child.get("style") is None
        if (text := _flat("".join(child.itertext())))
    ]
    yield render(headline, body)
    yield render(headline, body[1:])


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def rebuild(sources: Path, corpus: Path) -> tuple[list[str], list[str]]:
    """Write every article whose source is in `sources` and whose text matches the
    manifest; the slugs written, and those missing or unmatched."""
    written: list[str] = []
    left: list[str] = []
    for entry in json.loads(MANIFEST.read_text(encoding="utf-8")):
        path = sources / Path(entry["source"]["path"]).name
        if not path.exists():
            left.append(entry["slug"])
            continue
        raw = path.read_text(encoding="utf-8")
        texts = gum_texts(raw) if path.suffix == ".conllu" else amalgum_texts(raw)
        text = next(
            (t for t in texts if hashlib.sha256(t.encode("utf-8")).hexdigest() == entry["sha256"]),
            None,
        )
        if text is None:
            left.append(entry["slug"])
            continue
        target = corpus / entry["slug"] / "article.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        written.append(entry["slug"])
    return written, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="directory of the source files")
    parser.add_argument("corpus", type=Path, help="corpus directory to write into")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"not a directory: {args.sources}", file=sys.stderr)
        return 2
    written, left = rebuild(args.sources, args.corpus)
    print(f"{len(written)} articles written; {len(left)} missing or unmatched")
    for slug in left:
        print(f"  {slug}")
    return 0 if not left else 1


if __name__ == "__main__":
    raise SystemExit(main())
