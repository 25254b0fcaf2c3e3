"""HTTP mode: the bolt app behind aiohttp, plus a health check for the load balancer.

``POST /slack/events`` takes every Slack request (events, slash commands, buttons); bolt
verifies its signature and answers 401 to a bad or stale one before anything runs. Slack's
SSL check of a slash command URL (a form of only ``ssl_check=1`` and ``token``) arrives
unsigned: it is answered 200 here, running nothing, unless it carries a signature that is
wrong. Anything else that says ``ssl_check=1`` is an ordinary request, signature and all.
``GET /healthz`` needs no signature and says whether the database answers and the
knowledge is loaded. Nothing is kept between requests, so several processes can share
the traffic; once `stop_accepting` is called, new requests get 503 and go elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from adapters.inflight import InFlight
from bot.service import Envoy

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024
CONNECTION_CLOSE_SECONDS = 3.0
SSL_CHECK_FIELDS = frozenset({"ssl_check", "token"})
SIGNATURE_HEADER = "X-Slack-Signature"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"


def health(envoy: Envoy) -> dict[str, Any]:
    """Database reachable, knowledge loaded, version. Blocking: call it from a thread."""
    report = envoy.health()
    if not report["database"]:
        log.warning("health check: the database does not answer")
    report["status"] = "ok" if report["database"] and report["knowledge"] else "degraded"
    return report


def is_ssl_check(content_type: str, body: str) -> bool:
    """Whether a request body is Slack's SSL check: a form of ``ssl_check=1`` and at most
    the verification token, nothing else (a command or payload beside it makes it none)."""
    if content_type != "application/x-www-form-urlencoded":
        return False
    fields = parse_qs(body, keep_blank_values=True)
    return fields.get("ssl_check") == ["1"] and set(fields) <= SSL_CHECK_FIELDS


class HttpServer:
    """An aiohttp server for one bolt app. Start with `start`, stop with `stop_accepting`
    then `close` (between the two, the caller waits for work in flight)."""

    def __init__(
        self, app: AsyncApp, envoy: Envoy, inflight: InFlight, *, signing_secret: str
    ) -> None:
        self.app = app
        self.envoy = envoy
        self.inflight = inflight
        self.verifier = SignatureVerifier(signing_secret)
        self.stopping = False
        self.address: tuple[str, int] | None = None
        self.web = web.Application(
            client_max_size=MAX_BODY_BYTES, middlewares=[self._refuse_when_stopping]
        )
        self.web.router.add_post(EVENTS_PATH, self._slack)
        self.web.router.add_get(HEALTH_PATH, self._health)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    @property
    def port(self) -> int | None:
        """The port bound, once started."""
        return self.address[1] if self.address is not None else None

    async def start(self, host: str, port: int) -> tuple[str, int]:
        """Listen on host:port (port 0: any free port); returns the address bound."""
        runner = web.AppRunner(
            self.web,
            handle_signals=False,
            access_log=None,
            shutdown_timeout=CONNECTION_CLOSE_SECONDS,
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner, self._site = runner, site
        bound = runner.addresses[0]
        self.address = (str(bound[0]), int(bound[1]))
        return self.address

    async def stop_accepting(self) -> None:
        """Stop listening; requests still arriving on open connections get 503."""
        self.stopping = True
        if self._site is not None:
            await self._site.stop()
            self._site = None

    async def close(self) -> None:
        """Close every connection (waiting briefly for requests being handled)."""
        self.stopping = True
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @web.middleware
    async def _refuse_when_stopping(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if self.stopping:
            return web.json_response(
                {"status": "stopping"}, status=503, headers={"Connection": "close"}
            )
        response: web.StreamResponse = await handler(request)
        return response

    async def _slack(self, request: web.Request) -> web.Response:
        async with self.inflight.track():
            if is_ssl_check(request.content_type, await request.text()):
                return await self._ssl_check(request)
            bolt_request = await to_bolt_request(request)
            bolt_response = await self.app.async_dispatch(bolt_request)
            return await to_aiohttp_response(bolt_response)

    async def _ssl_check(self, request: web.Request) -> web.Response:
        """200 for Slack's unsigned SSL check, or for a signed one; 401 for a bad signature."""
        signature = request.headers.get(SIGNATURE_HEADER)
        if signature is not None and not self._signed(request, await request.read(), signature):
            log.info("Invalid request signature detected; request refused (body not logged)")
            return web.json_response({"error": "invalid request"}, status=401)
        return web.Response(status=200, text="")

    def _signed(self, request: web.Request, body: bytes, signature: str) -> bool:
        timestamp = request.headers.get(TIMESTAMP_HEADER, "")
        return timestamp.isdigit() and self.verifier.is_valid(body, timestamp, signature)

    async def _health(self, request: web.Request) -> web.Response:
        report = await asyncio.to_thread(health, self.envoy)
        status = 200 if report["status"] == "ok" else 503
        return web.json_response(report, status=status)
