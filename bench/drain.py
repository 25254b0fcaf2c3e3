"""The drain on SIGTERM: what happens to the answers in flight when a platform stops Envoy.

    python -m bench.drain [--requests 300] [--rounds 3] [--platforms slack,discord]

For each platform, `python -m bot serve slack --http` or `python -m bot serve discord` runs
as its own process against the local stand-in (tests/fakes, on 127.0.0.1) and a fresh SQLite
database. The bench sends `--requests` questions as fast as it can (signed slash commands
from 50 concurrent connections; INTERACTION_CREATE dispatches on the gateway), sends SIGTERM
the moment the last one is acknowledged (Slack) or dispatched (Discord), and records how many
answers the process said were in flight when its stop began (its own log line), how long it
took from SIGTERM to exit, the exit status, and how many questions got their answer. Results
go to bench/results/drain.{md,json}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from tests.fakes.discord_fake import (
    APPLICATION_ID,
    GUILD_ID,
    FakeDiscord,
    slash_interaction,
    user_payload,
)
from tests.fakes.slack import FakeSlack, form_body, sign, slash_command_form

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SECRET = "drain-signing-secret"  # noqa: S105 (the stand-in Slack's, not a real one)
CLIENTS = 50
QUESTIONS = (
    ("ask", "question", "When did Xi visit Moscow?"),
    ("who-said", "quote", "no limits"),
    ("about", "subject", "Crimea"),
    ("ask", "question", "what did blinken say about china"),
)
IN_FLIGHT = re.compile(r"finishing (\d+) (?:piece|answer)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(workdir: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir}/drain.sqlite3",
        ENVOY_DATA_DIR=workdir,
        ENVOY_HASH_KEY="drain",
        ENVOY_RATE_LIMIT="0",
        ENVOY_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def _serve(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )


def _stop(process: subprocess.Popen[bytes]) -> tuple[int, float]:
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=60)
    return code, time.monotonic() - began


def _in_flight(log: Path) -> int:
    match = IN_FLIGHT.search(log.read_text(encoding="utf-8", errors="replace"))
    return int(match.group(1)) if match else 0


# -- Slack -----------------------------------------------------------------------------------


async def _post_all(port: int, slack: FakeSlack, requests: int) -> int:
    url = f"http://127.0.0.1:{port}/slack/events"
    pending = list(range(requests))
    acked = 0

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal acked
        while pending:
            n = pending.pop()
            command, _, text = QUESTIONS[n % len(QUESTIONS)]
            form = slash_command_form(
                command, text, user_id=f"U{n:08d}", response_url=slack.response_url()
            )
            body = form_body(form)
            headers = {**sign(SECRET, body), "Content-Type": "application/x-www-form-urlencoded"}
            async with session.post(url, data=body, headers=headers) as reply:
                await reply.read()
                acked += reply.status == 200

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CLIENTS)) as session:
        await asyncio.gather(*(client(session) for _ in range(CLIENTS)))
    return acked


def drain_slack(requests: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir, FakeSlack() as slack:
        port = _free_port()
        env = _environment(
            workdir,
            SLACK_BOT_TOKEN=slack.bot_token,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=slack.base_url,
            HOST="127.0.0.1",
            PORT=str(port),
        )
        log = Path(workdir) / "serve.log"
        process = _serve(["slack", "--http"], env, log)
        try:
            _wait_healthy(port)
            acked = asyncio.run(_post_all(port, slack, requests))
            code, seconds = _stop(process)
        finally:
            if process.poll() is None:
                process.kill()
        return {
            "platform": "slack",
            "requests": requests,
            "acknowledged": acked,
            "in_flight_at_sigterm": _in_flight(log),
            "seconds_to_exit": seconds,
            "exit_status": code,
            "answered": len({r.url_id for r in slack.responses() if r.ok}),
        }


def _wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the Slack HTTP server did not start")


# -- Discord ---------------------------------------------------------------------------------


def drain_discord(requests: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir, FakeDiscord() as fake:
        env = _environment(
            workdir,
            DISCORD_TOKEN=fake.token,
            DISCORD_API_BASE=fake.base_url,
            DISCORD_GATEWAY_URL=fake.gateway_url,
            DISCORD_GUILD_ID=str(GUILD_ID),
            ENVOY_DISCORD_COOLDOWN="off",
        )
        log = Path(workdir) / "serve.log"
        process = _serve(["discord"], env, log)
        try:
            fake.wait_ready(timeout=60)
            fake.wait_request(
                "PUT", rf"^/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands$"
            )
            payloads = []
            for n in range(requests):
                name, option, text = QUESTIONS[n % len(QUESTIONS)]
                user = user_payload(10**18 + n, f"user{n}")
                payload = slash_interaction(name, {option: text}, user=user)
                fake.send_interaction(payload)
                payloads.append(payload)
            code, seconds = _stop(process)
        finally:
            if process.poll() is None:
                process.kill()
        answered = sum(_answered(fake, payload) for payload in payloads)
        return {
            "platform": "discord",
            "requests": requests,
            "acknowledged": requests,
            "in_flight_at_sigterm": _in_flight(log),
            "seconds_to_exit": seconds,
            "exit_status": code,
            "answered": answered,
            "close_codes": fake.client_close_codes,
        }


def _answered(fake: FakeDiscord, payload: dict[str, Any]) -> bool:
    """An embed sent in the callback (type 4), or in a followup after a deferral (type 5)."""
    callbacks = fake.requests("POST", rf"^/interactions/{payload['id']}/[^/]+/callback$")
    if any(c.status in (200, 204) and c.body.get("type") == 4 for c in callbacks):
        return True
    followups = fake.requests("POST", rf"^/webhooks/\d+/{re.escape(payload['token'])}$")
    return any(f.status == 200 for f in followups)


# -- report ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--platforms", default="slack,discord")
    args = parser.parse_args()
    runs = {"slack": drain_slack, "discord": drain_discord}
    rows = []
    for name in args.platforms.split(","):
        for _ in range(args.rounds):
            row = runs[name](args.requests)
            print(json.dumps(row), flush=True)
            rows.append(row)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "drain.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"Command: `python -m bench.drain {' '.join(sys.argv[1:])}`  ",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}",
        "",
        "| platform | questions | in flight at SIGTERM | SIGTERM to exit | exit status "
        "| answered | gateway close code |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {r['platform']} | {r['requests']} | {r['in_flight_at_sigterm']} | "
        f"{r['seconds_to_exit']:.2f} s | {r['exit_status']} | {r['answered']} | "
        f"{', '.join(str(c) for c in r.get('close_codes', [])) or '—'} |"
        for r in rows
    ]
    (RESULTS / "drain.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
