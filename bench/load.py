"""Load on the real Slack HTTP app: signed slash commands from many concurrent clients.

    python -m bench.load [--requests 10000] [--clients 50] [--databases sqlite,postgres]

For each database, `python -m bot serve slack --http` runs as its own process against a
local stand-in of Slack (tests/fakes/slack.py, on 127.0.0.1) and a fresh database. The
load generator posts signed, form-encoded slash commands (a different user each, as a
newsroom would) from `--clients` concurrent connections over loopback and times each
acknowledgement (HTTP 200). Then it waits for every answer to reach its response_url
and counts the question-log rows written against the requests sent. Results go to
bench/results/load.{md,json}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from bench.scale import POSTGRES, percentile
from tests.fakes.slack import FakeSlack, form_body, sign, slash_command_form

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SECRET = "load-signing-secret"  # noqa: S105 (the stand-in Slack's, not a real one)
QUESTIONS = (
    ("/ask", "When did Xi visit Moscow?"),
    ("/who-said", "no limits"),
    ("/quotes", "the DNI"),
    ("/about", "Crimea"),
    ("/ask", "what did blinken say about china"),
    ("/ask", "what did blinken say about iran"),
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _drive(port: int, slack: FakeSlack, requests: int, clients: int) -> dict[str, Any]:
    url = f"http://127.0.0.1:{port}/slack/events"
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(n)

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while True:
            try:
                n = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            command, text = QUESTIONS[n % len(QUESTIONS)]
            body = form_body(
                slash_command_form(
                    command, text, user_id=f"U{n:08d}", response_url=slack.response_url()
                )
            )
            headers = {**sign(SECRET, body), "Content-Type": "application/x-www-form-urlencoded"}
            began = time.perf_counter()
            try:
                async with session.post(url, data=body, headers=headers) as reply:
                    await reply.read()
                    if reply.status != 200:
                        errors += 1
            except aiohttp.ClientError:
                errors += 1
            latencies.append((time.perf_counter() - began) * 1000)

    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as session:
        began = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return {
        "requests": requests,
        "clients": clients,
        "seconds": elapsed,
        "acks_per_second": requests / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": percentile(latencies, 0.99),
        "errors": errors,
    }


def _database(kind: str, workdir: Path) -> tuple[str, str | None]:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'load.sqlite3'}", None
    import psycopg

    schema = f"envoy_load_{uuid.uuid4().hex[:8]}"
    plain = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return f"{POSTGRES}?options=-csearch_path%3D{schema}", schema


def run(kind: str, requests: int, clients: int) -> dict[str, Any]:
    from bot.storage import Store
    from bot.storage.models import QuestionLogRow

    with tempfile.TemporaryDirectory() as workdir, FakeSlack() as slack:
        url, schema = _database(kind, Path(workdir))
        port = _free_port()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "ENVOY_DATA_DIR": workdir,
            "ENVOY_HASH_KEY": "load",
            "SLACK_BOT_TOKEN": slack.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.base_url,
            "PORT": str(port),
            "ENVOY_LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "-m", "bot", "db", "upgrade"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "slack", "--http"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(port)
            result = asyncio.run(_drive(port, slack, requests, clients))
            deadline = time.monotonic() + 120
            while len(slack.responses()) < requests and time.monotonic() < deadline:
                time.sleep(0.2)
            result["answers_delivered"] = len(slack.responses())
            result["drain_seconds"] = time.monotonic() - (deadline - 120)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        store = Store(url)
        try:
            result["log_rows"] = store.count(QuestionLogRow)
        finally:
            store.close()
            if schema:
                import psycopg

                plain = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
                with psycopg.connect(plain, autocommit=True) as connection:
                    connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
    result["database"] = kind
    result["lost_rows"] = requests - result["log_rows"]
    return result


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the Slack HTTP server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--databases", default="sqlite,postgres")
    args = parser.parse_args()
    rows = []
    for kind in args.databases.split(","):
        row = run(kind, args.requests, args.clients)
        print(json.dumps(row), flush=True)
        rows.append(row)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"Command: `python -m bench.load {' '.join(sys.argv[1:])}`  ",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}",
        "",
        "| database | requests | clients | acks/s | p50 ack | p99 ack | errors | answers "
        "delivered | log rows | lost rows |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['database']} | {r['requests']:,} | {r['clients']} | {r['acks_per_second']:.0f} | "
        f"{r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['errors']} | "
        f"{r['answers_delivered']:,} | {r['log_rows']:,} | {r['lost_rows']} |"
        for r in rows
    ]
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
