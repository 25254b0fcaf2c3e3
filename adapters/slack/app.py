"""The bolt app: Slack payloads in, `Envoy.handle` in a thread, rendered answers out.

Listeners are thin. Each acknowledges first (so Slack gets its 200 within 3 s whatever
the core does), makes sure the delivery is new (Slack retries, a proxy may repeat one:
each is answered once, across every process sharing the database), builds a `Question`,
runs the core in the answering threads (its own pool, so nothing else ever waits behind
answers), renders the `Answer` and sends it through the response_url (slash commands,
buttons) or chat.postMessage (mentions, DMs). The core decides what every command does;
free text from mentions and DMs goes to it as ``ask``. "Report a problem" opens a modal
(views.open with the click's trigger_id); its submission goes to `Envoy.report_problem`.
Any exception reaches the one boundary handler, bolt's global error handler, which logs it
with a reference id and apologises.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import os
import re
import secrets
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.inflight import InFlight
from adapters.slack import messages as say
from adapters.slack.dedupe import RecentKeys
from adapters.slack.delivery import (
    DeliveryError,
    RateLimitedError,
    RateLimitRetry,
    Shutdown,
    retry_after,
)
from adapters.slack.render import (
    ACTION_HELPFUL,
    ACTION_NOT_HELPFUL,
    ACTION_REPORT,
    ACTION_SHARE,
    REPORT_CALLBACK,
    SUGGEST_ACTION,
    Asked,
    Message,
    ReportTarget,
    from_slack,
    render_answer,
    render_apology,
    render_home,
    render_not_sent,
    render_report_modal,
    render_report_thanks,
    render_text,
    report_note,
)
from adapters.slack.settings import SlackSettings
from bot import messages as core_messages
from bot.answers import Answer, Question
from bot.commands import COMMAND_NAMES, COMMANDS
from bot.service import Envoy

log = logging.getLogger(__name__)

PLATFORM = "slack"
SLASH_COMMANDS: tuple[str, ...] = tuple(f"/{c.name}" for c in COMMANDS)
"""The slash commands the app listens to: one per registered command."""
BOT_EVENTS: tuple[str, ...] = ("app_home_opened", "app_mention", "message.im")
"""The bot events the app subscribes to, named as in the manifest."""
RESPONSE_TIMEOUT_SECONDS = 10
ACK_SETTLE_SECONDS = 0.05
ANSWER_THREADS = min(32, (os.cpu_count() or 1) + 4)
"""Threads that run the core (answers, feedback, reports): as many as Python's default pool."""
CLAIM_SECONDS = 3600
"""How long a delivery is remembered as answered: Slack retries for well under an hour."""

JSON = dict[str, Any]
_T = TypeVar("_T")


def retry_handlers(shutdown: Shutdown) -> list[AsyncRetryHandler]:
    """Retry dropped connections, and 429s after a short Retry-After (see `delivery`)."""
    return [AsyncConnectionErrorRetryHandler(), RateLimitRetry(shutdown)]


def make_client(settings: SlackSettings, shutdown: Shutdown | None = None) -> AsyncWebClient:
    """The Web API client: the bot token, SLACK_API_URL, and the retry handlers, whose
    waits end when `shutdown` begins."""
    return AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=retry_handlers(shutdown or Shutdown()),
        logger=logging.getLogger("slack_sdk.web.async_client"),
    )


def answer_threads() -> ThreadPoolExecutor:
    """The pool the core runs in, apart from the event loop's default pool (which keeps
    delivery claims, health checks and DNS look-ups free of answering work)."""
    return ThreadPoolExecutor(ANSWER_THREADS, thread_name_prefix="envoy-slack-answer")


