"""A local stand-in for Slack, for tests that drive the real slack_bolt / slack_sdk offline.

`FakeSlack` serves, on 127.0.0.1 only, from its own thread and event loop:

* the Web API under ``/api/<method>`` (form-encoded or JSON bodies, Bearer or ``token`` auth),
  answering like Slack and enforcing the Block Kit, message and modal limits (``views.open``
  also wants a fresh, unused ``trigger_id``);
* ``response_url`` endpoints under ``/response/<id>`` (5 uses, 30 minutes, same limits);
* a Socket Mode websocket under ``/link/`` that ``apps.connections.open`` points to.

Every request is recorded, so a test asserts on what the code under test sent, and every limit
broken is kept as a `Violation`, so a test can assert that none happened. The module also owns
the payload factories (slash commands, events, block actions) and request signing, so every test
builds wire payloads the same way (`view_submission_payload` submits a modal the app opened).

The wire formats follow slack_sdk 3.48 / slack_bolt 1.30 and Slack's public API reference. Where
Slack documents no exact answer (misuse of a response_url), the fake picks a strict one: HTTP 404
with ``used_url`` / ``expired_url``, HTTP 400 for a payload Slack would refuse.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlencode

from aiohttp import WSMsgType, web
from slack_sdk.signature import SignatureVerifier

from tests.fakes.loopback import LOOPBACK, LoopbackServer

JSON = dict[str, Any]

DEFAULT_BOT_TOKEN: Final = "xoxb-test"
DEFAULT_APP_TOKEN: Final = "xapp-test"
DEFAULT_TEAM_ID: Final = "T0FAKE001"
DEFAULT_TEAM_DOMAIN: Final = "envoy-test"
DEFAULT_APP_ID: Final = "A0FAKE001"
DEFAULT_BOT_USER_ID: Final = "U0FAKEBOT"
DEFAULT_BOT_ID: Final = "B0FAKEBOT"
DEFAULT_USER_ID: Final = "U0FAKEUSR"
DEFAULT_USER_NAME: Final = "tester"
DEFAULT_CHANNEL_ID: Final = "C0FAKECHN"
DEFAULT_CHANNEL_NAME: Final = "general"
DEFAULT_DM_CHANNEL_ID: Final = "D0FAKEDM1"
DEFAULT_VIEW_ID: Final = "V0FAKEHOM"
VERIFICATION_TOKEN: Final = "fake-verification-token"
# Loopback discard port: a payload built without a real response_url can never leave the machine.
UNSET_RESPONSE_URL: Final = f"http://{LOOPBACK}:9/response/unset"

MAX_MESSAGE_BLOCKS: Final = 50
MAX_VIEW_BLOCKS: Final = 100
MAX_MESSAGE_TEXT: Final = 40_000
MAX_SECTION_TEXT: Final = 3000
MAX_SECTION_FIELDS: Final = 10
MAX_FIELD_TEXT: Final = 2000
MAX_CONTEXT_ELEMENTS: Final = 10
MAX_HEADER_TEXT: Final = 150
MAX_ACTIONS_ELEMENTS: Final = 25
MAX_BUTTON_TEXT: Final = 75
MAX_BUTTON_VALUE: Final = 2000
MAX_BUTTON_URL: Final = 3000
MAX_ACTION_ID: Final = 255
MAX_BLOCK_ID: Final = 255
MAX_VIEW_TITLE: Final = 24
MAX_VIEW_BUTTON_TEXT: Final = 24
MAX_PRIVATE_METADATA: Final = 3000
MAX_CALLBACK_ID: Final = 255
MAX_INPUT_LABEL: Final = 2000
MAX_INPUT_HINT: Final = 2000
MAX_PLACEHOLDER: Final = 150
MAX_TEXT_INPUT_LENGTH: Final = 3000
TRIGGER_TTL_SECONDS: Final = 3.0
RESPONSE_URL_MAX_USES: Final = 5
RESPONSE_URL_TTL_SECONDS: Final = 30 * 60

_APP_TOKEN_METHODS: Final = frozenset({"apps.connections.open"})
_JSON_FIELDS: Final = ("blocks", "attachments", "view")
_ENVELOPE_TYPES: Final = frozenset({"slash_commands", "events_api", "interactive"})


# ---------------------------------------------------------------------------------------------
# Recorded values


@dataclass(frozen=True)
class RecordedCall:
    """One request the fake answered: a Web API call, or a POST to a response_url.

    ``params`` holds the parsed body (and query), with ``blocks``, ``attachments`` and ``view``
    JSON-decoded when they arrived as strings. ``method`` is ``"response_url"`` for response_url
    posts, whose id is then in ``url_id``. ``time`` is read from the fake's (injectable) clock.
    """

    method: str
    params: JSON
    headers: dict[str, str]
    time: float
    status: int
    response: JSON
    url_id: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the fake accepted the request."""
        return self.status == 200 and self.response.get("ok") is True

    @property
    def error(self) -> str | None:
        """The Slack error code answered, if any (``invalid_blocks``, ``ratelimited``...)."""
        error = self.response.get("error")
        return error if isinstance(error, str) else None

    @property
    def text(self) -> str | None:
        """The top-level ``text`` sent, if any."""
        text = self.params.get("text")
        return text if isinstance(text, str) else None

    @property
    def blocks(self) -> list[Any]:
        """The blocks sent (a view's blocks for ``views.*``), or an empty list."""
        source = self.params.get("view") if self.method.startswith("views.") else self.params
        blocks = source.get("blocks") if isinstance(source, dict) else None
        return blocks if isinstance(blocks, list) else []


@dataclass(frozen=True)
class Violation:
    """A request refused because it broke a Slack limit (blocks, text length, missing text)."""

    method: str
    error: str
    messages: tuple[str, ...]
    params: JSON


@dataclass(frozen=True)
class Envelope:
    """A Socket Mode envelope the fake pushed to a client."""

    envelope_id: str
    type: str
    payload: JSON
    accepts_response_payload: bool
    sent_at: float  # time.monotonic(), for ack latency


@dataclass(frozen=True)
class Ack:
    """A Socket Mode acknowledgement received from a client.

    ``latency`` is wall time in seconds between pushing the envelope and receiving this ack
    (Slack wants it under 3 s); ``None`` when the envelope id was unknown.
    """

    envelope_id: str
    payload: JSON | None
    raw: JSON
    latency: float | None


