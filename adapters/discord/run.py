"""Running the Discord adapter as a process: `serve` until SIGTERM, or `sync` the commands once.

`serve` starts the core (database, knowledge), connects the gateway and answers until SIGTERM
or SIGINT; then it sends the answers in flight (up to `DRAIN_SECONDS`), closes the gateway with
code 1000 (the session ends, so the bot goes offline at once) and the database, and returns 0,
well within the 30 s a Procfile platform allows. The token is read from the environment only
and never logged: discord.py's loggers stay at INFO, because at DEBUG they print whole
gateway payloads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

import aiohttp
import discord
import yarl

from adapters.discord.client import EnvoyClient, create_client, sync_tree
from adapters.discord.commands import build_tree
from adapters.discord.settings import DiscordSettings
from bot.config import Settings
from bot.service import Envoy

log = logging.getLogger(__name__)

DRAIN_SECONDS = 15.0
"""Seconds a stop waits for answers in flight (a deferred answer among them) to be sent."""
CLOSE_TIMEOUT = 5.0
"""Seconds to close the gateway after the drain; the database closes after it."""
SHUTDOWN_DEADLINE = 23.0
"""Past this many seconds after SIGTERM the process exits anyway (platforms kill at 30)."""
_LIBRARY_LOGGERS = ("discord", "discord.client", "discord.gateway", "discord.http", "discord.state")


def serve(settings: Settings, *, http: bool = False) -> int:
    """Answer on Discord until SIGTERM/SIGINT; the exit status (0 after a clean stop).

    Needs DISCORD_TOKEN; see `DiscordSettings` for the other variables. `http` is Slack's
    option: Discord has no HTTP mode here, so it is refused.
    """
    if http:
        log.error("--http is for Slack; the Discord adapter uses the gateway only")
        return 2
    discord_settings = DiscordSettings.from_env()
    quiet_library_loggers()
    watchdog = Watchdog(SHUTDOWN_DEADLINE)
    with discord_endpoints(discord_settings):
        envoy = Envoy.start(settings)
        try:
            return asyncio.run(_serve(envoy, discord_settings, watchdog))
        finally:
            envoy.close()
            log.info("database closed")
            watchdog.cancel()


def sync(settings: Settings, *, guild_id: int | None = None, clear: bool = False) -> int:
    """Upload the slash commands once and return the exit status (0 ok, 1 failure).

    They go to `guild_id`, else DISCORD_GUILD_ID (instant), else globally (Discord may take
    up to an hour to show changes). With `clear`, that scope's commands are removed instead
    (e.g. a test server's, once the global ones are live). Needs DISCORD_TOKEN; the database
    is not touched and no gateway connection is made. `settings` (the core's) is unused
    today; it keeps the signature of `serve`.
    """
    discord_settings = DiscordSettings.from_env()
    quiet_library_loggers()
    scope = guild_id or discord_settings.guild_id
    with discord_endpoints(discord_settings):
        return asyncio.run(_sync(discord_settings, scope, clear=clear))


async def run_until_stopped(
    client: EnvoyClient,
    token: str,
    stop: asyncio.Event,
    *,
    drain_seconds: float = DRAIN_SECONDS,
    close_timeout: float = CLOSE_TIMEOUT,
) -> int:
    """Run `client` until it ends or `stop` is set; then send the answers in flight (up to
    `drain_seconds`) and close it within `close_timeout` s.

    Returns 0 after a requested stop, 1 when the client could not log in or was refused.
    """
    running = asyncio.create_task(client.start(token), name="discord-client")
    stopping = asyncio.create_task(stop.wait(), name="discord-stop")
    await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if running.done():
        if not client.is_closed():  # a failed login leaves discord.py's HTTP session open
            await client.close()
        return _exit_status(running)
    await client.drain(drain_seconds)
    log.info("stopping: closing the Discord gateway")
    end_session_on_close(client)
    try:
        await asyncio.wait_for(client.close(), close_timeout)
    except TimeoutError:
        log.warning("the gateway did not close within %.0f s", close_timeout)
    await asyncio.wait({running}, timeout=2.0)
    if not running.done():
        running.cancel()
        await asyncio.wait({running})
    return 0


def end_session_on_close(client: discord.Client) -> None:
    """Make the coming close of `client`'s gateway say 1000, which ends the session, so the
    bot goes offline at once (4000 would leave it resumable, and shown online for a while).

    discord.py's ``close()`` asks for 1000, but the socket has a reader waiting on it, so
    aiohttp hands the close to that reader, which closes with 4000. The reader's close then
    goes through the socket's ``close``, which here always says 1000, and still completes
    the closing handshake (reading until Discord's own close frame). The sharded client
    closes each shard with 1000 already.
    """
    if isinstance(client, discord.AutoShardedClient):
        return
    gateway = client.ws
    if gateway is None or not gateway.open:
        return
    socket: Any = gateway.socket
    close = socket.close

    async def close_ending_the_session(*, code: int = 1000, message: bytes = b"") -> bool:
        result: bool = await close(code=1000, message=message)
        return result

    socket.close = close_ending_the_session


_CLOSE_CODES = {
    4004: "Discord refused the token at the gateway (close code 4004): check DISCORD_TOKEN",
    4010: "Discord refused the shard (close code 4010): check ENVOY_DISCORD_SHARDED",
    4011: "Discord requires sharding (close code 4011): set ENVOY_DISCORD_SHARDED=auto",
    4012: "Discord refused the gateway API version (close code 4012): upgrade discord.py",
}


def _exit_status(running: asyncio.Task[None]) -> int:
    """0 for a client that ended cleanly; otherwise one line saying why, and 1."""
    if running.cancelled():
        return 0
    error = running.exception()
    if error is None:
        return 0
    log.error("%s", failure_line(error), exc_info=_unexpected(error))
    return 1


def failure_line(error: BaseException) -> str:
    """One line saying why the client stopped, naming the setting to check when there is one."""
    if isinstance(error, discord.LoginFailure):
        return "Discord refused the token (HTTP 401): check DISCORD_TOKEN"
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return (
            "Discord refused a privileged intent (close code 4014): Envoy asks for none, so "
            "check the intents of the application in the developer portal"
        )
    if isinstance(error, discord.ConnectionClosed):
        known = _CLOSE_CODES.get(error.code or 0)
        return known or f"Discord closed the gateway (close code {error.code}: {error.reason})"
    if isinstance(error, discord.GatewayNotFound):
        return "Discord did not give a gateway address; it may be down: try again later"
    if isinstance(error, discord.HTTPException):
        return f"Discord refused the start: HTTP {error.status} {error.text[:200]}"
    if isinstance(error, aiohttp.ClientError | OSError | TimeoutError):
        return f"cannot reach Discord at {_api_base()}: {error or type(error).__name__}"
    return f"the Discord client stopped: {type(error).__name__}: {error}"


def _unexpected(error: BaseException) -> BaseException | None:
    """The error itself when it is one the lines above do not explain (for its traceback)."""
    explained = (
        discord.LoginFailure,
        discord.PrivilegedIntentsRequired,
        discord.ConnectionClosed,
        discord.GatewayNotFound,
        discord.HTTPException,
        aiohttp.ClientError,
        OSError,
        TimeoutError,
    )
    return None if isinstance(error, explained) else error


def _api_base() -> str:
    base: str = getattr(discord.http.Route, "BASE", "")
    return base


async def _serve(envoy: Envoy, settings: DiscordSettings, watchdog: Watchdog) -> int:
    client = create_client(envoy, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def request_stop() -> None:
        watchdog.arm()
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, request_stop)
    try:
        return await run_until_stopped(client, settings.token, stop)
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)


async def _sync(settings: DiscordSettings, guild_id: int | None, *, clear: bool) -> int:
    client = discord.Client(intents=discord.Intents.none())
    tree = build_tree(client, None, guild_id=guild_id)
    if clear:
        tree.clear_commands(guild=discord.Object(guild_id) if guild_id is not None else None)
    try:
        async with client:
            await client.login(settings.token)
            await sync_tree(tree, guild_id)
    except discord.LoginFailure as error:
        log.error("%s", failure_line(error))
        return 1
    except discord.HTTPException as error:
        log.error("Discord refused the commands: %s", error)
        return 1
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        log.error("%s", failure_line(error))
        return 1
    return 0


class Watchdog:
    """Ends the process if a requested stop has not finished within `seconds`: a stuck
    close must not let the platform's SIGKILL be what stops Envoy."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._timer: threading.Timer | None = None

    def arm(self) -> None:
        """Start counting (once)."""
        if self._timer is None:
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        """The stop finished in time."""
        if self._timer is not None:
            self._timer.cancel()

    def _expire(self) -> None:
        log.error("stopping took over %.0f s; exiting without waiting any longer", self.seconds)
        logging.shutdown()
        os._exit(1)


def quiet_library_loggers() -> None:
    """Keep discord.py at INFO or quieter: at DEBUG it logs whole payloads."""
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


@contextlib.contextmanager
def discord_endpoints(settings: DiscordSettings) -> Iterator[None]:
    """Point discord.py at DISCORD_API_BASE / DISCORD_GATEWAY_URL while inside, when they are
    set (a local fake in tests); they are process-wide class attributes, restored after."""
    route: Any = discord.http.Route
    socket: Any = discord.gateway.DiscordWebSocket
    old_base, old_gateway = route.BASE, socket.DEFAULT_GATEWAY
    if settings.api_base:
        route.BASE = settings.api_base
    if settings.gateway_url:
        socket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)
    try:
        yield
    finally:
        route.BASE, socket.DEFAULT_GATEWAY = old_base, old_gateway