def build_app(
    envoy: Envoy,
    settings: SlackSettings,
    client: AsyncWebClient | None = None,
    *,
    inflight: InFlight | None = None,
    recent: RecentKeys | None = None,
    answers: Executor | None = None,
    shutdown: Shutdown | None = None,
) -> AsyncApp:
    """A bolt AsyncApp answering with `envoy`: every listener and the error handler.

    The same app serves Socket Mode and HTTP mode; signatures are verified whenever a
    signing secret is set (HTTP mode requires one). `inflight` counts running work for a
    graceful shutdown; `recent` remembers deliveries already answered; `answers` runs the
    core (the caller shuts it down); `shutdown` ends rate-limit waits when the stop begins.
    """
    shutdown = shutdown or Shutdown()
    client = client or make_client(settings, shutdown)
    listeners = _Listeners(
        envoy,
        client,
        inflight or InFlight(),
        recent or RecentKeys(),
        answers or answer_threads(),
        shutdown,
    )
    app = AsyncApp(
        name="envoy",
        client=client,
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=bool(settings.signing_secret),
        ssl_check_enabled=False,  # bolt's would answer before the signature check; see server
        logger=bolt_logger(),
    )
    for slash in SLASH_COMMANDS:
        app.command(slash)(listeners.on_command)
    app.event("app_mention")(listeners.on_mention)
    app.event("message")(listeners.on_message)
    app.event("app_home_opened")(listeners.on_home_opened)
    app.action(ACTION_SHARE)(listeners.on_share)
    app.action(ACTION_HELPFUL)(listeners.on_feedback)
    app.action(ACTION_NOT_HELPFUL)(listeners.on_feedback)
    app.action(SUGGEST_ACTION)(listeners.on_suggestion)
    app.action(ACTION_REPORT)(listeners.on_report)
    app.view(REPORT_CALLBACK)(listeners.on_report_submitted)
    app.error(listeners.on_error)
    return app