@dataclass
class _RateLimit:
    remaining: int
    retry_after: int


@dataclass
class _ResponseUrl:
    url_id: str
    created_at: float
    uses: int = 0


@dataclass(frozen=True)
class _Rejection:
    error: str
    messages: tuple[str, ...] = ()

    def body(self, *, errors_field: bool) -> JSON:
        body: JSON = {"ok": False, "error": self.error}
        if self.messages:
            if errors_field:
                body["errors"] = list(self.messages)
            body["response_metadata"] = {"messages": [f"[ERROR] {m}" for m in self.messages]}
        return body


@dataclass
class _Socket:
    ws: web.WebSocketResponse
    connection_id: int
    pings_received: int = 0
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Block Kit limits


def _too_long(limit: int, pointer: str) -> str:
    return f"must be less than {limit + 1} characters [json-pointer:{pointer}]"


def _too_many(limit: int, pointer: str) -> str:
    return f"must be less than {limit + 1} items [json-pointer:{pointer}]"


def _text_of(obj: Any) -> str | None:
    """The ``text`` of a text object, or None when ``obj`` is not one."""
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        return str(obj["text"])
    return None


def _check_length(value: Any, limit: int, pointer: str, errors: list[str]) -> None:
    if isinstance(value, str) and len(value) > limit:
        errors.append(_too_long(limit, pointer))


def _element_errors(element: Any, pointer: str) -> list[str]:
    """Limits of an interactive element (button, select...) inside a section or actions block."""
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [f"missing required field: type [json-pointer:{pointer}]"]
    errors: list[str] = []
    _check_length(element.get("action_id"), MAX_ACTION_ID, f"{pointer}/action_id", errors)
    if element["type"] == "button":
        text = _text_of(element.get("text"))
        if text is None:
            errors.append(f"missing required field: text [json-pointer:{pointer}]")
        else:
            _check_length(text, MAX_BUTTON_TEXT, f"{pointer}/text/text", errors)
        _check_length(element.get("value"), MAX_BUTTON_VALUE, f"{pointer}/value", errors)
        _check_length(element.get("url"), MAX_BUTTON_URL, f"{pointer}/url", errors)
    elif element["type"] == "plain_text_input":
        placeholder = element.get("placeholder")
        if placeholder is not None:
            _check_length(_text_of(placeholder), MAX_PLACEHOLDER, f"{pointer}/placeholder", errors)
        for name in ("min_length", "max_length"):
            value = element.get(name)
            if value is not None and (not isinstance(value, int) or value > MAX_TEXT_INPUT_LENGTH):
                limit = MAX_TEXT_INPUT_LENGTH
                errors.append(f"must be at most {limit} [json-pointer:{pointer}/{name}]")
    return errors


def _input_errors(block: JSON, pointer: str) -> list[str]:
    errors: list[str] = []
    label = _text_of(block.get("label"))
    if label is None:
        errors.append(f"missing required field: label [json-pointer:{pointer}]")
    else:
        _check_length(label, MAX_INPUT_LABEL, f"{pointer}/label/text", errors)
    if "hint" in block:
        _check_length(_text_of(block["hint"]), MAX_INPUT_HINT, f"{pointer}/hint/text", errors)
    if "element" not in block:
        errors.append(f"missing required field: element [json-pointer:{pointer}]")
    else:
        errors.extend(_element_errors(block["element"], f"{pointer}/element"))
    return errors


def _section_errors(block: JSON, pointer: str) -> list[str]:
    errors: list[str] = []
    text, fields = block.get("text"), block.get("fields")
    if text is None and fields is None:
        errors.append(f"must provide either text or fields [json-pointer:{pointer}]")
    if text is not None:
        _check_length(_text_of(text), MAX_SECTION_TEXT, f"{pointer}/text/text", errors)
    if fields is not None:
        if not isinstance(fields, list):
            errors.append(f"must be an array [json-pointer:{pointer}/fields]")
        else:
            if len(fields) > MAX_SECTION_FIELDS:
                errors.append(_too_many(MAX_SECTION_FIELDS, f"{pointer}/fields"))
            for index, item in enumerate(fields):
                path = f"{pointer}/fields/{index}/text"
                _check_length(_text_of(item), MAX_FIELD_TEXT, path, errors)
    if "accessory" in block:
        errors.extend(_element_errors(block["accessory"], f"{pointer}/accessory"))
    return errors


def _block_errors(block: Any, pointer: str) -> list[str]:
    """Slack-style error strings for one block; empty when the block is within limits."""
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        return [f"missing required field: type [json-pointer:{pointer}]"]
    errors: list[str] = []
    _check_length(block.get("block_id"), MAX_BLOCK_ID, f"{pointer}/block_id", errors)
    kind = block["type"]
    if kind == "section":
        errors.extend(_section_errors(block, pointer))
    elif kind == "header":
        text = _text_of(block.get("text"))
        if text is None:
            errors.append(f"missing required field: text [json-pointer:{pointer}]")
        else:
            _check_length(text, MAX_HEADER_TEXT, f"{pointer}/text/text", errors)
    elif kind == "input":
        errors.extend(_input_errors(block, pointer))
    elif kind in {"context", "actions"}:
        elements = block.get("elements")
        limit = MAX_CONTEXT_ELEMENTS if kind == "context" else MAX_ACTIONS_ELEMENTS
        if not isinstance(elements, list):
            errors.append(f"missing required field: elements [json-pointer:{pointer}]")
        else:
            if len(elements) > limit:
                errors.append(_too_many(limit, f"{pointer}/elements"))
            if kind == "actions":
                for index, element in enumerate(elements):
                    errors.extend(_element_errors(element, f"{pointer}/elements/{index}"))
    return errors


def block_kit_errors(blocks: Any, *, max_blocks: int, pointer: str = "/blocks") -> list[str]:
    """Every Block Kit limit `blocks` breaks, worded like Slack's ``errors``; empty when valid."""
    if not isinstance(blocks, list):
        return [f"must be an array [json-pointer:{pointer}]"]
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(_too_many(max_blocks, pointer))
    for index, block in enumerate(blocks):
        errors.extend(_block_errors(block, f"{pointer}/{index}"))
    return errors


