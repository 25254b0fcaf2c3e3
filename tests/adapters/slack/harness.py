"""Run the real Slack adapter (bolt, aiohttp, Socket Mode) in a thread, driven by tests.

`RunningAdapter` starts `SlackRunner` exactly as `serve` does, in its own event loop thread,
against a `FakeSlack`; tests post signed requests to it over HTTP or push Socket Mode
envelopes through the fake, then assert on what the fake received.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from adapters.slack.runner import SlackRunner
from adapters.slack.settings import SlackSettings
from bot.service import Envoy
from tests.fakes.slack import (
    FakeSlack,
    RecordedCall,
    event_callback,
    form_body,
    interactive_form_body,
    sign,
    slash_command_form,
)

JSON = dict[str, Any]
T = TypeVar("T")

SIGNING_SECRET = "test-signing-secret-0123456789"
ANSWER_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Reply:
    """What the adapter answered over HTTP, and how long the answer took."""

    status: int
    body: str
    seconds: float


class RunningAdapter:
    """The Slack adapter running in its own event loop thread, like `serve` runs it."""

    def __init__(self, slack: FakeSlack, envoy: Envoy, *, http: bool) -> None:
        self.slack = slack
        self.http = http
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="slack-adapter", daemon=True
        )
        self.thread.start()
        settings = SlackSettings(
            bot_token=slack.bot_token,
            app_token=slack.app_token,
            signing_secret=SIGNING_SECRET if http else None,
            port=0,
            host="127.0.0.1",
            api_url=slack.base_url,
        )
        self.runner = SlackRunner(envoy, settings, http=http)
        self.stopped = False
        try:
            self.run(self.runner.start())
            if not http:
                slack.wait_connected()
        except BaseException:
            self.close()
            raise

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 20.0) -> T:
        """Run `coro` on the adapter's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def idle(self, timeout: float = 10.0) -> None:
        """Wait until the adapter has no work in flight (every answer sent)."""
        assert self.run(self.runner.inflight.wait_idle(timeout)), "adapter still busy"

    def stop(self) -> bool:
        if self.stopped:
            return True
        self.stopped = True
        return self.run(self.runner.stop(drain_seconds=10.0))

    def close(self) -> None:
        try:
            self.stop()
        finally:
            self.run(self.loop.shutdown_default_executor())
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()

    # -- HTTP mode -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self.runner.port is not None, "not in HTTP mode"
        return f"http://127.0.0.1:{self.runner.port}"

    def request(
        self,
        path: str,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        *,
        timeout: float = 10.0,
    ) -> Reply:
        data = body.encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, headers=headers or {}, method="POST" if data else "GET"
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Reply(response.status, response.read().decode(), time.monotonic() - started)
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), time.monotonic() - started)

    def post_signed(
        self,
        body: str,
        content_type: str,
        *,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
        extra: dict[str, str] | None = None,
        timeout: float = 10.0,
    ) -> Reply:
        headers = {**sign(secret, body, timestamp), "Content-Type": content_type, **(extra or {})}
        return self.request("/slack/events", body, headers, timeout=timeout)

    def command(self, name: str, text: str = "", **fields: Any) -> tuple[Reply, str]:
        """POST a signed slash command; returns the reply and its response_url."""
        url = self.slack.response_url()
        form = slash_command_form(name, text, response_url=url, **fields)
        body = form_body(form)
        if self.http:
            return self.post_signed(body, "application/x-www-form-urlencoded"), url
        envelope = self.slack.send_envelope("slash_commands", form, accepts_response_payload=True)
        ack = self.slack.wait_ack(envelope)
        return Reply(200, json.dumps(ack.raw), ack.latency or 0.0), url

    def event(
        self, event: JSON, event_id: str | None = None, *, retry: int = 0
    ) -> tuple[Reply, JSON]:
        """Deliver an Events API event (signed POST, or an envelope); returns the body too."""
        wrapped = event_callback(event, event_id)
        return self.deliver_event(wrapped, retry=retry), wrapped

    def deliver_event(self, wrapped: JSON, *, retry: int = 0) -> Reply:
        if self.http:
            extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            return self.post_signed(
                json.dumps(wrapped), "application/json", extra=extra if retry else None
            )
        envelope = self.slack.send_envelope(
            "events_api",
            wrapped,
            retry_attempt=retry,
            retry_reason="timeout" if retry else "",
        )
        ack = self.slack.wait_ack(envelope)
        return Reply(200, json.dumps(ack.raw), ack.latency or 0.0)

    def action(self, payload: JSON) -> Reply:
        """Deliver an interaction payload: block_actions or view_submission (signed form
        POST, or an ``interactive`` envelope)."""
        if self.http:
            return self.post_signed(
                interactive_form_body(payload), "application/x-www-form-urlencoded"
            )
        envelope = self.slack.send_envelope("interactive", payload)
        ack = self.slack.wait_ack(envelope)
        return Reply(200, json.dumps(ack.raw), ack.latency or 0.0)


# -- reading what Slack received ----------------------------------------------------------

_NOT_SHOWN = {"value", "action_id", "block_id", "type", "style", "channel", "thread_ts", "ts"}


def shown_strings(value: Any, key: str | None = None) -> Iterator[str]:
    """Every string of a message that Slack would show (button values and ids excluded)."""
    if key in _NOT_SHOWN:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from shown_strings(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from shown_strings(item, key)


def assert_cannot_ping(call: RecordedCall) -> None:
    """No live token, no raw angle bracket, only escaped ampersands; nothing unfurls."""
    shown = list(shown_strings({"text": call.params.get("text"), "blocks": call.blocks}))
    assert shown, "nothing shown"
    for text in shown:
        assert "<" not in text, f"raw angle bracket in {text!r}"
        quoted = re.sub(r"(?m)^>", "", text)  # our own mrkdwn quotation marks
        assert ">" not in quoted, f"raw angle bracket in {text!r}"
        assert "＜" not in text, f"fullwidth bracket in {text!r}"
        assert not re.search(r"&(?!amp;|lt;|gt;)", text), f"unescaped & in {text!r}"
    assert "link_names" not in call.params
    assert call.params.get("unfurl_links") in (False, "false", "0", 0)
    assert call.params.get("unfurl_media") in (False, "false", "0", 0)


def texts(call: RecordedCall) -> str:
    """Everything shown in a message, joined, for substring checks."""
    return "\n".join(shown_strings({"text": call.params.get("text"), "blocks": call.blocks}))


def buttons(call: RecordedCall) -> dict[str, JSON]:
    """The message's buttons by action_id."""
    found: dict[str, JSON] = {}
    for block in call.blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            found[element["action_id"]] = element
    return found


def first_section(call: RecordedCall) -> str:
    return next(b["text"]["text"] for b in call.blocks if b["type"] == "section")