class _QuietBolt(logging.Filter):
    """Keeps request bodies and a constructor warning out of bolt's log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("As you gave `client` as well"):
            return False
        if message.startswith("Invalid request signature detected"):
            record.msg = "Invalid request signature detected; request refused (body not logged)"
            record.args = None
        return True


def bolt_logger() -> logging.Logger:
    """The base logger bolt copies into its own loggers, with `_QuietBolt` attached.

    It lives under ``slack_bolt`` so the library log floor of `bot.logs` applies to it
    (the Socket Mode client logs whole envelopes at DEBUG).
    """
    logger = logging.getLogger("slack_bolt.envoy")
    if not any(isinstance(f, _QuietBolt) for f in logger.filters):
        logger.addFilter(_QuietBolt())
    return logger


def question_from_suggestion(suggestion: str) -> tuple[str, str]:
    """The command and text a suggestion asks: "about Crimea" is `about`, the rest `ask`.

    The core words some suggestions as command lines ("quotes Blinken"); a lower-case
    first word naming a registered command is that command, as in the console.
    """
    name, _, rest = suggestion.strip().partition(" ")
    if name in COMMAND_NAMES and name != "ask" and rest.strip():
        return name, rest.strip()
    return "ask", suggestion.strip()


def _strip_bot_mention(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    return " ".join(from_slack(text).split())


def _response_url(body: JSON) -> str | None:
    url = body.get("response_url")
    return url if isinstance(url, str) and url else None


def _user_name(body: JSON) -> str:
    user = body.get("user")
    if isinstance(user, dict):
        for key in ("name", "username"):
            value = user.get(key)
            if isinstance(value, str) and value:
                return value
    return ""


def delivery_key(body: JSON) -> tuple[str, str]:
    """What makes a delivery the same delivery: an event's event_id, else the trigger_id
    Slack gives every slash command and interaction, else a hash of the whole body."""
    event_id = body.get("event_id")
    if body.get("type") == "event_callback" and isinstance(event_id, str) and event_id:
        return ("event", event_id)
    trigger_id = body.get("trigger_id")
    if isinstance(trigger_id, str) and trigger_id:
        return ("trigger", trigger_id)
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return ("body", hashlib.sha256(canonical.encode()).hexdigest()[:40])


def _channel_and_user(body: JSON) -> tuple[str | None, str | None]:
    """Where a delivery came from, to tell its user something privately."""
    if isinstance(body.get("channel_id"), str):  # a slash command
        user = body.get("user_id")
        return body["channel_id"], user if isinstance(user, str) else None
    event = body.get("event")
    if isinstance(event, dict):
        channel, user = event.get("channel"), event.get("user")
        return (
            channel if isinstance(channel, str) else None,
            user if isinstance(user, str) else None,
        )
    channel = body.get("channel")
    channel_id = channel.get("id") if isinstance(channel, dict) else None
    view = body.get("view")
    if channel_id is None and isinstance(view, dict):
        channel_id = ReportTarget.from_metadata(str(view.get("private_metadata") or "")).channel
    return (channel_id if isinstance(channel_id, str) else None), _user_id(body)


def _user_id(body: JSON) -> str | None:
    user = body.get("user")
    if isinstance(user, dict) and isinstance(user.get("id"), str):
        return str(user["id"])
    return None


class _Listeners:
    """Every listener of the app, sharing the core, the client and the bookkeeping."""

    def __init__(
        self,
        envoy: Envoy,
        client: AsyncWebClient,
        inflight: InFlight,
        recent: RecentKeys,
        answers: Executor,
        shutdown: Shutdown,
    ) -> None:
        self.envoy = envoy
        self.client = client
        self.inflight = inflight
        self.recent = recent
        self.answers = answers
        self.shutdown = shutdown

    @asynccontextmanager
    async def work(self, body: JSON) -> AsyncIterator[None]:
        """One listener's work: counted for a graceful stop, and, when Slack's rate limit
        stops a message, the user told privately and the log told what was not sent."""
        async with self.inflight.track():
            try:
                yield
            except RateLimitedError as limited:
                await self.report_not_sent(body, limited)

    async def report_not_sent(self, body: JSON, limited: RateLimitedError) -> None:
        stopping = self.shutdown.remaining() is not None
        log.warning(
            "%s; a message was not sent%s; telling the user privately",
            limited,
            " (stopping)" if stopping else "",
        )
        channel, user = _channel_and_user(body)
        if channel is None or user is None:
            log.warning("no channel and user to tell about the message not sent")
            return
        notice = render_not_sent(limited.retry_after)
        try:
            await self.client.chat_postEphemeral(
                channel=channel, user=user, text=notice.text, blocks=notice.blocks
            )
        except (SlackApiError, DeliveryError, OSError) as error:
            log.warning("could not tell the user either: %s", error)

    # -- the core, off the event loop ----------------------------------------------------

    async def core(self, work: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """Run blocking core `work` in the answering threads."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.answers, functools.partial(work, *args, **kwargs))

    async def ask(self, command: str, text: str, asker: str | None) -> Answer:
        question = Question(command=command, text=text, platform=PLATFORM, asker=asker)
        return await self.core(self.envoy.handle, question)

    # -- sending -------------------------------------------------------------------------

    async def respond(self, url: str, message: Message | None = None, **options: Any) -> None:
        """POST to a response_url (retrying 429s); DeliveryError if Slack refuses it."""
        payload: JSON = dict(message.as_kwargs()) if message is not None else {}
        if message is not None:
            payload.update(unfurl_links=False, unfurl_media=False)
        payload.update(options)
        webhook = AsyncWebhookClient(
            url, timeout=RESPONSE_TIMEOUT_SECONDS, retry_handlers=retry_handlers(self.shutdown)
        )
        response = await webhook.send_dict(payload)
        if response.status_code == 429:  # still limited after the retries
            raise RateLimitedError("response_url", retry_after(response.headers))
        if response.status_code != 200:
            raise DeliveryError(
                f"response_url refused the message: HTTP {response.status_code} "
                f"{(response.body or '')[:200]}"
            )

    async def post(self, channel: str, message: Message, thread_ts: str | None = None) -> None:
        """chat.postMessage, never unfurling and never linking names."""
        try:
            await self.client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=message.blocks,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as error:
            if error.response.status_code == 429:  # still limited after the retries
                raise RateLimitedError(
                    "chat.postMessage", retry_after(error.response.headers)
                ) from None
            raise

    async def tell_privately(self, body: JSON, message: Message) -> None:
        """A message only the user who acted sees: the response_url, else chat.postEphemeral."""
        url = _response_url(body)
        if url is not None:
            await self.respond(url, message, response_type="ephemeral", replace_original=False)
            return
        channel = body.get("channel")
        user = _user_id(body)
        if isinstance(channel, dict) and isinstance(channel.get("id"), str) and user:
            await self.client.chat_postEphemeral(
                channel=channel["id"], user=user, text=message.text, blocks=message.blocks
            )

    # -- answering once ----------------------------------------------------------------------

    async def first(self, *key: str) -> bool:
        """Whether `key` is seen for the first time: in this process, then in every process
        sharing the database (a retry may reach another one). Runs after the ack, in the
        loop's default pool: never behind answers."""
        if not self.recent.first(key):
            return False
        return await asyncio.to_thread(self.envoy.claim, "slack:" + ":".join(key), CLAIM_SECONDS)

    async def new_delivery(self, body: JSON) -> bool:
        """False (and logged) when this very delivery was handled already."""
        kind, key = delivery_key(body)
        if await self.first(kind, key):
            return True
        log.info("Slack delivered %s %s again; already handled", kind, key[:60])
        return False

    # -- slash commands ----------------------------------------------------------------------

    async def on_command(self, ack: AsyncAck, command: JSON) -> None:
        """/ask, /who-said, /quotes, /about, /sources, /help: a private answer to share."""
        async with self.work(command):
            await ack()
            if not await self.new_delivery(command):
                return
            name = str(command["command"]).lstrip("/")
            asked = Asked(name, from_slack(command.get("text") or ""))
            answer = await self.ask(asked.command, asked.text, command.get("user_id"))
            asked = Asked(asked.command, asked.text, answer.answer_id)
            message = render_answer(answer, asked=asked, shareable=True)
            await self.respond(command["response_url"], message, response_type="ephemeral")

    # -- mentions and direct messages ----------------------------------------------------------

    async def on_mention(self, body: JSON, event: JSON, context: AsyncBoltContext) -> None:
        """A mention in a channel: answered in the mention's thread."""
        async with self.work(body):
            if not await self.new_delivery(body):
                return
            channel, ts = event.get("channel"), event.get("ts")
            if not isinstance(channel, str) or not isinstance(ts, str):
                return
            if event.get("subtype") or event.get("bot_id") or channel.startswith("D"):
                return  # a DM arrives as message.im too, and is answered from there
            if not await self.first("post", channel, ts):
                return
            text = _strip_bot_mention(event.get("text") or "", context.bot_user_id)
            answer = await self.ask("ask", text, event.get("user"))
            thread_ts = event.get("thread_ts") or ts
            await self.post(channel, render_answer(answer), thread_ts=thread_ts)

    async def on_message(self, body: JSON, event: JSON, context: AsyncBoltContext) -> None:
        """A direct message: answered in the DM (in its thread, if it was in one)."""
        async with self.work(body):
            if not await self.new_delivery(body):
                return
            channel, ts = event.get("channel"), event.get("ts")
            if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
                return
            if not isinstance(channel, str) or not isinstance(ts, str):
                return
            if not await self.first("post", channel, ts):
                return
            text = _strip_bot_mention(event.get("text") or "", context.bot_user_id)
            answer = await self.ask("ask", text, event.get("user"))
            await self.post(channel, render_answer(answer), thread_ts=event.get("thread_ts"))

    # -- App Home ------------------------------------------------------------------------------

    async def on_home_opened(self, body: JSON, event: JSON) -> None:
        """Publish the App Home: what Envoy knows, its commands, example questions."""
        async with self.work(body):
            if event.get("tab") != "home" or not isinstance(event.get("user"), str):
                return
            if not await self.new_delivery(body):
                return
            view = render_home(self.envoy.overview())
            await self.client.views_publish(user_id=event["user"], view=view)

    # -- buttons -------------------------------------------------------------------------------

    async def on_feedback(self, ack: AsyncAck, body: JSON, action: JSON) -> None:
        """Helpful / not helpful, recorded against the answer the button belongs to."""
        async with self.work(body):
            await ack()
            if not await self.new_delivery(body):
                return
            helpful = action.get("action_id") == ACTION_HELPFUL
            known = await self.core(
                self.envoy.feedback,
                str(action.get("value") or ""),
                helpful,
                platform=PLATFORM,
                asker=_user_id(body),
            )
            thanks = core_messages.FEEDBACK_THANKS if known else core_messages.FEEDBACK_UNKNOWN
            await self.tell_privately(body, render_text(thanks))

    async def on_share(self, ack: AsyncAck, body: JSON, action: JSON) -> None:
        """Post to channel: the same question answered publicly, naming who shared it."""
        async with self.work(body):
            await ack()
            if not await self.new_delivery(body):
                return
            asked = Asked.from_value(str(action.get("value") or ""))
            shared = None
            if asked.answer_id:  # share the very answer given, without asking again
                shared = await self.core(self.envoy.replay, asked.answer_id)
            answer = shared or await self.ask(asked.command, asked.text, _user_id(body))
            message = render_answer(answer, asked=asked, shared_by=_user_name(body))
            url = _response_url(body)
            if url is None:
                channel = body.get("channel") or {}
                if not isinstance(channel.get("id"), str):
                    raise DeliveryError("a share without response_url or channel")
                await self.post(channel["id"], message)
                return
            await self.respond(url, message, response_type="in_channel", replace_original=False)
            try:
                await self.respond(url, delete_original=True)
            except DeliveryError as error:  # the answer is out; a leftover private copy is fine
                log.warning("could not remove the private answer after sharing: %s", error)

    async def on_suggestion(self, ack: AsyncAck, body: JSON, action: JSON) -> None:
        """A suggestion button: asks it, privately under a private answer, else in place."""
        async with self.work(body):
            await ack()
            if not await self.new_delivery(body):
                return
            command, text = question_from_suggestion(str(action.get("value") or ""))
            answer = await self.ask(command, text, _user_id(body))
            asked = Asked(command, text)
            container = body.get("container") or {}
            channel = body.get("channel") or {}
            public = (
                container.get("type") == "message"
                and not container.get("is_ephemeral")
                and isinstance(channel.get("id"), str)
            )
            if public:
                message = render_answer(answer, asked=asked, asked_by=_user_name(body))
                thread_ts = (body.get("message") or {}).get("thread_ts")
                await self.post(channel["id"], message, thread_ts=thread_ts)
            else:
                asked = Asked(command, text, answer.answer_id)
                message = render_answer(answer, asked=asked, shareable=True)
                await self.tell_privately(body, message)

    # -- Report a problem -----------------------------------------------------------------------

    async def on_report(self, ack: AsyncAck, body: JSON, action: JSON) -> None:
        """Report a problem: the modal opens at once (a trigger_id lasts 3 s), carrying the
        answer id and where to thank the reporter."""
        async with self.work(body):
            await ack()
            if not await self.new_delivery(body):
                return
            channel = body.get("channel")
            channel_id = channel.get("id") if isinstance(channel, dict) else None
            target = ReportTarget(
                answer_id=str(action.get("value") or ""),
                response_url=_response_url(body),
                channel=channel_id if isinstance(channel_id, str) else None,
            )
            await self.client.views_open(
                trigger_id=str(body.get("trigger_id") or ""), view=render_report_modal(target)
            )

    async def on_report_submitted(self, ack: AsyncAck, body: JSON, view: JSON) -> None:
        """The report modal submitted: closed at once, recorded off the event loop, and the
        reporter thanked privately."""
        async with self.work(body):
            await ack()
            if not await self.new_delivery(body):
                return
            target = ReportTarget.from_metadata(str(view.get("private_metadata") or ""))
            note = report_note(view)
            known = bool(target.answer_id) and await self.core(
                self.envoy.report_problem,
                target.answer_id,
                platform=PLATFORM,
                asker=_user_id(body),
                note=note,
            )
            message = render_report_thanks(note) if known else render_text(say.REPORT_UNKNOWN)
            await self.tell_reporter(body, target, message)

    async def tell_reporter(self, body: JSON, target: ReportTarget, message: Message) -> None:
        """A private message after a modal (which has no response_url of its own): through
        the click's response_url, else as an ephemeral message in its channel, else in the
        app's DM with the user."""
        if target.response_url is not None:
            try:
                await self.respond(
                    target.response_url, message, response_type="ephemeral", replace_original=False
                )
                return
            except DeliveryError as error:  # expired (30 min) or used up: say it elsewhere
                log.warning("could not answer through the click's response_url: %s", error)
        user = _user_id(body)
        if user is None:
            return
        if target.channel is not None:
            await self.client.chat_postEphemeral(
                channel=target.channel, user=user, text=message.text, blocks=message.blocks
            )
            return
        await self.post(user, message)

    # -- the boundary ------------------------------------------------------------------------

    async def on_error(self, error: Exception, body: JSON) -> None:
        """The one boundary handler: log with a reference id, tell the user only that id."""
        async with self.inflight.track():
            reference = secrets.token_hex(4)
            log.error(
                "Slack request failed (reference %s): %s",
                reference,
                type(error).__name__,
                exc_info=error,
                extra={"reference": reference, "platform": PLATFORM},
            )
            try:
                await self._apologise(body, render_apology(reference))
            except Exception:  # the boundary must never raise
                log.warning(
                    "could not deliver the apology (reference %s)", reference, exc_info=True
                )
            # bolt 1.30 clears the listener's ack when this handler returns; its runner polls
            # for the ack every 10 ms, so a listener failing within 10 ms of ack() would turn
            # its 200 into a 404 after 3 s. Outlasting one poll lets the ack through first.
            await asyncio.sleep(ACK_SETTLE_SECONDS)

    async def _apologise(self, body: JSON, apology: Message) -> None:
        view = body.get("view")
        if body.get("type") == "view_submission" and isinstance(view, dict):
            metadata = str(view.get("private_metadata") or "")
            await self.tell_reporter(body, ReportTarget.from_metadata(metadata), apology)
            return
        url = _response_url(body)
        if url is not None:
            await self.respond(url, apology, response_type="ephemeral", replace_original=False)
            return
        event = body.get("event")
        if not isinstance(event, dict) or event.get("type") not in ("app_mention", "message"):
            return
        channel, ts = event.get("channel"), event.get("ts")
        if isinstance(channel, str):
            thread_ts = event.get("thread_ts") or (ts if not channel.startswith("D") else None)
            await self.post(channel, apology, thread_ts=thread_ts)
