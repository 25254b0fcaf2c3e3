"""Fit the answer-or-decline model on the training questions and write bot/matching/fitted.py.

    python -m bench.fit_decision            # fit, print the figures, rewrite fitted.py
    python -m bench.fit_decision --check    # exit 1 if fitted.py differs from a fresh fit

The training questions (`tests/training/*.jsonl`) were written for this by writers who
saw only the article: ten per paragraph in many styles, six near misses per paragraph,
(`train_c.jsonl`) off-topic questions, trolling, takeover attempts, opinions and forecasts,
and (`train_d.jsonl` to `train_g.jsonl`) five questions per paragraph as users
ask them, mostly far from the article's words, with three near misses per paragraph.
Each `ask` question is run through the pipeline up to the decision (routing and ranking;
questions routed to another command, and those a missing detail declines whatever the
decision says, are left out: the decision does not decide them); its label is whether the
best document cites one of its expected paragraphs (0 for every unanswerable one).
The model is an L2-regularised logistic regression on standardised features, fitted by
Newton's method in plain Python (deterministic, no dependency). The threshold maximises
the share of answerable training questions answered right plus `DECLINE_WEIGHT` times the
share of unanswerable ones declined: a wrong answer costs more than a decline. Where the
worth is flat near its top, the highest threshold within `WORTH_TOLERANCE` of the best is
taken (trust first, and stable under small changes of the features).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.answers import Answer
from bot.commands import Answerer
from bot.commands.ask import missing_detail, route
from bot.knowledge import load_knowledge
from bot.knowledge.loader import DEFAULT_KNOWLEDGE_DIR
from bot.matching.decision import FEATURES, features

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "tests" / "training"
FITTED = ROOT / "bot" / "matching" / "fitted.py"
L2 = 1.0
"""The ridge penalty on the standardised weights (not on the bias)."""
DECLINE_WEIGHT = 1.0
"""How much more a declined near miss counts than an answered question, in choosing the
threshold (trust first: an answer the article does not support is worse than a decline)."""
WORTH_TOLERANCE = 0.002
"""Thresholds whose worth (answerable right + unanswerable declined, as shares) is within
this of the best are as good as it (chosen on 647 training questions, kept at
1,404); the highest of them is
taken, so the threshold does not jump between the ends of a flat top."""
NEWTON_STEPS = 50
SIGNS = {
    "score": 1,
    "coverage": 1,
    "evidence_coverage": 1,
    "entity_share": 1,
    "margin": 1,
    "unknown_share": -1,
    "phrasing": 1,
    "kind_met": 1,
    "speaker_met": 1,
}
"""Features whose effect has a known direction: more of the question covered, a clearer
lead or fitting names never make a right answer less likely, and words the knowledge
never uses never make it more likely. A weight fitted against its sign is held at zero
(the feature is left out) and the rest refitted, so the model cannot learn, from
correlated features, that an unknown word is good news."""


def training_rows(
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR,
) -> list[tuple[list[float], int, bool]]:
    """(features, label, answerable) for every `ask` question of the training files that
    reaches a ranked document."""
    answerer = Answerer(load_knowledge(knowledge_dir))
    ctx = answerer.context
    rows = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if item["command"] != "ask":
                continue
            parsed = route(ctx, item["text"])
            if isinstance(parsed, Answer) or parsed.is_empty:
                continue  # routed to another command or declined before matching
            ranked = ctx.ranker.rank(parsed, limit=None)
            if not ranked or missing_detail(ctx, parsed, ranked[0]) is not None:
                continue  # declined whatever the decision says
            values = features(parsed, ranked, ctx.ranker)
            right = item["answerable"] and ranked[0].document.paragraph in item["paragraphs"]
            rows.append(([values[name] for name in FEATURES], int(right), item["answerable"]))
    return rows


def fit(rows: Sequence[tuple[list[float], int, bool]]) -> dict[str, object]:
    """Standardise, fit the logistic model (signs held) and choose the threshold."""
    # A missing value (NaN: a document without example questions) is left out of its
    # feature's mean and scale, and standardised to 0, the mean: neutral.
    columns = [[v for v in c if not math.isnan(v)] for c in zip(*(r[0] for r in rows), strict=True)]
    means = [sum(c) / len(c) if c else 0.0 for c in columns]
    scales = [
        math.sqrt(sum((v - m) ** 2 for v in c) / len(c)) or 1.0 if c else 1.0
        for c, m in zip(columns, means, strict=True)
    ]
    x = [
        [1.0]
        + [
            0.0 if math.isnan(v) else (v - m) / s
            for v, m, s in zip(r[0], means, scales, strict=True)
        ]
        for r in rows
    ]
    y = [r[1] for r in rows]
    free = set(range(len(x[0])))
    while True:
        beta = _newton(x, y, free)
        wrong = [
            (SIGNS[name] * beta[j + 1], j + 1)
            for j, name in enumerate(FEATURES)
            if name in SIGNS and j + 1 in free and SIGNS[name] * beta[j + 1] < 0
        ]
        if not wrong:
            break
        free.discard(min(wrong)[1])  # the most wrongly signed first, then refit
    probabilities = [1.0 / (1.0 + math.exp(-_dot(beta, xi))) for xi in x]
    candidates = sorted({round(p, 6) for p in probabilities})

    def worth(threshold: float) -> float:
        figures = _figures(probabilities, rows, threshold)
        return figures["answerable_correct"] + DECLINE_WEIGHT * figures["unanswerable_declined"]

    # The worth is flat near its top, so the best point moves with any small change of
    # the features; trust first: the highest threshold within WORTH_TOLERANCE of the best.
    best = max(worth(t) for t in candidates)
    threshold = max(t for t in candidates if worth(t) >= best - WORTH_TOLERANCE)
    return {
        "means": [round(v, 6) for v in means],
        "scales": [round(v, 6) for v in scales],
        "weights": [round(v, 6) for v in beta[1:]],
        "bias": round(beta[0], 6),
        "threshold": threshold,
        "figures": _figures(probabilities, rows, threshold),
    }


def _newton(x: Sequence[Sequence[float]], y: Sequence[int], free: set[int]) -> list[float]:
    """Newton's method for the L2-regularised logistic loss over the `free` coordinates
    (the others stay at zero; coordinate 0 is the bias, not penalised)."""
    kept = sorted(free)
    xs = [[row[j] for j in kept] for row in x]
    beta = [0.0] * len(kept)
    for _ in range(NEWTON_STEPS):
        gradient = [0.0] * len(beta)
        hessian = [[0.0] * len(beta) for _ in beta]
        for xi, yi in zip(xs, y, strict=True):
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, _dot(beta, xi)))))
            for j, xj in enumerate(xi):
                gradient[j] += (p - yi) * xj
                for k in range(j, len(xi)):
                    hessian[j][k] += p * (1 - p) * xj * xi[k]
        for j in range(len(beta)):
            for k in range(j):
                hessian[j][k] = hessian[k][j]
            if kept[j]:
                gradient[j] += L2 * beta[j]
                hessian[j][j] += L2
        step = _solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-10:
            break
    full = [0.0] * len(x[0])
    for j, b in zip(kept, beta, strict=True):
        full[j] = b
    return full


def _figures(
    probabilities: Sequence[float], rows: Sequence[tuple[list[float], int, bool]], threshold: float
) -> dict[str, float]:
    answerable = [(p, r) for p, r in zip(probabilities, rows, strict=True) if r[2]]
    unanswerable = [p for p, r in zip(probabilities, rows, strict=True) if not r[2]]
    return {
        "questions": len(rows),
        "answerable_correct": round(
            sum(p >= threshold and r[1] for p, r in answerable) / len(answerable), 4
        ),
        "unanswerable_declined": round(
            sum(p < threshold for p in unanswerable) / len(unanswerable), 4
        ),
    }


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gauss-Jordan elimination with partial pivoting (the system is small)."""
    n = len(vector)
    m = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        lead = m[col][col]
        m[col] = [v / lead for v in m[col]]
        for r in range(n):
            if r != col and m[r][col]:
                factor = m[r][col]
                m[r] = [a - factor * b for a, b in zip(m[r], m[col], strict=True)]
    return [m[r][n] for r in range(n)]


