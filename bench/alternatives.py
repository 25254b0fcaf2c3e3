"""Envoy side by side with what a user would otherwise pick: BM25, MiniLM, rapidfuzz.

    python -m bench.alternatives [--set public|heldout|blind|newsroom|community|unseen|both|all]

Every system answers through the same batch interface (JSON lines in, one answer JSON
line out, in order), each in its own process: Envoy as `python -m bot batch` (with
ENVOY_DATA_DIR in a temporary directory), each baseline as `python -m bench.baselines
NAME --threshold T`. The baselines search the article's sentences and decline below a
threshold, tuned on tests/evaluation/public.jsonl to maximise answer accuracy + decline
accuracy (so their public figures are fitted, their held-out ones are not); Envoy runs
as it is.

Measured per system and set: accuracy on answerable questions and on declines (scored by
`bot.evaluation.is_correct`), the same on `ask` questions alone (a baseline names no
speaker, so it fails every `who-said`), a baseline's answerable accuracy when it never
declines, per-question latency p50/p99 taken inside the process (`bench.baselines.timed`;
the median over --rounds interleaved runs), cold start (process start to the first
answer, one question, median of several runs) and peak memory (the process's own
ru_maxrss, from os.wait4). Results go to bench/results/alternatives.{md,json,png}.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.baselines.timed import TIMINGS_PREFIX
from bot.answers import Answer, Citation
from bot.evaluation import EvalItem, is_correct, read_items

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "public": ROOT / "tests/evaluation/public.jsonl",
    "heldout": ROOT / "tests/evaluation/heldout.jsonl",
    "blind": ROOT / "tests/evaluation/blind.jsonl",
    "newsroom": ROOT / "tests/evaluation/newsroom.jsonl",
    "community": ROOT / "tests/evaluation/community.jsonl",
    "unseen": ROOT / "tests/evaluation/unseen.jsonl",
}
RESULTS = ROOT / "bench/results"
BASELINES = ("bm25", "minilm", "rapidfuzz")
LABELS = {
    "envoy": "Envoy",
    "bm25": "BM25 (bm25s)",
    "minilm": "MiniLM (all-MiniLM-L6-v2)",
    "rapidfuzz": "rapidfuzz (token_set_ratio)",
}
SHORT_LABELS = {"envoy": "Envoy", "bm25": "BM25", "minilm": "MiniLM", "rapidfuzz": "rapidfuzz"}
COLD_STARTS = 3
ROUNDS = 3


@dataclass(frozen=True, slots=True)
class System:
    """One system under test: the module run with `python -m`, and its arguments."""

    name: str
    module: str
    args: tuple[str, ...] = ()

    @property
    def command(self) -> str:
        return " ".join(("python", "-m", self.module, *self.args))

    def argv(self, *, timed: bool) -> list[str]:
        prefix = ["-m", "bench.baselines.timed", self.module] if timed else ["-m", self.module]
        return [sys.executable, *prefix, *self.args]


@dataclass(slots=True)
class Run:
    """What one batch process gave: its replies in order and how it ran."""

    replies: list[dict[str, Any]]
    timings_ms: list[float]
    first_answer_s: float
    wall_s: float
    maxrss_kib: int


@dataclass(slots=True)
class Score:
    """Correct answers out of questions, by part of an evaluation set."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, part: str, correct: bool) -> None:
        tally = self.counts.setdefault(part, [0, 0])
        tally[0] += correct
        tally[1] += 1

    def rate(self, part: str) -> float:
        correct, total = self.counts.get(part, [0, 0])
        return correct / total if total else math.nan

    def cell(self, part: str) -> str:
        correct, total = self.counts.get(part, [0, 0])
        return f"{correct}/{total} ({correct / total:.1%})" if total else "-"


