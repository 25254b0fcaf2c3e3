"""The adapter as a process: `serve` until SIGTERM (a real ``python -m bot serve discord``
against the fake), `sync` on demand, and a clean in-process shutdown."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
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


def test_clean_shutdown_in_process(fake: FakeDiscord, discord_envoy: Envoy) -> None:
    settings = DiscordSettings.from_env(
        {"DISCORD_TOKEN": DEFAULT_TOKEN, "DISCORD_GUILD_ID": str(GUILD_ID)}
    )
    state: dict[str, Any] = {}
    ready = threading.Event()

    async def main() -> None:  # what serve() runs, minus the signal handlers
        client = create_client(discord_envoy, settings, guild_ready_timeout=0.05)
        state["client"], state["stop"] = client, asyncio.Event()
        state["loop"] = asyncio.get_running_loop()
        ready.set()
        state["status"] = await run_until_stopped(client, settings.token, state["stop"])

    def thread() -> None:
        asyncio.run(main())

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        worker = threading.Thread(target=thread, daemon=True)
        worker.start()
        assert ready.wait(10)
        fake.wait_ready()
        answered = fake.wait_callback(fake.send_interaction(slash_interaction("help")))
        assert answered.status == 200
        started = time.monotonic()
        state["loop"].call_soon_threadsafe(state["stop"].set)
        worker.join(20)
        gc.collect()
    assert not worker.is_alive()
    assert time.monotonic() - started < 10
    assert state["status"] == 0
    assert state["client"].is_closed()
    assert eventually(lambda: fake.open_connections == 0)
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


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