def _message_rejection(params: Mapping[str, Any]) -> _Rejection | None:
    """Why Slack would refuse this message (post, update, response_url), or None."""
    text, blocks, attachments = params.get("text"), params.get("blocks"), params.get("attachments")
    if isinstance(blocks, str) or isinstance(attachments, str):
        return _Rejection(
            "invalid_blocks_format" if isinstance(blocks, str) else "invalid_attachments"
        )
    if not text and not blocks and not attachments:
        return _Rejection("no_text")
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        return _Rejection("msg_too_long")
    if blocks is not None:
        errors = block_kit_errors(blocks, max_blocks=MAX_MESSAGE_BLOCKS)
        if errors:
            return _Rejection("invalid_blocks", tuple(errors))
    return None


def _view_rejection(view: Any) -> _Rejection | None:
    """Why Slack would refuse to publish this App Home view, or None."""
    if not isinstance(view, dict):
        return _Rejection("invalid_arguments", ("must be an object [json-pointer:/view]",))
    if view.get("type") != "home":
        return _Rejection("invalid_arguments", ("must be home [json-pointer:/view/type]",))
    errors = block_kit_errors(
        view.get("blocks"), max_blocks=MAX_VIEW_BLOCKS, pointer="/view/blocks"
    )
    return _Rejection("invalid_arguments", tuple(errors)) if errors else None


def modal_errors(view: Any) -> list[str]:
    """Every limit a modal view breaks (``views.open``), worded like Slack; empty when valid.

    Title, submit and close at most 24 characters, at most 100 blocks, private_metadata at
    most 3000 characters, callback_id at most 255, and a submit button whenever there is an
    input block.
    """
    if not isinstance(view, dict):
        return ["must be an object [json-pointer:/view]"]
    errors: list[str] = []
    if view.get("type") != "modal":
        errors.append("must be modal [json-pointer:/view/type]")
    title = _text_of(view.get("title"))
    if title is None:
        errors.append("missing required field: title [json-pointer:/view]")
    else:
        _check_length(title, MAX_VIEW_TITLE, "/view/title/text", errors)
    for name in ("submit", "close"):
        if view.get(name) is not None:
            text = _text_of(view[name])
            if text is None:
                errors.append(f"must be a plain_text object [json-pointer:/view/{name}]")
            else:
                _check_length(text, MAX_VIEW_BUTTON_TEXT, f"/view/{name}/text", errors)
    metadata = view.get("private_metadata")
    if metadata is not None and not isinstance(metadata, str):
        errors.append("must be a string [json-pointer:/view/private_metadata]")
    _check_length(metadata, MAX_PRIVATE_METADATA, "/view/private_metadata", errors)
    _check_length(view.get("callback_id"), MAX_CALLBACK_ID, "/view/callback_id", errors)
    blocks = view.get("blocks")
    errors.extend(block_kit_errors(blocks, max_blocks=MAX_VIEW_BLOCKS, pointer="/view/blocks"))
    has_input = isinstance(blocks, list) and any(
        isinstance(b, dict) and b.get("type") == "input" for b in blocks
    )
    if has_input and view.get("submit") is None:
        errors.append("submit is required when an input block is present [json-pointer:/view]")
    return errors


def _decode_json_fields(params: JSON) -> JSON:
    """Decode ``blocks``/``attachments``/``view`` sent as JSON strings; leave bad JSON as is."""
    decoded = dict(params)
    for name in _JSON_FIELDS:
        value = decoded.get(name)
        if isinstance(value, str):
            try:
                decoded[name] = json.loads(value)
            except json.JSONDecodeError:
                continue
    return decoded


def _describe(call: RecordedCall) -> str:
    outcome = "ok" if call.ok else f"{call.status} {call.error}"
    text = (call.text or "")[:60]
    target = f"[{call.url_id}]" if call.url_id else ""
    return f"{call.method}{target} -> {outcome} text={text!r} blocks={len(call.blocks)}"


# ---------------------------------------------------------------------------------------------
# The fake


