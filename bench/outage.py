"""A database outage under a steady stream of questions: what the question log keeps.

    python -m bench.outage [--rate 60] [--outage 10] [--before 5] [--after 10]

Envoy runs in this process on PostgreSQL behind a loopback TCP proxy (tests/faults.py),
answering `--rate` questions a second through `Envoy.handle`, each from its own asker.
After `--before` seconds the proxy drops every connection and refuses new ones for
`--outage` seconds, then lets them through again; questions go on for `--after` seconds.
It reports questions answered, rows in the database, rows lost, how answering latency
behaved during the outage, and how soon after the outage every row was written. A second
run stops the process in the middle of the outage (as SIGTERM does) and counts the rows
the next process writes from the spool. Then it measures what a queued row costs in
memory and on disk, which gives how much the buffer keeps. Results go to
bench/results/outage.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bench.scale import POSTGRES, percentile
from bot.answers import Question
from bot.config import Settings
from bot.service import Envoy
from bot.storage import LoggedQuestion, writer
from bot.storage import models as m
from bot.storage.spool import Spool
from bot.storage.store import SPOOL_ROWS, question_row
from tests.faults import CuttableProxy

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
QUESTIONS = ("When did Xi visit Moscow?", "who said no limits", "who is the dni", "crimea")


@contextmanager
def schema() -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards."""
    name = f"envoy_outage_{uuid.uuid4().hex[:8]}"
    plain = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{name}"')
    separator = "&" if "?" in POSTGRES else "?"
    try:
        yield f"{POSTGRES}{separator}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{name}" CASCADE')


def _settings(url: str, data: Path) -> Settings:
    return Settings.from_env(
        {
            "DATABASE_URL": url,
            "ENVOY_DATA_DIR": str(data),
            "ENVOY_HASH_KEY": "bench",
            "ENVOY_RATE_LIMIT": "0",
        }
    )


def _ask(envoy: Envoy, rate: float, seconds: float, counter: list[int]) -> list[float]:
    """Ask at `rate` per second for `seconds`; the latency of each answer, in ms."""
    latencies = []
    start = time.monotonic()
    while time.monotonic() < start + seconds:
        started = time.perf_counter()
        envoy.handle(Question("ask", QUESTIONS[counter[0] % 4], "bench", f"u{counter[0]}"))
        latencies.append((time.perf_counter() - started) * 1000)
        counter[0] += 1
        time.sleep(max(0.0, start + len(latencies) / rate - time.monotonic()))
    return latencies


def outage_run(url: str, rate: float, before: float, outage: float, after: float) -> dict[str, Any]:
    with CuttableProxy("127.0.0.1", _port(url)) as proxy, tempfile.TemporaryDirectory() as tmp:
        envoy = Envoy.start(_settings(proxy.url(url), Path(tmp)))
        counter = [0]
        try:
            calm = _ask(envoy, rate, before, counter)
            proxy.cut()
            during = _ask(envoy, rate, outage, counter)
            queued_at_peak = envoy.store.log_status()
            proxy.restore()
            asked_by_then = counter[0]
            caught_up: list[float] = []
            watching = threading.Thread(
                target=_time_catching_up, args=(envoy, asked_by_then, caught_up), daemon=True
            )
            watching.start()
            late = _ask(envoy, rate, after, counter)
            envoy.store.flush(timeout=120)
            watching.join(timeout=120)
            rows = envoy.store.count(m.QuestionLogRow)
            status = envoy.store.log_status()
        finally:
            envoy.close()
        return {
            "questions": counter[0],
            "asked_during_outage": len(during),
            "rows_stored": rows,
            "rows_lost": counter[0] - rows,
            "queued_at_end_of_outage": queued_at_peak["in_memory"],
            "written_within_s_of_restore": round(caught_up[0], 2) if caught_up else None,
            "p50_ms_before": round(percentile(calm, 0.5), 1),
            "p99_ms_before": round(percentile(calm, 0.99), 1),
            "p50_ms_during": round(percentile(during, 0.5), 1),
            "p99_ms_during": round(percentile(during, 0.99), 1),
            "p99_ms_after": round(percentile(late, 0.99), 1),
            "refused": status["refused"],
            "dropped": status["dropped"],
        }


def _time_catching_up(envoy: Envoy, rows: int, seconds: list[float]) -> None:
    """How long after the outage the database holds every row asked until its end."""
    started = time.monotonic()
    query = select(func.count()).select_from(m.QuestionLogRow)
    while time.monotonic() - started < 120:
        try:
            with envoy.store.engine.connect() as connection:
                if (connection.scalar(query) or 0) >= rows:
                    seconds.append(time.monotonic() - started)
                    return
        except SQLAlchemyError:
            pass
        time.sleep(0.05)