def run_batch(system: System, env: dict[str, str], lines: Sequence[str], *, timed: bool) -> Run:
    """Run one batch process over `lines`; its peak memory is its own (os.wait4)."""
    payload = "".join(line + "\n" for line in lines)
    started = time.perf_counter()
    process = subprocess.Popen(
        system.argv(timed=timed),
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    stdin, stdout, stderr = process.stdin, process.stdout, process.stderr
    if stdin is None or stdout is None or stderr is None:
        raise RuntimeError("the batch process has no pipes")

    def feed() -> None:
        stdin.write(payload)
        stdin.close()

    errors: list[str] = []
    writer = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=lambda: errors.extend(stderr.readlines()), daemon=True)
    writer.start()
    reader.start()
    replies: list[dict[str, Any]] = []
    first_answer = math.nan
    for line in stdout:
        if not replies:
            first_answer = time.perf_counter() - started
        replies.append(json.loads(line))
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    writer.join()
    reader.join()
    if process.returncode:
        raise RuntimeError(f"{system.command} exited {process.returncode}:\n{''.join(errors)}")
    if len(replies) != len(lines):
        raise RuntimeError(f"{system.command}: {len(replies)} replies to {len(lines)} lines")
    timings: list[float] = []
    for error_line in errors:
        if error_line.startswith(TIMINGS_PREFIX):
            timings = [float(t) for t in json.loads(error_line[len(TIMINGS_PREFIX) :])]
    if timed and len(timings) != len(lines):
        raise RuntimeError(f"{system.command}: {len(timings)} timings for {len(lines)} lines")
    return Run(replies, timings, first_answer, wall, usage.ru_maxrss)


def to_answer(reply: dict[str, Any]) -> Answer:
    """The `Answer` a batch reply stands for (a reply with `error` is a decline)."""
    citations = tuple(
        Citation(
            quote=str(c.get("quote", "")),
            paragraph=int(c["paragraph"]),
            source=str(c.get("source", "")),
            source_id=str(c.get("source_id", "")),
            speaker=c.get("speaker"),
        )
        for c in reply.get("citations", [])
    )
    return Answer(
        answered=bool(reply.get("answered")) and "error" not in reply,
        text=str(reply.get("text", reply.get("error", ""))),
        command=str(reply.get("command", "")),
        citations=citations,
        speaker=reply.get("speaker"),
        confidence=float(reply.get("confidence", 0.0)),
        suggestions=tuple(reply.get("suggestions", [])),
    )


def score(items: Sequence[EvalItem], answers: Sequence[Answer]) -> Score:
    """Tally `is_correct` over the whole set, `ask` alone and `who-said` alone."""
    result = Score()
    for item, answer in zip(items, answers, strict=True):
        correct = is_correct(item, answer)
        kind = "answerable" if item.answerable else "declined"
        result.add(kind, correct)
        result.add(f"{item.command}:{kind}", correct)
    return result


def tune_threshold(items: Sequence[EvalItem], replies: Sequence[dict[str, Any]]) -> float:
    """The threshold that maximises answer accuracy + decline accuracy on `items`, given the
    replies of a run that never declined. Of equally good thresholds the lowest is taken,
    moved halfway down to the next lower score seen, so it makes the same decisions here."""
    answers = [to_answer(r) for r in replies]
    scores = [float(r["score"]) for r in replies]
    right = [is_correct(item, answer) for item, answer in zip(items, answers, strict=True)]
    answerable = sum(item.answerable for item in items) or 1
    unanswerable = sum(not item.answerable for item in items) or 1
    candidates = sorted({s for s in scores if s > 0})
    best, best_value = math.inf, -1.0
    for threshold in [*candidates, math.inf]:
        answered_ok = declined_ok = 0
        for item, value, ok in zip(items, scores, right, strict=True):
            answered = value >= threshold
            if item.answerable:
                answered_ok += answered and ok
            else:
                declined_ok += not answered
        objective = answered_ok / answerable + declined_ok / unanswerable
        if objective > best_value + 1e-12:
            best, best_value = threshold, objective
    lower = [s for s in candidates if s < best]
    return (best + lower[-1]) / 2 if lower and math.isfinite(best) else best