class FakeSlack(LoopbackServer):
    """Slack's Web API, response_url and Socket Mode, served on 127.0.0.1 from a thread.

    Use as ``with FakeSlack() as slack:`` or call `start` / `stop`. Every public method is safe
    to call from any thread except the fake's own. Point clients at `base_url`::

        client = WebClient(token=slack.bot_token, base_url=slack.base_url)

    Close Socket Mode handlers before stopping the fake: a client that sees the server go away
    first tries to reconnect (slack_sdk's default ``auto_reconnect_enabled=True``).
    """

    _thread_name = "FakeSlack"

    def __init__(
        self,
        *,
        bot_token: str = DEFAULT_BOT_TOKEN,
        app_token: str = DEFAULT_APP_TOKEN,
        team_id: str = DEFAULT_TEAM_ID,
        team_domain: str = DEFAULT_TEAM_DOMAIN,
        app_id: str = DEFAULT_APP_ID,
        bot_user_id: str = DEFAULT_BOT_USER_ID,
        bot_id: str = DEFAULT_BOT_ID,
        clock: Callable[[], float] = time.time,
        server_ping_interval: float | None = 0.2,
    ) -> None:
        """Configure the fake; nothing listens until `start`.

        ``clock`` drives recorded times, message ts and response_url expiry (see `advance`).
        ``server_ping_interval`` makes the server ping Socket Mode clients like Slack does; a
        short interval also lets slack_sdk's built-in client notice its own close quickly.
        """
        super().__init__()
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.team_domain = team_domain
        self.app_id = app_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self._clock = clock
        self._clock_offset = 0.0
        self._server_ping_interval = server_ping_interval
        self.trigger_ttl_seconds = TRIGGER_TTL_SECONDS

        self._cond = threading.Condition()
        self._calls: list[RecordedCall] = []
        self._responses: list[RecordedCall] = []
        self._violations: list[Violation] = []
        self._envelopes: dict[str, Envelope] = {}
        self._acks: list[Ack] = []
        self._rate_limits: dict[str, _RateLimit] = {}
        self._response_urls: dict[str, _ResponseUrl] = {}
        self._messages: dict[tuple[str, str], JSON] = {}
        self._tickets: set[str] = set()
        self._used_triggers: set[str] = set()
        self._views: dict[str, JSON] = {}
        self._sockets: list[_Socket] = []
        self._connections_total = 0
        self._last_ts = 0.0

        self._methods: dict[str, Callable[[JSON], JSON]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "views.publish": self._views_publish,
            "views.open": self._views_open,
            "conversations.replies": self._conversations_replies,
            "conversations.info": self._conversations_info,
            "users.info": self._users_info,
            "apps.connections.open": self._apps_connections_open,
        }

    # -- lifecycle --------------------------------------------------------------------------

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/response/{url_id}", self._handle_response_url)
        app.router.add_get("/link/", self._handle_socket)
        return app

    async def _close_clients(self) -> None:
        for conn in list(self._sockets):
            await conn.ws.close(code=1001, message=b"server shutdown")

    # -- addresses and clock ----------------------------------------------------------------

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT/``."""
        return f"http://{LOOPBACK}:{self.port}/"

    @property
    def base_url(self) -> str:
        """The Web API base for ``WebClient(base_url=...)``: ``http://127.0.0.1:PORT/api/``."""
        return f"{self.root_url}api/"

    def now(self) -> float:
        """The fake's clock: the injected clock plus everything passed to `advance`."""
        return self._clock() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward (e.g. past a response_url's 30 minutes)."""
        with self._cond:
            self._clock_offset += seconds

    # -- test controls ----------------------------------------------------------------------

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with HTTP 429 and ``Retry-After``.

        Slack always sends at least 1 second; 0 is accepted to keep retry tests fast.
        """
        with self._cond:
            self._rate_limits[method] = _RateLimit(remaining=times, retry_after=retry_after)

    def response_url(self) -> str:
        """Mint a fresh response_url on the fake (5 uses, expires 30 minutes from `now`)."""
        url_id = secrets.token_hex(8)
        with self._cond:
            self._response_urls[url_id] = _ResponseUrl(url_id=url_id, created_at=self.now())
        return f"{self.root_url}response/{url_id}"

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = DEFAULT_USER_ID,
        ts: str | None = None,
        thread_ts: str | None = None,
    ) -> str:
        """Seed a message written by someone (for ``conversations.replies``); returns its ts."""
        with self._cond:
            ts = ts or self._next_ts()
            message: JSON = {"type": "message", "user": user, "text": text, "ts": ts}
            if thread_ts:
                message["thread_ts"] = thread_ts
            self._messages[(channel, ts)] = message
        return ts

    def clear(self) -> None:
        """Forget recorded calls, responses, violations, envelopes and acks."""
        with self._cond:
            self._calls.clear()
            self._responses.clear()
            self._violations.clear()
            self._envelopes.clear()
            self._acks.clear()

    # -- recorded values --------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        """Web API calls received so far, oldest first, optionally of one method."""
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def responses(self, url_or_id: str | None = None) -> list[RecordedCall]:
        """POSTs received on response_urls, oldest first, optionally for one URL (or its id)."""
        url_id = _url_id(url_or_id)
        with self._cond:
            return [r for r in self._responses if url_id is None or r.url_id == url_id]

    def violations(self) -> list[Violation]:
        """Every request refused for breaking a Slack limit."""
        with self._cond:
            return list(self._violations)

    def assert_no_violations(self) -> None:
        """Fail with the list of limit violations, if there was any."""
        found = self.violations()
        if found:
            lines = [f"{v.method}: {v.error} {list(v.messages)}" for v in found]
            raise AssertionError("Slack limits broken:\n" + "\n".join(lines))

    def envelopes(self) -> list[Envelope]:
        """Socket Mode envelopes pushed so far."""
        with self._cond:
            return list(self._envelopes.values())

    def acks(self) -> list[Ack]:
        """Socket Mode acks received so far."""
        with self._cond:
            return list(self._acks)

    def wait_for(
        self,
        method: str,
        predicate: Callable[[RecordedCall], bool] | None = None,
        timeout: float = 5.0,
    ) -> RecordedCall:
        """The first recorded `method` call matching `predicate`, waiting up to `timeout` s."""
        return self._wait(
            lambda: [c for c in self._calls if c.method == method],
            predicate,
            timeout,
            what=f"{method} call",
            seen=lambda: [_describe(c) for c in self._calls],
        )

    def wait_for_response(
        self,
        url_or_id: str | None = None,
        predicate: Callable[[RecordedCall], bool] | None = None,
        timeout: float = 5.0,
    ) -> RecordedCall:
        """The first response_url POST (to that URL, if given) matching `predicate`."""
        url_id = _url_id(url_or_id)
        return self._wait(
            lambda: [r for r in self._responses if url_id is None or r.url_id == url_id],
            predicate,
            timeout,
            what=f"response_url POST{f' to {url_id}' if url_id else ''}",
            seen=lambda: [_describe(r) for r in self._responses],
        )

    def _wait(
        self,
        candidates: Callable[[], list[RecordedCall]],
        predicate: Callable[[RecordedCall], bool] | None,
        timeout: float,
        *,
        what: str,
        seen: Callable[[], list[str]],
    ) -> RecordedCall:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in candidates():
                    if predicate is None or predicate(call):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    received = "\n  ".join(seen()) or "(nothing)"
                    raise AssertionError(
                        f"no matching {what} within {timeout} s; received:\n  {received}"
                    )
                self._cond.wait(remaining)

    # -- Web API ----------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, body_token, parse_error = await _read_params(request)
        token = _bearer(request.headers.get("Authorization")) or body_token
        with self._cond:
            status, body, extra = (
                (200, {"ok": False, "error": parse_error}, {})
                if parse_error is not None
                else self._answer_api(method, params, token)
            )
            self._calls.append(
                RecordedCall(
                    method=method,
                    params=params,
                    headers=dict(request.headers),
                    time=self.now(),
                    status=status,
                    response=body,
                )
            )
            self._cond.notify_all()
        return web.json_response(body, status=status, headers=extra)

    def _answer_api(
        self, method: str, params: JSON, token: str | None
    ) -> tuple[int, JSON, dict[str, str]]:
        """Status, JSON body and extra headers for one call. Holds the lock."""
        handler = self._methods.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        limit = self._rate_limits.get(method)
        if limit is not None and limit.remaining > 0:
            limit.remaining -= 1
            headers = {"Retry-After": str(limit.retry_after)}
            return 429, {"ok": False, "error": "ratelimited"}, headers
        auth_error = self._auth_error(method, token)
        if auth_error is not None:
            return 200, {"ok": False, "error": auth_error}, {}
        return 200, handler(params), {}

    def _auth_error(self, method: str, token: str | None) -> str | None:
        if not token:
            return "not_authed"
        wanted, other = (
            (self.app_token, self.bot_token)
            if method in _APP_TOKEN_METHODS
            else (self.bot_token, self.app_token)
        )
        if token == wanted:
            return None
        return "not_allowed_token_type" if token == other else "invalid_auth"

    def _reject(self, method: str, params: JSON, rejection: _Rejection, errors_field: bool) -> JSON:
        self._violations.append(Violation(method, rejection.error, rejection.messages, params))
        return rejection.body(errors_field=errors_field)

    def _next_ts(self) -> str:
        value = max(self.now(), self._last_ts + 0.000001)
        self._last_ts = value
        return f"{value:.6f}"

    def _bot_message(self, params: JSON, ts: str) -> JSON:
        message: JSON = {
            "type": "message",
            "text": params.get("text") or "",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "ts": ts,
        }
        for name in ("blocks", "attachments", "thread_ts", "metadata"):
            if params.get(name):
                message[name] = params[name]
        return message

    def _auth_test(self, params: JSON) -> JSON:
        return {
            "ok": True,
            "url": self.root_url,
            "team": "Envoy Test",
            "user": "envoy",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, params: JSON) -> JSON:
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        rejection = _message_rejection(params)
        if rejection is not None:
            return self._reject("chat.postMessage", params, rejection, errors_field=True)
        ts = self._next_ts()
        message = self._bot_message(params, ts)
        self._messages[(str(channel), ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _chat_post_ephemeral(self, params: JSON) -> JSON:
        if not params.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        rejection = _message_rejection(params)
        if rejection is not None:
            return self._reject("chat.postEphemeral", params, rejection, errors_field=True)
        return {"ok": True, "message_ts": self._next_ts()}

    def _own_message(self, params: JSON, cannot: str) -> tuple[JSON | None, str | None]:
        key = (str(params.get("channel") or ""), str(params.get("ts") or ""))
        message = self._messages.get(key)
        if message is None:
            return None, "message_not_found"
        if message.get("user") != self.bot_user_id:
            return None, cannot
        return message, None

    def _chat_update(self, params: JSON) -> JSON:
        message, error = self._own_message(params, "cant_update_message")
        if message is None:
            return {"ok": False, "error": error}
        rejection = _message_rejection(params)
        if rejection is not None:
            return self._reject("chat.update", params, rejection, errors_field=True)
        updated = self._bot_message(params, str(params["ts"]))
        if "thread_ts" in message:
            updated["thread_ts"] = message["thread_ts"]
        self._messages[(str(params["channel"]), str(params["ts"]))] = updated
        return {
            "ok": True,
            "channel": params["channel"],
            "ts": params["ts"],
            "text": updated["text"],
            "message": updated,
        }

    def _chat_delete(self, params: JSON) -> JSON:
        message, error = self._own_message(params, "cant_delete_message")
        if message is None:
            return {"ok": False, "error": error}
        del self._messages[(str(params["channel"]), str(params["ts"]))]
        return {"ok": True, "channel": params["channel"], "ts": params["ts"]}

    def _views_publish(self, params: JSON) -> JSON:
        if not params.get("user_id"):
            return {"ok": False, "error": "invalid_arguments"}
        view = params.get("view")
        rejection = _view_rejection(view)
        if rejection is not None or not isinstance(view, dict):
            rejection = rejection or _Rejection("invalid_arguments")
            return self._reject("views.publish", params, rejection, errors_field=False)
        published = {
            "id": DEFAULT_VIEW_ID,
            "team_id": self.team_id,
            "app_id": self.app_id,
            "bot_id": self.bot_id,
            **view,
            "type": "home",
            "hash": secrets.token_hex(6),
        }
        return {"ok": True, "view": published}

    def _trigger_error(self, trigger_id: Any) -> str | None:
        """Why Slack would refuse this trigger_id: malformed, used, or over 3 s old."""
        if not isinstance(trigger_id, str) or not _TRIGGER_ID.match(trigger_id):
            return "invalid_trigger_id"
        if trigger_id in self._used_triggers:
            return "exchanged_trigger_id"
        issued = int(trigger_id.split(".", 1)[0]) / 1000
        if time.time() - issued > self.trigger_ttl_seconds:
            return "expired_trigger_id"
        return None

    def _views_open(self, params: JSON) -> JSON:
        if not params.get("trigger_id") and not params.get("interactivity_pointer"):
            return {"ok": False, "error": "invalid_arguments"}
        view = params.get("view")
        errors = modal_errors(view)
        if errors or not isinstance(view, dict):
            rejection = _Rejection("invalid_arguments", tuple(errors))
            return self._reject("views.open", params, rejection, errors_field=False)
        trigger_error = self._trigger_error(params.get("trigger_id"))
        if trigger_error is not None:
            return {"ok": False, "error": trigger_error}
        self._used_triggers.add(str(params["trigger_id"]))
        view_id = f"V{secrets.token_hex(5).upper()}"
        blocks = [
            {**b, "block_id": b.get("block_id") or secrets.token_hex(3)} for b in view["blocks"]
        ]
        opened: JSON = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "clear_on_close": False,
            "notify_on_close": False,
            "submit": None,
            "close": None,
            **view,
            "blocks": blocks,
            "state": {"values": {}},
            "hash": secrets.token_hex(6),
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": self.app_id,
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        self._views[view_id] = opened
        return {"ok": True, "view": opened}

    def opened_views(self) -> list[JSON]:
        """The modals opened so far (as ``views.open`` answered them: ids, hash, block_ids)."""
        with self._cond:
            return list(self._views.values())

    def _conversations_replies(self, params: JSON) -> JSON:
        channel, ts = str(params.get("channel") or ""), str(params.get("ts") or "")
        parent = self._messages.get((channel, ts))
        if parent is None:
            return {"ok": False, "error": "thread_not_found"}
        replies = sorted(
            (
                m
                for (c, _), m in self._messages.items()
                if c == channel and m.get("thread_ts") == ts
            ),
            key=lambda m: float(m["ts"]),
        )
        thread = [parent, *(m for m in replies if m is not parent)]
        return {"ok": True, "messages": thread, "has_more": False}

    def _conversations_info(self, params: JSON) -> JSON:
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        is_im = str(channel).startswith("D")
        info: JSON = {
            "id": channel,
            "is_channel": not is_im,
            "is_im": is_im,
            "is_private": is_im,
            "is_member": True,
            "is_archived": False,
        }
        if is_im:
            info["user"] = DEFAULT_USER_ID
        else:
            info["name"] = DEFAULT_CHANNEL_NAME if channel == DEFAULT_CHANNEL_ID else str(channel)
        return {"ok": True, "channel": info}

    def _users_info(self, params: JSON) -> JSON:
        user = params.get("user")
        if not user:
            return {"ok": False, "error": "user_not_found"}
        is_bot = user == self.bot_user_id
        name = "envoy" if is_bot else (DEFAULT_USER_NAME if user == DEFAULT_USER_ID else user)
        return {
            "ok": True,
            "user": {
                "id": user,
                "team_id": self.team_id,
                "name": name,
                "real_name": name,
                "deleted": False,
                "is_bot": is_bot,
                "tz": "Europe/Kyiv",
                "profile": {"real_name": name, "display_name": name},
            },
        }

    def _apps_connections_open(self, params: JSON) -> JSON:
        ticket = str(uuid.uuid4())
        self._tickets.add(ticket)
        query = urlencode({"ticket": ticket, "app_id": self.app_id})
        return {"ok": True, "url": f"ws://{LOOPBACK}:{self.port}/link/?{query}"}

    # -- response_url -----------------------------------------------------------------------

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        url_id = request.match_info["url_id"]
        raw = await request.text()
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError:
            payload = None
        with self._cond:
            if not isinstance(payload, dict):
                params: JSON = {"raw": raw}
                status, body = 400, {"ok": False, "error": "invalid_payload"}
            else:
                params = _decode_json_fields(payload)
                status, body = self._answer_response_url(url_id, params)
            self._responses.append(
                RecordedCall(
                    method="response_url",
                    params=params,
                    headers=dict(request.headers),
                    time=self.now(),
                    status=status,
                    response=body,
                    url_id=url_id,
                )
            )
            self._cond.notify_all()
        return web.json_response(body, status=status)

    def _answer_response_url(self, url_id: str, params: JSON) -> tuple[int, JSON]:
        """Status and body for one response_url POST. Holds the lock.

        Every attempt on a live URL counts as a use, accepted or not.
        """
        entry = self._response_urls.get(url_id)
        if entry is None:
            return 404, {"ok": False, "error": "invalid_url"}
        if self.now() - entry.created_at > RESPONSE_URL_TTL_SECONDS:
            return 404, {"ok": False, "error": "expired_url"}
        if entry.uses >= RESPONSE_URL_MAX_USES:
            return 404, {"ok": False, "error": "used_url"}
        entry.uses += 1
        if params.get("delete_original") is True:
            return 200, {"ok": True}
        rejection = _message_rejection(params)
        if rejection is not None:
            return 400, self._reject("response_url", params, rejection, errors_field=True)
        return 200, {"ok": True}

    # -- Socket Mode ------------------------------------------------------------------------

    async def _handle_socket(self, request: web.Request) -> web.StreamResponse:
        with self._cond:
            known = request.query.get("ticket") in self._tickets
        if not known:
            return web.json_response({"ok": False, "error": "invalid_ticket"}, status=401)
        ws = web.WebSocketResponse(autoping=False, compress=False, timeout=0.5)
        await ws.prepare(request)
        with self._cond:
            self._connections_total += 1
            conn = _Socket(ws=ws, connection_id=self._connections_total)
            hello = self._hello()
        await ws.send_str(json.dumps(hello))
        if self._server_ping_interval:
            conn.tasks.append(asyncio.create_task(self._ping_forever(conn)))
        with self._cond:
            self._sockets.append(conn)
            self._cond.notify_all()
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self._on_socket_text(msg.data)
                elif msg.type == WSMsgType.PING:
                    conn.pings_received += 1
                    await ws.pong(msg.data)
        finally:
            for task in conn.tasks:
                task.cancel()
            with self._cond:
                self._sockets.remove(conn)
                self._cond.notify_all()
        return ws

    def _hello(self) -> JSON:
        return {
            "type": "hello",
            "num_connections": len(self._sockets) + 1,
            "debug_info": {
                "host": "fake-slack",
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": self.app_id},
        }

    async def _ping_forever(self, conn: _Socket) -> None:
        interval = self._server_ping_interval or 0
        while not conn.ws.closed:
            await asyncio.sleep(interval)
            try:
                await conn.ws.ping(b"fake-slack")
            except (ConnectionError, RuntimeError):
                return

    def _on_socket_text(self, data: str) -> None:
        try:
            message = json.loads(data)
        except json.JSONDecodeError:
            message = None
        with self._cond:
            if not isinstance(message, dict) or not isinstance(message.get("envelope_id"), str):
                self._violations.append(
                    Violation("socket_mode", "invalid_ack", ("not an ack",), {"raw": data})
                )
            else:
                envelope = self._envelopes.get(message["envelope_id"])
                latency = time.monotonic() - envelope.sent_at if envelope else None
                payload = message.get("payload")
                self._acks.append(
                    Ack(
                        envelope_id=message["envelope_id"],
                        payload=payload if isinstance(payload, dict) else None,
                        raw=message,
                        latency=latency,
                    )
                )
            self._cond.notify_all()

    @property
    def connection_count(self) -> int:
        """Socket Mode connections open right now."""
        with self._cond:
            return len(self._sockets)

    @property
    def connections_opened(self) -> int:
        """Socket Mode connections accepted since `start` (reconnects included)."""
        with self._cond:
            return self._connections_total

    def wait_connected(self, timeout: float = 5.0, count: int = 1) -> None:
        """Wait until at least `count` Socket Mode clients are connected and greeted."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._sockets) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"{len(self._sockets)} Socket Mode connection(s) after {timeout} s, "
                        f"wanted {count}; apps.connections.open calls: "
                        f"{len([c for c in self._calls if c.method == 'apps.connections.open'])}"
                    )
                self._cond.wait(remaining)

    def send_envelope(
        self,
        type: str,
        payload: JSON,
        accepts_response_payload: bool = False,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> str:
        """Push an envelope to the newest Socket Mode connection; returns its envelope_id.

        Slack delivers each envelope to one of the app's connections; the newest one here.
        """
        if type not in _ENVELOPE_TYPES:
            raise ValueError(f"unknown envelope type {type!r}; one of {sorted(_ENVELOPE_TYPES)}")
        envelope_id = str(uuid.uuid4())
        message: JSON = {
            "envelope_id": envelope_id,
            "type": type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if type == "events_api":
            message["retry_attempt"] = retry_attempt
            message["retry_reason"] = retry_reason
        self._call_in_loop(self._push(message))
        return envelope_id

    async def _push(self, message: JSON) -> None:
        with self._cond:
            live = [s for s in self._sockets if not s.ws.closed]
            if not live:
                raise RuntimeError("no Socket Mode client is connected (see wait_connected)")
            target = live[-1]
            self._envelopes[message["envelope_id"]] = Envelope(
                envelope_id=message["envelope_id"],
                type=message["type"],
                payload=message["payload"],
                accepts_response_payload=message["accepts_response_payload"],
                sent_at=time.monotonic(),
            )
        await target.ws.send_str(json.dumps(message))

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> Ack:
        """The client's ack of `envelope_id` (with its optional payload), waiting `timeout` s."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for ack in self._acks:
                    if ack.envelope_id == envelope_id:
                        return ack
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [a.envelope_id for a in self._acks] or "(none)"
                    raise AssertionError(
                        f"no ack for envelope {envelope_id} within {timeout} s; acks seen: {seen}"
                    )
                self._cond.wait(remaining)

    def disconnect_socket(self, reason: str = "refresh_requested") -> int:
        """Send Slack's ``disconnect`` message to every connection; returns how many got it."""
        message = {
            "type": "disconnect",
            "reason": reason,
            "debug_info": {"host": "fake-slack"},
        }
        return self._call_in_loop(self._broadcast(json.dumps(message)))

    async def _broadcast(self, text: str) -> int:
        with self._cond:
            live = [s for s in self._sockets if not s.ws.closed]
        for conn in live:
            await conn.ws.send_str(text)
        return len(live)


# ---------------------------------------------------------------------------------------------
# Request helpers


def _url_id(url_or_id: str | None) -> str | None:
    if url_or_id is None:
        return None
    return url_or_id.rstrip("/").rsplit("/", 1)[-1]


def _bearer(header: str | None) -> str | None:
    if header and header.lower().startswith("bearer "):
        return header[len("bearer ") :].strip() or None
    return None


async def _read_params(request: web.Request) -> tuple[JSON, str | None, str | None]:
    """Parsed params, the ``token`` form/query field, and a parse error code if any.

    Like Slack, a token inside a JSON body is not honoured: JSON callers use the header.
    """
    params: JSON = dict(request.query)
    token = params.get("token")
    if request.content_type == "application/json":
        raw = await request.text()
        try:
            body = json.loads(raw) if raw.strip() else {}
        except json.JSONDecodeError:
            return {"raw": raw}, None, "invalid_json"
        if not isinstance(body, dict):
            return {"raw": raw}, None, "invalid_json"
        params.update(body)
    elif request.body_exists:
        form = await request.post()
        for key, value in form.items():
            params[key] = value if isinstance(value, str) else getattr(value, "filename", "")
        token = params.get("token", token)
    return _decode_json_fields(params), token if isinstance(token, str) else None, None


# ---------------------------------------------------------------------------------------------
# Payload factories


def _new_ts() -> str:
    return f"{time.time():.6f}"


_TRIGGER_ID: Final = re.compile(r"^\d{13}\.\d{1,9}\.[0-9a-f]{32}$")


def _trigger_id() -> str:
    """A trigger_id like Slack's; its first part is when it was issued (ms), so the fake can
    refuse it after 3 s like Slack does."""
    issued = int(time.time() * 1000)
    return f"{issued}.{secrets.randbelow(10**9)}.{secrets.token_hex(16)}"


def slash_command_form(
    command: str,
    text: str = "",
    *,
    user_id: str = DEFAULT_USER_ID,
    user_name: str = DEFAULT_USER_NAME,
    channel_id: str = DEFAULT_CHANNEL_ID,
    channel_name: str = DEFAULT_CHANNEL_NAME,
    response_url: str = UNSET_RESPONSE_URL,
    team_id: str = DEFAULT_TEAM_ID,
    team_domain: str = DEFAULT_TEAM_DOMAIN,
    api_app_id: str = DEFAULT_APP_ID,
    trigger_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, str]:
    """The form fields Slack sends for a slash command (all strings, in Slack's order).

    POST them form-encoded (`form_body`) in HTTP mode, or pass the dict as a
    ``slash_commands`` envelope payload in Socket Mode.
    """
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command if command.startswith("/") else f"/{command}",
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "true" if is_enterprise_install else "false",
        "response_url": response_url,
        "trigger_id": trigger_id or _trigger_id(),
    }


def event_callback(
    event: JSON,
    event_id: str | None = None,
    *,
    team_id: str = DEFAULT_TEAM_ID,
    api_app_id: str = DEFAULT_APP_ID,
    bot_user_id: str = DEFAULT_BOT_USER_ID,
    event_time: int | None = None,
) -> JSON:
    """An Events API ``event_callback`` wrapping `event` (the body, or an envelope payload)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{secrets.token_hex(5).upper()}",
        "event_time": event_time if event_time is not None else int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{secrets.token_hex(12)}",
    }


def app_mention_event(
    text: str,
    user: str = DEFAULT_USER_ID,
    channel: str = DEFAULT_CHANNEL_ID,
    ts: str | None = None,
    thread_ts: str | None = None,
    *,
    team_id: str = DEFAULT_TEAM_ID,
) -> JSON:
    """An ``app_mention`` event; `text` should carry the ``<@BOTID>`` token like Slack's."""
    ts = ts or _new_ts()
    event: JSON = {
        "type": "app_mention",
        "client_msg_id": str(uuid.uuid4()),
        "text": text,
        "user": user,
        "ts": ts,
        "team": team_id,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message_event(
    text: str,
    user: str = DEFAULT_USER_ID,
    channel: str = DEFAULT_DM_CHANNEL_ID,
    ts: str | None = None,
    thread_ts: str | None = None,
    *,
    channel_type: str = "im",
    team_id: str = DEFAULT_TEAM_ID,
) -> JSON:
    """A plain user ``message`` event; a DM (``channel_type="im"``) unless told otherwise."""
    ts = ts or _new_ts()
    event: JSON = {
        "type": "message",
        "client_msg_id": str(uuid.uuid4()),
        "text": text,
        "user": user,
        "ts": ts,
        "team": team_id,
        "channel": channel,
        "event_ts": ts,
        "channel_type": channel_type,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def app_home_opened_event(
    user: str = DEFAULT_USER_ID,
    channel: str = DEFAULT_DM_CHANNEL_ID,
    *,
    tab: str = "home",
    view: JSON | None = None,
) -> JSON:
    """An ``app_home_opened`` event (``view`` is absent until the app published one)."""
    event: JSON = {
        "type": "app_home_opened",
        "user": user,
        "channel": channel,
        "tab": tab,
        "event_ts": _new_ts(),
    }
    if view is not None:
        event["view"] = view
    return event


def block_actions_payload(
    action_id: str,
    value: str,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = DEFAULT_CHANNEL_ID,
    message_ts: str | None = None,
    response_url: str | None = None,
    container: JSON | None = None,
    *,
    block_id: str = "actions",
    button_text: str = "Button",
    user_name: str = DEFAULT_USER_NAME,
    team_id: str = DEFAULT_TEAM_ID,
    team_domain: str = DEFAULT_TEAM_DOMAIN,
    api_app_id: str = DEFAULT_APP_ID,
) -> JSON:
    """A ``block_actions`` payload for one button click.

    With `message_ts` the button sits in a message (container ``message``, plus ``channel`` and
    ``message``); without it, in the App Home (container ``view``). `container` overrides both.
    In HTTP mode send it as `interactive_form_body`; in Socket Mode as an ``interactive``
    envelope payload.
    """
    action_ts = _new_ts()
    if container is None:
        container = (
            {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel_id,
                "is_ephemeral": False,
            }
            if message_ts
            else {"type": "view", "view_id": DEFAULT_VIEW_ID}
        )
    payload: JSON = {
        "type": "block_actions",
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "container": container,
        "trigger_id": _trigger_id(),
        "team": {"id": team_id, "domain": team_domain},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id,
                "text": {"type": "plain_text", "text": button_text, "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": action_ts,
            }
        ],
    }
    if container.get("type") == "message":
        payload["channel"] = {"id": channel_id, "name": DEFAULT_CHANNEL_NAME}
        payload["message"] = {
            "type": "message",
            "user": DEFAULT_BOT_USER_ID,
            "bot_id": DEFAULT_BOT_ID,
            "ts": container.get("message_ts", message_ts),
            "text": "",
        }
    else:
        payload["view"] = {"id": container.get("view_id", DEFAULT_VIEW_ID), "type": "home"}
    if response_url is not None:
        payload["response_url"] = response_url
    return payload


def view_submission_payload(
    view: JSON,
    values: Mapping[str, str | None] | None = None,
    user_id: str = DEFAULT_USER_ID,
    *,
    user_name: str = DEFAULT_USER_NAME,
    team_id: str = DEFAULT_TEAM_ID,
    team_domain: str = DEFAULT_TEAM_DOMAIN,
    api_app_id: str = DEFAULT_APP_ID,
) -> JSON:
    """A ``view_submission`` payload: the user pressed Submit on `view`.

    Pass the view as ``views.open`` answered it (``call.response["view"]`` or
    `FakeSlack.opened_views`), so it carries its id, hash and block ids. `values` maps the
    action_id of each ``plain_text_input`` to what the user typed; every input of the view
    appears in ``state.values``, ``None`` when left empty, as Slack sends it. Raises
    ValueError for what the Slack client would not let a user submit: an unknown action_id,
    text over the input's ``max_length``, or an empty required input. In HTTP mode send it
    as `interactive_form_body`; in Socket Mode as an ``interactive`` envelope payload.
    """
    typed = dict(values or {})
    state: dict[str, JSON] = {}
    for index, block in enumerate(view.get("blocks") or []):
        if not isinstance(block, dict) or block.get("type") != "input":
            continue
        element = block.get("element") or {}
        action_id = element.get("action_id") or f"input_{index}"
        block_id = block.get("block_id") or f"block_{index}"
        value = typed.pop(action_id, None) or None
        if element.get("type") != "plain_text_input":
            raise ValueError(f"only plain_text_input is supported, not {element.get('type')!r}")
        limit = element.get("max_length", MAX_TEXT_INPUT_LENGTH)
        if value is not None and len(value) > limit:
            raise ValueError(f"{action_id}: {len(value)} characters, over max_length {limit}")
        if value is None and not block.get("optional", False):
            raise ValueError(f"{action_id} is required")
        state.setdefault(block_id, {})[action_id] = {"type": "plain_text_input", "value": value}
    if typed:
        raise ValueError(f"no plain_text_input with action_id {sorted(typed)} in the view")
    view_id = view.get("id") or f"V{secrets.token_hex(5).upper()}"
    submitted: JSON = {
        "id": view_id,
        "team_id": team_id,
        "type": "modal",
        "private_metadata": "",
        "callback_id": "",
        "hash": secrets.token_hex(6),
        "root_view_id": view_id,
        "previous_view_id": None,
        "app_id": api_app_id,
        "bot_id": DEFAULT_BOT_ID,
        **view,
        "state": {"values": state},
    }
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": team_domain},
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": _trigger_id(),
        "view": submitted,
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def form_body(fields: Mapping[str, str]) -> str:
    """Form-encode fields as Slack does for slash commands."""
    return urlencode(fields)


def ssl_check_form(token: str = VERIFICATION_TOKEN) -> dict[str, str]:
    """The form Slack POSTs, unsigned (no ``X-Slack-Signature``), to check a slash command's
    request URL certificate: ``ssl_check=1`` and the verification token, nothing else."""
    return {"ssl_check": "1", "token": token}


def interactive_form_body(payload: JSON) -> str:
    """The body Slack POSTs for an interaction: ``payload=<json>``, form-encoded."""
    return urlencode({"payload": json.dumps(payload)})


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` headers for `body`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    if signature is None:  # slack_sdk returns None only for a missing timestamp or body
        raise ValueError("cannot sign without a timestamp and a body")
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}