def stop_during_outage_run(url: str, rate: float, outage: float) -> dict[str, Any]:
    with CuttableProxy("127.0.0.1", _port(url)) as proxy, tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        envoy = Envoy.start(_settings(proxy.url(url), data))
        counter = [0]
        _ask(envoy, rate, 1.0, counter)
        envoy.store.flush(timeout=60)
        proxy.cut()
        _ask(envoy, rate, outage / 2, counter)
        stopping = time.monotonic()
        envoy.close()
        stopped_in = time.monotonic() - stopping
        on_disk = Spool(data / "spool", SPOOL_ROWS).rows()
        proxy.restore()
        started = time.monotonic()
        successor = Envoy.start(_settings(proxy.url(url), data))
        try:
            successor.store.flush(timeout=120)
            rows = successor.store.count(m.QuestionLogRow)
            replayed_in = time.monotonic() - started
        finally:
            successor.close()
        return {
            "questions": counter[0],
            "stopped_in_s": round(stopped_in, 2),
            "kept_on_disk": on_disk,
            "rows_stored_after_restart": rows,
            "rows_lost": counter[0] - rows,
            "next_process_started_and_wrote_them_in_s": round(replayed_in, 2),
        }


def row_costs() -> dict[str, Any]:
    """Bytes a queued row takes in memory and in the spool, and what the bounds hold."""
    row = _typical_row()
    tracemalloc.start()
    first = tracemalloc.take_snapshot()
    rows = [  # each with its own strings, as real rows are
        dict(row, id=uuid.uuid4().hex, text=f"{row['text']} {n}", asker_hash=f"{n:040x}")
        for n in range(10_000)
    ]
    second = tracemalloc.take_snapshot()
    tracemalloc.stop()
    in_memory = sum(s.size_diff for s in second.compare_to(first, "filename")) / len(rows)
    with tempfile.TemporaryDirectory() as tmp:
        spool = Spool(Path(tmp), SPOOL_ROWS)
        spool.save(rows)
        on_disk = sum(p.stat().st_size for p in Path(tmp).iterdir()) / len(rows)
    return {
        "memory_rows": writer.MEMORY_ROWS,
        "memory_bytes_per_row": round(in_memory),
        "memory_mib_at_bound": round(writer.MEMORY_ROWS * in_memory / 2**20, 1),
        "disk_rows": SPOOL_ROWS,
        "disk_bytes_per_row": round(on_disk),
        "disk_mib_at_bound": round(SPOOL_ROWS * on_disk / 2**20, 1),
    }


def _typical_row() -> dict[str, Any]:
    """A question-log row as the store queues it, for a typical question."""
    return question_row(
        LoggedQuestion(
            uuid.uuid4().hex,
            "slack",
            "ask",
            "what did blinken say about china's role in the peace talks?",
            True,
            ["fact:ukraine-diplomacy/blinken-china-peace-talks"],
            0.82,
            4.1,
            "0123456789abcdef0123456789abcdef01234567",
        )
    )


def _port(url: str) -> int:
    hostport = url.split("@", 1)[1].split("/", 1)[0]
    return int(hostport.split(":")[1]) if ":" in hostport else 5432


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=60.0, help="questions per second")
    parser.add_argument("--outage", type=float, default=10.0, help="seconds the database is away")
    parser.add_argument("--before", type=float, default=5.0)
    parser.add_argument("--after", type=float, default=10.0)
    args = parser.parse_args()
    threading.current_thread().name = "bench"
    with schema() as url:
        outage = outage_run(url, args.rate, args.before, args.outage, args.after)
    with schema() as url:
        stop = stop_during_outage_run(url, args.rate, args.outage)
    result = {
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
        "rate_per_s": args.rate,
        "outage_s": args.outage,
        "outage": outage,
        "stopped_during_outage": stop,
        "buffer": row_costs(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "outage.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "outage.md").write_text(_markdown(result))
    print(_markdown(result))


def _markdown(result: dict[str, Any]) -> str:
    o, s, b = result["outage"], result["stopped_during_outage"], result["buffer"]
    return (
        f"A {result['outage_s']:.0f} s PostgreSQL outage at {result['rate_per_s']:.0f} "
        "questions/s (python -m bench.outage):\n\n"
        "| questions | during the outage | rows stored | rows lost | all written after restore "
        "| p99 before | p99 during | p99 after |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        f"| {o['questions']} | {o['asked_during_outage']} | {o['rows_stored']} | "
        f"{o['rows_lost']} | {o['written_within_s_of_restore']} s | {o['p99_ms_before']} ms | "
        f"{o['p99_ms_during']} ms | {o['p99_ms_after']} ms |\n\n"
        "Stopped in the middle of the outage, then a new process started once it was over:\n\n"
        "| questions | stopped in | kept on disk | rows stored after restart | rows lost |\n"
        "|---:|---:|---:|---:|---:|\n"
        f"| {s['questions']} | {s['stopped_in_s']} s | {s['kept_on_disk']} | "
        f"{s['rows_stored_after_restart']} | {s['rows_lost']} |\n\n"
        f"Buffer: {b['memory_rows']:,} rows in memory ({b['memory_bytes_per_row']} bytes a "
        f"row, {b['memory_mib_at_bound']} MiB full), then {b['disk_rows']:,} on disk "
        f"({b['disk_bytes_per_row']} bytes a row, {b['disk_mib_at_bound']} MiB full).\n"
    )


if __name__ == "__main__":
    main()
