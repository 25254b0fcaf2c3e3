"""Keep the attribution corpus's labels in the repository, as positions, not text.

    python -m bench.corpus_labels save CORPUS    # CORPUS's labels -> bench/corpus_labels.json
    python -m bench.corpus_labels write CORPUS   # bench/corpus_labels.json -> CORPUS

The corpus's article texts are other people's prose and stay out of the repository
(`bench/corpus_text.py` rebuilds them from their sources). Its labels are ours: every
quoted span's speaker, kind and pattern, the articles' questions, and which split each
article is in. `save` stores each span as its paragraph and character offsets, never its
words, so that a corpus lost with its machine is rebuilt whole from the sources and this
file; `write` puts `labels.json`, `questions.jsonl`, `dev.txt` and `test.txt` back beside
the rebuilt texts, each span's words read from the text at its offsets.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LABELS = Path(__file__).with_name("corpus_labels.json")
SPLITS = ("dev", "test")


class LabelError(ValueError):
    """A label that does not fit its article's text."""


def _paragraphs(article: Path) -> list[str]:
    text = article.read_text(encoding="utf-8")
    return [block.strip() for block in text.rstrip("\n").split("\n\n")[1:]]


def positions(corpus: Path) -> dict[str, Any]:
    """Every article's labels, spans as offsets, with its split and questions."""
    split_of = {
        slug.strip(): split
        for split in SPLITS
        for slug in (corpus / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        if slug.strip()
    }
    articles: dict[str, Any] = {}
    for slug in sorted(split_of):
        directory = corpus / slug
        paragraphs = _paragraphs(directory / "article.txt")
        raw = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
        spans = []
        for quote in raw["quotes"]:
            number, text = int(quote["paragraph"]), quote["text"]
            start = paragraphs[number - 1].find(text) if 1 <= number <= len(paragraphs) else -1
            if start < 0:
                raise LabelError(f"{slug}: paragraph {number} does not hold {text[:40]!r}")
            spans.append(
                {
                    "paragraph": number,
                    "start": start,
                    "end": start + len(text),
                    "speaker": quote.get("speaker"),
                    "speaker_kind": quote.get("speaker_kind", ""),
                    "pattern": quote.get("pattern", ""),
                }
            )
        questions_file = directory / "questions.jsonl"
        questions = (
            [json.loads(line) for line in questions_file.read_text("utf-8").splitlines() if line]
            if questions_file.exists()
            else []
        )
        articles[slug] = {"split": split_of[slug], "quotes": spans, "questions": questions}
    return articles


def write(labels: dict[str, Any], corpus: Path) -> list[str]:
    """Write the labels beside the texts in `corpus`; the slugs whose text is missing."""
    missing = []
    splits: dict[str, list[str]] = {split: [] for split in SPLITS}
    for slug, entry in labels.items():
        directory = corpus / slug
        if not (directory / "article.txt").exists():
            missing.append(slug)
            continue
        splits[entry["split"]].append(slug)
        paragraphs = _paragraphs(directory / "article.txt")
        quotes = []
        for span in entry["quotes"]:
            number = span["paragraph"]
            if not 1 <= number <= len(paragraphs) or span["end"] > len(paragraphs[number - 1]):
                raise LabelError(f"{slug}: span {span} lies outside its paragraph")
            text = paragraphs[number - 1][span["start"] : span["end"]]
            quotes.append({"paragraph": number, "text": text, **_rest(span)})
        (directory / "labels.json").write_text(
            json.dumps({"quotes": quotes}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (directory / "questions.jsonl").write_text(
            "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in entry["questions"]),
            encoding="utf-8",
        )
    for split, slugs in splits.items():
        (corpus / f"{split}.txt").write_text("".join(s + "\n" for s in slugs), encoding="utf-8")
    return missing


def _rest(span: dict[str, Any]) -> dict[str, Any]:
    return {k: span[k] for k in ("speaker", "speaker_kind", "pattern")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=("save", "write"))
    parser.add_argument("corpus", type=Path, help="the corpus directory")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"not a directory: {args.corpus}", file=sys.stderr)
        return 2
    try:
        if args.action == "save":
            labels = positions(args.corpus)
            LABELS.write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", "utf-8")
            print(f"{len(labels)} articles -> {LABELS}")
            return 0
        labels = json.loads(LABELS.read_text(encoding="utf-8"))
        missing = write(labels, args.corpus)
    except LabelError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(labels) - len(missing)} articles labelled; {len(missing)} without a text")
    for slug in missing:
        print(f"  {slug}")
    return 0 if not missing else 1


if __name__ == "__main__":
    raise SystemExit(main())
