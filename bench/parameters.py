"""What each matching weight is worth: move it a quarter down and up, and measure.

    python -m bench.parameters            # writes bench/results/parameters.md

For every numeric field of `bot.matching.parameters.Parameters`, the development sets
(tests/evaluation) and the training questions (tests/training) are answered with the
field at 75% and at 125% of its value, everything else as shipped, and the change in
answerable questions answered right and unanswerable ones declined is reported. A weight
whose moves cost on both sides is holding its place; one that gains on a side is a
candidate for change (on a blind round, not on these sets). The decision model is left
as fitted, so this measures each weight's effect through it.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from bot.commands import Answerer
from bot.evaluation import EvalItem, evaluate, read_items
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_KNOWLEDGE_DIR
from bot.matching.parameters import PARAMETERS, Parameters

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "parameters.md"
STEPS = (0.75, 1.25)


def _sets() -> list[EvalItem]:
    files = sorted((ROOT / "tests" / "evaluation").glob("*.jsonl"))
    files += sorted((ROOT / "tests" / "training").glob("*.jsonl"))
    return [item for path in files for item in read_items(path)]


def _figures(kb: KnowledgeBase, params: Parameters, items: list[EvalItem]) -> tuple[int, int]:
    report = evaluate(items, Answerer(kb, params=params).answer)
    return report.answered_correctly, report.declined


def main() -> int:
    kb = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    items = _sets()
    answerable = sum(i.answerable for i in items)
    base = _figures(kb, PARAMETERS, items)
    lines = [
        "# What each matching weight is worth",
        "",
        f"`python -m bench.parameters`: {len(items)} questions of the development and training "
        f"sets ({answerable} answerable). As shipped: {base[0]} answered right, {base[1]} "
        "declined. Each row moves one weight to 75% and to 125% of its value; the cells are "
        "the change in (answered right, declined).",
        "",
        "| parameter | value | at 75% | at 125% |",
        "|---|---:|---:|---:|",
    ]
    for field in dataclasses.fields(Parameters):
        value = getattr(PARAMETERS, field.name)
        cells = []
        for step in STEPS:
            moved = type(value)(value * step) if isinstance(value, float) else round(value * step)
            if moved == value:
                cells.append("-")
                continue
            found = _figures(kb, dataclasses.replace(PARAMETERS, **{field.name: moved}), items)
            cells.append(f"{found[0] - base[0]:+d}, {found[1] - base[1]:+d}")
        lines.append(f"| `{field.name}` | {value} | {cells[0]} | {cells[1]} |")
        print(lines[-1], file=sys.stderr)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
