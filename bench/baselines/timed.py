"""Run a batch process with per-question timings taken inside that process.

    python -m bench.baselines.timed MODULE [ARG ...]

Runs `python -m MODULE ARG ...` (for example `bot batch`, or `bench.baselines bm25`)
unchanged, in this process, with stdin and stdout wrapped: a question's time runs from
the moment the batch loop takes its line from stdin to the moment the reply line is
written to stdout, so it covers parsing, answering (and Envoy's log write) and encoding,
but neither start-up nor waiting for input. When the module returns, the timings are
written to stderr as one line, `TIMINGS_PREFIX` and a JSON list of milliseconds in
input order.
"""

from __future__ import annotations

import json
import runpy
import sys
import time
from collections import deque
from collections.abc import Iterator
from typing import Any, TextIO

TIMINGS_PREFIX = "BENCH_TIMINGS_MS "


class _TimedInput:
    """Hands out stdin's lines, noting when each non-blank one is taken."""

    def __init__(self, stream: TextIO, started: deque[float]) -> None:
        self._stream = stream
        self._started = started

    def __iter__(self) -> Iterator[str]:
        for line in self._stream:
            if line.strip():
                self._started.append(time.perf_counter())
            yield line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _TimedOutput:
    """Passes writes through; each completed line closes the oldest open question."""

    def __init__(self, stream: TextIO, started: deque[float], timings: list[float]) -> None:
        self._stream = stream
        self._started = started
        self._timings = timings

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        for _ in range(text.count("\n")):
            if self._started:
                self._timings.append((time.perf_counter() - self._started.popleft()) * 1000)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: list[str]) -> int:
    """Run module `argv[0]` as `__main__` with arguments `argv[1:]`; returns its status."""
    if not argv:
        print("usage: python -m bench.baselines.timed MODULE [ARG ...]", file=sys.stderr)
        return 2
    started: deque[float] = deque()
    timings: list[float] = []
    real_stdin, real_stdout = sys.stdin, sys.stdout
    sys.stdin = _TimedInput(real_stdin, started)
    sys.stdout = _TimedOutput(real_stdout, started, timings)
    sys.argv = [argv[0], *argv[1:]]
    status: int = 0
    try:
        runpy.run_module(argv[0], run_name="__main__", alter_sys=True)
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else int(done.code is not None)
    finally:
        sys.stdin, sys.stdout = real_stdin, real_stdout
        real_stdout.flush()
        sys.stderr.write(TIMINGS_PREFIX + json.dumps([round(t, 4) for t in timings]) + "\n")
        sys.stderr.flush()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