def render(model: dict[str, object]) -> str:
    """The text of bot/matching/fitted.py for a fitted model."""
    figures = model["figures"]
    assert isinstance(figures, dict)
    lines = [
        '"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;',
        "do not edit by hand (a test holds it to a fresh fit of the training questions).",
        "",
        f"Fitted on {figures['questions']} training questions: at the threshold, "
        f"{figures['answerable_correct']:.1%} of",
        f"the answerable ones are answered from the right paragraph and "
        f"{figures['unanswerable_declined']:.1%} of the",
        "unanswerable ones declined.",
        '"""',
        "",
        "from bot.matching.decision import Model",
        "",
        "MODEL = Model(",
    ]
    for name in ("means", "scales", "weights"):
        values = model[name]
        assert isinstance(values, list)
        lines.append(f"    {name}=(")
        lines += [
            f"        {v!r},  # {feature}" for v, feature in zip(values, FEATURES, strict=True)
        ]
        lines.append("    ),")
    lines += [f"    bias={model['bias']!r},", f"    threshold={model['threshold']!r},", ")", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fit_decision", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="compare with fitted.py, write nothing"
    )
    args = parser.parse_args(argv)
    model = fit(training_rows())
    text = render(model)
    print(json.dumps(model["figures"]), file=sys.stderr)
    if args.check:
        same = FITTED.read_text(encoding="utf-8") == text
        print("fitted.py is up to date" if same else "fitted.py differs from a fresh fit")
        return 0 if same else 1
    FITTED.write_text(text, encoding="utf-8")
    print(f"wrote {FITTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
