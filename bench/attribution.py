"""How well the ingest attributes quotations, measured against the curated seed source.

    python -m bench.attribution [ARTICLE]

Ingests the seed article (../shared/seed/article.txt, else the curated copy) into a
temporary copy of the knowledge directory, never into the repository's own, and compares
the drafted quotes with the curated `knowledge/sources/ukraine-diplomacy/quotes.yaml`. A
curated quote is found when a drafted quote's pieces overlap its pieces in the same
paragraph; the attribution is correct when the speaker sets are equal.

    precision = correct drafted quotes / drafted (attributed) quotes
    recall    = curated quotes found with the right speakers / curated quotes

It runs twice: with the known entities (the ingest reuses their ids), and cold, with an
empty entity list, where speakers are compared by name; the cold run shows the rules do
not lean on the curated entities.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.ingest import ingest_file
from bot.ingest.entities import fold
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, KnowledgeBase, Quote, load_knowledge
from bot.knowledge.loader import find_verbatim

CURATED_SOURCE = "ukraine-diplomacy"
SEED = DEFAULT_KNOWLEDGE_DIR.parents[1] / "shared" / "seed" / "article.txt"
FALLBACK = DEFAULT_KNOWLEDGE_DIR / "sources" / CURATED_SOURCE / "article.txt"
SLUG = "attribution-bench"

SpeakerKey = Callable[[KnowledgeBase, str], str]


@dataclass
class Score:
    """Counts of one comparison and the lines describing what went wrong."""

    attributed: int = 0
    correct: int = 0
    curated: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Correct drafted quotes over drafted quotes."""
        return self.correct / self.attributed if self.attributed else 0.0

    @property
    def recall(self) -> float:
        """Curated quotes found with the right speakers over curated quotes."""
        return self.found / self.curated if self.curated else 0.0


def spans(quote: Quote, paragraph: str) -> list[tuple[int, int]]:
    """Character spans of a quote's pieces in its paragraph, in order."""
    result = []
    cursor = 0
    for piece in quote.pieces:
        exact = find_verbatim(piece, paragraph[cursor:]) or find_verbatim(piece, paragraph)
        if exact is None:
            continue
        start = paragraph.find(exact, cursor)
        start = paragraph.find(exact) if start < 0 else start
        result.append((start, start + len(exact)))
        cursor = start + len(exact)
    return result


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """Whether any span of `a` overlaps any span of `b`."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def compare(
    drafted_kb: KnowledgeBase,
    curated_kb: KnowledgeBase,
    key: SpeakerKey,
) -> Score:
    """Score the drafted quotes of `SLUG` against the curated quotes."""
    source = curated_kb.sources[CURATED_SOURCE]
    curated = [q for q in curated_kb.quotes if q.source == CURATED_SOURCE]
    drafted = [q for q in drafted_kb.quotes if q.source == SLUG]
    score = Score(attributed=len(drafted), curated=len(curated))

    def located(quote: Quote) -> list[tuple[int, int]]:
        return spans(quote, source.paragraph(quote.paragraph))

    def speakers(kb: KnowledgeBase, quote: Quote) -> set[str]:
        return {key(kb, s) for s in quote.speakers}

    for quote in drafted:
        matches = [
            c
            for c in curated
            if c.paragraph == quote.paragraph and overlaps(located(c), located(quote))
        ]
        wrong = [c for c in matches if speakers(curated_kb, c) != speakers(drafted_kb, quote)]
        if matches and not wrong:
            score.correct += 1
        elif not matches:
            score.misses.append(f"  extra   p{quote.paragraph} {quote.id}: not a curated quote")
        else:
            score.misses.append(
                f"  wrong   p{quote.paragraph} {quote.id}: "
                f"{sorted(speakers(drafted_kb, quote))} != {sorted(speakers(curated_kb, wrong[0]))}"
            )
    for quote in curated:
        matches = [
            d
            for d in drafted
            if d.paragraph == quote.paragraph and overlaps(located(d), located(quote))
        ]
        if any(speakers(drafted_kb, d) == speakers(curated_kb, quote) for d in matches):
            score.found += 1
        elif not matches:
            score.misses.append(f"  missed  p{quote.paragraph} {quote.id}: “{quote.text[:60]}”")
    return score


def by_id(kb: KnowledgeBase, entity_id: str) -> str:
    """Speakers compared by entity id (the run with the known entities)."""
    del kb
    return entity_id


def by_name(kb: KnowledgeBase, entity_id: str) -> str:
    """Speakers compared by folded name (the cold run, whose ids are new)."""
    return fold(kb.entities[entity_id].name)


def run(article: Path, curated: KnowledgeBase, *, cold: bool) -> tuple[Score, list[str]]:
    """Ingest `article` into a temporary knowledge copy and score it."""
    with tempfile.TemporaryDirectory(prefix="envoy-attribution-") as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
        if cold:
            shutil.rmtree(knowledge / "sources" / CURATED_SOURCE)
            (knowledge / "entities.yaml").write_text("[]\n", encoding="utf-8")
        report = ingest_file(article, SLUG, knowledge_dir=knowledge)
        drafted = load_knowledge(knowledge, include_unreviewed=True)
        score = compare(drafted, curated, by_name if cold else by_id)
        left_out = [
            f"  no speaker p{u.paragraph}: “{u.text[:60]}” ({u.reason})"
            for u in report.unattributed
        ]
    return score, left_out


def main(argv: Sequence[str] | None = None) -> int:
    """Print precision, recall and every miss, for both runs."""
    parser = argparse.ArgumentParser(prog="python -m bench.attribution", description=__doc__)
    parser.add_argument("article", nargs="?", type=Path, default=None)
    args = parser.parse_args(argv)
    article = args.article or (SEED if SEED.exists() else FALLBACK)
    curated = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    print(f"attribution of {article}")
    for label, cold in (("with the known entities", False), ("cold, no known entities", True)):
        score, left_out = run(article, curated, cold=cold)
        print(
            f"{label}: precision {score.precision:.1%} ({score.correct}/{score.attributed} "
            f"drafted quotes right), recall {score.recall:.1%} "
            f"({score.found}/{score.curated} curated quotes found with their speakers)"
        )
        for line in score.misses + left_out:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
