"""How well the ingest attributes quotations: on the seed, and on a labelled corpus.

    python -m bench.attribution                       # the seed article only
    python -m bench.attribution --corpus DIR          # a labelled corpus, by split
    python -m bench.attribution --corpus DIR --split dev --misses
    python -m bench.attribution --corpus DIR --questions

The seed run ingests the seed article into a temporary copy of the knowledge directory
(never the repository's own) and compares the drafted quotes with the curated
`knowledge/sources/ukraine-diplomacy/quotes.yaml`, once with the known entities and once
cold, with none.

The corpus (`--corpus`, else the `ENVOY_ATTRIBUTION_CORPUS` variable) lives outside the
repository: `DIR/<slug>/article.txt` (headline, blank line, paragraphs separated by blank
lines), `DIR/<slug>/labels.json` (every quoted span with its paragraph, verbatim text,
speaker or null, speaker kind and pattern tag), `DIR/dev.txt` and `DIR/test.txt` (the
slugs of each split) and, optionally, `DIR/<slug>/questions.jsonl` (an evaluation set in
the format of `tests/evaluation/`, paragraph numbers in that article). Each article is
ingested alone into a fresh copy of `knowledge/`, the seed and its entities included, so a
role or surname of the seed that captured a new article's speaker counts as a mistake.

Scoring, one labelled span at a time. A drafted quote's piece stands for a labelled span
of the same paragraph when each covers at least half of the other. A span is attributed
when a piece stands for it, right when the drafted speaker is the labelled one (people by
name, initials and order of given names aside; bodies, documents and roles by their
words, articles aside). A drafted piece that stands for no labelled span counts as
attributed and wrong.

    precision = right / attributed        recall = right / labelled spans with a speaker

`--questions` also ingests each article, serves the unedited draft (unreviewed items
included) and scores its questions with `bot.evaluation`; an answer counts only if a
citation comes from that article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.answers import Answer
from bot.commands import Answerer
from bot.evaluation import EvalReport, evaluate, read_items
from bot.ingest import ingest_file
from bot.ingest.entities import fold, strip_determiner, without_initials
from bot.ingest.lexicon import TITLES
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, Entity, KnowledgeBase, Quote, load_knowledge
from bot.knowledge.loader import find_verbatim

CURATED_SOURCE = "ukraine-diplomacy"
SEED = DEFAULT_KNOWLEDGE_DIR.parents[1] / "shared" / "seed" / "article.txt"
FALLBACK = DEFAULT_KNOWLEDGE_DIR / "sources" / CURATED_SOURCE / "article.txt"
SLUG = "attribution-bench"
CORPUS_VARIABLE = "ENVOY_ATTRIBUTION_CORPUS"
MANIFEST = Path(__file__).resolve().parent / "corpus_manifest.json"
NO_PATTERN = "-"

SpeakerKey = Callable[[KnowledgeBase, str], str]
Span = tuple[int, int]


# -- the seed run ----------------------------------------------------------------------


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


def spans(quote: Quote, paragraph: str) -> list[Span]:
    """Character spans of a quote's pieces in its paragraph, in order."""
    return [span for span in (piece_spans(quote.pieces, paragraph)) if span is not None]


def piece_spans(pieces: Sequence[str], paragraph: str) -> list[Span | None]:
    """The span of each piece in `paragraph`, searched in order (None where not found)."""
    result: list[Span | None] = []
    cursor = 0
    for piece in pieces:
        exact = find_verbatim(piece, paragraph[cursor:]) or find_verbatim(piece, paragraph)
        if exact is None:
            result.append(None)
            continue
        start = paragraph.find(exact, cursor)
        start = paragraph.find(exact) if start < 0 else start
        result.append((start, start + len(exact)))
        cursor = start + len(exact)
    return result


def overlaps(a: list[Span], b: list[Span]) -> bool:
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

    def located(quote: Quote) -> list[Span]:
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


