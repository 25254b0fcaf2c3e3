"""How Envoy scales with the size of its fact base, on SQLite and PostgreSQL.

    python -m bench.scale [--sizes 1000,10000,100000,1000000] [--databases sqlite,postgres]

For each size, a synthetic fact base (bench/synthetic.py) is written once under
bench/.cache/, loaded through the ordinary loader into a fresh database (`envoy db
upgrade`), then measured in fresh processes: cold start (`envoy ask`, process start to
answer, knowledge already loaded), answer latency over sample questions (p50/p99 of the
answerer, database search included) and peak memory. Results go to
bench/results/scale.{md,json,png}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench.synthetic import sample_questions, write_knowledge

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"
POSTGRES = os.environ.get("ENVOY_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1/test")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(url: str, knowledge: Path, questions: int) -> dict[str, Any]:
    """In this process: start Envoy on a loaded database and time the answers."""
    from bot.config import Settings
    from bot.service import Envoy

    env = {**os.environ, "DATABASE_URL": url, "ENVOY_KNOWLEDGE_DIR": str(knowledge)}
    started = time.perf_counter()
    envoy = Envoy.start(Settings.from_env(env))
    start_seconds = time.perf_counter() - started
    asked = list(sample_questions(knowledge, questions))
    for command, text in asked[:20]:  # warm the caches a real process would have
        envoy.answerer.answer(command, text)
    timings, answered = [], 0
    for command, text in asked:
        began = time.perf_counter()
        answer = envoy.answerer.answer(command, text)
        timings.append((time.perf_counter() - began) * 1000)
        answered += answer.answered
    envoy.close()
    return {
        "index": "database" if type(envoy.answerer.index).__name__ == "DatabaseIndex" else "memory",
        "start_s": start_seconds,
        "p50_ms": statistics.median(timings),
        "p99_ms": percentile(timings, 0.99),
        "answered": answered / len(asked),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started, result.stdout


def _database(kind: str, workdir: Path, size: int) -> tuple[str, str | None]:
    if kind == "sqlite":
        path = workdir / f"scale-{size}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}", None
    import psycopg

    schema = f"envoy_scale_{size}_{uuid.uuid4().hex[:6]}"
    plain = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return f"{POSTGRES}?options=-csearch_path%3D{schema}", schema


def _drop(schema: str | None) -> None:
    if schema is None:
        return
    import psycopg

    plain = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def run_size(size: int, databases: list[str], questions: int) -> list[dict[str, Any]]:
    knowledge = CACHE / f"synthetic-{size}"
    if not (knowledge / "entities.yaml").exists():
        began = time.perf_counter()
        write_knowledge(knowledge, size)
        print(f"  wrote {size} facts in {time.perf_counter() - began:.1f} s", flush=True)
    rows = []
    for kind in databases:
        url, schema = _database(kind, CACHE, size)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "ENVOY_KNOWLEDGE_DIR": str(knowledge),
            "ENVOY_DATA_DIR": str(CACHE / "data"),
            "ENVOY_HASH_KEY": "bench",
            "ENVOY_LOG_LEVEL": "WARNING",
        }
        try:
            load_s, _ = _run(["-m", "bot", "db", "upgrade"], env)
            question = next(iter(sample_questions(knowledge, 3)))[1]
            cold = [_run(["-m", "bot", "ask", question], env)[0] for _ in range(3)]
            _, out = _run(
                [
                    "-m",
                    "bench.scale",
                    "--measure",
                    url,
                    "--knowledge",
                    str(knowledge),
                    "--questions",
                    str(questions),
                ],
                env,
            )
            result = json.loads(out.strip().splitlines()[-1])
        finally:
            _drop(schema)
        row = {
            "facts": size,
            "database": kind,
            "load_s": load_s,
            "cold_start_s": statistics.median(cold),
            **result,
        }
        print(f"  {kind}: {json.dumps(row)}", flush=True)
        rows.append(row)
    return rows


def write_results(rows: list[dict[str, Any]], command: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        f"Command: `{command}`  ",
        f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}  ",
        f"Date: {time.strftime('%Y-%m-%d')}",
        "",
        "| facts | database | index | load (once) | cold start | p50 | p99 | peak memory |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['facts']:,} | {r['database']} | {r['index']} | {r['load_s']:.1f} s | "
            f"{r['cold_start_s']:.2f} s | {r['p50_ms']:.2f} ms | {r['p99_ms']:.2f} ms | "
            f"{r['peak_mib']:.0f} MiB |"
        )
    (RESULTS / "scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _plot(rows)


def _plot(rows: list[dict[str, Any]]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install '.[bench]')")
        return
    figure, (latency, memory) = plt.subplots(1, 2, figsize=(11, 4.2))
    for kind in sorted({r["database"] for r in rows}):
        mine = sorted((r for r in rows if r["database"] == kind), key=lambda r: r["facts"])
        sizes = [r["facts"] for r in mine]
        latency.plot(sizes, [r["p99_ms"] for r in mine], marker="o", label=f"{kind} p99")
        latency.plot(sizes, [r["p50_ms"] for r in mine], marker=".", ls="--", label=f"{kind} p50")
        memory.plot(sizes, [r["peak_mib"] for r in mine], marker="o", label=kind)
    for axis, title, unit in (
        (latency, "Answer latency", "ms"),
        (memory, "Peak memory of the answering process", "MiB"),
    ):
        axis.set_xscale("log")
        axis.set_xlabel("facts in the fact base")
        axis.set_ylabel(unit)
        axis.set_title(title)
        axis.grid(alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(RESULTS / "scale.png", dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--knowledge", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.knowledge, args.questions)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size} facts", flush=True)
        rows += run_size(size, args.databases.split(","), args.questions)
    write_results(rows, "python -m bench.scale " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
