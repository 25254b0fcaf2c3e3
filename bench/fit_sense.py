"""Choose how close in sense words must be for who-said to name a quotation's speaker.

    python -m bench.fit_sense            # print the curve and the choice
    python -m bench.fit_sense --check    # exit 1 if parameters.py holds another choice

Over the training who-said items (`tests/training/*.jsonl`, written for this by writers
who saw only the article: reworded quotations, exact pieces, misquotes and invented
lines), who-said is run at each candidate pair of `sense_similarity` and `sense_margin`.
The choice is the pair that answers the most reworded quotations right while naming no
more wrong speakers (for an invented line, a misquote or another's words) than who-said
names with closeness in sense left out (trust first: a wrong attribution is worse than a
decline); on a tie, the higher similarity, then the wider margin.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.commands import Answerer
from bot.evaluation import EvalItem, is_correct, read_items
from bot.knowledge import load_knowledge
from bot.matching.parameters import PARAMETERS

TRAINING = Path(__file__).resolve().parents[1] / "tests" / "training"
SIMILARITIES = tuple(round(0.80 + 0.01 * i, 2) for i in range(18))
OFF = 2.0
"""A similarity no two texts reach: closeness in sense left out."""
MARGINS = (0.0, 0.02, 0.05)


@dataclasses.dataclass(frozen=True)
class Point:
    similarity: float
    margin: float
    right: int
    answerable: int
    wrong: int
    """Answers naming a speaker for an unanswerable line, or the wrong speaker."""


def training_items() -> list[EvalItem]:
    items = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        items.extend(i for i in read_items(path) if i.command == "who-said")
    return items


def curve(items: Sequence[EvalItem]) -> list[Point]:
    kb = load_knowledge()
    points = []
    for similarity, margin in [(OFF, 0.0)] + [(s, m) for s in SIMILARITIES for m in MARGINS]:
        params = dataclasses.replace(PARAMETERS, sense_similarity=similarity, sense_margin=margin)
        answerer = Answerer(kb, params=params)
        right = wrong = answerable = 0
        for item in items:
            answer = answerer.answer(item.command, item.text)
            good = is_correct(item, answer)
            answerable += item.answerable
            right += item.answerable and good
            wrong += answer.answered and bool(answer.speaker) and not good
        points.append(Point(similarity, margin, right, answerable, wrong))
    return points


def choose(points: Sequence[Point]) -> Point:
    """The best pair that adds no wrong attribution to who-said without it."""
    off = next(p for p in points if p.similarity == OFF)
    safe = [p for p in points if p.wrong <= off.wrong and p.similarity != OFF]
    return max(safe, key=lambda p: (p.right, p.similarity, p.margin))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fit_sense", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare with parameters.py")
    args = parser.parse_args(argv)
    items = training_items()
    points = curve(items)
    for p in points:
        print(json.dumps(dataclasses.asdict(p)), file=sys.stderr)
    best = choose(points)
    print(
        f"{len(items)} training who-said items: sense_similarity={best.similarity}, "
        f"sense_margin={best.margin}: {best.right}/{best.answerable} answerable right, "
        f"{best.wrong} wrong attributions (without closeness in sense: "
        f"{points[0].right} right, {points[0].wrong} wrong)"
    )
    if args.check:
        same = (PARAMETERS.sense_similarity, PARAMETERS.sense_margin) == (
            best.similarity,
            best.margin,
        )
        print("parameters.py holds the choice" if same else "parameters.py differs")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