@contextmanager
def knowledge_copy(*, cold: bool = False) -> Iterator[Path]:
    """A temporary copy of the repository's knowledge directory (cold: no source, no
    entity), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="envoy-attribution-") as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
        if cold:
            shutil.rmtree(knowledge / "sources" / CURATED_SOURCE)
            (knowledge / "entities.yaml").write_text("[]\n", encoding="utf-8")
        yield knowledge


def run_seed(article: Path, curated: KnowledgeBase, *, cold: bool) -> tuple[Score, list[str]]:
    """Ingest `article` into a temporary knowledge copy and score it."""
    with knowledge_copy(cold=cold) as knowledge:
        report = ingest_file(article, SLUG, knowledge_dir=knowledge)
        drafted = load_knowledge(knowledge, include_unreviewed=True)
        score = compare(drafted, curated, by_name if cold else by_id)
        left_out = [
            f"  no speaker p{u.paragraph}: “{u.text[:60]}” ({u.reason})"
            for u in report.unattributed
        ]
    return score, left_out


def seed_main(article: Path) -> None:
    """Print the seed's precision, recall and every miss, for both runs."""
    curated = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    print(f"attribution of {article}")
    for label, cold in (("with the known entities", False), ("cold, no known entities", True)):
        score, left_out = run_seed(article, curated, cold=cold)
        print(
            f"{label}: precision {score.precision:.1%} ({score.correct}/{score.attributed} "
            f"drafted quotes right), recall {score.recall:.1%} "
            f"({score.found}/{score.curated} curated quotes found with their speakers)"
        )
        for line in score.misses + left_out:
            print(line)


# -- the labelled corpus ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled quoted span of a corpus article."""

    paragraph: int
    text: str
    speaker: str | None
    kind: str
    pattern: str


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """An article of the corpus: where it is and its labels."""

    slug: str
    directory: Path
    labels: tuple[Label, ...]
    paragraphs: tuple[str, ...]

    @property
    def article(self) -> Path:
        return self.directory / "article.txt"

    @property
    def questions(self) -> Path:
        return self.directory / "questions.jsonl"


def read_corpus_article(directory: Path) -> CorpusArticle:
    """Read `directory`'s article and labels."""
    raw = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
    text = (directory / "article.txt").read_text(encoding="utf-8")
    paragraphs = tuple(block.strip() for block in text.rstrip("\n").split("\n\n")[1:])
    labels = tuple(
        Label(
            paragraph=int(q["paragraph"]),
            text=q["text"],
            speaker=q.get("speaker"),
            kind=q.get("speaker_kind", ""),
            pattern=q.get("pattern") or NO_PATTERN,
        )
        for q in raw["quotes"]
    )
    return CorpusArticle(directory.name, directory, labels, paragraphs)


def split_slugs(corpus: Path, split: str) -> list[str]:
    """The slugs of `split` ("dev", "test"), in the order the split file lists them."""
    path = corpus / f"{split}.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    folded = fold(text).replace("’s", "").replace("'s", "")
    return [w.strip(".,;:") for w in folded.split() if w.strip(".,;:")]


def same_speaker(label: Label, entity: Entity) -> bool:
    """Whether `entity` is the labelled speaker (see the module docstring)."""
    assert label.speaker is not None
    names = [entity.name]
    if label.kind == "person" and entity.kind == "person":
        wanted = _words(without_initials(label.speaker))
        for name in names:
            given = _words(without_initials(name))
            if given == wanted:
                return True
            if given and wanted and given[-1] == wanted[-1]:
                if set(given) <= set(wanted) and (len(given) >= 2 or _titles_only(wanted, given)):
                    return True
                if set(wanted) <= set(given):
                    return True
        return False
    wanted = _words(strip_determiner(label.speaker))
    for name in names:
        given = _words(strip_determiner(name))
        if given == wanted:
            return True
        if given and wanted and given[-1] == wanted[-1] and set(wanted) <= set(given):
            return True
    return False


def _titles_only(wanted: list[str], given: list[str]) -> bool:
    """Whether the words of `wanted` missing from `given` are titles ("King Hamad")."""
    titles = {fold(t) for t in TITLES}
    return all(w in titles for w in wanted if w not in given)


@dataclass
class Tally:
    """Attributed, right and labelled counts of one group of spans."""

    attributed: int = 0
    right: int = 0
    labelled: int = 0

    def add(self, other: Tally) -> None:
        self.attributed += other.attributed
        self.right += other.right
        self.labelled += other.labelled

    @property
    def precision(self) -> float:
        return self.right / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


@dataclass
class ArticleScore:
    """One article's tallies, overall and by pattern, and the lines saying what missed."""

    slug: str
    overall: Tally = field(default_factory=Tally)
    patterns: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def tally(self, pattern: str) -> Tally:
        return self.patterns.setdefault(pattern, Tally())


