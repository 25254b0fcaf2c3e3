"""`python -m bench.baselines NAME [--threshold SCORE]`: a baseline's batch process."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bench.baselines.article import load_article
from bench.baselines.batch import DEFAULT_THRESHOLDS, Baseline
from bench.baselines.retrievers import build


def main(argv: Sequence[str] | None = None) -> int:
    """Build the baseline, then answer stdin's JSON lines on stdout until stdin closes."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.baselines",
        description='answer JSON lines {"command": ..., "text": ...} from stdin with the best '
        "sentence of the article, one JSON line each",
    )
    parser.add_argument("name", choices=sorted(DEFAULT_THRESHOLDS))
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="decline below this score (default: the threshold tuned on public.jsonl); "
        "--threshold=-inf never declines",
    )
    args = parser.parse_args(argv)
    threshold = DEFAULT_THRESHOLDS[args.name] if args.threshold is None else args.threshold
    title, sentences = load_article()
    baseline = Baseline(build(args.name, sentences), sentences, threshold, title)
    baseline.run(sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
