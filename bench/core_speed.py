"""Speed and memory of the core, as README.md reports them.

    python -m bench.core_speed

Measures, on the public evaluation questions: in-process answer latency (the answerer
alone, and through `Envoy.handle` with its SQLite log write), the cold start of a
process answering one question with the knowledge already loaded, its peak memory, and
a 200-question `batch` run end to end.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

from bot.answers import Question
from bot.commands import Answerer
from bot.config import Settings
from bot.evaluation import DEFAULT_EVALUATION_FILE, read_items
from bot.knowledge import load_knowledge
from bot.service import Envoy

ROUNDS = 20


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


_REPORT_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            print('peak-kib', line.split()[1], file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['bot', *sys.argv[1:]]\n"
    "runpy.run_module('bot', run_name='__main__')\n"
)
"""Runs `python -m bot` and, at exit, prints the process's own peak resident memory
(VmHWM). Not `ru_maxrss`: on Linux a child's ru_maxrss keeps the resident size of the
process it was forked from, up to its exec, so a child of this benchmark (which has
answered every question, who-said's word vectors loaded) would report this process's
memory, not its own."""


def child_process(args: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, float]:
    """Wall time (s) of one `python -m bot` run, and its own peak memory (MiB; 0 where
    /proc is missing)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _REPORT_PEAK, *args],
        env=env,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(result.stderr)
    peak = next(
        (
            int(line.split()[1]) / 1024
            for line in result.stderr.splitlines()
            if line.startswith("peak-kib")
        ),
        0.0,
    )
    return elapsed, peak


def main() -> None:
    items = read_items(DEFAULT_EVALUATION_FILE)
    questions = [(i.command, i.text) for i in items]
    answerer = Answerer(load_knowledge())
    core: list[float] = []
    for _ in range(ROUNDS):
        for command, text in questions:
            started = time.perf_counter()
            answerer.answer(command, text)
            core.append((time.perf_counter() - started) * 1000)

    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "ENVOY_DATA_DIR": data, "ENVOY_HASH_KEY": "bench"}
        env.pop("DATABASE_URL", None)
        settings = Settings.from_env(env)
        envoy = Envoy.start(settings)
        logged: list[float] = []
        for command, text in questions:
            started = time.perf_counter()
            envoy.handle(Question(command, text, platform="bench", asker=f"b{len(logged)}"))
            logged.append((time.perf_counter() - started) * 1000)
        envoy.close()

        starts, peaks = [], []
        for _ in range(5):
            elapsed, peak = child_process(["ask", "who is the DNI"], env)
            starts.append(elapsed)
            peaks.append(peak)
        batch_input = "".join(
            json.dumps({"command": c, "text": t}) + "\n" for c, t in questions[:200]
        )
        batch_runs = [child_process(["batch"], env, batch_input) for _ in range(3)]
        batches = [elapsed for elapsed, _ in batch_runs]
        batch_peak = max(peak for _, peak in batch_runs)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"questions: {len(questions)} x {ROUNDS} rounds")
    print(
        f"answer latency (core): p50 {statistics.median(core):.3f} ms, "
        f"p99 {percentile(core, 0.99):.3f} ms, max {max(core):.3f} ms"
    )
    print(
        f"answer latency (with SQLite log write): p50 {statistics.median(logged):.3f} ms, "
        f"p99 {percentile(logged, 0.99):.3f} ms"
    )
    print(
        f"cold start to first answer: median {statistics.median(starts):.3f} s "
        f"(best {min(starts):.3f} s)"
    )
    print(f"peak memory of that process: {max(peaks):.1f} MiB")
    print(
        f"200-question batch end to end: median {statistics.median(batches):.3f} s "
        f"(peak memory {batch_peak:.1f} MiB)"
    )


if __name__ == "__main__":
    main()
