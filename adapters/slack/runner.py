"""Starting and stopping the Slack adapter, in Socket Mode or HTTP mode.

`SlackRunner.start` checks the bot token (auth.test), builds the bolt app and either
connects over Socket Mode or listens for HTTP. `SlackRunner.stop` takes no new work,
finishes what is in flight (up to `DRAIN_SECONDS`) and closes the connection or server;
the whole stop fits in a platform's 30 s between SIGTERM and SIGKILL.
"""

from __future__ import annotations

import logging

from aiohttp import ClientError
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.inflight import InFlight
from adapters.slack.app import answer_threads, build_app, make_client
from adapters.slack.delivery import Shutdown
from adapters.slack.server import HttpServer
from adapters.slack.settings import SlackSettings
from bot.errors import EnvoyError
from bot.service import Envoy

log = logging.getLogger(__name__)

DRAIN_SECONDS = 15.0
"""How long a stop waits for answers in flight before closing anyway."""


class SlackStartError(EnvoyError):
    """Slack refused the tokens, or cannot be reached."""


class SlackRunner:
    """One running Slack adapter around one Envoy."""

    def __init__(
        self,
        envoy: Envoy,
        settings: SlackSettings,
        *,
        http: bool,
        client: AsyncWebClient | None = None,
    ) -> None:
        self.envoy = envoy
        self.settings = settings
        self.http = http
        self.shutdown = Shutdown()
        self.client = client or make_client(settings, self.shutdown)
        self.inflight = InFlight()
        self.answers = answer_threads()
        self.app: AsyncApp | None = None
        self.server: HttpServer | None = None
        self.socket: AsyncSocketModeHandler | None = None

    @property
    def port(self) -> int | None:
        """The HTTP port bound, once started in HTTP mode."""
        return self.server.port if self.server is not None else None

    async def start(self) -> None:
        """Check the token, then connect (Socket Mode) or listen (HTTP)."""
        try:
            identity = await self.client.auth_test()
        except SlackApiError as error:
            raise SlackStartError(
                f"Slack refused SLACK_BOT_TOKEN: {error.response.get('error')}"
            ) from None
        except (ClientError, OSError) as error:
            raise SlackStartError(
                f"cannot reach Slack at {self.settings.api_url}: {error}"
            ) from None
        log.info("Slack: signed in as %s in team %s", identity.get("user"), identity.get("team"))
        self.app = build_app(
            self.envoy,
            self.settings,
            self.client,
            inflight=self.inflight,
            answers=self.answers,
            shutdown=self.shutdown,
        )
        if self.http:
            self.server = HttpServer(
                self.app,
                self.envoy,
                self.inflight,
                signing_secret=self.settings.signing_secret or "",
            )
            host, port = await self.server.start(self.settings.host, self.settings.port)
            log.info("Slack HTTP mode: listening on %s:%d", host, port)
            return
        self.socket = AsyncSocketModeHandler(self.app, app_token=self.settings.app_token)
        try:
            await self.socket.connect_async()  # type: ignore[no-untyped-call]
        except SlackApiError as error:
            await self.socket.close_async()  # type: ignore[no-untyped-call]
            raise SlackStartError(
                f"Slack refused SLACK_APP_TOKEN: {error.response.get('error')}"
            ) from None
        log.info("Slack Socket Mode: connected")

    async def stop(self, drain_seconds: float = DRAIN_SECONDS) -> bool:
        """Take no new work, finish work in flight, close. False if work was cut short.

        Waits for Slack's rate limit end in time for the drain (the user is told instead)."""
        self.shutdown.begin(drain_seconds)
        if self.server is not None:
            await self.server.stop_accepting()
        if self.socket is not None:
            await self.socket.close_async()  # type: ignore[no-untyped-call]
        running = self.inflight.running
        if running:
            log.info("Slack: finishing %d piece(s) of work in flight", running)
        finished = await self.inflight.wait_idle(drain_seconds)
        if not finished:
            log.warning("Slack: %d piece(s) of work unfinished at shutdown", self.inflight.running)
        if self.server is not None:
            await self.server.close()
        self.answers.shutdown(wait=False, cancel_futures=True)
        log.info("Slack: stopped")
        return finished