def _stands_for(a: Span, b: Span) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and 2 * overlap >= a[1] - a[0] and 2 * overlap >= b[1] - b[0]


def score_article(item: CorpusArticle, kb: KnowledgeBase, slug: str) -> ArticleScore:
    """Score the drafted quotes of source `slug` against `item`'s labels."""
    result = ArticleScore(item.slug)
    source = kb.sources[slug]
    pieces: list[tuple[Quote, int, Span]] = []
    for quote in (q for q in kb.quotes if q.source == slug):
        paragraph = source.paragraph(quote.paragraph)
        for span in piece_spans(quote.pieces, paragraph):
            if span is not None:
                pieces.append((quote, quote.paragraph, span))
    used: set[int] = set()
    for label in item.labels:
        paragraph = item.paragraphs[label.paragraph - 1]
        start = paragraph.find(label.text)
        span = (start, start + len(label.text))
        tally = result.tally(label.pattern)
        if label.speaker:
            tally.labelled += 1
        matched = [
            n
            for n, (_, number, piece) in enumerate(pieces)
            if number == label.paragraph and _stands_for(span, piece)
        ]
        used.update(matched)
        where = f"p{label.paragraph} [{label.pattern}] “{_cut(label.text)}”"
        if not matched:
            if label.speaker:
                result.misses.append(f"  missed {where}: {label.speaker}")
            continue
        quote = pieces[matched[0]][0]
        tally.attributed += 1
        given = [kb.entities[s] for s in quote.speakers]
        names = " + ".join(e.name for e in given)
        if label.speaker and len(given) == 1 and same_speaker(label, given[0]):
            tally.right += 1
        else:
            result.misses.append(f"  wrong  {where}: {names} != {label.speaker}")
    for n, (quote, number, piece) in enumerate(pieces):
        if n in used:
            continue
        extra = result.tally("(not a labelled span)")
        extra.attributed += 1
        text = source.paragraph(number)[piece[0] : piece[1]]
        names = " + ".join(kb.entities[s].name for s in quote.speakers)
        result.misses.append(f"  extra  p{number} “{_cut(text)}”: {names}")
    for tally in result.patterns.values():
        result.overall.add(tally)
    return result


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attribute_corpus(items: Sequence[CorpusArticle], *, misses: bool) -> list[ArticleScore]:
    """Ingest every article alone into a fresh knowledge copy and score it."""
    scores = []
    for item in items:
        with knowledge_copy() as knowledge:
            began = time.perf_counter()
            ingest_file(item.article, SLUG, knowledge_dir=knowledge)
            elapsed = time.perf_counter() - began
            kb = load_knowledge(knowledge, include_unreviewed=True)
        score = score_article(item, kb, SLUG)
        score.seconds = elapsed
        scores.append(score)
        if misses and score.misses:
            print(f"{item.slug}:")
            for line in score.misses:
                print(line)
    return scores


def print_scores(split: str, scores: Sequence[ArticleScore]) -> None:
    """The split's precision and recall, overall and by pattern, as a Markdown table."""
    overall = Tally()
    patterns: dict[str, Tally] = {}
    for score in scores:
        overall.add(score.overall)
        for name, tally in score.patterns.items():
            patterns.setdefault(name, Tally()).add(tally)
    seconds = sum(s.seconds for s in scores)
    print(
        f"\n{split}: {len(scores)} articles, ingest {seconds:.2f} s in all "
        f"({seconds / max(1, len(scores)):.2f} s each)"
    )
    print("\n| pattern | precision (right / attributed) | recall (right / labelled) |")
    print("|---|---|---|")
    print(
        f"| **all** | **{_ratio(overall.right, overall.attributed)}** | "
        f"**{_ratio(overall.right, overall.labelled)}** |"
    )
    for name in sorted(patterns, key=lambda n: (-patterns[n].labelled, n)):
        tally = patterns[name]
        print(
            f"| {name} | {_ratio(tally.right, tally.attributed)} | "
            f"{_ratio(tally.right, tally.labelled)} |"
        )


def _ratio(part: int, whole: int) -> str:
    if not whole:
        return "-"
    return f"{part / whole:.1%} ({part}/{whole})"


# -- questions answered from the unedited drafts ----------------------------------------