def _rate(counts: dict[str, list[int]], part: str) -> float:
    correct, total = counts.get(part, [0, 0])
    return correct / total if total else math.nan


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (as in bench.core_speed)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cold_start(system: System, env: dict[str, str], line: str) -> float:
    """Median seconds from process start to the first answer, over COLD_STARTS runs."""
    return statistics.median(
        run_batch(system, env, [line], timed=False).first_answer_s for _ in range(COLD_STARTS)
    )


def machine() -> dict[str, Any]:
    """Cores, CPU model, architecture and Python version of this machine."""
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "arch": platform.machine(),
        "python": platform.python_version(),
    }


def render_markdown(report: dict[str, Any]) -> str:
    """The results as Markdown: how they were taken, then one table per set."""
    host = report["machine"]
    load = report["load_average_1min"]
    envoy_citations = statistics.mean(
        row["mean_citations_when_answered"]
        for rows in report["sets"].values()
        for row in rows
        if row["system"] == "envoy"
    )
    out = [
        "# Envoy against the alternatives",
        "",
        f"Command: `{report['command']}`  ",
        f"Date: {report['date']}  ",
        f"Machine: {host['cores']} cores, {host['cpu']} ({host['arch']}), "
        + f"Python {host['python']} (1-minute load average {load['before']:.1f} before, "
        + f"{load['after']:.1f} after)",
        "",
        "Every system answers the set through the same batch interface, in its own process "
        "(JSON lines in, one answer line out, in order). The baselines search the article's "
        f"{report['sentences']} sentences and answer with the best one, citing its paragraph; "
        "each declines below a threshold **tuned on public.jsonl** (maximising answer "
        "accuracy + decline accuracy), so their public figures are fitted and their held-out "
        "figures are not. Envoy runs as it is. Answers are scored with "
        "`bot.evaluation.is_correct`. A baseline names no speaker, so it fails every "
        "`who-said` question: the *ask only* columns compare on free questions alone, and "
        "*never declining* is a baseline's answerable accuracy with no threshold (its best "
        "sentence always given), the most its ranking can reach.",
        "",
        f"Latency is per question, measured inside each process (line read to reply written; "
        "Envoy's includes its SQLite log write), the median over "
        f"{report['rounds']} runs of each run's p50 and p99. Cold start is process start to "
        f"first answer (median of {COLD_STARTS}; Envoy's database already created). Peak "
        "memory is the process's own ru_maxrss, the largest over the runs. Envoy cites "
        f"{envoy_citations:.1f} passages per answer on average (every quote for `quotes`); a "
        "baseline cites its one best sentence.",
        "",
    ]
    for name, rows in report["sets"].items():
        out += [
            f"## {name} ({rows[0]['questions']} questions)",
            "",
            "| system | answerable, correct | unanswerable, declined | ask only: answerable "
            "| ask only: declined | who-said | never declining: answerable (ask only) "
            "| p50 | p99 | cold start | peak memory | threshold |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            cells = row["cells"]
            threshold = "-" if row["threshold"] is None else f"{row['threshold']:.4g}"
            never = row["never_declining"]
            ceiling = "-" if never is None else f"{never['answerable']} ({never['ask:answerable']})"
            out.append(
                f"| {LABELS[row['system']]} | {cells['answerable']} | {cells['declined']} "
                f"| {cells['ask:answerable']} | {cells['ask:declined']} "
                f"| {cells['who-said:answerable']} | {ceiling} | {row['p50_ms']:.2f} ms "
                f"| {row['p99_ms']:.2f} ms | {row['cold_start_s']:.2f} s "
                f"| {row['peak_mib']:.0f} MiB | {threshold} |"
            )
        out.append("")
    commands = "; ".join(f"`{row['command']}`" for row in next(iter(report["sets"].values())))
    out += [
        f"Commands: {commands}.",
        "",
        "![accuracy and latency](alternatives.png)",
        "",
    ]
    return "\n".join(out)


def plot(report: dict[str, Any], path: Path) -> None:
    """Accuracy bars and p50 latency per system, one row per set."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = list(report["sets"].items())
    figure, axes = plt.subplots(
        len(sets), 2, figsize=(12, 4.2 * len(sets)), squeeze=False, width_ratios=(1.7, 1)
    )
    measures = (
        ("answerable", "answerable, correct"),
        ("ask:answerable", "ask only: answerable, correct"),
        ("declined", "unanswerable, declined"),
    )
    colours = ("#3b6ea8", "#8fb3dd", "#d9822b")
    for (name, rows), (accuracy, latency) in zip(sets, axes, strict=True):
        labels = [LABELS[r["system"]].replace(" (", "\n(") for r in rows]
        width = 0.26
        for shift, ((key, legend), colour) in enumerate(zip(measures, colours, strict=True)):
            values = [100 * r["rates"][key] for r in rows]
            xs = [i + (shift - 1) * width for i in range(len(rows))]
            bars = accuracy.bar(xs, values, width, label=legend, color=colour)
            accuracy.bar_label(bars, fmt="%.0f", fontsize=8, padding=2)
        ceilings = [
            (i - width, 100 * _rate(r["never_declining"]["counts"], "answerable"))
            for i, r in enumerate(rows)
            if r["never_declining"]
        ]
        accuracy.scatter(
            [x for x, _ in ceilings],
            [y for _, y in ceilings],
            marker="D",
            s=28,
            facecolors="white",
            edgecolors="black",
            zorder=3,
            label="answerable, if it never declined",
        )
        accuracy.set_xticks(range(len(rows)), labels, fontsize=9)
        accuracy.set_ylim(0, 120)
        accuracy.set_ylabel("% of questions")
        accuracy.set_title(f"{name}: accuracy (baseline thresholds tuned on public)")
        accuracy.legend(loc="upper right", fontsize=8, ncols=2, frameon=False)
        accuracy.grid(axis="y", alpha=0.3)

        p50 = [r["p50_ms"] for r in rows]
        p99 = [r["p99_ms"] for r in rows]
        bars = latency.bar(range(len(rows)), p50, 0.6, color="#5a9e6f", label="p50")
        latency.scatter(range(len(rows)), p99, marker="_", s=400, color="black", label="p99")
        latency.bar_label(
            bars, labels=[f"{v:.2f}" for v in p50], fontsize=9, label_type="center", color="white"
        )
        latency.set_yscale("log")
        latency.set_ylim(0.05, 200)
        latency.set_xticks(range(len(rows)), [SHORT_LABELS[r["system"]] for r in rows])
        latency.set_ylabel("ms per question (log scale)")
        latency.set_title(f"{name}: latency per question, in process")
        latency.legend(loc="upper left", fontsize=8, frameon=False)
        latency.grid(axis="y", alpha=0.3, which="both")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


PARTS = ("answerable", "declined", "ask:answerable", "ask:declined", "who-said:answerable")


def bench_env(data_dir: str) -> dict[str, str]:
    """The environment of every batch process: Envoy's data in `data_dir`, no hub access."""
    env = {
        **os.environ,
        "ENVOY_DATA_DIR": data_dir,
        "ENVOY_HASH_KEY": "bench",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "TRANSFORMERS_VERBOSITY": "error",
        "TOKENIZERS_PARALLELISM": "false",
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    env.pop("DATABASE_URL", None)
    return env


def summarise(
    system: System,
    threshold: float | None,
    items: Sequence[EvalItem],
    runs: Sequence[Run],
    never_declining: Score | None,
) -> dict[str, Any]:
    """One row of results: accuracy from the first run (the answers do not change between
    runs), latency as the median over runs of each run's p50 and p99, the largest peak."""
    tally = score(items, [to_answer(r) for r in runs[0].replies])
    answered = [r for r in runs[0].replies if r.get("answered")]
    for run in runs[1:]:
        if [to_answer(r) for r in run.replies] != [to_answer(r) for r in runs[0].replies]:
            print(f"warning: {system.name} answered differently between runs", file=sys.stderr)
    return {
        "system": system.name,
        "command": system.command,
        "threshold": threshold,
        "questions": len(items),
        "counts": tally.counts,
        "rates": {part: tally.rate(part) for part in PARTS},
        "cells": {part: tally.cell(part) for part in PARTS},
        "never_declining": (
            None
            if never_declining is None
            else {
                "counts": never_declining.counts,
                "answerable": never_declining.cell("answerable"),
                "ask:answerable": never_declining.cell("ask:answerable"),
            }
        ),
        "p50_ms": statistics.median(statistics.median(r.timings_ms) for r in runs),
        "p99_ms": statistics.median(percentile(r.timings_ms, 0.99) for r in runs),
        "max_ms": max(max(r.timings_ms) for r in runs),
        "rounds": [
            {
                "p50_ms": statistics.median(r.timings_ms),
                "p99_ms": percentile(r.timings_ms, 0.99),
                "first_answer_s": r.first_answer_s,
                "wall_s": r.wall_s,
                "peak_mib": r.maxrss_kib / 1024,
            }
            for r in runs
        ],
        "peak_mib": max(r.maxrss_kib for r in runs) / 1024,
        "mean_citations_when_answered": (
            statistics.mean(len(r.get("citations", [])) for r in answered) if answered else 0.0
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Tune the baselines, run every system on the chosen sets, write the results."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.alternatives",
        description="Envoy side by side with BM25, MiniLM and rapidfuzz baselines.",
    )
    parser.add_argument(
        "--set",
        choices=(*SETS, "both", "all"),
        default="all",
        help="evaluation set(s) to report: both = public and heldout, all = every set "
        "(default all; thresholds are always tuned on public)",
    )
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help=f"timed runs per system and set ({ROUNDS})"
    )
    args = parser.parse_args(argv)
    chosen = {"all": list(SETS), "both": ["public", "heldout"]}.get(args.set, [args.set])
    items = {name: read_items(SETS[name]) for name in SETS}
    lines = {
        name: [json.dumps({"command": i.command, "text": i.text}) for i in items[name]]
        for name in SETS
    }
    from bench.baselines.article import load_article

    sentences = len(load_article()[1])
    load_before = os.getloadavg()
    results: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="envoy-bench-") as data:
        env = bench_env(data)
        systems = [System("envoy", "bot", ("batch",))]
        thresholds: dict[str, float | None] = {"envoy": None}
        never: dict[tuple[str, str], Score] = {}
        for name in BASELINES:
            untuned = System(name, "bench.baselines", (name, "--threshold=-inf"))
            for set_name in dict.fromkeys(["public", *chosen]):
                replies = run_batch(untuned, env, lines[set_name], timed=False).replies
                never[name, set_name] = score(items[set_name], [to_answer(r) for r in replies])
                if set_name == "public":
                    thresholds[name] = tune_threshold(items["public"], replies)
            print(f"{name}: threshold {thresholds[name]:.6g} (tuned on public)", file=sys.stderr)
            systems.append(
                System(name, "bench.baselines", (name, f"--threshold={thresholds[name]:.6g}"))
            )
        for set_name in chosen:
            runs: dict[str, list[Run]] = {system.name: [] for system in systems}
            for _ in range(args.rounds):  # round-robin, so a busy spell hits every system
                for system in systems:
                    runs[system.name].append(run_batch(system, env, lines[set_name], timed=True))
            results[set_name] = [
                summarise(
                    system,
                    thresholds[system.name],
                    items[set_name],
                    runs[system.name],
                    never.get((system.name, set_name)),
                )
                for system in systems
            ]
        starts = {s.name: cold_start(s, env, lines["public"][0]) for s in systems}
    for rows in results.values():
        for row in rows:
            row["cold_start_s"] = starts[row["system"]]

    report = {
        "command": f"python -m bench.alternatives --set {args.set}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_average_1min": {"before": load_before[0], "after": os.getloadavg()[0]},
        "rounds": args.rounds,
        "sentences": sentences,
        "thresholds_tuned_on": "public",
        "sets": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "alternatives.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    markdown = render_markdown(report)
    (RESULTS / "alternatives.md").write_text(markdown, encoding="utf-8")
    plot(report, RESULTS / "alternatives.png")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
