"""The adapter as a process: `serve` until SIGTERM (a real ``python -m bot serve discord``
against the fake), `sync` on demand, and a clean in-process shutdown."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import discord
import pytest

from adapters.discord import serve, sync
from adapters.discord.client import create_client
from adapters.discord.run import run_until_stopped
from adapters.discord.settings import DiscordSettings
from bot.commands import COMMANDS
from bot.errors import ConfigError
from bot.service import Envoy
from tests.adapters.stand_ins import GatedEnvoy, sibling
from tests.fakes.discord_fake import (
    APPLICATION_ID,
    DEFAULT_TOKEN,
    GUILD_ID,
    FakeDiscord,
    slash_interaction,
)

from .conftest import envoy_settings
from .helpers import embed, eventually

pytestmark = pytest.mark.timeout(90)
ROOT = Path(__file__).resolve().parents[3]


def test_serve_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    with FakeDiscord() as fake:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "DISCORD_TOKEN": fake.token,
            "DISCORD_API_BASE": fake.base_url,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DISCORD_GUILD_ID": str(GUILD_ID),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'envoy.sqlite3'}",
            "ENVOY_DATA_DIR": str(tmp_path / "data"),
            "ENVOY_HASH_KEY": "test-key",
            "ENVOY_LOG_LEVEL": "DEBUG",
            "PYTHONUNBUFFERED": "1",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "discord"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            fake.wait_ready(timeout=45)
            fake.wait_request(
                "PUT", rf"^/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands$"
            )
            payload = slash_interaction("ask", {"question": "Who said no limits?"})
            callback = fake.wait_callback(fake.send_interaction(payload), timeout=10)
            assert callback.status == 200
            assert embed(callback.data)["description"]

            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            stdout, stderr = process.communicate(timeout=25)
            elapsed = time.monotonic() - started
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        assert process.returncode == 0, stderr
        assert elapsed < 25
        assert eventually(lambda: fake.open_connections == 0)
        assert fake.token not in stdout + stderr  # not even at DEBUG
        assert "stopping" in stderr
        assert "database closed" in stderr
        assert fake.violations == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once the probe closes


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        pytest.param({"DISCORD_TOKEN": "not-the-token"}, "check DISCORD_TOKEN", id="http-401"),
        pytest.param({"identify_close": 4004}, "check DISCORD_TOKEN", id="gateway-4004"),
        pytest.param({"identify_close": 4014}, "privileged intent", id="gateway-4014"),
        pytest.param({"identify_close": 4011}, "ENVOY_DISCORD_SHARDED", id="gateway-4011"),
        pytest.param({"identify_close": 4013}, "close code 4013", id="gateway-4013"),
        pytest.param(
            {"no_network": True}, "cannot reach Discord at http://127.0.0.1:", id="offline"
        ),
    ],
)
def test_a_refused_or_unreachable_discord_is_one_clear_line_and_exit_1(
    tmp_path: Path, fault: dict[str, Any], expected: str
) -> None:
    options = {k: v for k, v in fault.items() if k == "identify_close"}
    with FakeDiscord(**options) as fake:
        api_base = fake.base_url
        if fault.get("no_network"):
            api_base = f"http://127.0.0.1:{_closed_port()}/api/v10"
        env = {
            "PATH": os.environ.get("PATH", ""),
            "DISCORD_TOKEN": fault.get("DISCORD_TOKEN", fake.token),
            "DISCORD_API_BASE": api_base,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DISCORD_GUILD_ID": str(GUILD_ID),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'envoy.sqlite3'}",
            "ENVOY_DATA_DIR": str(tmp_path / "data"),
            "ENVOY_HASH_KEY": "test-key",
            "PYTHONUNBUFFERED": "1",
            "PYTHONWARNINGS": "always::ResourceWarning",
        }
        result = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "discord"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    problems = [line for line in output.splitlines() if " WARNING " in line or " ERROR " in line]
    assert len(problems) == 1, output
    assert expected in problems[0], output
    for noise in ("Traceback", "Unclosed", "voice", "ResourceWarning"):
        assert noise not in output, output
    assert env["DISCORD_TOKEN"] not in output


def test_serve_refuses_slacks_http_mode(tmp_path: Path) -> None:
    assert serve(envoy_settings(tmp_path), http=True) == 2


def test_serve_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        serve(envoy_settings(tmp_path))


@pytest.mark.parametrize("guild", [str(GUILD_ID), ""])
def test_sync_uploads_the_commands_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guild: str
) -> None:
    with FakeDiscord() as fake:
        base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        monkeypatch.setenv("DISCORD_API_BASE", fake.base_url)
        monkeypatch.setenv("DISCORD_GUILD_ID", guild)
        assert sync(envoy_settings(tmp_path)) == 0
        scope = f"/guilds/{guild}" if guild else ""
        put = fake.wait_request("PUT", rf"^/applications/{APPLICATION_ID}{scope}/commands$")
        assert [c["name"] for c in put.body] == [spec.name for spec in COMMANDS]
        assert fake.identifies == []  # no gateway connection for a sync
        assert base == discord.http.Route.BASE  # the override is undone
        assert gateway == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY

        monkeypatch.setenv("DISCORD_TOKEN", "not-the-token")
        assert sync(envoy_settings(tmp_path)) == 1


def test_sync_can_clear_a_servers_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeDiscord() as fake:
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        monkeypatch.setenv("DISCORD_API_BASE", fake.base_url)
        monkeypatch.delenv("DISCORD_GUILD_ID", raising=False)
        assert sync(envoy_settings(tmp_path), guild_id=GUILD_ID) == 0
        assert len(fake.commands(GUILD_ID)) == len(COMMANDS)
        assert sync(envoy_settings(tmp_path), guild_id=GUILD_ID, clear=True) == 0
        assert fake.commands(GUILD_ID) == []


class Serving:
    """What serve() runs (`run_until_stopped`, minus the signal handlers), in a thread."""

    def __init__(self, envoy: Envoy, *, sharded: str = "", **options: Any) -> None:
        self.settings = DiscordSettings.from_env(
            {
                "DISCORD_TOKEN": DEFAULT_TOKEN,
                "DISCORD_GUILD_ID": str(GUILD_ID),
                "ENVOY_DISCORD_SHARDED": sharded,
            }
        )
        self.envoy = envoy
        self.options = {"guild_ready_timeout": 0.05, **options}
        self.status: int | None = None
        self._ready = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self.thread.start()
        assert self._ready.wait(10)

    async def _main(self) -> None:
        self.client = create_client(self.envoy, self.settings, **self.options)
        self.stop_event = asyncio.Event()
        self.loop = asyncio.get_running_loop()
        self._ready.set()
        self.status = await run_until_stopped(
            self.client, self.settings.token, self.stop_event, drain_seconds=10.0
        )

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.stop_event.set)

    def join(self, timeout: float = 20.0) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive()


@pytest.mark.parametrize("sharded", ["", "auto"])
def test_clean_shutdown_in_process(fake: FakeDiscord, discord_envoy: Envoy, sharded: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        serving = Serving(discord_envoy, sharded=sharded)
        fake.wait_ready()
        answered = fake.wait_callback(fake.send_interaction(slash_interaction("help")))
        assert answered.status == 200
        started = time.monotonic()
        serving.stop()
        serving.join()
        gc.collect()
    assert time.monotonic() - started < 10
    assert serving.status == 0
    assert serving.client.is_closed()
    assert eventually(lambda: fake.open_connections == 0)
    assert fake.client_close_codes == [1000]  # the session ends: the bot goes offline at once
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_a_stop_while_an_answer_is_deferred_sends_it_first(
    fake: FakeDiscord, discord_envoy: Envoy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord")
    gated = sibling(discord_envoy, GatedEnvoy)
    assert isinstance(gated, GatedEnvoy)
    serving = Serving(gated)
    try:
        fake.wait_ready()
        payload = slash_interaction("ask", {"question": "Who said no limits?"})
        deferred = fake.wait_callback(fake.send_interaction(payload))
        assert deferred.body["type"] == 5  # "thinking…": the answer is held at the gate

        serving.stop()
        assert eventually(lambda: "finishing 1 answer" in caplog.text, 5)
        assert not serving.client.is_closed()  # the drain waits for the answer
    finally:
        gated.gate.set()
    followup = fake.wait_followup(payload, timeout=10)
    serving.join()

    assert followup.status == 200
    assert embed(followup.body)["description"]
    assert serving.status == 0
    assert "every answer in flight was sent" in caplog.text
    # The fake records the close frame on its own thread once the connection ends.
    assert eventually(lambda: fake.open_connections == 0)
    assert fake.client_close_codes == [1000]


def test_a_stuck_stop_ends_the_process_anyway() -> None:
    code = (
        "import time\n"
        "from adapters.discord.run import Watchdog\n"
        "Watchdog(0.2).arm()\n"
        "time.sleep(20)\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 1
    assert time.monotonic() - started < 10
    assert "exiting" in result.stderr