def answer_questions(items: Sequence[CorpusArticle], *, misses: bool) -> EvalReport:
    """Each article's questions, answered from its unedited draft (see the docstring)."""
    total = EvalReport()
    for item in items:
        if not item.questions.exists():
            continue
        questions = read_items(item.questions)
        with knowledge_copy() as knowledge:
            ingest_file(item.article, item.slug, knowledge_dir=knowledge)
            kb = load_knowledge(knowledge, include_unreviewed=True)
        answerer = Answerer(kb)

        def ask(
            command: str, text: str, slug: str = item.slug, answerer: Answerer = answerer
        ) -> Answer:
            answer = answerer.answer(command, text)
            own = tuple(c for c in answer.citations if c.source_id == slug)
            if answer.answered and not own:
                return replace(answer, answered=False)
            return replace(answer, citations=own)

        report = evaluate(questions, ask)
        _merge(total, report)
        print(f"  {item.slug}: {report.summary()}")
        if misses:
            for miss in report.misses:
                print(f"    miss {json.dumps(miss, ensure_ascii=False)}")
    return total


def _merge(total: EvalReport, report: EvalReport) -> None:
    total.answerable += report.answerable
    total.answered_correctly += report.answered_correctly
    total.unanswerable += report.unanswerable
    total.declined += report.declined
    total.false_attributions += report.false_attributions
    total.confirmed_false_claims += report.confirmed_false_claims


# -- provenance --------------------------------------------------------------------------


def manifest_entry(item: CorpusArticle) -> dict[str, Any]:
    """What the repository may keep of an article: where it is from, no text."""
    raw = json.loads((item.directory / "labels.json").read_text(encoding="utf-8"))
    return {
        "slug": item.slug,
        "url": raw.get("url"),
        "license": raw.get("license"),
        "source": raw.get("provenance"),
        "sha256": hashlib.sha256(item.article.read_bytes()).hexdigest(),
    }


def check_manifest(items: Sequence[CorpusArticle]) -> list[str]:
    """Articles whose text differs from the manifest's, or that it does not list."""
    if not MANIFEST.exists():
        return []
    known = {e["slug"]: e for e in json.loads(MANIFEST.read_text(encoding="utf-8"))}
    problems = []
    for item in items:
        entry = known.get(item.slug)
        digest = hashlib.sha256(item.article.read_bytes()).hexdigest()
        if entry is None:
            problems.append(f"{item.slug}: not in {MANIFEST.name}")
        elif entry["sha256"] != digest:
            problems.append(f"{item.slug}: article.txt differs from the manifest's (sha256)")
    return problems


# -- the command -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the seed comparison, or score a corpus (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.attribution",
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", nargs="?", type=Path, default=None, help="seed run only")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ[CORPUS_VARIABLE]) if os.environ.get(CORPUS_VARIABLE) else None,
        help=f"the labelled corpus directory (default: ${CORPUS_VARIABLE})",
    )
    parser.add_argument(
        "--split", action="append", choices=("dev", "test"), help="default: dev, then test"
    )
    parser.add_argument("--misses", action="store_true", help="list every miss by article")
    parser.add_argument(
        "--questions", action="store_true", help="also answer each article's questions"
    )
    parser.add_argument(
        "--write-manifest", action="store_true", help=f"write {MANIFEST.name} (no text)"
    )
    args = parser.parse_args(argv)
    if args.corpus is None:
        seed_main(args.article or (SEED if SEED.exists() else FALLBACK))
        return 0
    corpus: Path = args.corpus
    if not (corpus / "dev.txt").exists():
        print(f"{corpus}: not a labelled corpus (no dev.txt)", file=sys.stderr)
        return 2
    splits = args.split or ["dev", "test"]
    if args.write_manifest:
        everything = [
            read_corpus_article(corpus / s)
            for split in ("dev", "test")
            for s in split_slugs(corpus, split)
        ]
        entries = sorted((manifest_entry(i) for i in everything), key=lambda e: e["slug"])
        MANIFEST.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MANIFEST} ({len(entries)} articles)")
    for split in splits:
        items = [read_corpus_article(corpus / slug) for slug in split_slugs(corpus, split)]
        for problem in check_manifest(items):
            print(f"warning: {problem}", file=sys.stderr)
        scores = attribute_corpus(items, misses=args.misses)
        print_scores(split, scores)
        if args.questions:
            print(f"\n{split}: questions answered from the unedited drafts")
            report = answer_questions(items, misses=args.misses)
            print(f"{split} questions: {report.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
